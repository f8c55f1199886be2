package rules

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// GFM tables as the table rules see them: one row per source line, with the
// offsets of its cell dividers. goldmark keeps neither the delimiter row nor
// the extra cells of a long row, so rows are read from the source.

type mdcRowKind uint8

const (
	mdcHeaderRow mdcRowKind = iota
	mdcDelimiterRow
	mdcBodyRow
)

type mdcTableRow struct {
	Kind       mdcRowKind
	Line       int // 0-based
	Start, End int // the row: after the container prefix and indentation, trailing whitespace trimmed
	LineEnd    int // the end of the line's content (before the line ending)
	Pipes      []int
	// Leading and Trailing report whether the first and last pipes are the
	// row's leading and trailing pipes (not cell dividers between cells).
	Leading, Trailing bool
}

// Cells returns the number of cells of the row.
func (r *mdcTableRow) Cells() int {
	n := len(r.Pipes) + 1
	if r.Leading {
		n--
	}
	if r.Trailing {
		n--
	}
	return max(n, 1) // a row of a single pipe is one empty cell
}

type mdcTable struct {
	Node  *east.Table
	Depth int // blockquotes around the table
	Rows  []mdcTableRow
}

// mdcTables returns the tables of the document. Pipes inside template syntax
// ({{ x | filter }}) are not cell dividers: the site generator renders them
// before Markdown sees the table.
func mdcTables(d *Document) []mdcTable {
	var tables []mdcTable
	inspect(d, func(n ast.Node) bool {
		t, ok := n.(*east.Table)
		if !ok {
			return true
		}
		tab := mdcTable{Node: t, Depth: mdcBlockquoteDepth(t)}
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			p := c.Pos()
			if p < 0 {
				continue
			}
			line := mdcLine(d, p)
			if _, ok := c.(*east.TableHeader); ok {
				tab.Rows = append(tab.Rows, mdcRow(d, mdcHeaderRow, line, p))
				if line+1 < len(d.LineStarts) {
					ls := d.LineStarts[line+1]
					start := mdcSkipPrefix(d.Source, ls, mdcLineEnd(d, line+1), tab.Depth)
					tab.Rows = append(tab.Rows, mdcRow(d, mdcDelimiterRow, line+1, start))
				}
				continue
			}
			tab.Rows = append(tab.Rows, mdcRow(d, mdcBodyRow, line, p))
		}
		if len(tab.Rows) > 0 {
			tables = append(tables, tab)
		}
		return false
	})
	return tables
}

func mdcRow(d *Document, kind mdcRowKind, line, start int) mdcTableRow {
	src := d.Source
	end := mdcLineEnd(d, line)
	r := mdcTableRow{Kind: kind, Line: line, LineEnd: end}
	for start < end && (src[start] == ' ' || src[start] == '\t') {
		start++
	}
	for end > start && (src[end-1] == ' ' || src[end-1] == '\t') {
		end--
	}
	r.Start, r.End = start, end
	for i := start; i < end; i++ {
		switch src[i] {
		case '\\':
			i++
		case '|':
			if !mdcInTemplate(d, i, i+1) {
				r.Pipes = append(r.Pipes, i)
			}
		}
	}
	if len(r.Pipes) > 0 {
		r.Leading = r.Pipes[0] == start
		r.Trailing = r.Pipes[len(r.Pipes)-1] == end-1
	}
	return r
}
