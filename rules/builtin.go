package rules

func init() {
	mustRegister(
		PlaceholderLink,
		Misspelling,
		Mojibake,
		InvalidDirective,
	)
}
