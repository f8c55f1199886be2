package rules

// The prose rules: checks of the words themselves, beyond Markdown syntax.
func init() {
	mustRegister(
		RepeatedWord,
		IndefiniteArticle,
		ProductNames,
		EmptyFrontMatterValue,
		FrontMatterSchema,
		NoTodo,
		SentenceSpacing,
		Typography,
		Spelling,
	)
}
