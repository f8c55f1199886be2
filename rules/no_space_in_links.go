package rules

import (
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// NoSpaceInLinks is markdownlint's MD039: no spaces just inside the brackets
// of link text.
var NoSpaceInLinks = &Rule{
	Name:     "no-space-in-links",
	Aliases:  []string{"MD039"},
	Tags:     []string{"whitespace", "links"},
	Severity: Warning,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Link text must not start or end with spaces",
		Description: `Reports links whose text starts or ends with white space: ` + "`[ a link ](https://example.com)`" + `
renders the spaces underlined as part of the link. Images are not links and are not reported;
reference links are, when their label is defined. The fix removes the spaces (not when the text
is nothing but spaces: that link needs words).

Same semantics as markdownlint's MD039. On by default (warning): the stray underline shows in
the rendered post.`,
		Examples: []Example{
			{Bad: "[ a link ](https://www.example.com/)", Good: "[a link](https://www.example.com/)"},
		},
	},
	Run: runNoSpaceInLinks,
}

func runNoSpaceInLinks(pass *Pass) error {
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindImage:
			return false
		case ast.KindLink:
		default:
			return true
		}
		ts, te, ok := mdbLinkText(src, n)
		if !ok || ts == te {
			return true
		}
		text := src[ts:te]
		lead, leadH := mdbLeadingSpace(text)
		trail, trailH := mdbTrailingSpace(text)
		if lead == 0 && trail == 0 {
			return true
		}
		blank := lead == len(text)
		report := func(s, e int, where string) {
			if v.inTemplate(s, e) {
				return
			}
			d := Diagnostic{Start: s, End: e, Message: "space " + where + " of the link text " + mdbQuoteRaw(string(text))}
			if !blank && e > s {
				d.Fix = &Fix{Message: "remove the spaces", Edits: []Edit{{Start: s, End: e}}}
			}
			pass.Report(d)
		}
		if lead > 0 {
			if leadH > 0 {
				report(ts, ts+leadH, "at the start")
			} else { // a line break: markdownlint reports the next line
				s := v.next(v.of(ts))
				report(s, s, "at the start")
			}
		}
		if trail > 0 {
			if trailH > 0 {
				report(te-trailH, te, "at the end")
			} else {
				e := v.start(v.of(te))
				report(e, e, "at the end")
			}
		}
		return true
	})
	return nil
}

// mdbLinkText returns the range of a link's text, inside its brackets.
func mdbLinkText(src []byte, n ast.Node) (start, end int, ok bool) {
	if l, ok := markdown.ParseInlineLink(src, n); ok {
		return l.TextStart, l.TextEnd, true
	}
	p := n.Pos()
	if p < 0 || p >= len(src) || src[p] != '[' {
		return 0, 0, false
	}
	e, ok := mdbCloseBracket(src, p)
	if !ok {
		return 0, 0, false
	}
	return p + 1, e, true
}

// mdbCloseBracket returns the offset of the ']' that closes the '[' at
// src[i], honouring backslash escapes, nested brackets and code spans.
func mdbCloseBracket(src []byte, i int) (int, bool) {
	depth := 0
	for k := i; k < len(src); k++ {
		switch src[k] {
		case '\\':
			k++
		case '`':
			n := 1
			for k+n < len(src) && src[k+n] == '`' {
				n++
			}
			if e := mdbCodeSpanClose(src, k+n, n); e > 0 {
				k = e - 1
			} else {
				k += n - 1
			}
		case '[':
			depth++
		case ']':
			if depth--; depth == 0 {
				return k, true
			}
		}
	}
	return 0, false
}

// mdbLeadingSpace returns the length of the leading JavaScript white space
// of b and of its horizontal part (before any line break).
func mdbLeadingSpace(b []byte) (all, horizontal int) {
	broke := false
	for all < len(b) {
		r, size := utf8.DecodeRune(b[all:])
		if !mdbJSSpace(r) {
			break
		}
		if r == '\n' || r == '\r' {
			broke = true
		}
		all += size
		if !broke {
			horizontal = all
		}
	}
	return all, horizontal
}

// mdbTrailingSpace is mdbLeadingSpace for the end of b.
func mdbTrailingSpace(b []byte) (all, horizontal int) {
	broke := false
	for all < len(b) {
		r, size := utf8.DecodeLastRune(b[:len(b)-all])
		if !mdbJSSpace(r) {
			break
		}
		if r == '\n' || r == '\r' {
			broke = true
		}
		all += size
		if !broke {
			horizontal = all
		}
	}
	return all, horizontal
}
