package rules

import (
	"bytes"
	"regexp"
	"sort"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// NoReversedLinks is markdownlint's MD011: (text)[url] is a link written
// backwards.
var NoReversedLinks = &Rule{
	Name:     "no-reversed-links",
	Aliases:  []string{"MD011"},
	Tags:     []string{"links"},
	Severity: Warning,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Links should not be written backwards",
		Description: `Reports ` + "`(text)[destination]`" + `: a link with its brackets and parentheses swapped, which
renders as literal text instead of a link. Footnote references (` + "`(example)[^1]`" + `), code, and
template syntax are not reported, nor is ` + "`(text)[label]`" + ` when the document defines ` + "`[label]:`" + `
(that is text in parentheses followed by a working reference link; markdownlint reports it, and
its fix breaks the link). The fix swaps them back: ` + "`[text](destination)`" + `.`,
		Examples: []Example{
			{Bad: "(Incorrect link syntax)[https://www.example.com/]", Good: "[Correct link syntax](https://www.example.com/)"},
		},
	},
	Run: runNoReversedLinks,
}

// reversedLink matches "(text)[destination]"; the character before the
// parenthesis must not be a backslash and the one after the bracket must not
// be a parenthesis (both checked by the caller).
var reversedLink = regexp.MustCompile(`\(([^()]+)\)\[([^\]^][^\]]*)\]`)

func runNoReversedLinks(pass *Pass) error {
	v := newStructLines(pass.Document)
	var spans, links [][2]int // code spans and links, found when first needed
	spansDone := false
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || v.kinds[i]&slCode != 0 {
			continue
		}
		line := v.text(i)
		if !bytes.Contains(line, []byte(")[")) {
			continue
		}
		start := v.start(i)
		for pos := 0; pos < len(line); {
			m := reversedLink.FindSubmatchIndex(line[pos:])
			if m == nil {
				break
			}
			for k := range m {
				m[k] += pos
			}
			if m[0] > 0 && line[m[0]-1] == '\\' || m[1] < len(line) && line[m[1]] == '(' {
				pos = m[0] + 1
				continue
			}
			pos = m[1]
			text, dest := line[m[2]:m[3]], line[m[4]:m[5]]
			if bytes.HasSuffix(text, []byte(`\`)) || bytes.HasSuffix(dest, []byte(`\`)) {
				continue
			}
			if _, ok := pass.References[NormalizeLabel(string(dest))]; ok {
				continue // "(text)[label]" with a definition: text, then a working link
			}
			s, e := start+m[0], start+m[1]
			if !spansDone {
				spans, links, spansDone = v.codeSpans(), linkSpans(v), true
			}
			if pass.InTemplate(s, e) || overlapsSpan(spans, s, e) || overlapsSpan(links, s, e) {
				continue // code, template syntax, or part of a link that works ("[a](b)[c]")
			}
			d := Diagnostic{
				Start:   s,
				End:     e,
				Message: "reversed link syntax: (text)[destination] should be [text](destination)",
			}
			// Swapping is safe when it makes a plain link that cannot pair
			// with what follows into a new reversed link.
			if !bytes.ContainsAny(text, "[]") && !bytes.ContainsAny(dest, "()[") && (m[1] == len(line) || line[m[1]] != '[') {
				d.Fix = &Fix{Message: "swap the brackets and parentheses", Edits: []Edit{{
					Start: s, End: e, NewText: "[" + string(text) + "](" + string(dest) + ")",
				}}}
			}
			pass.Report(d)
		}
	}
	return nil
}

// overlapsSpan reports whether [s, e) overlaps one of spans (sorted by
// start, disjoint).
func overlapsSpan(spans [][2]int, s, e int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > s })
	return i < len(spans) && spans[i][0] < e
}

// linkSpans returns the ranges of the inline links and images of the
// document, sorted (nested images left out).
func linkSpans(v *structLines) [][2]int {
	var links [][2]int
	v.walkInlines(func(n ast.Node) bool {
		if l, ok := markdown.ParseInlineLink(v.src, n); ok {
			links = append(links, [2]int{l.Start, l.End})
			return false
		}
		return true
	})
	sort.Slice(links, func(i, j int) bool { return links[i][0] < links[j][0] })
	return links
}
