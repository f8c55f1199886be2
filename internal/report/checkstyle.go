package report

import (
	"encoding/xml"
	"io"
)

func init() {
	Register("checkstyle", func(o Options) Reporter { return Checkstyle(o.Out) })
}

// Checkstyle returns a reporter that writes Checkstyle XML on Close: a file
// element per file linted (empty when it is clean) and an error element per
// finding, its source "postlint.rules.NAME". Columns count characters.
func Checkstyle(w io.Writer) Reporter { return &checkstyleReporter{w: w} }

type checkstyleReporter struct {
	w     io.Writer
	files []checkstyleFile
}

type checkstyleRoot struct {
	XMLName xml.Name         `xml:"checkstyle"`
	Version string           `xml:"version,attr"`
	Files   []checkstyleFile `xml:"file"`
}

type checkstyleFile struct {
	Name   string            `xml:"name,attr"`
	Errors []checkstyleError `xml:"error"`
}

type checkstyleError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func (c *checkstyleReporter) File(f *File) error {
	cf := checkstyleFile{Name: f.Path}
	for _, fd := range f.Findings {
		line, col := f.Lines.Position(fd.Start)
		cf.Errors = append(cf.Errors, checkstyleError{
			Line: line, Column: col,
			Severity: fd.Severity.String(),
			Message:  fd.Message,
			Source:   "postlint.rules." + fd.Rule.Name,
		})
	}
	c.files = append(c.files, cf)
	return nil
}

func (c *checkstyleReporter) Close(Summary) error {
	return writeXML(c.w, checkstyleRoot{Version: "4.3", Files: c.files})
}
