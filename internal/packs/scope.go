package packs

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/rules"
)

// Scope terms.
var scopeTerms = []string{"prose", "heading", "heading.h1", "heading.h2", "heading.h3", "heading.h4", "heading.h5", "heading.h6",
	"paragraph", "list", "table", "link-text", "alt", "strong", "emphasis", "front:KEY", "raw", "sentence"}

// term is one scope term: where text comes from.
type term struct {
	name  string // prose, heading, paragraph, list, table, link-text, alt, front, raw
	level int    // heading.hN
	key   string // front:KEY
}

// scope is where a rule looks: the union of its positive terms minus its
// negated ones, split into sentences when asked.
type scope struct {
	pos, neg  []term
	sentences bool
	raw       bool // a positive term is raw: the whole file
	text      string
}

func (p *parser) parseScope(name string, n *yaml.Node, def string) (scope, error) {
	var items []string
	var nodes []*yaml.Node
	if n == nil {
		items = []string{def}
	} else {
		list, err := p.strings(name, "scope", n)
		if err != nil {
			return scope{}, err
		}
		items = list
		nodes = n.Content
		if n.Kind == yaml.ScalarNode {
			nodes = []*yaml.Node{n}
		}
	}
	var s scope
	s.text = strings.Join(items, ", ")
	for i, it := range items {
		neg := strings.HasPrefix(it, "~")
		raw := strings.TrimSpace(strings.TrimPrefix(it, "~"))
		t, ok := parseTerm(raw)
		if !ok {
			node := n
			if i < len(nodes) {
				node = nodes[i]
			}
			return scope{}, p.errorf(node, "rule %s: unknown scope %q%s (scopes: %s; negate one with ~)", name, it, didYouMeanTerm(raw), strings.Join(scopeTerms, ", "))
		}
		switch {
		case t.name == "sentence":
			if neg {
				return scope{}, p.errorf(orNode(nodeAt(nodes, i), n), "rule %s: sentence cannot be negated", name)
			}
			s.sentences = true
		case neg:
			s.neg = append(s.neg, t)
		default:
			s.pos = append(s.pos, t)
			s.raw = s.raw || t.name == "raw"
		}
	}
	if len(s.pos) == 0 {
		s.pos = []term{{name: "prose"}}
	}
	return s, nil
}

func nodeAt(nodes []*yaml.Node, i int) *yaml.Node {
	if i < len(nodes) {
		return nodes[i]
	}
	return nil
}

func didYouMeanTerm(s string) string {
	var cands []string
	for _, t := range scopeTerms {
		if t != "front:KEY" {
			cands = append(cands, t)
		}
	}
	if strings.HasPrefix(s, "front") {
		return ` (did you mean "front:KEY", e.g. front:title?)`
	}
	for _, c := range cands {
		if c == s {
			return ""
		}
	}
	if m := config.Suggest(s, cands); m != "" {
		return ` (did you mean "` + m + `"?)`
	}
	return ""
}

func parseTerm(s string) (term, bool) {
	switch s {
	case "prose", "text", "heading", "paragraph", "list", "table", "link-text", "alt", "strong", "emphasis", "raw", "sentence":
		if s == "text" {
			s = "prose"
		}
		return term{name: s}, true
	}
	if strings.HasPrefix(s, "heading.h") && len(s) == len("heading.h")+1 {
		if l := s[len(s)-1]; l >= '1' && l <= '6' {
			return term{name: "heading", level: int(l - '0')}, true
		}
	}
	if k, ok := strings.CutPrefix(s, "front:"); ok && k != "" {
		return term{name: "front", key: k}, true
	}
	return term{}, false
}

// region is a stretch of the document a rule reads: Text has the length of
// Source[Start:End], with everything outside the scope blanked as prose
// chunks blank code. chunk is nil for raw regions.
type region struct {
	start int
	text  []byte
	chunk *rules.Chunk
	lower []byte // text lowercased, for the prefilter; made on first use
}

// regions returns the text a scope selects in doc, in source order.
func (s *scope) regions(doc *rules.Document) []region {
	var out []region
	if s.raw {
		r := region{start: 0, text: []byte(string(doc.Source))}
		for _, t := range doc.Templates {
			blank(r.text, t.Start, t.End)
		}
		for ci := range doc.Prose {
			c := &doc.Prose[ci]
			for _, t := range s.neg {
				for _, rg := range t.ranges(c) {
					blank(r.text, rg[0], rg[1])
				}
			}
		}
		out = append(out, r)
	} else {
		for ci := range doc.Prose {
			c := &doc.Prose[ci]
			var incl [][2]int
			for _, t := range s.pos {
				incl = append(incl, t.ranges(c)...)
			}
			if len(incl) == 0 {
				continue
			}
			keep := make([]bool, c.End-c.Start)
			for _, rg := range incl {
				for k := rg[0]; k < rg[1]; k++ {
					keep[k-c.Start] = true
				}
			}
			for _, t := range s.neg {
				for _, rg := range t.ranges(c) {
					for k := rg[0]; k < rg[1]; k++ {
						keep[k-c.Start] = false
					}
				}
			}
			text := make([]byte, len(c.Text))
			copy(text, c.Text)
			any := false
			for k, ok := range keep {
				if !ok && text[k] != '\n' && text[k] != '\r' {
					text[k] = ' '
				}
				any = any || ok
			}
			if any {
				out = append(out, region{start: c.Start, text: text, chunk: c})
			}
		}
	}
	if s.sentences {
		var split []region
		for _, r := range out {
			split = append(split, sentences(r)...)
		}
		out = split
	}
	return out
}

