package linkindex

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/postlint/postlint/internal/frontmatter"
	"github.com/postlint/postlint/internal/liquid"
	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/internal/slug"
)

// Index caches what link checking reads from the file system: directory
// listings, sites, the anchors of target pages and each site's URL map. It
// is safe for concurrent use; each entry is computed once, by the first
// goroutine that needs it, while the others wait for it.
type Index struct {
	dirs    onceMap[string, *listing]
	detects onceMap[string, detection]
	sites   onceMap[siteKey, *Site]
	anchors onceMap[anchorKey, *pageAnchors]
	heads   onceMap[string, *pageHead]
	stats   onceMap[statKey, Lookup]

	hugoConfigs onceMap[string, hugoConfig]
}

// Shared is the process-wide index the rules use.
var Shared = &Index{}

// onceMap computes each value once.
type onceMap[K comparable, V any] struct {
	mu sync.Mutex
	m  map[K]*onceVal[V]
}

type onceVal[V any] struct {
	once sync.Once
	v    V
}

func (m *onceMap[K, V]) get(k K, compute func() V) V {
	m.mu.Lock()
	if m.m == nil {
		m.m = make(map[K]*onceVal[V])
	}
	e, ok := m.m[k]
	if !ok {
		e = &onceVal[V]{}
		m.m[k] = e
	}
	m.mu.Unlock()
	e.once.Do(func() { e.v = compute() })
	return e.v
}

// forget drops an entry so that the next get computes it again.
func (m *onceMap[K, V]) forget(k K) {
	m.mu.Lock()
	delete(m.m, k)
	m.mu.Unlock()
}

// listing is one directory's entries.
type listing struct {
	ok    bool
	names map[string]bool     // name -> is a directory
	lower map[string][]string // lowercased name -> names
}

func (ix *Index) list(dir string) *listing {
	return ix.dirs.get(dir, func() *listing {
		l := &listing{names: make(map[string]bool), lower: make(map[string][]string)}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return l
		}
		l.ok = true
		for _, e := range entries {
			isDir := e.IsDir()
			if e.Type()&os.ModeSymlink != 0 {
				if st, err := os.Stat(filepath.Join(dir, e.Name())); err == nil {
					isDir = st.IsDir()
				}
			}
			l.names[e.Name()] = isDir
			k := strings.ToLower(e.Name())
			l.lower[k] = append(l.lower[k], e.Name())
		}
		return l
	})
}

// Lookup is the result of finding a path on disk.
type Lookup struct {
	Found bool
	Dir   bool
	// Actual is the path as it exists when it was found only by ignoring
	// case (a link that works on macOS and Windows but not on Linux); ""
	// when the case matches.
	Actual string
}

// Stat finds path, an absolute clean path below base (an existing
// directory), comparing each name below base exactly and, failing that,
// ignoring case.
func (ix *Index) Stat(base, path string) Lookup {
	// Pages of a site link the same targets again and again.
	return ix.stats.get(statKey{base, path}, func() Lookup { return ix.stat(base, path) })
}

type statKey struct{ base, path string }

func (ix *Index) stat(base, path string) Lookup {
	rel, err := filepath.Rel(base, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		// Outside base: walk from the common ancestor.
		base = commonDir(base, path)
		rel, err = filepath.Rel(base, path)
		if err != nil {
			return Lookup{}
		}
	}
	if rel == "." {
		st, err := os.Stat(path)
		return Lookup{Found: err == nil, Dir: err == nil && st.IsDir()}
	}
	dir := base
	actual := base
	mismatch := false
	isDir := true
	for _, name := range strings.Split(rel, string(filepath.Separator)) {
		if !isDir {
			return Lookup{}
		}
		l := ix.list(actual)
		if !l.ok {
			return Lookup{}
		}
		if d, ok := l.names[name]; ok {
			isDir = d
			actual = filepath.Join(actual, name)
		} else if alts := l.lower[strings.ToLower(name)]; len(alts) > 0 {
			mismatch = true
			isDir = l.names[alts[0]]
			actual = filepath.Join(actual, alts[0])
		} else {
			return Lookup{}
		}
		dir = filepath.Join(dir, name)
	}
	lk := Lookup{Found: true, Dir: isDir}
	if mismatch {
		lk.Actual = actual
	}
	return lk
}

