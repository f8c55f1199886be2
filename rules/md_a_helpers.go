package rules

// Shared machinery of the markdownlint-compatible structure rules
// (heading-increment … no-duplicate-heading): a line-oriented view of the
// document that knows which lines are code, HTML or opaque template bodies,
// and the anatomy of headings and list items that goldmark does not record.

import (
	"bytes"
	"regexp"
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/internal/markdown"
)

// slKind says what a line of the body is, for line-oriented rules.
type slKind uint8

const (
	slFence    slKind = 1 << iota // the opening or closing fence of a fenced code block
	slFenced                      // a content line of a fenced code block
	slIndented                    // a line of an indented code block
	slHTML                        // a line of an HTML block
	slBody                        // a line inside the body of {% raw %}, {% highlight %} and the like
	slFront                       // front matter (or the BOM line's start): not Markdown
)

// slCode is any line of a code block, fences included.
const slCode = slFence | slFenced | slIndented

// structLines is a line-oriented view of a document, built in linear time
// and read-only once built.
type structLines struct {
	doc    *Document
	src    []byte
	starts []int
	kinds  []slKind
	// The blocks of the document in source order (footnote definitions,
	// which goldmark moves to the end, last).
	headingNodes []*ast.Heading
	listNodes    []*ast.List
	paragraphs   []ast.Node // paragraphs and the text of tight list items
	tables       []ast.Node
	footnotes    []ast.Node
	codeBlocks   []ast.Node // fenced and indented
}

// newStructLines returns the line view of doc, built on first use: the
// rules that run one after another on a document build it once.
func newStructLines(doc *Document) *structLines {
	return derive(doc, structLinesKey, func() *structLines { return buildStructLines(doc) })
}

var structLinesKey = &derivedKey{"struct lines"}

func buildStructLines(doc *Document) *structLines {
	v := &structLines{doc: doc, src: doc.Source, starts: doc.LineStarts}
	v.kinds = make([]slKind, len(v.starts))
	if doc.FrontMatter != nil {
		i := 0
		for ; i < len(v.starts) && v.starts[i] < doc.BodyStart; i++ {
			v.kinds[i] |= slFront
		}
		// markdownlint's front matter takes the blank lines after the
		// closing delimiter with it; they are not counted as the body's.
		for ; i < len(v.starts) && v.blank(i); i++ {
			v.kinds[i] |= slFront
		}
	}
	for _, t := range doc.Templates {
		if t.Kind != "body" {
			continue
		}
		// Every line that starts inside the body (the line of the opening
		// tag is Markdown up to the tag).
		for i := v.lineAt(t.Start); i < len(v.starts) && v.starts[i] < t.End; i++ {
			if v.starts[i] >= t.Start {
				v.kinds[i] |= slBody
			}
		}
	}
	v.walkBlocks(doc.AST)
	return v
}

// walkBlocks records the blocks under n (never their inline content, which
// most rules do not need).
func (v *structLines) walkBlocks(n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch b := c.(type) {
		case *ast.FencedCodeBlock:
			v.codeBlocks = append(v.codeBlocks, b)
			first, last, closed := v.fenceLines(b)
			for i := first; i <= last; i++ {
				if i == first || i == last && closed {
					v.kinds[i] |= slFence
				} else {
					v.kinds[i] |= slFenced
				}
			}
		case *ast.CodeBlock:
			v.codeBlocks = append(v.codeBlocks, b)
			if l := b.Lines(); l.Len() > 0 {
				for i := v.lineAt(l.At(0).Start); i <= v.lineAt(max(l.At(l.Len()-1).Stop-1, l.At(l.Len()-1).Start)); i++ {
					v.kinds[i] |= slIndented
				}
			}
		case *ast.HTMLBlock:
			l := b.Lines()
			if l.Len() > 0 {
				last := v.lineAt(max(l.At(l.Len()-1).Stop-1, l.At(l.Len()-1).Start))
				if b.HasClosure() {
					last = v.lineAt(b.ClosureLine.Start)
				}
				for i := v.lineAt(l.At(0).Start); i <= last; i++ {
					v.kinds[i] |= slHTML
				}
			}
		case *ast.Heading:
			v.headingNodes = append(v.headingNodes, b)
		case *ast.Paragraph, *ast.TextBlock:
			v.paragraphs = append(v.paragraphs, b)
		case *ast.List:
			v.listNodes = append(v.listNodes, b)
			v.walkBlocks(b)
		default:
			switch c.Kind() {
			case east.KindTable:
				v.tables = append(v.tables, c)
			case east.KindFootnote:
				v.footnotes = append(v.footnotes, c)
				v.walkBlocks(c)
			default:
				if c.Type() == ast.TypeBlock {
					v.walkBlocks(c)
				}
			}
		}
	}
}

