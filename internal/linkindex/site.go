package linkindex

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	toml "github.com/pelletier/go-toml/v2"
	yaml "go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/slug"
)

// Kind is how a site turns files into URLs.
type Kind string

// Site kinds.
const (
	Auto   Kind = "auto"   // detect from the files around
	Plain  Kind = "plain"  // links are file paths (GitHub, GitLab, editors)
	Jekyll Kind = "jekyll" // _config.yml; permalinks, collections, posts
	Hugo   Kind = "hugo"   // hugo.toml/config.toml and content/; pages are directories
	MkDocs Kind = "mkdocs" // mkdocs.yml and docs/; links are file paths
)

// ParseKind validates a site kind.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.ToLower(strings.TrimSpace(s))); k {
	case "", Auto:
		return Auto, nil
	case Plain, Jekyll, Hugo, MkDocs:
		return k, nil
	}
	return "", fmt.Errorf("unknown site kind %q (want auto, plain, jekyll, hugo or mkdocs)", s)
}

// Config is the user's say over how links are resolved. Paths are absolute.
type Config struct {
	Kind       Kind
	Root       string   // where /absolute paths start; "" to detect
	Static     []string // more directories /absolute paths may point into
	Prefixes   []string // literal URL prefixes removed from /absolute paths ("/blog")
	Extensions []string // tried, in order, when a link names no file extension
}

func (c Config) key() string {
	return fmt.Sprintf("%s|%s|%s|%s|%s", c.Kind, c.Root, strings.Join(c.Static, ","), strings.Join(c.Prefixes, ","), strings.Join(c.Extensions, ","))
}

// Site is a resolved configuration: the kind of site a file belongs to and
// its directories.
type Site struct {
	Kind Kind
	// Configured is set when the site's own configuration was read
	// (_config.yml, hugo.toml…): without it, page URLs are guesses.
	Configured bool
	Dir        string // the site's directory (where its config file is); "" if unknown
	Root       string // where /absolute paths start; "" if unknown
	Static     []string
	Prefixes   []string
	Exts       []string
	// Slug is the platform's heading-id algorithm.
	Slug slug.Algorithm

	jekyll jekyllConfig
	hugo   hugoConfig

	ix   *Index
	urls onceMap[struct{}, *urlIndex]
}

type siteKey struct {
	cfg string
	dir string // the detected site directory (or the file's directory when none)
}

type detection struct {
	kind Kind
	dir  string // the directory holding the marker
}

// detect walks up from dir to the nearest site marker.
func (ix *Index) detect(dir string) detection {
	return ix.detects.get(dir, func() detection {
		l := ix.list(dir)
		has := func(names ...string) bool {
			for _, n := range names {
				if _, ok := l.names[n]; ok {
					return true
				}
			}
			return false
		}
		switch {
		case has("_config.yml", "_config.yaml", "_config.toml"):
			return detection{Jekyll, dir}
		case has("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json") ||
			has("config.toml", "config.yaml", "config.yml") && (has("content") || has("archetypes") || has("layouts")):
			return detection{Hugo, dir}
		case has("mkdocs.yml", "mkdocs.yaml"):
			return detection{MkDocs, dir}
		case has(".git"):
			return detection{Plain, dir}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return detection{}
		}
		return ix.detect(parent)
	})
}

// SiteFor returns the site that the file at path belongs to.
func (ix *Index) SiteFor(file string, cfg Config) *Site {
	start := filepath.Dir(file)
	if cfg.Root != "" {
		start = cfg.Root
	}
	d := ix.detect(start)
	if cfg.Root != "" && d.kind == Plain && cfg.Kind != Auto {
		// A configured root inside a repository: the kind says it all.
		d = detection{}
	}
	key := siteKey{cfg: cfg.key(), dir: d.dir}
	if d.dir == "" {
		key.dir = start
	}
	if d.kind == Hugo && cfg.Root == "" && (cfg.Kind == Auto || cfg.Kind == Hugo) {
		// A multilingual site: the content directory holding the file.
		hc := ix.hugoConfigOf(d.dir)
		for _, cd := range hc.ContentDirs {
			dir := filepath.Join(d.dir, cd)
			if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
				cfg.Root = dir
				key.cfg = cfg.key()
				break
			}
		}
	}
	return ix.sites.get(key, func() *Site { return ix.newSite(cfg, d) })
}

