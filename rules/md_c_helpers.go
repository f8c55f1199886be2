package rules

// Helpers shared by the markdownlint rules MD043–MD060 (the "md-c" set):
// line arithmetic, inline node ranges, GFM table rows, fenced code fences
// and HTML tags. Names carry an mdc prefix to stay out of the way of the
// other rule sets in this package.

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// mdcLine returns the 0-based index of the line holding offset off.
func mdcLine(d *Document, off int) int {
	return sort.SearchInts(d.LineStarts, off+1) - 1
}

// mdcLineEnd returns the offset just past the content of 0-based line i,
// before its "\n" or "\r\n".
func mdcLineEnd(d *Document, i int) int {
	end := len(d.Source)
	if i+1 < len(d.LineStarts) {
		end = d.LineStarts[i+1] - 1
	}
	if end > d.LineStarts[i] && d.Source[end-1] == '\r' {
		end--
	}
	return end
}

// mdcNextLine returns the start of the line after 0-based line i (the end of
// the source for the last line).
func mdcNextLine(d *Document, i int) int {
	if i+1 < len(d.LineStarts) {
		return d.LineStarts[i+1]
	}
	return len(d.Source)
}

// mdcLineText returns the content of 0-based line i without its line ending.
func mdcLineText(d *Document, i int) []byte {
	return d.Source[d.LineStarts[i]:mdcLineEnd(d, i)]
}

// mdcNewline returns the line ending the document mostly uses.
func mdcNewline(src []byte) string {
	crlf := bytes.Count(src, []byte("\r\n"))
	if crlf > 0 && crlf*2 >= bytes.Count(src, []byte("\n")) {
		return "\r\n"
	}
	return "\n"
}

// mdcBlankLine reports whether a line is blank as markdownlint sees it:
// nothing but whitespace, '>' and HTML comments (an unclosed comment start or
// end counts as comment).
func mdcBlankLine(line []byte) bool {
	s := string(line)
	if strings.TrimSpace(s) == "" {
		return true
	}
	for {
		start, end := strings.Index(s, "<!--"), strings.Index(s, "-->")
		switch {
		case end >= 0 && (start < 0 || end < start):
			s = s[end+3:]
			continue
		case start >= 0 && end >= 0:
			s = s[:start] + s[end+3:]
			continue
		case start >= 0:
			s = s[:start]
		}
		break
	}
	return strings.TrimSpace(strings.ReplaceAll(s, ">", "")) == ""
}

// mdcSpan returns the source range [start, end) of an inline node, or ok=false
// when goldmark left no way to recover it.
func mdcSpan(src []byte, n ast.Node) (start, end int, ok bool) {
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start, n.Segment.Stop, true
	case *ast.RawHTML:
		if n.Segments.Len() == 0 {
			return 0, 0, false
		}
		return n.Segments.At(0).Start, n.Segments.At(n.Segments.Len() - 1).Stop, true
	case *ast.CodeSpan:
		return mdcCodeSpanRange(src, n)
	case *ast.Emphasis:
		return mdcDelimitedRange(src, n, n.Level)
	case *east.Strikethrough:
		s, e, ok := mdcChildrenRange(src, n)
		if !ok {
			return 0, 0, false
		}
		k := 0
		for s-k-1 >= 0 && src[s-k-1] == '~' && k < 2 {
			k++
		}
		if k == 0 || e+k > len(src) || string(src[e:e+k]) != strings.Repeat("~", k) {
			return 0, 0, false
		}
		return s - k, e + k, true
	case *ast.Link, *ast.Image:
		return mdcLinkRange(src, n)
	case *ast.AutoLink:
		p := n.Pos()
		if p < 0 || p >= len(src) {
			return 0, 0, false
		}
		if src[p] == '<' {
			if i := bytes.IndexByte(src[p:], '>'); i > 0 {
				return p, p + i + 1, true
			}
			return 0, 0, false
		}
		label := n.Label(src)
		if i := bytes.Index(src[p:], label); i >= 0 && len(label) > 0 {
			return p + i, p + i + len(label), true
		}
		return 0, 0, false
	case *east.FootnoteLink:
		p := n.Pos()
		if p >= 0 && p < len(src) && src[p] == '!' {
			p++ // goldmark starts a call right after "!" at the "!"
		}
		if p < 0 || p >= len(src) || src[p] != '[' {
			return 0, 0, false
		}
		if i := bytes.IndexByte(src[p:], ']'); i > 0 {
			return p, p + i + 1, true
		}
	}
	return 0, 0, false
}

