package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
)

// PlaceholderLinkOptions configures placeholder-link.
type PlaceholderLinkOptions struct {
	Placeholders []string `yaml:"placeholders" doc:"link destinations that are placeholders, compared case-insensitively (an empty destination always is one)"`
	References   bool     `yaml:"references" doc:"also report reference links whose label has no definition ([text][ref] renders literally)"`
}

// PlaceholderLink reports links left as drafts: destinations such as "link",
// "#" or nothing at all.
var PlaceholderLink = &Rule{
	Name:     "placeholder-link",
	Severity: Error,
	Doc: Doc{
		Title: "Links must not point to placeholders",
		Description: `Drafts often carry links whose destination was never filled in: ` + "`[here](link)`" + `,
` + "`[text](#)`" + `, ` + "`[text]()`" + `, ` + "`(url)`" + `, ` + "`(TODO)`" + `. They render as links that go nowhere (or back
to the top of the page), and no Markdown linter reports them because they are valid syntax.

The rule reports link and image destinations that are empty or one of the configured
placeholders, and reference links such as ` + "`[text][ref]`" + ` whose label has no definition (they
render as literal brackets). Destinations built with Liquid or Hugo templating are never
placeholders. When the same link text points at a real URL elsewhere in the file, the message
suggests it. There is no automatic fix: only the author knows the destination.`,
		Examples: []Example{
			{Bad: "Read more [here](link).", Good: "Read more [in the guide](https://example.org/guide)."},
			{Bad: "See [the docs][docs].", Good: "See [the docs][docs].\n\n[docs]: https://example.org/docs", Note: "a reference needs a definition"},
		},
	},
	Options: func() any {
		return &PlaceholderLinkOptions{
			Placeholders: []string{"#", "link", "url", "TODO", "TBD", "FIXME", "xxx", "...", "http://", "https://"},
			References:   true,
		}
	},
	Run: runPlaceholderLink,
}

func runPlaceholderLink(pass *Pass) error {
	opts := OptionsOf[PlaceholderLinkOptions](pass)
	placeholders := make(map[string]bool, len(opts.Placeholders))
	for _, p := range opts.Placeholders {
		placeholders[strings.ToLower(strings.TrimSpace(p))] = true
	}
	src := pass.Source

	type found struct {
		start, end int
		dest, text string
		image      bool
	}
	var bad []found
	real := make(map[string]string) // normalized link text -> first real destination
	_ = ast.Walk(pass.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		var image bool
		switch l := n.(type) {
		case *ast.Link:
			dest = l.Destination
		case *ast.Image:
			dest, image = l.Destination, true
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		start, end, raw := linkExtent(src, n)
		if pass.InTemplate(start, start+1) {
			return ast.WalkSkipChildren, nil
		}
		text := NormalizeLabel(plainText(src, n))
		if raw != nil {
			dest = raw
		}
		if liquid.Contains(dest) || liquid.Contains(src[start:end]) {
			return ast.WalkSkipChildren, nil
		}
		d := strings.ToLower(strings.TrimSpace(string(dest)))
		if d == "" || d == "<>" || placeholders[d] {
			bad = append(bad, found{start, end, string(dest), text, image})
		} else if text != "" {
			if _, ok := real[text]; !ok {
				real[text] = string(dest)
			}
		}
		return ast.WalkSkipChildren, nil
	})
	for _, b := range bad {
		what := "link"
		if b.image {
			what = "image"
		}
		msg := fmt.Sprintf("%s destination %q is a placeholder", what, b.dest)
		if b.dest == "" {
			msg = what + " has an empty destination"
		}
		if u, ok := real[b.text]; ok && b.text != "" {
			msg += fmt.Sprintf("; the same text links to %s elsewhere in this file", u)
		}
		pass.Reportf(b.start, b.end, "%s", msg)
	}
	if opts.References {
		undefinedReferences(pass)
	}
	return nil
}

// linkExtent returns the source range of a link or image and, for the inline
// form, its destination as written.
func linkExtent(src []byte, n ast.Node) (start, end int, dest []byte) {
	if l, ok := markdown.ParseInlineLink(src, n); ok {
		return l.Start, l.End, src[l.DestStart:l.DestEnd]
	}
	start = n.Pos()
	end = markdown.InlineEnd(n)
	// A reference link: extend over "][label]" or "]" when present.
	if end < 0 {
		end = start + 1
	}
	if i := bytes.IndexByte(src[end:min(len(src), end+1000)], ']'); i >= 0 {
		end += i + 1
		if end < len(src) && src[end] == '[' {
			if j := bytes.IndexByte(src[end:min(len(src), end+1000)], ']'); j >= 0 {
				end += j + 1
			}
		}
	}
	return start, end, nil
}

// plainText returns the text of a node's descendants (link text, alt text).
func plainText(src []byte, n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// undefinedReferences reports [text][label] and [label][] whose label has no
// definition: goldmark leaves them as literal text, so they are found in the
// prose chunks.
func undefinedReferences(pass *Pass) {
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString {
			continue
		}
		t := c.Text
		for i := 0; i < len(t); i++ {
			if t[i] != ']' || i+1 >= len(t) || t[i+1] != '[' {
				continue
			}
			// The first bracket pair ends at i; find its opening '['.
			open := bytes.LastIndexByte(t[:i], '[')
			if open < 0 || bytes.IndexByte(t[open+1:i], ']') >= 0 {
				continue
			}
			closeAt := bytes.IndexByte(t[i+2:], ']')
			if closeAt < 0 {
				continue
			}
			closeAt += i + 2
			label := string(t[i+2 : closeAt])
			if strings.TrimSpace(label) == "" {
				label = string(t[open+1 : i])
			}
			i = closeAt
			if strings.HasPrefix(strings.TrimSpace(label), "^") {
				continue
			}
			if open > 0 && (isWordByte(t[open-1]) || t[open-1] == ']' || src[c.Start+open-1] == '\\') {
				continue
			}
			if !c.Clean(src, open, open+1) || !c.Clean(src, closeAt, closeAt+1) {
				continue
			}
			norm := NormalizeLabel(label)
			if norm == "" {
				continue
			}
			if _, ok := pass.References[norm]; ok {
				continue
			}
			pass.Reportf(c.Start+open, c.Start+closeAt+1, "reference %q has no definition; the link renders as literal text", strings.TrimSpace(label))
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
