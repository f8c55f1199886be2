package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/internal/slug"
)

// LinkFragmentsOptions configures link-fragments.
type LinkFragmentsOptions struct {
	IgnoreCase     bool   `yaml:"ignore_case" doc:"accept fragments that match a heading's id in another case"`
	IgnoredPattern string `yaml:"ignored_pattern" doc:"regular expression: fragments (without the #) it matches are never reported"`
}

// Validate compiles the pattern once, so that a bad one is a config error.
func (o *LinkFragmentsOptions) Validate() error {
	if o.IgnoredPattern == "" {
		return nil
	}
	_, err := mdcRegexp(o.IgnoredPattern)
	if err != nil {
		return fmt.Errorf("ignored_pattern: %w", err)
	}
	return nil
}

var mdcRegexpCache sync.Map // pattern -> *regexp.Regexp

// mdcRegexp compiles a pattern from the configuration once per process.
func mdcRegexp(pattern string) (*regexp.Regexp, error) {
	if re, ok := mdcRegexpCache.Load(pattern); ok {
		return re.(*regexp.Regexp), nil
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, err
	}
	mdcRegexpCache.Store(pattern, re)
	return re, nil
}

var (
	headingAnchor = regexp.MustCompile(`\{(#[a-z\d]+(?:[-_][a-z\d]+)*)\}`)
	lineFragment  = regexp.MustCompile(`^#(?:L\d+(?:C\d+)?-L\d+(?:C\d+)?|L\d+)$`)
	htmlIDAttr    = regexp.MustCompile(`(?i)\sid\s*=\s*['"]?([^'"\s>]*)`)
	htmlNameAttr  = regexp.MustCompile(`(?i)\sname\s*=\s*['"]?([^'"\s>]*)`)
)

// LinkFragments is markdownlint's MD051.
var LinkFragments = &Rule{
	Name:     "link-fragments",
	Aliases:  []string{"MD051"},
	Tags:     []string{"links"},
	Severity: Off, // broken-anchor (on by default) checks the same links with the site's own heading ids
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Link fragments should point to a heading or anchor of the document",
		Description: `Reports links to ` + "`#fragment`" + ` within the same document (inline links and link reference
definitions) that match no heading and no anchor. Heading ids are computed with GitHub's
algorithm (lowercase; punctuation removed; spaces turned into hyphens; ` + "`-1`" + `, ` + "`-2`" + `… for
repeated headings), which Hugo uses too. A heading may set its id with ` + "`{#custom-id}`" + `, and any
HTML tag with an ` + "`id`" + ` (or an ` + "`<a>`" + ` with a ` + "`name`" + `) is an anchor. ` + "`#top`" + ` and GitHub's line links
(` + "`#L20`" + `, ` + "`#L19C5-L21C11`" + `) are always valid.

When the fragment matches an id in another case, the fix rewrites it in the id's case
(unless ` + "`ignore_case`" + ` is set, in which case it is not reported). Links whose destination or
target heading is built with Liquid or Hugo template syntax are not checked.

postlint's own ` + "`broken-anchor`" + ` rule, on by default, checks the same fragments (and those of links
to other pages) with the heading ids of the site's platform (Jekyll, Hugo, MkDocs…); this rule
is off by default and is there for markdownlint compatibility (` + "`--preset markdownlint`" + `, or
configure it).`,
		Examples: []Example{
			{Bad: "# Heading Name\n\n[Link](#fragment)", Good: "# Heading Name\n\n[Link](#heading-name)"},
			{Bad: "# Heading Name\n\n[Link](#Heading-Name)", Good: "# Heading Name\n\n[Link](#heading-name)", Note: "ids are lowercase"},
		},
	},
	Options: func() any { return &LinkFragmentsOptions{} },
	Run:     runLinkFragments,
}

// fragmentSet is markdownlint's ordered fragment map: ids with a "#" and
// percent-encoded, in the order they were found.
type fragmentSet struct {
	keys  []string
	index map[string]bool
	lower map[string]string // lowercase key -> first key, built on first use
}

