package rules

import (
	"bytes"
	"sort"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoBareURLs is markdownlint's MD034: URLs and email addresses in angle
// brackets.
var NoBareURLs = &Rule{
	Name:     "no-bare-urls",
	Aliases:  []string{"MD034"},
	Tags:     []string{"links", "url"},
	Severity: Off,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "URLs and email addresses must be in angle brackets",
		Description: `Reports URLs (` + "`https://…`, `www.…`" + `) and email addresses written as bare text, as GitHub
recognizes them. GitHub, Hugo and other CommonMark processors with the autolink extension turn
them into links, but kramdown (Jekyll's default) and strict CommonMark leave them as text; in
angle brackets they are links everywhere. URLs in code, in link text, in HTML
(` + "`<a href=\"…\">https://…</a>`" + `) and in Liquid or Hugo template syntax are not reported. The fix puts
the URL or address in angle brackets; a ` + "`www.`" + ` address has no scheme, so it is reported without
a fix (` + "`<www.example.com>`" + ` is not a link).

Same semantics as markdownlint's MD034. Off by default: most renderers link bare URLs, and
posts often show an address as text on purpose.`,
		Examples: []Example{
			{Bad: "For more info, visit https://www.example.com/ or email user@example.com.", Good: "For more info, visit <https://www.example.com/> or email <user@example.com>."},
			{Bad: "Not a clickable link: https://www.example.com", Good: "Not a clickable link: `https://www.example.com`", Note: "to show a URL as text, use a code span"},
		},
	},
	Run: runNoBareURLs,
}

func runNoBareURLs(pass *Pass) error {
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		switch n.Kind() {
		case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
		case ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock:
			return false
		default:
			if n.Kind().String() != "TableCell" {
				return true
			}
		}
		s := &mdbURLScan{pass: pass, v: v, src: pass.Source}
		if l := n.Lines(); l != nil && l.Len() > 0 {
			for i := 0; i < l.Len(); i++ {
				s.lineStarts = append(s.lineStarts, l.At(i).Start)
			}
			// A URL ends with its block (a table cell ends at its "|").
			s.src = s.src[:l.At(l.Len()-1).Stop]
		}
		s.inlines(n)
		return false
	})
	return nil
}

// mdbURLScan finds GFM literal autolinks in the text of one block, as
// micromark-extension-gfm-autolink-literal does.
type mdbURLScan struct {
	pass       *Pass
	v          *mdbLines
	src        []byte
	lineStarts []int // where the block's lines start: the character before is no character
	depth      int   // unclosed [ brackets: no autolinks inside link text
	done       int   // offset up to which text has been scanned
	// found, when set, receives each literal autolink instead of a report.
	found func(start, end int, kind string)
}

func (s *mdbURLScan) inlines(parent ast.Node) {
	for c := parent.FirstChild(); c != nil; c = c.NextSibling() {
		switch n := c.(type) {
		case *ast.CodeSpan, *ast.Link, *ast.Image:
		case *ast.RawHTML:
			// The content of an inline HTML element is the element's.
			if close := mdbClosingTag(s.src, n); close != nil {
				c = close
			}
		case *ast.AutoLink:
			if start, end, ok := mdbLinkifiedRange(s.src, n); ok {
				s.text(start, end)
			}
		case *ast.Text:
			s.text(n.Segment.Start, n.Segment.Stop)
		default:
			s.inlines(c)
		}
	}
}

