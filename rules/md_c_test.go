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