// fenceLines returns the line indexes of a fenced code block's opening fence
// and of its last line (the closing fence when closed is true, else its last
// content line).
func (v *structLines) fenceLines(b *ast.FencedCodeBlock) (first, last int, closed bool) {
	first = v.lineAt(b.Pos())
	last = first
	if l := b.Lines(); l.Len() > 0 {
		seg := l.At(l.Len() - 1)
		last = v.lineAt(max(seg.Stop-1, seg.Start))
	}
	// The closing fence, if any, is the next line: the same fence character,
	// at least as long as the opener, nothing but spaces after it.
	open := b.Pos()
	c := v.src[open]
	n := 0
	for open+n < len(v.src) && v.src[open+n] == c {
		n++
	}
	if last+1 < len(v.starts) {
		line := bytes.TrimLeft(v.text(last+1), " \t>")
		k := 0
		for k < len(line) && line[k] == c {
			k++
		}
		if k >= n && len(bytes.TrimSpace(line[k:])) == 0 {
			return first, last + 1, true
		}
	}
	return first, last, false
}

// n returns the number of lines.
func (v *structLines) n() int { return len(v.starts) }

// lineAt returns the index of the line holding offset off.
func (v *structLines) lineAt(off int) int {
	return sort.Search(len(v.starts), func(i int) bool { return v.starts[i] > off }) - 1
}

// start returns the offset of line i.
func (v *structLines) start(i int) int { return v.starts[i] }

// end returns the offset of the end of line i, before its line ending.
func (v *structLines) end(i int) int {
	e := len(v.src)
	if i+1 < len(v.starts) {
		e = v.starts[i+1] - 1
		if e > v.starts[i] && v.src[e-1] == '\r' {
			e--
		}
	} else if e > v.starts[i] && v.src[e-1] == '\r' {
		e--
	}
	return e
}

// next returns the offset of the start of the line after i (the end of the
// source for the last line).
func (v *structLines) next(i int) int {
	if i+1 < len(v.starts) {
		return v.starts[i+1]
	}
	return len(v.src)
}

// text returns line i without its line ending.
func (v *structLines) text(i int) []byte { return v.src[v.starts[i]:v.end(i)] }

// body reports whether line i is Markdown of the body: not front matter and
// not the inside of an opaque template block.
func (v *structLines) body(i int) bool { return v.kinds[i]&(slFront|slBody) == 0 }

// blank reports whether line i holds only whitespace.
func (v *structLines) blank(i int) bool { return len(bytes.TrimSpace(v.text(i))) == 0 }

// isSpace reports a space or a tab.
func slSpaceTab(c byte) bool { return c == ' ' || c == '\t' }

// slUTF16Len is the length of b in UTF-16 code units, which is how
// markdownlint (JavaScript) counts characters.
func slUTF16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// structHeading is the anatomy of a heading in the source.
type structHeading struct {
	node  *ast.Heading
	level int
	style string // "atx", "atx_closed" or "setext"
	// start is the first '#' of an ATX heading or the first character of a
	// setext heading's text.
	start int
	// The content, as goldmark sees it: from the first to the last
	// character of the text (textStart == textEnd for an empty heading).
	textStart, textEnd int
	line, lastLine     int // first and last line index (a setext heading's underline is its last)
	openEnd            int // ATX: the end of the opening '#' sequence
	// ATX closed: the closing '#' sequence.
	closeStart, closeEnd int
}

