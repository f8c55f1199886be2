package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// CodeFenceStyleOptions configures code-fence-style.
type CodeFenceStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (like the first fence), backtick or tilde"`
}

// Validate checks the style.
func (o *CodeFenceStyleOptions) Validate() error {
	switch o.Style {
	case "consistent", "backtick", "tilde":
		return nil
	}
	return fmt.Errorf("style %q: want consistent, backtick or tilde", o.Style)
}

// CodeFenceStyle is markdownlint's MD048.
var CodeFenceStyle = &Rule{
	Name:     "code-fence-style",
	Aliases:  []string{"MD048"},
	Tags:     []string{"code"},
	Severity: Off, // a matter of taste
	Fixable:  true,
	Doc: Doc{
		Title: "Code fences should use one character",
		Description: `Reports fenced code blocks whose fence character (backtick or tilde) differs from the
configured one; with ` + "`consistent`" + ` (the default) the first fenced block sets the style.

The fix rewrites the opening and closing fences, lengthening them when a line of the code
starts with the new fence character. A tilde fence whose info string holds a backtick is left
alone: a backtick fence cannot carry it.`,
		Examples: []Example{
			{Bad: "```ruby\n# Fenced code\n```\n\n~~~ruby\n# Fenced code\n~~~", Good: "```ruby\n# Fenced code\n```\n\n```ruby\n# Fenced code\n```"},
		},
	},
	Options: func() any { return &CodeFenceStyleOptions{Style: "consistent"} },
	Run:     runCodeFenceStyle,
}

func runCodeFenceStyle(pass *Pass) error {
	d := pass.Document
	src := d.Source
	style := OptionsOf[CodeFenceStyleOptions](pass).Style
	reliable := mdcFencesReliableBefore(d)
	inspect(d, func(n ast.Node) bool {
		fb, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return true
		}
		f, ok := mdcFenceOf(d, fb)
		if !ok || mdcInTemplate(d, f.OpenStart, f.OpenStart+f.OpenLen) {
			return false
		}
		actual := "backtick"
		if f.Char == '~' {
			actual = "tilde"
		}
		if style == "consistent" {
			style = actual
		}
		if actual == style {
			return false
		}
		end := f.OpenStart + f.OpenLen
		if f.CloseLen > 0 {
			end = f.CloseStart + f.CloseLen
		}
		diag := Diagnostic{Start: f.OpenStart, End: end, Message: fmt.Sprintf("code fence should use %ss, not %ss", style, actual)}
		want := byte('`')
		if style == "tilde" {
			want = '~'
		}
		// A block that holds template syntax was read with template bodies
		// blanked: its fences in the source are not sure enough to rewrite.
		if (want == '~' || bytes.IndexByte(src[f.InfoStart:f.InfoEnd], '`') < 0) && diag.End < reliable && !mdcInTemplate(d, diag.Start, mdcLineEnd(d, f.CloseLine)) {
			// Longer than any run of the new character that starts a code line.
			length := max(3, f.OpenLen)
			lines := fb.Lines()
			for i := 0; i < lines.Len(); i++ {
				seg := lines.At(i)
				line := bytes.TrimLeft(src[seg.Start:seg.Stop], " ")
				k := 0
				for k < len(line) && line[k] == want {
					k++
				}
				if k >= length {
					length = k + 1
				}
			}
			fence := strings.Repeat(string(want), length)
			edits := []Edit{{Start: f.OpenStart, End: f.OpenStart + f.OpenLen, NewText: fence}}
			if f.CloseLen > 0 {
				edits = append(edits, Edit{Start: f.CloseStart, End: f.CloseStart + f.CloseLen, NewText: fence})
			}
			diag.Fix = &Fix{Message: "use " + fence + " fences", Edits: edits}
		}
		pass.Report(diag)
		return false
	})
	return nil
}
