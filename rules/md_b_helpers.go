package rules

// Helpers shared by the markdownlint rules MD025–MD042 (their files carry the
// rule names: single_title.go, blanks_around_fences.go, …). Everything here is
// prefixed mdb so that it cannot collide with the helpers of the other rule
// families in this package.

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// mdbFrontMatterTitleDefault is the pattern markdownlint applies when
// front_matter_title is not set. Its documentation shows ^\s*title\s*[:=];
// the code also accepts the quoted key of JSON front matter.
const mdbFrontMatterTitleDefault = `^\s*"?title"?\s*[:=]`

var mdbRegexps sync.Map // pattern -> *regexp.Regexp or error

// mdbRegexp compiles a pattern once per process: options are the same for
// every file, so no file pays for a compilation.
func mdbRegexp(pattern string) (*regexp.Regexp, error) {
	if v, ok := mdbRegexps.Load(pattern); ok {
		if re, ok := v.(*regexp.Regexp); ok {
			return re, nil
		}
		return nil, v.(error)
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		mdbRegexps.Store(pattern, err)
		return nil, err
	}
	mdbRegexps.Store(pattern, re)
	return re, nil
}

// mdbTitlePattern turns a markdownlint front_matter_title value (a
// JavaScript regular expression matched case-insensitively) into a Go one.
func mdbTitlePattern(p string) string { return "(?i)" + p }

// mdbValidateTitle checks a front_matter_title option.
func mdbValidateTitle(p string) error {
	if p == "" {
		return nil
	}
	if _, err := mdbRegexp(mdbTitlePattern(p)); err != nil {
		return fmt.Errorf("front_matter_title: %w", err)
	}
	return nil
}

// mdbFrontMatterHasTitle reports whether a line of the front matter block
// (delimiters included, as markdownlint reads it) matches pattern. An empty
// pattern never matches.
func mdbFrontMatterHasTitle(d *Document, pattern string) bool {
	fm := d.FrontMatter
	if fm == nil || pattern == "" {
		return false
	}
	re, err := mdbRegexp(mdbTitlePattern(pattern))
	if err != nil {
		return false
	}
	block := d.Source[fm.Start:fm.End]
	for len(block) > 0 {
		line := block
		if i := bytes.IndexByte(block, '\n'); i >= 0 {
			line, block = block[:i], block[i+1:]
		} else {
			block = nil
		}
		if re.Match(bytes.TrimRight(line, "\r")) {
			return true
		}
	}
	return false
}

// mdbLines is a line view of a document for the line-oriented rules.
// Lines are 0-based here; diagnostics are byte ranges.
type mdbLines struct {
	d     *Document
	src   []byte
	first int // the first line of the body: lines before it are front matter
}

func mdbNewLines(d *Document) *mdbLines {
	v := &mdbLines{d: d, src: d.Source}
	v.first = v.of(d.BodyStart)
	return v
}

// n is the number of lines; a final newline starts an empty last line, as
// in markdownlint.
func (v *mdbLines) n() int { return len(v.d.LineStarts) }

// of returns the line of offset off.
func (v *mdbLines) of(off int) int {
	return sort.SearchInts(v.d.LineStarts, off+1) - 1
}

func (v *mdbLines) start(i int) int { return v.d.LineStarts[i] }

// next returns the offset of the line after i (or the end of the source).
func (v *mdbLines) next(i int) int {
	if i+1 < len(v.d.LineStarts) {
		return v.d.LineStarts[i+1]
	}
	return len(v.src)
}

// end returns the offset of the end of line i's text, before its line ending.
func (v *mdbLines) end(i int) int {
	e := v.next(i)
	if e > v.start(i) && v.src[e-1] == '\n' {
		e--
	}
	if e > v.start(i) && v.src[e-1] == '\r' {
		e--
	}
	return e
}

func (v *mdbLines) text(i int) []byte { return v.src[v.start(i):v.end(i)] }

// exists reports whether line i is a line of the body (markdownlint does
// not see the front matter).
func (v *mdbLines) exists(i int) bool { return i >= v.first && i < v.n() }

// blank reports whether line i is blank as markdownlint sees it: missing,
// whitespace, comments or blockquote markers only.
func (v *mdbLines) blank(i int) bool {
	return !v.exists(i) || mdbBlankText(v.text(i))
}

// mdbBlankText is markdownlint's isBlankLine: nothing but whitespace, HTML
// comments (an unclosed start or end counts) and '>'.
func mdbBlankText(line []byte) bool {
	if len(bytes.TrimSpace(line)) == 0 {
		return true
	}
	s := line
	if bytes.Contains(s, []byte("<!--")) || bytes.Contains(s, []byte("-->")) {
		s = mdbRemoveComments(s)
	}
	for _, c := range s {
		if c != '>' && !mdbSpace(c) {
			return false
		}
	}
	return true
}

func mdbRemoveComments(s []byte) []byte {
	out := bytes.Clone(s)
	for {
		start := bytes.Index(out, []byte("<!--"))
		end := bytes.Index(out, []byte("-->"))
		switch {
		case end >= 0 && (start < 0 || end < start):
			out = out[end+3:]
		case start >= 0 && end >= 0:
			out = append(out[:start:start], out[end+3:]...)
		case start >= 0:
			out = out[:start]
		default:
			return out
		}
	}
}

