package linkindex

import (
	"net/url"
	"path"
	"path/filepath"
	"strings"
)

// Status is the outcome of resolving a link offline.
type Status uint8

// Statuses.
const (
	Found        Status = iota + 1
	Missing             // certainly missing: readers get a 404 (or the build fails)
	CaseMismatch        // found only when case is ignored: breaks on case-sensitive servers
	Unknown             // not found, but the page may be generated (tags, feeds, theme files)
	External            // http(s): not checked offline
	NotAPath            // mailto:, tel:, javascript:… or nothing to check
)

// Resolution is where a link leads.
type Resolution struct {
	Status Status
	// File is the target (Found, CaseMismatch): a file or a directory.
	File string
	Dir  bool
	// Actual is, for CaseMismatch, the target as it exists on disk.
	Actual string
	// Path and Fragment are the link's path and #fragment, decoded.
	Path        string
	Fragment    string
	HasFragment bool
	// SamePage is set when the link points into its own page ("#x").
	SamePage bool
	// Why explains Missing and Unknown.
	Why string
}

// SplitDest splits a destination into its path, query and fragment,
// percent-decoding the path and fragment.
func SplitDest(dest string) (p, query, frag string, hasFrag bool) {
	p = dest
	if i := strings.IndexByte(p, '#'); i >= 0 {
		p, frag, hasFrag = p[:i], p[i+1:], true
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f
		}
	}
	if i := strings.IndexByte(p, '?'); i >= 0 {
		p, query = p[:i], p[i+1:]
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	return p, query, frag, hasFrag
}

var pageExts = map[string]bool{"": true, ".html": true, ".htm": true}

// assetExts are files a generator copies but does not generate: one that
// is missing at an /absolute path is certainly missing.
var assetExts = map[string]bool{
	".md": true, ".markdown": true, ".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true,
	".webp": true, ".avif": true, ".ico": true, ".bmp": true, ".tif": true, ".tiff": true, ".pdf": true,
	".mp4": true, ".webm": true, ".mov": true, ".mp3": true, ".ogg": true, ".wav": true, ".zip": true,
	".gz": true, ".tgz": true, ".csv": true, ".epub": true, ".key": true, ".pptx": true, ".docx": true, ".xlsx": true,
}

