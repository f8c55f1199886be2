package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// FirstLineHeadingOptions configures first-line-heading.
type FirstLineHeadingOptions struct {
	AllowPreamble    bool   `yaml:"allow_preamble" doc:"allow content before the first heading (which must then be the top-level one)"`
	FrontMatterTitle string `yaml:"front_matter_title" doc:"regular expression (case-insensitive) for a front matter line that sets the title; \"\" ignores the front matter"`
	Level            int    `yaml:"level" doc:"the level of the title heading (1–6); 2 when the page template renders the h1"`
}

// Validate checks the options.
func (o *FirstLineHeadingOptions) Validate() error {
	if o.Level < 1 || o.Level > 6 {
		return fmt.Errorf("level must be 1 to 6, not %d", o.Level)
	}
	return mdbValidateTitle(o.FrontMatterTitle)
}

// FirstLineHeading is markdownlint's MD041: the document starts with a
// top-level heading.
var FirstLineHeading = &Rule{
	Name:     "first-line-heading",
	Aliases:  []string{"MD041", "first-line-h1"},
	Tags:     []string{"headings"},
	Severity: Off,
	Doc: Doc{
		Title: "A document must start with a top-level heading",
		Description: `The first thing in a document should be its title: a top-level heading (h1, or the
` + "`level`" + ` option), in Markdown or HTML (` + "`<h1 align=\"center\">…</h1>`" + `, common in READMEs). HTML
comments and blank lines before it are fine; with ` + "`allow_preamble`" + ` other content may come
first too. A ` + "`title`" + ` in the front matter is the title, so then nothing is reported. A first
block made only of template syntax (a Liquid include, a Hugo shortcode) may render the title
and is not reported either. No automatic fix: the title has to be written.

Same semantics and options as markdownlint's MD041. Off by default: posts carry their title in
front matter and their theme renders it.`,
		Examples: []Example{
			{Bad: "This is a document without a heading", Good: "# Document Heading\n\nThis is a document with a top-level heading"},
		},
	},
	Options: func() any {
		return &FirstLineHeadingOptions{FrontMatterTitle: mdbFrontMatterTitleDefault, Level: 1}
	},
	Run: runFirstLineHeading,
}

func runFirstLineHeading(pass *Pass) error {
	opts := OptionsOf[FirstLineHeadingOptions](pass)
	if mdbFrontMatterHasTitle(pass.Document, opts.FrontMatterTitle) {
		return nil
	}
	v := mdbNewLines(pass.Document)
	var starts []bool
	report := func(n ast.Node, what string) {
		line := v.of(mdbBlockStart(n))
		pass.Reportf(v.start(line), v.end(line), "the document should start with a level-%d heading, not %s", opts.Level, what)
	}
	for n := pass.AST.FirstChild(); n != nil; n = n.NextSibling() {
		if starts == nil {
			starts = mdbBlockStarts(v)
		}
		switch b := n.(type) {
		case *ast.Heading:
			if b.Level != opts.Level {
				report(b, fmt.Sprintf("a level-%d heading", b.Level))
			}
			return nil
		case *ast.HTMLBlock:
			if mdbCommentBlock(v, b) {
				continue
			}
			from := v.start(v.of(mdbBlockStart(b)))
			to := v.end(mdbLastLine(v, b, starts))
			name := ""
			mdbScanTags(v.src, from, to, func(s, e int) {
				if name == "" {
					name = "-"
					if t, _, ok := mdbTagInfo(v.src[s:e]); ok {
						name = strings.ToLower(t)
					}
				}
			})
			if len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' {
				if name != fmt.Sprintf("h%d", opts.Level) {
					report(b, "an HTML <"+name+"> heading")
				}
				return nil
			}
			if !opts.AllowPreamble {
				report(b, "HTML")
				return nil
			}
		default:
			if mdbTemplateOnly(pass.Document, v, n, starts) {
				return nil // a Liquid include or Hugo shortcode may render the title
			}
			if !opts.AllowPreamble {
				report(n, mdbBlockName(n))
				return nil
			}
		}
	}
	return nil
}

// mdbTemplateOnly reports whether the block n holds nothing but template
// syntax and white space.
func mdbTemplateOnly(d *Document, v *mdbLines, n ast.Node, starts []bool) bool {
	if n.Kind() != ast.KindParagraph {
		return false
	}
	from, to := mdbBlockStart(n), v.end(mdbLastLine(v, n, starts))
	pos, seen := from, false
	for _, t := range d.TemplatesFrom(from) {
		if t.End <= from {
			continue
		}
		if t.Start >= to {
			break
		}
		if len(bytes.TrimSpace(v.src[pos:max(pos, t.Start)])) > 0 {
			return false
		}
		pos, seen = max(pos, t.End), true
	}
	return seen && (pos >= to || len(bytes.TrimSpace(v.src[pos:to])) == 0)
}

// mdbBlockName names a block for a message.
func mdbBlockName(n ast.Node) string {
	switch n.Kind() {
	case ast.KindParagraph:
		return "a paragraph"
	case ast.KindList:
		return "a list"
	case ast.KindBlockquote:
		return "a blockquote"
	case ast.KindFencedCodeBlock, ast.KindCodeBlock:
		return "a code block"
	case ast.KindThematicBreak:
		return "a horizontal rule"
	}
	switch n.Kind().String() {
	case "Table":
		return "a table"
	case "LinkReferenceDefinition":
		return "a link reference definition"
	}
	return "other content"
}
