package rules

import (
	"bytes"
	"sort"
	"strings"
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
// code hygSpans (backticks included). The ranges are computed once per
// document and shared: they must not be modified.
func hygCodeSpans(doc *Document) hygSpans {
	return derive(doc, hygCodeSpansKey, func() hygSpans { return buildHygCodeSpans(doc) })
}

var hygCodeSpansKey = &derivedKey{"code spans"}

func buildHygCodeSpans(doc *Document) hygSpans {
	src := doc.Source
	var out hygSpans
	inspect(doc, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			start := hygLineStart(src, max(n.Pos(), 0))
			end, _ := hygFenceEnd(src, n)
			out = append(out, hygSpan{start, end})
			return false
		case *ast.CodeBlock:
			lines := n.Lines()
			if lines.Len() > 0 {
				out = append(out, hygSpan{hygLineStart(src, lines.At(0).Start), lines.At(lines.Len() - 1).Stop})
			}
			return false
		case *ast.CodeSpan:
			start := n.Pos()
			if start < 0 || start >= len(src) || src[start] != '`' {
				// Without a reliable start, cover the content at least.
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						out = append(out, hygSpan{t.Segment.Start, t.Segment.Stop})
					}
				}
				return false
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
			return false
		}
		return true
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

// hygTextLineStart is hygLineStart, past a byte order mark that starts the
// file: the mark is not part of the text.
func hygTextLineStart(src []byte, i int) int {
	ls := hygLineStart(src, i)
	if ls == 0 && bytes.HasPrefix(src, bomBytes) && i >= len(bomBytes) {
		return len(bomBytes)
	}
	return ls
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

// hygSkipRemovable widens [start, end) over the characters around it that
// the hygiene rules may remove in the same pass.
func hygSkipRemovable(src []byte, start, end int) (int, int) {
	for n := 0; start > 0 && n < hygMaxCluster; n++ {
		r, size := utf8.DecodeLastRune(src[:start])
		if !hygRemovable(r) {
			break
		}
		start -= size
	}
	for n := 0; end < len(src) && n < hygMaxCluster; n++ {
		r, size := utf8.DecodeRune(src[end:])
		if !hygRemovable(r) {
			break
		}
		end += size
	}
	return start, end
}

// hygMaxCluster bounds how far hygSkipRemovable looks on each side, so that a
// line of thousands of control characters costs linear time; a cluster that
// long is reported without a fix (hygRemovalRisk).
const hygMaxCluster = 64

// hygLongCluster reports whether removable characters go on past the bound
// on either side of [start, end).
func hygLongCluster(src []byte, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRune(src[:start]); hygRemovable(r) {
			return true
		}
	}
	if end < len(src) {
		if r, _ := utf8.DecodeRune(src[end:]); hygRemovable(r) {
			return true
		}
	}
	return false
}

// hygRemovable reports characters a hygiene rule's fix may remove.
func hygRemovable(r rune) bool {
	if r == utf8.RuneError || r == '\n' || r == '\r' {
		return false
	}
	c := invisibleClass(r)
	return isControl(r) || r == 0xFEFF || c != invNone && c != invNBSP
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

// hygEmptyListItem reports whether the line ending at offset end (its '\r'
// or '\n') closes a line that holds only a list marker ("-", "*", "+",
// "1." or "1)"), after indentation and blockquote markers. goldmark reads
// such a line as an empty list item before LF, or at the end of the file,
// but as text before CRLF: changing that line ending changes the document.
func hygEmptyListItem(src []byte, end int) bool {
	line := src[hygTextLineStart(src, end):end]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	// Past indentation, quote markers and the markers of enclosing items.
	fields := bytes.Fields(bytes.ReplaceAll(line, []byte(">"), []byte(" ")))
	if len(fields) == 0 {
		return false
	}
	for _, f := range fields {
		if !hygListMarker(f) {
			return false
		}
	}
	return true
}

// hygListMarker reports whether m is a list marker: "-", "*", "+", or one to
// nine digits and "." or ")".
func hygListMarker(m []byte) bool {
	switch {
	case len(m) == 1:
		return m[0] == '-' || m[0] == '*' || m[0] == '+'
	case len(m) >= 2 && len(m) <= 10 && (m[len(m)-1] == '.' || m[len(m)-1] == ')'):
		for _, c := range m[:len(m)-1] {
			if c < '0' || c > '9' {
				return false
			}
		}
		return true
	}
	return false
}

// hygRemovalRisk says why replacing src[start:end] with repl (nothing, a
// space, or indentation) could change how the post renders, or "" when it
// cannot: when it is the only text on its line (the line would go blank, a
// heading or cell empty), when the line would open a different block ("\u200b#
// x" becomes a heading, "0\x10. x" a list), or when it touches Markdown syntax
// whose meaning depends on its neighbours (emphasis delimiters, brackets,
// backslashes …). Characters the hygiene rules remove around it count as gone:
// they may go in the same pass.
func hygRemovalRisk(src []byte, start, end int, repl string) string {
	ws, we := hygSkipRemovable(src, start, end)
	if hygLongCluster(src, ws, we) {
		return "; it is part of a long run of invisible or control characters: check it by hand"
	}
	if !hygOtherText(src, ws, we) {
		return "; it is the only text on its line, so removing it would change how the post renders: check it by hand"
	}
	ls, le := hygTextLineStart(src, ws), hygLineEnd(src, we)
	after := append(append(append([]byte(nil), src[ls:start]...), repl...), src[end:le]...)
	if before := hygOpener(src[ls:le]); before != hygOpener(after) || before != hygOpener(hygStripRemovable(after)) {
		return "; removing it would change how the line renders: check it by hand"
	}
	if hygAddressAfter(src, we) {
		return "; it comes right before an address, which would become a link without it: check it by hand"
	}
	if ws > 0 && hygSyntaxByte(src[ws-1]) || we < len(src) && hygSyntaxByte(src[we]) {
		return "; it touches Markdown syntax, so removing it could change how the post renders: check it by hand"
	}
	return ""
}

// hygAddressAfter reports whether the word at src[i:] is something goldmark's
// linkify turns into a link (an e-mail address, www., a scheme) once the
// character before it is a plain space or gone.
func hygAddressAfter(src []byte, i int) bool {
	j := i
	for j < len(src) && src[j] != ' ' && src[j] != '\t' && src[j] != '\n' && src[j] != '\r' {
		j++
	}
	w := src[i:j]
	return bytes.IndexByte(w, '@') >= 0 || bytes.Contains(w, []byte("://")) || bytes.HasPrefix(bytes.ToLower(w), []byte("www."))
}

// hygStripRemovable returns line without the characters the hygiene rules
// remove.
func hygStripRemovable(line []byte) []byte {
	out := make([]byte, 0, len(line))
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRune(line[i:])
		if !hygRemovable(r) || r == utf8.RuneError && size == 1 {
			out = append(out, line[i:i+size]...)
		}
		i += size
	}
	return out
}

// hygOpener classifies how a line starts, as far as the block it opens:
// blank, indented code, a quote, heading, fence, thematic break, list item
// (with what follows its marker), setext underline, HTML, a table row or a
// link reference definition, or text.
func hygOpener(line []byte) string {
	col, i := 0, 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		if line[i] == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
		i++
	}
	rest := line[i:]
	if len(bytes.TrimRight(rest, " \t\r")) == 0 {
		return "blank"
	}
	if col >= 4 {
		return "code"
	}
	space := func(k int) bool { return k >= len(rest) || rest[k] == ' ' || rest[k] == '\t' || rest[k] == '\r' }
	only := func(c byte) bool {
		n := 0
		for _, b := range bytes.TrimRight(rest, " \t\r") {
			switch b {
			case c:
				n++
			case ' ', '\t':
			default:
				return false
			}
		}
		return n >= 3 || c == '=' && n >= 1
	}
	switch c := rest[0]; {
	case c == '>':
		return ">" + hygOpener(bytes.TrimPrefix(rest[1:], []byte(" ")))
	case c == '#':
		n := hygRun(rest, 0, '#')
		if n <= 6 && space(n) {
			return "heading"
		}
	case (c == '`' || c == '~') && hygRun(rest, 0, c) >= 3:
		return "fence"
	case c == '=' && only('='):
		return "setext"
	case (c == '-' || c == '*' || c == '_') && only(c):
		return "break"
	case (c == '-' || c == '*' || c == '+') && space(1):
		return "bullet " + hygOpener(bytes.TrimPrefix(rest[1:], []byte(" ")))
	case c >= '0' && c <= '9':
		n := 0
		for n < len(rest) && n < 10 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n <= 9 && n < len(rest) && (rest[n] == '.' || rest[n] == ')') && space(n+1) {
			return "ordered " + hygOpener(bytes.TrimPrefix(rest[n+1:], []byte(" ")))
		}
	case c == '<':
		return "html"
	case c == '|':
		return "pipe"
	case c == '[':
		return "bracket"
	}
	if bytes.IndexByte(rest, '|') >= 0 {
		return "text|" // may be a table row
	}
	return "text"
}