// Resolve finds where the link of the page file leads.
func (s *Site) Resolve(file string, l Link) (res Resolution) {
	dest := strings.TrimSpace(l.Dest)
	if l.Base == FromPage && hasScheme(dest) {
		if IsExternal(dest) {
			return Resolution{Status: External}
		}
		return Resolution{Status: NotAPath}
	}
	p, _, frag, hasFrag := SplitDest(dest)
	r := Resolution{Path: p, Fragment: frag, HasFragment: hasFrag}
	dir := filepath.Dir(file)
	if p == "" && l.Base == FromPage {
		if !hasFrag && dest != "" && !strings.HasPrefix(dest, "?") {
			return Resolution{Status: NotAPath}
		}
		r.Status, r.File, r.SamePage = Found, file, true
		return r
	}
	if p == "" {
		return Resolution{Status: NotAPath}
	}
	if l.Kind == Template && l.Base == FromPage && s.Kind != Jekyll && s.Kind != Hugo {
		// {{ site.baseurl }}/x in a site that is not known to be Jekyll's
		// or Hugo's: the page's URL layout is unknown.
		r.Status, r.Why = Unknown, "not in a known Jekyll or Hugo site"
		return r
	}
	if l.Base == HugoRef && s.Kind != Hugo {
		r.Status, r.Why = Unknown, "not in a Hugo site"
		return r
	}
	if l.Base == IncludeParam && s.Kind != Jekyll {
		// An include's path="…" names a site asset; a post read outside
		// its site (no _config.yml above it) cannot be checked.
		r.Status, r.Why = Unknown, "not in a Jekyll site"
		return r
	}
	switch l.Base {
	case PostName:
		if f, ok := s.Post(p); ok {
			r.Status, r.File = Found, f
			return r
		}
		if s.Kind != Jekyll || s.Root == "" {
			r.Status, r.Why = Unknown, "not in a Jekyll site"
			return r
		}
		r.Status, r.Why = Missing, "no post named "+p+" in a _posts folder"
		return r
	case SiteSource:
		if s.Kind != Jekyll {
			r.Status, r.Why = Unknown, "not in a Jekyll site"
			return r
		}
		base := s.Dir
		if base == "" {
			base = s.Root
		}
		if base == "" {
			r.Status, r.Why = Unknown, "the site directory is unknown"
			return r
		}
		return s.finish(r, []candidate{{base: base, path: filepath.Join(base, filepath.FromSlash(p)), exact: true}}, true, "no such file in the site")
	case IncludeRelative:
		return s.finish(r, []candidate{{base: dir, path: filepath.Join(dir, filepath.FromSlash(p)), exact: true}}, true, "no such file next to this one")
	}

	ext := strings.ToLower(path.Ext(strings.TrimSuffix(p, "/")))
	pageLike := pageExts[ext] || strings.HasSuffix(p, "/")
	var cands []candidate
	abs := strings.HasPrefix(p, "/")
	if abs {
		p = s.stripPrefix(p)
	}
	siteURLs := s.Kind == Jekyll || s.Kind == Hugo
	if l.Base == HugoRef {
		defer func() {
			// Hugo looks a ref up by the page's base name when no path
			// matches.
			if res.Status == Missing {
				if f, ok := s.PageNamed(p); ok {
					res.Status, res.File, res.Why = Found, f, ""
				}
			}
		}()
	}
	switch {
	case abs && l.Base == HugoRef:
		cands = append(cands, s.rootCandidates(p, true)...)
	case abs:
		if s.Root == "" {
			r.Status, r.Why = Unknown, "no site root is known for /absolute links (set the rule's root option)"
			return r
		}
		if siteURLs && pageLike {
			if f, ok := s.URLPage(p); ok {
				cands = append(cands, candidate{base: s.Root, path: f, exact: true})
			}
		}
		cands = append(cands, s.rootCandidates(p, pageLike)...)
	default:
		fileRel := candidate{base: dir, path: filepath.Join(dir, filepath.FromSlash(p)), page: pageLike}
		var urlRel []candidate
		if siteURLs && l.Base != IncludeParam {
			if u, ok := s.PageURL(file); ok {
				target := resolveURL(u, p)
				if pageLike {
					if f, ok := s.URLPage(target); ok {
						urlRel = append(urlRel, candidate{base: s.Root, path: f, exact: true})
					}
				}
				urlRel = append(urlRel, s.rootCandidates(target, pageLike)...)
			}
		}
		if pageLike && siteURLs && l.Base == FromPage {
			cands = append(append(cands, urlRel...), fileRel)
		} else {
			cands = append(append(cands, fileRel), urlRel...)
		}
		if l.Base == HugoRef || l.Base == IncludeParam {
			cands = append(cands, s.rootCandidates("/"+p, pageLike)...)
		}
	}

	certain := true
	why := "no such file"
	switch {
	case l.Base == HugoRef:
		why = "no such page in the content directory"
	case siteURLs && pageLike:
		// A page URL that matches no page: certain only where pages live.
		target := p
		if !abs {
			if u, ok := s.PageURL(file); ok {
				target = resolveURL(u, p)
			} else {
				certain = false
			}
		}
		if certain && !s.knownSection(target) {
			certain = false
		}
		if s.Kind == Jekyll && !s.Configured {
			// Without _config.yml the permalinks of collections and posts
			// are unknown.
			certain = false
		}
		why = "no page has this URL"
	case siteURLs && abs && !assetExts[ext]:
		// /feed.xml, /assets/css/main.css: generated or from a theme.
		certain = false
	case !siteURLs && ext == "":
		// "../other-page/" outside a known Jekyll or Hugo site: a pretty
		// URL of a generator whose layout is unknown (a Hugo content
		// folder without its config, a docs site).
		certain = false
	case !siteURLs && (ext == ".html" || ext == ".htm"):
		// An HTML page next to Markdown sources is usually generated
		// (mdBook, Sphinx, Docusaurus…).
		certain = false
	}
	return s.finish(r, cands, certain, why)
}

// stripPrefix removes a base-URL prefix from an /absolute path.
func (s *Site) stripPrefix(p string) string {
	for _, pre := range s.Prefixes {
		if p == pre {
			return "/"
		}
		if strings.HasPrefix(p, pre+"/") {
			return p[len(pre):]
		}
	}
	return p
}

// resolveURL resolves a relative reference against a page URL.
func resolveURL(base, ref string) string {
	if !strings.HasSuffix(base, "/") {
		base = path.Dir(base) + "/"
	}
	j := path.Join(base, ref)
	if strings.HasSuffix(ref, "/") && !strings.HasSuffix(j, "/") {
		j += "/"
	}
	return j
}

// candidate is a place a link may lead to.
type candidate struct {
	base  string // an existing directory the path is checked from
	path  string
	page  bool // a page: try Markdown files and index pages for it
	exact bool // the path as is, nothing else
}

