package rules

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// ProperNamesOptions configures proper-names.
type ProperNamesOptions struct {
	Names        []string `yaml:"names" doc:"proper names as they must be written (\"JavaScript\", \"GitHub\"); add a differently written form (\"github.com\") to allow it too"`
	CodeBlocks   bool     `yaml:"code_blocks" doc:"also check code blocks and code spans"`
	HTMLElements bool     `yaml:"html_elements" doc:"also check HTML tags, their attributes and HTML comments"`
}

// ProperNames is markdownlint's MD044.
var ProperNames = &Rule{
	Name:     "proper-names",
	Aliases:  []string{"MD044"},
	Tags:     []string{"spelling"},
	Severity: Off, // needs a list of names; setting one turns it on
	Fixable:  true,
	Doc: Doc{
		Title: "Proper names should have the correct capitalization",
		Description: `Reports words that match one of the configured proper names ignoring case but are written in
another case: "javascript" or "Javascript" for "JavaScript". Names match whole words (an
underscore next to the name is allowed, as in ` + "`_github_`" + `). Longer names are matched first, so
listing both "GitHub" and "github.com" allows the domain. URLs, link destinations, front
matter, and Liquid or Hugo template syntax are never checked; code and HTML are checked unless
` + "`code_blocks`" + ` or ` + "`html_elements`" + ` is false. With no names (the default) nothing is checked.

The fix rewrites the name as configured, in text only: in code and HTML the finding is reported
without a fix, since an identifier or a path may have to stay as it is.`,
		Examples: []Example{
			{Bad: "Written in javascript, hosted on Github.", Good: "Written in JavaScript, hosted on GitHub.", Note: "with names: [JavaScript, GitHub]"},
		},
	},
	Options: func() any { return &ProperNamesOptions{CodeBlocks: true, HTMLElements: true} },
	Run:     runProperNames,
}

type properName struct {
	name string
	re   *regexp.Regexp
}

var properNameCache sync.Map // names joined by "\x00" -> []properName

// properNameMatchers returns the names, longest first, with their regexps,
// compiled once per configuration.
func properNameMatchers(names []string) []properName {
	key := strings.Join(names, "\x00")
	if v, ok := properNameCache.Load(key); ok {
		return v.([]properName)
	}
	sorted := append([]string(nil), names...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if len(sorted[i]) != len(sorted[j]) {
			return len(sorted[i]) > len(sorted[j])
		}
		return sorted[i] < sorted[j]
	})
	var out []properName
	for _, n := range sorted {
		if n == "" {
			continue
		}
		pat := regexp.QuoteMeta(n)
		if first, _ := utf8.DecodeRuneInString(n); first < utf8.RuneSelf && isWordByte(byte(first)) {
			pat = `\b_*` + "(" + pat + ")"
		} else {
			pat = "(" + pat + ")"
		}
		if last, _ := utf8.DecodeLastRuneInString(n); last < utf8.RuneSelf && isWordByte(byte(last)) {
			pat += `_*\b`
		}
		out = append(out, properName{name: n, re: regexp.MustCompile("(?i)" + pat)})
	}
	properNameCache.Store(key, out)
	return out
}

// nameSpan is a stretch of source the rule reads, one line at most: fix is
// false for code and HTML; urls is true where a bare URL is a link (text and
// code), false in HTML tags and comments, where markdownlint reads URLs as
// plain text.
type nameSpan struct {
	start, end int
	fix, urls  bool
}

