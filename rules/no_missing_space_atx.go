package rules

import (
	"bytes"
)

// NoMissingSpaceATX is markdownlint's MD018: "#Heading" is not a heading.
var NoMissingSpaceATX = &Rule{
	Name:     "no-missing-space-atx",
	Aliases:  []string{"MD018"},
	Tags:     []string{"headings", "atx", "spaces"},
	Severity: Warning,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "ATX headings need a space after the hashes",
		Description: `Reports a line that starts with ` + "`#`" + ` followed directly by text, such as ` + "`#Heading`" + `.
CommonMark (and so Jekyll, Hugo and GitHub) renders it as a paragraph with a literal ` + "`#`" + `,
although older Markdown took it for a heading: the author almost always meant a heading.

Only lines of Markdown are checked: not code blocks, HTML blocks, front matter or template
bodies. Lines that end in ` + "`#`" + ` are left to no-missing-space-closed-atx, and ` + "`#️⃣`" + ` is an emoji.
The fix inserts the space.`,
		Examples: []Example{
			{Bad: "#Introduction", Good: "# Introduction"},
		},
	},
	Run: runNoMissingSpaceATX,
}

func runNoMissingSpaceATX(pass *Pass) error {
	v := newStructLines(pass.Document)
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || v.kinds[i]&(slCode|slHTML) != 0 {
			continue
		}
		line := v.text(i)
		n := 0
		for n < len(line) && line[n] == '#' {
			n++
		}
		if n == 0 || n == len(line) || line[n] == ' ' || line[n] == '\t' || line[n] == '#' {
			continue
		}
		if endsWithHash(line) || bytes.HasPrefix(line, []byte("#\uFE0F\u20E3")) {
			continue
		}
		start := v.start(i)
		if pass.InTemplate(start, start+n+1) {
			continue
		}
		pass.Report(Diagnostic{
			Start:   start,
			End:     start + n + 1,
			Message: "no space after the hashes of an ATX heading (CommonMark renders it as text)",
			Fix:     &Fix{Message: "insert a space", Edits: []Edit{{Start: start + n, End: start + n, NewText: " "}}},
		})
	}
	return nil
}

// endsWithHash reports whether line ends with '#' and optional whitespace.
func endsWithHash(line []byte) bool {
	t := bytes.TrimRight(line, " \t\r\f\v")
	return len(t) > 0 && t[len(t)-1] == '#'
}