func (ix *Index) hugoConfigOf(dir string) hugoConfig {
	return ix.hugoConfigs.get(dir, func() hugoConfig { return readHugoConfig(dir) })
}

func (ix *Index) newSite(cfg Config, d detection) *Site {
	s := &Site{ix: ix, Kind: cfg.Kind, Dir: d.dir, Root: cfg.Root, Static: cfg.Static, Exts: cfg.Extensions}
	if s.Kind == Auto {
		s.Kind = d.kind
		if s.Kind == "" {
			s.Kind = Plain
		}
	}
	if s.Kind != d.kind {
		s.Dir = ""
	} else {
		s.Configured = s.Kind != Plain
	}
	if s.Dir == "" && cfg.Root != "" {
		s.Dir = cfg.Root
	}
	for _, p := range cfg.Prefixes {
		if p = strings.TrimRight(p, "/"); p != "" {
			s.Prefixes = append(s.Prefixes, p)
		}
	}
	switch s.Kind {
	case Jekyll:
		s.Slug = slug.Jekyll
		if d.kind == Jekyll {
			s.jekyll = readJekyllConfig(d.dir)
			if b := strings.TrimRight(s.jekyll.BaseURL, "/"); b != "" && strings.HasPrefix(b, "/") {
				s.Prefixes = append(s.Prefixes, b)
			}
		}
		if s.Root == "" {
			s.Root = s.Dir
		}
	case Hugo:
		s.Slug = slug.Hugo
		if d.kind == Hugo {
			s.hugo = ix.hugoConfigOf(d.dir)
			if s.Root == "" {
				s.Root = filepath.Join(d.dir, s.hugo.ContentDir)
			}
			static := filepath.Join(d.dir, s.hugo.StaticDir)
			if st, err := os.Stat(static); err == nil && st.IsDir() {
				s.Static = append(s.Static, static)
			}
			if u, err := url.Parse(s.hugo.BaseURL); err == nil && strings.Trim(u.Path, "/") != "" {
				s.Prefixes = append(s.Prefixes, "/"+strings.Trim(u.Path, "/"))
			}
		}
	case MkDocs:
		s.Slug = slug.MkDocs
		if s.Root == "" && d.kind == MkDocs {
			s.Root = filepath.Join(d.dir, readMkDocsDocsDir(d.dir))
		}
	default:
		s.Slug = slug.GitHub
		if s.Root == "" {
			s.Root = d.dir
		}
	}
	return s
}

type jekyllConfig struct {
	BaseURL        string                     `yaml:"baseurl"`
	Permalink      string                     `yaml:"permalink"`
	Collections    map[string]jekyllColConfig `yaml:"-"`
	CollectionsDir string                     `yaml:"collections_dir"`
	RawCollections any                        `yaml:"collections"`
}

type jekyllColConfig struct {
	Output    bool
	Permalink string
}

func readJekyllConfig(dir string) jekyllConfig {
	var c jekyllConfig
	for _, name := range []string{"_config.yml", "_config.yaml"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		_ = yaml.Unmarshal(b, &c)
		break
	}
	c.Collections = map[string]jekyllColConfig{}
	switch cols := c.RawCollections.(type) {
	case map[string]any:
		for name, v := range cols {
			cc := jekyllColConfig{}
			if m, ok := v.(map[string]any); ok {
				cc.Output, _ = m["output"].(bool)
				cc.Permalink, _ = m["permalink"].(string)
			}
			c.Collections[name] = cc
		}
	case []any:
		for _, v := range cols {
			if name, ok := v.(string); ok {
				c.Collections[name] = jekyllColConfig{}
			}
		}
	}
	return c
}

type hugoConfig struct {
	ContentDir string
	// ContentDirs are the per-language content directories
	// ([languages.en] contentDir = "content/en").
	ContentDirs []string
	StaticDir   string
	BaseURL     string
	UglyURLs    bool
	// Sections whose URLs are set by [permalinks] patterns.
	Permalinks map[string]string
}

