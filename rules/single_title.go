package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// SingleTitleOptions configures single-title.
type SingleTitleOptions struct {
	FrontMatterTitle string `yaml:"front_matter_title" doc:"regular expression (case-insensitive) for a front matter line that sets the title; \"\" ignores the front matter"`
	Level            int    `yaml:"level" doc:"the level of the title heading (1–6); 2 when the page template renders the h1"`
}

// Validate checks the options.
func (o *SingleTitleOptions) Validate() error {
	if o.Level < 1 || o.Level > 6 {
		return fmt.Errorf("level must be 1 to 6, not %d", o.Level)
	}
	return mdbValidateTitle(o.FrontMatterTitle)
}

// SingleTitle is markdownlint's MD025: one top-level heading per document.
var SingleTitle = &Rule{
	Name:     "single-title",
	Aliases:  []string{"MD025", "single-h1"},
	Tags:     []string{"headings"},
	Severity: Off, // on a docs site a title in front matter and an H1 in the body is the convention: 3,398 findings on the corpus
	Doc: Doc{
		Title: "A document must have a single top-level heading",
		Description: `When a document starts with a top-level heading (an h1, or the ` + "`level`" + ` option), that
heading is its title, and any other heading of that level is reported: a page with two titles
confuses readers, search engines and the table of contents. A ` + "`title`" + ` in the front matter
is a title too (Jekyll and Hugo themes render it as the page's h1), so then every top-level
heading in the body is reported. Headings in code blocks and in Liquid ` + "`raw`" + `/` + "`highlight`" + `
bodies are not headings.

Same semantics and options as markdownlint's MD025. Off by default: on documentation sites a
title in front matter and an h1 in the body is the convention (Microsoft Learn style; thousands
of findings on the corpus). Turn it on for a blog whose theme renders the front matter title as
the page's h1: there a second h1 is a mistake. No automatic fix: whether to demote the heading
or split the document is the author's call.`,
		Examples: []Example{
			{Bad: "# Title\n\n# Another title", Good: "# Title\n\n## A section"},
			{Bad: "---\ntitle: My post\n---\n\n# My post\n\nText.", Good: "---\ntitle: My post\n---\n\nText.", Note: "the front matter title counts as the first heading"},
		},
	},
	Options: func() any {
		return &SingleTitleOptions{FrontMatterTitle: mdbFrontMatterTitleDefault, Level: 1}
	},
	Run: runSingleTitle,
}

func runSingleTitle(pass *Pass) error {
	opts := OptionsOf[SingleTitleOptions](pass)
	var headings []*ast.Heading
	inspect(pass.Document, func(n ast.Node) bool {
		if h, ok := n.(*ast.Heading); ok {
			if h.Level == opts.Level && !mdbDocfxTab(h) {
				headings = append(headings, h)
			}
			return false
		}
		return true
	})
	if len(headings) == 0 {
		return nil
	}
	v := mdbNewLines(pass.Document)
	fmTitle := mdbFrontMatterHasTitle(pass.Document, opts.FrontMatterTitle)
	if !fmTitle && !mdbOnlyPreamble(v, pass.AST, headings[0]) {
		return nil
	}
	report := headings
	title := "the front matter title"
	if !fmTitle {
		report = headings[1:]
		title = "the first heading " + mdbQuote(mdbHeadingText(pass.Source, headings[0]))
	}
	for _, h := range report {
		start, end := mdbHeadingLine(v, h)
		pass.Reportf(start, end, "a second level-%d heading %s: the document's title is %s; use a lower level",
			h.Level, mdbQuote(mdbHeadingText(pass.Source, h)), title)
	}
	return nil
}

// mdbOnlyPreamble reports whether nothing but HTML comments and blank lines
// precede the heading h at the top level of the document, so that h is the
// document's title. A heading nested in a container is preceded by content
// unless the container is the last block (markdownlint's reading).
func mdbOnlyPreamble(v *mdbLines, root, h ast.Node) bool {
	last := root.LastChild()
	for c := root.FirstChild(); c != nil; c = c.NextSibling() {
		if c == h {
			return true
		}
		if h.Parent() != root && c == last {
			return true
		}
		if !mdbCommentBlock(v, c) {
			return false
		}
	}
	return true
}

// mdbCommentBlock reports whether n is an HTML block that is one comment
// (markdownlint skips those as it skips blank lines).
func mdbCommentBlock(v *mdbLines, n ast.Node) bool {
	b, ok := n.(*ast.HTMLBlock)
	if !ok {
		return false
	}
	start := mdbBlockStart(b)
	if start < 0 {
		return false
	}
	end := v.end(mdbLastLine(v, b, nil))
	text := bytes.TrimRight(v.src[start:end], " \t\r\n")
	if !bytes.HasPrefix(text, []byte("<!--")) || !bytes.HasSuffix(text, []byte("-->")) || len(text) < 7 {
		return false
	}
	c := text[4 : len(text)-3]
	return !bytes.HasPrefix(c, []byte(">")) && !bytes.HasPrefix(c, []byte("->")) && !bytes.HasSuffix(c, []byte("-"))
}

// mdbDocfxTab reports whether a heading is a DocFX tab ("# [Linux](#tab/linux)").
func mdbDocfxTab(h *ast.Heading) bool {
	if h.ChildCount() != 1 {
		return false
	}
	l, ok := h.FirstChild().(*ast.Link)
	return ok && bytes.HasPrefix(l.Destination, []byte("#tab/"))
}

// mdbHeadingLine returns the range of a heading's first line, from its
// marker or text to the end of the line.
func mdbHeadingLine(v *mdbLines, h *ast.Heading) (start, end int) {
	start = mdbBlockStart(h)
	return start, v.end(v.of(start))
}

// mdbHeadingText returns the source text of a heading's content, on one line.
func mdbHeadingText(src []byte, h *ast.Heading) string {
	l := h.Lines()
	if l.Len() == 0 {
		return ""
	}
	var parts []string
	for i := 0; i < l.Len(); i++ {
		s := l.At(i)
		parts = append(parts, strings.TrimSpace(string(src[s.Start:s.Stop])))
	}
	return strings.Join(parts, " ")
}
