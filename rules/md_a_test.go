package rules_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

// The markdownlint-compatible rules MD001 to MD024: each runs over its
// testdata directory with its default options, and over a subdirectory per
// option setting.

func TestHeadingIncrement(t *testing.T) {
	ruletest.Run(t, "testdata/heading-increment", rules.HeadingIncrement)
	ruletest.RunWithOptions(t, "testdata/heading-increment/no-front-matter", rules.HeadingIncrement, `front_matter_title: ""`)
	ruletest.RunWithOptions(t, "testdata/heading-increment/custom-title", rules.HeadingIncrement, `front_matter_title: "^headline:"`)
}

func TestHeadingStyle(t *testing.T) {
	ruletest.Run(t, "testdata/heading-style", rules.HeadingStyle)
	for _, style := range []string{"atx", "atx_closed", "setext", "setext_with_atx", "setext_with_atx_closed"} {
		ruletest.RunWithOptions(t, "testdata/heading-style/"+style, rules.HeadingStyle, "style: "+style)
	}
}

func TestULStyle(t *testing.T) {
	ruletest.Run(t, "testdata/ul-style", rules.ULStyle)
	for _, style := range []string{"asterisk", "dash", "plus", "sublist"} {
		ruletest.RunWithOptions(t, "testdata/ul-style/"+style, rules.ULStyle, "style: "+style)
	}
}

func TestListIndent(t *testing.T) {
	ruletest.Run(t, "testdata/list-indent", rules.ListIndent)
}

func TestULIndent(t *testing.T) {
	ruletest.Run(t, "testdata/ul-indent", rules.ULIndent)
	ruletest.RunWithOptions(t, "testdata/ul-indent/indent4", rules.ULIndent, "indent: 4")
	ruletest.RunWithOptions(t, "testdata/ul-indent/start-indented", rules.ULIndent, "start_indented: true\nstart_indent: 3\nindent: 2")
}

func TestNoTrailingSpaces(t *testing.T) {
	ruletest.Run(t, "testdata/no-trailing-spaces", rules.NoTrailingSpaces)
	ruletest.RunWithOptions(t, "testdata/no-trailing-spaces/br0", rules.NoTrailingSpaces, "br_spaces: 0")
	ruletest.RunWithOptions(t, "testdata/no-trailing-spaces/code", rules.NoTrailingSpaces, "code_blocks: true")
	ruletest.RunWithOptions(t, "testdata/no-trailing-spaces/list-empty", rules.NoTrailingSpaces, "list_item_empty_lines: true")
	ruletest.RunWithOptions(t, "testdata/no-trailing-spaces/strict", rules.NoTrailingSpaces, "strict: true")
}

func TestNoHardTabs(t *testing.T) {
	ruletest.Run(t, "testdata/no-hard-tabs", rules.NoHardTabs)
	ruletest.RunWithOptions(t, "testdata/no-hard-tabs/no-code", rules.NoHardTabs, "code_blocks: false")
	ruletest.RunWithOptions(t, "testdata/no-hard-tabs/ignore-make", rules.NoHardTabs, "ignore_code_languages: [Make]")
	ruletest.RunWithOptions(t, "testdata/no-hard-tabs/spaces4", rules.NoHardTabs, "spaces_per_tab: 4")
}

func TestNoReversedLinks(t *testing.T) {
	ruletest.Run(t, "testdata/no-reversed-links", rules.NoReversedLinks)
}

func TestNoMultipleBlanks(t *testing.T) {
	ruletest.Run(t, "testdata/no-multiple-blanks", rules.NoMultipleBlanks)
	ruletest.RunWithOptions(t, "testdata/no-multiple-blanks/max2", rules.NoMultipleBlanks, "maximum: 2")
}

func TestCommandsShowOutput(t *testing.T) {
	ruletest.Run(t, "testdata/commands-show-output", rules.CommandsShowOutput)
}

func TestLineLength(t *testing.T) {
	ruletest.Run(t, "testdata/line-length", rules.LineLength)
	ruletest.RunWithOptions(t, "testdata/line-length/options", rules.LineLength, "line_length: 70\nheading_line_length: 100\ncode_blocks: false\ntables: false")
	ruletest.RunWithOptions(t, "testdata/line-length/strict", rules.LineLength, "strict: true")
	ruletest.RunWithOptions(t, "testdata/line-length/stern", rules.LineLength, "stern: true")
	ruletest.RunWithOptions(t, "testdata/line-length/headings", rules.LineLength, "headings: false")
	ruletest.RunWithOptions(t, "testdata/line-length/code", rules.LineLength, "code_block_line_length: 100")
}

