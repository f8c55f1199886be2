package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

// Tests of the markdownlint rules MD043–MD060: each rule with its defaults
// over testdata/RULE, and with options over testdata/RULE/VARIANT.

func TestRequiredHeadings(t *testing.T) {
	ruletest.Run(t, "testdata/required-headings", rules.RequiredHeadings)
	ruletest.RunWithOptions(t, "testdata/required-headings/structure", rules.RequiredHeadings,
		`headings: ["# Title", "## Install", "*", "## License"]`)
	ruletest.RunWithOptions(t, "testdata/required-headings/match-case", rules.RequiredHeadings,
		"headings: [\"# Title\", \"+\"]\nmatch_case: true")
}

func TestProperNames(t *testing.T) {
	ruletest.Run(t, "testdata/proper-names", rules.ProperNames)
	ruletest.RunWithOptions(t, "testdata/proper-names/names", rules.ProperNames,
		"names: [JavaScript, GitHub, github.com]")
	ruletest.RunWithOptions(t, "testdata/proper-names/text-only", rules.ProperNames,
		"names: [JavaScript, GitHub]\ncode_blocks: false\nhtml_elements: false")
}

func TestNoAltText(t *testing.T) {
	ruletest.Run(t, "testdata/no-alt-text", rules.NoAltText)
}

func TestCodeBlockStyle(t *testing.T) {
	ruletest.Run(t, "testdata/code-block-style", rules.CodeBlockStyle)
	ruletest.RunWithOptions(t, "testdata/code-block-style/fenced", rules.CodeBlockStyle, "style: fenced")
	ruletest.RunWithOptions(t, "testdata/code-block-style/indented", rules.CodeBlockStyle, "style: indented")
}

func TestSingleTrailingNewline(t *testing.T) {
	ruletest.Run(t, "testdata/single-trailing-newline", rules.SingleTrailingNewline)
}

func TestCodeFenceStyle(t *testing.T) {
	ruletest.Run(t, "testdata/code-fence-style", rules.CodeFenceStyle)
	ruletest.RunWithOptions(t, "testdata/code-fence-style/tilde", rules.CodeFenceStyle, "style: tilde")
}

func TestEmphasisStyle(t *testing.T) {
	ruletest.Run(t, "testdata/emphasis-style", rules.EmphasisStyle)
	ruletest.RunWithOptions(t, "testdata/emphasis-style/underscore", rules.EmphasisStyle, "style: underscore")
}

func TestStrongStyle(t *testing.T) {
	ruletest.Run(t, "testdata/strong-style", rules.StrongStyle)
	ruletest.RunWithOptions(t, "testdata/strong-style/underscore", rules.StrongStyle, "style: underscore")
}

func TestLinkFragments(t *testing.T) {
	ruletest.Run(t, "testdata/link-fragments", rules.LinkFragments)
	ruletest.RunWithOptions(t, "testdata/link-fragments/ignore-case", rules.LinkFragments, "ignore_case: true")
	ruletest.RunWithOptions(t, "testdata/link-fragments/ignored-pattern", rules.LinkFragments, `ignored_pattern: "^figure-"`)
}

func TestReferenceLinksImages(t *testing.T) {
	ruletest.Run(t, "testdata/reference-links-images", rules.ReferenceLinksImages)
	ruletest.RunWithOptions(t, "testdata/reference-links-images/shortcut", rules.ReferenceLinksImages, "shortcut_syntax: true")
}

func TestLinkImageReferenceDefinitions(t *testing.T) {
	ruletest.Run(t, "testdata/link-image-reference-definitions", rules.LinkImageReferenceDefinitions)
}

func TestLinkImageStyle(t *testing.T) {
	ruletest.Run(t, "testdata/link-image-style", rules.LinkImageStyle)
	ruletest.RunWithOptions(t, "testdata/link-image-style/no-references", rules.LinkImageStyle, "full: false\ncollapsed: false")
	ruletest.RunWithOptions(t, "testdata/link-image-style/no-inline", rules.LinkImageStyle, "inline: false\nshortcut: false")
	ruletest.RunWithOptions(t, "testdata/link-image-style/url-inline", rules.LinkImageStyle, "url_inline: false")
}

func TestTablePipeStyle(t *testing.T) {
	ruletest.Run(t, "testdata/table-pipe-style", rules.TablePipeStyle)
	ruletest.RunWithOptions(t, "testdata/table-pipe-style/leading-only", rules.TablePipeStyle, "style: leading_only")
	ruletest.RunWithOptions(t, "testdata/table-pipe-style/no-pipes", rules.TablePipeStyle, "style: no_leading_or_trailing")
}

func TestTableColumnCount(t *testing.T) {
	ruletest.Run(t, "testdata/table-column-count", rules.TableColumnCount)
}

func TestBlanksAroundTables(t *testing.T) {
	ruletest.Run(t, "testdata/blanks-around-tables", rules.BlanksAroundTables)
}

func TestDescriptiveLinkText(t *testing.T) {
	ruletest.Run(t, "testdata/descriptive-link-text", rules.DescriptiveLinkText)
	ruletest.RunWithOptions(t, "testdata/descriptive-link-text/custom", rules.DescriptiveLinkText, `prohibited_texts: ["hier klicken"]`)
}

func TestTableColumnStyle(t *testing.T) {
	ruletest.Run(t, "testdata/table-column-style", rules.TableColumnStyle)
	ruletest.RunWithOptions(t, "testdata/table-column-style/aligned", rules.TableColumnStyle, "style: aligned")
	ruletest.RunWithOptions(t, "testdata/table-column-style/compact", rules.TableColumnStyle, "style: compact")
	ruletest.RunWithOptions(t, "testdata/table-column-style/tight", rules.TableColumnStyle, "style: tight\naligned_delimiter: true")
}
