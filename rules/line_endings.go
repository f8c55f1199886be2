package rules

import (
	"bytes"
	"fmt"
)

// LineEndingsOptions configures line-endings.
type LineEndingsOptions struct {
	Style string `yaml:"style" doc:"\"consistent\": one style per file, the one most of its lines use; \"lf\": every line ends with LF; \"crlf\": every line ends with CRLF"`
}

// Validate checks the option values.
func (o *LineEndingsOptions) Validate() error {
	switch o.Style {
	case "consistent", "lf", "crlf":
		return nil
	}
	return fmt.Errorf("option style: %q is not one of consistent, lf, crlf", o.Style)
}

// LineEndings reports line endings that differ from the configured style, and
// lone carriage returns.
var LineEndings = &Rule{
	Name:     "line-endings",
	Tags:     []string{"encoding", "whitespace"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Lines must end the same way",
		Description: `A file whose lines end partly with LF (Unix) and partly with CRLF (Windows) is the trace of
two editors or a bad merge; diffs show every line as changed when one of them saves it again.
By default (` + "`style: consistent`" + `) the rule reports the lines that do not end like most of the
file's lines; ` + "`style: lf`" + ` (what ` + "`postlint publish`" + ` uses) or ` + "`style: crlf`" + ` ask for one style
everywhere. All of a file's offending lines are reported as one finding, at the first of them,
and fixed together. Code blocks are included: a line ending belongs to the file.

A carriage return that ends no line (not followed by a line feed, the line ending of classic
Mac OS or a doubled conversion, ` + "`\\r\\r\\n`" + `) is reported in any style, without a fix: CommonMark
counts it as a line ending but goldmark does not, so turning it into one would change how the
post renders. Replace it by hand. For the same reason the line ending after a list marker alone
on its line ("-", "1.") is reported on its own and not converted: goldmark reads the marker as
an empty list item before LF but as text before CRLF.`,
		Examples: []Example{
			{Bad: "line one\\r\\nline two\\nline three\\r\\n", Good: "line one\\r\\nline two\\r\\nline three\\r\\n", Note: "\\r\\n stands for CRLF, \\n for LF; style: consistent"},
		},
	},
	Options: func() any { return &LineEndingsOptions{Style: "consistent"} },
	Run:     runLineEndings,
}

func runLineEndings(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	opts := OptionsOf[LineEndingsOptions](pass)
	src := pass.Source
	if opts.Style != "crlf" && bytes.IndexByte(src, '\r') < 0 {
		return nil // LF only (nearly every file): nothing to report
	}
	// The offsets of the CRLF line endings (of their '\r'), found by
	// jumping from one '\r' to the next; LF endings are counted, and
	// listed only when they are to be converted.
	var crlf []int
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], '\r')
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(src) && src[i+1] == '\n' {
			crlf = append(crlf, i)
			i += 2
			continue
		}
		pass.Reportf(i, i+1, "carriage return (CR) without a line feed: goldmark does not end the line here; replace it with a line break by hand")
		i++
	}
	nlf := bytes.Count(src, []byte{'\n'}) - len(crlf) // every "\r\n" is a CRLF ending
	want := opts.Style
	if want == "consistent" {
		want = "lf"
		if len(crlf) > nlf {
			want = "crlf"
		}
	}
	var edits []Edit
	var msg string
	// goldmark reads a list marker alone on its line as an empty list item
	// before LF but as text before CRLF: those line endings are reported
	// alone, without a fix.
	held := func(i int) bool {
		if !hygEmptyListItem(src, i) {
			return false
		}
		pass.Reportf(i, i+1, "line ending after an empty list item: goldmark reads the marker as text before CRLF and as a list item before LF, so converting it would change how the post renders; fix the list by hand")
		return true
	}
	switch {
	case want == "lf" && len(crlf) > 0:
		for _, i := range crlf {
			if !held(i) {
				edits = append(edits, Edit{Start: i, End: i + 1})
			}
		}
		msg = fmt.Sprintf("%s with CRLF; want LF", hygLineCount(len(crlf)))
		if nlf > 0 {
			msg = fmt.Sprintf("mixed line endings: %s with CRLF, %d with LF; want LF", hygLineCount(len(crlf)), nlf)
		}
	case want == "crlf" && nlf > 0:
		for i := 0; ; i++ {
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				break
			}
			i += j
			if i > 0 && src[i-1] == '\r' {
				continue // a CRLF ending
			}
			if !held(i) {
				edits = append(edits, Edit{Start: i, End: i, NewText: "\r"})
			}
		}
		msg = fmt.Sprintf("%s with LF; want CRLF", hygLineCount(nlf))
		if len(crlf) > 0 {
			msg = fmt.Sprintf("mixed line endings: %s with LF, %d with CRLF; want CRLF", hygLineCount(nlf), len(crlf))
		}
	default:
		return nil
	}
	if len(edits) == 0 {
		return nil
	}
	last := edits[len(edits)-1]
	pass.Report(Diagnostic{
		Start:   edits[0].Start,
		End:     last.End + 1,
		Message: msg,
		Fix:     &Fix{Message: "convert the line endings to " + map[string]string{"lf": "LF", "crlf": "CRLF"}[want], Edits: edits},
	})
	return nil
}

// hygLineCount says "1 line ends" or "N lines end".
func hygLineCount(n int) string {
	if n == 1 {
		return "1 line ends"
	}
	return fmt.Sprintf("%d lines end", n)
}
