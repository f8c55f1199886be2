package rules

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoSpaceInEmphasis is markdownlint's MD037: no spaces just inside emphasis
// markers.
var NoSpaceInEmphasis = &Rule{
	Name:     "no-space-in-emphasis",
	Aliases:  []string{"MD037"},
	Tags:     []string{"whitespace", "emphasis"},
	Severity: Warning,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Emphasis markers must not have spaces inside them",
		Description: `Reports ` + "`** bold **`, `* italic *`, `__ bold __` and `_ italic _`" + `: with a space just inside the
markers they are not emphasis, and the reader sees the asterisks or underscores. The rule pairs
the markers that Markdown left as text, as markdownlint does, so it also reports an asterisk
used as a symbol when another one follows on the same line (` + "`2 * 3 * 4`" + `). Markers in code and in
Liquid or Hugo template syntax (` + "`{{ a * b }}`" + `) are never looked at.

The fix removes the spaces when the intent is clear: both markers of the pair have a space
inside, they are on the same line, the text between them has a letter, and no digit touches a
marker on the outside. Other findings are left to the author.

Same semantics as markdownlint's MD037. On by default (warning): the broken emphasis shows up
in the rendered post.`,
		Examples: []Example{
			{Bad: "Here is some ** bold ** text.", Good: "Here is some **bold** text."},
			{Bad: "Here is some _ italic _ text.", Good: "Here is some _italic_ text."},
		},
	},
	Run: runNoSpaceInEmphasis,
}

// mdbMarkerRun is a run of emphasis characters that Markdown left as text.
type mdbMarkerRun struct {
	start, end int
}

func runNoSpaceInEmphasis(pass *Pass) error {
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindCodeBlock, ast.KindFencedCodeBlock, ast.KindHTMLBlock, ast.KindRawHTML, ast.KindAutoLink:
			return false
		}
		runs := mdbMarkerRuns(pass, v, n)
		if len(runs) < 2 {
			return true
		}
		byMarker := make(map[string][]mdbMarkerRun)
		var order []string
		for _, r := range runs {
			m := string(src[r.start:r.end])
			if _, ok := byMarker[m]; !ok {
				order = append(order, m)
			}
			byMarker[m] = append(byMarker[m], r)
		}
		for _, m := range order {
			list := byMarker[m]
			for i := 0; i+1 < len(list); i += 2 {
				mdbCheckEmphasisPair(pass, v, m, list[i], list[i+1])
			}
		}
		return true
	})
	return nil
}

// mdbMarkerRuns returns the runs of *, **, ***, _, __ and ___ among the
// text children of n: the emphasis markers that matched nothing. Like
// markdownlint, it looks at the text of paragraphs, headings and table cells
// only (inside emphasis and link text, markdownlint's parser merges them into
// the surrounding text). Runs in template syntax are left out.
func mdbMarkerRuns(pass *Pass, v *mdbLines, n ast.Node) []mdbMarkerRun {
	switch n.Kind() {
	case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
	default:
		if n.Kind().String() != "TableCell" {
			return nil
		}
	}
	src := pass.Source
	var runs []mdbMarkerRun
	scan := func(s, e int) {
		for i := s; i < e; i++ {
			ch := src[i]
			if ch == '\\' && i+1 < e && isASCIIPunctByte(src[i+1]) {
				i++
				continue
			}
			if ch != '*' && ch != '_' {
				continue
			}
			j := i
			for j < e && src[j] == ch {
				j++
			}
			if j-i <= 3 && !v.inTemplate(i, j) {
				runs = append(runs, mdbMarkerRun{i, j})
			}
			i = j - 1
		}
	}
	// goldmark splits text at delimiters: scan adjacent segments as one.
	start, end := -1, -1
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			continue
		}
		if t.Segment.Start != end {
			scan(start, end)
			start = t.Segment.Start
		}
		end = t.Segment.Stop
	}
	scan(start, end)
	return runs
}

// mdbCheckEmphasisPair reports the spaces inside a pair of markers.
func mdbCheckEmphasisPair(pass *Pass, v *mdbLines, marker string, open, close mdbMarkerRun) {
	src := v.src
	// After the opening marker: spaces, then something on the same line.
	openLine := v.of(open.start)
	k := open.end
	for k < v.end(openLine) && mdbSpace(src[k]) {
		k++
	}
	openSpaces := k > open.end && k < v.end(openLine)
	// Before the closing marker: something, then spaces, on the same line.
	closeLine := v.of(close.start)
	j := close.start
	for j > v.start(closeLine) && mdbSpace(src[j-1]) {
		j--
	}
	closeSpaces := j < close.start && j > v.start(closeLine)
	if !openSpaces && !closeSpaces {
		return
	}
	fixable := openSpaces && closeSpaces && openLine == closeLine && k < j &&
		bytes.ContainsFunc(src[k:j], unicode.IsLetter) &&
		!mdbDigitAt(src, open.start-1, true) && !mdbDigitAt(src, close.end, false)
	report := func(s, e int, msg string) {
		d := Diagnostic{Start: s, End: e, Message: msg}
		if fixable {
			d.Fix = &Fix{Message: "remove the spaces", Edits: []Edit{{Start: s, End: e}}}
		}
		pass.Report(d)
	}
	if openSpaces {
		report(open.end, k, "space after the emphasis marker "+mdbQuote(marker))
	}
	if closeSpaces {
		report(j, close.start, "space before the emphasis marker "+mdbQuote(marker))
	}
}

// mdbDigitAt reports whether the character that ends (before) or starts at
// offset i is a digit.
func mdbDigitAt(src []byte, i int, before bool) bool {
	var r rune
	if before {
		if i < 0 {
			return false
		}
		r, _ = utf8.DecodeLastRune(src[:i+1])
	} else {
		if i >= len(src) {
			return false
		}
		r, _ = utf8.DecodeRune(src[i:])
	}
	return unicode.IsDigit(r)
}