// blank replaces the absolute range [s, e) of text (which starts at offset
// 0) with spaces, keeping newlines.
func blank(text []byte, s, e int) {
	s, e = max(s, 0), min(e, len(text))
	for k := s; k < e; k++ {
		if text[k] != '\n' && text[k] != '\r' {
			text[k] = ' '
		}
	}
}

// ranges returns the absolute ranges of chunk c that term t selects.
func (t term) ranges(c *rules.Chunk) [][2]int {
	whole := [][2]int{{c.Start, c.End}}
	switch t.name {
	case "prose":
		if c.Kind != rules.FrontMatterString {
			return whole
		}
	case "front":
		if c.Kind == rules.FrontMatterString && (c.Key == t.key || strings.HasPrefix(c.Key, t.key+".") || t.key == "*") {
			return whole
		}
	case "heading":
		if c.Kind == rules.Heading {
			if h, ok := c.Node.(*ast.Heading); t.level == 0 || ok && h.Level == t.level {
				return whole
			}
		}
	case "table":
		if c.Kind == rules.TableCell {
			return whole
		}
	case "paragraph", "list":
		if c.Kind == rules.Paragraph && inList(c.Node) == (t.name == "list") {
			return whole
		}
	case "link-text", "alt", "strong", "emphasis":
		if c.Node == nil {
			return nil
		}
		var out [][2]int
		_ = ast.Walk(c.Node, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			_, isLink := n.(*ast.Link)
			_, isImage := n.(*ast.Image)
			em, isEm := n.(*ast.Emphasis)
			if isLink && t.name == "link-text" || isImage && t.name == "alt" ||
				isEm && (t.name == "strong" && em.Level == 2 || t.name == "emphasis" && em.Level == 1) {
				if s, e, ok := textRange(n); ok {
					out = append(out, [2]int{max(s, c.Start), min(e, c.End)})
				}
			}
			return ast.WalkContinue, nil
		})
		return out
	}
	return nil
}

func inList(n ast.Node) bool {
	for p := n; p != nil; p = p.Parent() {
		if p.Kind() == ast.KindListItem {
			return true
		}
	}
	return false
}

// textRange is the span of the text segments under an inline node.
func textRange(n ast.Node) (start, end int, ok bool) {
	start, end = -1, -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, isText := c.(*ast.Text); entering && isText && t.Segment.Stop > t.Segment.Start {
			if start < 0 || t.Segment.Start < start {
				start = t.Segment.Start
			}
			end = max(end, t.Segment.Stop)
		}
		return ast.WalkContinue, nil
	})
	return start, end, start >= 0
}

// sentences splits a region at sentence ends: '.', '!' or '?' (and closing
// quotes or brackets) followed by whitespace and a capital letter, a digit
// or an opening quote, and at line breaks that end a list-like line.
func sentences(r region) []region {
	var out []region
	text := r.text
	start := 0
	for i := 0; i < len(text); {
		c := text[i]
		if c == '.' || c == '!' || c == '?' {
			j := i + 1
			for j < len(text) && strings.IndexByte(`"')]’”`, text[j]) >= 0 {
				j++
			}
			if j < len(text) && text[j] >= 0x80 {
				if rr, size := utf8.DecodeRune(text[j:]); rr == '’' || rr == '”' {
					j += size
				}
			}
			k := j
			for k < len(text) && (text[k] == ' ' || text[k] == '\n' || text[k] == '\t' || text[k] == '\r') {
				k++
			}
			if k > j && (k == len(text) || startsSentence(text[k:])) && !abbreviation(text[:i]) {
				out = appendSentence(out, r, start, j)
				start = k
				i = k
				continue
			}
		}
		i++
	}
	return appendSentence(out, r, start, len(text))
}

func startsSentence(b []byte) bool {
	rr, _ := utf8.DecodeRune(b)
	return unicode.IsUpper(rr) || unicode.IsDigit(rr) || rr == '"' || rr == '“' || rr == '\'' || rr == '('
}

// abbreviation reports whether text ends with a common abbreviation whose
// period does not end a sentence.
func abbreviation(text []byte) bool {
	i := len(text)
	for i > 0 && (text[i-1] >= 'a' && text[i-1] <= 'z' || text[i-1] >= 'A' && text[i-1] <= 'Z' || text[i-1] == '.') {
		i--
	}
	w := strings.ToLower(string(text[i:]))
	switch w {
	case "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "st", "no", "fig", "approx", "cf", "inc", "ltd", "jr", "sr":
		return true
	}
	return len(w) == 1 // an initial: "J. Smith"
}

func appendSentence(out []region, r region, s, e int) []region {
	for s < e && (r.text[s] == ' ' || r.text[s] == '\n') {
		s++
	}
	if s >= e {
		return out
	}
	return append(out, region{start: r.start + s, text: r.text[s:e], chunk: r.chunk})
}
