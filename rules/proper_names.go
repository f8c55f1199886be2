package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
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

// nameSpan is a stretch of source the rule reads; fix is false for code and
// HTML.
type nameSpan struct {
	start, end int
	fix        bool
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
	for _, pn := range names {
		for si, sp := range spans {
			text := src[sp.start:sp.end]
			urls := urlRanges(text)
			for _, m := range pn.re.FindAllSubmatchIndex(text, -1) {
				s, e := m[2], m[3]
				overlaps := false
				for _, r := range taken[si] {
					if s < r[1] && r[0] < e {
						overlaps = true
						break
					}
				}
				if overlaps {
					continue
				}
				taken[si] = append(taken[si], [2]int{s, e})
				found := string(text[s:e])
				if exact[found] {
					continue
				}
				inURL := false
				for _, u := range urls {
					if s < u[1] && u[0] < e {
						inURL = true
						break
					}
				}
				start, end := sp.start+s, sp.start+e
				if inURL || mdcInTemplate(d, start, end) {
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

// properNameSpans returns the stretches of the document that proper-names
// reads, in source order, one line at most each.
func properNameSpans(d *Document, opts *ProperNamesOptions) []nameSpan {
	src := d.Source
	var spans []nameSpan
	addLines := func(start, end int, fix bool) {
		for start < end {
			nl := strings.IndexByte(string(src[start:end]), '\n')
			stop := end
			if nl >= 0 {
				stop = start + nl
			}
			if stop > start {
				spans = append(spans, nameSpan{start, stop, fix})
			}
			start = stop + 1
		}
	}
	_ = ast.Walk(d.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			addLines(n.Segment.Start, n.Segment.Stop, true)
		case *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			if opts.CodeBlocks {
				for c := n.FirstChild(); c != nil; c = c.NextSibling() {
					if t, ok := c.(*ast.Text); ok {
						addLines(t.Segment.Start, t.Segment.Stop, false)
					}
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			if opts.CodeBlocks {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					addLines(lines.At(i).Start, lines.At(i).Stop, false)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if opts.HTMLElements {
				for i := 0; i < n.Segments.Len(); i++ {
					addLines(n.Segments.At(i).Start, n.Segments.At(i).Stop, false)
				}
			}
		case *ast.HTMLBlock:
			lines := n.Lines()
			if lines.Len() == 0 {
				return ast.WalkSkipChildren, nil
			}
			s, e := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if n.HasClosure() {
				e = max(e, n.ClosureLine.Stop)
			}
			switch {
			case opts.HTMLElements:
				addLines(s, e, false)
			case n.HTMLBlockType != ast.HTMLBlockType2:
				// The text between the tags is Markdown text to markdownlint.
				p := s
				mdcScanTags(src, s, e, func(t mdcTag) {
					addLines(p, t.Start, false)
					p = t.End
				})
				addLines(p, e, false)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return spans
}

// urlRanges returns the ranges of bare URLs (http://, https://, www.) in
// text: names inside them are not reported.
func urlRanges(text []byte) [][2]int {
	var out [][2]int
	s := string(text)
	for i := 0; i < len(s); {
		j := strings.Index(s[i:], "://")
		w := strings.Index(s[i:], "www.")
		k := -1
		switch {
		case j >= 0 && (w < 0 || j < w):
			k = i + j
			for k > 0 && isASCIILetter(s[k-1]) {
				k--
			}
		case w >= 0:
			k = i + w
		default:
			return out
		}
		end := k
		for end < len(s) && s[end] > ' ' && s[end] != '<' && s[end] != '>' && s[end] != '"' && s[end] != '\'' && s[end] != '`' {
			end++
		}
		if end == k {
			end = k + 1
		}
		out = append(out, [2]int{k, end})
		i = end
	}
	return out
}
