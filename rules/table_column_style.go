package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// TableColumnStyleOptions configures table-column-style.
type TableColumnStyleOptions struct {
	Style            string `yaml:"style" doc:"any (each table in whichever style it is closest to), aligned, compact or tight"`
	AlignedDelimiter bool   `yaml:"aligned_delimiter" doc:"also require the pipes of the delimiter row to line up with the header row's"`
}

// Validate checks the style.
func (o *TableColumnStyleOptions) Validate() error {
	switch o.Style {
	case "any", "aligned", "compact", "tight":
		return nil
	}
	return fmt.Errorf("style %q: want any, aligned, compact or tight", o.Style)
}

// TableColumnStyle is markdownlint's MD060.
var TableColumnStyle = &Rule{
	Name:     "table-column-style",
	Aliases:  []string{"MD060"},
	Tags:     []string{"table"},
	Severity: Off, // layout of the source only; the rendered table is the same
	Doc: Doc{
		Title: "Table pipes should follow one column style",
		Description: `Reports table pipes that break the table's column style. ` + "`aligned`" + ` tables line their pipes up
under the header row's (wide characters such as emoji and CJK count double); ` + "`compact`" + ` tables
have exactly one space on each side of a pipe; ` + "`tight`" + ` tables have none. With ` + "`any`" + ` (the default)
a table that fits one of the styles is fine, and the others are reported against the style
they are closest to. ` + "`aligned_delimiter`" + ` also requires the delimiter row's pipes to line up with
the header's in compact and tight tables. Pipes inside Liquid or Hugo template syntax are not
column pipes.`,
		Examples: []Example{
			{Bad: "| Character | Meaning |\n| --- | --- |\n|Y| Yes |", Good: "| Character | Meaning |\n| --- | --- |\n| Y | Yes |", Note: "compact"},
		},
	},
	Options: func() any { return &TableColumnStyleOptions{Style: "any"} },
	Run:     runTableColumnStyle,
}

type pipeIssue struct {
	pipe int
	msg  string
}

func runTableColumnStyle(pass *Pass) error {
	opts := OptionsOf[TableColumnStyleOptions](pass)
	d := pass.Document
	alignedOK := opts.Style == "any" || opts.Style == "aligned"
	compactOK := opts.Style == "any" || opts.Style == "compact"
	tightOK := opts.Style == "any" || opts.Style == "tight"
	for _, t := range mdcTables(d) {
		var aligned, compact, tight []pipeIssue
		if alignedOK {
			aligned = alignedIssues(d, t.Rows, `table pipe does not line up with the header row's (style "aligned")`)
		}
		if (compactOK || tightOK) && !(alignedOK && len(aligned) == 0) {
			if opts.AlignedDelimiter && len(t.Rows) >= 2 {
				issues := alignedIssues(d, t.Rows[:2], `delimiter row pipe does not line up with the header row's (option "aligned_delimiter")`)
				compact = append(compact, issues...)
				tight = append(tight, issues...)
			}
			for i := range t.Rows {
				c, ti := spacingIssues(d, &t.Rows[i])
				compact = append(compact, c...)
				tight = append(tight, ti...)
			}
		}
		issues := aligned
		if compactOK && (len(compact) < len(issues) || !alignedOK) {
			issues = compact
		}
		if tightOK && (len(tight) < len(issues) || !alignedOK && !compactOK) {
			issues = tight
		}
		for _, is := range issues {
			pass.Reportf(is.pipe, is.pipe+1, "%s", is.msg)
		}
	}
	return nil
}

// alignedIssues reports the pipes of rows[1:] that are not at the display
// column of a pipe of the header row.
func alignedIssues(d *Document, rows []mdcTableRow, msg string) []pipeIssue {
	var out []pipeIssue
	if len(rows) == 0 {
		return nil
	}
	header := rows[0]
	cols := make(map[int]int) // display column -> pipes of the header there
	for _, p := range header.Pipes {
		cols[mdcDisplayWidth(d.Source[d.LineStarts[header.Line]:p])]++
	}
	for _, r := range rows[1:] {
		remaining := make(map[int]int, len(cols))
		left := 0
		for k, v := range cols {
			remaining[k] = v
			left += v
		}
		ls := d.LineStarts[r.Line]
		for _, p := range r.Pipes {
			if left == 0 {
				break
			}
			w := mdcDisplayWidth(d.Source[ls:p])
			if remaining[w] > 0 {
				remaining[w]--
				left--
				continue
			}
			out = append(out, pipeIssue{p, msg})
		}
	}
	return out
}

// spacingIssues checks the spaces around each pipe of a row for the compact
// and tight styles. The row is read as markdownlint's parser reads it: pipes,
// runs of whitespace and cell content.
func spacingIssues(d *Document, r *mdcTableRow) (compact, tight []pipeIssue) {
	src := d.Source
	type tok struct {
		kind       byte // '|', ' ' or 'c'
		start, end int
	}
	var toks []tok
	pi := 0
	for i := r.Start; i < r.End; {
		switch {
		case pi < len(r.Pipes) && r.Pipes[pi] == i:
			toks = append(toks, tok{'|', i, i + 1})
			pi++
			i++
		case src[i] == ' ' || src[i] == '\t':
			j := i
			for j < r.End && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			toks = append(toks, tok{' ', i, j})
			i = j
		default:
			next := r.End
			if pi < len(r.Pipes) {
				next = r.Pipes[pi]
			}
			j := next
			for j > i && (src[j-1] == ' ' || src[j-1] == '\t') {
				j--
			}
			toks = append(toks, tok{'c', i, j})
			i = j
		}
	}
	for k, t := range toks {
		if t.kind != '|' {
			continue
		}
		if k > 0 {
			if prev := toks[k-1]; prev.kind == ' ' {
				if prev.end-prev.start != 1 {
					compact = append(compact, pipeIssue{t.start, `table pipe has extra space to the left (style "compact")`})
				}
				tight = append(tight, pipeIssue{t.start, `table pipe has space to the left (style "tight")`})
			} else {
				compact = append(compact, pipeIssue{t.start, `table pipe is missing space to the left (style "compact")`})
			}
		}
		if k+1 < len(toks) {
			if next := toks[k+1]; next.kind == ' ' {
				if next.end-next.start != 1 {
					compact = append(compact, pipeIssue{t.start, `table pipe has extra space to the right (style "compact")`})
				}
				tight = append(tight, pipeIssue{t.start, `table pipe has space to the right (style "tight")`})
			} else {
				compact = append(compact, pipeIssue{t.start, `table pipe is missing space to the right (style "compact")`})
			}
		}
	}
	return compact, tight
}

// mdcDisplayWidth is the width of text in a monospaced editor: wide East Asian
// characters and emoji count 2, combining marks and control characters 0.
func mdcDisplayWidth(b []byte) int {
	w := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r < 0x20 || r == 0x7f:
		case r < utf8.RuneSelf:
			w++
		case unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Me, r) || unicode.Is(unicode.Cf, r) || r >= 0xFE00 && r <= 0xFE0F:
		default:
			k := width.LookupRune(r).Kind()
			if k == width.EastAsianWide || k == width.EastAsianFullwidth {
				w += 2
			} else if next, _ := utf8.DecodeRune(b); next == 0xFE0F {
				w += 2 // emoji presentation
			} else {
				w++
			}
		}
	}
	return w
}
