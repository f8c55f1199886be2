package rules

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// CodeBlockStyleOptions configures code-block-style.
type CodeBlockStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (like the first code block), fenced or indented"`
}

// Validate checks the style.
func (o *CodeBlockStyleOptions) Validate() error {
	switch o.Style {
	case "consistent", "fenced", "indented":
		return nil
	}
	return fmt.Errorf("style %q: want consistent, fenced or indented", o.Style)
}

// CodeBlockStyle is markdownlint's MD046.
var CodeBlockStyle = &Rule{
	Name:     "code-block-style",
	Aliases:  []string{"MD046"},
	Tags:     []string{"code"},
	Severity: Off, // a matter of taste
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Code blocks should use one style",
		Description: `Reports code blocks whose style (fenced with ` + "```" + ` or ` + "`~~~`" + `, or indented by four spaces)
differs from the configured one; with ` + "`consistent`" + ` (the default) the first code block sets the
style. Indented code blocks that hold nothing but Liquid or Hugo template syntax are not
counted: an indented template tag is not code once the site is built.

The fix converts an indented block to a fenced one (outside list items and quotes), and a
fenced block to an indented one when nothing is lost: no info string (language), a blank line
before it, no blank first or last line and no indented text right after it.`,
		Examples: []Example{
			{Bad: "Some text.\n\n    # Indented code\n\nMore text.\n\n```ruby\n# Fenced code\n```", Good: "Some text.\n\n```\n# Indented code\n```\n\nMore text.\n\n```ruby\n# Fenced code\n```"},
		},
	},
	Options: func() any { return &CodeBlockStyleOptions{Style: "consistent"} },
	Run:     runCodeBlockStyle,
}

func runCodeBlockStyle(pass *Pass) error {
	d := pass.Document
	style := OptionsOf[CodeBlockStyleOptions](pass).Style
	reliable := mdcFencesReliableBefore(d)
	inspect(d, func(n ast.Node) bool {
		var actual string
		switch n.(type) {
		case *ast.FencedCodeBlock:
			actual = "fenced"
		case *ast.CodeBlock:
			actual = "indented"
		default:
			return true
		}
		start, end, ok := codeBlockRange(d, n)
		if !ok || codeBlockIsTemplate(d, n) {
			return false
		}
		if style == "consistent" {
			style = actual
		}
		if actual == style {
			return false
		}
		diag := Diagnostic{Start: start, End: end, Message: fmt.Sprintf("code block should be %s, not %s", style, actual)}
		// A block that holds template syntax was read with template bodies
		// blanked: its shape in the source is not sure enough to rewrite.
		switch n := n.(type) {
		case *ast.CodeBlock:
			if end < reliable && !mdcInTemplate(d, start, end) {
				diag.Fix = fenceIndentedBlock(d, n)
			}
		case *ast.FencedCodeBlock:
			if end < reliable && !mdcInTemplate(d, start, end) {
				diag.Fix = indentFencedBlock(d, n)
			}
		}
		if diag.Fix != nil {
			for _, e := range diag.Fix.Edits {
				diag.Start, diag.End = min(diag.Start, e.Start), max(diag.End, e.End)
			}
		}
		pass.Report(diag)
		return false
	})
	return nil
}

// codeBlockRange returns the range of a code block: the first line's start to
// the end of its last line (the closing fence of a fenced block).
func codeBlockRange(d *Document, n ast.Node) (start, end int, ok bool) {
	if f, isFenced := n.(*ast.FencedCodeBlock); isFenced {
		fence, ok := mdcFenceOf(d, f)
		if !ok {
			return 0, 0, false
		}
		return fence.OpenStart, mdcLineEnd(d, fence.CloseLine), true
	}
	lines := n.Lines()
	if lines.Len() == 0 {
		return 0, 0, false
	}
	first, last := lines.At(0), lines.At(lines.Len()-1)
	return first.Start, mdcLineEnd(d, mdcLine(d, max(last.Start, last.Stop-1))), true
}

// codeBlockIsTemplate reports whether an indented code block holds nothing
// but template syntax: an indented Liquid tag is not code once the site is
// built. (A fenced block is code whatever it holds: its author wrote the
// fences.)
func codeBlockIsTemplate(d *Document, n ast.Node) bool {
	if n.Kind() != ast.KindCodeBlock {
		return false
	}
	lines := n.Lines()
	if lines.Len() == 0 {
		return false
	}
	return mdcTemplateOnly(d, lines.At(0).Start, lines.At(lines.Len()-1).Stop)
}

