package rules

import (
	"bytes"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoEmphasisAsHeadingOptions configures no-emphasis-as-heading.
type NoEmphasisAsHeadingOptions struct {
	Punctuation string `yaml:"punctuation" doc:"a paragraph of emphasis that ends with one of these characters is a sentence, not a heading"`
}

// NoEmphasisAsHeading is markdownlint's MD036: emphasis used instead of a
// heading.
var NoEmphasisAsHeading = &Rule{
	Name:     "no-emphasis-as-heading",
	Aliases:  []string{"MD036"},
	Tags:     []string{"headings", "emphasis"},
	Severity: Off,
	Doc: Doc{
		Title: "Emphasis must not be used instead of a heading",
		Description: `Reports a paragraph of a single line that is nothing but bold or italic text, such as
` + "`**My section**`" + `: it looks like a heading but is not one, so it is missing from the table of
contents and from the document structure that screen readers and search engines see. Emphasis
within text, paragraphs of several lines, emphasis that ends with punctuation (` + "`**Note:**`" + `) and
paragraphs in lists or blockquotes are not reported, nor is emphasis around template syntax
(` + "`**{{ page.title }}**`" + `). No automatic fix: only the author knows the heading's level.

Same semantics and options as markdownlint's MD036. Off by default: posts use a bold line as a
lead-in or a caption on purpose.`,
		Examples: []Example{
			{Bad: "**My document**\n\nLorem ipsum dolor sit amet...", Good: "# My document\n\nLorem ipsum dolor sit amet..."},
		},
	},
	Options: func() any { return &NoEmphasisAsHeadingOptions{Punctuation: ".,;:!?。，；：！？"} },
	Run:     runNoEmphasisAsHeading,
}

func runNoEmphasisAsHeading(pass *Pass) error {
	punct := OptionsOf[NoEmphasisAsHeadingOptions](pass).Punctuation
	src := pass.Source
	v := mdbNewLines(pass.Document)
	for p := pass.AST.FirstChild(); p != nil; p = p.NextSibling() {
		if p.Kind() != ast.KindParagraph || p.Lines().Len() != 1 {
			continue
		}
		var em *ast.Emphasis
		meaningful := 0
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			switch n := c.(type) {
			case *ast.RawHTML:
				continue
			case *ast.Text:
				if len(bytes.TrimSpace(n.Segment.Value(src))) == 0 {
					continue
				}
			case *ast.Emphasis:
				em = n
			}
			meaningful++
		}
		if meaningful != 1 || em == nil {
			continue
		}
		// The text of the emphasis, which goldmark may split at delimiters
		// that match nothing ("NAME_USER").
		start, end := -1, -1
		for c := em.FirstChild(); c != nil; c = c.NextSibling() {
			t, ok := c.(*ast.Text)
			if !ok || start >= 0 && t.Segment.Start != end {
				start = -1
				break
			}
			if start < 0 {
				start = t.Segment.Start
			}
			end = t.Segment.Stop
		}
		if start < 0 {
			continue
		}
		line := v.of(start)
		if le := v.end(line); le > v.start(line) && mdbSpace(v.src[le-1]) {
			continue // trailing white space is a token of its own for markdownlint
		}
		content := src[start:end]
		if !mdbPlainEmphasisText(content) || v.inTemplate(start-em.Level, end+em.Level) {
			continue
		}
		if r, _ := utf8.DecodeLastRune(content); punct != "" && mdbIsPunct(r, punct) {
			continue
		}
		pass.Reportf(start-em.Level, end+em.Level, "emphasis used as a heading: %s; use a heading (#) instead", mdbQuote(string(content)))
	}
	return nil
}

// mdbPlainEmphasisText reports whether emphasized text is a single run of
// plain text for markdownlint: no escapes, entities, brackets, math, text
// directives (":name") or autolinks, which its parser reads as constructs.
func mdbPlainEmphasisText(t []byte) bool {
	if len(t) == 0 || bytes.ContainsAny(t, "[\n\r") || bytes.Count(t, []byte("$")) >= 2 {
		return false
	}
	for i := 0; i < len(t); i++ {
		switch c := t[i]; c {
		case '\\':
			if i+1 < len(t) && isASCIIPunctByte(t[i+1]) {
				return false
			}
		case '&':
			k := i + 1
			for k < len(t) && (isWordByte(t[k]) || t[k] == '#') {
				k++
			}
			if k > i+1 && k < len(t) && t[k] == ';' && mdbEntityEndRe.Match(t[i:k+1]) {
				return false
			}
		case ':':
			if i+1 < len(t) && mdbASCIILetter(t[i+1]) {
				return false
			}
		case '<':
			if mdbAutolinkEnd(t, i) > 0 || mdbHTMLEnd(t, i) > 0 {
				return false
			}
		case '`':
			if mdbCodeSpanClose(t, i+1, 1) > 0 {
				return false
			}
		}
	}
	found := false
	s := &mdbURLScan{src: t, found: func(int, int, string) { found = true }}
	s.text(0, len(t))
	return !found
}
