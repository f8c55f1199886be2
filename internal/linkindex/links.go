// Package linkindex finds the links of a Markdown page and resolves them
// offline: to files on disk, to pages of a Jekyll, Hugo or MkDocs site by
// their URLs, and to the anchors (heading ids, explicit ids) of the target
// page. Everything it reads from disk goes through an Index, a
// concurrency-safe cache, so that linting a large tree reads each directory
// and parses each target page once.
package linkindex

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
)

// LinkKind says how a link is written.
type LinkKind uint8

// Link kinds.
const (
	Inline     LinkKind = iota + 1 // [text](dest), ![alt](src)
	Definition                     // [label]: dest
	Autolink                       // <https://…> and bare URLs
	HTMLAttr                       // href="…" and src="…" in raw HTML
	Template                       // {% link %}, {% post_url %}, {{ 'x' | relative_url }}, {{< ref >}}…
)

// Base says what a link's destination is relative to.
type Base uint8

// Bases.
const (
	FromPage        Base = iota // relative to the page (its file or its URL); /absolute from the site root
	SiteSource                  // {% link path %}: a source file relative to the site directory
	PostName                    // {% post_url 2020-01-02-title %}
	HugoRef                     // {{< ref >}}: relative to the page, then to the content root
	IncludeRelative             // {% include_relative %}: relative to the file only
	IncludeParam                // path="…" of an {% include %}: relative to the file or the site root
)

// Link is one link of a page.
type Link struct {
	// Start and End delimit what to report: the destination as written,
	// or for template links the template and what follows it.
	Start, End int
	Dest       string // the destination, decoded (escapes and entities resolved)
	Kind       LinkKind
	Base       Base
	Image      bool
	Tag        string // for template links: the tag or shortcode name
	// Literal is set when Source[Start:End] is exactly Dest, so a fix may
	// rewrite parts of it byte for byte.
	Literal bool
}

// DefaultPrefixTemplates are template outputs that stand for the site's
// base URL in front of an /absolute path.
var DefaultPrefixTemplates = []string{
	"{{ site.baseurl }}", "{{ site.url }}{{ site.baseurl }}", "{{ site.github.url }}",
	"{{ .Site.BaseURL }}", "{{ site.BaseURL }}", "{{ base_path }}", "{{ page.baseurl }}",
}

// NormalizeTemplate removes the blanks inside template delimiters so that
// "{{site.baseurl}}" and "{{ site.baseurl }}" compare equal.
func NormalizeTemplate(s string) string {
	return strings.Join(strings.Fields(s), "")
}

var (
	htmlURLAttr = regexp.MustCompile(`(?i)\s(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)
	quotedArg   = regexp.MustCompile(`^\s*(?:path\s*=\s*)?(?:"([^"]*)"|'([^']*)'|([^\s"'%>}]+))`)
	pathParam   = regexp.MustCompile(`\spath\s*=\s*(?:"([^"]*)"|'([^']*)')`)
	filterURL   = regexp.MustCompile(`^(?:"([^"{}]*)"|'([^'{}]*)')\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.baseurl)\s*$`)
	definition  = regexp.MustCompile(`^[ >]*\[((?:[^\]\\]|\\.)+)\]:[ \t]*(.*)$`)
	htmlComment = regexp.MustCompile(`(?s)<!--.*?-->`)
)

// Links returns the links of a page in source order. prefixes are template
// outputs standing for the base URL (normalized with NormalizeTemplate).
func Links(p Page, prefixes []string) []Link {
	src := p.Src
	var links []Link
	inTemplate := func(start int) bool { return inSpans(p.Templates, start) }
	var skip [][2]int // code and HTML blocks: no definitions there
	var code [][2]int // code blocks and spans: no template links there
	markdown.Preorder(p.AST, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if s, e, ok := markdown.BlockRange(n); ok {
				skip = append(skip, [2]int{s, e})
				code = append(code, [2]int{s, e})
			}
			return false
		case *ast.CodeSpan:
			// Template syntax inside code is an example, not a link.
			start, end := -1, -1
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					if start < 0 {
						start = t.Segment.Start
					}
					end = t.Segment.Stop
				}
			}
			if start >= 0 {
				code = append(code, [2]int{start, end})
			}
			return false
		case *ast.HTMLBlock:
			if s, e, ok := markdown.BlockRange(n); ok {
				skip = append(skip, [2]int{s, e})
			}
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				links = append(links, htmlLinks(src, seg.Start, seg.Stop)...)
			}
			return false
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				links = append(links, htmlLinks(src, seg.Start, seg.Stop)...)
			}
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkURL {
				return false
			}
			label := n.Label(src)
			pos := max(n.Pos(), 0)
			i := bytes.Index(src[pos:min(len(src), pos+len(label)+8)], label)
			if i < 0 || inTemplate(pos+i) {
				return false
			}
			start := pos + i
			url := string(n.URL(src))
			links = append(links, Link{Start: start, End: start + len(label), Dest: url, Kind: Autolink, Literal: url == string(label)})
			return false
		case *ast.Link, *ast.Image:
			l, ok := markdown.ParseInlineLink(src, n)
			if !ok || inTemplate(l.Start) {
				return true
			}
			raw := src[l.DestStart:l.DestEnd]
			if liquid.Contains(raw) {
				return true // the template scan below reads it
			}
			var dest []byte
			image := false
			if lk, ok := n.(*ast.Link); ok {
				dest = lk.Destination
			} else {
				dest = n.(*ast.Image).Destination
				image = true
			}
			links = append(links, Link{Start: l.DestStart, End: l.DestEnd, Dest: string(dest), Kind: Inline, Image: image, Literal: string(dest) == string(raw)})
		}
		return true
	})
	sortRanges(skip)
	links = append(links, definitions(src, p.Body, p.Refs, skip, inTemplate)...)
	sortRanges(code)
	var spans []liquid.Span
	for _, t := range p.Templates {
		if !inRanges(code, t.Start) {
			spans = append(spans, t)
		}
	}
	links = append(links, templateLinks(src, spans, prefixes)...)
	sort.SliceStable(links, func(i, j int) bool { return links[i].Start < links[j].Start })
	return links
}

