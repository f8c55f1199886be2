package rules

import (
	"fmt"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/mojibake"
)

// MojibakeOptions configures mojibake.
type MojibakeOptions struct {
	Code bool `yaml:"code" doc:"also report (never fix) mojibake inside code spans and code blocks"`
}

// Mojibake reports and repairs text that was UTF-8 decoded as Windows-1252 or
// Latin-1, once or more.
var Mojibake = &Rule{
	Name:     "mojibake",
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "Text must not be UTF-8 read as Windows-1252 (mojibake)",
		Description: `When UTF-8 text passes through a tool that reads it as Windows-1252 or Latin-1 — a CMS
export, a database with the wrong connection charset, a copy from an old editor — every
non-ASCII character turns into two to four wrong ones: ` + "`—`" + ` becomes ` + "`â€”`" + `, ` + "`’`" + ` becomes ` + "`â€™`" + `,
` + "`é`" + ` becomes ` + "`Ã©`" + `, ` + "`🤑`" + ` becomes ` + "`ðŸ¤‘`" + `. Done twice, ` + "`’`" + ` becomes ` + "`Ã¢â‚¬â„¢`" + `.

The rule finds the smallest damaged runs in prose, headings, link text, image alt text, table
cells and front matter string values, and fixes each by re-encoding it, only when the result
is valid UTF-8 and clearly more plausible than the input. Correct text in any language is never
touched: ` + "`château`, `São`, `Ελληνικά`, `Русский`, `日本語`" + `, emoji, or a capital ` + "`Ã`" + ` in Portuguese.
Code spans and code blocks are left alone (the ` + "`code`" + ` option reports them, without a fix), as are
Liquid and Hugo template tags.`,
		Examples: []Example{
			{Bad: "It wasnâ€™t the cafÃ© â€” it was the ðŸ¤‘.", Good: "It wasn’t the café — it was the 🤑."},
		},
	},
	Options: func() any { return &MojibakeOptions{} },
	Run:     runMojibake,
}

func runMojibake(pass *Pass) error {
	opts := OptionsOf[MojibakeOptions](pass)
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		for _, r := range mojibake.Find(c.Text) {
			if !c.Clean(src, r.Start, r.End) {
				continue
			}
			start, end := c.Start+r.Start, c.Start+r.End
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: mojibakeMessage(src[start:end], r),
				Fix: &Fix{
					Message: fmt.Sprintf("replace with %q", r.Fixed),
					Edits:   []Edit{{Start: start, End: end, NewText: r.Fixed}},
				},
			})
		}
	}
	if opts.Code {
		reportCodeMojibake(pass)
	}
	return nil
}

func mojibakeMessage(damaged []byte, r mojibake.Run) string {
	how := "UTF-8 decoded as Windows-1252"
	switch {
	case r.Layers == 2:
		how += " twice"
	case r.Layers > 2:
		how += fmt.Sprintf(" %d times", r.Layers)
	}
	return fmt.Sprintf("mojibake %q should read %q (%s)", damaged, r.Fixed, how)
}

// reportCodeMojibake reports damage inside code, without fixes: code may
// quote mojibake on purpose.
func reportCodeMojibake(pass *Pass) {
	src := pass.Source
	check := func(start, end int) {
		for _, r := range mojibake.Find(src[start:end]) {
			s, e := start+r.Start, start+r.End
			if pass.InTemplate(s, e) {
				continue
			}
			pass.Reportf(s, e, "%s in code", mojibakeMessage(src[s:e], r))
		}
	}
	inspect(pass.Document, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			lines := n.Lines()
			for i := 0; i < lines.Len(); i++ {
				check(lines.At(i).Start, lines.At(i).Stop)
			}
			return false
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					check(t.Segment.Start, t.Segment.Stop)
				}
			}
			return false
		}
		return true
	})
}
