package rules

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark/ast"
)

// EmphasisStyleOptions configures emphasis-style and strong-style.
type EmphasisStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (like the first one), asterisk or underscore"`
}

// Validate checks the style.
func (o *EmphasisStyleOptions) Validate() error {
	switch o.Style {
	case "consistent", "asterisk", "underscore":
		return nil
	}
	return fmt.Errorf("style %q: want consistent, asterisk or underscore", o.Style)
}

// EmphasisStyle is markdownlint's MD049.
var EmphasisStyle = &Rule{
	Name:     "emphasis-style",
	Aliases:  []string{"MD049"},
	Tags:     []string{"emphasis"},
	Severity: Off, // a matter of taste
	Fixable:  true,
	Doc: Doc{
		Title: "Emphasis should use one character",
		Description: `Reports emphasis (` + "`*text*`" + ` or ` + "`_text_`" + `) whose delimiter differs from the configured one;
with ` + "`consistent`" + ` (the default) the first emphasis sets the style. Emphasis inside a word
(` + "`un*frigging*believable`" + `) can only use asterisks and is not reported when the style is
` + "`underscore`" + `. Delimiters inside Liquid or Hugo template syntax (` + "`{{ a * b }}`" + `) are not emphasis.

The fix replaces both delimiters.`,
		Examples: []Example{
			{Bad: "*Text* and _text_", Good: "*Text* and *text*"},
		},
	},
	Options: func() any { return &EmphasisStyleOptions{Style: "consistent"} },
	Run:     func(pass *Pass) error { return runEmphasisStyle(pass, 1, "emphasis") },
}

// runEmphasisStyle checks the emphasis nodes of one level (1 emphasis,
// 2 strong).
func runEmphasisStyle(pass *Pass, level int, what string) error {
	d := pass.Document
	src := d.Source
	style := OptionsOf[EmphasisStyleOptions](pass).Style
	inspect(d, func(n ast.Node) bool {
		e, ok := n.(*ast.Emphasis)
		if !ok || e.Level != level {
			return true
		}
		start, end, ok := mdcSpan(src, e)
		if !ok || mdcInTemplate(d, start, start+level) || mdcInTemplate(d, end-level, end) {
			return true
		}
		actual := "asterisk"
		if src[start] == '_' {
			actual = "underscore"
		}
		if style == "consistent" {
			style = actual
		}
		if actual == style {
			return true
		}
		if style == "underscore" && (start > 0 && isWordByte(src[start-1]) || end < len(src) && isWordByte(src[end])) {
			return true // underscores do not work inside words
		}
		delim := "*"
		if style == "underscore" {
			delim = "_"
		}
		if level == 2 {
			delim += delim
		}
		msg := fmt.Sprintf("%s should use %ss, not %ss", what, style, actual)
		diag := Diagnostic{Start: start, End: end, Message: msg}
		// The new delimiter inside the emphasis could pair with it instead
		// ("_count(*)_" as "*count(*)*"): fix only when it does not occur.
		// Nor when the delimiters are part of a longer run shared with
		// another emphasis ("***a***"): converting one level changes how
		// the run is split.
		// Nor when the new delimiter would touch one outside ("**_a_**" as
		// "***a***").
		sharedRun := false
		for _, c := range []byte{src[start], delim[0]} {
			sharedRun = sharedRun || start > 0 && src[start-1] == c || end < len(src) && src[end] == c || src[start+level] == c || src[end-level-1] == c
		}
		if bytes.IndexByte(src[start+level:end-level], delim[0]) < 0 && !inReferenceLabel(e) && !sharedRun {
			diag.Fix = &Fix{Message: fmt.Sprintf("use %s", delim), Edits: []Edit{
				{Start: start, End: start + level, NewText: delim},
				{Start: end - level, End: end, NewText: delim},
			}}
		}
		pass.Report(diag)
		if mdcLine(d, start) != mdcLine(d, end-level) {
			// As markdownlint, report the closing delimiter on its own line
			// too; the fix above rewrites both.
			pass.Reportf(end-level, end, "%s (closing delimiter)", msg)
		}
		return true
	})
	return nil
}

// inReferenceLabel reports whether n lies in the text of a collapsed or
// shortcut reference link, where the text is also the label that must match
// the definition as written.
func inReferenceLabel(n ast.Node) bool {
	for p := n.Parent(); p != nil; p = p.Parent() {
		var ref *ast.ReferenceLink
		switch l := p.(type) {
		case *ast.Link:
			ref = l.Reference
		case *ast.Image:
			ref = l.Reference
		default:
			continue
		}
		return ref != nil && ref.Type != ast.ReferenceLinkFull
	}
	return false
}
