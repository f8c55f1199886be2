package rules

import (
	"github.com/yuin/goldmark/ast"
)

// BlanksAroundLists is markdownlint's MD032: a blank line before and after
// each list.
var BlanksAroundLists = &Rule{
	Name:     "blanks-around-lists",
	Aliases:  []string{"MD032"},
	Tags:     []string{"bullet", "ul", "ol", "blank_lines"},
	Severity: Off, // style, not damage: a list interrupts a paragraph and renders the same (624 findings on the corpus)
	Fixable:  true,
	Doc: Doc{
		Title: "Lists must be surrounded by blank lines",
		Description: `Reports a list (not nested in another list) that directly follows or precedes another line
(the start and end of the document, and of a blockquote, count as blank). A lazy continuation
line — text that is not indented but continues the last item's paragraph — is part of the
list. Besides readability, some Markdown processors — kramdown, Jekyll's default — do not start
a list that directly follows a paragraph and render its items as text of the paragraph. The
fix inserts the blank line, with the blockquote markers of the list's line.

A line that holds nothing but Liquid tags (` + "`{% if %}`, `{% endfor %}`" + `) counts as blank: Jekyll
renders it as an empty line before the Markdown processor sees it.

Same semantics as markdownlint's MD032. Off by default: CommonMark processors (Hugo, GitHub)
let a list interrupt a paragraph and render it the same, so it is a style matter there; turn
it on for kramdown.`,
		Examples: []Example{
			{Bad: "Some text\n* List item\n* List item", Good: "Some text\n\n* List item\n* List item"},
			{Bad: "1. List item\n2. List item\n***", Good: "1. List item\n2. List item\n\n***"},
		},
	},
	Run: runBlanksAroundLists,
}

func runBlanksAroundLists(pass *Pass) error {
	v := mdbNewLines(pass.Document)
	var starts []bool
	nl := v.newline()
	inspect(pass.Document, func(n ast.Node) bool {
		list, ok := n.(*ast.List)
		if !ok || list.Pos() < 0 {
			return true
		}
		if starts == nil {
			starts = mdbBlockStarts(v)
		}
		first, last := v.of(list.Pos()), mdbLastLine(v, list, starts)
		if !mdbBlankOrLiquid(v, first-1) {
			s := v.start(first)
			pass.Report(Diagnostic{Start: s, End: v.end(first),
				Message: "list not preceded by a blank line",
				Fix: &Fix{Message: "insert a blank line before the list",
					Edits: []Edit{{Start: s, End: s, NewText: mdbContainerPrefix(v, first) + nl}}}})
		}
		if !mdbBlankOrLiquid(v, last+1) {
			s := v.next(last)
			pass.Report(Diagnostic{Start: v.start(last), End: s,
				Message: "list not followed by a blank line",
				Fix: &Fix{Message: "insert a blank line after the list",
					Edits: []Edit{{Start: s, End: s, NewText: mdbContainerPrefix(v, last) + nl}}}})
		}
		return false // nested lists are part of this one
	})
	return nil
}
