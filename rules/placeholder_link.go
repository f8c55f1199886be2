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
	References   bool     `yaml:"references" doc:"also report reference links whose label has no definition (they render as literal brackets)"`
}

// PlaceholderLink reports links left as drafts: destinations such as "link",
// "#" or nothing at all.
var PlaceholderLink = &Rule{
	Name:     "placeholder-link",
	Costly:   true,
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
	inspect(pass.Document, func(n ast.Node) bool {
		var dest []byte
		var image bool
		switch l := n.(type) {
		case *ast.Link:
			dest = l.Destination
		case *ast.Image:
			dest, image = l.Destination, true
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return false
		default:
			return true
		}
		start, end, raw := linkExtent(src, n)
		if pass.InTemplate(start, start+1) {
			return false
		}
		text := NormalizeLabel(plainText(src, n))
		if raw != nil {
			dest = raw
		}
		if liquid.Contains(dest) || liquid.Contains(src[start:end]) {
			return false
		}
		d := strings.ToLower(strings.TrimSpace(string(dest)))
		if d == "" || d == "<>" || placeholders[d] {
			bad = append(bad, found{start, end, string(dest), text, image})
		} else if text != "" {
			if _, ok := real[text]; !ok {
				real[text] = string(dest)
			}
		}
		return false
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
	written, dynamic := writtenDefinitions(src[pass.BodyStart:])
	if dynamic {
		// Definitions generated by a template loop ([#{{ n }}]: ...) can
		// define any label.
		return
	}
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
			label = strings.TrimSpace(label)
			switch def, ok := written[norm]; {
			case ok && (liquid.Contains([]byte(def.dest)) || def.prev == templatedDef && whyInvalid(def.dest) == ""):
				// Defined with a templated destination (or after one), which
				// CommonMark cannot parse but the site generator fills in.
			case ok:
				pass.Reportf(c.Start+open, c.Start+closeAt+1, "the definition of reference %q is not valid Markdown (%s); the link renders as literal text", label, whyUndefined(def))
			default:
				pass.Reportf(c.Start+open, c.Start+closeAt+1, "reference %q has no definition; the link renders as literal text", label)
			}
		}
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

// writtenDef is a line that looks like a link reference definition.
type writtenDef struct {
	dest string // the text after "]:"
	prev lineKind
}

type lineKind uint8

const (
	blankLine lineKind = iota
	textLine
	templatedDef // a definition whose destination is built by a template
	invalidDef   // a definition Markdown cannot accept on its own
	plainDef
)

// writtenDefinitions scans the lines that look like link reference
// definitions ("[label]: destination"), whether or not Markdown accepts them,
// by normalized label. dynamic is true when a label is itself built by a
// template.
func writtenDefinitions(body []byte) (defs map[string]writtenDef, dynamic bool) {
	defs = make(map[string]writtenDef)
	prev := blankLine
	for len(body) > 0 {
		line := body
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			body = nil
		}
		line = bytes.TrimLeft(line, " \t>")
		kind := textLine
		if len(bytes.TrimSpace(line)) == 0 {
			kind = blankLine
		} else if end := bytes.Index(line, []byte("]:")); line[0] == '[' && end > 1 {
			label, dest := line[1:end], strings.TrimSpace(string(line[end+2:]))
			switch {
			case liquid.Contains(label):
				dynamic = true
				kind = templatedDef
			case liquid.Contains([]byte(dest)):
				kind = templatedDef
			case whyInvalid(dest) != "":
				kind = invalidDef
			default:
				kind = plainDef
			}
			if norm := NormalizeLabel(string(label)); kind != templatedDef || !liquid.Contains(label) {
				if _, seen := defs[norm]; !seen {
					defs[norm] = writtenDef{dest: dest, prev: prev}
				}
			}
		}
		// A definition that follows a templated one inherits its fate: once
		// the template is filled in, the whole block is valid.
		// One that follows an invalid one is text too.
		switch {
		case kind == plainDef && prev == templatedDef:
			kind = templatedDef
		case kind == plainDef && prev == invalidDef:
			kind = invalidDef
		}
		prev = kind
	}
	return defs, dynamic
}

// whyInvalid explains why a definition's destination cannot be parsed, or
// returns "".
func whyInvalid(dest string) string {
	switch {
	case dest == "":
		return "it has no destination"
	case strings.HasPrefix(dest, "<"):
		return ""
	}
	d, title, _ := strings.Cut(dest, " ")
	title = strings.TrimSpace(title)
	if title != "" && !(strings.HasPrefix(title, "\"") || strings.HasPrefix(title, "'") || strings.HasPrefix(title, "(")) {
		return "its destination contains a space; write it as <...> or encode the space as %20"
	}
	_ = d
	return ""
}

// whyUndefined explains why a written definition did not define its label.
func whyUndefined(def writtenDef) string {
	if why := whyInvalid(def.dest); why != "" {
		return why
	}
	switch def.prev {
	case invalidDef:
		return "the invalid definition on the line before turns it into text"
	case textLine:
		return "a definition cannot interrupt a paragraph; put a blank line before it"
	}
	return "check its destination and title"
}
