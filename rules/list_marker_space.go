package rules

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// ListMarkerSpaceOptions configures list-marker-space.
type ListMarkerSpaceOptions struct {
	ULSingle int `yaml:"ul_single" doc:"spaces after the marker of a bullet list whose items are all one line"`
	OLSingle int `yaml:"ol_single" doc:"spaces after the marker of an ordered list whose items are all one line"`
	ULMulti  int `yaml:"ul_multi" doc:"spaces after the marker of other bullet lists"`
	OLMulti  int `yaml:"ol_multi" doc:"spaces after the marker of other ordered lists"`
}

// Validate checks the options.
func (o *ListMarkerSpaceOptions) Validate() error {
	for _, n := range []int{o.ULSingle, o.OLSingle, o.ULMulti, o.OLMulti} {
		if n < 0 {
			return fmt.Errorf("spaces after a list marker cannot be negative (%d)", n)
		}
	}
	return nil
}

// ListMarkerSpace is markdownlint's MD030: the spaces between a list marker
// and the item's text.
var ListMarkerSpace = &Rule{
	Name:     "list-marker-space",
	Aliases:  []string{"MD030"},
	Tags:     []string{"ol", "ul", "whitespace"},
	Severity: Off,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "List markers must be followed by the configured number of spaces",
		Description: `Checks the spaces between a list marker (` + "`-`, `*`, `+`, `1.`" + `) and the item's text: one
by default; the options set it separately for bullet and ordered lists, and for lists whose
items are all a single line (` + "`ul_single`, `ol_single`" + `) and the others (` + "`ul_multi`, `ol_multi`" + `), as
some style guides ask for ` + "`*   Foo`" + ` in lists of paragraphs.

The fix sets the number of spaces when that cannot move the item's content: always for a
one-line item, and for a longer item when the text moves left and the item holds no indented
code block.

Same semantics and options as markdownlint's MD030. Off by default: a style matter.`,
		Examples: []Example{
			{Bad: "*   Foo\n*   Bar", Good: "* Foo\n* Bar"},
			{Bad: "1.  Foo\n2.  Bar", Good: "1. Foo\n2. Bar"},
		},
	},
	Options: func() any { return &ListMarkerSpaceOptions{ULSingle: 1, OLSingle: 1, ULMulti: 1, OLMulti: 1} },
	Run:     runListMarkerSpace,
}

func runListMarkerSpace(pass *Pass) error {
	opts := OptionsOf[ListMarkerSpaceOptions](pass)
	src := pass.Source
	v := mdbNewLines(pass.Document)
	starts := mdbBlockStarts(v)
	inspect(pass.Document, func(n ast.Node) bool {
		list, ok := n.(*ast.List)
		if !ok || list.Pos() < 0 {
			return true
		}
		items := list.ChildCount()
		single := mdbLastLine(v, list, starts)-v.of(list.Pos())+1 == items
		want := opts.ULMulti
		switch {
		case list.IsOrdered() && single:
			want = opts.OLSingle
		case list.IsOrdered():
			want = opts.OLMulti
		case single:
			want = opts.ULSingle
		}
		want = max(want, 1) // 0 means the default, as in markdownlint
		for it := list.FirstChild(); it != nil; it = it.NextSibling() {
			mEnd := it.Pos()
			for mEnd < len(src) && src[mEnd] >= '0' && src[mEnd] <= '9' {
				mEnd++
			}
			mEnd++ // the bullet or the delimiter
			if mEnd > len(src) {
				continue
			}
			ws := mEnd
			for ws < len(src) && (src[ws] == ' ' || src[ws] == '\t') {
				ws++
			}
			if ws == mEnd || ws == len(src) || src[ws] == '\n' || src[ws] == '\r' {
				continue // no text on the marker's line
			}
			got := ws - mEnd
			if got >= 5 {
				got = 1 // the item starts with indented code
			}
			if got == want {
				continue
			}
			d := Diagnostic{Start: it.Pos(), End: ws,
				Message: fmt.Sprintf("%d spaces after the list marker, want %d", got, want)}
			if got == 1 && ws-mEnd >= 5 {
				d.Message = fmt.Sprintf("1 space after the list marker (the item starts with indented code), want %d", want)
			} else if want >= 5 {
				// So many spaces would turn the text into indented code.
			} else if mdbLastLine(v, it, starts) == v.of(it.Pos()) || (want < got && !mdbHasIndentedCode(it)) {
				d.Fix = &Fix{Message: fmt.Sprintf("use %d spaces", want), Edits: []Edit{{Start: mEnd, End: ws, NewText: strings.Repeat(" ", want)}}}
			}
			if got == 1 {
				d.Message = strings.Replace(d.Message, "1 spaces", "1 space", 1)
			}
			pass.Report(d)
		}
		return true
	})
	return nil
}

// mdbHasIndentedCode reports whether n contains an indented code block,
// whose content would change if the item's text moved.
func mdbHasIndentedCode(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c.Kind() == ast.KindCodeBlock {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}