// htmlLinks finds href and src attributes in src[start:end], skipping HTML
// comments.
func htmlLinks(src []byte, start, end int) []Link {
	text := src[start:end]
	if bytes.HasPrefix(bytes.TrimSpace(text), []byte("<!--")) && !bytes.Contains(text, []byte("-->")) {
		return nil // a comment spanning several lines
	}
	masked := htmlComment.ReplaceAllFunc(bytes.Clone(text), func(b []byte) []byte { return bytes.Repeat([]byte{' '}, len(b)) })
	var out []Link
	for _, m := range htmlURLAttr.FindAllSubmatchIndex(masked, -1) {
		vs, ve := -1, -1
		for g := 2; g <= 4; g++ {
			if m[2*g] >= 0 {
				vs, ve = m[2*g], m[2*g+1]
			}
		}
		if vs < 0 {
			continue
		}
		val := text[vs:ve]
		if liquid.Contains(val) || bytes.Contains(val, []byte("{{")) {
			continue
		}
		dest := unescapeEntities(string(val))
		out = append(out, Link{
			Start: start + vs, End: start + ve, Dest: dest, Kind: HTMLAttr,
			Image: strings.EqualFold(string(text[m[2]:m[3]]), "src"), Literal: dest == string(val),
		})
	}
	return out
}

func unescapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return unescape(s)
}

// definitions finds the link reference definitions that Markdown accepted
// (their labels are in references), reporting each label's first one.
func definitions(src []byte, body int, references map[string]string, skip [][2]int, inTemplate func(int) bool) []Link {
	if len(references) == 0 {
		return nil
	}
	seen := make(map[string]bool)
	var out []Link
	for i := body; i < len(src); {
		end := bytes.IndexByte(src[i:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += i
		}
		line := src[i:end]
		lineStart := i
		i = end + 1
		if len(line) == 0 || bytes.IndexByte(line, ']') < 0 || bytes.IndexByte(line, ':') < 0 {
			continue
		}
		if inRanges(skip, lineStart) {
			continue
		}
		m := definition.FindSubmatchIndex(line)
		if m == nil {
			continue
		}
		label := normalizeLabel(string(line[m[2]:m[3]]))
		dest, ok := references[label]
		if !ok || seen[label] {
			continue
		}
		seen[label] = true
		// The destination is on this line or the next.
		ds := lineStart + m[4]
		rest := src[ds:min(len(src), lineStart+len(line))]
		if len(bytes.TrimSpace(rest)) == 0 && i < len(src) {
			ds = i
			for ds < len(src) && (src[ds] == ' ' || src[ds] == '\t' || src[ds] == '>') {
				ds++
			}
			rest = src[ds:]
		}
		if len(rest) == 0 || inTemplate(ds) {
			continue
		}
		var de int
		if rest[0] == '<' {
			j := bytes.IndexByte(rest, '>')
			if j < 0 {
				continue
			}
			ds++
			de = ds + j - 1
		} else {
			j := bytes.IndexAny(rest, " \t\r\n")
			if j < 0 {
				j = len(rest)
			}
			de = ds + j
		}
		raw := string(src[ds:de])
		if liquid.Contains([]byte(raw)) {
			continue
		}
		out = append(out, Link{Start: ds, End: de, Dest: dest, Kind: Definition, Literal: raw == dest})
	}
	return out
}

// normalizeLabel is CommonMark label matching: case-folded, blanks collapsed.
func normalizeLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// templateLinks reads the links that templates make: Jekyll's link,
// post_url, include_relative and include path="…", the relative_url and
// absolute_url filters, base-URL prefixes before an /absolute path, and
// Hugo's ref and relref shortcodes.
func templateLinks(src []byte, spans []liquid.Span, prefixes []string) []Link {
	var out []Link
	for i, t := range spans {
		text := string(src[t.Start:t.End])
		inner := innerText(text)
		var l Link
		switch {
		case t.Kind == liquid.Tag && (t.Name == "link" || t.Name == "post_url" || t.Name == "include_relative"):
			arg := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(inner), t.Name))
			if arg == "" || strings.ContainsAny(arg, "{}") {
				continue
			}
			arg = strings.Fields(arg)[0]
			l = Link{Dest: arg, Base: SiteSource}
			switch t.Name {
			case "post_url":
				l.Base = PostName
			case "include_relative":
				l.Base = IncludeRelative
			}
		case t.Kind == liquid.Tag && t.Name == "include":
			m := pathParam.FindStringSubmatch(inner)
			if m == nil {
				continue
			}
			v := m[1] + m[2]
			if v == "" || strings.ContainsAny(v, "{}") || hasScheme(v) {
				continue
			}
			l = Link{Dest: v, Base: IncludeParam}
		case t.Kind == liquid.Shortcode && (t.Name == "ref" || t.Name == "relref"):
			args := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(inner), t.Name))
			m := quotedArg.FindStringSubmatch(args)
			if m == nil {
				continue
			}
			v := m[1] + m[2] + m[3]
			if v == "" || strings.ContainsAny(v, "{}") {
				continue
			}
			l = Link{Dest: v, Base: HugoRef}
		case t.Kind == liquid.Output:
			norm := NormalizeTemplate(text)
			if m := filterURL.FindStringSubmatch(inner); m != nil {
				// {{ '/docs/x/' | relative_url }}: relative to the site.
				v := m[1] + m[2]
				if hasScheme(v) {
					continue
				}
				if !strings.HasPrefix(v, "/") {
					v = "/" + v
				}
				l = Link{Dest: v, Base: FromPage}
				break
			}
			isPrefix := false
			for _, p := range prefixes {
				if norm == p {
					isPrefix = true
				}
			}
			// A prefix followed by another template ({{ site.url }}{{
			// site.baseurl }}) is handled at the last one.
			if !isPrefix || i+1 < len(spans) && spans[i+1].Start == t.End {
				continue
			}
			rest := literalAfter(src, t.End)
			if !strings.HasPrefix(rest, "/") {
				continue
			}
			out = append(out, Link{Start: t.Start, End: t.End + len(rest), Dest: rest, Kind: Template, Base: FromPage, Tag: "base"})
			continue
		default:
			continue
		}
		l.Start, l.Kind, l.Tag = t.Start, Template, t.Name
		l.End = t.End
		if frag := literalAfter(src, t.End); strings.HasPrefix(frag, "#") && l.Base != IncludeRelative && l.Base != IncludeParam {
			l.Dest += frag
			l.End += len(frag)
		}
		out = append(out, l)
	}
	return out
}

