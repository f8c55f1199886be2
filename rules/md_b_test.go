package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

// The markdownlint rules MD025–MD042. Each testdata directory's expectations
// were checked against markdownlint 0.40 itself; where postlint differs on
// purpose (Liquid, Hugo, front matter), the file says so.

func TestSingleTitle(t *testing.T) {
	ruletest.Run(t, "testdata/single-title", rules.SingleTitle)
	ruletest.RunWithOptions(t, "testdata/single-title/options", rules.SingleTitle, "level: 2\nfront_matter_title: \"\"")
}

func TestNoTrailingPunctuation(t *testing.T) {
	ruletest.Run(t, "testdata/no-trailing-punctuation", rules.NoTrailingPunctuation)
	ruletest.RunWithOptions(t, "testdata/no-trailing-punctuation/options", rules.NoTrailingPunctuation, `punctuation: ".,;:"`)
}

func TestNoMultipleSpaceBlockquote(t *testing.T) {
	ruletest.Run(t, "testdata/no-multiple-space-blockquote", rules.NoMultipleSpaceBlockquote)
	ruletest.RunWithOptions(t, "testdata/no-multiple-space-blockquote/options", rules.NoMultipleSpaceBlockquote, "list_items: false")
}

func TestNoBlanksBlockquote(t *testing.T) {
	ruletest.Run(t, "testdata/no-blanks-blockquote", rules.NoBlanksBlockquote)
}

func TestOLPrefix(t *testing.T) {
	ruletest.Run(t, "testdata/ol-prefix", rules.OLPrefix)
	for _, style := range []string{"one", "ordered", "zero"} {
		ruletest.RunWithOptions(t, "testdata/ol-prefix/"+style, rules.OLPrefix, "style: "+style)
	}
}

func TestListMarkerSpace(t *testing.T) {
	ruletest.Run(t, "testdata/list-marker-space", rules.ListMarkerSpace)
	ruletest.RunWithOptions(t, "testdata/list-marker-space/multi", rules.ListMarkerSpace, "ul_multi: 3\nol_multi: 2")
}

func TestBlanksAroundFences(t *testing.T) {
	ruletest.Run(t, "testdata/blanks-around-fences", rules.BlanksAroundFences)
	ruletest.RunWithOptions(t, "testdata/blanks-around-fences/options", rules.BlanksAroundFences, "list_items: false")
}

func TestBlanksAroundLists(t *testing.T) {
	ruletest.Run(t, "testdata/blanks-around-lists", rules.BlanksAroundLists)
}

func TestNoInlineHTML(t *testing.T) {
	ruletest.Run(t, "testdata/no-inline-html", rules.NoInlineHTML)
	ruletest.RunWithOptions(t, "testdata/no-inline-html/options", rules.NoInlineHTML, "allowed_elements: [br, KBD]\ntable_allowed_elements: [br]")
}

func TestNoBareURLs(t *testing.T) {
	ruletest.Run(t, "testdata/no-bare-urls", rules.NoBareURLs)
}

func TestHRStyle(t *testing.T) {
	ruletest.Run(t, "testdata/hr-style", rules.HRStyle)
	ruletest.RunWithOptions(t, "testdata/hr-style/options", rules.HRStyle, `style: "* * *"`)
}

func TestNoEmphasisAsHeading(t *testing.T) {
	ruletest.Run(t, "testdata/no-emphasis-as-heading", rules.NoEmphasisAsHeading)
	ruletest.RunWithOptions(t, "testdata/no-emphasis-as-heading/options", rules.NoEmphasisAsHeading, `punctuation: "."`)
}

func TestNoSpaceInEmphasis(t *testing.T) {
	ruletest.Run(t, "testdata/no-space-in-emphasis", rules.NoSpaceInEmphasis)
}

func TestNoSpaceInCode(t *testing.T) {
	ruletest.Run(t, "testdata/no-space-in-code", rules.NoSpaceInCode)
}

func TestNoSpaceInLinks(t *testing.T) {
	ruletest.Run(t, "testdata/no-space-in-links", rules.NoSpaceInLinks)
}

func TestFencedCodeLanguage(t *testing.T) {
	ruletest.Run(t, "testdata/fenced-code-language", rules.FencedCodeLanguage)
	ruletest.RunWithOptions(t, "testdata/fenced-code-language/allowed", rules.FencedCodeLanguage, "allowed_languages: [go, bash]")
	ruletest.RunWithOptions(t, "testdata/fenced-code-language/language-only", rules.FencedCodeLanguage, "language_only: true")
}

func TestFirstLineHeading(t *testing.T) {
	ruletest.Run(t, "testdata/first-line-heading", rules.FirstLineHeading)
	ruletest.RunWithOptions(t, "testdata/first-line-heading/options", rules.FirstLineHeading, "allow_preamble: true\nlevel: 1\nfront_matter_title: '^\\s*heading\\s*:'")
}

func TestNoEmptyLinks(t *testing.T) {
	ruletest.Run(t, "testdata/no-empty-links", rules.NoEmptyLinks)
}
