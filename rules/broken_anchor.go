package rules

import (
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/linkindex"
	"github.com/postlint/postlint/internal/slug"
)

// AnchorOptions configures broken-anchor.
type AnchorOptions struct {
	Slug       string   `yaml:"slug" doc:"how headings become ids: auto (the detected site's: jekyll, hugo, mkdocs; github otherwise), github, gitlab, jekyll (kramdown with GFM input), kramdown, hugo or mkdocs"`
	IgnoreCase bool     `yaml:"ignore-case" doc:"accept a fragment that matches an id when case is ignored (browsers compare ids exactly)"`
	Site       string   `yaml:"site" doc:"how link paths map to files, as for broken-local-link: auto, plain, jekyll, hugo or mkdocs"`
	Root       string   `yaml:"root" doc:"the directory /absolute links start from, relative to the config file; detected when empty"`
	Static     []string `yaml:"static" doc:"more directories /absolute links may point into"`
	BaseURL    []string `yaml:"base-url" doc:"prefixes of /absolute links that are not directories (/blog, {{ site.baseurl }})"`
	Extensions []string `yaml:"extensions" doc:"extensions tried, in order, for a link to a path without one"`
	Ignore     []string `yaml:"ignore" doc:"destinations never checked: glob patterns matched against the destination as written (#fig-*, **#L*)"`
}

// SetConfigDir resolves the option paths against the config file's directory.
func (o *AnchorOptions) SetConfigDir(dir string) {
	absPaths(dir, &o.Root)
	for i := range o.Static {
		absPaths(dir, &o.Static[i])
	}
}

// Validate checks the options.
func (o *AnchorOptions) Validate() error {
	if _, err := parseSlug(o.Slug); err != nil {
		return err
	}
	return o.settings().validate()
}

func (o *AnchorOptions) settings() siteSettings {
	return siteSettings{Site: o.Site, Root: o.Root, Static: o.Static, BaseURL: o.BaseURL, Extensions: o.Extensions, Ignore: o.Ignore}
}

// BrokenAnchor reports #fragments that match no heading or id of their page.
var BrokenAnchor = &Rule{
	Name:     "broken-anchor",
	Costly:   true,
	Tags:     []string{"links"},
	Severity: Error,
	Fixable:  true,
	// Its fix rewrites a link destination: a change the render-safety proof
	// would refuse, made on purpose.
	ChangesStructure: true,
	Doc: Doc{
		Title: "Link fragments must match a heading or an id of their page",
		Description: `Reports ` + "`#fragment`" + ` links, within the page and into other local Markdown pages, that
match no id of the target page. Heading ids are computed the way the platform computes them
(option ` + "`slug`" + `: ` + "`github`" + `, ` + "`gitlab`" + `, ` + "`jekyll`" + ` for kramdown with GFM input as Jekyll uses it,
` + "`kramdown`" + `, ` + "`hugo`" + `, ` + "`mkdocs`" + `; by default the detected site's), duplicates numbered as the platform
numbers them (` + "`-1`" + `, ` + "`-2`" + ` or ` + "`_1`" + `, ` + "`_2`" + `). Explicit ids count too: ` + "`{#id}`" + ` after a heading,
a kramdown ` + "`{: #id}`" + ` line, and HTML ` + "`id=`" + ` and ` + "`name=`" + ` attributes. ` + "`#top`" + `, GitHub line
references (` + "`#L10`" + `) and text fragments are always accepted.

A page whose ids cannot all be known offline (a heading built with a template, an include
that writes anchors) is not checked. Fragments of links to missing files are left to
broken-local-link. A fragment that differs from an id only in case is reported with a fix
(browsers compare ids exactly), unless ` + "`ignore-case`" + ` is set.`,
		Examples: []Example{
			{Bad: "## Install the CLI\n\nSee [installing](#install).", Good: "## Install the CLI\n\nSee [installing](#install-the-cli)."},
			{Bad: "See [usage](guide.md#Usage).", Good: "See [usage](guide.md#usage).", Note: "ids are lowercase; the fix corrects the case"},
		},
	},
	Options: func() any {
		return &AnchorOptions{Slug: "auto", Site: "auto", Static: []string{}, BaseURL: []string{}, Extensions: []string{".md", ".markdown", ".html"}, Ignore: []string{}}
	},
	Run: runBrokenAnchor,
}