// mdcChildrenRange returns the range from the start of n's first child to the
// end of its last child.
func mdcChildrenRange(src []byte, n ast.Node) (start, end int, ok bool) {
	first, last := n.FirstChild(), n.LastChild()
	if first == nil {
		return 0, 0, false
	}
	s, _, ok1 := mdcSpan(src, first)
	_, e, ok2 := mdcSpan(src, last)
	if !ok1 || !ok2 || s > e {
		return 0, 0, false
	}
	return s, e, true
}

// mdcDelimitedRange returns the range of an emphasis: its children's range
// widened by level delimiter characters on each side. goldmark's Pos() is the
// start of the whole delimiter run, not of this node's delimiters.
func mdcDelimitedRange(src []byte, n ast.Node, level int) (start, end int, ok bool) {
	s, e, ok := mdcChildrenRange(src, n)
	if !ok || s-level < 0 || e+level > len(src) {
		return 0, 0, false
	}
	c := src[s-1]
	if c != '*' && c != '_' {
		return 0, 0, false
	}
	for i := 0; i < level; i++ {
		if src[s-1-i] != c || src[e+i] != c {
			return 0, 0, false
		}
	}
	return s - level, e + level, true
}

// mdcCodeSpanRange returns the range of a code span, backticks included.
func mdcCodeSpanRange(src []byte, n *ast.CodeSpan) (start, end int, ok bool) {
	p := n.Pos()
	if p < 0 || p >= len(src) || src[p] != '`' {
		return 0, 0, false
	}
	k := 0
	for p+k < len(src) && src[p+k] == '`' {
		k++
	}
	from := p + k
	if last := n.LastChild(); last != nil {
		if t, ok := last.(*ast.Text); ok && t.Segment.Stop > from {
			from = t.Segment.Stop
		}
	}
	for i := from; i < len(src); {
		j := bytes.IndexByte(src[i:], '`')
		if j < 0 {
			return 0, 0, false
		}
		i += j
		r := 0
		for i+r < len(src) && src[i+r] == '`' {
			r++
		}
		if r == k {
			return p, i + r, true
		}
		i += r
	}
	return 0, 0, false
}

// mdcLinkRange returns the range of a link or image in any of its forms.
func mdcLinkRange(src []byte, n ast.Node) (start, end int, ok bool) {
	if l, ok := markdown.ParseInlineLink(src, n); ok {
		return l.Start, l.End, true
	}
	var ref *ast.ReferenceLink
	switch l := n.(type) {
	case *ast.Link:
		ref = l.Reference
	case *ast.Image:
		ref = l.Reference
	}
	p := n.Pos()
	if ref == nil || p < 0 || p >= len(src) {
		return 0, 0, false
	}
	i := p
	if src[i] == '!' {
		i++
	}
	if i >= len(src) || src[i] != '[' {
		return 0, 0, false
	}
	e, ok := markdown.CloseBracket(src, i)
	if !ok {
		return 0, 0, false
	}
	e++
	if ref.Type == ast.ReferenceLinkFull || ref.Type == ast.ReferenceLinkCollapsed {
		if e >= len(src) || src[e] != '[' {
			return 0, 0, false
		}
		e2, ok := markdown.CloseBracket(src, e)
		if !ok {
			return 0, 0, false
		}
		e = e2 + 1
	}
	return p, e, true
}

