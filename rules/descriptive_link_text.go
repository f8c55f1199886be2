package rules

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// DescriptiveLinkTextOptions configures descriptive-link-text.
type DescriptiveLinkTextOptions struct {
	ProhibitedTexts []string `yaml:"prohibited_texts" doc:"link texts to report, compared ignoring case, punctuation and extra spaces"`
}

// DescriptiveLinkText is markdownlint's MD059.
var DescriptiveLinkText = &Rule{
	Name:     "descriptive-link-text",
	Aliases:  []string{"MD059"},
	Tags:     []string{"accessibility", "links"},
	Severity: Off, // wording advice rather than damage: many posts link "here" knowingly
	Doc: Doc{
		Title: "Link text should be descriptive",
		Description: `Reports links whose whole text is generic, such as ` + "`[click here](...)`" + ` or ` + "`[link](...)`" + `.
Screen readers list the links of a page out of context, and search engines use link text to
describe the target: say what the link leads to. Link texts are compared after removing
punctuation, extra spaces and case, so ` + "`[Here!](...)`" + ` counts as "here". Links whose text holds
code or HTML, and links in Liquid or Hugo template syntax, are not checked. For a language
other than English, set ` + "`prohibited_texts`" + `.

Only the author knows what the link is about: there is no automatic fix.`,
		Examples: []Example{
			{Bad: "To learn more, [click here](https://example.org/budget.pdf).", Good: "Read [the budget document](https://example.org/budget.pdf)."},
		},
	},
	Options: func() any {
		return &DescriptiveLinkTextOptions{ProhibitedTexts: []string{"click here", "here", "link", "more"}}
	},
	Run: runDescriptiveLinkText,
}

// linkTextNormalizer replaces runs of ASCII non-word characters (as
// JavaScript's \W) by a space.
func normalizeLinkText(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isWordByte(c) && c != '_' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			continue
		}
		space = true
	}
	return b.String()
}

func runDescriptiveLinkText(pass *Pass) error {
	d := pass.Document
	src := d.Source
	prohibited := make(map[string]bool)
	for _, t := range OptionsOf[DescriptiveLinkTextOptions](pass).ProhibitedTexts {
		prohibited[normalizeLinkText(t)] = true
	}
	if len(prohibited) == 0 {
		return nil
	}
	inspect(d, func(n ast.Node) bool {
		link, ok := n.(*ast.Link)
		if !ok {
			return true
		}
		for c := link.FirstChild(); c != nil; c = c.NextSibling() {
			if k := c.Kind(); k == ast.KindCodeSpan || k == ast.KindRawHTML {
				return false
			}
		}
		ts, te, ok := linkTextRange(src, link)
		if !ok || mdcInTemplate(d, link.Pos(), te+1) || mdcHasTemplate(src[ts:te]) {
			return false
		}
		if prohibited[normalizeLinkText(string(src[ts:te]))] {
			pass.Reportf(ts, te, "link text %q does not say where the link leads", strings.Join(strings.Fields(string(src[ts:te])), " "))
		}
		return false
	})
	return nil
}

// linkTextRange returns the range of the text between the brackets of a link
// or image.
func linkTextRange(src []byte, n ast.Node) (start, end int, ok bool) {
	if l, ok := markdown.ParseInlineLink(src, n); ok {
		return l.TextStart, l.TextEnd, true
	}
	p := n.Pos()
	if p < 0 || p >= len(src) {
		return 0, 0, false
	}
	if src[p] == '!' {
		p++
	}
	if p >= len(src) || src[p] != '[' {
		return 0, 0, false
	}
	e, ok := markdown.CloseBracket(src, p)
	if !ok {
		return 0, 0, false
	}
	return p + 1, e, true
}