func readHugoConfig(dir string) hugoConfig {
	c := hugoConfig{ContentDir: "content", StaticDir: "static"}
	var data map[string]any
	for _, name := range []string{"hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		if strings.HasSuffix(name, ".toml") {
			_ = toml.Unmarshal(b, &data)
		} else {
			_ = yaml.Unmarshal(b, &data) // JSON is YAML
		}
		break
	}
	str := func(k string) string {
		for key, v := range data {
			if strings.EqualFold(key, k) {
				s, _ := v.(string)
				return s
			}
		}
		return ""
	}
	if s := str("contentDir"); s != "" {
		c.ContentDir = s
	}
	if s := str("staticDir"); s != "" {
		c.StaticDir = s
	}
	c.BaseURL = str("baseURL")
	for key, v := range data {
		switch strings.ToLower(key) {
		case "languages":
			langs, _ := v.(map[string]any)
			for _, lv := range langs {
				lm, _ := lv.(map[string]any)
				for k, cd := range lm {
					if s, ok := cd.(string); ok && strings.EqualFold(k, "contentDir") && s != "" {
						c.ContentDirs = append(c.ContentDirs, s)
					}
				}
			}
			sort.Strings(c.ContentDirs)
		case "uglyurls":
			c.UglyURLs, _ = v.(bool)
		case "permalinks":
			if m, ok := v.(map[string]any); ok {
				c.Permalinks = map[string]string{}
				for sec, p := range m {
					if ps, ok := p.(string); ok {
						c.Permalinks[sec] = ps
					}
				}
			}
		}
	}
	return c
}

func readMkDocsDocsDir(dir string) string {
	for _, name := range []string{"mkdocs.yml", "mkdocs.yaml"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		// mkdocs.yml uses custom tags (!!python/name:...): read the one key
		// line by line instead of decoding the document.
		for _, line := range strings.Split(string(b), "\n") {
			if rest, ok := strings.CutPrefix(line, "docs_dir:"); ok {
				if v := strings.Trim(strings.TrimSpace(rest), `"'`); v != "" {
					return v
				}
			}
		}
	}
	return "docs"
}

// urlIndex maps the URLs of a site's pages to their files.
type urlIndex struct {
	pages    map[string]string   // normalized URL path -> file
	sections map[string]bool     // first URL segments that hold pages
	posts    map[string]string   // Jekyll post base names (date-title) -> file
	byBase   map[string][]string // page base names (bundles: their directory's) -> files
}

// normURL reduces the forms a page URL is written in to one key:
// "/a/b/", "/a/b", "/a/b.html" and "/a/b/index.html" are the same page.
func normURL(u string) string {
	u = strings.TrimSuffix(u, "index.html")
	u = strings.TrimSuffix(u, ".html")
	u = strings.TrimRight(u, "/")
	if !strings.HasPrefix(u, "/") {
		u = "/" + u
	}
	return u
}

// skipDir reports directories never walked for pages.
func skipDir(name string) bool {
	switch name {
	case "node_modules", "vendor", "_site", ".jekyll-cache", ".sass-cache", "public", "resources", ".bundle", "_includes", "_layouts", "_sass", "_data":
		return true
	}
	return strings.HasPrefix(name, ".") && name != "."
}

func (s *Site) index() *urlIndex {
	return s.urls.get(struct{}{}, func() *urlIndex {
		ui := &urlIndex{pages: map[string]string{}, sections: map[string]bool{}, posts: map[string]string{}, byBase: map[string][]string{}}
		if s.Root == "" {
			return ui
		}
		_ = filepath.WalkDir(s.Root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if d.IsDir() {
				if p != s.Root && skipDir(d.Name()) {
					return filepath.SkipDir
				}
				if p != s.Root && filepath.Dir(p) == s.Root {
					ui.sections[strings.ToLower(d.Name())] = true
				}
				return nil
			}
			ext := strings.ToLower(filepath.Ext(p))
			if ext != ".md" && ext != ".markdown" && ext != ".html" && ext != ".htm" {
				return nil
			}
			base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
			if base == "index" || base == "_index" {
				base = filepath.Base(filepath.Dir(p))
			}
			ui.byBase[strings.ToLower(base)] = append(ui.byBase[strings.ToLower(base)], p)
			if s.Kind == Jekyll && isPost(s.Root, p) {
				base := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
				ui.posts[base] = p
			}
			for _, u := range s.pageURLs(p) {
				k := normURL(u)
				if _, ok := ui.pages[k]; !ok {
					ui.pages[k] = p
				}
				if s.Kind == Hugo {
					ui.pages[strings.ToLower(k)] = p
				}
				if seg, _, _ := strings.Cut(strings.TrimPrefix(k, "/"), "/"); seg != "" {
					ui.sections[strings.ToLower(seg)] = true
				}
			}
			return nil
		})
		return ui
	})
}

