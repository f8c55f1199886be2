package report

import (
	"sort"
	"strings"

	"github.com/postlint/postlint/rules"
)

// Where postlint and its rule documentation live, for tool metadata in the
// machine formats (SARIF, rdjson).
const (
	ToolURI = "https://github.com/postlint/postlint"
	docBase = ToolURI + "/blob/main/docs/rules/"
)

// HelpURI returns the address of a rule's documentation page.
func HelpURI(r *rules.Rule) string { return docBase + r.Name + ".md" }

// fixResult applies a fix's edits to src[start:end] and returns the
// replacement text of that range; the edits must lie inside it (the driver
// guarantees they lie inside their diagnostic).
func fixResult(src []byte, start, end int, fx *rules.Fix) string {
	edits := append([]rules.Edit(nil), fx.Edits...)
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var b strings.Builder
	at := start
	for _, e := range edits {
		b.Write(src[at:e.Start])
		b.WriteString(e.NewText)
		at = e.End
	}
	b.Write(src[at:end])
	return b.String()
}

// fixSpan returns the smallest range holding every edit of a fix.
func fixSpan(fx *rules.Fix) (start, end int) {
	start, end = -1, -1
	for _, e := range fx.Edits {
		if start < 0 || e.Start < start {
			start = e.Start
		}
		if e.End > end {
			end = e.End
		}
	}
	return start, end
}

// byteColumn returns the 1-based column of off counted in UTF-8 bytes, as
// reviewdog wants it.
func byteColumn(f *File, off int) (line, col int) {
	line = f.Lines.Line(off)
	return line, off - f.Lines.Start(line) + 1
}