func (s *Site) rootCandidates(p string, page bool) []candidate {
	var out []candidate
	if s.Root != "" {
		out = append(out, candidate{base: s.Root, path: filepath.Join(s.Root, filepath.FromSlash(p)), page: page})
	}
	for _, st := range s.Static {
		out = append(out, candidate{base: st, path: filepath.Join(st, filepath.FromSlash(p)), page: page})
	}
	return out
}

// expand lists the files a candidate may be.
func (s *Site) expand(c candidate) []string {
	if c.exact {
		return []string{c.path}
	}
	p := c.path
	ext := strings.ToLower(filepath.Ext(p))
	var out []string
	if c.page {
		stem := p
		if ext == ".html" || ext == ".htm" {
			stem = strings.TrimSuffix(p, filepath.Ext(p))
		}
		out = append(out, stem+".md", stem+".markdown",
			filepath.Join(stem, "_index.md"), filepath.Join(stem, "index.md"), filepath.Join(stem, "index.markdown"),
			filepath.Join(stem, "README.md"), filepath.Join(stem, "index.html"), p)
		if ext == "" {
			out = append(out, p+".html")
		}
		return out
	}
	out = append(out, p)
	if ext == "" {
		for _, e := range s.Exts {
			out = append(out, p+e)
		}
	}
	if ext == ".css" {
		stem := strings.TrimSuffix(p, filepath.Ext(p))
		out = append(out, stem+".scss", stem+".sass")
	}
	return out
}

// finish looks the candidates up: the first exact match wins, then the
// first match ignoring case.
func (s *Site) finish(r Resolution, cands []candidate, certain bool, why string) Resolution {
	var fold *Lookup
	foldExpanded := false // found under a name the link does not write (foo -> Foo.md)
	for _, c := range cands {
		for i, p := range s.expand(c) {
			lk := s.ix.Stat(c.base, p)
			if !lk.Found {
				continue
			}
			if lk.Actual == "" {
				r.Status, r.File, r.Dir = Found, p, lk.Dir
				return r
			}
			if fold == nil {
				l := lk
				fold, foldExpanded = &l, i > 0 || c.page
			}
		}
	}
	if fold != nil {
		if s.Kind == Hugo && !strings.Contains(strings.ToLower(r.Path), ".") {
			// Hugo lowercases page URLs: /Docs/Intro/ serves Docs/intro.md.
			r.Status, r.File, r.Dir = Found, fold.Actual, fold.Dir
			return r
		}
		if foldExpanded && !certain {
			// A page URL of an unknown generator that matches a file only
			// ignoring case (Hugo lowercases URLs): nothing certain.
			r.Status, r.Why = Unknown, why
			return r
		}
		r.Status, r.File, r.Dir, r.Actual = CaseMismatch, fold.Actual, fold.Dir, fold.Actual
		return r
	}
	if certain {
		r.Status = Missing
	} else {
		r.Status = Unknown
	}
	r.Why = why
	return r
}

// IsMarkdown reports whether a file is a Markdown page.
func IsMarkdown(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".md", ".markdown", ".mdown", ".mkd", ".mkdn":
		return true
	}
	return false
}

// Suggest returns a name close to the missing target of a link (a typo,
// another extension) found next to where it was looked for, or "". The
// suggestion is written the way the link wrote its last path element.
func (ix *Index) Suggest(file string, l Link, r Resolution) string {
	if r.Status != Missing || l.Base == PostName || r.Path == "" || strings.HasPrefix(r.Path, "/") {
		return ""
	}
	p := strings.TrimSuffix(r.Path, "/")
	want := path.Base(p)
	dir := filepath.Join(filepath.Dir(file), filepath.FromSlash(path.Dir(p)))
	if l.Base == SiteSource || l.Base == IncludeParam {
		return ""
	}
	lst := ix.list(dir)
	if !lst.ok {
		return ""
	}
	best, bestD := "", 3
	stem := strings.TrimSuffix(want, path.Ext(want))
	for name := range lst.names {
		if strings.HasPrefix(name, ".") {
			continue
		}
		d := editDistance(strings.ToLower(name), strings.ToLower(want))
		if s := strings.TrimSuffix(name, filepath.Ext(name)); s == stem && path.Ext(want) != "" {
			d = 1 // the same name with another extension
		}
		if d < bestD || d == bestD && name < best {
			best, bestD = name, d
		}
	}
	if best == "" || len(want) < 4 && bestD > 1 {
		return ""
	}
	if i := strings.LastIndex(r.Path, want); i >= 0 {
		return r.Path[:i] + best
	}
	return best
}

// editDistance is the Levenshtein distance, capped at 3.
func editDistance(a, b string) int {
	if d := len(a) - len(b); d > 3 || d < -3 {
		return 3
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return min(prev[len(b)], 3)
}
