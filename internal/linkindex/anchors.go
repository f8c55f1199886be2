package linkindex

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/internal/slug"
)

// Anchors are the fragment targets of one Markdown page: heading ids as the
// platform generates them, explicit ids ({#id}, kramdown {: #id}, HTML id=
// and name=), and what cannot be known offline.
type Anchors struct {
	IDs map[string]bool
	// Lower maps each id, lowercased, to the id: for case-mismatch hints.
	Lower map[string]string
	// Headings lists the ids of the headings in order (for did-you-mean).
	Headings []string
	// Dynamic is set when some id cannot be computed offline: a heading
	// built with template syntax, an id attribute with a template, a
	// template that writes HTML anchors. A missing fragment is then not
	// reported.
	Dynamic bool
	// Footnotes is set when the page has footnotes (their ids, fn:1 and
	// fnref:1 or fn-1, depend on the renderer).
	Footnotes bool
}

// Has reports whether id is a target on the page.
func (a *Anchors) Has(id string) bool {
	if a.IDs[id] {
		return true
	}
	// A page's top is always a target (HTML: "top" scrolls to the top).
	if strings.EqualFold(id, "top") {
		return true
	}
	if a.Footnotes && (strings.HasPrefix(id, "fn") || strings.HasPrefix(id, "user-content-fn")) {
		return true
	}
	return false
}

// Fold returns the id that matches frag when case is ignored, or "".
func (a *Anchors) Fold(frag string) string {
	return a.Lower[strings.ToLower(frag)]
}

func (a *Anchors) add(id string) {
	if id == "" {
		return
	}
	a.IDs[id] = true
	if _, ok := a.Lower[strings.ToLower(id)]; !ok {
		a.Lower[strings.ToLower(id)] = id
	}
}

// Page is a parsed Markdown file, as link extraction and anchor
// computation need it.
type Page struct {
	Src       []byte
	AST       ast.Node
	Templates []liquid.Span
	Body      int               // where the Markdown starts (after front matter)
	Refs      map[string]string // valid link reference definitions: normalized label -> destination
}

