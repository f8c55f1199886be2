// Package markdown holds postlint's one goldmark configuration and the helpers
// that recover source ranges goldmark does not record (link destinations,
// node ends).
//
// goldmark positions are byte offsets into the parsed slice. postlint parses
// the whole source, starting the reader at the body (after the BOM and front
// matter), so every offset in the AST is absolute in the file.
package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
)

// The parser is safe for concurrent use once built; goldmark builds its
// tables on first use under a sync.Once.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.Linkify,
		extension.TaskList,
		extension.Footnote,
	),
	// Rendering (postlint publish --html) keeps raw HTML, as Jekyll does and
	// Hugo with unsafe: true: a post's own HTML is part of the post.
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// Parser returns the shared goldmark instance (GFM and footnotes, no
// typographer), for rendering as well as parsing.
func Parser() goldmark.Markdown { return md }

// Reference is a link reference definition.
type Reference struct {
	Label       string // as written
	Destination string
}

// Parse parses src from offset body on. src may be a copy of the file with
// opaque regions blanked (same length): node segments index both. It returns
// the document and its link reference definitions.
func Parse(src []byte, body int) (ast.Node, []Reference) {
	pc := parser.NewContext()
	root := md.Parser().Parse(bodyReader(src, body), parser.WithContext(pc))
	var refs []Reference
	for _, ref := range pc.References() {
		refs = append(refs, Reference{Label: string(ref.Label()), Destination: string(ref.Destination())})
	}
	return root, refs
}

// bodyReader returns a reader of src positioned at offset body.
func bodyReader(src []byte, body int) text.Reader {
	r := text.NewReader(src)
	for body > 0 {
		_, seg := r.PeekLine()
		if seg.Start >= body || seg.Stop <= seg.Start {
			break
		}
		if seg.Stop <= body {
			r.AdvanceLine()
			continue
		}
		r.Advance(body - seg.Start)
		break
	}
	return r
}

// BlockRange returns the range of a block node's lines: from the first line's
// start to the last line's stop. ok is false for blocks without lines.
func BlockRange(n ast.Node) (start, end int, ok bool) {
	if n.Type() != ast.TypeBlock {
		return 0, 0, false
	}
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return 0, 0, false
	}
	return lines.At(0).Start, lines.At(lines.Len() - 1).Stop, true
}

// InlineLink is the anatomy of an inline link or image in the source:
// [text](destination "title").
type InlineLink struct {
	Start, End         int // the whole construct, from '[' or '!' to past ')'
	TextStart, TextEnd int // inside the brackets
	DestStart, DestEnd int // the destination as written (inside <> if angle-bracketed)
	Angle              bool
}

// ParseInlineLink recovers the source ranges of the link or image node n,
// whose Pos() is its '[' or '!'. It returns ok=false for reference links and
// when the source does not have the inline form at that position.
func ParseInlineLink(src []byte, n ast.Node) (InlineLink, bool) {
	var ref *ast.ReferenceLink
	switch l := n.(type) {
	case *ast.Link:
		ref = l.Reference
	case *ast.Image:
		ref = l.Reference
	default:
		return InlineLink{}, false
	}
	if ref != nil {
		return InlineLink{}, false
	}
	start := n.Pos()
	if start < 0 || start >= len(src) {
		return InlineLink{}, false
	}
	i := start
	if src[i] == '!' {
		i++
	}
	if i >= len(src) || src[i] != '[' {
		return InlineLink{}, false
	}
	textEnd, ok := CloseBracket(src, i)
	if !ok || textEnd+1 >= len(src) || src[textEnd+1] != '(' {
		return InlineLink{}, false
	}
	l := InlineLink{Start: start, TextStart: i + 1, TextEnd: textEnd}
	j := skipSpace(src, textEnd+2)
	if j < len(src) && src[j] == '<' {
		k := j + 1
		for k < len(src) && src[k] != '>' && src[k] != '\n' {
			if src[k] == '\\' {
				k++
			}
			k++
		}
		if k >= len(src) || src[k] != '>' {
			return InlineLink{}, false
		}
		l.DestStart, l.DestEnd, l.Angle = j+1, k, true
		j = k + 1
	} else {
		depth := 0
		k := j
	loop:
		for k < len(src) {
			switch c := src[k]; {
			case c == '\\' && k+1 < len(src):
				k += 2
				continue
			case c == '(':
				depth++
			case c == ')':
				if depth == 0 {
					break loop
				}
				depth--
			case c <= ' ':
				break loop
			}
			k++
		}
		l.DestStart, l.DestEnd = j, k
		j = k
	}
	// Skip an optional title up to the closing parenthesis.
	j = skipSpace(src, j)
	if j < len(src) && (src[j] == '"' || src[j] == '\'' || src[j] == '(') {
		closer := src[j]
		if closer == '(' {
			closer = ')'
		}
		k := j + 1
		for k < len(src) && src[k] != closer {
			if src[k] == '\\' {
				k++
			}
			k++
		}
		j = skipSpace(src, k+1)
	}
	if j >= len(src) || src[j] != ')' {
		return InlineLink{}, false
	}
	l.End = j + 1
	return l, true
}

// CloseBracket returns the offset of the ']' matching the '[' at src[i],
// honouring backslash escapes, nested brackets and code spans.
func CloseBracket(src []byte, i int) (int, bool) {
	depth := 0
	for k := i; k < len(src); k++ {
		switch src[k] {
		case '\\':
			k++
		case '`':
			n := run(src, k, '`')
			if end := bytes.Index(src[k+n:], bytes.Repeat([]byte{'`'}, n)); end >= 0 {
				k += n + end + n - 1
			} else {
				k += n - 1
			}
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return k, true
			}
		}
	}
	return 0, false
}

func run(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

func skipSpace(src []byte, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r') {
		i++
	}
	return i
}

// InlineEnd returns the end offset of an inline node's own text: the maximum
// segment stop among its descendant text nodes, or -1 if it has none.
func InlineEnd(n ast.Node) int {
	end := -1
	Preorder(n, func(c ast.Node) bool {
		switch t := c.(type) {
		case *ast.Text:
			end = max(end, t.Segment.Stop)
		case *ast.RawHTML:
			if t.Segments.Len() > 0 {
				end = max(end, t.Segments.At(t.Segments.Len()-1).Stop)
			}
		}
		return true
	})
	return end
}

// Preorder calls fn for n and every node under it, parents before children;
// when fn returns false, the node's children are skipped. It is ast.Walk
// without the exit events: one call per node, which halves the cost of a
// walk that only looks at nodes on the way in.
func Preorder(n ast.Node, fn func(ast.Node) bool) {
	if !fn(n) {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		Preorder(c, fn)
	}
}
