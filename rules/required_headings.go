package rules

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// RequiredHeadingsOptions configures required-headings.
type RequiredHeadingsOptions struct {
	Headings  []string `yaml:"headings" doc:"the required headings in order, written \"## Text\" whatever the document's heading style; \"*\" stands for any number of headings, \"+\" for one or more, \"?\" for exactly one"`
	MatchCase bool     `yaml:"match_case" doc:"compare the heading text with its case"`
}

// RequiredHeadings is markdownlint's MD043.
var RequiredHeadings = &Rule{
	Name:     "required-headings",
	Aliases:  []string{"MD043"},
	Tags:     []string{"headings"},
	Severity: Off, // needs a list of headings; setting one turns it on
	Doc: Doc{
		Title: "Documents should have the required heading structure",
		Description: `Reports the first heading that does not match the configured list of headings, or the end
of the document when required headings are missing. Use it to enforce a common structure
on a set of similar documents (release notes, recipes, API pages). Headings are written
` + "`## Text`" + ` in the list but may use any style in the document; ` + "`*`" + ` matches any number of headings,
` + "`+`" + ` one or more and ` + "`?`" + ` exactly one. Inline HTML is left out of the heading text, and the
comparison ignores case unless ` + "`match_case`" + ` is set. With no list (the default) nothing is
checked.`,
		Examples: []Example{
			{Bad: "# Project\n## Examples\n## Description", Good: "# Project\n## Description\n## Examples", Note: "with headings: [\"?\", \"## Description\", \"## Examples\"]"},
		},
	},
	Options: func() any { return &RequiredHeadingsOptions{} },
	Run:     runRequiredHeadings,
}

func runRequiredHeadings(pass *Pass) error {
	opts := OptionsOf[RequiredHeadingsOptions](pass)
	required := opts.Headings
	if required == nil {
		return nil
	}
	d := pass.Document
	src := d.Source
	fold := func(s string) string {
		if opts.MatchCase {
			return s
		}
		return strings.ToLower(s)
	}
	i := 0
	next := func() string {
		i++
		if i-1 < len(required) && required[i-1] != "" {
			return required[i-1]
		}
		return "[None]"
	}
	matchAny, failed, anyHeadings := false, false, false
	_ = ast.Walk(d.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || failed {
			return ast.WalkContinue, nil
		}
		h, ok := n.(*ast.Heading)
		if !ok {
			return ast.WalkContinue, nil
		}
		anyHeadings = true
		actual := strings.Repeat("#", h.Level) + " " + headingSourceText(src, h)
		switch expected := next(); {
		case expected == "*":
			if fold(next()) != fold(actual) {
				matchAny = true
				i--
			}
		case expected == "+":
			matchAny = true
		case expected == "?":
		case fold(expected) == fold(actual):
			matchAny = false
		case matchAny:
			i--
		default:
			start, end, _ := headingLineRange(d, h)
			pass.Reportf(start, end, "heading %q should be %q", actual, expected)
			failed = true
		}
		return ast.WalkSkipChildren, nil
	})
	extra := len(required) - i
	onlyStars := true
	for _, r := range required {
		onlyStars = onlyStars && r == "*"
	}
	if !failed && (extra > 1 || extra == 1 && required[i] != "*") && (anyHeadings || !onlyStars) {
		end := len(src)
		start := d.LineStarts[len(d.LineStarts)-1]
		missing := required[i]
		for _, r := range required[i:] {
			if r != "*" && r != "+" && r != "?" {
				missing = r
				break
			}
		}
		pass.Reportf(start, end, "required heading %q is missing", missing)
	}
	return nil
}

// headingSourceText returns a heading's content as written, without inline
// HTML, its lines joined by spaces (markdownlint's getHeadingText).
func headingSourceText(src []byte, h *ast.Heading) string {
	var html [][2]int
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindRawHTML {
			if s, e, ok := mdcSpan(src, c); ok {
				html = append(html, [2]int{s, e})
			}
		}
	}
	sort.Slice(html, func(a, b int) bool { return html[a][0] < html[b][0] })
	lines := h.Lines()
	var b strings.Builder
	for k := 0; k < lines.Len(); k++ {
		seg := lines.At(k)
		if k > 0 {
			b.WriteByte(' ')
		}
		stop := seg.Stop
		for stop > seg.Start && (src[stop-1] == '\n' || src[stop-1] == '\r') {
			stop--
		}
		for p := seg.Start; p < stop; p++ {
			inHTML := false
			for _, r := range html {
				if p >= r[0] && p < r[1] {
					inHTML = true
					p = r[1] - 1
					break
				}
			}
			if !inHTML {
				b.WriteByte(src[p])
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// headingLineRange returns the range of a heading's first line.
func headingLineRange(d *Document, h *ast.Heading) (start, end int, ok bool) {
	p := h.Pos()
	if lines := h.Lines(); lines.Len() > 0 {
		p = lines.At(0).Start
	}
	if p < 0 {
		return 0, 0, false
	}
	line := mdcLine(d, p)
	return d.LineStarts[line], mdcLineEnd(d, line), true
}
