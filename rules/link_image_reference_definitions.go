package rules

import "strings"

// LinkImageReferenceDefinitionsOptions configures link-image-reference-definitions.
type LinkImageReferenceDefinitionsOptions struct {
	IgnoredDefinitions []string `yaml:"ignored_definitions" doc:"labels never reported (the default ignores the [//]: # (comment) idiom)"`
}

// LinkImageReferenceDefinitions is markdownlint's MD053.
var LinkImageReferenceDefinitions = &Rule{
	Name:     "link-image-reference-definitions",
	Costly:   true,
	Aliases:  []string{"MD053"},
	Tags:     []string{"images", "links"},
	Severity: Warning, // an unused definition usually means a link whose label was mistyped
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Link and image reference definitions should be used",
		Description: `Reports link reference definitions (` + "`[label]: https://...`" + `) and footnote definitions that
no link, image or footnote uses, and definitions of a label that is already defined (the
first one wins; the others are dead). An unused definition often means that a link meant to
use it has a mistyped label.

Labels are compared as Markdown does: ignoring case and extra spaces. Text inside
` + "`{% raw %}`" + ` and other opaque template blocks counts as using a label. The fix deletes a
definition that fits on one line (not footnotes, whose text may go on).`,
		Examples: []Example{
			{Bad: "Read [the guide][guide].\n\n[guide]: https://example.org/guide\n[old-guide]: https://example.org/v1/guide", Good: "Read [the guide][guide].\n\n[guide]: https://example.org/guide"},
		},
	},
	Options: func() any { return &LinkImageReferenceDefinitionsOptions{IgnoredDefinitions: []string{"//"}} },
	Run:     runLinkImageReferenceDefinitions,
}

func runLinkImageReferenceDefinitions(pass *Pass) error {
	d := pass.Document
	src := d.Source
	opts := OptionsOf[LinkImageReferenceDefinitionsOptions](pass)
	ignored := make(map[string]bool, len(opts.IgnoredDefinitions))
	for _, l := range opts.IgnoredDefinitions {
		ignored[l] = true
	}
	refs := collectRefs(d)
	report := func(def refDef, msg string) {
		if ignored[def.Label] || mdcHasTemplate([]byte(def.Label)) || mdcInTemplate(d, def.Start, def.End) {
			return
		}
		diag := Diagnostic{Start: def.Start, End: def.End, Message: msg}
		first, last := mdcLine(d, def.Start), mdcLine(d, def.End)
		if !def.Footnote && first == last && def.Node != nil {
			ls, next := d.LineStarts[first], mdcNextLine(d, first)
			// Only a line that holds nothing but the definition.
			if strings.TrimSpace(string(src[ls:def.Start])) == "" {
				diag.Start, diag.End = ls, next
				diag.Fix = &Fix{Message: "delete the definition", Edits: []Edit{{Start: ls, End: next}}}
			}
		}
		pass.Report(diag)
	}
	for _, def := range refs.defs {
		if !refs.used(def.Label) {
			report(def, "reference definition \""+def.Label+"\" is not used")
		}
	}
	for _, def := range refs.dups {
		report(def, "reference \""+def.Label+"\" is already defined; this definition is never used")
	}
	return nil
}
