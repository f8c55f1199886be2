package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// ListIndent is markdownlint's MD005: the items of one list start at the
// same column.
var ListIndent = &Rule{
	Name:     "list-indent",
	Costly:   true,
	Aliases:  []string{"MD005"},
	Tags:     []string{"bullet", "ul", "indentation"},
	Severity: Off,
	Fixable:  true,
	// Its fixes re-indent list items, checked by re-parsing instead.
	ChangesStructure: true,
	Doc: Doc{
		Title: "Items of the same list should be indented the same",
		Description: `Reports a list item that does not start at the same column as the first item of its list,
usually a typo that other Markdown parsers read as a nested list. Ordered lists may instead
right-align their numbers (` + "` 9.`" + `, ` + "`10.`" + `): once an item ends where the first one ends, the
list is taken as right-aligned.

The fix moves the marker of an ordered list item to the expected column (unordered lists are
left to ul-indent, which knows the nesting). It is offered only when every fix of the list
together leaves the document's structure as it is.`,
		Examples: []Example{
			{Bad: "* Item 1\n  * Nested 1\n   * Nested 2", Good: "* Item 1\n  * Nested 1\n  * Nested 2"},
			{Bad: "1. One\n 2. Two", Good: "1. One\n2. Two"},
		},
	},
	Run: runListIndent,
}

func runListIndent(pass *Pass) error {
	v := newStructLines(pass.Document)
	claimed := make(map[int]bool)
	var groups [][]Diagnostic
	var edits [][]Edit
	for _, l := range v.lists() {
		first := l.FirstChild()
		if first == nil || v.markerPos(first) < 0 {
			continue
		}
		expected := v.column(v.markerPos(first))
		expectedEnd := 0
		endMatching := false
		var ds []Diagnostic
		fixable := true
		for item := first; item != nil; item = item.NextSibling() {
			pos := v.markerPos(item)
			if pos < 0 || claimed[pos] {
				continue // no marker found, or another item's (tabs confuse positions)
			}
			claimed[pos] = true
			line := v.lineAt(pos)
			actual := v.column(pos)
			d := Diagnostic{Start: v.start(line), End: pos + slMarkerWidth(v.src, pos)}
			if !l.IsOrdered() {
				if actual != expected {
					d.Message = fmt.Sprintf("list item indented %d: expected %d, like the first item of its list", actual, expected)
					ds = append(ds, d)
				}
				continue
			}
			width := slMarkerWidth(v.src, pos)
			actualEnd := actual + width
			if expectedEnd == 0 {
				expectedEnd = actualEnd
			}
			if actual == expected && !endMatching {
				continue
			}
			if actualEnd == expectedEnd {
				endMatching = true
				continue
			}
			want := expected
			if endMatching {
				want = expectedEnd - width
				d.Message = fmt.Sprintf("list item number ends at column %d: expected %d, like the first item of its list", actualEnd, expectedEnd)
			} else {
				d.Message = fmt.Sprintf("list item indented %d: expected %d, like the first item of its list", actual, expected)
			}
			if edit, ok := shiftMarker(v, item, actual, want); ok {
				d.Fix = &Fix{Message: "move the item to column " + fmt.Sprint(want+1), Edits: []Edit{edit}}
			} else {
				fixable = false
			}
			ds = append(ds, d)
		}
		var listEdits []Edit
		for _, d := range ds {
			if d.Fix != nil && fixable {
				listEdits = append(listEdits, d.Fix.Edits...)
			}
		}
		if len(ds) > 0 {
			groups = append(groups, ds)
			edits = append(edits, listEdits)
		}
	}
	reportSafe(pass, v, groups, edits, keepBlocks)
	return nil
}

// shiftMarker returns the edit that moves the marker of item from column
// actual to column want by removing or adding spaces before it.
func shiftMarker(v *structLines, item ast.Node, actual, want int) (Edit, bool) {
	pos := v.markerPos(item)
	if want < 0 || pos < 0 || bytes.IndexByte(v.src[v.start(v.lineAt(pos)):pos], '\t') >= 0 {
		return Edit{}, false
	}
	if actual > want {
		for k := pos - (actual - want); k < pos; k++ {
			if v.src[k] != ' ' {
				return Edit{}, false
			}
		}
		return Edit{Start: pos - (actual - want), End: pos}, true
	}
	return Edit{Start: pos, End: pos, NewText: strings.Repeat(" ", want-actual)}, true
}

// reportSafe reports groups of diagnostics (one group per list), keeping the
// fixes of the groups whose edits, applied with the others kept, leave the
// document's structure as it is (see safeGroups). A group without edits is
// reported without fixes.
func reportSafe(pass *Pass, v *structLines, groups [][]Diagnostic, edits [][]Edit, keep structureCheck) {
	ok := v.safeGroups(edits, keep)
	for i, ds := range groups {
		for _, d := range ds {
			if !ok[i] {
				d.Fix = nil
			}
			pass.Report(d)
		}
	}
}
