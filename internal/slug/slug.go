// Package slug computes the ids that Markdown platforms give headings, so
// that a link's #fragment can be checked offline: GitHub, Jekyll (kramdown
// with its GFM parser, Jekyll's default), plain kramdown, Hugo (goldmark's
// "github" auto-ID type) and MkDocs (Python-Markdown's toc extension), plus
// GitLab.
//
// Each platform has two parts: a slug function on the heading's text, and a
// rule for making ids unique within a page (GitHub appends -1, -2…; MkDocs
// appends _1, _2…). Which text a platform slugs differs too (the rendered
// text, or the raw Markdown of the heading line): see Algorithm.RawText.
package slug

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Algorithm names a platform's heading-id algorithm.
type Algorithm string

// The algorithms.
const (
	GitHub   Algorithm = "github"   // github.com, github-slugger, markdownlint MD051
	GitLab   Algorithm = "gitlab"   // gitlab.com
	Jekyll   Algorithm = "jekyll"   // Jekyll's default: kramdown with input: GFM
	Kramdown Algorithm = "kramdown" // kramdown with its own (non-GFM) parser
	Hugo     Algorithm = "hugo"     // Hugo's default goldmark autoHeadingIDType "github"
	MkDocs   Algorithm = "mkdocs"   // Python-Markdown toc extension (MkDocs, Material)
)

// Algorithms lists every algorithm, for help texts and validation.
var Algorithms = []Algorithm{GitHub, GitLab, Jekyll, Kramdown, Hugo, MkDocs}

// Parse returns the algorithm with the given name ("kramdown-gfm" is accepted
// for jekyll, "python-markdown" for mkdocs, "goldmark" for hugo).
func Parse(name string) (Algorithm, error) {
	switch n := Algorithm(strings.ToLower(strings.TrimSpace(name))); n {
	case GitHub, GitLab, Jekyll, Kramdown, Hugo, MkDocs:
		return n, nil
	case "kramdown-gfm", "gfm":
		return Jekyll, nil
	case "python-markdown":
		return MkDocs, nil
	case "goldmark":
		return Hugo, nil
	}
	names := make([]string, len(Algorithms))
	for i, a := range Algorithms {
		names[i] = string(a)
	}
	return "", fmt.Errorf("unknown slug algorithm %q (want one of %s)", name, strings.Join(names, ", "))
}

// RawText reports whether the platform slugs the heading's Markdown source
// (Hugo: the last line of the heading as written; kramdown: the header text
// before inline parsing) rather than its rendered text.
func (a Algorithm) RawText() bool { return a == Hugo || a == Kramdown }

// Typographic reports whether the platform turns "--" and "---" into en and
// em dashes before slugging (kramdown's typographic symbols, on by default
// in Jekyll), which then drop out of the id.
func (a Algorithm) Typographic() bool { return a == Jekyll || a == Kramdown }

// Slug returns the id a heading with this text gets when no other heading of
// the page has the same one.
func (a Algorithm) Slug(text string) string {
	switch a {
	case GitLab:
		return gitlab(text)
	case Jekyll:
		return kramdownGFM(text)
	case Kramdown:
		return kramdown(text)
	case Hugo:
		return hugo(text)
	case MkDocs:
		return mkdocs(text)
	}
	return github(text)
}

// github follows github-slugger (the GitHub algorithm markdownlint MD051
// uses): lowercase; drop every character that is not a letter, mark,
// decimal or letter number, connector punctuation ("_"), "-" or " "; turn
// each space into "-". Spaces are not collapsed: "a  b" is "a--b".
func github(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.In(r, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// gitlab: lowercase, drop non-word characters except spaces and hyphens,
// spaces to hyphens, runs of hyphens collapsed to one (GitLab's "Header IDs
// and links" documentation).
func gitlab(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case r == ' ' || r == '-':
			if !dash {
				b.WriteByte('-')
			}
			dash = true
		case isWord(r):
			b.WriteRune(r)
			dash = false
		}
	}
	return b.String()
}

// isWord is Ruby's \p{Word}: letters, marks, decimal numbers and connector
// punctuation.
func isWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.In(r, unicode.M, unicode.Nd, unicode.Pc)
}

