package rules

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// NoMultipleSpaceBlockquoteOptions configures no-multiple-space-blockquote.
type NoMultipleSpaceBlockquoteOptions struct {
	ListItems bool `yaml:"list_items" doc:"also check list items in blockquotes (their indentation is hard to infer)"`
}

// NoMultipleSpaceBlockquote is markdownlint's MD027: one space after the
// blockquote marker.
var NoMultipleSpaceBlockquote = &Rule{
	Name:     "no-multiple-space-blockquote",
	Aliases:  []string{"MD027"},
	Tags:     []string{"blockquote", "whitespace", "indentation"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Blockquote markers must be followed by a single space",
		Description: `Reports white space beyond the one space that follows a blockquote marker ` + "`>`" + `, on the
lines of paragraphs, headings, fences, rules, nested blockquotes and list items of the
blockquote, and on its blank lines. Indented code blocks inside blockquotes are left alone, as
are the lines inside list items (with ` + "`list_items: false`" + `, list items are skipped
entirely). The fix removes the extra white space.

Same semantics and options as markdownlint's MD027. Off by default: cosmetic, the rendering
does not change.`,
		Examples: []Example{
			{Bad: ">  This is a blockquote with bad indentation\n>  there should only be one.", Good: "> This is a blockquote with correct\n> indentation."},
		},
	},
	Options: func() any { return &NoMultipleSpaceBlockquoteOptions{ListItems: true} },
	Run:     runNoMultipleSpaceBlockquote,
}

func runNoMultipleSpaceBlockquote(pass *Pass) error {
	opts := OptionsOf[NoMultipleSpaceBlockquoteOptions](pass)
	v := mdbNewLines(pass.Document)
	var starts []bool
	reported := make(map[int]bool) // by start offset
	report := func(content int) {
		q, extra, ok := mdbExtraQuoteSpace(v, content)
		if !ok || reported[q] {
			return
		}
		reported[q] = true
		msg := "1 extra space after the blockquote marker"
		if extra-q > 1 {
			msg = "extra white space after the blockquote marker"
		}
		pass.Report(Diagnostic{Start: q, End: extra, Message: msg,
			Fix: &Fix{Message: "keep one space after >", Edits: []Edit{{Start: q, End: extra}}}})
	}
	inspect(pass.Document, func(n ast.Node) bool {
		q, ok := n.(*ast.Blockquote)
		if !ok {
			return true
		}
		if !opts.ListItems && mdbInList(q) {
			return false
		}
		if starts == nil {
			starts = mdbBlockStarts(v)
		}
		busy := make(map[int]bool) // lines that belong to a child block where blank lines are content
		for c := q.FirstChild(); c != nil; c = c.NextSibling() {
			first, last := v.of(mdbBlockStart(c)), mdbLastLine(v, c, starts)
			switch b := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				l := b.Lines()
				for i := 0; i < l.Len(); i++ {
					report(l.At(i).Start)
				}
			case *ast.Heading:
				l := b.Lines()
				for i := 0; i < l.Len(); i++ {
					report(l.At(i).Start)
				}
				if p := b.Pos(); p >= 0 && v.src[p] == '#' {
					report(p)
				} else if last < v.n() {
					report(v.start(last) + mdbIndentEnd(v.text(last)))
				}
			case *ast.ThematicBreak:
				report(b.Pos())
			case *ast.FencedCodeBlock:
				report(b.Pos())
				if _, _, indented := mdbExtraQuoteSpace(v, b.Pos()); !indented {
					break // no fence indentation, so none stripped from the content
				}
				l := b.Lines()
				for i := 0; i < l.Len(); i++ {
					if s := l.At(i); len(bytes.TrimSpace(v.src[s.Start:s.Stop])) > 0 {
						report(s.Start)
					}
				}
			case *ast.List:
				if opts.ListItems {
					for it := b.FirstChild(); it != nil; it = it.NextSibling() {
						report(it.Pos())
					}
				}
				// Blank lines after a list belong to it.
				for last+1 < v.n() && len(bytes.Trim(v.text(last+1), " \t>")) == 0 {
					last++
				}
			case *ast.Blockquote:
				depth := mdbQuoteDepth(v, b.Pos())
				for i := first; i <= last; i++ {
					if p := mdbNthMarker(v, i, depth); p >= 0 {
						report(p)
					}
				}
			}
			for i := first; i <= last; i++ {
				busy[i] = true
			}
		}
		// Blank lines of the blockquote itself.
		first, last := v.of(q.Pos()), mdbLastLine(v, q, starts)
		for last+1 < v.n() && bytes.IndexByte(v.text(last+1), '>') >= 0 && len(bytes.Trim(v.text(last+1), " \t>")) == 0 {
			last++
		}
		for i := first; i <= last; i++ {
			t := v.text(i)
			if busy[i] || len(bytes.Trim(t, " \t>")) > 0 {
				continue
			}
			if k := bytes.LastIndexByte(t, '>'); k >= 0 && k+1 < len(t) {
				report(v.start(i) + len(t))
			}
		}
		return true
	})
	return nil
}

// mdbExtraQuoteSpace finds the white space between a blockquote marker and
// the content at offset content: [q, extra) is what follows the marker's one
// space. ok is false when the content is not preceded by a marker on its
// line (a lazy continuation line) or there is nothing extra.
func mdbExtraQuoteSpace(v *mdbLines, content int) (q, extra int, ok bool) {
	if content < 0 || content > len(v.src) {
		return 0, 0, false
	}
	ls := v.start(v.of(content))
	q = content
	for q > ls && (v.src[q-1] == ' ' || v.src[q-1] == '\t') {
		q--
	}
	if q == ls || v.src[q-1] != '>' || q == content || v.src[q] != ' ' {
		return 0, 0, false
	}
	if q+1 == content {
		return 0, 0, false
	}
	return q + 1, content, true
}

// mdbIndentEnd returns the length of the leading blockquote markers and white
// space of a line.
func mdbIndentEnd(line []byte) int {
	return len(line) - len(bytes.TrimLeft(line, " \t>"))
}

// mdbQuoteDepth counts the blockquote markers before offset p on its line.
func mdbQuoteDepth(v *mdbLines, p int) int {
	return bytes.Count(v.src[v.start(v.of(p)):p], []byte(">"))
}

// mdbNthMarker returns the offset of the depth+1-th blockquote marker among
// the leading markers and white space of line i, or -1.
func mdbNthMarker(v *mdbLines, i, depth int) int {
	t := v.text(i)
	seen := 0
	for k, c := range t {
		switch c {
		case '>':
			if seen == depth {
				return v.start(i) + k
			}
			seen++
		case ' ', '\t':
		default:
			return -1
		}
	}
	return -1
}