func (s *mdbURLScan) text(start, end int) {
	src := s.src
	from := max(start, s.done)
	if from >= end {
		return
	}
	// A literal autolink needs "://" (a URL), "www" or "@" (an email): text
	// without them (nearly all) only moves the bracket depth. A link that
	// starts here may run past the end of the text node: the window takes
	// in the scheme's "://" and an email's address part after it.
	seg := src[from:end]
	ext := end
	for ext < len(src) && mdbAtext(src[ext]) {
		ext++
	}
	window := src[from:min(len(src), max(ext+1, end+8))]
	hasURL, hasWWW, hasAt := bytes.Contains(window, []byte("://")), containsWWW(window), bytes.IndexByte(window, '@') >= 0
	if !hasURL && !hasWWW && !hasAt {
		for k := 0; k < len(seg); {
			j := bytes.IndexAny(seg[k:], `[]\`)
			if j < 0 {
				break
			}
			switch seg[k+j] {
			case '\\':
				k += j + 2
				continue
			case '[':
				s.depth++
			case ']':
				s.depth = max(s.depth-1, 0)
			}
			k += j + 1
		}
		return
	}
	for i := from; i < end; i++ {
		c := src[i]
		switch c {
		case '\\':
			i++
			continue
		case '[':
			s.depth++
			continue
		case ']':
			s.depth = max(s.depth-1, 0)
			continue
		}
		// Every literal autolink starts with an atext character (h, w or an
		// email's first), and none right after a letter (a line never
		// starts after one).
		if s.depth > 0 || !mdbAtext(c) || i > 0 && mdbASCIILetter(src[i-1]) {
			continue
		}
		prev := rune(-1)
		if i > 0 && !s.lineStart(i) {
			prev, _ = utf8.DecodeLastRune(src[:i])
		}
		e, kind := -1, ""
		if hasURL && (c == 'h' || c == 'H') && !(prev >= 0 && prev < utf8.RuneSelf && mdbASCIILetter(byte(prev))) {
			e, kind = mdbProtocolLink(src, i), "URL"
		}
		if e < 0 && hasWWW && (c == 'w' || c == 'W') && (prev < 0 || prev == '(' || prev == '*' || prev == '_' || prev == '[' || prev == ']' || prev == '~' || mdbUnicodeSpace(prev)) {
			e, kind = mdbWWWLink(src, i), "www"
		}
		if e < 0 && hasAt && mdbAtext(c) && !(prev == '/' || prev >= 0 && prev < utf8.RuneSelf && mdbAtext(byte(prev))) {
			e, kind = mdbEmailLink(src, i), "email"
		}
		if e < 0 {
			continue
		}
		if s.found != nil {
			s.found(i, e, kind)
		} else {
			s.report(i, e, kind)
		}
		s.done = e
		i = e - 1
	}
}

// containsWWW reports whether b holds "www" in any case.
func containsWWW(b []byte) bool {
	for i := 0; i+2 < len(b); i++ {
		if b[i]|0x20 == 'w' && b[i+1]|0x20 == 'w' && b[i+2]|0x20 == 'w' {
			return true
		}
	}
	return false
}

func (s *mdbURLScan) lineStart(i int) bool {
	k := sort.SearchInts(s.lineStarts, i)
	return k < len(s.lineStarts) && s.lineStarts[k] == i
}

func (s *mdbURLScan) report(start, end int, kind string) {
	src := s.src
	if start > 0 && src[start-1] == '<' && end < len(src) && src[end] == '>' {
		return // micromark's misreading of <…> that is not an autolink
	}
	if s.v.inTemplate(start, end) {
		return
	}
	url := string(src[start:end])
	d := Diagnostic{Start: start, End: end}
	switch kind {
	case "email":
		d.Message = "bare email address " + mdbQuote(url) + ": put it in angle brackets"
	case "www":
		d.Message = "bare URL " + mdbQuote(url) + ": write it with a scheme in angle brackets (<https://…>)"
	default:
		d.Message = "bare URL " + mdbQuote(url) + ": put it in angle brackets"
	}
	if kind != "www" && !bytes.ContainsAny(src[start:end], "<>\n\r") {
		d.Fix = &Fix{Message: "put it in angle brackets", Edits: []Edit{{Start: start, End: start, NewText: "<"}, {Start: end, End: end, NewText: ">"}}}
	}
	s.pass.Report(d)
}

// mdbLinkifiedRange returns the source range of a URL that goldmark's linkify
// extension turned into a link, or ok=false for an autolink in angle brackets.
func mdbLinkifiedRange(src []byte, a *ast.AutoLink) (start, end int, ok bool) {
	label := a.Label(src)
	if len(label) == 0 {
		return 0, 0, false
	}
	from := max(0, a.Pos()-1)
	k := bytes.Index(src[from:min(len(src), from+len(label)+4)], label)
	if k < 0 {
		return 0, 0, false
	}
	start = from + k
	end = start + len(label)
	if start > 0 && src[start-1] == '<' && end < len(src) && src[end] == '>' {
		return 0, 0, false
	}
	return start, end, true
}

func mdbAtext(c byte) bool {
	return c == '+' || c == '-' || c == '.' || c == '_' || isWordByte(c)
}

func mdbUnicodeSpace(r rune) bool { return r >= 0 && unicode.IsSpace(r) }

// mdbUnicodePunct is micromark's unicodePunctuation: \p{P} or \p{S}.
func mdbUnicodePunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

// mdbRuneAt decodes the rune at s[k]; -1 at the end.
func mdbRuneAt(s []byte, k int) (rune, int) {
	if k >= len(s) {
		return -1, 0
	}
	return utf8.DecodeRune(s[k:])
}

// mdbProtocolLink matches http:// or https:// and a domain and path at
// s[i], returning the end or -1.
func mdbProtocolLink(s []byte, i int) int {
	k := i
	for k < len(s) && k-i < 5 && mdbASCIILetter(s[k]) {
		k++
	}
	if k >= len(s) || s[k] != ':' {
		return -1
	}
	if p := bytes.ToLower(s[i:k]); string(p) != "http" && string(p) != "https" {
		return -1
	}
	if k+2 >= len(s) || s[k+1] != '/' || s[k+2] != '/' {
		return -1
	}
	k += 3
	r, _ := mdbRuneAt(s, k)
	if r < 0 || r < 32 || r == 127 || mdbUnicodeSpace(r) || mdbUnicodePunct(r) {
		return -1
	}
	k = mdbGFMDomain(s, k)
	if k < 0 {
		return -1
	}
	return mdbGFMPath(s, k)
}

// mdbWWWLink matches www. and a domain and path at s[i].
func mdbWWWLink(s []byte, i int) int {
	if i+4 > len(s) || !bytes.EqualFold(s[i:i+4], []byte("www.")) || i+4 == len(s) {
		return -1
	}
	k := mdbGFMDomain(s, i)
	if k < 0 {
		return -1
	}
	return mdbGFMPath(s, k)
}

// mdbEmailLink matches an email address at s[i].
func mdbEmailLink(s []byte, i int) int {
	k := i
	for k < len(s) && mdbAtext(s[k]) {
		k++
	}
	if k >= len(s) || s[k] != '@' {
		return -1
	}
	k++
	data, dot := false, false
	for k < len(s) {
		c := s[k]
		if c == '.' {
			if k+1 >= len(s) || !(isWordByte(s[k+1]) && s[k+1] != '_') {
				break
			}
			dot = true
			k++
			continue
		}
		if c == '-' || c == '_' || isWordByte(c) {
			data = true
			k++
			continue
		}
		break
	}
	if data && dot && mdbASCIILetter(s[k-1]) {
		return k
	}
	return -1
}

// mdbGFMDomain matches a domain at s[k] and returns its end, or -1.
func mdbGFMDomain(s []byte, k int) int {
	seen, uLast, uLastLast := false, false, false
	for {
		r, size := mdbRuneAt(s, k)
		if r == '.' || r == '_' {
			if mdbGFMTrail(s, k) {
				break
			}
			if r == '_' {
				uLast = true
			} else {
				uLastLast, uLast = uLast, false
			}
			k++
			continue
		}
		if r < 0 || mdbUnicodeSpace(r) || r != '-' && mdbUnicodePunct(r) {
			break
		}
		seen = true
		k += size
	}
	if uLastLast || uLast || !seen {
		return -1
	}
	return k
}

// mdbGFMPath matches the path after a domain and returns its end.
func mdbGFMPath(s []byte, k int) int {
	open, closed := 0, 0
	for {
		r, size := mdbRuneAt(s, k)
		switch {
		case r == '(':
			open++
			k++
			continue
		case r == ')' && closed < open:
			closed++
			k++
			continue
		case r >= 0 && r < utf8.RuneSelf && bytes.IndexByte([]byte(`!"&')*,.:;<?]_~`), byte(r)) >= 0:
			if mdbGFMTrail(s, k) {
				return k
			}
			if r == ')' {
				closed++
			}
			k++
			continue
		case r < 0 || mdbUnicodeSpace(r):
			return k
		}
		k += size
	}
}

// mdbGFMTrail reports whether s[k:] starts with trailing punctuation that
// ends an autolink: punctuation up to white space, '<' or the end.
func mdbGFMTrail(s []byte, k int) bool {
	for {
		r, _ := mdbRuneAt(s, k)
		switch {
		case r < 0 || r == '<' || mdbUnicodeSpace(r):
			return true
		case r < utf8.RuneSelf && bytes.IndexByte([]byte(`!"')*,.:;?_~`), byte(r)) >= 0:
			k++
		case r == '&':
			k++
			if k >= len(s) || !mdbASCIILetter(s[k]) {
				return false
			}
			for k < len(s) && mdbASCIILetter(s[k]) {
				k++
			}
			if k >= len(s) || s[k] != ';' {
				return false
			}
			k++
		case r == ']':
			k++
			if n, _ := mdbRuneAt(s, k); n < 0 || n == '(' || n == '[' || mdbUnicodeSpace(n) {
				return true
			}
		default:
			return false
		}
	}
}

// mdbClosingTag returns the sibling that closes the element opened by the
// inline HTML n (counting nested elements of the same name), or nil.
func mdbClosingTag(src []byte, n *ast.RawHTML) ast.Node {
	open, ok := mdbRawTag(src, n)
	if !ok || open.closing {
		return nil
	}
	depth := 1
	for s := n.NextSibling(); s != nil; s = s.NextSibling() {
		r, ok := s.(*ast.RawHTML)
		if !ok {
			continue
		}
		t, ok := mdbRawTag(src, r)
		if !ok || t.name != open.name {
			continue
		}
		if t.closing {
			if depth--; depth == 0 {
				return s
			}
		} else {
			depth++
		}
	}
	return nil
}

type mdbTag struct {
	name    string
	closing bool
}

func mdbRawTag(src []byte, r *ast.RawHTML) (mdbTag, bool) {
	if r.Segments.Len() == 0 {
		return mdbTag{}, false
	}
	s := r.Segments.At(0)
	name, closing, ok := mdbTagInfo(src[s.Start:s.Stop])
	return mdbTag{name, closing}, ok
}