func isPost(root, p string) bool {
	rel, err := filepath.Rel(root, p)
	if err != nil {
		return false
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part == "_posts" || part == "_drafts" {
			return true
		}
	}
	return false
}

// PageURL returns the URL path a page is served at, and whether it could be
// computed.
func (s *Site) PageURL(file string) (string, bool) {
	urls := s.pageURLs(file)
	if len(urls) == 0 {
		return "", false
	}
	return urls[0], true
}

// pageURLs returns the URL of a page followed by its aliases.
func (s *Site) pageURLs(file string) []string {
	if s.Root == "" {
		return nil
	}
	rel, err := filepath.Rel(s.Root, file)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil
	}
	rel = filepath.ToSlash(rel)
	fm := s.ix.head(file)
	str := func(k string) string {
		v, _ := fm[k].(string)
		return strings.TrimSpace(v)
	}
	list := func(k string) []string {
		var out []string
		switch v := fm[k].(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, x := range v {
				if s, ok := x.(string); ok {
					out = append(out, s)
				}
			}
		}
		return out
	}
	ext := path.Ext(rel)
	noExt := strings.TrimSuffix(rel, ext)
	dir, base := path.Split(noExt)
	var urls []string
	switch s.Kind {
	case Hugo:
		u := ""
		switch {
		case str("url") != "":
			u = "/" + strings.TrimLeft(str("url"), "/")
		case base == "index" || base == "_index":
			u = "/" + dir
		default:
			if sl := str("slug"); sl != "" {
				base = sl
			}
			u = "/" + dir + base + "/"
			if s.hugo.UglyURLs {
				u = "/" + dir + base + ".html"
			}
		}
		urls = append(urls, u)
		for _, a := range list("aliases") {
			if !strings.HasPrefix(a, "/") {
				a = "/" + dir + a
			}
			urls = append(urls, a)
		}
	case Jekyll:
		if p := str("permalink"); p != "" {
			if u, ok := s.expandJekyll(p, rel, fm); ok {
				urls = append(urls, u)
			}
		} else if u, ok := s.jekyllDefaultURL(rel, fm); ok {
			urls = append(urls, u)
		}
		urls = append(urls, list("redirect_from")...)
	default:
		urls = append(urls, "/"+rel)
	}
	return urls
}

// jekyllDefaultURL is the URL of a Jekyll document without a permalink of
// its own: pages by path, collection documents by their collection's
// pattern, posts by the site's permalink style.
func (s *Site) jekyllDefaultURL(rel string, fm map[string]any) (string, bool) {
	parts := strings.Split(rel, "/")
	if isPost(s.Root, filepath.Join(s.Root, rel)) {
		style := s.jekyll.Permalink
		if p := s.jekyll.Collections["posts"].Permalink; p != "" {
			style = p
		}
		if style == "" {
			style = "date"
		}
		return s.expandJekyll(style, rel, fm)
	}
	if strings.HasPrefix(parts[0], "_") {
		name := strings.TrimPrefix(parts[0], "_")
		col, ok := s.jekyll.Collections[name]
		if !ok && s.Configured {
			return "", false
		}
		p := col.Permalink
		if p == "" {
			p = "/:collection/:path:output_ext"
		}
		return s.expandJekyll(p, rel, fm)
	}
	ext := path.Ext(rel)
	u := "/" + strings.TrimSuffix(rel, ext) + ".html"
	if strings.HasSuffix(u, "/index.html") {
		u = strings.TrimSuffix(u, "index.html")
	}
	if s.jekyll.Permalink == "pretty" && !strings.HasSuffix(u, "/") {
		u = strings.TrimSuffix(u, ".html") + "/"
	}
	return u, true
}

var jekyllStyles = map[string]string{
	"date":     "/:categories/:year/:month/:day/:title:output_ext",
	"pretty":   "/:categories/:year/:month/:day/:title/",
	"ordinal":  "/:categories/:year/:y_day/:title:output_ext",
	"weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
	"none":     "/:categories/:title:output_ext",
}