// innerText strips a template's delimiters.
func innerText(s string) string {
	for _, d := range [][2]string{{"{{<", ">}}"}, {"{{%", "%}}"}, {"{%", "%}"}, {"{{", "}}"}} {
		if strings.HasPrefix(s, d[0]) && strings.HasSuffix(s, d[1]) {
			s = s[len(d[0]) : len(s)-len(d[1])]
			return strings.Trim(s, "- \t\r\n")
		}
	}
	return s
}

// literalAfter returns the URL text that follows a template: up to a
// blank, a quote, a closing parenthesis or bracket, or another template.
func literalAfter(src []byte, i int) string {
	j := i
	for j < len(src) {
		c := src[j]
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"' || c == '\'' || c == ')' || c == '>' || c == '<' || c == ']' || c == '{' || c == '|' {
			break
		}
		j++
	}
	// Sentence punctuation after a URL in prose is not part of it.
	for j > i && strings.IndexByte(".,;:!?*_", src[j-1]) >= 0 {
		j--
	}
	return string(src[i:j])
}

var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.\-]*:`)

// hasScheme reports whether a destination is an absolute URL (with a
// scheme, or protocol-relative).
func hasScheme(dest string) bool {
	return strings.HasPrefix(dest, "//") || scheme.MatchString(dest) && !isWindowsDrive(dest)
}

func isWindowsDrive(s string) bool {
	return len(s) >= 3 && (s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') && s[1] == ':' && (s[2] == '\\' || s[2] == '/')
}

// IsExternal reports whether a destination is an http or https URL (or
// protocol-relative).
func IsExternal(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://") || strings.HasPrefix(d, "//")
}

// HasScheme reports whether a destination names a scheme (http:, mailto:…)
// or is protocol-relative: it is not a local path.
func HasScheme(dest string) bool { return hasScheme(strings.TrimSpace(dest)) }

// sortRanges sorts ranges by start.
func sortRanges(rs [][2]int) {
	sort.Slice(rs, func(i, j int) bool { return rs[i][0] < rs[j][0] })
}

// inRanges reports whether off lies in one of the ranges (sorted by start;
// nested ranges are found through their outermost one).
func inRanges(rs [][2]int, off int) bool {
	i := sort.Search(len(rs), func(i int) bool { return rs[i][0] > off })
	// Ranges starting at or before off; a few steps back cover nesting.
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		if off < rs[k][1] {
			return true
		}
	}
	return false
}

// inSpans reports whether off lies inside a template span (spans are in
// source order).
func inSpans(spans []liquid.Span, off int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i].Start > off })
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		if off < spans[k].End {
			return true
		}
	}
	return false
}
