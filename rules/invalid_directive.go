//nolint:misspell // The documentation quotes the misspellings the rule reports.
package rules

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/directive"
)

// InvalidDirective reports directives that name rules which do not exist: a
// misspelt name in a disable comment silently disables nothing.
var InvalidDirective = &Rule{
	Name:     "invalid-directive",
	Severity: Error,
	Doc: Doc{
		Title: "Directives must name existing rules",
		Description: `postlint reads ` + "`<!-- postlint-disable RULE... -->`" + `, ` + "`-enable`" + `, ` + "`-disable-line`" + `,
` + "`-disable-next-line`" + ` and ` + "`-disable-file`" + ` comments, and markdownlint's (` + "`<!-- markdownlint-disable MD013 -->`" + `
and the others). A rule name that does not exist (a typo, a rule that was renamed) makes the
directive do nothing, so it is reported. Names, aliases (` + "`MD013`" + `) and tags (` + "`headings`" + `) are
accepted, in any case. The JSON of a ` + "`markdownlint-configure-file`" + ` comment is checked too: it
must parse, and its keys must name rules.`,
		Examples: []Example{
			{Bad: "<!-- postlint-disable-next-line mispelling -->", Good: "<!-- postlint-disable-next-line misspelling -->"},
			{Bad: "<!-- markdownlint-disable MD99 -->", Good: "<!-- markdownlint-disable MD009 -->"},
		},
	},
	Run: func(pass *Pass) error {
		for _, d := range directive.Parse(pass.Source, pass.AST, directive.Postlint, directive.Markdownlint) {
			if d.Kind == directive.ConfigureFile {
				checkConfigureFile(pass, d)
				continue
			}
			for _, n := range d.Names {
				if len(Resolve(n.Text)) == 0 && pass.LookupRule(n.Text) == nil {
					pass.Reportf(n.Start, n.End, "unknown rule %q in %s-%s directive%s", n.Text, d.Tool, d.Kind, suggestRule(n.Text))
				}
			}
		}
		return nil
	},
}

// checkConfigureFile reports a markdownlint-configure-file directive whose
// JSON does not parse or names rules that do not exist.
func checkConfigureFile(pass *Pass, d directive.Directive) {
	settings, err := config.ParseMarkdownlintInline(d.Arg)
	if err != nil {
		var ce *config.Error
		if errors.As(err, &ce) && ce.Pos.Line > 0 {
			at := d.ArgStart + offsetOf(d.Arg, ce.Pos.Line, ce.Pos.Col)
			pass.Reportf(at, min(at+1, d.ArgEnd), "markdownlint-configure-file directive: %s", ce.Msg)
		} else {
			pass.Reportf(d.Start, d.End, "markdownlint-configure-file directive: %v", err)
		}
		return
	}
	for _, s := range settings {
		if len(Resolve(s.Name)) > 0 || strings.EqualFold(s.Name, MarkdownlintGroup) {
			continue
		}
		start := d.ArgStart + offsetOf(d.Arg, s.Pos.Line, s.Pos.Col)
		end := start
		// The key is the quoted string just before the value: report the
		// name as it is written when it can be found.
		if i := strings.LastIndex(string(pass.Source[d.ArgStart:start]), `"`+s.Name+`"`); i >= 0 {
			start = d.ArgStart + i
			end = start + len(s.Name) + 2
		}
		pass.Reportf(start, end, "unknown rule %q in markdownlint-configure-file directive%s", s.Name, suggestRule(s.Name))
	}
}

// offsetOf returns the byte offset in s of a 1-based line and column (in
// characters).
func offsetOf(s string, line, col int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return len(s)
		}
		off += i + 1
	}
	for c := 1; c < col && off < len(s); c++ {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}

// suggestRule returns ` (did you mean "x"?)` for a close rule name.
func suggestRule(name string) string {
	return config.DidYouMean(name, Selectors())
}
