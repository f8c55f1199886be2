// Package ruledoc renders a rule's own metadata as its Markdown page: the
// source of docs/rules/NAME.md and of `postlint explain`.
package ruledoc

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/rules"
)

// Markdown returns the documentation page of r.
func Markdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", r.Name)
	fmt.Fprintf(&b, "%s.\n\n", r.Doc.Title)
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	if len(r.Aliases) > 0 {
		fmt.Fprintf(&b, "| aliases | `%s` |\n", strings.Join(r.Aliases, "`, `"))
	}
	if len(r.Tags) > 0 {
		fmt.Fprintf(&b, "| tags | `%s` |\n", strings.Join(r.Tags, "`, `"))
	}
	fmt.Fprintf(&b, "| default severity | %s |\n", r.Severity)
	if id := r.MarkdownlintID(); id != "" {
		fmt.Fprintf(&b, "| `--preset markdownlint` | %s, as in markdownlint ([%s](%s)) |\n", lint.PresetSeverity(lint.PresetMarkdownlint, r), id, markdownlintDoc(id))
	} else {
		fmt.Fprintf(&b, "| `--preset markdownlint` | %s (not a markdownlint rule) |\n", lint.PresetSeverity(lint.PresetMarkdownlint, r))
	}
	fix := "no"
	if r.Fixable {
		fix = "yes (`postlint --fix`)"
	}
	fmt.Fprintf(&b, "| fixable | %s |\n\n", fix)
	fmt.Fprintf(&b, "%s\n", strings.TrimSpace(r.Doc.Description))

	if r.Options != nil {
		fields := lint.OptionFields(r.Options())
		if len(fields) > 0 {
			b.WriteString("\n## Options\n\n| option | default | meaning |\n|---|---|---|\n")
			for _, f := range fields {
				def, _ := json.Marshal(f.Default)
				fmt.Fprintf(&b, "| `%s` | `%s` | %s |\n", f.Name, def, strings.ReplaceAll(f.Doc, "|", "\\|"))
			}
			fmt.Fprintf(&b, "\nIn `.postlint.yml`:\n\n```yaml\nrules:\n  %s:\n    severity: %s\n", r.Name, r.Severity)
			for _, f := range fields {
				def, _ := json.Marshal(f.Default)
				fmt.Fprintf(&b, "    %s: %s\n", f.Name, def)
			}
			b.WriteString("```\n")
		}
	}

	if len(r.Doc.Examples) > 0 {
		b.WriteString("\n## Examples\n")
		for _, e := range r.Doc.Examples {
			if e.Note != "" {
				fmt.Fprintf(&b, "\n%s:\n", upperFirst(e.Note))
			}
			fmt.Fprintf(&b, "\nReported:\n\n%s\nInstead:\n\n%s", fence(e.Bad), fence(e.Good))
		}
	}
	fmt.Fprintf(&b, "\n## Turning it off\n\n```markdown\n<!-- postlint-disable-next-line %s -->\n```\n\n", r.Name)
	if id := r.MarkdownlintID(); id != "" {
		fmt.Fprintf(&b, "(markdownlint's `<!-- markdownlint-disable-next-line %s -->` works too) ", id)
	}
	fmt.Fprintf(&b, "or in `.postlint.yml`:\n\n```yaml\nrules:\n  %s: off\n```\n", r.Name)
	return b.String()
}

// markdownlintDoc is the address of markdownlint's page for a rule id.
func markdownlintDoc(id string) string {
	return "https://github.com/DavidAnson/markdownlint/blob/main/doc/" + strings.ToLower(id) + ".md"
}

func fence(s string) string {
	f := "```"
	for strings.Contains(s, f) {
		f += "`"
	}
	return f + "markdown\n" + strings.TrimRight(s, "\n") + "\n" + f + "\n"
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
