package rules

// HeadingStartLeft is markdownlint's MD023: headings are not indented.
var HeadingStartLeft = &Rule{
	Name:     "heading-start-left",
	Aliases:  []string{"MD023"},
	Tags:     []string{"headings", "spaces"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Headings must start at the beginning of the line",
		Description: `Reports a heading indented by one to three spaces, such as ` + "`  # Heading`" + `. CommonMark
accepts it, but other parsers take it for text, and four spaces make it a code block, so an
indented heading is fragile. Inside a list item or a block quote the indentation is counted
from where the container's content starts (` + "`> # Heading`" + ` is fine). The fix removes the
indentation.`,
		Examples: []Example{
			{Bad: "Some text\n\n  # Heading", Good: "Some text\n\n# Heading"},
		},
	},
	Run: runHeadingStartLeft,
}

func runHeadingStartLeft(pass *Pass) error {
	v := newStructLines(pass.Document)
	for _, h := range v.headings() {
		cs, ok := v.containerStart(h.node, h.line)
		if !ok || cs >= h.start {
			continue
		}
		indented := true
		for k := cs; k < h.start; k++ {
			if !slSpaceTab(v.src[k]) {
				indented = false
			}
		}
		if !indented || pass.InTemplate(cs, h.start) {
			continue
		}
		pass.Report(Diagnostic{
			Start:   cs,
			End:     v.end(h.line),
			Message: "heading is indented: start it at the beginning of the line",
			Fix:     &Fix{Message: "remove the indentation", Edits: []Edit{{Start: cs, End: h.start}}},
		})
	}
	return nil
}
