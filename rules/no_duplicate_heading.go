package rules

import (
	"strings"

	"github.com/yuin/goldmark/ast"
)

// NoDuplicateHeadingOptions configures no-duplicate-heading.
type NoDuplicateHeadingOptions struct {
	SiblingsOnly bool `yaml:"siblings_only" doc:"only report a heading that repeats a sibling: one with the same parent heading (as in changelogs, where each version has its own \"Fixed\" section)"`
}

// NoDuplicateHeading is markdownlint's MD024.
var NoDuplicateHeading = &Rule{
	Name:     "no-duplicate-heading",
	Aliases:  []string{"MD024"},
	Tags:     []string{"headings"},
	Severity: Off,
	Doc: Doc{
		Title: "Headings should not repeat the text of another heading",
		Description: `Reports a heading whose text (as written) is the same as an earlier heading's. Jekyll,
Hugo and GitHub make each heading an anchor from its text, so the second one gets a numbered
anchor (` + "`#setup-1`" + `) that nobody links to on purpose, and a table of contents shows two
identical entries. With ` + "`siblings_only`" + `, a heading only repeats one with the same parent
heading, as in changelogs where every version has its own "Fixed" section.

Off by default: the option's default (every heading, as markdownlint) reports the repeated
section names that reference pages and changelogs are built from ("Example", "Parameters",
"Fixed"), which is noise for most posts; turn it on, with ` + "`siblings_only: true`" + ` where that
structure is intended. There is no automatic fix: only the author can name the section.`,
		Examples: []Example{
			{Bad: "# Setup\n\n## Install\n\n## Install", Good: "# Setup\n\n## Install\n\n## Install plugins"},
		},
	},
	Options: func() any { return &NoDuplicateHeadingOptions{} },
	Run:     runNoDuplicateHeading,
}

func runNoDuplicateHeading(pass *Pass) error {
	siblingsOnly := OptionsOf[NoDuplicateHeadingOptions](pass).SiblingsOnly
	v := newStructLines(pass.Document)
	type seen struct{ line int }
	// known[level] holds the texts seen under the current parent at that
	// level (level 1 only when siblingsOnly is false: one set for all).
	known := make([]map[string]seen, 8)
	known[1] = make(map[string]seen)
	last := 1
	for _, h := range v.headings() {
		text := headingText(v, h)
		set := known[1]
		if siblingsOnly {
			for last < h.level {
				last++
				known[last] = make(map[string]seen)
			}
			for last > h.level {
				known[last] = make(map[string]seen)
				last--
			}
			set = known[h.level]
		}
		if first, ok := set[text]; ok {
			if pass.InTemplate(h.textStart, h.textEnd) {
				continue
			}
			pass.Reportf(h.start, v.end(h.line), "heading \"%s\" repeats the heading on line %d", strings.TrimSpace(text), first.line+1)
			continue
		}
		set[text] = seen{h.line}
	}
	return nil
}

// headingText returns the text of a heading as written, without inline
// HTML, its lines joined by spaces.
func headingText(v *structLines, h structHeading) string {
	var b strings.Builder
	lines := h.node.Lines()
	// Inline HTML directly inside the heading is left out.
	var html [][2]int
	for c := h.node.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := c.(*ast.RawHTML); ok && r.Segments.Len() > 0 {
			html = append(html, [2]int{r.Segments.At(0).Start, r.Segments.At(r.Segments.Len() - 1).Stop})
		}
	}
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		for k := seg.Start; k < seg.Stop; k++ {
			skip := false
			for _, r := range html {
				if k >= r[0] && k < r[1] {
					skip = true
					break
				}
			}
			if !skip {
				b.WriteByte(v.src[k])
			}
		}
	}
	return strings.TrimRight(b.String(), "\r\n")
}
