package rules

// NoMultipleSpaceClosedATX is markdownlint's MD021: one space inside the
// hashes of a closed ATX heading.
var NoMultipleSpaceClosedATX = &Rule{
	Name:     "no-multiple-space-closed-atx",
	Aliases:  []string{"MD021"},
	Tags:     []string{"headings", "atx_closed", "spaces"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Closed ATX headings take one space inside the hashes",
		Description: `Reports a closed ATX heading with more than one space or tab between its text and the
hashes on either side, such as ` + "`##  Heading  ##`" + `. The extra space does not render and is
usually a slip. The fix leaves one space on each side.`,
		Examples: []Example{
			{Bad: "##  Heading  ##", Good: "## Heading ##"},
		},
	},
	Run: runNoMultipleSpaceClosedATX,
}

func runNoMultipleSpaceClosedATX(pass *Pass) error {
	v := newStructLines(pass.Document)
	for _, h := range v.headings() {
		if h.style == "atx_closed" {
			reportHeadingSpace(pass, v, h, h.openEnd, h.textStart, "after the opening hashes")
			reportHeadingSpace(pass, v, h, h.textEnd, h.closeStart, "before the closing hashes")
		}
	}
	return nil
}
