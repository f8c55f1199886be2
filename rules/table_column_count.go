package rules

// TableColumnCount is markdownlint's MD056.
var TableColumnCount = &Rule{
	Name:     "table-column-count",
	Aliases:  []string{"MD056"},
	Tags:     []string{"table"},
	Severity: Warning, // extra cells are silently dropped and missing ones leave holes: data lost in the rendered post
	Doc: Doc{
		Title: "Table rows should have as many cells as the header",
		Description: `Reports table rows with fewer or more cells than the header row. Renderers drop the extra
cells and leave the missing ones empty, so the data is lost or misplaced without any warning.

Pipes inside Liquid and Hugo template syntax (` + "`{{ page.tags | join: \", \" }}`" + `) are not counted as cell
dividers: they are gone once the site generator has rendered the page.`,
		Examples: []Example{
			{Bad: "| Header | Header |\n| ------ | ------ |\n| Cell   |\n| Cell   | Cell   | Cell   |", Good: "| Header | Header |\n| ------ | ------ |\n| Cell   | Cell   |\n| Cell   | Cell   |"},
		},
	},
	Run: runTableColumnCount,
}

func runTableColumnCount(pass *Pass) error {
	for _, t := range mdcTables(pass.Document) {
		want := t.Rows[0].Cells()
		for i := range t.Rows {
			r := &t.Rows[i]
			if i == 0 || r.Start >= r.End || mdcTemplateOnly(pass.Document, r.Start, r.End) {
				continue
			}
			got := r.Cells()
			switch {
			case got < want:
				pass.Reportf(r.End-1, r.End, "table row has %d %s, the header has %d: the row will be missing data", got, mdcPlural(got, "cell", "cells"), want)
			case got > want:
				inner := r.Pipes
				if r.Leading {
					inner = inner[1:]
				}
				pass.Reportf(inner[want-1], r.End, "table row has %d cells, the header has %d: the extra cells are dropped", got, want)
			}
		}
	}
	return nil
}

func mdcPlural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
