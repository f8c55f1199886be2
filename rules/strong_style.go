package rules

// StrongStyle is markdownlint's MD050.
var StrongStyle = &Rule{
	Name:     "strong-style",
	Aliases:  []string{"MD050"},
	Tags:     []string{"emphasis"},
	Severity: Off, // a matter of taste
	Fixable:  true,
	Doc: Doc{
		Title: "Strong emphasis should use one character",
		Description: `Reports strong emphasis (` + "`**text**`" + ` or ` + "`__text__`" + `) whose delimiters differ from the
configured style; with ` + "`consistent`" + ` (the default) the first strong emphasis sets the style. Strong
emphasis inside a word can only use asterisks and is not reported when the style is
` + "`underscore`" + `. Delimiters inside Liquid or Hugo template syntax are not emphasis.

The fix replaces both delimiters.`,
		Examples: []Example{
			{Bad: "**Text** and __text__", Good: "**Text** and **text**"},
		},
	},
	Options: func() any { return &EmphasisStyleOptions{Style: "consistent"} },
	Run:     func(pass *Pass) error { return runEmphasisStyle(pass, 2, "strong emphasis") },
}
