package rules

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// ULIndentOptions configures ul-indent.
type ULIndentOptions struct {
	Indent        int  `yaml:"indent" doc:"spaces of indentation for each nesting level"`
	StartIndented bool `yaml:"start_indented" doc:"indent the first level of lists too"`
	StartIndent   int  `yaml:"start_indent" doc:"spaces of indentation of the first level when start_indented is set"`
}

// Validate checks the numbers.
func (o *ULIndentOptions) Validate() error {
	if o.Indent < 1 || o.StartIndent < 0 {
		return fmt.Errorf("indent must be at least 1 and start_indent at least 0")
	}
	return nil
}

// ULIndent is markdownlint's MD007: nested bullets are indented by a fixed
// number of spaces.
var ULIndent = &Rule{
	Name:     "ul-indent",
	Costly:   true,
	Aliases:  []string{"MD007"},
	Tags:     []string{"bullet", "ul", "indentation"},
	Severity: Off,
	Fixable:  true,
	// Its fixes re-indent list items, checked by re-parsing instead.
	ChangesStructure: true,
	Doc: Doc{
		Title: "Unordered list items should be indented by the configured spaces",
		Description: `Reports a bullet list item that is not indented by ` + "`indent`" + ` spaces (2 by default) per
nesting level: top-level items start at the left margin (or at ` + "`start_indent`" + ` with
` + "`start_indented`" + `), their sublists two spaces in, and so on. A list inside an ordered list is not
checked, since the width of a number decides its indentation; inside a block quote the
indentation counts from the quote marker, and in a footnote from its four-space indent.

The fix re-indents the item's marker line. It is offered only when all the fixes of the list
together leave the document's structure as it is: a re-indented item must stay in the same
parent, and no line may move in or out of it.`,
		Examples: []Example{
			{Bad: "* List item\n   * Nested item indented by 3 spaces", Good: "* List item\n  * Nested item indented by 2 spaces"},
		},
	},
	Options: func() any { return &ULIndentOptions{Indent: 2, StartIndent: 2} },
	Run:     runULIndent,
}

func runULIndent(pass *Pass) error {
	opts := OptionsOf[ULIndentOptions](pass)
	v := newStructLines(pass.Document)
	claimed := make(map[int]bool)
	var groups [][]Diagnostic
	var edits [][]Edit
	for _, l := range v.lists() {
		if l.IsOrdered() {
			continue
		}
		nesting, quotes, footnote := 0, 0, false
		checked := true
	ancestors:
		for p := l.Parent(); p != nil; p = p.Parent() {
			switch p.Kind() {
			case ast.KindList:
				if p.(*ast.List).IsOrdered() {
					checked = false
					break ancestors
				}
				nesting++
			case ast.KindBlockquote:
				break ancestors
			}
		}
		if !checked {
			continue
		}
		for p := l.Parent(); p != nil; p = p.Parent() {
			switch p.Kind() {
			case ast.KindBlockquote:
				quotes++
			case east.KindFootnote:
				footnote = true
			}
		}
		expected := nesting * opts.Indent
		if opts.StartIndented {
			expected += opts.StartIndent
		}
		if footnote {
			expected += 4
		}
		var ds []Diagnostic
		fixable := true
		var listEdits []Edit
		for item := l.FirstChild(); item != nil; item = item.NextSibling() {
			pos := v.markerPos(item)
			if pos < 0 || claimed[pos] {
				continue // no marker found, or another item's (tabs confuse positions)
			}
			claimed[pos] = true
			line := v.lineAt(pos)
			base := quoteEnd(v, line, quotes)
			actual := pos - base
			if actual == expected {
				continue
			}
			d := Diagnostic{
				Start:   v.start(line),
				End:     pos + 1,
				Message: fmt.Sprintf("list item indented %d: expected %d", actual, expected),
			}
			if edit, ok := shiftMarker(v, item, actual, expected); ok && actual >= 0 {
				d.Fix = &Fix{Message: fmt.Sprintf("indent by %d", expected), Edits: []Edit{edit}}
				listEdits = append(listEdits, edit)
			} else {
				fixable = false
			}
			ds = append(ds, d)
		}
		if !fixable {
			listEdits = nil
		}
		if len(ds) > 0 {
			groups = append(groups, ds)
			edits = append(edits, listEdits)
		}
	}
	reportSafe(pass, v, groups, edits, keepBlocks)
	return nil
}

// quoteEnd returns the offset after the block quote markers ("> ", with
// the indentation of the containers around them) of line i, at most quotes
// of them (the offset of the line's start if none).
func quoteEnd(v *structLines, i, quotes int) int {
	pos, end := v.start(i), v.end(i)
	last := pos
	for q := 0; q < quotes; q++ {
		j := pos
		for j < end && (v.src[j] == ' ' || v.src[j] == '\t') {
			j++
		}
		if j >= end || v.src[j] != '>' {
			break
		}
		j++
		if j < end && (v.src[j] == ' ' || v.src[j] == '\t') {
			j++
		}
		pos, last = j, j
	}
	return last
}
