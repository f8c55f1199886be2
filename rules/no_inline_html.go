package rules

import (
	"bytes"

	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// NoInlineHTMLOptions configures no-inline-html.
type NoInlineHTMLOptions struct {
	AllowedElements      []string `yaml:"allowed_elements" doc:"HTML elements allowed anywhere (case-insensitive)"`
	TableAllowedElements []string `yaml:"table_allowed_elements" doc:"HTML elements allowed in tables (when unset, allowed_elements)"`
}

// NoInlineHTML is markdownlint's MD033: no raw HTML.
var NoInlineHTML = &Rule{
	Name:     "no-inline-html",
	Aliases:  []string{"MD033"},
	Tags:     []string{"html"},
	Severity: Off,
	Doc: Doc{
		Title: "Raw HTML should not be used",
		Description: `Reports every HTML start tag (` + "`<br>`, `<div class=\"note\">`" + `), in paragraphs, headings, tables
and HTML blocks, for documents that should be pure Markdown or are rendered to something
other than HTML. Closing tags, comments and tags in code are not reported; neither is template
syntax that looks like HTML (a Hugo shortcode such as ` + "`{{<figure src=\"a.png\">}}`" + `, a tag inside a
Liquid string) nor anything in a Liquid ` + "`raw`/`highlight`" + ` body. ` + "`allowed_elements`" + ` lists elements
to allow everywhere and ` + "`table_allowed_elements`" + ` those allowed in tables, such as ` + "`br`" + `.

Same semantics and options as markdownlint's MD033. Off by default: posts use HTML on purpose
(figures, embeds, details).`,
		Examples: []Example{
			{Bad: "<h1>Inline HTML heading</h1>", Good: "# Markdown heading"},
			{Bad: "Line one<br>line two", Good: "Line one\\\nline two", Note: "a backslash at the end of a line is a line break"},
		},
	},
	Options: func() any { return &NoInlineHTMLOptions{AllowedElements: []string{}} },
	Run:     runNoInlineHTML,
}

func runNoInlineHTML(pass *Pass) error {
	opts := OptionsOf[NoInlineHTMLOptions](pass)
	lower := func(list []string) []string {
		out := make([]string, len(list))
		for i, s := range list {
			out[i] = strings.ToLower(s)
		}
		return out
	}
	allowed := lower(opts.AllowedElements)
	tableAllowed := allowed
	if opts.TableAllowedElements != nil {
		tableAllowed = lower(opts.TableAllowedElements)
	}
	src := pass.Source
	v := mdbNewLines(pass.Document)
	check := func(start, end int, inTable bool) {
		name, closing, ok := mdbTagInfo(src[start:end])
		if !ok || closing || v.inTemplate(start, start+1) {
			return
		}
		lname := strings.ToLower(name)
		if inTable && slices.Contains(tableAllowed, lname) || !inTable && slices.Contains(allowed, lname) {
			return
		}
		// Report the tag's first line.
		if nl := bytes.IndexAny(src[start:end], "\r\n"); nl >= 0 {
			end = start + nl
		}
		pass.Reportf(start, end, "inline HTML element <%s>", name)
	}
	var starts []bool
	inspect(pass.Document, func(n ast.Node) bool {
		switch b := n.(type) {
		case *ast.RawHTML:
			if b.Segments.Len() > 0 {
				check(b.Segments.At(0).Start, b.Segments.At(b.Segments.Len()-1).Stop, mdbInTable(b))
			}
		case *ast.HTMLBlock:
			if mdbCommentBlock(v, b) {
				return false
			}
			if starts == nil {
				starts = mdbBlockStarts(v)
			}
			from := v.start(v.of(mdbBlockStart(b)))
			to := v.end(mdbLastLine(v, b, starts))
			mdbScanTags(src, from, to, func(s, e int) { check(s, e, false) })
			return false
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
			return false
		}
		return true
	})
	return nil
}

// mdbTagInfo reads the element name of an HTML tag as markdownlint does: the
// text after "<" up to white space, "/" or ">"; comments and declarations
// ("<!") have none.
func mdbTagInfo(tag []byte) (name string, closing, ok bool) {
	if len(tag) < 2 || tag[0] != '<' || tag[1] == '!' || tag[1] == '>' {
		return "", false, false
	}
	k := 2
	for k < len(tag) && tag[k] != '/' && tag[k] != '>' && !mdbSpace(tag[k]) {
		k++
	}
	name = string(tag[1:k])
	if tag[1] == '/' {
		k = 2
		for k < len(tag) && tag[k] != '/' && tag[k] != '>' && !mdbSpace(tag[k]) {
			k++
		}
		return string(tag[2:k]), true, true
	}
	return name, false, true
}

// mdbScanTags finds the raw HTML constructs of CommonMark inline syntax
// (tags, comments, processing instructions, declarations, CDATA) in
// src[from:to], skipping code spans, backslash escapes and autolinks, and
// calls fn with each one's range. It reads an HTML block's lines the way
// markdownlint does: as Markdown whose HTML is all inline.
func mdbScanTags(src []byte, from, to int, fn func(start, end int)) {
	s := src[:to]
	var unclosed map[int]bool // backtick string lengths with no closing string further on
	for i := from; i < to; i++ {
		switch s[i] {
		case '\\':
			i++
		case '`':
			n := 1
			for i+n < to && s[i+n] == '`' {
				n++
			}
			end := -1
			if !unclosed[n] {
				end = mdbCodeSpanClose(s, i+n, n)
			}
			if end > 0 {
				i = end - 1
			} else {
				if unclosed == nil {
					unclosed = make(map[int]bool)
				}
				unclosed[n] = true
				i += n - 1
			}
		case '<':
			if e := mdbAutolinkEnd(s, i); e > 0 {
				i = e - 1
				continue
			}
			if e := mdbHTMLEnd(s, i); e > 0 {
				fn(i, e)
				i = e - 1
			}
		}
	}
}

// mdbCodeSpanClose returns the offset after the run of exactly n backticks
// that closes a code span whose content starts at i, or -1.
func mdbCodeSpanClose(s []byte, i, n int) int {
	for i < len(s) {
		k := bytes.IndexByte(s[i:], '`')
		if k < 0 {
			return -1
		}
		i += k
		m := 0
		for i+m < len(s) && s[i+m] == '`' {
			m++
		}
		if m == n {
			return i + m
		}
		i += m
	}
	return -1
}

// mdbAutolinkEnd returns the end of a CommonMark autolink (<scheme:…> or
// <email>) at s[i], or -1.
func mdbAutolinkEnd(s []byte, i int) int {
	k := i + 1
	for k < len(s) && k-i <= 33 && (isWordByte(s[k]) || s[k] == '+' || s[k] == '.' || s[k] == '-') {
		k++
	}
	if k < len(s) && s[k] == ':' && k-i-1 >= 2 && mdbASCIILetter(s[i+1]) {
		for k < len(s) && s[k] != '>' && s[k] != '<' && s[k] > ' ' {
			k++
		}
		if k < len(s) && s[k] == '>' {
			return k + 1
		}
		return -1
	}
	// An email address.
	k = i + 1
	at := -1
	for k < len(s) && s[k] != '>' && s[k] > ' ' && s[k] != '<' {
		if s[k] == '@' {
			if at >= 0 {
				return -1
			}
			at = k
		}
		k++
	}
	if at > i+1 && k < len(s) && s[k] == '>' && k > at+1 {
		return k + 1
	}
	return -1
}

func mdbASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// mdbHTMLEnd returns the end of the CommonMark raw HTML construct at s[i]
// (which is '<'), or -1.
func mdbHTMLEnd(s []byte, i int) int {
	n := len(s)
	if i+1 >= n {
		return -1
	}
	switch c := s[i+1]; {
	case mdbASCIILetter(c): // open tag
		k := i + 2
		for k < n && (mdbASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9' || s[k] == '-') {
			k++
		}
		for {
			ws := mdbSkipTagSpace(s, k)
			if ws < 0 {
				return -1
			}
			if ws < n && s[ws] == '>' {
				return ws + 1
			}
			if ws+1 < n && s[ws] == '/' && s[ws+1] == '>' {
				return ws + 2
			}
			if ws == k { // an attribute needs white space before it
				return -1
			}
			k = mdbAttribute(s, ws)
			if k < 0 {
				return -1
			}
		}
	case c == '/': // closing tag
		k := i + 2
		if k >= n || !mdbASCIILetter(s[k]) {
			return -1
		}
		for k < n && (mdbASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9' || s[k] == '-') {
			k++
		}
		k = mdbSkipTagSpace(s, k)
		if k >= 0 && k < n && s[k] == '>' {
			return k + 1
		}
		return -1
	case c == '?': // processing instruction
		if e := bytes.Index(s[i+2:], []byte("?>")); e >= 0 {
			return i + 2 + e + 2
		}
		return -1
	case c == '!':
		rest := s[i+2:]
		switch {
		case bytes.HasPrefix(rest, []byte("--")):
			if bytes.HasPrefix(rest[2:], []byte(">")) {
				return i + 5
			}
			if bytes.HasPrefix(rest[2:], []byte("->")) {
				return i + 6
			}
			if e := bytes.Index(rest[2:], []byte("-->")); e >= 0 {
				return i + 4 + e + 3
			}
			return -1
		case bytes.HasPrefix(rest, []byte("[CDATA[")):
			if e := bytes.Index(rest, []byte("]]>")); e >= 0 {
				return i + 2 + e + 3
			}
			return -1
		case len(rest) > 0 && mdbASCIILetter(rest[0]):
			if e := bytes.IndexByte(rest, '>'); e >= 0 {
				return i + 2 + e + 1
			}
		}
	}
	return -1
}

// mdbSkipTagSpace skips spaces, tabs and at most one line ending (with the
// blockquote markers and indentation of the next line) inside a tag.
func mdbSkipTagSpace(s []byte, k int) int {
	lines := 0
	for k < len(s) {
		switch s[k] {
		case ' ', '\t':
			k++
		case '\r', '\n':
			if lines++; lines > 1 {
				return -1
			}
			if s[k] == '\r' && k+1 < len(s) && s[k+1] == '\n' {
				k++
			}
			k++
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '>') {
				k++
			}
			if k < len(s) && (s[k] == '\n' || s[k] == '\r') {
				return -1 // a blank line ends the tag
			}
		default:
			return k
		}
	}
	return k
}

// mdbAttribute parses an attribute at s[k] and returns its end, or -1.
func mdbAttribute(s []byte, k int) int {
	n := len(s)
	if k >= n || !(mdbASCIILetter(s[k]) || s[k] == '_' || s[k] == ':') {
		return -1
	}
	for k < n && (mdbASCIILetter(s[k]) || s[k] >= '0' && s[k] <= '9' || strings.IndexByte("_.:-", s[k]) >= 0) {
		k++
	}
	ws := mdbSkipTagSpace(s, k)
	if ws < 0 || ws >= n || s[ws] != '=' {
		return k
	}
	k = mdbSkipTagSpace(s, ws+1)
	if k < 0 || k >= n {
		return -1
	}
	switch q := s[k]; q {
	case '"', '\'':
		e := bytes.IndexByte(s[k+1:], q)
		if e < 0 {
			return -1
		}
		return k + 1 + e + 1
	default:
		start := k
		for k < n && !mdbSpace(s[k]) && strings.IndexByte("\"'=<>`", s[k]) < 0 {
			k++
		}
		if k == start {
			return -1
		}
		return k
	}
}
