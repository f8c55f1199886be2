package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// LinesPerLevel is a number of lines, either one for every heading level or
// a list with one per level (1 to 6). In a config it is written as a number
// (1) or a list ([1, 1, 2]); missing levels take 1. -1 means any number.
type LinesPerLevel []int

// UnmarshalYAML accepts a number or a list of numbers.
func (l *LinesPerLevel) UnmarshalYAML(unmarshal func(any) error) error {
	var n int
	if err := unmarshal(&n); err == nil {
		*l = LinesPerLevel{n}
		return nil
	}
	var list []int
	if err := unmarshal(&list); err != nil {
		return fmt.Errorf("want a number of lines or a list of them, one per heading level")
	}
	if len(list) == 0 || len(list) > 6 {
		return fmt.Errorf("want a number of lines or a list of 1 to 6 of them, one per heading level")
	}
	*l = list
	return nil
}

// MarshalJSON writes a single number as a number.
func (l LinesPerLevel) MarshalJSON() ([]byte, error) {
	if len(l) == 1 {
		return json.Marshal(l[0])
	}
	return json.Marshal([]int(l))
}

// ForLevel returns the number of lines for a heading level.
func (l LinesPerLevel) ForLevel(level int) int {
	switch {
	case len(l) == 1:
		return l[0]
	case level-1 < len(l):
		return l[level-1]
	}
	return 1
}

// BlanksAroundHeadingsOptions configures blanks-around-headings.
type BlanksAroundHeadingsOptions struct {
	LinesAbove LinesPerLevel `yaml:"lines_above" doc:"blank lines required above a heading: a number, or a list with one number per level; -1 allows any number"`
	LinesBelow LinesPerLevel `yaml:"lines_below" doc:"blank lines required below a heading: a number, or a list with one number per level; -1 allows any number"`
}

// BlanksAroundHeadings is markdownlint's MD022.
var BlanksAroundHeadings = &Rule{
	Name:     "blanks-around-headings",
	Aliases:  []string{"MD022"},
	Tags:     []string{"headings", "blank_lines"},
	Severity: Off,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Headings should be surrounded by blank lines",
		Description: `Reports a heading without a blank line above or below it (or fewer than ` + "`lines_above`" + ` /
` + "`lines_below`" + `). Some Markdown parsers, kramdown among them (Jekyll's default), do not see a
heading that follows text directly, and the source is easier to scan with air around headings.
The start and the end of the document count as blank, and so do lines holding only an HTML
comment or a quote marker. The rule checks at least that many blank lines; more are left to
no-multiple-blanks. The fix inserts the missing blank lines (inside a block quote, as ` + "`>`" + ` lines).`,
		Examples: []Example{
			{Bad: "# Title\nSome text\n## Section", Good: "# Title\n\nSome text\n\n## Section"},
		},
	},
	Options: func() any {
		return &BlanksAroundHeadingsOptions{LinesAbove: LinesPerLevel{1}, LinesBelow: LinesPerLevel{1}}
	},
	Run: runBlanksAroundHeadings,
}

func runBlanksAroundHeadings(pass *Pass) error {
	opts := OptionsOf[BlanksAroundHeadingsOptions](pass)
	v := newStructLines(pass.Document)
	first := v.lineAt(pass.BodyStart)
	if pass.BodyStart > 0 && first < v.n() && v.start(first) < pass.BodyStart && pass.FrontMatter != nil {
		first++
	}
	nl := v.newline()
	for _, h := range v.headings() {
		if pass.InTemplate(h.start, h.start+1) {
			continue
		}
		end := v.end(h.lastLine)
		prefix := strings.TrimRight(quotePrefix(v.src[v.start(h.line):h.start]), " \t")
		if want := opts.LinesAbove.ForLevel(h.level); want > 0 {
			got := 0
			for got < want && (h.line-1-got < first || v.blankish(h.line-1-got)) {
				got++
			}
			if got < want {
				at := v.start(h.line)
				pass.Report(Diagnostic{
					Start:   at,
					End:     end,
					Message: fmt.Sprintf("%s above the heading: expected %d", blankLines(got), want),
					Fix:     &Fix{Message: "insert blank lines above", Edits: []Edit{{Start: at, End: at, NewText: strings.Repeat(prefix+nl, want-got)}}},
				})
			}
		}
		if want := opts.LinesBelow.ForLevel(h.level); want > 0 {
			got := 0
			for got < want && (h.lastLine+1+got >= v.n() || v.blankish(h.lastLine+1+got)) {
				got++
			}
			if got < want {
				d := Diagnostic{
					Start:   h.start,
					End:     v.next(h.lastLine),
					Message: fmt.Sprintf("%s below the heading: expected %d", blankLines(got), want),
				}
				if h.lastLine+1 < v.n() {
					at := v.start(h.lastLine + 1)
					d.Fix = &Fix{Message: "insert blank lines below", Edits: []Edit{{Start: at, End: at, NewText: strings.Repeat(prefix+nl, want-got)}}}
				}
				pass.Report(d)
			}
		}
	}
	return nil
}

func blankLines(n int) string {
	switch n {
	case 0:
		return "no blank line"
	case 1:
		return "1 blank line"
	}
	return fmt.Sprintf("%d blank lines", n)
}

// blankish reports whether line i is blank as markdownlint sees it: only
// whitespace, quote markers and HTML comments.
func (v *structLines) blankish(i int) bool {
	line := v.text(i)
	if len(bytes.TrimSpace(line)) == 0 {
		return true
	}
	s := string(line)
	for {
		start, end := strings.Index(s, "<!--"), strings.Index(s, "-->")
		switch {
		case end >= 0 && (start < 0 || end < start):
			s = s[end+3:]
		case start >= 0 && end >= 0:
			s = s[:start] + s[end+3:]
		case start >= 0:
			s = s[:start]
		default:
			return strings.TrimSpace(strings.ReplaceAll(s, ">", "")) == ""
		}
	}
}

// quotePrefix keeps the block quote markers of the text before a block on
// its line (list markers and indentation become nothing).
func quotePrefix(before []byte) string {
	var b strings.Builder
	for _, c := range before {
		switch c {
		case '>':
			b.WriteString("> ")
		}
	}
	return b.String()
}
