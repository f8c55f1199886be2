package rules

import (
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// NoTrailingPunctuationOptions configures no-trailing-punctuation.
type NoTrailingPunctuationOptions struct {
	Punctuation string `yaml:"punctuation" doc:"the characters that may not end a heading (\"\" allows all); ? is allowed by default for FAQ headings"`
}

// NoTrailingPunctuation is markdownlint's MD026: headings do not end with
// punctuation.
var NoTrailingPunctuation = &Rule{
	Name:     "no-trailing-punctuation",
	Aliases:  []string{"MD026"},
	Tags:     []string{"headings"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Headings must not end with punctuation",
		Description: `Headings are titles, not sentences: a heading that ends with one of the ` + "`punctuation`" + `
characters (by default ` + "`.,;:!`" + ` and their full-width forms; ` + "`?`" + ` is allowed for FAQ-style
headings) is reported. The trailing semicolon of an HTML entity (` + "`&copy;`" + `) and the colon that
closes a GitHub emoji code (` + "`:smile:`" + `) do not count, nor does punctuation produced by a Liquid or
Hugo template. The fix removes the punctuation and the spaces before it.

Same semantics and options as markdownlint's MD026. Off by default: a style choice, and posts
legitimately end headings with "..." or "!".`,
		Examples: []Example{
			{Bad: "# This is a heading.", Good: "# This is a heading"},
		},
	},
	Options: func() any { return &NoTrailingPunctuationOptions{Punctuation: ".,;:!。，；：！"} },
	Run:     runNoTrailingPunctuation,
}

var (
	// An HTML entity or a GitHub emoji code at the end of a heading.
	mdbEntityEndRe = regexp.MustCompile(`&(?:#\d+|#[xX][\da-fA-F]+|[a-zA-Z]{2,31}|blk\d{2}|emsp1[34]|frac\d{2}|sup\d|there4);$`)
	mdbGemojiEndRe = regexp.MustCompile(`:(?:[abmovx]|[-+]1|100|1234|(?:1st|2nd|3rd)_place_medal|8ball|clock\d{1,4}|e-mail|non-potable_water|o2|t-rex|u5272|u5408|u55b6|u6307|u6708|u6709|u6e80|u7121|u7533|u7981|u7a7a|[a-z]{2,15}2?|[a-z]{1,14}(?:_[a-z\d]{1,16})+):$`)
)

func runNoTrailingPunctuation(pass *Pass) error {
	punct := OptionsOf[NoTrailingPunctuationOptions](pass).Punctuation
	if punct == "" {
		return nil
	}
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		h, ok := n.(*ast.Heading)
		if !ok {
			return true
		}
		l := h.Lines()
		if l.Len() == 0 {
			return false
		}
		last := l.At(l.Len() - 1)
		textStart := l.At(0).Start
		end := last.Stop
		for end > last.Start && mdbSpace(src[end-1]) {
			end--
		}
		// The trailing run of punctuation and the white space before it.
		p := end
		for p > textStart {
			r, size := utf8.DecodeLastRune(src[textStart:p])
			if !mdbIsPunct(r, punct) {
				break
			}
			p -= size
		}
		if p == end {
			return false
		}
		start := p
		for start > textStart {
			r, size := utf8.DecodeLastRune(src[textStart:start])
			if !mdbJSSpace(r) {
				break
			}
			start -= size
		}
		text := src[textStart:end]
		if mdbEntityEndRe.Match(text) || mdbGemojiEndRe.Match(text) || v.inTemplate(start, end) {
			return false
		}
		d := Diagnostic{Start: start, End: end, Message: "heading ends with punctuation " + mdbQuote(string(src[p:end]))}
		switch {
		case start == textStart:
			// Nothing but punctuation: removing it would empty the heading.
		case p == start && src[start-1] == '\\' && start-1 > textStart:
			// An escaped character goes with its backslash.
			d.Start--
			d.Fix = &Fix{Message: "remove the punctuation", Edits: []Edit{{Start: d.Start, End: end}}}
		case src[start-1] != '\\':
			d.Fix = &Fix{Message: "remove the punctuation", Edits: []Edit{{Start: start, End: end}}}
		}
		pass.Report(d)
		return false
	})
	return nil
}
