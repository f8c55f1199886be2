package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoSpaceInCode is markdownlint's MD038: no extra spaces inside code spans.
var NoSpaceInCode = &Rule{
	Name:     "no-space-in-code",
	Aliases:  []string{"MD038"},
	Tags:     []string{"whitespace", "code"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Code spans must not have extra spaces inside the backticks",
		Description: `Reports spaces next to the backticks of a code span beyond what Markdown strips: ` + "`` `some text ` ``" + `
renders as "some text " with the space. One space on both sides is allowed (it is stripped, and
lets a code span start or end with a backtick: ` + "``` `` `backticks` `` ```" + `), and so is a code span of
spaces only. The fix removes the extra spaces (and the one-space padding when both sides had
extra spaces and it is no longer needed). Code in Liquid raw bodies is not looked at.

Same semantics as markdownlint's MD038. On by default (warning): the spaces show in the
rendered code, and usually come from a slip of the cursor.`,
		Examples: []Example{
			{Bad: "Run `make ` and ` go test`.", Good: "Run `make` and `go test`."},
		},
	},
	Run: runNoSpaceInCode,
}

func runNoSpaceInCode(pass *Pass) error {
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		if n.Kind().String() == "Table" {
			// GFM splits a row at every unescaped pipe, even one inside
			// backticks: read the code spans of each cell from the source.
			for row := n.FirstChild(); row != nil; row = row.NextSibling() {
				if row.Pos() >= 0 {
					mdbTableRowCode(pass, v, v.of(row.Pos()))
				}
			}
			return false
		}
		if n.Kind() != ast.KindCodeSpan {
			return true
		}
		cs, ce, ok := mdbCodeSpanContent(src, n)
		if ok {
			mdbCheckCodeSpan(pass, v, cs, ce)
		}
		return false
	})
	return nil
}

// mdbCodeSpanContent returns the content of a code span between its
// backtick strings.
func mdbCodeSpanContent(src []byte, n ast.Node) (start, end int, ok bool) {
	p := n.Pos()
	if p < 0 || p >= len(src) || src[p] != '`' {
		return 0, 0, false
	}
	k := p
	for k < len(src) && src[k] == '`' {
		k++
	}
	e := mdbCodeSpanClose(src, k, k-p)
	if e < 0 {
		return 0, 0, false
	}
	return k, e - (k - p), true
}

func mdbEOL(c byte) bool { return c == '\n' || c == '\r' }

// mdbCheckCodeSpan applies markdownlint's reading of the content
// src[cs:ce] of a code span.
func mdbCheckCodeSpan(pass *Pass, v *mdbLines, cs, ce int) {
	src := pass.Source
	content := src[cs:ce]
	if len(content) == 0 {
		return
	}
	pad := len(content) >= 2 && (content[0] == ' ' || mdbEOL(content[0])) &&
		(content[len(content)-1] == ' ' || mdbEOL(content[len(content)-1])) &&
		len(bytes.Trim(content, " \r\n")) > 0
	ds, de := cs, ce // the content without the padding
	if pad {
		ds++
		de--
		if src[ds-1] == '\r' && ds < de && src[ds] == '\n' {
			ds++
		}
	}
	if ds >= de {
		return
	}
	// The first and last pieces of text between line endings; continuation
	// lines lose their indentation and blockquote markers.
	firstEnd := ds
	for firstEnd < de && !mdbEOL(src[firstEnd]) {
		firstEnd++
	}
	firstStart := ds
	if firstEnd == ds { // the content starts with a line ending
		firstStart = mdbSkipContinuation(src, ds, de)
		firstEnd = firstStart
		for firstEnd < de && !mdbEOL(src[firstEnd]) {
			firstEnd++
		}
	}
	lastStart := de
	for lastStart > ds && !mdbEOL(src[lastStart-1]) {
		lastStart--
	}
	if lastStart > ds {
		lastStart = mdbSkipContinuation(src, lastStart, de)
	}
	lastEnd := de
	if lastStart >= lastEnd { // the content ends with a line ending
		return
	}

	// White space as JavaScript's \s sees it, in characters.
	startWS, startBytes := 0, 0
	for firstStart+startBytes < firstEnd {
		r, size := utf8.DecodeRune(src[firstStart+startBytes : firstEnd])
		if !mdbJSSpace(r) {
			break
		}
		startWS++
		startBytes += size
	}
	startBacktick := firstStart+startBytes < firstEnd && src[firstStart+startBytes] == '`'
	if firstStart+startBytes == firstEnd {
		startWS, startBytes = 0, 0 // nothing after the spaces
	}
	startCount, startCut := startWS, startBytes
	if startBacktick && !pad && startCount > 0 {
		startCount-- // keep the space before the backtick
		_, size := utf8.DecodeLastRune(src[firstStart : firstStart+startBytes])
		startCut -= size
	}
	endWS, endBytes := 0, 0
	for lastEnd-endBytes > lastStart {
		r, size := utf8.DecodeLastRune(src[lastStart : lastEnd-endBytes])
		if !mdbJSSpace(r) {
			break
		}
		endWS++
		endBytes += size
	}
	endBacktick := lastEnd-endBytes > lastStart && src[lastEnd-endBytes-1] == '`'
	if lastEnd-endBytes == lastStart {
		endWS, endBytes = 0, 0
	}
	endCount, endCut := endWS, endBytes
	if endBacktick && !pad && endCount > 0 {
		endCount--
		_, size := utf8.DecodeRune(src[lastEnd-endBytes : lastEnd])
		endCut -= size
	}
	removePad := startCount > 0 && endCount > 0 && pad && !startBacktick && !endBacktick
	report := func(s, e int, where string) {
		if v.inTemplate(s, e) {
			return
		}
		pass.Report(Diagnostic{Start: s, End: e, Message: "space " + where + " the code span's text",
			Fix: &Fix{Message: "remove the spaces", Edits: []Edit{{Start: s, End: e}}}})
	}
	if startCount > 0 {
		s := firstStart
		if removePad && firstStart == ds {
			s = cs
		}
		report(s, firstStart+startCut, "at the start of")
	}
	if endCount > 0 {
		e := lastEnd
		if removePad && lastEnd == de {
			e = ce
		}
		report(lastEnd-endCut, e, "at the end of")
	}
}

// mdbTableRowCode checks the code spans of the cells of a table row.
func mdbTableRowCode(pass *Pass, v *mdbLines, line int) {
	src := pass.Source
	ls, le := v.start(line), v.end(line)
	cell := ls
	for cell < le && (src[cell] == ' ' || src[cell] == '\t' || src[cell] == '>') {
		cell++
	}
	for i := cell; i <= le; i++ {
		if i < le && src[i] == '\\' {
			i++
			continue
		}
		if i < le && src[i] != '|' {
			continue
		}
		// The cell src[cell:i].
		for k := cell; k < i; k++ {
			switch src[k] {
			case '\\':
				k++
			case '`':
				n := 1
				for k+n < i && src[k+n] == '`' {
					n++
				}
				if e := mdbCodeSpanClose(src[:i], k+n, n); e > 0 {
					mdbCheckCodeSpan(pass, v, k+n, e-n)
					k = e - 1
				} else {
					k += n - 1
				}
			}
		}
		cell = i + 1
	}
}

// mdbSkipContinuation skips the indentation and blockquote markers at the
// start of a continuation line at i.
func mdbSkipContinuation(src []byte, i, limit int) int {
	for i < limit && (src[i] == ' ' || src[i] == '\t' || src[i] == '>' || mdbEOL(src[i])) {
		i++
	}
	return i
}
