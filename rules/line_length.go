package rules

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// LineLengthOptions configures line-length.
type LineLengthOptions struct {
	LineLength          int  `yaml:"line_length" doc:"maximum characters in a line"`
	HeadingLineLength   int  `yaml:"heading_line_length" doc:"maximum characters in a heading line"`
	CodeBlockLineLength int  `yaml:"code_block_line_length" doc:"maximum characters in a code block line"`
	CodeBlocks          bool `yaml:"code_blocks" doc:"check code blocks (and the bodies of raw and highlight blocks)"`
	Tables              bool `yaml:"tables" doc:"check tables"`
	Headings            bool `yaml:"headings" doc:"check headings"`
	Strict              bool `yaml:"strict" doc:"report every line that is too long, even when its end has no space to wrap at"`
	Stern               bool `yaml:"stern" doc:"report lines that are too long and could be wrapped, but allow a line that is a single long word"`
}

// Validate checks the numbers.
func (o *LineLengthOptions) Validate() error {
	if o.LineLength < 0 || o.HeadingLineLength < 0 || o.CodeBlockLineLength < 0 {
		return fmt.Errorf("line lengths must not be negative")
	}
	return nil
}

// LineLength is markdownlint's MD013.
var LineLength = &Rule{
	Name:     "line-length",
	Costly:   true,
	Aliases:  []string{"MD013"},
	Tags:     []string{"line_length"},
	Severity: Off,
	Doc: Doc{
		Title: "Lines should not be longer than the configured length",
		Description: `Reports lines longer than ` + "`line_length`" + ` characters (80 by default;
` + "`heading_line_length`" + ` for headings, ` + "`code_block_line_length`" + ` for code blocks). Characters are
counted as markdownlint counts them (UTF-16 code units, so an emoji counts two). Long lines
are hard to review in diffs and editors without soft wrapping.

By default a line may run past the limit when it has no space after the limit (a long URL can
not be wrapped); ` + "`strict`" + ` reports it anyway and ` + "`stern`" + ` reports it unless the whole line is one
word. Link reference definitions and lines holding nothing but a link or image are never
reported. Template syntax counts like any text; the bodies of ` + "`{% raw %}`" + ` and
` + "`{% highlight %}`" + ` blocks count as code blocks.

Off by default: most posts are written with one paragraph per line, which this rule would
report everywhere. There is no automatic fix: where to break a line is the author's choice.`,
		Examples: []Example{
			{Bad: "This line is a violation because there are spaces beyond the configured length of eighty characters.", Good: "This line is fine because it wraps\nbefore the configured length."},
		},
	},
	Options: func() any {
		return &LineLengthOptions{LineLength: 80, HeadingLineLength: 80, CodeBlockLineLength: 80, CodeBlocks: true, Tables: true, Headings: true}
	},
	Run: runLineLength,
}

