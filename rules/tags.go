package rules

import (
	"sort"
	"strings"
)

// MarkdownlintGroup names every rule that has a markdownlint id (an MDnnn
// alias). It is accepted wherever a tag is: in config, flags and directives.
const MarkdownlintGroup = "markdownlint"

// MarkdownlintID returns the rule's markdownlint id (its alias of the form
// MDnnn), or "" when the rule is postlint's own.
func (r *Rule) MarkdownlintID() string {
	for _, a := range r.Aliases {
		if isMarkdownlintID(a) {
			return strings.ToUpper(a)
		}
	}
	return ""
}

func isMarkdownlintID(s string) bool {
	if len(s) != 5 || !strings.EqualFold(s[:2], "MD") {
		return false
	}
	for _, c := range s[2:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// HasTag reports whether the rule carries tag, ignoring case.
func (r *Rule) HasTag(tag string) bool {
	for _, t := range r.Tags {
		if strings.EqualFold(t, tag) {
			return true
		}
	}
	return false
}

// Resolve returns the rules a name selects, in registry order: the rule with
// that name or alias; else every rule with that tag; else, for
// MarkdownlintGroup, every rule with a markdownlint id. It returns nil for a
// name that selects nothing. Case is ignored.
func Resolve(name string) []*Rule {
	name = strings.TrimSpace(name)
	if r := Lookup(name); r != nil {
		return []*Rule{r}
	}
	var out []*Rule
	for _, r := range All() {
		if r.HasTag(name) || (strings.EqualFold(name, MarkdownlintGroup) && r.MarkdownlintID() != "") {
			out = append(out, r)
		}
	}
	return out
}

// AllTags returns every tag of the registered rules, lowercase and sorted.
func AllTags() []string {
	seen := make(map[string]bool)
	var tags []string
	for _, r := range All() {
		for _, t := range r.Tags {
			t = strings.ToLower(t)
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	sort.Strings(tags)
	return tags
}

// Selectors returns every name that Resolve accepts: rule names, aliases,
// tags and MarkdownlintGroup, sorted; for "did you mean" hints.
func Selectors() []string {
	names := append(Names(), AllTags()...)
	names = append(names, MarkdownlintGroup)
	sort.Strings(names)
	return names
}