var (
	// HTML attributes that make fragment targets.
	htmlID = regexp.MustCompile(`(?i)[\s"'](?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)
	// A trailing attribute block on a heading line: {#id}, {#id .class},
	// {: #id} (kramdown), {id="x"}.
	trailingAttrs = regexp.MustCompile(`\s*\{:?\s*([^{}]*)\}\s*$`)
	// A kramdown block IAL on a line of its own: {: #id .class}.
	blockIAL = regexp.MustCompile(`^\s*\{:\s*([^{}]*)\}\s*$`)
	// ialOpen starts every block IAL: paragraphs without it need no
	// regular expression.
	ialOpen = []byte("{:")
	attrID  = regexp.MustCompile(`(?:^|\s)#([^\s#.{}=]+)|(?:^|\s)id\s*=\s*"([^"]*)"`)
	comment = regexp.MustCompile(`(?s)<!--.*?-->`)
)

// ComputeAnchors returns the anchors of a page under a slug algorithm.
func ComputeAnchors(p Page, alg slug.Algorithm) *Anchors {
	a := &Anchors{IDs: make(map[string]bool), Lower: make(map[string]string)}
	src := p.Src
	inTemplate := func(start, end int) bool {
		// The first span ending after start must begin before end.
		i := sort.Search(len(p.Templates), func(i int) bool { return p.Templates[i].End > start })
		return i < len(p.Templates) && p.Templates[i].Start < end
	}

	type heading struct {
		text     string
		explicit string
		dynamic  bool
	}
	var headings []heading
	var explicit []string
	markdown.Preorder(p.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Heading:
			h := heading{}
			start, end, ok := markdown.BlockRange(n)
			if ok && inTemplate(start, end) {
				h.dynamic = true
			}
			line := lastLine(src, n)
			if m := attrsAtEnd(line); m != nil {
				if id := idIn(line[m[2]:m[3]]); id != "" {
					h.explicit = id
				}
			}
			// A kramdown IAL on the next line sets the heading's id.
			if next := n.NextSibling(); next != nil && next.Kind() == ast.KindParagraph {
				if ps, pe, ok := markdown.BlockRange(next); ok && bytes.Contains(src[ps:pe], ialOpen) {
					if m := blockIAL.FindStringSubmatch(string(src[ps:pe])); m != nil && !strings.Contains(strings.TrimSpace(string(src[ps:pe])), "\n") {
						if id := idIn(m[1]); id != "" {
							h.explicit = id
						}
					}
				}
			}
			if alg.RawText() {
				h.text = rawHeadingText(src, n, alg)
			} else {
				h.text = renderedText(src, n, alg)
			}
			if h.explicit != "" && alg == slug.GitHub {
				// GitHub has no {#id} syntax: the braces are text. Accept
				// both ids (markdownlint accepts the explicit one).
				a.add(h.explicit)
				explicit = append(explicit, h.explicit)
				h.explicit = ""
				h.text = renderedText(src, n, alg)
			}
			headings = append(headings, h)
			if h.explicit != "" {
				explicit = append(explicit, h.explicit)
			}
			a.collectHTML(src, n)
			return false
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				b.Write(seg.Value(src))
			}
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(src))
			}
			a.scanHTML(b.Bytes())
			return false
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
			a.scanHTML(b.Bytes())
		case *ast.Paragraph:
			if s, e, ok := markdown.BlockRange(n); ok && bytes.Contains(src[s:e], ialOpen) {
				for _, line := range strings.Split(string(src[s:e]), "\n") {
					if m := blockIAL.FindStringSubmatch(line); m != nil {
						if id := idIn(m[1]); id != "" {
							explicit = append(explicit, id)
						}
					}
				}
			}
		case *east.FootnoteList, *east.Footnote, *east.FootnoteLink:
			a.Footnotes = true
		}
		return true
	})

	// Template constructs that write anchors ({% include anchor.html
	// id="x" %}, {{< anchor "x" >}}) cannot be evaluated: any such
	// construct makes the page's anchors open-ended.
	for _, t := range p.Templates {
		if t.Kind == liquid.Body {
			continue
		}
		body := strings.ToLower(string(src[t.Start:t.End]))
		if strings.Contains(body, "anchor") || strings.Contains(body, "id=") || strings.Contains(body, "name=") {
			a.Dynamic = true
		}
	}

	s := alg.New()
	if alg == slug.MkDocs {
		// toc's unique() starts from every id already in the page.
		for id := range a.IDs {
			s.Reserve(id)
		}
		for _, id := range explicit {
			s.Reserve(id)
		}
	}
	for _, id := range explicit {
		a.add(id)
	}
	for _, h := range headings {
		switch {
		case h.dynamic:
			a.Dynamic = true
			a.Headings = append(a.Headings, "")
		case h.explicit != "":
			if alg == slug.Hugo {
				s.Reserve(h.explicit)
			}
			a.Headings = append(a.Headings, h.explicit)
		default:
			id := s.Next(h.text)
			a.add(id)
			a.Headings = append(a.Headings, id)
		}
	}
	return a
}

// idIn returns the id of an attribute list ("#id .class", `id="x"`).
func idIn(attrs string) string {
	m := attrID.FindStringSubmatch(attrs)
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return m[1]
	}
	return m[2]
}

func (a *Anchors) collectHTML(src []byte, n ast.Node) {
	markdown.Preorder(n, func(c ast.Node) bool {
		if r, ok := c.(*ast.RawHTML); ok {
			var b bytes.Buffer
			for i := 0; i < r.Segments.Len(); i++ {
				seg := r.Segments.At(i)
				b.Write(seg.Value(src))
			}
			a.scanHTML(b.Bytes())
		}
		return true
	})
}

