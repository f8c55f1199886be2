package rules

// NoMultipleSpaceATX is markdownlint's MD019: one space after the hashes.
var NoMultipleSpaceATX = &Rule{
	Name:     "no-multiple-space-atx",
	Aliases:  []string{"MD019"},
	Tags:     []string{"headings", "atx", "spaces"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "ATX headings take one space after the hashes",
		Description: `Reports an ATX heading with more than one space or tab between its opening ` + "`#`" + `s and its
text, such as ` + "`##  Heading`" + `. The extra space does not render; it is usually a slip, and it
makes headings hard to find with a search for ` + "`## Heading`" + `. Closed ATX headings
(` + "`## Heading ##`" + `) are left to no-multiple-space-closed-atx. The fix leaves one space.`,
		Examples: []Example{
			{Bad: "##  Heading", Good: "## Heading"},
		},
	},
	Run: runNoMultipleSpaceATX,
}

func runNoMultipleSpaceATX(pass *Pass) error {
	v := newStructLines(pass.Document)
	for _, h := range v.headings() {
		if h.style == "atx" {
			reportHeadingSpace(pass, v, h, h.openEnd, h.textStart, "after the opening hashes")
		}
	}
	return nil
}

// reportHeadingSpace reports the whitespace [from, to) of heading h when it
// is longer than one character, with a fix that leaves a single space.
func reportHeadingSpace(pass *Pass, v *structLines, h structHeading, from, to int, where string) {
	if h.textEnd <= h.textStart || to-from < 2 {
		return
	}
	for k := from; k < to; k++ {
		if !slSpaceTab(v.src[k]) {
			return
		}
	}
	if pass.InTemplate(from, to) {
		return
	}
	pass.Report(Diagnostic{
		Start:   h.start,
		End:     v.end(h.line),
		Message: "more than one space " + where + " of the heading",
		Fix:     &Fix{Message: "leave one space", Edits: []Edit{{Start: from, End: to, NewText: " "}}},
	})
}
