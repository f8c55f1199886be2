package rules

import (
	"strings"
)

// EmptyFrontMatterValueOptions configures empty-front-matter-value.
type EmptyFrontMatterValueOptions struct {
	Ignore []string `yaml:"ignore" doc:"keys that may be empty (dotted paths for nested keys)"`
}

// EmptyFrontMatterValue reports front matter keys left without a value.
var EmptyFrontMatterValue = &Rule{
	Name:     "empty-front-matter-value",
	Tags:     []string{"front-matter"},
	Severity: Warning,
	Doc: Doc{
		Title: "Front matter keys must have a value",
		Description: `Reports front matter keys whose value was never filled in: ` + "`title:`" + ` with nothing after
it, ` + "`description: \"\"`" + `, ` + "`date = \"\"`" + `. Templates then print nothing (an empty page title, an empty
meta description) or fall back to a default without telling anyone.

Keys that are commonly left empty on purpose, because an empty value means "none" to Jekyll
and Hugo (` + "`tags`" + `, ` + "`categories`" + `, ` + "`keywords`" + `, ` + "`aliases`" + `, ` + "`redirect_from`" + `, ...), are not reported; the
` + "`ignore`" + ` option sets that list. There is no automatic fix: only the author knows the value.`,
		Examples: []Example{
			{Bad: "---\ntitle: Release notes\ndescription:\n---", Good: "---\ntitle: Release notes\ndescription: What changed in version 2\n---"},
		},
	},
	Options: func() any {
		return &EmptyFrontMatterValueOptions{Ignore: []string{
			"tags", "tag", "categories", "category", "keywords", "aliases", "redirect_from", "redirect_to", "series",
			"related", "authors", "contributors", "images", "resources", "menu", "weight", "draft", "toc",
			"comments", "permalink", "slug", "url", "layout", "type", "subtitle", "excerpt", "image", "thumbnail",
			"cover", "summary", "lastmod", "expiryDate", "publishDate", "ms.custom", "ms.reviewer", "no-loc",
		}}
	},
	Run: runEmptyFrontMatterValue,
}

func runEmptyFrontMatterValue(pass *Pass) error {
	fm := pass.FrontMatter
	if fm == nil || fm.Err != nil {
		return nil
	}
	opts := OptionsOf[EmptyFrontMatterValueOptions](pass)
	ignore := make(map[string]bool, len(opts.Ignore))
	for _, k := range opts.Ignore {
		ignore[strings.ToLower(k)] = true
	}
	for _, v := range fm.Values {
		if v.KeyStart < 0 || len(v.Path) == 0 {
			continue
		}
		// Items of lists ("- ") and values in lists of tables: a list
		// with an empty item is a list.
		if listItem(v.Path) {
			continue
		}
		empty := v.Kind == "null" && v.Start == v.End || v.Kind == "string" && strings.TrimSpace(v.Text) == ""
		if !empty {
			continue
		}
		path := strings.Join(v.Path, ".")
		if ignore[strings.ToLower(path)] || ignore[strings.ToLower(v.Path[len(v.Path)-1])] {
			continue
		}
		pass.Reportf(v.KeyStart, v.KeyEnd, "front matter key %q has no value", path)
	}
	return nil
}

func listItem(path []string) bool {
	for _, p := range path {
		if p != "" && strings.Trim(p, "0123456789") == "" {
			return true
		}
	}
	return false
}
