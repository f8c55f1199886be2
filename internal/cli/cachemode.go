package cli

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/cache"
	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

// resultCache keeps each file's findings under a key made of everything
// that decides them: postlint's version (and, for a development build, the
// binary itself), the registered rules, the config file's bytes and place,
// the flags that change results (--select, --ignore), the file's path and
// its content. A warm run reads and hashes each file and lints only those
// whose key is new.
type resultCache struct {
	c     *cache.Cache
	cwd   string
	dir   string // the config's directory ("" without a config)
	fix   bool
	start time.Time // when the run started
}

func openResultCache(dir string, cfg *config.Config, c *cli.Context, r *runner, files []string) (*resultCache, error) {
	fix := c.Bool("fix")
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	parts := [][]byte{[]byte("postlint results v1"), []byte(version())}
	if v := version(); v == "devel" || strings.HasSuffix(v, "+dirty") {
		sum, err := executableHash()
		if err != nil {
			return nil, fmt.Errorf("--cache: a development build keys its cache on its own binary: %w", err)
		}
		parts = append(parts, sum)
	}
	var names []string
	for _, r := range rules.All() {
		names = append(names, r.Name)
	}
	parts = append(parts, []byte(strings.Join(names, ",")))
	if cfg != nil && cfg.Path != "" {
		b, err := os.ReadFile(cfg.Path)
		if err != nil {
			return nil, err
		}
		parts = append(parts, []byte("config"), b)
	} else {
		parts = append(parts, []byte("no config"), nil)
	}
	parts = append(parts,
		[]byte(strings.Join(c.StringSlice("select"), ",")),
		[]byte(strings.Join(c.StringSlice("ignore"), ",")))
	// Link rules resolve links against the rest of the site: their findings
	// depend on other files, so the key covers the tree (see treePrint).
	if linksActive(r.linter, files) {
		tp, err := treePrint(cwd, dir, files)
		if err != nil {
			return nil, fmt.Errorf("--cache=%s: %w", dir, err)
		}
		parts = append(parts, []byte("tree"), tp)
	}
	cc, err := cache.Open(dir, cache.NewKey(parts...))
	if err != nil {
		return nil, fmt.Errorf("--cache=%s: %w", dir, err)
	}
	rc := &resultCache{c: cc, cwd: cwd, fix: fix, start: time.Now()}
	if cfg != nil {
		rc.dir = cfg.Dir
	}
	return rc, nil
}

func executableHash() ([]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	b, err := os.ReadFile(exe)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	return sum[:], nil
}

// key is the cache key of a file's content under its path. The path counts
// as given (rules see it) and relative to the config (overrides match it).
func (rc *resultCache) key(path string, content []byte) cache.Key {
	return cache.NewKey([]byte("content"), []byte(path), []byte(rc.rel(path)), content)
}

// statKey is the key of what a file's metadata says about its content.
func (rc *resultCache) statKey(path string, fi os.FileInfo) cache.Key {
	var meta [16]byte
	binary.LittleEndian.PutUint64(meta[:8], uint64(fi.Size()))
	binary.LittleEndian.PutUint64(meta[8:], uint64(fi.ModTime().UnixNano()))
	return cache.NewKey([]byte("stat"), []byte(path), []byte(rc.rel(path)), meta[:])
}

func (rc *resultCache) rel(path string) string {
	rel := ""
	if rc.dir != "" {
		abs := path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(rc.cwd, path)
		}
		if r, err := filepath.Rel(rc.dir, abs); err == nil {
			rel = filepath.ToSlash(r)
		}
	}
	return rel
}

// An entry is the findings of a text, as JSON.
type cachedEntry struct {
	Findings []cachedFinding `json:"f"`
}

type cachedFinding struct {
	Rule     string     `json:"r"`
	Severity uint8      `json:"s"`
	Start    int        `json:"b"`
	End      int        `json:"e"`
	Message  string     `json:"m"`
	Fix      *cachedFix `json:"x,omitempty"`
}

type cachedFix struct {
	Message string       `json:"m"`
	Edits   []rules.Edit `json:"e"`
}