func commonDir(a, b string) string {
	as := strings.Split(a, string(filepath.Separator))
	bs := strings.Split(b, string(filepath.Separator))
	n := 0
	for n < len(as) && n < len(bs) && as[n] == bs[n] {
		n++
	}
	c := strings.Join(as[:n], string(filepath.Separator))
	if c == "" {
		return string(filepath.Separator)
	}
	return c
}

// pageHead is the front matter of a page, read once.
type pageHead struct {
	data map[string]any
}

// head returns the front matter data of a file (nil without front matter).
func (ix *Index) head(path string) map[string]any {
	return ix.heads.get(path, func() *pageHead {
		src, err := readHead(path)
		if err != nil {
			return &pageHead{}
		}
		fm := frontmatter.Parse(src)
		if fm == nil {
			return &pageHead{}
		}
		return &pageHead{data: fm.Data}
	}).data
}

// readHead reads enough of a file for its front matter: the first 64 KiB,
// or the whole file when its front matter is longer.
func readHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	buf := make([]byte, 64<<10)
	n, _ := f.Read(buf)
	buf = buf[:n]
	if fm := frontmatter.Parse(buf); fm != nil && fm.Err != nil && n == len(buf) {
		return os.ReadFile(path)
	}
	return buf, nil
}

type anchorKey struct {
	path string
	alg  slug.Algorithm
}

type pageAnchors struct {
	anchors *Anchors
	mod     time.Time
	size    int64
	err     error
}

// AnchorsOf returns the anchors of the Markdown file at path, parsing it
// once per algorithm (again only when the file changed on disk).
func (ix *Index) AnchorsOf(path string, alg slug.Algorithm) (*Anchors, error) {
	k := anchorKey{path, alg}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	pa := ix.anchors.get(k, func() *pageAnchors { return loadAnchors(path, alg) })
	if pa.err == nil && (!pa.mod.Equal(st.ModTime()) || pa.size != st.Size()) {
		ix.anchors.forget(k)
		pa = ix.anchors.get(k, func() *pageAnchors { return loadAnchors(path, alg) })
	}
	return pa.anchors, pa.err
}

// parses counts the pages parsed for their anchors (tests check the cache).
var parses atomic.Int64

func loadAnchors(path string, alg slug.Algorithm) *pageAnchors {
	parses.Add(1)
	st, err := os.Stat(path)
	if err != nil {
		return &pageAnchors{err: err}
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return &pageAnchors{err: err}
	}
	return &pageAnchors{anchors: ComputeAnchors(ParsePage(src), alg), mod: st.ModTime(), size: st.Size()}
}

// ParsePage parses a Markdown file the way the document model does: front
// matter skipped, opaque template bodies ({% raw %}) blanked.
func ParsePage(src []byte) Page {
	body := 0
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		body = 3
	}
	if fm := frontmatter.Parse(src); fm != nil {
		body = fm.BodyStart
	}
	spans := liquid.Scan(src, body)
	parseSrc := src
	for _, sp := range spans {
		if sp.Kind != liquid.Body {
			continue
		}
		if &parseSrc[0] == &src[0] {
			parseSrc = append([]byte(nil), src...)
		}
		for k := sp.Start; k < sp.End; k++ {
			if c := parseSrc[k]; c != '\n' && c != '\r' {
				parseSrc[k] = ' '
			}
		}
	}
	root, refs := markdown.Parse(parseSrc, body)
	m := make(map[string]string, len(refs))
	for _, r := range refs {
		if k := normalizeLabel(r.Label); k != "" {
			if _, ok := m[k]; !ok {
				m[k] = r.Destination
			}
		}
	}
	return Page{Src: src, AST: root, Templates: spans, Body: body, Refs: m}
}
