package rules

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// HeadingStyleOptions configures heading-style.
type HeadingStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (every heading like the first), atx, atx_closed, setext, setext_with_atx (setext for levels 1–2, ATX below) or setext_with_atx_closed"`
}

var headingStyles = []string{"consistent", "atx", "atx_closed", "setext", "setext_with_atx", "setext_with_atx_closed"}

// Validate checks the style name.
func (o *HeadingStyleOptions) Validate() error {
	for _, s := range headingStyles {
		if o.Style == s {
			return nil
		}
	}
	return fmt.Errorf("style %q is not one of %s", o.Style, strings.Join(headingStyles, ", "))
}

// HeadingStyle is markdownlint's MD003: one heading style per document.
var HeadingStyle = &Rule{
	Name:     "heading-style",
	Aliases:  []string{"MD003"},
	Tags:     []string{"headings"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Headings should use one style",
		Description: `Markdown has three ways to write a heading: ATX (` + "`## Heading`" + `), closed ATX
(` + "`## Heading ##`" + `) and setext (the text underlined with ` + "`===`" + ` or ` + "`---`" + `). The rule reports every
heading whose style is not the configured one; with ` + "`consistent`" + ` (the default), the first
heading of the document sets the style. ` + "`setext_with_atx`" + ` and ` + "`setext_with_atx_closed`" + ` ask for
setext headings at levels 1 and 2 and ATX (or closed ATX) headings below, since setext has no
level 3.

The fix rewrites the heading in the expected style, keeping its text byte for byte. It is not
offered where the rewrite could change the document: a setext heading of several lines (ATX
headings are one line), a level 3–6 heading asked to be setext, and an ATX heading that would
not stand alone as setext (right after a paragraph line, or whose text would start a list, a
quote or a table).`,
		Examples: []Example{
			{Bad: "# Title\n\nSection\n-------", Good: "# Title\n\n## Section"},
			{Bad: "## Section ##", Good: "## Section", Note: "with style: atx"},
		},
	},
	Options: func() any { return &HeadingStyleOptions{Style: "consistent"} },
	Run:     runHeadingStyle,
}

func runHeadingStyle(pass *Pass) error {
	style := OptionsOf[HeadingStyleOptions](pass).Style
	v := newStructLines(pass.Document)
	var groups [][]Diagnostic // setext rewrites inside containers
	var fixes [][]Edit
	for _, h := range v.headings() {
		if style == "consistent" {
			style = h.style
		}
		if h.style == style {
			continue
		}
		h12 := h.level <= 2
		expected := style
		switch style {
		case "setext_with_atx":
			expected = "atx"
			if h12 {
				expected = "setext"
			}
		case "setext_with_atx_closed":
			expected = "atx_closed"
			if h12 {
				expected = "setext"
			}
		}
		if h.style == expected {
			continue
		}
		d := Diagnostic{
			Start:   h.start,
			End:     v.end(h.lastLine),
			Message: fmt.Sprintf("heading style is %s: expected %s", styleName(h.style), styleName(expected)),
		}
		if edits, ok := convertHeading(v, h, expected); ok {
			d.Fix = &Fix{Message: "rewrite as " + styleName(expected), Edits: edits}
			if expected == "setext" && h.node.Parent() != nil && h.node.Parent().Kind() != ast.KindDocument {
				// A setext underline inside a list item or quote must
				// carry the container's prefix, which this view follows
				// only so far: checked to keep the blocks.
				groups, fixes = append(groups, []Diagnostic{d}), append(fixes, edits)
				continue
			}
		}
		pass.Report(d)
	}
	reportSafe(pass, v, groups, fixes, keepBlocks)
	return nil
}

func styleName(s string) string {
	switch s {
	case "atx":
		return "ATX"
	case "atx_closed":
		return "closed ATX"
	}
	return s
}