// headings returns the headings of the document in source order, with
// those inside opaque template bodies left out (they are not parsed).
// Eight rules read them: they are built once per document and shared, so
// the slice must not be modified.
func (v *structLines) headings() []structHeading {
	return derive(v.doc, structHeadingsKey, func() []structHeading {
		hs := make([]structHeading, len(v.headingNodes))
		for i, h := range v.headingNodes {
			hs[i] = v.heading(h)
		}
		return hs
	})
}

var structHeadingsKey = &derivedKey{"struct headings"}

func (v *structLines) heading(h *ast.Heading) structHeading {
	src := v.src
	m := structHeading{node: h, level: h.Level, start: h.Pos()}
	lines := h.Lines()
	if lines.Len() > 0 {
		m.textStart, m.textEnd = lines.At(0).Start, lines.At(lines.Len()-1).Stop
	}
	m.line = v.lineAt(m.start)
	// An ATX heading starts at its '#'s, before its text; a setext
	// heading starts with its text.
	if lines.Len() > 0 && lines.At(0).Start == h.Pos() {
		m.style = "setext"
		m.lastLine = v.lineAt(m.textEnd) + 1
		if m.lastLine >= v.n() {
			m.lastLine = v.n() - 1
		}
		return m
	}
	m.style = "atx"
	// goldmark counts a tab before the heading (after a quote marker, say)
	// as the columns it spans, which can put Pos() past the '#'s.
	if p := min(m.start, len(src)-1); p >= 0 && src[p] != '#' || m.start >= len(src) {
		p = min(p, len(src)-1)
		if lines.Len() > 0 {
			p = min(p, m.textStart-1)
		}
		for p > 0 && src[p] != '#' && src[p] != '\n' {
			p--
		}
		for p > 0 && src[p-1] == '#' {
			p--
		}
		m.start = max(p, 0)
		m.line = v.lineAt(m.start)
	}
	m.lastLine = m.line
	i := m.start
	for i < len(src) && src[i] == '#' {
		i++
	}
	m.openEnd = i
	if lines.Len() == 0 {
		m.textStart, m.textEnd = i, i
	}
	// A closing sequence follows the content after whitespace.
	end := v.end(m.line)
	j := max(m.textEnd, m.openEnd)
	for j < end && slSpaceTab(src[j]) {
		j++
	}
	if j < end && src[j] == '#' && (j > m.textEnd || lines.Len() == 0) {
		k := j
		for k < end && src[k] == '#' {
			k++
		}
		if len(bytes.TrimSpace(src[k:end])) == 0 && (lines.Len() > 0 || j > m.openEnd) {
			m.style = "atx_closed"
			m.closeStart, m.closeEnd = j, k
		}
	}
	return m
}

// containerStart returns the offset where the innermost container of node
// n (block quotes and list items among its ancestors) starts its content on
// line i: the column from which a block's own indentation counts. ok is
// false when the line does not carry the container prefixes (a lazy
// continuation line), and inside a footnote definition, whose content is
// indented in a way this view does not follow.
func (v *structLines) containerStart(n ast.Node, i int) (int, bool) {
	var chain []ast.Node
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.Kind() {
		case ast.KindBlockquote, ast.KindListItem:
			chain = append(chain, p)
		case east.KindFootnote:
			return v.start(i), false
		}
	}
	src := v.src
	pos, end := v.start(i), v.end(i)
	for k := len(chain) - 1; k >= 0; k-- {
		switch c := chain[k].(type) {
		case *ast.Blockquote:
			j := pos
			for j < end && j-pos < 3 && src[j] == ' ' {
				j++
			}
			if j >= end || src[j] != '>' {
				return pos, false
			}
			j++
			if j < end && slSpaceTab(src[j]) {
				j++
			}
			pos = j
		case *ast.ListItem:
			if v.lineAt(c.Pos()) == i {
				pos = c.Pos() + slMarkerWidth(src, c.Pos())
				// The padding after the marker, spaces or a tab.
				for pos < end && slSpaceTab(src[pos]) && pos-c.Pos() < c.Offset {
					pos++
				}
				// goldmark's Offset counts from the container's start.
				continue
			}
			j := pos
			for j < end && src[j] == ' ' && j-pos < c.Offset {
				j++
			}
			if j-pos < c.Offset && j < end {
				return pos, false
			}
			pos = j
		}
	}
	return pos, true
}

