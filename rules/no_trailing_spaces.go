package rules

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoTrailingSpacesOptions configures no-trailing-spaces.
type NoTrailingSpacesOptions struct {
	BRSpaces           int  `yaml:"br_spaces" doc:"number of trailing spaces allowed for a hard line break (0 or 1: none allowed)"`
	CodeBlocks         bool `yaml:"code_blocks" doc:"also report trailing spaces in code blocks"`
	ListItemEmptyLines bool `yaml:"list_item_empty_lines" doc:"allow spaces on the empty lines of list items"`
	Strict             bool `yaml:"strict" doc:"also report br_spaces spaces where they make no line break (the last line of a paragraph, a heading, a code span)"`
}

// NoTrailingSpaces is markdownlint's MD009.
var NoTrailingSpaces = &Rule{
	Name:     "no-trailing-spaces",
	Aliases:  []string{"MD009"},
	Tags:     []string{"whitespace"},
	Severity: Off,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Lines should not end with whitespace",
		Description: `Reports whitespace at the end of a line. It does not render, except for exactly ` + "`br_spaces`" + `
spaces (2 by default), which make a hard line break; those are allowed unless ` + "`strict`" + ` is set
and they break nothing (the last line of a paragraph). Code blocks are skipped unless
` + "`code_blocks`" + ` is set, and so are the bodies of ` + "`{% raw %}`" + ` and ` + "`{% highlight %}`" + ` blocks and
front matter.

The fix removes the whitespace. Where more than ` + "`br_spaces`" + ` spaces end a line inside a
paragraph (a hard line break), it leaves ` + "`br_spaces`" + ` of them, so the break stays.`,
		Examples: []Example{
			{Bad: "Some text   \nmore text", Good: "Some text  \nmore text", Note: "three spaces: the line break is kept with two"},
			{Bad: "The end. ", Good: "The end."},
		},
	},
	Options: func() any { return &NoTrailingSpacesOptions{BRSpaces: 2} },
	Run:     runNoTrailingSpaces,
}

// jsSpace reports the characters JavaScript's trimEnd removes (besides
// line breaks, which never end a line here).
func jsSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\v', '\f', 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// trailingSpace returns the offset where the trailing whitespace of b
// starts and its length in characters.
func trailingSpace(b []byte) (at, n int) {
	at = len(b)
	for at > 0 {
		r, size := utf8.DecodeLastRune(b[:at])
		if !jsSpace(r) {
			break
		}
		at -= size
		n++
	}
	return at, n
}

func runNoTrailingSpaces(pass *Pass) error {
	opts := OptionsOf[NoTrailingSpacesOptions](pass)
	expected := opts.BRSpaces
	if expected < 2 {
		expected = 0
	}
	v := newStructLines(pass.Document)
	// Lines inside paragraphs but their last: trailing spaces there are a
	// hard line break.
	breakLines := make([]bool, v.n())
	codeSpanLines := make([]bool, v.n())
	var emptyListLines []bool
	if opts.ListItemEmptyLines {
		emptyListLines = make([]bool, v.n())
	}
	for _, n := range v.paragraphs {
		if l := n.Lines(); l.Len() > 1 {
			for k := 0; k < l.Len()-1; k++ {
				breakLines[v.lineAt(l.At(k).Start)] = true
			}
		}
		if !opts.Strict {
			continue
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() == ast.KindCodeSpan {
				s, e := v.lineAt(c.Pos()), v.lineAt(max(markdownInlineEnd(c), c.Pos()))
				for k := s; k < e; k++ {
					codeSpanLines[k] = true
				}
			}
		}
	}
	if emptyListLines != nil {
		for _, n := range v.listNodes {
			for k := v.lineAt(n.Pos()); k <= lastContentLine(v, n); k++ {
				emptyListLines[k] = true
			}
		}
	}
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || !opts.CodeBlocks && v.kinds[i]&(slFenced|slIndented) != 0 {
			continue
		}
		line := v.text(i)
		at, n := trailingSpace(line)
		if n == 0 {
			continue
		}
		if emptyListLines != nil && emptyListLines[i] && at == 0 {
			continue
		}
		if n == expected && (!opts.Strict || breakLines[i] && !codeSpanLines[i]) {
			continue
		}
		start, end := v.start(i)+at, v.start(i)+len(line)
		if pass.InTemplate(start, end) {
			continue
		}
		newText := ""
		what := "trailing spaces"
		if strings.Trim(string(line[at:]), " ") != "" {
			what = "trailing whitespace characters"
		}
		if n == 1 {
			what = strings.Replace(strings.TrimSuffix(what, "s"), "spaces", "space", 1)
		}
		msg := fmt.Sprintf("%d %s", n, what)
		if expected > 0 {
			msg += fmt.Sprintf(" (expected 0 or %d)", expected)
			if breakLines[i] && n > expected && what == "trailing spaces" {
				newText = strings.Repeat(" ", expected) // keep the hard line break
			}
		}
		pass.Report(Diagnostic{
			Start:   start,
			End:     end,
			Message: msg,
			Fix:     &Fix{Message: "remove the trailing whitespace", Edits: []Edit{{Start: start, End: end, NewText: newText}}},
		})
	}
	return nil
}

// markdownInlineEnd returns the end of an inline node's text, or its start.
func markdownInlineEnd(n ast.Node) int {
	end := n.Pos()
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			end = max(end, t.Segment.Stop)
		}
	}
	return end
}

// lastContentLine returns the last line of a block that holds content (its
// trailing blank lines left out).
func lastContentLine(v *structLines, n ast.Node) int {
	last := v.lineAt(n.Pos())
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || c.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		if l := c.Lines(); l != nil && l.Len() > 0 {
			seg := l.At(l.Len() - 1)
			last = max(last, v.lineAt(max(seg.Start, seg.Stop-1)))
		}
		last = max(last, v.lineAt(c.Pos()))
		return ast.WalkContinue, nil
	})
	if fb, ok := lastFenced(n); ok {
		if _, l, closed := v.fenceLines(fb); closed {
			last = max(last, l)
		}
	}
	return last
}

// lastFenced finds the last fenced code block inside n.
func lastFenced(n ast.Node) (*ast.FencedCodeBlock, bool) {
	var fb *ast.FencedCodeBlock
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := c.(*ast.FencedCodeBlock); ok && entering {
			fb = f
		}
		return ast.WalkContinue, nil
	})
	return fb, fb != nil
}
