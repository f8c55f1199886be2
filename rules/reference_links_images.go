package rules

import "github.com/yuin/goldmark/ast"

// ReferenceLinksImagesOptions configures reference-links-images.
type ReferenceLinksImagesOptions struct {
	IgnoredLabels  []string `yaml:"ignored_labels" doc:"labels never reported (the default ignores GitHub task list boxes, [x])"`
	ShortcutSyntax bool     `yaml:"shortcut_syntax" doc:"also report shortcut references ([label] alone), which are often just text in brackets"`
}

// ReferenceLinksImages is markdownlint's MD052.
var ReferenceLinksImages = &Rule{
	Name:     "reference-links-images",
	Aliases:  []string{"MD052"},
	Tags:     []string{"images", "links"},
	Severity: Off, // placeholder-link (on by default) already reports undefined references, with a diagnosis
	Doc: Doc{
		Title: "Reference links and images should use a label that is defined",
		Description: `Reports full (` + "`[text][label]`" + `) and collapsed (` + "`[label][]`" + `) reference links and images whose
label has no definition: they render as literal brackets. Shortcut references (` + "`[label]`" + `) are
reported only with ` + "`shortcut_syntax`" + `, since text in brackets is often just that. Footnote labels
start with ` + "`^`" + `.

postlint's own ` + "`placeholder-link`" + ` rule, on by default, reports the same undefined references
and says why a definition that is present did not count; this rule is off by default and is
there for markdownlint compatibility (` + "`--preset markdownlint`" + `, or configure it). References whose
label or definition is built with Liquid or Hugo template syntax are not reported.`,
		Examples: []Example{
			{Bad: "See [the docs][docs].", Good: "See [the docs][docs].\n\n[docs]: https://example.org/docs"},
		},
	},
	Options: func() any { return &ReferenceLinksImagesOptions{IgnoredLabels: []string{"x"}} },
	Run:     runReferenceLinksImages,
}

func runReferenceLinksImages(pass *Pass) error {
	d := pass.Document
	src := d.Source
	opts := OptionsOf[ReferenceLinksImagesOptions](pass)
	ignored := make(map[string]bool, len(opts.IgnoredLabels))
	for _, l := range opts.IgnoredLabels {
		ignored[l] = true
	}
	refs := collectRefs(d)
	var written map[string]writtenDef
	for _, u := range refs.uses {
		if u.Defined || refs.defined[u.Label] != nil || ignored[u.Label] {
			continue
		}
		if u.Kind == ast.ReferenceLinkShortcut && !opts.ShortcutSyntax {
			continue
		}
		if mdcInTemplate(d, u.Start, u.End) || mdcHasTemplate([]byte(u.Label)) {
			continue
		}
		if written == nil {
			var dynamic bool
			written, dynamic = writtenDefinitions(src[d.BodyStart:])
			if dynamic {
				return nil // labels defined by a template loop
			}
		}
		if def, ok := written[u.Label]; ok && (mdcHasTemplate([]byte(def.dest)) || def.prev == templatedDef) {
			continue // the site generator completes the definition
		}
		pass.Reportf(u.Start, u.End, "reference %q has no definition; it renders as literal text", u.Label)
	}
	return nil
}
