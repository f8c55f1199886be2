package rules

import "bytes"

// BlanksAroundTables is markdownlint's MD058.
var BlanksAroundTables = &Rule{
	Name:     "blanks-around-tables",
	Aliases:  []string{"MD058"},
	Tags:     []string{"table"},
	Severity: Warning, // kramdown (Jekyll) and other renderers do not start a table inside a paragraph: the table prints as text
	Fixable:  true,
	Doc: Doc{
		Title: "Tables should be surrounded by blank lines",
		Description: `Reports tables that do not have a blank line before and after them (the start and the
end of the document count as blank). GitHub starts a table in the middle of a paragraph, but
kramdown (Jekyll) and many other renderers do not and print the table as text.

A line directly under a table is a row of the table, not a paragraph after it, so it is not
reported here (see ` + "`table-pipe-style`" + ` and ` + "`table-column-count`" + `). A line that holds nothing but a
Liquid or Hugo tag counts as blank: it renders to nothing. The fix inserts the blank line (with
the blockquote markers of the table's line).`,
		Examples: []Example{
			{Bad: "Some text\n| Header | Header |\n| ------ | ------ |\n| Cell   | Cell   |\n> Blockquote", Good: "Some text\n\n| Header | Header |\n| ------ | ------ |\n| Cell   | Cell   |\n\n> Blockquote"},
		},
	},
	Run: runBlanksAroundTables,
}

func runBlanksAroundTables(pass *Pass) error {
	d := pass.Document
	src := d.Source
	nl := mdcNewline(src)
	firstBody := mdcLine(d, d.BodyStart)
	blank := func(i int) bool {
		if i < firstBody || i >= len(d.LineStarts) {
			return true
		}
		if mdcBlankLine(mdcLineText(d, i)) {
			return true
		}
		return mdcTemplateOnly(d, d.LineStarts[i], mdcLineEnd(d, i))
	}
	prefix := func(line, rowStart int) string {
		p := src[d.LineStarts[line]:rowStart]
		if i := bytes.LastIndexByte(p, '>'); i >= 0 {
			return string(p[:i+1])
		}
		return ""
	}
	for _, t := range mdcTables(d) {
		first, last := t.Rows[0], t.Rows[len(t.Rows)-1]
		if !blank(first.Line - 1) {
			ls := d.LineStarts[first.Line]
			pass.Report(Diagnostic{
				Start:   ls,
				End:     first.LineEnd,
				Message: "table should be preceded by a blank line",
				Fix:     &Fix{Message: "insert a blank line", Edits: []Edit{{Start: ls, End: ls, NewText: prefix(first.Line, first.Start) + nl}}},
			})
		}
		if !blank(last.Line + 1) {
			next := mdcNextLine(d, last.Line)
			pass.Report(Diagnostic{
				Start:   d.LineStarts[last.Line],
				End:     next,
				Message: "table should be followed by a blank line",
				Fix:     &Fix{Message: "insert a blank line", Edits: []Edit{{Start: next, End: next, NewText: prefix(last.Line, last.Start) + nl}}},
			})
		}
	}
	return nil
}
