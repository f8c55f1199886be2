package rules

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/postlint/postlint/internal/linkindex"
)

// LocalLinkOptions configures broken-local-link.
type LocalLinkOptions struct {
	Site       string   `yaml:"site" doc:"how link paths map to files: auto (detected from _config.yml, hugo.toml or config.toml with content/, mkdocs.yml, .git), plain (file paths, as on GitHub), jekyll, hugo or mkdocs"`
	Root       string   `yaml:"root" doc:"the directory /absolute links start from (Hugo: the content directory), relative to the config file; detected when empty"`
	Static     []string `yaml:"static" doc:"more directories /absolute links may point into, relative to the config file (Hugo's static/ is added when detected)"`
	BaseURL    []string `yaml:"base-url" doc:"prefixes of /absolute links that are not directories: paths (/blog) or templates ({{ site.baseurl }}; the usual Jekyll and Hugo ones are known)"`
	Extensions []string `yaml:"extensions" doc:"extensions tried, in order, for a link to a path without one"`
	Case       bool     `yaml:"case" doc:"report links that find their file only when case is ignored (they work on macOS and Windows, and break on Linux servers)"`
	Ignore     []string `yaml:"ignore" doc:"destinations never checked: glob patterns matched against the destination as written (/api/**, **/*.pdf)"`
}

// SetConfigDir resolves the option paths against the config file's directory.
func (o *LocalLinkOptions) SetConfigDir(dir string) {
	absPaths(dir, &o.Root)
	for i := range o.Static {
		absPaths(dir, &o.Static[i])
	}
}

// Validate checks the options.
func (o *LocalLinkOptions) Validate() error { return o.settings().validate() }

func (o *LocalLinkOptions) settings() siteSettings {
	return siteSettings{Site: o.Site, Root: o.Root, Static: o.Static, BaseURL: o.BaseURL, Extensions: o.Extensions, Ignore: o.Ignore}
}

// BrokenLocalLink reports links to files and pages that do not exist.
var BrokenLocalLink = &Rule{
	Name:     "broken-local-link",
	Costly:   true,
	Tags:     []string{"links"},
	Severity: Error,
	Fixable:  true,
	// Its fix rewrites a link destination: a change the render-safety proof
	// would refuse, made on purpose.
	ChangesStructure: true,
	Doc: Doc{
		Title: "Links to local files and pages must lead somewhere",
		Description: `Reports links and images whose target does not exist: relative paths (from the file, and
for Jekyll and Hugo also from the page's URL, as a browser resolves them), ` + "`/absolute`" + ` paths from
the site root, and the targets of Jekyll's ` + "`{% link %}`" + `, ` + "`{% post_url %}`" + `, ` + "`{% include_relative %}`" + `
and ` + "`{% include … path=\"…\" %}`" + ` and Hugo's ` + "`ref`" + ` and ` + "`relref`" + ` shortcodes. Base-URL prefixes such as
` + "`{{ site.baseurl }}`" + ` or ` + "`{{ '/docs/' | relative_url }}`" + ` are understood.

The site is detected from the files around the post (` + "`_config.yml`" + `: Jekyll, with its permalinks,
collections and posts; ` + "`hugo.toml`" + ` or ` + "`config.toml`" + ` with ` + "`content/`" + `: Hugo, where every page is a
directory and front matter ` + "`url`" + `, ` + "`slug`" + ` and ` + "`aliases`" + ` count; ` + "`mkdocs.yml`" + `; otherwise the Git
repository, as GitHub resolves links) or set with the options.

A page URL that matches no page is reported only under a section that holds pages (` + "`/docs/…`" + `
when there is a docs directory): tag pages, archives, feeds and theme assets are generated
and cannot be checked offline, so they are never reported.

A link that finds its file only when case is ignored works on macOS and Windows and breaks
on Linux servers; it is reported, and the fix corrects the case.`,
		Examples: []Example{
			{Bad: "![Logo](images/logo.png)", Good: "![Logo](img/logo.png)", Note: "the file is img/logo.png"},
			{Bad: "[Setup](Setup.md)", Good: "[Setup](setup.md)", Note: "case matters on Linux; the fix corrects it"},
			{Bad: "[Release]({% post_url 2023-01-01-relase %})", Good: "[Release]({% post_url 2023-01-01-release %})"},
		},
	},
	Options: func() any {
		return &LocalLinkOptions{Site: "auto", Static: []string{}, BaseURL: []string{}, Extensions: []string{".md", ".markdown", ".html"}, Case: true, Ignore: []string{}}
	},
	Run: runBrokenLocalLink,
}