// convertHeading returns the edits that rewrite heading h in style to,
// or ok=false when the rewrite is not safe.
func convertHeading(v *structLines, h structHeading, to string) ([]Edit, bool) {
	src := v.src
	if h.textEnd <= h.textStart || v.doc.InTemplate(h.start, v.end(h.lastLine)) && templateAtEdge(v.doc, h) {
		return nil, false
	}
	text := src[h.textStart:h.textEnd]
	hashes := strings.Repeat("#", h.level)
	switch to {
	case "atx", "atx_closed":
		closing := ""
		if to == "atx_closed" {
			closing = " " + hashes
		}
		if h.style == "setext" {
			if h.lastLine != h.line+1 || endsLikeClosingSequence(text) {
				return nil, false
			}
			return []Edit{
				{Start: h.start, End: h.start, NewText: hashes + " "},
				{Start: h.textEnd, End: v.end(h.lastLine), NewText: closing},
			}, true
		}
		// ATX to closed ATX or back: either way the text ends the line
		// before a closing sequence or none, and "#" there would be read
		// as one ("# #   #" would become an empty heading).
		if endsLikeClosingSequence(text) {
			return nil, false
		}
		return []Edit{{Start: h.textEnd, End: v.end(h.line), NewText: closing}}, true
	case "setext":
		if h.level > 2 || !standsAloneAsSetext(v, h, text) {
			return nil, false
		}
		underline := "="
		if h.level == 2 {
			underline = "-"
		}
		n := max(3, utf8.RuneCount(text))
		if underline == "-" && n == 3 {
			n = 4 // a "---" line can close front matter opened on the first line
		}
		prefix := continuationPrefix(src[v.start(h.line):h.start])
		return []Edit{
			{Start: h.start, End: h.textStart, NewText: ""},
			{Start: h.textEnd, End: v.end(h.line), NewText: v.newline() + prefix + strings.Repeat(underline, n)},
		}, true
	}
	return nil, false
}

// templateAtEdge reports whether template syntax touches the heading's
// markers (an ATX sequence or setext underline built by a template), which
// a rewrite must not move.
func templateAtEdge(doc *Document, h structHeading) bool {
	if h.style == "setext" {
		return doc.InTemplate(h.textEnd, doc.LineStarts[h.lastLine])
	}
	return doc.InTemplate(h.start, h.textStart) || doc.InTemplate(h.textEnd, h.textEnd+1)
}

// endsLikeClosingSequence reports whether text ends with spaces and '#'s,
// which an ATX heading would take for its closing sequence.
func endsLikeClosingSequence(text []byte) bool {
	t := bytes.TrimRight(text, "#")
	return len(t) < len(text) && (len(t) == 0 || t[len(t)-1] == ' ' || t[len(t)-1] == '\t')
}

// standsAloneAsSetext reports whether ATX heading h can become a setext
// heading: a blank line (or the start of its container) before it, so that
// it does not join a paragraph, and text that reads as a paragraph on its
// own line.
func standsAloneAsSetext(v *structLines, h structHeading, text []byte) bool {
	cs, ok := v.containerStart(h.node, h.line)
	if !ok {
		return false
	}
	if cs == v.start(h.line) || !onMarkerLine(v, h) {
		// Not the first line of a list item or quote: the line before
		// must be blank.
		if h.line > 0 && v.body(h.line-1) && v.start(h.line-1) >= v.doc.BodyStart {
			prev := bytes.Trim(v.text(h.line-1), " \t>")
			if len(prev) > 0 {
				return false
			}
		}
	}
	if bytes.ContainsRune(text, '|') {
		return false
	}
	switch text[0] {
	case '-', '+', '*', '>', '#', '=', '`', '~', '<', '_', ':', ' ', '\t':
		return false
	case '[':
		if i := bytes.Index(text, []byte("]:")); i > 0 {
			return false
		}
	}
	i := 0
	for i < len(text) && text[i] >= '0' && text[i] <= '9' {
		i++
	}
	if i > 0 && i < len(text) && (text[i] == '.' || text[i] == ')') {
		return false
	}
	return true
}

// onMarkerLine reports whether h sits on the line of its list item's marker
// or its block quote's '>', as the first block of that container.
func onMarkerLine(v *structLines, h structHeading) bool {
	p := h.node.Parent()
	return p != nil && p.FirstChild() == h.node && p.Kind() != ast.KindDocument && v.lineAt(p.Pos()) == h.line
}

// continuationPrefix turns the text before a block on its first line into
// the prefix of the block's next line: quote markers stay, list markers
// become spaces.
func continuationPrefix(before []byte) string {
	b := []byte(string(before))
	for i, c := range b {
		if c != '>' && c != ' ' && c != '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// newline returns the document's line ending.
func (v *structLines) newline() string {
	if len(v.starts) > 1 && v.starts[1] >= 2 && v.src[v.starts[1]-2] == '\r' {
		return "\r\n"
	}
	return "\n"
}
