package rules

import (
	"slices"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// TrailingWhitespaceOptions configures trailing-whitespace.
type TrailingWhitespaceOptions struct {
	KeepHardBreaks bool `yaml:"keep-hard-breaks" doc:"keep a hard line break made of exactly two trailing spaces; when false, such breaks are reported and turned into a backslash break"`
}

// TrailingWhitespace reports spaces and tabs at the end of lines.
var TrailingWhitespace = &Rule{
	Name:     "trailing-whitespace",
	Tags:     []string{"whitespace"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Lines must not end with spaces or tabs",
		Description: `Reports spaces and tabs at the end of a line, and lines that hold nothing else. They are
invisible, change nothing in the rendered post, and make every diff noisier. The fix removes them.

Two trailing spaces at the end of a line inside a paragraph are a Markdown hard line break
(` + "`<br>`" + `): with ` + "`keep-hard-breaks: true`" + ` (the default) exactly two are kept, more are cut to two;
with ` + "`keep-hard-breaks: false`" + ` they are reported and replaced by a backslash, the visible form
of the same break. Trailing spaces on the last line of a paragraph break nothing and are removed.
Code blocks and code spans, HTML blocks, front matter values (a YAML block scalar keeps its
spaces) and template tags are left alone.

This is postlint's own whitespace rule and it is off by default. The markdownlint rule
` + "`no-trailing-spaces`" + ` (MD009) reports the same spaces with markdownlint's options and
semantics (` + "`br_spaces`" + `, ` + "`strict`" + `, ` + "`list_item_empty_lines`" + `); this rule differs in that it
also reports trailing tabs, decides what is a hard break from the parsed document rather than from
the line alone, and never touches code, HTML or front matter values. Turn on one of the two, not both.`,
		Examples: []Example{
			{Bad: "A line with spaces after it   \nEnd of paragraph.  ", Good: "A line with spaces after it  \nEnd of paragraph.", Note: "three spaces in a paragraph become a two-space hard break; trailing spaces at its end are removed"},
		},
	},
	Options: func() any { return &TrailingWhitespaceOptions{KeepHardBreaks: true} },
	Run:     runTrailingWhitespace,
}

func runTrailingWhitespace(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	opts := OptionsOf[TrailingWhitespaceOptions](pass)
	src := pass.Source
	skip := slices.Clone(hygCodeSpans(pass.Document)) // extended and sorted below
	hardBreaks := map[int]bool{}                      // line indexes ending in a hard break
	lineOf := func(off int) int {
		return sort.Search(len(pass.LineStarts), func(k int) bool { return pass.LineStarts[k] > off }) - 1
	}
	inspect(pass.Document, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.HTMLBlock:
			if lines := n.Lines(); lines.Len() > 0 {
				skip = append(skip, hygSpan{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
			}
			return false
		case *ast.Text:
			if n.HardLineBreak() {
				hardBreaks[lineOf(n.Segment.Stop)] = true
			}
		}
		return true
	})
	if fm := pass.FrontMatter; fm != nil {
		for _, v := range fm.Values {
			skip = append(skip, hygSpan{v.Start, v.End})
		}
	}
	sort.Slice(skip, func(i, j int) bool { return skip[i].start < skip[j].start })
	skip = hygMerge(skip)

	for li, ls := range pass.LineStarts {
		end := hygLineEnd(src, ls)
		ws := end
		for ws > ls && (src[ws-1] == ' ' || src[ws-1] == '\t') {
			ws--
		}
		if ws == end || skip.overlaps(ws, end) || pass.InTemplate(ws, end) {
			continue
		}
		if end < len(src) && src[end] == '\r' && hygEmptyListItem(src, end) {
			continue // goldmark reads "-\r\n" as text but "- \r\n" as an empty list item
		}
		run := src[ws:end]
		d := Diagnostic{Start: ws, End: end}
		switch {
		case hardBreaks[li] && opts.KeepHardBreaks:
			if string(run) == "  " {
				continue
			}
			d.Message = "trailing whitespace: a hard line break takes exactly two spaces"
			d.Fix = &Fix{Message: "keep two spaces", Edits: []Edit{{Start: ws, End: end, NewText: "  "}}}
		case hardBreaks[li]:
			d.Message = "hard line break made of trailing spaces: use a backslash"
			d.Fix = &Fix{Message: "replace with a backslash", Edits: []Edit{{Start: ws, End: end, NewText: "\\"}}}
		case ws == ls:
			d.Message = "line of only whitespace"
			d.Fix = &Fix{Message: "remove it", Edits: []Edit{{Start: ws, End: end}}}
		default:
			d.Message = "trailing whitespace"
			d.Fix = &Fix{Message: "remove it", Edits: []Edit{{Start: ws, End: end}}}
		}
		pass.Report(d)
	}
	return nil
}