// fenceIndentedBlock converts an indented code block to a fenced one, or
// returns nil when the block is inside a container or uses tabs.
func fenceIndentedBlock(d *Document, n *ast.CodeBlock) *Fix {
	if n.Parent() == nil || n.Parent().Kind() != ast.KindDocument {
		return nil
	}
	src := d.Source
	lines := n.Lines()
	var edits []Edit
	maxTicks := 0
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Padding != 0 {
			return nil
		}
		ls := d.LineStarts[mdcLine(d, seg.Start)]
		if seg.Start-ls != 4 || string(src[ls:seg.Start]) != "    " {
			if len(bytes.TrimSpace(src[seg.Start:seg.Stop])) != 0 {
				return nil
			}
		}
		if seg.Start > ls {
			edits = append(edits, Edit{Start: ls, End: seg.Start})
		}
		line := src[seg.Start:seg.Stop]
		k := 0
		for k < len(line) && line[k] == '`' {
			k++
		}
		maxTicks = max(maxTicks, k)
	}
	fence := strings.Repeat("`", max(3, maxTicks+1))
	nl := mdcNewline(src)
	first, last := lines.At(0), lines.At(lines.Len()-1)
	firstLine := d.LineStarts[mdcLine(d, first.Start)]
	if len(edits) > 0 && edits[0].Start == firstLine {
		edits[0].NewText = fence + nl
	} else {
		edits = append([]Edit{{Start: firstLine, End: firstLine, NewText: fence + nl}}, edits...)
	}
	closeAt := last.Stop
	closeText := fence + nl
	if closeAt == len(src) && (closeAt == 0 || src[closeAt-1] != '\n') {
		closeText = nl + fence
	}
	edits = append(edits, Edit{Start: closeAt, End: closeAt, NewText: closeText})
	return &Fix{Message: "fence the code block", Edits: edits}
}

// indentFencedBlock converts a fenced code block to an indented one when that
// loses nothing, or returns nil.
func indentFencedBlock(d *Document, n *ast.FencedCodeBlock) *Fix {
	if n.Parent() == nil || n.Parent().Kind() != ast.KindDocument {
		return nil
	}
	f, ok := mdcFenceOf(d, n)
	if !ok || f.InfoEnd > f.InfoStart || f.CloseLen == 0 || f.OpenStart != d.LineStarts[f.OpenLine] {
		return nil
	}
	src := d.Source
	lines := n.Lines()
	if lines.Len() == 0 {
		return nil
	}
	// Indented lines after a list item belong to the item, and indented
	// code next to indented code (or to a fenced block this pass indents
	// too) joins it: only blocks that end cleanly may precede.
	switch prev := n.PreviousSibling(); {
	case prev == nil:
	case prev.Kind() == ast.KindParagraph, prev.Kind() == ast.KindHeading, prev.Kind() == ast.KindThematicBreak,
		prev.Kind() == ast.KindBlockquote, prev.Kind() == ast.KindLinkReferenceDefinition, prev.Kind() == east.KindTable:
	default:
		return nil
	}
	if next := n.NextSibling(); next != nil && (next.Kind() == ast.KindCodeBlock || next.Kind() == ast.KindFencedCodeBlock) {
		return nil
	}
	blank := func(i int) bool { return len(bytes.TrimSpace(mdcLineText(d, i))) == 0 }
	firstBody := mdcLine(d, d.BodyStart)
	if f.OpenLine > firstBody && !blank(f.OpenLine-1) {
		return nil
	}
	if blank(f.OpenLine+1) || blank(f.CloseLine-1) {
		return nil
	}
	// The next non-blank line must not be indented: it would join the block.
	for i := f.CloseLine + 1; i < len(d.LineStarts); i++ {
		if blank(i) {
			continue
		}
		if t := mdcLineText(d, i); bytes.HasPrefix(t, []byte("    ")) || bytes.HasPrefix(t, []byte("\t")) {
			return nil
		}
		break
	}
	var edits []Edit
	edits = append(edits, Edit{Start: d.LineStarts[f.OpenLine], End: d.LineStarts[f.OpenLine+1]})
	for i := f.OpenLine + 1; i < f.CloseLine; i++ {
		if !blank(i) {
			edits = append(edits, Edit{Start: d.LineStarts[i], End: d.LineStarts[i], NewText: "    "})
		}
	}
	closeEnd := mdcNextLine(d, f.CloseLine)
	closeStart := d.LineStarts[f.CloseLine]
	if closeEnd == len(src) && (closeEnd == 0 || src[closeEnd-1] != '\n') {
		// The closing fence is the last line: drop the line break before it.
		closeStart = mdcLineEnd(d, f.CloseLine-1)
	}
	edits = append(edits, Edit{Start: closeStart, End: closeEnd})
	return &Fix{Message: "indent the code block", Edits: edits}
}