// mdcInTemplate reports whether [start, end) overlaps template syntax (for
// an empty range: whether start lies inside it), in O(log templates).
func mdcInTemplate(d *Document, start, end int) bool {
	ts := d.Templates
	k := sort.Search(len(ts), func(k int) bool { return ts[k].End > start })
	if k == len(ts) {
		return false
	}
	if start == end {
		return ts[k].Start <= start
	}
	return ts[k].Start < end
}

// mdcBlockquoteDepth counts the blockquotes around n.
func mdcBlockquoteDepth(n ast.Node) int {
	depth := 0
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindBlockquote {
			depth++
		}
	}
	return depth
}

// mdcSkipPrefix returns the offset of the content of the line starting at
// start once depth blockquote markers and the indentation are skipped.
func mdcSkipPrefix(src []byte, start, end, depth int) int {
	i := start
	for ; depth > 0; depth-- {
		j := i
		for j < end && (src[j] == ' ' || src[j] == '\t') {
			j++
		}
		if j >= end || src[j] != '>' {
			break
		}
		i = j + 1
		if i < end && src[i] == ' ' {
			i++
		}
	}
	for i < end && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// mdcHasTemplate reports whether b holds template delimiters.
func mdcHasTemplate(b []byte) bool {
	return bytes.Contains(b, []byte("{{")) || bytes.Contains(b, []byte("{%"))
}

// mdcTemplateOnly reports whether src[start:end] holds nothing but template
// syntax and whitespace (at least one template construct).
func mdcTemplateOnly(d *Document, start, end int) bool {
	src := d.Source
	i := start
	found := false
	k := sort.Search(len(d.Templates), func(k int) bool { return d.Templates[k].End > start })
	for _, t := range d.Templates[k:] {
		if t.Start >= end {
			break
		}
		for ; i < t.Start; i++ {
			if c := src[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return false
			}
		}
		found = true
		i = max(i, t.End)
	}
	for ; i < end; i++ {
		if c := src[i]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return found
}

// mdcFence is the anatomy of a fenced code block in the source.
type mdcFence struct {
	Char                 byte
	OpenStart, OpenLen   int // the opening fence sequence
	InfoStart, InfoEnd   int // the info string (trimmed), empty when none
	OpenLine             int
	CloseStart, CloseLen int // the closing fence sequence; CloseLen is 0 when the block is unclosed
	CloseLine            int // the closing fence's line, or the block's last line when unclosed
}

// mdcFenceOf recovers the fences of a fenced code block.
func mdcFenceOf(d *Document, n *ast.FencedCodeBlock) (mdcFence, bool) {
	src := d.Source
	p := n.Pos()
	if p < 0 || p >= len(src) || (src[p] != '`' && src[p] != '~') {
		return mdcFence{}, false
	}
	f := mdcFence{Char: src[p], OpenStart: p, OpenLine: mdcLine(d, p)}
	for p+f.OpenLen < len(src) && src[p+f.OpenLen] == f.Char {
		f.OpenLen++
	}
	lineEnd := mdcLineEnd(d, f.OpenLine)
	i, j := p+f.OpenLen, lineEnd
	for i < j && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	for j > i && (src[j-1] == ' ' || src[j-1] == '\t') {
		j--
	}
	f.InfoStart, f.InfoEnd = i, j
	last := f.OpenLine
	if lines := n.Lines(); lines.Len() > 0 {
		seg := lines.At(lines.Len() - 1)
		last = mdcLine(d, max(seg.Start, seg.Stop-1))
	}
	f.CloseLine = last
	if next := last + 1; next < len(d.LineStarts) {
		end := mdcLineEnd(d, next)
		s := mdcSkipPrefix(src, d.LineStarts[next], end, mdcBlockquoteDepth(n))
		k := 0
		for s+k < end && src[s+k] == f.Char {
			k++
		}
		rest := bytes.TrimSpace(src[s+k : end])
		if k >= f.OpenLen && len(rest) == 0 {
			f.CloseStart, f.CloseLen, f.CloseLine = s, k, next
		}
	}
	return f, true
}

// mdcTag is an HTML tag in the source.
type mdcTag struct {
	Start, End int
	Name       string // lowercase
	Close      bool
}

// mdcScanTags calls fn for each HTML start or end tag and each comment
// (Name "!--") in src[start:end].
func mdcScanTags(src []byte, start, end int, fn func(mdcTag)) {
	for i := start; i < end; i++ {
		j := bytes.IndexByte(src[i:end], '<')
		if j < 0 {
			return
		}
		i += j
		if bytes.HasPrefix(src[i:end], []byte("<!--")) {
			k := bytes.Index(src[i+4:end], []byte("-->"))
			if k < 0 {
				fn(mdcTag{Start: i, End: end, Name: "!--"})
				return
			}
			fn(mdcTag{Start: i, End: i + 4 + k + 3, Name: "!--"})
			i += 4 + k + 2
			continue
		}
		t := mdcTag{Start: i}
		k := i + 1
		if k < end && src[k] == '/' {
			t.Close = true
			k++
		}
		nameStart := k
		for k < end && (mdcIsASCIILetter(src[k]) || k > nameStart && (src[k] >= '0' && src[k] <= '9' || src[k] == '-')) {
			k++
		}
		if k == nameStart || k < end && !(src[k] == ' ' || src[k] == '\t' || src[k] == '\n' || src[k] == '\r' || src[k] == '/' || src[k] == '>') {
			continue
		}
		t.Name = strings.ToLower(string(src[nameStart:k]))
		var quote byte
		for ; k < end; k++ {
			c := src[k]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				t.End = k + 1
			}
			if t.End > 0 {
				break
			}
		}
		if t.End == 0 {
			return
		}
		fn(t)
		i = t.End - 1
	}
}

func mdcIsASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdcTemplateInTag reports whether an HTML tag holds template syntax outside
// its quoted attribute values (which may add or remove attributes).
func mdcTemplateInTag(tag []byte) bool {
	var quote byte
	for k := 0; k+1 < len(tag); k++ {
		c := tag[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' && (tag[k+1] == '{' || tag[k+1] == '%'):
			return true
		}
	}
	return false
}

// mdcHTMLTags calls fn for every HTML tag of the document outside code: inline
// HTML and the tags of HTML blocks (whose text markdownlint reads as
// Markdown again). HTML comment blocks are skipped.
func mdcHTMLTags(d *Document, fn func(mdcTag)) {
	src := d.Source
	inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.RawHTML:
			if s, e, ok := mdcSpan(src, n); ok {
				mdcScanTags(src, s, e, fn)
			}
		case *ast.HTMLBlock:
			if n.HTMLBlockType == ast.HTMLBlockType2 {
				return false
			}
			lines := n.Lines()
			if lines.Len() == 0 {
				return false
			}
			s, e := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if n.HasClosure() {
				e = max(e, n.ClosureLine.Stop)
			}
			mdcScanTags(src, s, e, fn)
			return false
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
			return false
		}
		return true
	})
}

// mdcFencesReliableBefore returns the offset from which goldmark's code
// blocks may not match the source: the start of the first opaque template
// body ({% raw %}) that holds a code fence line. goldmark reads such bodies
// blanked, so a fence opened inside one and closed after it shifts every
// later fence. Fixes that rewrite code blocks stop there.
func mdcFencesReliableBefore(d *Document) int {
	src := d.Source
	for _, t := range d.Templates {
		if t.Kind != "body" {
			continue
		}
		for _, line := range bytes.Split(src[t.Start:t.End], []byte("\n")) {
			l := bytes.TrimLeft(line, " \t>")
			if bytes.HasPrefix(l, []byte("```")) || bytes.HasPrefix(l, []byte("~~~")) {
				return t.Start
			}
		}
	}
	return len(src) + 1
}