func (f *fragmentSet) add(k string) {
	if !f.index[k] {
		f.index[k] = true
		f.keys = append(f.keys, k)
	}
}

func runLinkFragments(pass *Pass) error {
	d := pass.Document
	src := d.Source
	opts := OptionsOf[LinkFragmentsOptions](pass)
	var ignored *regexp.Regexp
	if opts.IgnoredPattern != "" {
		re, err := mdcRegexp(opts.IgnoredPattern)
		if err != nil {
			return err
		}
		ignored = re
	}

	frags := &fragmentSet{index: map[string]bool{}}
	frags.add("#top")
	seen := make(map[string]int) // markdownlint's numbering of repeated ids: "a", "a-1", "a-2"
	dynamic := false             // a heading or anchor built by a template: its id is unknown
	inspect(d, func(n ast.Node) bool {
		h, ok := n.(*ast.Heading)
		if !ok {
			return true
		}
		if s, e, ok := markdown.BlockRange(h); ok && mdcInTemplate(d, s, e) {
			dynamic = true
		}
		text := headingPlainText(src, h)
		id := "#" + slug.EncodeURIComponent(slug.GitHub.Slug(text))
		if id == "#" {
			return false
		}
		if n := seen[id]; n > 0 {
			frags.add(id + "-" + strconv.Itoa(n))
		}
		seen[id]++
		frags.add(id)
		if raw := headingRawText(src, h); raw != "" {
			for _, m := range headingAnchor.FindAllStringSubmatch(raw, -1) {
				frags.add(m[1])
			}
		}
		return false
	})
	mdcHTMLTags(d, func(t mdcTag) {
		if t.Close || t.Name == "!--" {
			return
		}
		tag := src[t.Start:t.End]
		m := htmlIDAttr.FindSubmatch(tag)
		if m == nil && t.Name == "a" {
			m = htmlNameAttr.FindSubmatch(tag)
		}
		if m != nil {
			if mdcHasTemplate(tag) {
				dynamic = true
			}
			frags.add("#" + string(m[1]))
		}
	})
	if dynamic {
		return nil
	}

	check := func(start, end, destStart, destEnd int) {
		text := unescapeDestination(string(src[destStart:destEnd]))
		if len(text) < 2 || text[0] != '#' || mdcHasTemplate(src[destStart:destEnd]) || mdcInTemplate(d, start, end) {
			return
		}
		encoded := "#" + slug.EncodeURIComponent(text[1:])
		if frags.index[encoded] || lineFragment.MatchString(encoded) || ignored != nil && ignored.MatchString(text[1:]) {
			return
		}
		if frags.lower == nil {
			frags.lower = make(map[string]string, len(frags.keys))
			for _, k := range frags.keys {
				if _, ok := frags.lower[strings.ToLower(k)]; !ok {
					frags.lower[strings.ToLower(k)] = k
				}
			}
		}
		if k, ok := frags.lower[strings.ToLower(text)]; ok {
			if !opts.IgnoreCase && k != text {
				diag := Diagnostic{Start: start, End: end, Message: fmt.Sprintf("link fragment %q should be written %q, as the id it points to", text, k)}
				if mdcLine(d, start) == mdcLine(d, max(start, end-1)) {
					diag.Fix = &Fix{Message: "use " + k, Edits: []Edit{{Start: destStart, End: destEnd, NewText: k}}}
				}
				pass.Report(diag)
			}
			return
		}
		pass.Reportf(start, end, "link fragment %q matches no heading or anchor in this document", text)
	}
	inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Link:
			if l, ok := markdown.ParseInlineLink(src, n); ok {
				check(l.Start, l.End, l.DestStart, l.DestEnd)
			}
		case *ast.LinkReferenceDefinition:
			if s, e, ds, de, ok := definitionRange(d, n); ok {
				check(s, e, ds, de)
			}
			return false
		case *ast.Image, *east.FootnoteLink:
			return false
		}
		return true
	})
	return nil
}

