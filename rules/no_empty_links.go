package rules

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// NoEmptyLinks is markdownlint's MD042: links lead somewhere.
var NoEmptyLinks = &Rule{
	Name:     "no-empty-links",
	Aliases:  []string{"MD042"},
	Tags:     []string{"links"},
	Severity: Off,
	Doc: Doc{
		Title: "Links must have a destination",
		Description: `Reports links with an empty destination (` + "`[text]()`, `[text](<>)`" + `) or an empty fragment
(` + "`[text](#)`" + `), directly or through a reference definition (` + "`[text][ref]`" + ` with
` + "`[ref]: #`" + `): they lead nowhere, or back to the top of the page. Images are not links.

Same semantics as markdownlint's MD042. Off by default because postlint's own
` + "`placeholder-link`" + ` (on by default) reports these links and more (` + "`(link)`, `(TODO)`" + `, undefined
references), links and images alike; with both on, an empty link is reported twice, so turn one
of them off. The ` + "`markdownlint`" + ` preset turns this one on and placeholder-link off.`,
		Examples: []Example{
			{Bad: "[an empty link]()", Good: "[a valid link](https://example.com/)"},
			{Bad: "[an empty fragment](#)", Good: "[a valid fragment](#fragment)"},
		},
	},
	Run: runNoEmptyLinks,
}

func runNoEmptyLinks(pass *Pass) error {
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		l, ok := n.(*ast.Link)
		if !ok {
			return true
		}
		dest := bytes.TrimSpace(l.Destination)
		empty := string(dest) == "#"
		if l.Reference == nil {
			empty = empty || len(dest) == 0
		}
		if !empty {
			return true
		}
		start, end, _ := linkExtent(src, n)
		if v.inTemplate(start, end) {
			return true
		}
		what := "an empty destination"
		if len(dest) > 0 {
			what = "an empty fragment (#)"
		}
		pass.Reportf(start, end, "link %s has %s: it leads nowhere", mdbQuote(plainText(src, n)), what)
		return true
	})
	return nil
}
