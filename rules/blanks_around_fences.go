package rules

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// BlanksAroundFencesOptions configures blanks-around-fences.
type BlanksAroundFencesOptions struct {
	ListItems bool `yaml:"list_items" doc:"also check fenced code blocks in list items (false allows them in tight lists)"`
}

// BlanksAroundFences is markdownlint's MD031: a blank line before and after
// each fenced code block.
var BlanksAroundFences = &Rule{
	Name:     "blanks-around-fences",
	Aliases:  []string{"MD031"},
	Tags:     []string{"code", "blank_lines"},
	Severity: Off, // style, not damage: a fence interrupts a paragraph and renders the same (1,597 findings on the corpus)
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Fenced code blocks must be surrounded by blank lines",
		Description: `Reports a fenced code block that directly follows or precedes another line (the start and end
of the document, and of a blockquote, count as blank). Besides readability, some Markdown
processors — kramdown, Jekyll's default — do not recognize a fence that is not preceded by a
blank line and render it as text of the paragraph before. The fix inserts the blank line,
with the blockquote markers of the fence's line.

A line that holds nothing but Liquid tags (` + "`{% if x %}`, `{% endif %}`" + `) counts as blank: Jekyll
renders it as an empty line before the Markdown processor sees it.

Same semantics and options as markdownlint's MD031. Off by default: CommonMark processors
(Hugo, GitHub) let a fence interrupt a paragraph and render it the same, so it is a style
matter there; turn it on for kramdown.`,
		Examples: []Example{
			{Bad: "Some text\n```\nCode block\n```\nSome more text", Good: "Some text\n\n```\nCode block\n```\n\nSome more text"},
		},
	},
	Options: func() any { return &BlanksAroundFencesOptions{ListItems: true} },
	Run:     runBlanksAroundFences,
}

func runBlanksAroundFences(pass *Pass) error {
	opts := OptionsOf[BlanksAroundFencesOptions](pass)
	v := mdbNewLines(pass.Document)
	var starts []bool
	nl := v.newline()
	inspect(pass.Document, func(n ast.Node) bool {
		f, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return true
		}
		if !opts.ListItems && mdbInList(f) {
			return false
		}
		if starts == nil {
			starts = mdbBlockStarts(v)
		}
		fc := mdbFenceOf(v, f, starts)
		if !mdbBlankOrLiquid(v, fc.open-1) {
			s := v.start(fc.open)
			pass.Report(Diagnostic{Start: s, End: v.end(fc.open),
				Message: "fenced code block not preceded by a blank line",
				Fix: &Fix{Message: "insert a blank line before the fence",
					Edits: []Edit{{Start: s, End: s, NewText: mdbContainerPrefix(v, fc.open) + nl}}}})
		}
		if !mdbBlankOrLiquid(v, fc.close+1) && !v.blank(fc.close) {
			what := "fenced code block not followed by a blank line"
			if !fc.closed {
				what = "fenced code block (not closed) not followed by a blank line"
			}
			s := v.next(fc.close)
			pass.Report(Diagnostic{Start: v.start(fc.close), End: s, Message: what,
				Fix: &Fix{Message: "insert a blank line after the fence",
					Edits: []Edit{{Start: s, End: s, NewText: mdbContainerPrefix(v, fc.close) + nl}}}})
		}
		return false
	})
	return nil
}

// mdbBlankOrLiquid reports whether line i is blank for the blanks-around
// rules: blank as markdownlint sees it, or nothing but Liquid tags, which
// Jekyll renders as an empty line.
func mdbBlankOrLiquid(v *mdbLines, i int) bool {
	return v.blank(i) || v.liquidOnly(i)
}

// mdbContainerPrefix returns what a blank line inserted next to line i needs
// to stay inside the same blockquotes: the line's leading blockquote markers
// and indentation, list markers turned to spaces, without trailing space.
func mdbContainerPrefix(v *mdbLines, i int) string {
	t := v.text(i)
	k := 0
	for k < len(t) && (t[k] == ' ' || t[k] == '\t' || t[k] == '>') {
		k++
	}
	prefix := t[:k]
	if bytes.IndexByte(prefix, '>') < 0 {
		return ""
	}
	return string(bytes.TrimRight(prefix, " \t"))
}