// headingPlainText returns the text of a heading as markdownlint reads it for
// its id: text, code span content and link text, without images, HTML,
// autolinks, backslashes of escapes or character references.
func headingPlainText(src []byte, h ast.Node) string {
	var b strings.Builder
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Text:
				writeUnescaped(&b, c.Segment.Value(src))
			case *ast.CodeSpan:
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*ast.Text); ok {
						b.Write(t.Segment.Value(src))
					}
				}
			case *ast.Image, *ast.RawHTML, *ast.AutoLink:
			case *ast.String:
				b.Write(c.Value)
			default:
				walk(c)
			}
		}
	}
	walk(h)
	return b.String()
}

// headingRawText returns the source of a heading's content lines, joined.
func headingRawText(src []byte, h ast.Node) string {
	lines := h.Lines()
	var parts []string
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		parts = append(parts, strings.TrimSpace(string(src[seg.Start:seg.Stop])))
	}
	return strings.Join(parts, "\n")
}

// writeUnescaped writes text without the backslashes of its escapes and
// without character references (markdownlint drops them).
func writeUnescaped(b *strings.Builder, t []byte) {
	for i := 0; i < len(t); i++ {
		c := t[i]
		if c == '\\' && i+1 < len(t) && isASCIIPunctByte(t[i+1]) {
			b.WriteByte(t[i+1])
			i++
			continue
		}
		if c == '&' {
			if n := charRefLen(t[i:]); n > 0 {
				i += n - 1
				continue
			}
		}
		b.WriteByte(c)
	}
}

// unescapeDestination removes the backslashes of escapes and drops character
// references from a link destination, as markdownlint reads it.
func unescapeDestination(s string) string {
	if !strings.ContainsAny(s, "\\&") {
		return s
	}
	var b strings.Builder
	writeUnescaped(&b, []byte(s))
	return b.String()
}

func isASCIIPunctByte(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// charRefLen returns the length of the character reference (&amp; &#38;
// &#x26;) at the start of t, or 0.
func charRefLen(t []byte) int {
	if len(t) < 3 || t[0] != '&' {
		return 0
	}
	i := 1
	if t[i] == '#' {
		i++
		hex := i < len(t) && (t[i] == 'x' || t[i] == 'X')
		if hex {
			i++
		}
		start := i
		for i < len(t) && (t[i] >= '0' && t[i] <= '9' || hex && (t[i] >= 'a' && t[i] <= 'f' || t[i] >= 'A' && t[i] <= 'F')) {
			i++
		}
		if i == start || i-start > 7 || i >= len(t) || t[i] != ';' {
			return 0
		}
		return i + 1
	}
	start := i
	for i < len(t) && (mdcIsASCIILetter(t[i]) || i > start && t[i] >= '0' && t[i] <= '9') {
		i++
	}
	if i == start || i >= len(t) || t[i] != ';' {
		return 0
	}
	return i + 1
}

// definitionRange returns the range of a link reference definition and of its
// destination as written (inside <> when angle-bracketed).
func definitionRange(d *Document, n *ast.LinkReferenceDefinition) (start, end, destStart, destEnd int, ok bool) {
	src := d.Source
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0, 0, 0, 0, false
	}
	start = lines.At(0).Start
	last := lines.At(lines.Len() - 1)
	end = mdcLineEnd(d, mdcLine(d, max(last.Start, last.Stop-1)))
	// "[label]:" then the destination, possibly on the next line.
	close, ok := markdown.CloseBracket(src, start)
	if !ok || close+1 >= len(src) || src[close+1] != ':' {
		return 0, 0, 0, 0, false
	}
	i := close + 2
	for i < end && (src[i] == ' ' || src[i] == '\t' || src[i] == '\n' || src[i] == '\r' || src[i] == '>') {
		i++
	}
	if i < end && src[i] == '<' {
		j := i + 1
		for j < end && src[j] != '>' {
			if src[j] == '\\' {
				j++
			}
			j++
		}
		return start, end, i + 1, min(j, end), true
	}
	j := i
	for j < end && src[j] > ' ' {
		j++
	}
	return start, end, i, j, true
}
