package rules

import (
	"bytes"
	"sort"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/textenc"
)

// This file holds what the encoding hygiene rules (invalid-utf8, bom,
// control-chars, invisible-chars, unicode-normalization, line-endings,
// trailing-whitespace, final-newline) share: where the code is, and whether
// a range is prose that a fix may touch.

// hygSpan is a byte range [start, end).
type hygSpan struct{ start, end int }

// hygSpans is a sorted list of non-overlapping ranges.
type hygSpans []hygSpan

// contains reports whether offset i lies in one of the ranges.
func (s hygSpans) contains(i int) bool {
	k := sort.Search(len(s), func(k int) bool { return s[k].end > i })
	return k < len(s) && s[k].start <= i
}

// overlaps reports whether [start, end) overlaps one of the ranges.
func (s hygSpans) overlaps(start, end int) bool {
	k := sort.Search(len(s), func(k int) bool { return s[k].end > start })
	return k < len(s) && s[k].start < end
}

// hygCodeSpans returns the ranges of code in doc: fenced code blocks (from the
// opening fence to the end of the closing one), indented code blocks, and
// code hygSpans (backticks included).
func hygCodeSpans(doc *Document) hygSpans {
	src := doc.Source
	var out hygSpans
	_ = ast.Walk(doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			start := hygLineStart(src, max(n.Pos(), 0))
			end, _ := hygFenceEnd(src, n)
			out = append(out, hygSpan{start, end})
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				out = append(out, hygSpan{hygLineStart(src, lines.At(0).Start), lines.At(lines.Len() - 1).Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			start := n.Pos()
			if start < 0 || start >= len(src) || src[start] != '`' {
				// Without a reliable start, cover the content at least.
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						out = append(out, hygSpan{t.Segment.Start, t.Segment.Stop})
					}
				}
				return ast.WalkSkipChildren, nil
			}
			ticks := 0
			for start+ticks < len(src) && src[start+ticks] == '`' {
				ticks++
			}
			end := start + ticks
			if last, ok := n.LastChild().(*ast.Text); ok {
				end = max(end, last.Segment.Stop)
			}
			// The closing run of as many backticks.
			for k := end; k+ticks <= len(src); k++ {
				if src[k] == '`' && hygRun(src, k, '`') == ticks {
					end = k + ticks
					break
				}
				if src[k] == '`' {
					k += hygRun(src, k, '`') - 1
				}
			}
			out = append(out, hygSpan{start, end})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return hygMerge(out)
}

// merge joins overlapping ranges of a sorted list.
func hygMerge(s hygSpans) hygSpans {
	var out hygSpans
	for _, r := range s {
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			out[n-1].end = max(out[n-1].end, r.end)
			continue
		}
		out = append(out, r)
	}
	return out
}

// hygFenceEnd returns the end of a fenced code block: the end of its closing
// fence line (without the line ending), or of its last line when it is not
// closed; closed says which.
func hygFenceEnd(src []byte, n *ast.FencedCodeBlock) (end int, closed bool) {
	lines := n.Lines()
	var after int
	if lines.Len() > 0 {
		after = lines.At(lines.Len() - 1).Stop
	} else {
		after = hygLineEnd(src, max(n.Pos(), 0))
		after = hygSkipNewline(src, after)
	}
	// The line at after is the closing fence when it is one.
	end = hygLineEnd(src, after)
	line := src[after:end]
	i := 0
	for i < len(line) && i < 4 && line[i] == ' ' {
		i++
	}
	if i < len(line) && (line[i] == '`' || line[i] == '~') && hygRun(line, i, line[i]) >= 3 {
		return end, true
	}
	if lines.Len() == 0 {
		return hygLineEnd(src, max(n.Pos(), 0)), false
	}
	return after, false
}

func hygRun(src []byte, i int, c byte) int {
	n := 0
	for i+n < len(src) && src[i+n] == c {
		n++
	}
	return n
}

// hygLineStart returns the offset of the start of the line holding i.
func hygLineStart(src []byte, i int) int {
	for i > 0 && src[i-1] != '\n' {
		i--
	}
	return i
}

// hygLineEnd returns the offset of the line ending ("\n" or "\r\n") of the line
// holding i, or len(src).
func hygLineEnd(src []byte, i int) int {
	for i < len(src) && src[i] != '\n' {
		i++
	}
	if i > 0 && i < len(src) && src[i-1] == '\r' {
		return i - 1
	}
	return i
}

func hygSkipNewline(src []byte, i int) int {
	if i < len(src) && src[i] == '\r' {
		i++
	}
	if i < len(src) && src[i] == '\n' {
		i++
	}
	return i
}

// hygProse finds, for a byte range, the prose chunk holding it.
type hygProse struct {
	src    []byte
	chunks []Chunk
}

func newHygProse(doc *Document) hygProse {
	cs := append([]Chunk(nil), doc.Prose...)
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Start < cs[j].Start })
	return hygProse{src: doc.Source, chunks: cs}
}

// chunk returns the chunk whose range holds [start, end), or nil.
func (p hygProse) chunk(start, end int) *Chunk {
	k := sort.Search(len(p.chunks), func(k int) bool { return p.chunks[k].End > start })
	for ; k < len(p.chunks) && p.chunks[k].Start <= start; k++ {
		if c := &p.chunks[k]; end <= c.End {
			return c
		}
	}
	return nil
}

// clean reports whether [start, end) is prose that nothing masks: the only
// text a hygiene rule's fix may change outside the file's encoding.
func (p hygProse) clean(start, end int) bool {
	c := p.chunk(start, end)
	return c != nil && c.Clean(p.src, start-c.Start, end-c.Start)
}

// hygRuneBefore returns the rune ending at i, or -1 at the start of the text.
func hygRuneBefore(src []byte, i int) rune {
	if i <= 0 {
		return -1
	}
	r, _ := utf8.DecodeLastRune(src[:i])
	return r
}

// hygRuneAt returns the rune starting at i, or -1 at the end of the text.
func hygRuneAt(src []byte, i int) rune {
	if i >= len(src) {
		return -1
	}
	r, _ := utf8.DecodeRune(src[i:])
	return r
}

// hygLineStartSensitive reports whether removing src[start:end] could change
// how the line renders: the range starts a line (after any indentation) and
// what follows it could open a block (a heading, list, quote, fence, table,
// HTML, thematic break or indented code). Such removals are reported without
// a fix.
func hygLineStartSensitive(src []byte, start, end int) bool {
	ls := hygLineStart(src, start)
	for k := ls; k < start; k++ {
		if src[k] != ' ' && src[k] != '\t' {
			return false
		}
	}
	if end >= len(src) {
		return false
	}
	switch c := src[end]; {
	case c == '#' || c == '-' || c == '*' || c == '+' || c == '>' || c == '`' || c == '~' ||
		c == '|' || c == '=' || c == '_' || c == '<' || c == ' ' || c == '\t' || c == '[' || c == '!':
		return true
	case c >= '0' && c <= '9':
		return true
	}
	return false
}

// hygUTF16 reports whether the document is UTF-16 text: its bytes are not
// the characters they look like, and only invalid-utf8 (which converts the
// file) reports on it.
func hygUTF16(doc *Document) bool {
	if bytes.IndexByte(doc.Source, 0) < 0 && !bytes.HasPrefix(doc.Source, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(doc.Source, []byte{0xFE, 0xFF}) {
		return false
	}
	_, ok := textenc.DetectUTF16(doc.Source)
	return ok
}