// expandJekyll fills a Jekyll permalink pattern for a document; ok is false
// when it uses a placeholder this package does not model.
func (s *Site) expandJekyll(pattern, rel string, fm map[string]any) (string, bool) {
	if st, ok := jekyllStyles[pattern]; ok {
		pattern = st
	}
	if !strings.Contains(pattern, ":") {
		return pattern, true
	}
	parts := strings.Split(rel, "/")
	ext := path.Ext(rel)
	name := strings.TrimSuffix(parts[len(parts)-1], ext)
	vars := map[string]string{
		"output_ext": ".html",
		"basename":   name,
		"name":       name,
	}
	if strings.HasPrefix(parts[0], "_") {
		vars["collection"] = strings.TrimPrefix(parts[0], "_")
		vars["path"] = strings.TrimSuffix(strings.Join(parts[1:], "/"), ext)
	} else {
		vars["path"] = strings.TrimSuffix(rel, ext)
	}
	title := name
	if isPost(s.Root, filepath.Join(s.Root, rel)) && len(name) > 11 && name[4] == '-' && name[7] == '-' && name[10] == '-' {
		vars["year"], vars["month"], vars["day"] = name[:4], name[5:7], name[8:10]
		vars["i_month"] = strings.TrimLeft(vars["month"], "0")
		vars["i_day"] = strings.TrimLeft(vars["day"], "0")
		vars["short_year"] = name[2:4]
		title = name[11:]
		var cats []string
		for _, p := range parts[:len(parts)-1] {
			if p != "_posts" && p != "_drafts" {
				cats = append(cats, strings.ToLower(p))
			}
		}
		switch c := fm["categories"].(type) {
		case string:
			cats = append(cats, strings.Fields(strings.ToLower(c))...)
		case []any:
			for _, x := range c {
				cats = append(cats, strings.ToLower(fmt.Sprint(x)))
			}
		}
		if c, ok := fm["category"].(string); ok {
			cats = append(cats, strings.ToLower(c))
		}
		vars["categories"] = strings.Join(cats, "/")
	}
	if sl, ok := fm["slug"].(string); ok && sl != "" {
		title = sl
	}
	vars["title"] = title
	vars["slug"] = title
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] != ':' {
			b.WriteByte(pattern[i])
			continue
		}
		j := i + 1
		for j < len(pattern) && (pattern[j] == '_' || pattern[j] >= 'a' && pattern[j] <= 'z') {
			j++
		}
		v, ok := vars[pattern[i+1:j]]
		if !ok {
			return "", false
		}
		b.WriteString(v)
		i = j - 1
	}
	u := b.String()
	for strings.Contains(u, "//") {
		u = strings.ReplaceAll(u, "//", "/")
	}
	return u, true
}

// Post finds a Jekyll post by the name {% post_url %} takes
// ("2010-07-21-name", optionally after a directory).
func (s *Site) Post(name string) (string, bool) {
	name = strings.Trim(name, "/ ")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	p, ok := s.index().posts[name]
	return p, ok
}

// PageNamed finds the one page whose file (or bundle directory) has this
// base name, as Hugo's ref and GetPage do when no path matches.
func (s *Site) PageNamed(name string) (string, bool) {
	name = strings.ToLower(strings.TrimSuffix(path.Base(strings.TrimSuffix(name, "/")), path.Ext(name)))
	if ps := s.index().byBase[name]; len(ps) == 1 {
		return ps[0], true
	}
	return "", false
}

// URLPage finds the page served at a site URL path.
func (s *Site) URLPage(u string) (string, bool) {
	ui := s.index()
	k := normURL(u)
	if p, ok := ui.pages[k]; ok {
		return p, true
	}
	if s.Kind == Hugo {
		p, ok := ui.pages[strings.ToLower(k)]
		return p, ok
	}
	return "", false
}

// knownSection reports whether the first segment of a site URL is a place
// that holds pages: only there is a missing page certainly missing
// (elsewhere it may be generated: tags, archives, feeds, pagination).
func (s *Site) knownSection(u string) bool {
	seg, _, _ := strings.Cut(strings.TrimPrefix(u, "/"), "/")
	if seg == "" {
		return false
	}
	if s.Kind == Hugo && s.hugo.Permalinks[seg] != "" {
		return false
	}
	return s.index().sections[strings.ToLower(seg)]
}

// SectionsForTest lists the known sections (for tests and debugging).
func (s *Site) SectionsForTest() []string {
	var out []string
	for k := range s.index().sections {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
