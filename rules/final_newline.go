package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// FinalNewline reports a file that does not end with exactly one line ending.
var FinalNewline = &Rule{
	Name:     "final-newline",
	Tags:     []string{"whitespace"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Files must end with exactly one newline",
		Description: `A text file ends with a line ending: without one, ` + "`cat`" + `, ` + "`wc -l`" + ` and diffs treat the last line
as incomplete ("\ No newline at end of file"), and joining files glues lines together. Blank
lines after the last line are just as invisible, and just as noisy in diffs.

The rule reports a missing final newline (the fix adds one, CRLF in a CRLF file) and blank
lines, or lines of spaces, after the last line of text (the fix removes them, keeping one line
ending). Trailing spaces on the last line of text are left to ` + "`trailing-whitespace`" + `. A file
whose last block is a fenced code block left open keeps its blank lines: they are part of the
code; one that ends on the opening fence line itself is reported without a fix (goldmark reads
its info string differently once a newline ends it). Empty files are not reported.

This is postlint's own rule and it is off by default (` + "`postlint publish`" + ` turns it on). The
markdownlint rule ` + "`single-trailing-newline`" + ` (MD047) reports only a missing final newline;
this rule also reports the extra blank lines at the end, which markdownlint leaves to
` + "`no-multiple-blanks`" + ` (MD012) only when there are two or more. Turn on one of the two, not both.`,
		Examples: []Example{
			{Bad: "Last line.", Good: "Last line.\n", Note: "\\n stands for the final newline"},
			{Bad: "Last line.\n\n\n", Good: "Last line.\n"},
		},
	},
	Run: runFinalNewline,
}

func runFinalNewline(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	src := pass.Source
	if len(src) == 0 {
		return nil
	}
	// k: just past the last line holding something but whitespace, trailing
	// spaces included.
	k := len(src)
	for k > 0 && isSpaceByte(src[k-1]) {
		k--
	}
	if k == 0 {
		return nil // only whitespace: nothing to end
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	nl := "\n"
	if bytes.Count(src, []byte("\r\n"))*2 > bytes.Count(src, []byte("\n")) && !hygEmptyListItem(src, len(src)) {
		nl = "\r\n" // (but an empty list item stays one only before LF)
	}
	tail := src[k:]
	fence := openFenceAtEnd(pass.Document)
	missing := func() {
		_, size := utf8.DecodeLastRune(src)
		d := Diagnostic{Start: len(src) - size, End: len(src), Message: "no newline at the end of the file"}
		if fence != nil && fence.Lines().Len() == 0 {
			// goldmark reads the info string of an opening fence only
			// when a newline ends it: adding one would change the code block.
			d.Message += "; the file ends on the opening line of a code block, which a newline would change: add it by hand"
		} else {
			d.Fix = &Fix{Message: "add a newline", Edits: []Edit{{Start: len(src), End: len(src), NewText: nl}}}
		}
		pass.Report(d)
	}
	switch {
	case len(tail) == 0:
		missing()
	case string(tail) == "\n" || string(tail) == "\r\n":
		return nil
	default:
		if fence != nil {
			if tail[len(tail)-1] != '\n' {
				missing()
			}
			return nil // the blank lines are code
		}
		end := k + 1
		if src[k] == '\r' && k+1 < len(src) && src[k+1] == '\n' {
			end = k + 2
		}
		msg := "blank lines at the end of the file"
		if bytes.Count(tail, []byte("\n")) <= 1 {
			msg = "whitespace after the last line"
		}
		pass.Report(Diagnostic{
			Start: k, End: len(src),
			Message: msg,
			Fix:     &Fix{Message: "keep one newline", Edits: []Edit{{Start: end, End: len(src)}}},
		})
	}
	return nil
}

// openFenceAtEnd returns the fenced code block the document ends in when it
// is never closed, or nil.
func openFenceAtEnd(doc *Document) *ast.FencedCodeBlock {
	last := doc.AST.LastChild()
	for last != nil && last.LastChild() != nil && last.Kind() != ast.KindFencedCodeBlock {
		last = last.LastChild()
	}
	f, ok := last.(*ast.FencedCodeBlock)
	if !ok {
		return nil
	}
	if _, closed := hygFenceEnd(doc.Source, f); closed {
		return nil
	}
	return f
}