// scanHTML adds the id and name attributes of an HTML fragment.
func (a *Anchors) scanHTML(b []byte) {
	b = comment.ReplaceAll(b, nil)
	for _, m := range htmlID.FindAllSubmatch(b, -1) {
		v := m[1]
		if v == nil {
			v = m[2]
		}
		if v == nil {
			v = m[3]
		}
		if liquid.Contains(v) {
			a.Dynamic = true
			continue
		}
		a.add(html.UnescapeString(string(v)))
	}
}

// lastLine returns the last source line of a heading (Hugo slugs it), with
// an ATX heading's closing sequence already excluded by the parser.
func lastLine(src []byte, n ast.Node) string {
	lines := n.Lines()
	if lines == nil || lines.Len() == 0 {
		return ""
	}
	seg := lines.At(lines.Len() - 1)
	return string(seg.Value(src))
}

// rawHeadingText is the heading's Markdown as written, without a trailing
// attribute block: Hugo slugs the last line, kramdown the whole header text.
func rawHeadingText(src []byte, n ast.Node, alg slug.Algorithm) string {
	var text string
	if alg == slug.Hugo {
		text = lastLine(src, n)
	} else {
		var parts []string
		for i := 0; i < n.Lines().Len(); i++ {
			seg := n.Lines().At(i)
			parts = append(parts, string(seg.Value(src)))
		}
		text = strings.Join(parts, " ")
	}
	if m := attrsAtEnd(text); m != nil {
		text = text[:m[0]]
	}
	if alg.Typographic() {
		text = typographic(text)
	}
	return strings.TrimRight(text, " \t")
}

// renderedText is the text content of a heading as a browser sees it:
// text, code spans, link texts and autolinks; no tags, no image alt text;
// entities and backslash escapes resolved.
func renderedText(src []byte, h ast.Node, alg slug.Algorithm) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				t := string(c.Segment.Value(src))
				if !c.IsRaw() {
					t = unescape(t)
					if alg.Typographic() {
						t = typographic(t)
					}
				}
				b.WriteString(t)
				if c.SoftLineBreak() {
					b.WriteByte('\n')
				}
			case *ast.String:
				b.Write(c.Value)
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if tx, ok := t.(*ast.Text); ok {
						b.Write(tx.Segment.Value(src))
					}
				}
			case *ast.AutoLink:
				b.Write(c.Label(src))
			case *ast.Image, *ast.RawHTML, *east.FootnoteLink:
			default:
				walk(c)
			}
		}
	}
	walk(h)
	text := b.String()
	if m := attrsAtEnd(text); m != nil && idIn(text[m[0]:]) != "" && alg != slug.GitHub {
		text = text[:m[0]]
	}
	return strings.TrimSpace(text)
}

// unescape resolves backslash escapes of ASCII punctuation and HTML
// entities, as the renderer does.
func unescape(s string) string {
	if strings.IndexByte(s, '\\') >= 0 {
		var b strings.Builder
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
				i++
			}
			b.WriteByte(s[i])
		}
		s = b.String()
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return s
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// typographic applies kramdown's typographic symbols that change ids:
// "---" and "--" become dashes and "..." an ellipsis (all then dropped).
func typographic(s string) string {
	if !strings.Contains(s, "--") && !strings.Contains(s, "...") {
		return s
	}
	s = strings.ReplaceAll(s, "---", "—")
	s = strings.ReplaceAll(s, "--", "–")
	return strings.ReplaceAll(s, "...", "…")
}

// attrsAtEnd is trailingAttrs.FindStringSubmatchIndex(line), answered
// without the regular expression for the lines (nearly all) that do not end
// with a brace.
func attrsAtEnd(line string) []int {
	if !strings.HasSuffix(strings.TrimRight(line, " \t\n\f\r"), "}") {
		return nil
	}
	return trailingAttrs.FindStringSubmatchIndex(line)
}