func runLineLength(pass *Pass) error {
	o := OptionsOf[LineLengthOptions](pass)
	v := newStructLines(pass.Document)
	n := v.n()
	// Most lines are short: find the candidates first (a line is never
	// longer in UTF-16 units than in bytes).
	limit := o.LineLength
	for _, l := range []int{o.HeadingLineLength, o.CodeBlockLineLength} {
		if l > 0 && (limit <= 0 || l < limit) {
			limit = l
		}
	}
	if limit <= 0 {
		return nil
	}
	var long []int
	for i := 0; i < n; i++ {
		if v.kinds[i]&slFront == 0 && v.end(i)-v.start(i) > limit {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return nil
	}

	heading := make([]bool, n)
	table := make([]bool, n)
	linkLine := make([]bool, n)
	dataLine := make([]bool, n)
	footnote := make([]bool, n)
	mark := func(set []bool, from, to int) {
		for i := v.lineAt(from); i <= v.lineAt(max(from, to)); i++ {
			set[i] = true
		}
	}
	for _, h := range v.headings() {
		for i := h.line; i <= h.lastLine; i++ {
			heading[i] = true
		}
	}
	for _, t := range v.tables {
		end := t.Pos()
		if last := t.LastChild(); last != nil {
			end = max(end, last.Pos())
		}
		mark(table, t.Pos(), end)
	}
	for _, f := range v.footnotes {
		// A footnote definition is a definition, as markdownlint sees it:
		// all its lines.
		mark(footnote, f.Pos(), v.start(lastContentLine(v, f)))
	}
	for _, p := range v.paragraphs {
		// Text directly in the paragraph (not in links, emphasis or code)
		// makes a line more than "just a link".
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			if t, ok := c.(*ast.Text); ok && t.Segment.Stop > t.Segment.Start {
				mark(dataLine, t.Segment.Start, t.Segment.Stop-1)
			}
		}
	}
	v.walkInlines(func(nd ast.Node) bool {
		switch nd.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			end := max(markdown.InlineEnd(nd), nd.Pos())
			if l, ok := markdown.ParseInlineLink(v.src, nd); ok {
				end = l.End - 1
			}
			mark(linkLine, nd.Pos(), end)
			return false
		}
		return true
	})
	defs := definitionLines(v)
	for _, i := range long {
		code := v.kinds[i]&(slCode|slBody) != 0
		limit := o.LineLength
		switch {
		case code:
			limit = o.CodeBlockLineLength
		case heading[i]:
			limit = o.HeadingLineLength
		}
		if limit <= 0 || code && !o.CodeBlocks || table[i] && !o.Tables || heading[i] && !o.Headings || defs[i] || footnote[i] {
			continue
		}
		line := v.text(i)
		length := slUTF16Len(line)
		if length <= limit {
			continue
		}
		if !o.Strict {
			if linkLine[i] && !dataLine[i] || o.Stern && oneWord(line) {
				continue
			}
			if !o.Stern && slUTF16Len(line[:lastWordStart(line)])+1 <= limit {
				continue // the part past the limit is one word that cannot be wrapped
			}
		}
		// Report from the first character past the limit.
		at := v.start(i) + utf16Offset(line, limit)
		pass.Reportf(at, v.start(i)+len(line), "line is %d characters long (at most %d)", length, limit)
	}
	return nil
}

// lastWordStart returns where the last run of non-space characters of line
// starts (len(line) when it ends with a space).
func lastWordStart(line []byte) int {
	i := len(line)
	for i > 0 && !isJSSpaceByte(line, i) {
		_, size := utf8.DecodeLastRune(line[:i])
		i -= size
	}
	return i
}

func isJSSpaceByte(line []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(line[:i])
	return jsSpace(r)
}

// oneWord reports a line that cannot be wrapped: optional heading and quote
// markers and whitespace, then a single word.
func oneWord(line []byte) bool {
	t := bytes.TrimLeft(line, "#> \t")
	return !bytes.ContainsAny(t, " \t")
}

// utf16Offset returns the byte offset in line of the character at UTF-16
// position n.
func utf16Offset(line []byte, n int) int {
	k, units := 0, 0
	for k < len(line) && units < n {
		r, size := utf8.DecodeRune(line[k:])
		units++
		if r >= 0x10000 {
			units++
		}
		k += size
	}
	return k
}

// definitionLines marks the lines of link reference definitions: goldmark
// takes them out of the tree, so they are found in the source.
func definitionLines(v *structLines) []bool {
	defs := make([]bool, v.n())
	if len(v.doc.References) == 0 {
		return defs
	}
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || v.kinds[i]&(slCode|slHTML) != 0 {
			continue
		}
		t := bytes.TrimLeft(v.text(i), " >")
		if len(t) < 4 || t[0] != '[' || t[1] == '^' {
			continue
		}
		if j := bytes.Index(t, []byte("]:")); j > 1 {
			if _, ok := v.doc.References[NormalizeLabel(string(t[1:j]))]; ok {
				defs[i] = true
			}
		}
	}
	return defs
}
