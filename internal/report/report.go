// Package report writes findings for people (text) and for machines (JSON).
// It is the only place where byte offsets become lines and columns.
package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

// Finding is a diagnostic the driver decided to report.
type Finding struct {
	Rule     *rules.Rule
	Severity rules.Severity
	rules.Diagnostic
}

// File is what a reporter learns about one file.
type File struct {
	Path     string
	Source   []byte        // the text the findings refer to (after fixes, in fix mode)
	Lines    *source.Lines // of Source
	Findings []Finding
	Fixed    int // fixes applied to this file
}

// Summary is the whole run.
type Summary struct {
	Files    int
	Errors   int
	Warnings int
	Fixable  int // remaining findings with a fix
	Fixed    int // fixes applied
	FixMode  bool
}

// Reporter writes findings as files complete, in a stable order.
type Reporter interface {
	File(f *File) error
	Close(s Summary) error
}

// Options is what every reporter may use.
type Options struct {
	Out     io.Writer // where findings go
	Summary io.Writer // where the text summary goes (standard error); may be nil
	Version string    // postlint's version, for tool metadata
	Color   bool      // text: ANSI colour
	Context bool      // text: source line and marker under each finding
	Quiet   bool      // text: errors only, no summary
	Getenv  func(string) string
}

var formats = map[string]func(Options) Reporter{
	"text": func(o Options) Reporter {
		return Text(o.Out, o.Summary, TextOptions{Context: o.Context, Color: o.Color, Quiet: o.Quiet})
	},
	"json": func(o Options) Reporter { return JSON(o.Out, o.Version) },
}

// Register adds an output format; it is called from init functions.
func Register(name string, f func(Options) Reporter) {
	if _, dup := formats[name]; dup {
		panic("report: format " + name + " registered twice")
	}
	formats[name] = f
}

// Formats returns the names of the output formats, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for n := range formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New returns the reporter of a format, or an error naming the formats.
func New(format string, o Options) (Reporter, error) {
	f, ok := formats[format]
	if !ok {
		return nil, fmt.Errorf("--format %q: want one of %s", format, strings.Join(Formats(), ", "))
	}
	if o.Getenv == nil {
		o.Getenv = func(string) string { return "" }
	}
	return f(o), nil
}

// TextOptions configures the text reporter.
type TextOptions struct {
	Context bool // show the source line and a marker under the range (a terminal)
	Color   bool
	Quiet   bool // errors only, no summary
}

// Text returns a reporter writing `path:line:col: severity rule: message`
// lines to w and the summary to summary (nil for none).
func Text(w, summary io.Writer, o TextOptions) Reporter {
	return &text{w: bufio.NewWriter(w), summary: summary, o: o}
}

type text struct {
	w       *bufio.Writer
	summary io.Writer
	o       TextOptions
}

const (
	bold   = "\x1b[1m"
	red    = "\x1b[31m"
	yellow = "\x1b[33m"
	cyan   = "\x1b[36m"
	dim    = "\x1b[2m"
	reset  = "\x1b[0m"
)

func (t *text) paint(code, s string) string {
	if !t.o.Color {
		return s
	}
	return code + s + reset
}

func (t *text) File(f *File) error {
	for _, fd := range f.Findings {
		if t.o.Quiet && fd.Severity < rules.Error {
			continue
		}
		line, col := f.Lines.Position(fd.Start)
		sev := fd.Severity.String()
		if fd.Severity == rules.Error {
			sev = t.paint(red+bold, sev)
		} else {
			sev = t.paint(yellow+bold, sev)
		}
		fmt.Fprintf(t.w, "%s:%d:%d: %s %s: %s\n", t.paint(bold, f.Path), line, col, sev, t.paint(cyan, fd.Rule.Name), oneLine(fd.Message))
		if t.o.Context {
			t.context(f, fd, line)
		}
	}
	return t.w.Flush()
}

// context writes the finding's first source line and a marker under the range.
func (t *text) context(f *File, fd Finding, line int) {
	start, end := f.Lines.Start(line), f.Lines.End(line)
	text := f.Source[start:end]
	gutter := fmt.Sprintf("%5d | ", line)
	fmt.Fprintf(t.w, "%s%s\n", t.paint(dim, gutter), printable(text))
	var pad strings.Builder
	for _, b := range printable(f.Source[start:fd.Start]) {
		if b == '\t' {
			pad.WriteRune('\t')
		} else {
			pad.WriteRune(' ')
		}
	}
	width := utf8.RuneCount(f.Source[fd.Start:min(fd.End, end)])
	marker := strings.Repeat("^", max(width, 1))
	fmt.Fprintf(t.w, "%s%s%s\n", t.paint(dim, strings.Repeat(" ", 6)+"| "), pad.String(), t.paint(red+bold, marker))
}

