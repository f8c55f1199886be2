package report

import (
	"bufio"
	"encoding/json"
	"io"

	"github.com/postlint/postlint/rules"
)

func init() {
	Register("rdjson", func(o Options) Reporter { return RDJSON(o.Out, false) })
	Register("rdjsonl", func(o Options) Reporter { return RDJSON(o.Out, true) })
}

// RDJSON returns a reporter in reviewdog's diagnostic format: with lines, one
// Diagnostic per line as findings arrive (rdjsonl); otherwise one
// DiagnosticResult written on Close (rdjson). Columns count UTF-8 bytes and
// ends are exclusive, as reviewdog defines them. A fix becomes one
// suggestion (the text that replaces the range its edits span), which
// reviewdog posts as a GitHub suggested change.
func RDJSON(w io.Writer, lines bool) Reporter {
	return &rdjsonReporter{w: bufio.NewWriter(w), lines: lines, diagnostics: []rdDiagnostic{}}
}

type rdjsonReporter struct {
	w           *bufio.Writer
	lines       bool
	diagnostics []rdDiagnostic
}

type rdResult struct {
	Source      rdSource       `json:"source"`
	Diagnostics []rdDiagnostic `json:"diagnostics"`
}

type rdSource struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type rdDiagnostic struct {
	Message     string         `json:"message"`
	Location    rdLocation     `json:"location"`
	Severity    string         `json:"severity"`
	Source      rdSource       `json:"source"`
	Code        rdCode         `json:"code"`
	Suggestions []rdSuggestion `json:"suggestions,omitempty"`
}

type rdLocation struct {
	Path  string  `json:"path"`
	Range rdRange `json:"range"`
}

type rdRange struct {
	Start rdPosition `json:"start"`
	End   rdPosition `json:"end"`
}

type rdPosition struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

type rdCode struct {
	Value string `json:"value"`
	URL   string `json:"url,omitempty"`
}

type rdSuggestion struct {
	Range rdRange `json:"range"`
	Text  string  `json:"text"`
}

var rdPostlint = rdSource{Name: "postlint", URL: ToolURI}

func rdRangeOf(f *File, start, end int) rdRange {
	var r rdRange
	r.Start.Line, r.Start.Column = byteColumn(f, start)
	r.End.Line, r.End.Column = byteColumn(f, end)
	return r
}

func (r *rdjsonReporter) File(f *File) error {
	for _, fd := range f.Findings {
		d := rdDiagnostic{
			Message:  fd.Message,
			Location: rdLocation{Path: f.Path, Range: rdRangeOf(f, fd.Start, fd.End)},
			Severity: "WARNING",
			Source:   rdPostlint,
			Code:     rdCode{Value: fd.Rule.Name, URL: HelpURI(fd.Rule)},
		}
		if fd.Severity == rules.Error {
			d.Severity = "ERROR"
		}
		if fd.Fix != nil && len(fd.Fix.Edits) > 0 {
			start, end := fixSpan(fd.Fix)
			d.Suggestions = []rdSuggestion{{Range: rdRangeOf(f, start, end), Text: fixResult(f.Source, start, end, fd.Fix)}}
		}
		if r.lines {
			if err := r.encode(d, false); err != nil {
				return err
			}
		} else {
			r.diagnostics = append(r.diagnostics, d)
		}
	}
	return r.w.Flush()
}

func (r *rdjsonReporter) encode(v any, indent bool) error {
	enc := json.NewEncoder(r.w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}

func (r *rdjsonReporter) Close(Summary) error {
	if !r.lines {
		if err := r.encode(rdResult{Source: rdPostlint, Diagnostics: r.diagnostics}, true); err != nil {
			return err
		}
	}
	return r.w.Flush()
}