func hygSyntaxByte(b byte) bool {
	return strings.IndexByte("*_~`[]()!<>#\\|=-+&{}", b) >= 0
}

// hygOtherText reports whether the line holding [start, end) has text besides
// it: something but whitespace, ASCII punctuation and digits (Markdown syntax,
// list numbers) and characters the hygiene rules remove. Without it, removing the range would
// leave an empty heading, list item, table cell or line.
func hygOtherText(src []byte, start, end int) bool {
	ls, le := hygLineStart(src, start), hygLineEnd(src, end)
	for _, part := range [2][]byte{src[ls:start], src[end:le]} {
		for i := 0; i < len(part); {
			r, size := utf8.DecodeRune(part[i:])
			i += size
			if r == ' ' || r == '\t' || r == '\r' || r < utf8.RuneSelf && (hygASCIIPunct(byte(r)) || r >= '0' && r <= '9') || hygRemovable(r) || r == 0xA0 {
				continue
			}
			return true
		}
	}
	return false
}

func hygASCIIPunct(b byte) bool {
	return b >= '!' && b <= '/' || b >= ':' && b <= '@' || b >= '[' && b <= '`' || b >= '{' && b <= '~'
}

// hygTrailingStart returns where the removal of src[start:end] should start:
// when nothing but whitespace follows it on its line, the spaces and tabs
// before it go too, or they would become trailing whitespace (a new hard
// break, or a text node that goldmark drops).
func hygTrailingStart(src []byte, start, end int) int {
	le := hygLineEnd(src, end)
	for k := end; k < le; k++ {
		if src[k] != ' ' && src[k] != '\t' && src[k] != '\r' {
			return start
		}
	}
	ls := hygTextLineStart(src, start)
	for start > ls && (src[start-1] == ' ' || src[start-1] == '\t') {
		start--
	}
	return start
}