// slMarkerWidth returns the length of the list marker at src[i]: one byte
// for a bullet, the digits and the delimiter for an ordered item.
func slMarkerWidth(src []byte, i int) int {
	j := i
	for j < len(src) && src[j] >= '0' && src[j] <= '9' {
		j++
	}
	if j > i {
		return j - i + 1
	}
	return 1
}

// slRegexps compiles option regexps once per distinct pattern, so that a
// rule never compiles a regexp per file.
var slRegexps sync.Map // string -> *regexp.Regexp or error

func slRegexp(pattern string) (*regexp.Regexp, error) {
	if v, ok := slRegexps.Load(pattern); ok {
		if re, ok := v.(*regexp.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		slRegexps.Store(pattern, err)
		return nil, err
	}
	slRegexps.Store(pattern, re)
	return re, nil
}

// lists returns the lists of the document in source order (a list before
// the lists nested in it).
func (v *structLines) lists() []*ast.List { return v.listNodes }

// column returns the column (0-based, in bytes) of offset off in its line.
func (v *structLines) column(off int) int { return off - v.start(v.lineAt(off)) }

// structureKept reports whether applying edits to the document leaves its
// block structure as it is: the same blocks, nested the same way, with the
// same number of lines. Fixes that move indentation check it, so that they
// never pull a paragraph into a list item or push one out.
func (v *structLines) structureKept(edits []Edit, keep structureCheck) bool {
	if len(edits) == 0 {
		return true
	}
	// Parse what the document parsed: opaque template bodies blanked.
	base := v.src
	for _, t := range v.doc.Templates {
		if t.Kind != "body" {
			continue
		}
		if &base[0] == &v.src[0] {
			base = bytes.Clone(v.src)
		}
		for k := t.Start; k < t.End; k++ {
			if c := base[k]; c != '\n' && c != '\r' {
				base[k] = ' '
			}
		}
	}
	fe := make([]fix.Edit, len(edits))
	for i, e := range edits {
		fe[i] = fix.Edit{Start: e.Start, End: e.End, New: e.NewText}
	}
	sort.Slice(fe, func(i, j int) bool { return fe[i].Start < fe[j].Start })
	for i := 1; i < len(fe); i++ {
		if fe[i].Start < fe[i-1].End || fe[i].Start == fe[i-1].Start {
			return false // overlapping edits: not one fix
		}
	}
	if fix.Validate(fe, len(base)) != nil {
		return false
	}
	changed, _ := markdown.Parse(fix.Apply(base, fe), v.doc.BodyStart)
	return bytes.Equal(blockSignature(v.doc.AST, keep), blockSignature(changed, keep))
}

// structureCheck says what a fix must keep of the block tree.
type structureCheck uint8

const (
	// keepBlocks: each block's kind, depth and line count, and for lists
	// whether they are ordered and loose. Fixes that indent list items on
	// purpose keep these.
	keepBlocks structureCheck = iota
	// keepItemOffsets: also where each list item's content starts (goldmark's
	// offset, leading indentation included), which the render-safety proof
	// holds other fixes to: a tab in a list item's padding counts
	// differently from the spaces that replace it ("* 0)  \t0").
	keepItemOffsets
)

// blockSignature describes the block tree of a document as far as keep
// says.
func blockSignature(root ast.Node, keep structureCheck) []byte {
	var b []byte
	depth := 0
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Type() == ast.TypeInline {
			return ast.WalkSkipChildren, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		b = append(b, byte(depth))
		b = append(b, n.Kind().String()...)
		if l := n.Lines(); l != nil {
			b = append(b, byte(l.Len()), byte(l.Len()>>8))
		}
		switch x := n.(type) {
		case *ast.List:
			if x.IsTight {
				b = append(b, 't')
			}
			if x.IsOrdered() {
				b = append(b, 'o')
			}
		case *ast.Heading:
			b = append(b, byte(x.Level))
		case *ast.ListItem:
			if keep == keepItemOffsets {
				b = append(b, byte(x.Offset), byte(x.Offset>>8))
			}
		}
		b = append(b, ';')
		return ast.WalkContinue, nil
	})
	return b
}

