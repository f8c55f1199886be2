package rules

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/bmatcuk/doublestar/v4"

	"github.com/postlint/postlint/internal/linkcheck"
	"github.com/postlint/postlint/internal/linkindex"
	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/slug"
)

// The link rules: offline checks of local files and anchors, and the
// verdicts of the external URL check (postlint --check-urls).
func init() {
	mustRegister(
		BrokenLocalLink,
		BrokenAnchor,
		BrokenExternalLink,
		UnverifiedLink,
		RedirectedLink,
	)
}

// siteSettings are the options broken-local-link and broken-anchor share:
// how the links of a page are resolved to files.
type siteSettings struct {
	Site       string
	Root       string
	Static     []string
	BaseURL    []string
	Extensions []string
	Ignore     []string
}

func (s siteSettings) validate() error {
	if _, err := linkindex.ParseKind(s.Site); err != nil {
		return err
	}
	for _, g := range s.Ignore {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("ignore: %q is not a valid glob pattern", g)
		}
	}
	for _, e := range s.Extensions {
		if !strings.HasPrefix(e, ".") {
			return fmt.Errorf("extensions: %q must start with a dot", e)
		}
	}
	return nil
}

// absPaths makes relative paths absolute against dir.
func absPaths(dir string, paths ...*string) {
	for _, p := range paths {
		if *p != "" && !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		}
	}
}

// linkEnv is what the link rules need for one document.
type linkEnv struct {
	file     string // absolute path of the document
	site     *linkindex.Site
	links    []linkindex.Link
	ignore   []string
	page     linkindex.Page
	prefixes []string
}

func newLinkEnv(pass *Pass, s siteSettings) *linkEnv {
	// broken-local-link and broken-anchor read the same links: with the
	// same settings (the usual case), they share one environment.
	envs := derive(pass.Document, linkEnvKey, func() *linkEnvs { return &linkEnvs{} })
	key := fmt.Sprintf("%q", s)
	envs.mu.Lock()
	defer envs.mu.Unlock()
	for _, e := range envs.list {
		if e.key == key {
			return e.env
		}
	}
	env := buildLinkEnv(pass, s)
	envs.list = append(envs.list, keyedLinkEnv{key, env})
	return env
}

var linkEnvKey = &derivedKey{"link environments"}

// linkEnvs are the link environments of a document, by settings.
type linkEnvs struct {
	mu   sync.Mutex
	list []keyedLinkEnv
}

type keyedLinkEnv struct {
	key string
	env *linkEnv
}

func buildLinkEnv(pass *Pass, s siteSettings) *linkEnv {
	file, err := filepath.Abs(pass.Path)
	if err != nil {
		file = pass.Path
	}
	kind, _ := linkindex.ParseKind(s.Site)
	cfg := linkindex.Config{Kind: kind, Root: s.Root, Static: s.Static, Extensions: s.Extensions}
	var prefixes []string
	for _, p := range linkindex.DefaultPrefixTemplates {
		prefixes = append(prefixes, linkindex.NormalizeTemplate(p))
	}
	for _, b := range s.BaseURL {
		if liquid.Contains([]byte(b)) {
			prefixes = append(prefixes, linkindex.NormalizeTemplate(b))
		} else {
			cfg.Prefixes = append(cfg.Prefixes, "/"+strings.Trim(b, "/"))
		}
	}
	env := &linkEnv{file: file, site: linkindex.Shared.SiteFor(file, cfg), ignore: s.Ignore, prefixes: prefixes}
	env.page = pageOf(pass.Document)
	env.links = linkindex.Links(env.page, prefixes)
	return env
}

// ignored reports whether a destination matches an ignore pattern, or is a
// placeholder that placeholder-link reports.
func (e *linkEnv) ignored(dest string) bool {
	if isPlaceholder(dest) {
		return true
	}
	for _, g := range e.ignore {
		if ok, _ := doublestar.Match(g, dest); ok {
			return true
		}
	}
	return false
}

// pageOf converts a document for the link index.
func pageOf(d *Document) linkindex.Page {
	spans := make([]liquid.Span, len(d.Templates))
	for i, t := range d.Templates {
		var k liquid.Kind
		switch t.Kind {
		case "output":
			k = liquid.Output
		case "tag":
			k = liquid.Tag
		case "shortcode":
			k = liquid.Shortcode
		case "body":
			k = liquid.Body
		}
		spans[i] = liquid.Span{Start: t.Start, End: t.End, Kind: k, Name: t.Name}
	}
	return linkindex.Page{Src: d.Source, AST: d.AST, Templates: spans, Body: d.BodyStart, Refs: d.References}
}

// describe names a link in a message: how it is written.
func describe(src []byte, l linkindex.Link) string {
	if l.Kind == linkindex.Template {
		return string(src[l.Start:l.End])
	}
	return fmt.Sprintf("%q", l.Dest)
}

// fragmentsNeverChecked are fragments that are not element ids: GitHub line
// references (#L10, #L10C2-L12), text fragments (#:~:text=), hash-bang and
// single-page-app routes (#!/x, #/x).
var fragmentsNeverChecked = regexp.MustCompile(`^(?:L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?|:~:.*|[!/].*)$`)

// parseSlug validates a slug option ("auto" or an algorithm).
func parseSlug(s string) (slug.Algorithm, error) {
	if s == "" || strings.EqualFold(s, "auto") {
		return "", nil
	}
	return slug.Parse(s)
}

var defaultPlaceholders = func() map[string]bool {
	m := make(map[string]bool)
	for _, p := range PlaceholderLink.Options().(*PlaceholderLinkOptions).Placeholders {
		m[strings.ToLower(p)] = true
	}
	return m
}()

// isPlaceholder reports destinations that placeholder-link reports with
// its default options: the link rules leave them alone.
func isPlaceholder(dest string) bool {
	d := strings.ToLower(strings.TrimSpace(dest))
	return d == "" || defaultPlaceholders[d]
}

// URLOptions configure the rules that report external URL checks.
type URLOptions struct {
	Ignore []string `yaml:"ignore" doc:"URLs never reported: glob patterns (https://twitter.com/**, **/*.pdf)"`
}

// Validate checks the options.
func (o *URLOptions) Validate() error {
	for _, g := range o.Ignore {
		if !doublestar.ValidatePattern(g) {
			return fmt.Errorf("ignore: %q is not a valid glob pattern", g)
		}
	}
	return nil
}

// externalLink is an http(s) link of a document with its check result.
type externalLink struct {
	linkindex.Link
	result *linkcheck.Result
	frag   string
}

// checkedURLs returns the external links of the document that were checked
// in this run (postlint --check-urls), without the ignored ones; nothing
// when URLs were not checked.
func checkedURLs(pass *Pass, ignore []string) ([]externalLink, *linkcheck.Results) {
	results := linkcheck.Published()
	if results == nil {
		return nil, nil
	}
	var out []externalLink
	for _, l := range linkindex.Links(pageOf(pass.Document), nil) {
		if l.Base != linkindex.FromPage || !linkindex.IsExternal(l.Dest) {
			continue
		}
		r, frag, ok := results.Lookup(l.Dest)
		if !ok {
			continue
		}
		skip := false
		for _, g := range ignore {
			if m, _ := doublestar.Match(g, l.Dest); m {
				skip = true
			}
		}
		if !skip {
			out = append(out, externalLink{Link: l, result: r, frag: frag})
		}
	}
	return out, results
}

// fragmentUnchecked reports fragments that are not checked against a
// page's ids.
func fragmentUnchecked(frag string) bool {
	return frag == "" || fragmentsNeverChecked.MatchString(frag)
}