func TestNoMissingSpaceATX(t *testing.T) {
	ruletest.Run(t, "testdata/no-missing-space-atx", rules.NoMissingSpaceATX)
}

func TestNoMultipleSpaceATX(t *testing.T) {
	ruletest.Run(t, "testdata/no-multiple-space-atx", rules.NoMultipleSpaceATX)
}

func TestNoMissingSpaceClosedATX(t *testing.T) {
	ruletest.Run(t, "testdata/no-missing-space-closed-atx", rules.NoMissingSpaceClosedATX)
}

func TestNoMultipleSpaceClosedATX(t *testing.T) {
	ruletest.Run(t, "testdata/no-multiple-space-closed-atx", rules.NoMultipleSpaceClosedATX)
}

func TestBlanksAroundHeadings(t *testing.T) {
	ruletest.Run(t, "testdata/blanks-around-headings", rules.BlanksAroundHeadings)
	ruletest.RunWithOptions(t, "testdata/blanks-around-headings/above2", rules.BlanksAroundHeadings, "lines_above: [1, 2]")
	ruletest.RunWithOptions(t, "testdata/blanks-around-headings/per-level", rules.BlanksAroundHeadings, "lines_below: [0, 2]")
	ruletest.RunWithOptions(t, "testdata/blanks-around-headings/any", rules.BlanksAroundHeadings, "lines_above: -1\nlines_below: -1")
}

func TestHeadingStartLeft(t *testing.T) {
	ruletest.Run(t, "testdata/heading-start-left", rules.HeadingStartLeft)
}

func TestNoDuplicateHeading(t *testing.T) {
	ruletest.Run(t, "testdata/no-duplicate-heading", rules.NoDuplicateHeading)
	ruletest.RunWithOptions(t, "testdata/no-duplicate-heading/siblings", rules.NoDuplicateHeading, "siblings_only: true")
}

// mdaRules are the rules above, for the fuzz target.
var mdaRules = []*rules.Rule{
	rules.HeadingIncrement, rules.HeadingStyle, rules.ULStyle, rules.ListIndent, rules.ULIndent,
	rules.NoTrailingSpaces, rules.NoHardTabs, rules.NoReversedLinks, rules.NoMultipleBlanks,
	rules.LineLength, rules.CommandsShowOutput, rules.NoMissingSpaceATX, rules.NoMultipleSpaceATX,
	rules.NoMissingSpaceClosedATX, rules.NoMultipleSpaceClosedATX, rules.BlanksAroundHeadings,
	rules.HeadingStartLeft, rules.NoDuplicateHeading,
}

// FuzzStructureRules: with every rule above on, linting never fails or
// panics, and fixing converges and is idempotent. Seeds: the testdata and
// inputs that once broke a rule (tabs that goldmark counts as columns,
// reversed links that chain).
func FuzzStructureRules(f *testing.F) {
	for _, glob := range []string{"testdata/*/*.md", "testdata/*/*/*.md"} {
		files, _ := filepath.Glob(glob)
		for _, p := range files {
			for _, r := range mdaRules {
				if strings.HasPrefix(p, filepath.Join("testdata", r.Name)+string(filepath.Separator)) {
					b, err := os.ReadFile(p)
					if err != nil {
						f.Fatal(err)
					}
					f.Add(b)
				}
			}
		}
	}
	for _, s := range []string{
		"text\n   * 0\n    \t* 0\n",
		"- Item\n\n\tA paragraph\n\t* * 0000\n",
		">\t#",
		">\t# Heading\n",
		"0(0000)[00000)(0000000000)(000000000000)(000000)(0000000][0][0][0][0][00][0]\n",
		"(b)[c][d] and [a](b)[c]\n",
	} {
		f.Add([]byte(s))
	}
	names := make([]string, len(mdaRules))
	for i, r := range mdaRules {
		names[i] = r.Name
	}
	l, err := lint.New(nil, lint.Selection{Select: names})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if !utf8.Valid(src) {
			return // postlint refuses files that are not UTF-8
		}
		fr := l.Fix("f.md", src)
		for _, e := range fr.Final.Errors {
			t.Fatalf("%v\n%q", e, src)
		}
		if fr.Cycle {
			t.Fatalf("fixes cycled: %q", src)
		}
		again := l.Fix("f.md", fr.Fixed)
		if !bytes.Equal(again.Fixed, fr.Fixed) {
			t.Fatalf("fix not idempotent:\n%q\n%q\n%q", src, fr.Fixed, again.Fixed)
		}
	})
}
