package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// TablePipeStyleOptions configures table-pipe-style.
type TablePipeStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (every row like the first table's header row), leading_and_trailing, leading_only, trailing_only or no_leading_or_trailing"`
}

// Validate checks the style.
func (o *TablePipeStyleOptions) Validate() error {
	switch o.Style {
	case "consistent", "leading_and_trailing", "leading_only", "trailing_only", "no_leading_or_trailing":
		return nil
	}
	return fmt.Errorf("style %q: want consistent, leading_and_trailing, leading_only, trailing_only or no_leading_or_trailing", o.Style)
}

// TablePipeStyle is markdownlint's MD055.
var TablePipeStyle = &Rule{
	Name:     "table-pipe-style",
	Aliases:  []string{"MD055"},
	Tags:     []string{"table"},
	Severity: Off, // a matter of taste; table-column-count catches the rows that lose data
	Fixable:  true,
	Doc: Doc{
		Title: "Table rows should use leading and trailing pipes consistently",
		Description: `Reports table rows (header, delimiter and body rows) whose leading and trailing pipe
characters differ from the configured style. With ` + "`consistent`" + ` (the default) the header row of the
first table sets the style for every table. A line of text directly under a table is a row of
it, so this rule also catches text that was meant to be a paragraph.

The fix adds the missing pipe, or removes the unexpected one when the cell next to it is not
empty and the row stays a table row (single-column tables are left alone).`,
		Examples: []Example{
			{Bad: "| Header | Header |\n| ------ | ------\n  Cell   | Cell   |", Good: "| Header | Header |\n| ------ | ------ |\n| Cell   | Cell   |"},
		},
	},
	Options: func() any { return &TablePipeStyleOptions{Style: "consistent"} },
	Run:     runTablePipeStyle,
}

func pipeStyleName(leading, trailing bool) string {
	switch {
	case leading && trailing:
		return "leading_and_trailing"
	case leading:
		return "leading_only"
	case trailing:
		return "trailing_only"
	}
	return "no_leading_or_trailing"
}

func runTablePipeStyle(pass *Pass) error {
	style := OptionsOf[TablePipeStyleOptions](pass).Style
	wantLead := style != "no_leading_or_trailing" && style != "trailing_only"
	wantTrail := style != "no_leading_or_trailing" && style != "leading_only"
	src := pass.Source
	for _, t := range mdcTables(pass.Document) {
		columns := t.Rows[0].Cells()
		for i := range t.Rows {
			r := &t.Rows[i]
			if r.Start >= r.End || mdcTemplateOnly(pass.Document, r.Start, r.End) {
				continue
			}
			if style == "consistent" {
				style = pipeStyleName(r.Leading, r.Trailing)
				wantLead, wantTrail = r.Leading, r.Trailing
			}
			actual := pipeStyleName(r.Leading, r.Trailing)
			if r.Leading != wantLead {
				d := Diagnostic{Start: r.Start, End: r.Start + 1}
				if wantLead {
					d.Message = fmt.Sprintf("table row has no leading pipe (expected %s, found %s)", style, actual)
					d.Fix = &Fix{Message: "add a leading pipe", Edits: []Edit{{Start: r.Start, End: r.Start, NewText: "| "}}}
				} else {
					end := r.Start + 1
					for end < r.End && (src[end] == ' ' || src[end] == '\t') {
						end++
					}
					d.End = end
					d.Message = fmt.Sprintf("table row has an unexpected leading pipe (expected %s, found %s)", style, actual)
					if columns > 1 && end < r.End && src[end] != '|' && safeRowStart(src[end:r.End], r.Kind == mdcDelimiterRow) {
						d.Fix = &Fix{Message: "remove the leading pipe", Edits: []Edit{{Start: r.Start, End: end}}}
					}
				}
				pass.Report(d)
			}
			if r.Trailing != wantTrail {
				d := Diagnostic{Start: r.End - 1, End: r.End}
				if wantTrail {
					d.Message = fmt.Sprintf("table row has no trailing pipe (expected %s, found %s)", style, actual)
					d.Fix = &Fix{Message: "add a trailing pipe", Edits: []Edit{{Start: r.End, End: r.End, NewText: " |"}}}
				} else {
					start := r.End - 1
					for start > r.Start && (src[start-1] == ' ' || src[start-1] == '\t') {
						start--
					}
					d.Start = start
					d.Message = fmt.Sprintf("table row has an unexpected trailing pipe (expected %s, found %s)", style, actual)
					if columns > 1 && start > r.Start && src[start-1] != '|' && src[start-1] != '\\' {
						d.Fix = &Fix{Message: "remove the trailing pipe", Edits: []Edit{{Start: start, End: r.End}}}
					}
				}
				pass.Report(d)
			}
		}
	}
	return nil
}

// safeRowStart reports whether a table row may start with b without starting
// another block (a list item, heading, quote, HTML, code) instead.
func safeRowStart(b []byte, delimiter bool) bool {
	if delimiter {
		return b[0] == '-' || b[0] == ':'
	}
	r, _ := utf8.DecodeRune(b)
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	// "1. x" and "1) x" start ordered lists.
	i := 0
	for i < len(b) && b[i] >= '0' && b[i] <= '9' {
		i++
	}
	return !(i > 0 && i < len(b) && (b[i] == '.' || b[i] == ')'))
}