// printable replaces control characters and invalid bytes so a source line
// cannot disturb the terminal.
func printable(b []byte) string {
	plain := true
	for _, c := range b {
		if c < 0x20 && c != '\t' || c >= 0x7f {
			plain = false
			break
		}
	}
	if plain {
		return string(b) // printable ASCII: the common case
	}
	var s strings.Builder
	s.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			s.WriteRune('\uFFFD')
		case r == '\t':
			s.WriteRune('\t')
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			s.WriteRune('\uFFFD')
		default:
			s.WriteRune(r)
		}
		b = b[size:]
	}
	return s.String()
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

func oneLine(s string) string {
	return lineBreaks.Replace(s)
}

func (t *text) Close(s Summary) error {
	if err := t.w.Flush(); err != nil {
		return err
	}
	if t.summary == nil || t.o.Quiet {
		return nil
	}
	var parts []string
	if s.FixMode {
		parts = append(parts, fmt.Sprintf("fixed %s", plural(s.Fixed, "problem")))
	}
	n := s.Errors + s.Warnings
	if n == 0 {
		parts = append(parts, fmt.Sprintf("no problems in %s", plural(s.Files, "file")))
	} else {
		p := fmt.Sprintf("%s (%s, %s) in %s", plural(n, "problem"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), plural(s.Files, "file"))
		if s.Fixable > 0 && !s.FixMode {
			p += fmt.Sprintf("; %d fixable with --fix", s.Fixable)
		}
		parts = append(parts, p)
	}
	_, err := fmt.Fprintln(t.summary, strings.Join(parts, "; "))
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// JSONVersion is the version of the JSON output schema.
const JSONVersion = 1

// JSON returns a reporter that streams one JSON document to w (schema in the README).
func JSON(w io.Writer, toolVersion string) Reporter {
	return &jsonReporter{w: bufio.NewWriter(w), version: toolVersion}
}

type jsonReporter struct {
	w       *bufio.Writer
	version string
	started bool
	count   int
}

type jsonEdit struct {
	Offset    int    `json:"offset"`
	EndOffset int    `json:"end_offset"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	NewText   string `json:"new_text"`
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

type jsonFinding struct {
	Path      string   `json:"path"`
	Line      int      `json:"line"`
	Column    int      `json:"column"`
	EndLine   int      `json:"end_line"`
	EndColumn int      `json:"end_column"`
	Offset    int      `json:"offset"`
	EndOffset int      `json:"end_offset"`
	Rule      string   `json:"rule"`
	Severity  string   `json:"severity"`
	Message   string   `json:"message"`
	Fixable   bool     `json:"fixable"`
	Fix       *jsonFix `json:"fix"`
}

func (j *jsonReporter) start() {
	if !j.started {
		fmt.Fprintf(j.w, "{\n  \"version\": %d,\n  \"tool\": {\"name\": \"postlint\", \"version\": %q},\n  \"findings\": [", JSONVersion, j.version)
		j.started = true
	}
}

func (j *jsonReporter) File(f *File) error {
	j.start()
	for _, fd := range f.Findings {
		jf := jsonFinding{
			Path:      f.Path,
			Offset:    fd.Start,
			EndOffset: fd.End,
			Rule:      fd.Rule.Name,
			Severity:  fd.Severity.String(),
			Message:   fd.Message,
			Fixable:   fd.Fix != nil,
		}
		jf.Line, jf.Column = f.Lines.Position(fd.Start)
		jf.EndLine, jf.EndColumn = f.Lines.Position(fd.End)
		if fd.Fix != nil {
			jf.Fix = &jsonFix{Message: fd.Fix.Message, Edits: []jsonEdit{}}
			for _, e := range fd.Fix.Edits {
				je := jsonEdit{Offset: e.Start, EndOffset: e.End, NewText: e.NewText}
				je.Line, je.Column = f.Lines.Position(e.Start)
				je.EndLine, je.EndColumn = f.Lines.Position(e.End)
				jf.Fix.Edits = append(jf.Fix.Edits, je)
			}
		}
		b, err := json.Marshal(jf)
		if err != nil {
			return err
		}
		if j.count > 0 {
			j.w.WriteByte(',')
		}
		j.w.WriteString("\n    ")
		j.w.Write(b)
		j.count++
	}
	return j.w.Flush()
}

func (j *jsonReporter) Close(s Summary) error {
	j.start()
	if j.count > 0 {
		j.w.WriteString("\n  ")
	}
	sum, err := json.Marshal(map[string]int{
		"files": s.Files, "errors": s.Errors, "warnings": s.Warnings, "fixable": s.Fixable, "fixed": s.Fixed,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(j.w, "],\n  \"summary\": %s\n}\n", sum)
	return j.w.Flush()
}
