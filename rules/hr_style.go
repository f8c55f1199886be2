package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// HRStyleOptions configures hr-style.
type HRStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (as the first rule in the document) or the exact text of a rule, such as --- or ***"`
}

// HRStyle is markdownlint's MD035: one way of writing thematic breaks.
var HRStyle = &Rule{
	Name:     "hr-style",
	Aliases:  []string{"MD035"},
	Tags:     []string{"hr"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Horizontal rules must be written the same way",
		Description: `Reports horizontal rules (thematic breaks) written differently from the configured ` + "`style`" + `,
which is the exact text of a rule (` + "`---`, `***`, `* * *`" + `, …) or ` + "`consistent`" + `: the way the
first rule of the document is written. The fix rewrites the rule in the expected style, unless
the style is a row of dashes and the line before is text: ` + "`---`" + ` under a paragraph makes it a
heading.

Same semantics and options as markdownlint's MD035, with a fix markdownlint does not have. Off
by default: a style matter.`,
		Examples: []Example{
			{Bad: "---\n\n- - -\n\n***", Good: "---\n\n---\n\n---"},
		},
	},
	Options: func() any { return &HRStyleOptions{Style: "consistent"} },
	Run:     runHRStyle,
}

func runHRStyle(pass *Pass) error {
	style := strings.TrimSpace(OptionsOf[HRStyleOptions](pass).Style)
	if style == "" {
		style = "consistent"
	}
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		if n.Kind() != ast.KindThematicBreak {
			return true
		}
		start := n.Pos()
		if start < 0 {
			return true
		}
		line := v.of(start)
		end := v.end(line)
		for end > start && mdbSpace(v.src[end-1]) {
			end--
		}
		text := string(v.src[start:end])
		if style == "consistent" {
			style = text
		}
		if text == style {
			return true
		}
		d := Diagnostic{Start: start, End: end, Message: fmt.Sprintf("horizontal rule %q should be written %q", text, style)}
		if mdbThematicBreak(style) && !mdbMakesSetext(v, start, style) {
			d.Fix = &Fix{Message: "rewrite as " + style, Edits: []Edit{{Start: start, End: end, NewText: style}}}
		}
		pass.Report(d)
		return true
	})
	return nil
}

// mdbThematicBreak reports whether s is a thematic break on its own: three or
// more of one of - * _, with spaces or tabs between.
func mdbThematicBreak(s string) bool {
	var mark byte
	count := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
		case '-', '*', '_':
			if mark != 0 && c != mark {
				return false
			}
			mark = c
			count++
		default:
			return false
		}
	}
	return count >= 3
}

// mdbMakesSetext reports whether writing style at start would change the
// structure: turn the line before into a setext heading (a row of dashes
// under a line of text), or the list item the rule is in into a rule.
func mdbMakesSetext(v *mdbLines, start int, style string) bool {
	line := v.of(start)
	if marker := bytes.Trim(v.src[v.start(line):start], " \t>"); len(marker) > 0 {
		// The rule follows a list marker on its line: "- ***" rewritten
		// "- ---" would be a rule of its own, not a list item.
		return bytes.ContainsAny(marker, style)
	}
	if strings.Trim(style, "-") != "" {
		return false // only a row of dashes underlines a heading
	}
	return !v.blank(line - 1)
}
