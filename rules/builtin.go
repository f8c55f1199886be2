package rules

func init() {
	mustRegister(
		PlaceholderLink,


		InvalidDirective,
	)
}