func runProperNames(pass *Pass) error {
	opts := OptionsOf[ProperNamesOptions](pass)
	if len(opts.Names) == 0 {
		return nil
	}
	names := properNameMatchers(opts.Names)
	exact := make(map[string]bool, len(opts.Names))
	for _, n := range opts.Names {
		exact[n] = true
	}
	d := pass.Document
	src := d.Source
	spans := properNameSpans(d, opts)
	taken := make([][][2]int, len(spans)) // per span: ranges matched by a longer name
	urls := make([][][2]int, len(spans))
	for si, sp := range spans {
		if sp.urls {
			urls[si] = urlRanges(src[sp.start:sp.end])
		}
	}
	// An ASCII-lowercased copy of the source lets each name skip the spans
	// that cannot hold it without running its regexp.
	lower := make([]byte, len(src))
	for i, c := range src {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for _, pn := range names {
		var needle []byte
		if mdcIsASCII(pn.name) {
			needle = []byte(strings.ToLower(pn.name))
		}
		for si, sp := range spans {
			if needle != nil && !bytes.Contains(lower[sp.start:sp.end], needle) {
				continue
			}
			text := src[sp.start:sp.end]
			for _, m := range pn.re.FindAllSubmatchIndex(text, -1) {
				s, e := m[2], m[3]
				if mdcOverlaps(taken[si], s, e) {
					continue
				}
				taken[si] = append(taken[si], [2]int{s, e})
				found := string(text[s:e])
				start, end := sp.start+s, sp.start+e
				if exact[found] || mdcOverlaps(urls[si], s, e) || mdcInTemplate(d, start, end) {
					continue
				}
				diag := Diagnostic{Start: start, End: end, Message: fmt.Sprintf("proper name %q is written %q", pn.name, found)}
				if sp.fix {
					diag.Fix = &Fix{Message: fmt.Sprintf("write %q", pn.name), Edits: []Edit{{Start: start, End: end, NewText: pn.name}}}
				}
				pass.Report(diag)
			}
		}
	}
	return nil
}

func mdcIsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func mdcOverlaps(ranges [][2]int, s, e int) bool {
	for _, r := range ranges {
		if s < r[1] && r[0] < e {
			return true
		}
	}
	return false
}

// properNameSpans returns the stretches of the document that proper-names
// reads, in source order, cut as markdownlint's parser cuts its text tokens.
func properNameSpans(d *Document, opts *ProperNamesOptions) []nameSpan {
	src := d.Source
	var spans []nameSpan
	add := func(start, end int, fix, urls bool) {
		for start < end {
			stop := end
			if nl := bytes.IndexByte(src[start:end], '\n'); nl >= 0 {
				stop = start + nl
			}
			if stop > start {
				spans = append(spans, nameSpan{start, stop, fix, urls})
			}
			start = stop + 1
		}
	}
	// Text at the top level of a block is cut at underscores that do not
	// emphasize anything (inside emphasis and links it is not), but a bare
	// URL is one token, and the rest of its line is not read.
	addTextLine := func(start, end int, fix bool) {
		if u := urlRanges(src[start:end]); u != nil {
			end = start + u[0][0]
		}
		p := start
		for i := start; i < end; i++ {
			if src[i] != '_' {
				continue
			}
			add(p, i, fix, false)
			for i < end && src[i] == '_' {
				i++
			}
			p = i
			i--
		}
		add(p, end, fix, false)
	}
	addText := func(start, end int, fix bool) {
		for start < end {
			stop := end
			if nl := bytes.IndexByte(src[start:end], '\n'); nl >= 0 {
				stop = start + nl
			}
			addTextLine(start, stop, fix)
			start = stop + 1
		}
	}
	codeLine := func(start, end int) {
		// A code line is read as Markdown for its URLs: indented by four
		// spaces it is code again, and "$...$" is math.
		urls := !bytes.HasPrefix(src[start:end], []byte("    ")) && !bytes.HasPrefix(src[start:end], []byte("\t"))
		add(start, end, false, urls)
	}
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		inSpan := n.Type() == ast.TypeInline
		for c, next := n.FirstChild(), ast.Node(nil); c != nil; c = next {
			next = c.NextSibling()
			switch c := c.(type) {
			case *ast.Text:
				start, end := c.Segment.Start, c.Segment.Stop
				if inSpan {
					// Merge the text nodes goldmark split at delimiters.
					for t, ok := next.(*ast.Text); ok && t.Segment.Start == end; t, ok = next.(*ast.Text) {
						end = t.Segment.Stop
						next = t.NextSibling()
					}
					add(start, end, true, true)
				} else {
					addText(start, end, true)
				}
			case *ast.AutoLink:
			case *ast.CodeSpan:
				if opts.CodeBlocks {
					for t := c.FirstChild(); t != nil; t = t.NextSibling() {
						if t, ok := t.(*ast.Text); ok {
							add(t.Segment.Start, t.Segment.Stop, false, true)
						}
					}
				}
			case *ast.CodeBlock, *ast.FencedCodeBlock:
				if opts.CodeBlocks {
					lines := c.Lines()
					for i := 0; i < lines.Len(); i++ {
						codeLine(lines.At(i).Start, lines.At(i).Stop)
					}
				}
			case *ast.RawHTML:
				if opts.HTMLElements {
					for i := 0; i < c.Segments.Len(); i++ {
						add(c.Segments.At(i).Start, c.Segments.At(i).Stop, false, false)
					}
				}
			case *ast.HTMLBlock:
				htmlBlockNameSpans(d, c, opts, add, addText)
			default:
				walk(c)
			}
		}
	}
	walk(d.AST)
	return spans
}

