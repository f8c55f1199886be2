// Package document builds the model every rule sees: the source read once, its
// front matter, its template syntax, its goldmark AST and its prose chunks.
// Nothing here mutates the source.
package document

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/frontmatter"
	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/rules"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Load parses src (the complete file named path) into a document.
func Load(path string, src []byte) *rules.Document {
	d := &rules.Document{
		Path:       path,
		Source:     src,
		BOM:        bytes.HasPrefix(src, bom),
		ValidUTF8:  utf8.Valid(src),
		LineStarts: lineStarts(src),
	}
	if d.BOM {
		d.BodyStart = len(bom)
	}
	if fm := frontmatter.Parse(src); fm != nil {
		d.FrontMatter = convertFrontMatter(fm)
		d.BodyStart = fm.BodyStart
	}

	spans := liquid.Scan(src, d.BodyStart)
	d.Templates = make([]rules.Template, len(spans))
	parseSrc := src
	for i, sp := range spans {
		d.Templates[i] = rules.Template{Start: sp.Start, End: sp.End, Kind: sp.Kind.String(), Name: sp.Name}
		if sp.Kind == liquid.Body {
			// The body of {% raw %} and friends is not Markdown: parse a
			// copy with it blanked (newlines kept, so offsets and lines
			// stay the same).
			if &parseSrc[0] == &src[0] {
				parseSrc = bytes.Clone(src)
			}
			for k := sp.Start; k < sp.End; k++ {
				if c := parseSrc[k]; c != '\n' && c != '\r' {
					parseSrc[k] = ' '
				}
			}
		}
	}

	root, refs := markdown.Parse(parseSrc, d.BodyStart)
	d.AST = root
	d.References = make(map[string]string, len(refs))
	for _, r := range refs {
		d.References[rules.NormalizeLabel(r.Label)] = r.Destination
	}
	d.Prose = proseChunks(d)
	return d
}

func lineStarts(src []byte) []int {
	starts := make([]int, 1, 1+len(src)/32)
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return starts
		}
		i += j + 1
		starts = append(starts, i)
	}
}

func convertFrontMatter(b *frontmatter.Block) *rules.FrontMatter {
	fm := &rules.FrontMatter{
		Format: string(b.Format),
		Start:  b.Start,
		End:    b.End,
		Data:   b.Data,
	}
	if b.Err != nil {
		fm.Err = b.Err
	}
	fm.Values = make([]rules.FrontMatterValue, len(b.Values))
	for i, v := range b.Values {
		fm.Values[i] = rules.FrontMatterValue{
			Path:     v.Path,
			KeyStart: v.KeyStart,
			KeyEnd:   v.KeyEnd,
			Start:    v.Start,
			End:      v.End,
			Kind:     v.Kind.String(),
			Text:     v.Text,
			Escapes:  v.Escapes,
		}
	}
	return fm
}

// proseChunks returns the prose of d: front matter strings first, then one
// chunk per paragraph, heading and table cell of the body, in source order.
func proseChunks(d *rules.Document) []rules.Chunk {
	// About one chunk per three lines on the corpus: one allocation for
	// most documents instead of a dozen growing copies.
	chunks := make([]rules.Chunk, 0, len(d.LineStarts)/3+8)
	src := d.Source
	if fm := d.FrontMatter; fm != nil {
		for _, v := range fm.Values {
			if v.Kind != "string" || v.End <= v.Start {
				continue
			}
			c := rules.Chunk{Kind: rules.FrontMatterString, Start: v.Start, End: v.End, Key: strings.Join(v.Path, ".")}
			c.Text = bytes.Clone(src[v.Start:v.End])
			for _, e := range v.Escapes {
				maskRange(&c, e[0], e[1])
			}
			for _, sp := range liquid.Scan(src[:v.End], v.Start) {
				maskRange(&c, sp.Start, sp.End)
			}
			chunks = append(chunks, c)
		}
	}
	markdown.Preorder(d.AST, func(n ast.Node) bool {
		var kind rules.ChunkKind
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			kind = rules.Paragraph
		case ast.KindHeading:
			kind = rules.Heading
		case east.KindTableCell:
			kind = rules.TableCell
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return false
		default:
			return true
		}
		if c, ok := chunkOf(d, n, kind); ok {
			chunks = append(chunks, c)
		}
		return false
	})
	return chunks
}

// chunkOf builds the chunk of an inline-holding block: every byte masked, then
// the text nodes that are prose unmasked, then template syntax masked again.
func chunkOf(d *rules.Document, n ast.Node, kind rules.ChunkKind) (rules.Chunk, bool) {
	start, end := -1, -1
	if s, e, ok := markdown.BlockRange(n); ok {
		start, end = s, e
	}
	type seg struct{ s, e int }
	var texts []seg
	markdown.Preorder(n, func(c ast.Node) bool {
		switch t := c.(type) {
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML:
			return false
		case *ast.Text:
			if t.Segment.Stop > t.Segment.Start {
				texts = append(texts, seg{t.Segment.Start, t.Segment.Stop})
			}
		}
		return true
	})
	if len(texts) == 0 {
		return rules.Chunk{}, false
	}
	if start < 0 {
		start, end = texts[0].s, texts[0].e
		for _, t := range texts {
			start, end = min(start, t.s), max(end, t.e)
		}
	}
	src := d.Source
	c := rules.Chunk{Kind: kind, Start: start, End: end, Node: n, Text: make([]byte, end-start)}
	for i := range c.Text {
		if b := src[start+i]; b == '\n' || b == '\r' {
			c.Text[i] = b
		} else {
			c.Text[i] = ' '
		}
	}
	for _, t := range texts {
		s, e := max(t.s, start), min(t.e, end)
		if s < e {
			copy(c.Text[s-start:e-start], src[s:e])
		}
	}
	maskEscapes(&c, src)
	for _, t := range d.TemplatesFrom(start) {
		if t.End <= start {
			continue
		}
		if t.Start >= end {
			break
		}
		maskRange(&c, t.Start, t.End)
	}
	return c, true
}

// maskEscapes blanks the backslash of each backslash escape (and of a hard
// line break) that goldmark keeps inside text segments.
func maskEscapes(c *rules.Chunk, src []byte) {
	for i := 0; i+1 < len(c.Text); i++ {
		if c.Text[i] != '\\' || src[c.Start+i] != '\\' {
			continue
		}
		if n := c.Text[i+1]; n == '\n' || n == '\r' || isASCIIPunct(n) {
			c.Text[i] = ' '
			i++ // the escaped character is literal text
		}
	}
}

func isASCIIPunct(b byte) bool {
	return b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'
}

// maskRange blanks the absolute range [s, e) of a chunk, keeping newlines.
func maskRange(c *rules.Chunk, s, e int) {
	s, e = max(s, c.Start), min(e, c.End)
	for k := s; k < e; k++ {
		if b := c.Text[k-c.Start]; b != '\n' && b != '\r' {
			c.Text[k-c.Start] = ' '
		}
	}
}