func runBrokenAnchor(pass *Pass) error {
	opts := OptionsOf[AnchorOptions](pass)
	env := newLinkEnv(pass, opts.settings())
	alg, _ := parseSlug(opts.Slug)
	if alg == "" {
		alg = env.site.Slug
	}
	var own *linkindex.Anchors
	for _, l := range env.links {
		if env.ignored(l.Dest) {
			continue
		}
		r := env.site.Resolve(env.file, l)
		if r.Status != linkindex.Found || !r.HasFragment || r.Fragment == "" || fragmentsNeverChecked.MatchString(r.Fragment) {
			continue
		}
		var anchors *linkindex.Anchors
		where := "this page"
		if r.SamePage || r.File == env.file {
			if own == nil {
				own = linkindex.ComputeAnchors(env.page, alg)
			}
			anchors = own
		} else {
			if r.Dir || !linkindex.IsMarkdown(r.File) {
				continue
			}
			a, err := linkindex.Shared.AnchorsOf(r.File, alg)
			if err != nil {
				continue
			}
			anchors = a
			where = relTo(env.file, r.File)
		}
		if anchors.Dynamic || anchors.Has(r.Fragment) {
			continue
		}
		if id := anchors.Fold(r.Fragment); id != "" {
			if opts.IgnoreCase {
				continue
			}
			d := Diagnostic{Start: l.Start, End: l.End, Message: fmt.Sprintf("fragment #%s differs in case from the id #%s in %s (browsers compare ids exactly)", r.Fragment, id, where)}
			if fixed, ok := replaceFragment(l, id); ok {
				d.Fix = &Fix{Message: fmt.Sprintf("link to #%s", id), Edits: []Edit{{Start: l.Start, End: l.End, NewText: fixed}}}
			}
			pass.Report(d)
			continue
		}
		msg := fmt.Sprintf("fragment #%s matches no heading or id in %s", r.Fragment, where)
		if s := closestID(r.Fragment, anchors); s != "" {
			msg += fmt.Sprintf("; did you mean #%s?", s)
		}
		if alg != slug.GitHub && otherPlatform(env, r, slug.GitHub).Has(r.Fragment) {
			msg += fmt.Sprintf(" (it is the id GitHub gives the heading; this site computes ids as %s does: set the slug option if the site is rendered elsewhere)", alg)
		}
		pass.Reportf(l.Start, l.End, "%s", msg)
	}
	return nil
}

// replaceFragment rewrites the fragment of a plainly written destination.
func replaceFragment(l linkindex.Link, id string) (string, bool) {
	if !l.Literal || l.Kind == linkindex.Template {
		return "", false
	}
	i := strings.IndexByte(l.Dest, '#')
	if i < 0 || strings.ContainsAny(l.Dest[i:], "%\\&") {
		return "", false
	}
	return l.Dest[:i+1] + id, true
}

// closestID suggests a heading id near a fragment: one edit or two apart,
// or one that starts or ends with it.
func closestID(frag string, a *linkindex.Anchors) string {
	best, bestD := "", 3
	f := strings.ToLower(frag)
	for id := range a.IDs {
		d := levenshtein(f, strings.ToLower(id), 3)
		if d > 2 && len(f) >= 5 && (strings.HasPrefix(id, f+"-") || strings.HasSuffix(id, "-"+f)) {
			d = 2
		}
		if d < bestD || d == bestD && id < best {
			best, bestD = id, d
		}
	}
	if bestD > 2 || len(f) < 4 && bestD > 1 {
		return ""
	}
	return best
}

// levenshtein is the edit distance of a and b, or limit when it is larger.
func levenshtein(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			c := prev[j-1]
			if ra[i-1] != rb[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}

// otherPlatform computes a target's anchors with another algorithm, for
// hints.
func otherPlatform(env *linkEnv, r linkindex.Resolution, alg slug.Algorithm) *linkindex.Anchors {
	if r.SamePage || r.File == env.file {
		return linkindex.ComputeAnchors(env.page, alg)
	}
	a, err := linkindex.Shared.AnchorsOf(r.File, alg)
	if err != nil {
		return &linkindex.Anchors{}
	}
	return a
}
