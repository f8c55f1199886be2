package ruledoc

import (
	"fmt"
	"sort"
	"strings"

	"github.com/postlint/postlint/rules"
)

// Markers around the generated rule table in README.md.
const (
	ReadmeStart = "<!-- rules:start -->"
	ReadmeEnd   = "<!-- rules:end -->"
)

// ReadmeTable returns the README's table of every rule: postlint's own rules
// in registry order, then markdownlint's by id.
func ReadmeTable() string {
	all := rules.All()
	var own, md []*rules.Rule
	for _, r := range all {
		if r.MarkdownlintID() == "" {
			own = append(own, r)
		} else {
			md = append(md, r)
		}
	}
	sort.SliceStable(md, func(i, j int) bool { return md[i].MarkdownlintID() < md[j].MarkdownlintID() })
	fixable, on := 0, 0
	for _, r := range all {
		if r.Fixable {
			fixable++
		}
		if r.Severity != rules.Off {
			on++
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d rules (%d markdownlint rules, %d of postlint's own); %d fixable; %d on by default.\n\n", len(all), len(md), len(own), fixable, on)
	b.WriteString("| rule | aliases | tags | fixable | default | summary |\n|---|---|---|---|---|---|\n")
	for _, r := range append(own, md...) {
		fix := "no"
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [`%s`](docs/rules/%s.md) | %s | %s | %s | %s | %s |\n",
			r.Name, r.Name, codeList(r.Aliases), codeList(r.Tags), fix, r.Severity, strings.ReplaceAll(r.Doc.Title, "|", "\\|"))
	}
	return b.String()
}

func codeList(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return "`" + strings.Join(items, "`, `") + "`"
}

// ReplaceReadmeTable returns readme with the text between the markers
// replaced by table; ok is false when the markers are missing.
func ReplaceReadmeTable(readme, table string) (string, bool) {
	i := strings.Index(readme, ReadmeStart)
	j := strings.Index(readme, ReadmeEnd)
	if i < 0 || j < i {
		return readme, false
	}
	return readme[:i+len(ReadmeStart)] + "\n" + table + readme[j:], true
}
