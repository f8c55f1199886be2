package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// OLPrefixOptions configures ol-prefix.
type OLPrefixOptions struct {
	Style string `yaml:"style" doc:"one_or_ordered (1/1/1 or 1/2/3, as the list starts), one (1/1/1), ordered (1/2/3 or 0/1/2) or zero (0/0/0)"`
}

// Validate checks the style.
func (o *OLPrefixOptions) Validate() error {
	switch o.Style {
	case "one_or_ordered", "one", "ordered", "zero":
		return nil
	}
	return fmt.Errorf("style must be one_or_ordered, one, ordered or zero, not %q", o.Style)
}

// OLPrefix is markdownlint's MD029: ordered list numbers follow one style.
var OLPrefix = &Rule{
	Name:     "ol-prefix",
	Aliases:  []string{"MD029"},
	Tags:     []string{"ol"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Ordered list numbers must follow the list style",
		Description: `Ordered list items are numbered either all ` + "`1.`" + ` (style ` + "`one`" + `), or counting up from
the first item, which is 1 or 0 (` + "`ordered`" + `), or all ` + "`0.`" + ` (` + "`zero`" + `). With the default
` + "`one_or_ordered`" + ` a list may use either of the first two: a list whose second item is not 1, or
whose first is 0, is counting. Numbers may be zero-padded (` + "`08.`" + `, ` + "`09.`" + `, ` + "`10.`" + `).

A list that starts at another number is often one list broken in two by a block (a code
block, a paragraph) that is not indented under its item: indent the block instead. The fix
renumbers the items after the first, whose numbers renderers ignore, when the first item is
right and the new number cannot move the item's content (it has as many digits, or the item
is one line). A list's first number is rendered (` + "`3.`" + ` starts the list at 3), so it is never
changed.

Same semantics and options as markdownlint's MD029. Off by default: renderers number items
themselves, so the source numbers are a style matter.`,
		Examples: []Example{
			{Bad: "1. Do this.\n3. Done.", Good: "1. Do this.\n2. Done."},
			{Bad: "1. First list\n\n```text\nCode block\n```\n\n2. Second list", Good: "1. First list\n\n   ```text\n   Code block\n   ```\n\n2. Still the first list", Note: "a block that breaks a list in two"},
		},
	},
	Options: func() any { return &OLPrefixOptions{Style: "one_or_ordered"} },
	Run:     runOLPrefix,
}

var mdbListStyleExamples = map[string]string{"one": "1/1/1", "ordered": "1/2/3", "zero": "0/0/0"}

// mdbItemNumber is the number of an ordered list item as written.
type mdbItemNumber struct {
	start, end int // the digits
	value      int
}

func mdbNumberOf(src []byte, item ast.Node) (mdbItemNumber, bool) {
	p := item.Pos()
	if p < 0 {
		return mdbItemNumber{}, false
	}
	e := p
	for e < len(src) && e-p < 9 && src[e] >= '0' && src[e] <= '9' {
		e++
	}
	if e == p {
		return mdbItemNumber{}, false
	}
	n, err := strconv.Atoi(string(src[p:e]))
	return mdbItemNumber{p, e, n}, err == nil
}

func runOLPrefix(pass *Pass) error {
	style := OptionsOf[OLPrefixOptions](pass).Style
	src := pass.Source
	v := mdbNewLines(pass.Document)
	var starts []bool
	inspect(pass.Document, func(n ast.Node) bool {
		list, ok := n.(*ast.List)
		if !ok || !list.IsOrdered() {
			return true
		}
		var items []ast.Node
		var nums []mdbItemNumber
		for it := list.FirstChild(); it != nil; it = it.NextSibling() {
			if num, ok := mdbNumberOf(src, it); ok {
				items = append(items, it)
				nums = append(nums, num)
			}
		}
		if len(nums) == 0 {
			return true
		}
		expected, incrementing := 1, false
		if len(nums) >= 2 && (nums[1].value != 1 || nums[0].value == 0) {
			incrementing = true
			if nums[0].value == 0 {
				expected = 0
			}
		}
		eff := style
		if eff != "one" && eff != "ordered" && eff != "zero" {
			eff = "one"
			if incrementing {
				eff = "ordered"
			}
		}
		switch eff {
		case "zero":
			expected = 0
		case "one":
			expected = 1
		}
		// Zero-padded numbers (08, 09, 10) keep their width when renumbered.
		pad := 0
		for _, num := range nums {
			if w := num.end - num.start; w > 1 && src[num.start] == '0' {
				pad = max(pad, w)
			}
		}
		// Renumbering the first item changes the number the list starts at
		// when rendered; the others' numbers are not rendered. Only those
		// are fixed, and only when the first is right.
		firstRight := nums[0].value == expected
		for i, num := range nums {
			if num.value != expected {
				want := strconv.Itoa(expected)
				written := string(src[num.start:num.end])
				if len(want) < pad {
					want = strings.Repeat("0", pad-len(want)) + want
				}
				d := Diagnostic{Start: num.start, End: num.end + 1,
					Message: fmt.Sprintf("ordered list item number %s should be %s (style %s)", written, want, mdbListStyleExamples[eff])}
				if i == 0 {
					d.Message += "; if this list continues one above it, indent the block between them under that list's item"
				}
				if starts == nil {
					starts = mdbBlockStarts(v)
				}
				if i > 0 && firstRight && (len(want) == len(written) || mdbLastLine(v, items[i], starts) == v.of(num.start)) {
					d.Fix = &Fix{Message: "renumber to " + want, Edits: []Edit{{Start: num.start, End: num.end, NewText: want}}}
				}
				pass.Report(d)
			}
			if eff == "ordered" {
				expected++
			}
		}
		return true
	})
	return nil
}