func runBrokenLocalLink(pass *Pass) error {
	opts := OptionsOf[LocalLinkOptions](pass)
	env := newLinkEnv(pass, opts.settings())
	for _, l := range env.links {
		if env.ignored(l.Dest) {
			continue
		}
		r := env.site.Resolve(env.file, l)
		switch r.Status {
		case linkindex.Missing:
			msg := fmt.Sprintf("%s: %s", describe(pass.Source, l), missingWhy(l, r))
			if q := strings.Trim(l.Dest, `"'`); q != l.Dest && linkindex.HasScheme(q) {
				msg = fmt.Sprintf("%s: the destination is in quotes, so it is a relative path; remove the quotes", describe(pass.Source, l))
			}
			if s := linkindex.Shared.Suggest(env.file, l, r); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			pass.Reportf(l.Start, l.End, "%s", msg)
		case linkindex.CaseMismatch:
			if !opts.Case {
				continue
			}
			d := Diagnostic{Start: l.Start, End: l.End, Message: fmt.Sprintf("%s finds %s only when case is ignored: it works on macOS and Windows and breaks on Linux servers", describe(pass.Source, l), relTo(env.file, r.Actual))}
			if fixed, ok := caseFix(l, r); ok {
				d.Fix = &Fix{Message: fmt.Sprintf("write %q", fixed), Edits: []Edit{{Start: l.Start, End: l.End, NewText: fixed}}}
			}
			pass.Report(d)
		}
	}
	return nil
}

func missingWhy(l linkindex.Link, r linkindex.Resolution) string {
	switch l.Base {
	case linkindex.PostName:
		return r.Why + " (Jekyll fails the build)"
	case linkindex.SiteSource:
		return r.Why + " (Jekyll fails the build)"
	case linkindex.HugoRef:
		return r.Why + " (Hugo fails with REF_NOT_FOUND)"
	}
	what := "file"
	if l.Image {
		what = "image"
	}
	switch r.Why {
	case "no page has this URL":
		return "no page of the site has this URL"
	case "no such file":
		return "no such " + what
	}
	return r.Why
}

// relTo shows path relative to the directory of file when it is near, and
// as is otherwise.
func relTo(file, path string) string {
	rel, err := filepath.Rel(filepath.Dir(file), path)
	if err != nil || strings.Count(rel, "..") > 3 {
		return path
	}
	return filepath.ToSlash(rel)
}

// caseFix rewrites the written destination with the case of the file on
// disk, when the link names the file directly and is written plainly.
func caseFix(l linkindex.Link, r linkindex.Resolution) (string, bool) {
	if !l.Literal || strings.ContainsAny(l.Dest, "%\\") || l.Kind == linkindex.Template {
		return "", false
	}
	p, rest := l.Dest, ""
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p, rest = p[:i], p[i:]
	}
	trailing := strings.HasSuffix(p, "/")
	written := strings.Split(strings.TrimSuffix(p, "/"), "/")
	actual := strings.Split(filepath.ToSlash(r.Actual), "/")
	changed := false
	j := len(actual) - 1
	for i := len(written) - 1; i >= 0; i-- {
		w := written[i]
		if w == "" || w == "." || w == ".." {
			break
		}
		if j < 0 || !strings.EqualFold(w, actual[j]) {
			return "", false
		}
		if w != actual[j] {
			written[i] = actual[j]
			changed = true
		}
		j--
	}
	if !changed {
		return "", false
	}
	out := strings.Join(written, "/")
	if trailing {
		out += "/"
	}
	return out + rest, true
}
