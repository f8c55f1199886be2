//nolint:misspell // The documentation quotes the misspellings the rule reports.
package rules

import (
	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/directive"
)

// InvalidDirective reports postlint directives that name rules which do not
// exist: a misspelt name in a disable comment silently disables nothing.
var InvalidDirective = &Rule{
	Name:     "invalid-directive",
	Severity: Error,
	Doc: Doc{
		Title: "Directives must name existing rules",
		Description: `postlint reads ` + "`<!-- postlint-disable RULE... -->`" + `, ` + "`-enable`" + `, ` + "`-disable-line`" + `,
` + "`-disable-next-line`" + ` and ` + "`-disable-file`" + ` comments. A rule name that does not exist (a typo, a rule
that was renamed) makes the directive do nothing, so it is reported. Names and aliases are
accepted, in any case.`,
		Examples: []Example{
			{Bad: "<!-- postlint-disable-next-line mispelling -->", Good: "<!-- postlint-disable-next-line misspelling -->"},
		},
	},
	Run: func(pass *Pass) error {
		for _, d := range directive.Parse(pass.Source, pass.AST, "postlint") {
			for _, n := range d.Names {
				if Lookup(n.Text) == nil {
					pass.Reportf(n.Start, n.End, "unknown rule %q in postlint-%s directive%s", n.Text, d.Kind, suggestRule(n.Text))
				}
			}
		}
		return nil
	},
}

// suggestRule returns ` (did you mean "x"?)` for a close rule name.
func suggestRule(name string) string {
	return config.DidYouMean(name, Names())
}