// markerPos returns the offset of the marker of a list item, or -1 if it
// cannot be found. goldmark's Pos() counts a tab in the indentation as the
// columns it spans, which lands past the marker (even on the next line); the
// marker is then found before it.
func (v *structLines) markerPos(item ast.Node) int {
	list, _ := item.Parent().(*ast.List)
	src := v.src
	if list == nil || len(src) == 0 {
		return -1
	}
	isMarker := func(k int) bool {
		if list.IsOrdered() {
			if src[k] < '0' || src[k] > '9' || k > 0 && src[k-1] >= '0' && src[k-1] <= '9' {
				return false
			}
			e := k
			for e < len(src) && src[e] >= '0' && src[e] <= '9' {
				e++
			}
			return e < len(src) && src[e] == list.Marker
		}
		return src[k] == list.Marker && (k+1 == len(src) || src[k+1] == ' ' || src[k+1] == '\t' || src[k+1] == '\n' || src[k+1] == '\r')
	}
	p := min(max(item.Pos(), 0), len(src)-1)
	newlines := 0
	for k := p; k >= 0 && p-k < 64; k-- {
		if src[k] == '\n' && k < p {
			if newlines++; newlines > 1 {
				break
			}
		}
		if isMarker(k) {
			return k
		}
	}
	return -1
}

// maxStructureChecks bounds the parses safeGroups spends on one document.
const maxStructureChecks = 32

// structureChecks is the number of parses safeGroups may spend on v: all
// maxStructureChecks up to 256 KB, and fewer beyond, so that they parse
// about 8 MB in all, or the document twice when that is more (a 20 MB file
// got 32 parses of 20 MB: 19 s of ul-style alone). Past the budget, fixes
// are refused; the findings are still reported.
func (v *structLines) structureChecks() int {
	const full = 256 << 10
	if len(v.src) <= full {
		return maxStructureChecks
	}
	return max(2, maxStructureChecks*full/len(v.src))
}

// safeGroups returns which groups of edits (the fixes of one list, say) may
// be offered: those that, applied together with the groups before them that
// were accepted, keep the document's structure. When everything together
// keeps it, that is one parse; otherwise groups are tried in order, and
// past structureChecks parses the rest is refused.
func (v *structLines) safeGroups(groups [][]Edit, keep structureCheck) []bool {
	ok := make([]bool, len(groups))
	var all []Edit
	for _, g := range groups {
		all = append(all, g...)
	}
	if len(all) == 0 || v.structureKept(all, keep) {
		for i, g := range groups {
			ok[i] = len(g) > 0
		}
		return ok
	}
	var accepted []Edit
	checks, most := 1, v.structureChecks()
	for i, g := range groups {
		if len(g) == 0 || checks >= most {
			continue
		}
		checks++
		try := append(append([]Edit(nil), accepted...), g...)
		if v.structureKept(try, keep) {
			accepted, ok[i] = try, true
		}
	}
	return ok
}

// walkInlines calls fn for every inline node of the paragraphs, headings
// and tables of the document (not in source order); fn returns whether to
// descend into the node's children.
func (v *structLines) walkInlines(fn func(n ast.Node) bool) {
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Type() != ast.TypeInline {
				walk(c) // table rows and cells
				continue
			}
			if fn(c) {
				walk(c)
			}
		}
	}
	for _, p := range v.paragraphs {
		walk(p)
	}
	for _, h := range v.headingNodes {
		walk(h)
	}
	for _, t := range v.tables {
		walk(t)
	}
}

// codeSpans returns the ranges of the code spans of the document, sorted,
// backticks included.
func (v *structLines) codeSpans() [][2]int {
	var spans [][2]int
	v.walkInlines(func(n ast.Node) bool {
		if n.Kind() == ast.KindCodeSpan {
			spans = append(spans, [2]int{n.Pos(), codeSpanEnd(v.src, n)})
			return false
		}
		return true
	})
	sort.Slice(spans, func(i, j int) bool { return spans[i][0] < spans[j][0] })
	return spans
}