// kramdownGFM follows kramdown-parser-gfm's generate_gfm_header_id:
// downcase, remove /[^\p{Word}\- \t]/, turn spaces and tabs into "-".
func kramdownGFM(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		switch {
		case r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '-' || isWord(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// kramdown follows kramdown's basic_generate_id: remove leading characters
// up to the first ASCII letter, keep only ASCII letters, digits, spaces and
// hyphens, spaces to hyphens, downcase; an empty id becomes "section".
func kramdown(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) })
	if i < 0 {
		return "section"
	}
	var b strings.Builder
	for _, r := range s[i:] {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// hugo follows Hugo's sanitizeAnchorName for the "github" type: "-", space
// and tab become "-"; letters, decimal digits and "_" are lowercased and
// kept; everything else (marks included) is dropped. An empty id becomes
// "heading".
func hugo(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			b.WriteByte('-')
		case r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	if b.Len() == 0 {
		return "heading"
	}
	return b.String()
}

// mkdocs follows Python-Markdown's toc slugify: NFKD-normalize and drop
// what is not ASCII, remove [^\w\s-], strip, lowercase, and collapse each
// run of hyphens and whitespace into one "-".
func mkdocs(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < utf8.RuneSelf && (isASCIIWord(c) || isPySpace(c) || c == '-') {
			b.WriteByte(c)
		}
	}
	t := strings.ToLower(strings.TrimFunc(b.String(), func(r rune) bool { return r < utf8.RuneSelf && isPySpace(byte(r)) }))
	b.Reset()
	run := false
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == '-' || isPySpace(c) {
			if !run {
				b.WriteByte('-')
			}
			run = true
			continue
		}
		b.WriteByte(t[i])
		run = false
	}
	return b.String()
}

func isASCIIWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}

func isPySpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// Slugger hands out the ids of one page's headings in order, made unique the
// way the platform does. The zero value is not usable; call New.
type Slugger struct {
	alg   Algorithm
	used  map[string]bool // every id given out or reserved
	count map[string]int  // per base slug: how many times it was seen
}

// New returns a Slugger for one page.
func (a Algorithm) New() *Slugger {
	return &Slugger{alg: a, used: make(map[string]bool), count: make(map[string]int)}
}

// Algorithm returns the slugger's algorithm.
func (s *Slugger) Algorithm() Algorithm { return s.alg }

// Reserve records an id written explicitly in the page ({#id}, id="…").
// Hugo and MkDocs skip reserved ids when they number duplicates; GitHub and
// kramdown do not look at them.
func (s *Slugger) Reserve(id string) {
	s.used[id] = true
}

// Next returns the id of the next heading with this text.
func (s *Slugger) Next(text string) string {
	return s.Unique(s.alg.Slug(text))
}

// Unique returns the id of the next heading whose slug (Algorithm.Slug) is
// base, numbering duplicates the way the platform does.
func (s *Slugger) Unique(base string) string {
	switch s.alg {
	case Jekyll, Kramdown:
		// kramdown counts per base id and does not check that base-n is
		// free: "a", "a", "a-1" give a, a-1, a-1.
		n := s.count[base]
		s.count[base] = n + 1
		id := base
		if n > 0 {
			id = base + "-" + strconv.Itoa(n)
		}
		s.used[id] = true
		return id
	case Hugo:
		// goldmark's id factory in Hugo: base, then base-1, base-2… skipping
		// any id already in the page.
		id := base
		for i := 1; s.used[id]; i++ {
			id = base + "-" + strconv.Itoa(i)
		}
		s.used[id] = true
		return id
	case MkDocs:
		// toc's unique(): an id ending in _N counts on from N; others get
		// _1; an empty id is never used.
		id := base
		for id == "" || s.used[id] {
			stem, n := splitCount(id)
			id = stem + "_" + strconv.Itoa(n+1)
		}
		s.used[id] = true
		return id
	}
	// github-slugger: a map of every id returned so far, whose value for a
	// base id counts its duplicates; base-n is tried until it was never
	// returned. Ids written in HTML are not in the map.
	id := base
	for {
		if _, taken := s.count[id]; !taken {
			break
		}
		s.count[base]++
		id = base + "-" + strconv.Itoa(s.count[base])
	}
	s.count[id] = 0
	s.used[id] = true
	return id
}

// splitCount splits "name_3" into "name", 3 (toc's IDCOUNT_RE
// ^(.*)_([0-9]+)$); other ids return themselves and 0.
func splitCount(id string) (string, int) {
	i := strings.LastIndexByte(id, '_')
	if i < 0 || i == len(id)-1 {
		return id, 0
	}
	n, err := strconv.Atoi(id[i+1:])
	if err != nil || strings.ContainsAny(id[i+1:], "+-") {
		return id, 0
	}
	return id[:i], n
}

// EncodeURIComponent percent-encodes s as JavaScript's encodeURIComponent
// does (markdownlint compares fragments in this form): every byte but ASCII
// letters, digits and - _ . ! ~ * ' ( ) becomes %XX, upper-case.
func EncodeURIComponent(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-_.!~*'()", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}
