package report

import (
	"encoding/xml"
	"fmt"
	"io"
)

func init() {
	Register("junit", func(o Options) Reporter { return JUnit(o.Out) })
}

// JUnit returns a reporter that writes JUnit XML on Close, as CI dashboards
// read it: a test suite per file, a failing test case per finding (a file
// without findings has one passing case).
func JUnit(w io.Writer) Reporter { return &junitReporter{w: w} }

type junitReporter struct {
	w      io.Writer
	suites []junitSuite
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

func (j *junitReporter) File(f *File) error {
	s := junitSuite{Name: f.Path}
	for _, fd := range f.Findings {
		line, col := f.Lines.Position(fd.Start)
		s.Cases = append(s.Cases, junitCase{
			Name:      fmt.Sprintf("%s at %d:%d", fd.Rule.Name, line, col),
			ClassName: f.Path,
			Failure: &junitFailure{
				Message: fd.Message,
				Type:    fd.Severity.String(),
				Text:    fmt.Sprintf("%s:%d:%d: %s %s: %s", f.Path, line, col, fd.Severity, fd.Rule.Name, fd.Message),
			},
		})
		s.Failures++
	}
	if len(s.Cases) == 0 {
		s.Cases = append(s.Cases, junitCase{Name: "postlint", ClassName: f.Path})
	}
	s.Tests = len(s.Cases)
	j.suites = append(j.suites, s)
	return nil
}

func (j *junitReporter) Close(Summary) error {
	all := junitSuites{Name: "postlint", Suites: j.suites}
	for _, s := range j.suites {
		all.Tests += s.Tests
		all.Failures += s.Failures
	}
	return writeXML(j.w, all)
}

// writeXML writes v as an indented XML document. encoding/xml escapes
// markup and replaces characters XML cannot hold.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