func encodeEntry(fs []report.Finding) ([]byte, error) {
	e := cachedEntry{Findings: []cachedFinding{}}
	for _, fd := range fs {
		cf := cachedFinding{Rule: fd.Rule.Name, Severity: uint8(fd.Severity), Start: fd.Start, End: fd.End, Message: fd.Message}
		if fd.Fix != nil {
			cf.Fix = &cachedFix{Message: fd.Fix.Message, Edits: fd.Fix.Edits}
		}
		e.Findings = append(e.Findings, cf)
	}
	return json.Marshal(e)
}

// decodeEntry reads an entry back; anything that does not fit the text
// (an unknown rule, a range out of bounds) makes it a miss.
func decodeEntry(data []byte, size int) ([]report.Finding, bool) {
	var e cachedEntry
	if err := json.Unmarshal(data, &e); err != nil || e.Findings == nil {
		return nil, false
	}
	out := make([]report.Finding, 0, len(e.Findings))
	for _, cf := range e.Findings {
		r := rules.Lookup(cf.Rule)
		sev := rules.Severity(cf.Severity)
		if r == nil || r.Name != cf.Rule || (sev != rules.Warning && sev != rules.Error) ||
			cf.Start < 0 || cf.End < cf.Start || cf.End > size {
			return nil, false
		}
		fd := report.Finding{Rule: r, Severity: sev, Diagnostic: rules.Diagnostic{Start: cf.Start, End: cf.End, Message: cf.Message}}
		if cf.Fix != nil {
			for _, ed := range cf.Fix.Edits {
				if ed.Start < cf.Start || ed.End < ed.Start || ed.End > cf.End {
					return nil, false
				}
			}
			fd.Fix = &rules.Fix{Message: cf.Fix.Message, Edits: cf.Fix.Edits}
		}
		out = append(out, fd)
	}
	return out, true
}

// process answers from the cache when it can, and otherwise lints (or
// fixes) and stores the result under the text it describes.
func (rc *resultCache) process(r *runner, path string, src []byte) outcome {
	k := rc.key(path, src)
	if data, ok := rc.c.Get(k); ok {
		if fs, ok := decodeEntry(data, len(src)); ok && rc.usable(fs) {
			return outcome{path: path, file: &report.File{Path: path, Source: src, Lines: source.NewLines(src), Findings: fs}}
		}
	}
	o := r.process(path, src)
	if o.err != nil || o.trouble || len(o.problems) > 0 || o.file == nil {
		return o // errors are reported on every run
	}
	// The findings describe o.file.Source: the text as it is, or as --fix
	// leaves it.
	data, err := encodeEntry(o.file.Findings)
	if err != nil {
		return o
	}
	k = rc.key(path, o.file.Source)
	rc.c.Put(k, data)
	// When the file was last changed well before this run began, what was
	// read is what its metadata describes: remember that, so that the next
	// run need not read it. (A change during the run, or in the same tick
	// of a coarse clock, makes a newer time and so no record.)
	if o.fixed == nil && len(o.file.Findings) == 0 {
		if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(src)) && fi.ModTime().Before(rc.start.Add(-2*time.Second)) {
			rc.c.Put(rc.statKey(path, fi), k[:])
		}
	}
	return o
}

// byStat answers for a file without reading it when its size and
// modification time are those of a text known to have no findings.
func (rc *resultCache) byStat(path string) (outcome, bool) {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return outcome{}, false
	}
	ref, ok := rc.c.Get(rc.statKey(path, fi))
	if !ok || len(ref) != len(cache.Key{}) {
		return outcome{}, false
	}
	var k cache.Key
	copy(k[:], ref)
	data, ok := rc.c.Get(k)
	if !ok {
		return outcome{}, false
	}
	fs, ok := decodeEntry(data, int(fi.Size()))
	if !ok || len(fs) > 0 {
		return outcome{}, false
	}
	return outcome{path: path, file: &report.File{Path: path, Lines: source.NewLines(nil)}}, true
}

// usable says whether cached findings answer this run: with --fix, only
// when nothing is left to fix.
func (rc *resultCache) usable(fs []report.Finding) bool {
	if !rc.fix {
		return true
	}
	for _, fd := range fs {
		if fd.Fix != nil {
			return false
		}
	}
	return true
}

// flush writes the new entries; a cache that cannot be written is worth a
// warning, not a failed run.
func (rc *resultCache) flush(r *runner) {
	if err := rc.c.Flush(); err != nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		fmt.Fprintf(r.env.Stderr, "postlint: warning: %v; results were not cached\n", err)
	}
}