// mdbSpace is JavaScript's \s for ASCII.
func mdbSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// newline returns the document's line ending.
func (v *mdbLines) newline() string {
	if i := bytes.IndexByte(v.src, '\n'); i > 0 && v.src[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// inTemplate reports whether [s, e) overlaps template syntax (for an empty
// range: whether s lies inside it).
func (v *mdbLines) inTemplate(s, e int) bool { return v.d.InTemplate(s, e) }

// liquidOnly reports whether line i holds nothing but Liquid tags ({% … %})
// and whitespace. Jekyll renders such a line as an empty line before the
// Markdown converter sees it, so it separates blocks like a blank line.
func (v *mdbLines) liquidOnly(i int) bool {
	if !v.exists(i) || len(v.d.Templates) == 0 {
		return false
	}
	s, e := v.start(i), v.end(i)
	pos := s
	seen := false
	for _, t := range v.d.TemplatesFrom(s) {
		if t.End <= s {
			continue
		}
		if t.Start >= e {
			break
		}
		if t.Kind != "tag" || t.Start < s {
			return false
		}
		if len(bytes.TrimSpace(v.src[pos:t.Start])) > 0 {
			return false
		}
		pos, seen = t.End, true
		if t.End > e {
			// A tag that runs over several lines: the line is part of it.
			return true
		}
	}
	return seen && len(bytes.TrimSpace(v.src[pos:e])) == 0
}

// mdbBlockStarts marks the lines on which a block node of the document
// starts. It is computed once per document; callers must not change it.
func mdbBlockStarts(v *mdbLines) []bool {
	return derive(v.d, blockStartsKey, func() []bool {
		starts := make([]bool, v.n())
		inspect(v.d, func(n ast.Node) bool {
			if n.Type() != ast.TypeBlock || n.Kind() == ast.KindDocument {
				return true
			}
			if off := mdbBlockStart(n); off >= 0 {
				starts[v.of(off)] = true
			}
			return true
		})
		return starts
	})
}

var blockStartsKey = &derivedKey{"block starts"}

// mdbBlockStart returns the offset where a block starts: its first
// non-space character (a marker for containers), or -1.
func mdbBlockStart(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if l := n.Lines(); l != nil && l.Len() > 0 {
		return l.At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Type() == ast.TypeBlock {
			if p := mdbBlockStart(c); p >= 0 {
				return p
			}
		}
	}
	return -1
}

// mdbFence describes the lines of a fenced code block.
type mdbFence struct {
	open, close int // lines of the fences; close is the last line of the block when unclosed
	closed      bool
	char        byte
	length      int
}

// mdbFenceOf recovers the fences of a fenced code block. starts marks the
// lines where blocks start (mdbBlockStarts): a line that looks like a
// closing fence but starts a block is the opening of another one.
func mdbFenceOf(v *mdbLines, f *ast.FencedCodeBlock, starts []bool) mdbFence {
	pos := f.Pos()
	fc := mdbFence{open: v.of(pos), char: v.src[pos]}
	for k := pos; k < len(v.src) && v.src[k] == fc.char; k++ {
		fc.length++
	}
	last := fc.open
	if l := f.Lines(); l.Len() > 0 {
		last = v.of(l.At(l.Len() - 1).Start)
	}
	fc.close = last
	cand := last + 1
	if cand < v.n() && !starts[cand] {
		t := bytes.TrimLeft(v.text(cand), " \t>")
		k := 0
		for k < len(t) && t[k] == fc.char {
			k++
		}
		if k >= fc.length && len(bytes.TrimSpace(t[k:])) == 0 {
			fc.close, fc.closed = cand, true
		}
	}
	return fc
}

// mdbLastLine returns the last line of block n and its descendants.
func mdbLastLine(v *mdbLines, n ast.Node, starts []bool) int {
	last := -1
	if p := n.Pos(); p >= 0 {
		last = v.of(p)
	}
	switch b := n.(type) {
	case *ast.FencedCodeBlock:
		return max(last, mdbFenceOf(v, b, starts).close)
	case *ast.HTMLBlock:
		if b.HasClosure() {
			return max(last, v.of(b.ClosureLine.Start))
		}
	}
	if l := n.Lines(); l != nil && l.Len() > 0 { // a leaf block
		s := l.At(l.Len() - 1)
		last = max(last, v.of(max(s.Start, s.Stop-1)))
		if h, ok := n.(*ast.Heading); ok && h.Pos() >= 0 && v.src[h.Pos()] != '#' {
			last++ // the setext underline
		}
		return last
	}
	if c := n.LastChild(); c != nil && c.Type() == ast.TypeBlock {
		last = max(last, mdbLastLine(v, c, starts))
	}
	return last
}

// mdbInList reports whether n lies inside a list.
func mdbInList(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList || p.Kind() == ast.KindListItem {
			return true
		}
	}
	return false
}

// mdbInTable reports whether n lies inside a table.
func mdbInTable(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind().String() == "Table" {
			return true
		}
	}
	return false
}

// mdbIsPunct reports whether r is one of the characters of set.
func mdbIsPunct(r rune, set string) bool { return strings.ContainsRune(set, r) }

// mdbJSSpace reports whether r is JavaScript whitespace (\s).
func mdbJSSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\ufeff'
}

// mdbQuote shortens text for a message.
func mdbQuote(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "..."
	}
	return fmt.Sprintf("%q", s)
}

// mdbQuoteRaw quotes text for a message, keeping its white space.
func mdbQuoteRaw(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		r := []rune(s)
		s = string(r[:37]) + "..."
	}
	return fmt.Sprintf("%q", s)
}