// htmlBlockNameSpans adds the spans of an HTML block: markdownlint reads its
// tags as HTML and the text between them as Markdown text; an HTML comment
// block is all HTML.
func htmlBlockNameSpans(d *Document, n *ast.HTMLBlock, opts *ProperNamesOptions, add func(s, e int, fix, urls bool), addText func(s, e int, fix bool)) {
	src := d.Source
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	s, e := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	if n.HasClosure() {
		e = max(e, n.ClosureLine.Stop)
	}
	if n.HTMLBlockType == ast.HTMLBlockType2 {
		if opts.HTMLElements {
			add(s, e, false, false)
		}
		return
	}
	text := func(from, to int) {
		// Code spans in the text.
		for from < to {
			i := bytes.IndexByte(src[from:to], '`')
			if i < 0 {
				break
			}
			i += from
			k := i
			for k < to && src[k] == '`' {
				k++
			}
			closeAt := bytes.Index(src[k:to], src[i:k])
			if closeAt < 0 {
				break
			}
			addText(from, i, false)
			if opts.CodeBlocks {
				add(k, k+closeAt, false, true)
			}
			from = k + closeAt + (k - i)
		}
		addText(from, to, false)
	}
	p := s
	mdcScanTags(src, s, e, func(t mdcTag) {
		text(p, t.Start)
		if opts.HTMLElements {
			add(t.Start, t.End, false, false)
		}
		p = t.End
	})
	text(p, e)
}

// urlRanges returns the ranges of text that markdownlint leaves out because
// they hold a bare URL (http://, https://, www.) or an e-mail address: from
// its start to the end of the text (markdownlint's exclusion runs to the end
// of the token). A URL between dollar signs is math, and one inside an HTML
// tag is an attribute value: neither is left out.
func urlRanges(text []byte) [][2]int {
	s := string(text)
	lower := strings.ToLower(s)
	start := -1
	for _, p := range []string{"https://", "http://", "www."} {
		for from := 0; ; {
			i := strings.Index(lower[from:], p)
			if i < 0 {
				break
			}
			i += from
			from = i + len(p)
			var prevOK bool
			if p == "www." {
				prevOK = i == 0 || strings.IndexByte(" \t(*_[]~", s[i-1]) >= 0
			} else {
				prevOK = i == 0 || !mdcIsASCIILetter(s[i-1])
			}
			domain := i + len(p)
			if p == "www." {
				domain = i
			}
			if !prevOK || !validLinkDomain(s[domain:]) || mdcInMath(s, i) || mdcInTag(s, i) {
				continue
			}
			if start < 0 || i < start {
				start = i
			}
			break
		}
	}
	for i := strings.IndexByte(s, '@'); i >= 0 && (start < 0 || i < start); {
		a := i
		for a > 0 && (isWordByte(s[a-1]) || strings.IndexByte(".+-", s[a-1]) >= 0) {
			a--
		}
		b, dot := i+1, false
		for b < len(s) && (isWordByte(s[b]) || s[b] == '-' || s[b] == '.' && b+1 < len(s) && (isWordByte(s[b+1]) && s[b+1] != '_')) {
			dot = dot || s[b] == '.'
			b++
		}
		if a < i && b > i+1 && dot && mdcIsASCIILetter(s[b-1]) && (a == 0 || s[a-1] != '/') && !mdcInMath(s, a) && !mdcInTag(s, a) {
			start = a
			break
		}
		next := strings.IndexByte(s[i+1:], '@')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	if start < 0 {
		return nil
	}
	return [][2]int{{start, len(s)}}
}

// validLinkDomain reports whether s starts with a domain that GFM links:
// not empty, and no underscore in its last two segments.
func validLinkDomain(s string) bool {
	seen, lastUnderscore, prevUnderscore := false, false, false
	for _, r := range s {
		switch {
		case r == '_':
			lastUnderscore = true
		case r == '.':
			prevUnderscore, lastUnderscore = lastUnderscore, false
		case r == '-':
			seen = true
		case unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) && r < utf8.RuneSelf:
			return seen && !lastUnderscore && !prevUnderscore
		default:
			seen = true
		}
	}
	return seen && !lastUnderscore && !prevUnderscore
}

// mdcInMath reports whether offset i of s lies between dollar signs.
func mdcInMath(s string, i int) bool {
	return strings.Count(s[:i], "$")%2 == 1 && strings.Contains(s[i:], "$")
}

// mdcInTag reports whether offset i of s lies inside an HTML tag.
func mdcInTag(s string, i int) bool {
	lt := strings.LastIndexByte(s[:i], '<')
	return lt >= 0 && lt+1 < len(s) && (mdcIsASCIILetter(s[lt+1]) || s[lt+1] == '/') && !strings.Contains(s[lt:i], ">")
}
