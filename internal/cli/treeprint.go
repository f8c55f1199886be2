package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/postlint/postlint/internal/cache"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/rules"
)

// linksActive reports whether a rule that resolves links against the site
// (tag "links", except the "external" ones, which need --check-urls and
// then turn the cache off) runs on any of files.
func linksActive(l *lint.Linter, files []string) bool {
	for _, f := range files {
		for _, a := range l.RulesFor(f) {
			if a.Severity != rules.Off && hasTag(a.Rule, "links") && !hasTag(a.Rule, "external") {
				return true
			}
		}
	}
	return false
}

func hasTag(r *rules.Rule, tag string) bool {
	for _, t := range r.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// contentExts are the files whose content the link rules read: pages for
// their anchors, front matter and permalinks, and site configuration and
// data. Of any other file only its path (and size) counts: a link needs it
// to exist.
var contentExts = map[string]bool{".md": true, ".markdown": true, ".yml": true, ".yaml": true, ".toml": true, ".json": true, ".html": true}

// treePrint hashes what the link rules may read: the files of the git work
// tree of the working directory and of each linted file (tracked ones by
// the blob ids in git's index, changed and untracked ones from disk;
// ignored files left out), and, outside git, every file below the
// directories of the files linted (hidden directories and node_modules
// left out). Any change there changes the hash, and with it every key: a
// cross-file finding is never served stale, at the price of re-linting all
// files after such a change.
func treePrint(cwd, cacheDir string, files []string) ([]byte, error) {
	type root struct {
		dir string
		git bool
	}
	var roots []root
	add := func(dir string) {
		for _, r := range roots {
			if dir == r.dir || strings.HasPrefix(dir, r.dir+string(filepath.Separator)) {
				return
			}
		}
		if top := gitTop(dir); top != "" {
			roots = append(roots, root{top, true})
		} else {
			roots = append(roots, root{dir, false})
		}
	}
	if top := gitTop(cwd); top != "" {
		roots = append(roots, root{top, true})
	}
	dirs := map[string]bool{}
	for _, f := range files {
		dirs[filepath.Dir(realPath(f))] = true
	}
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted) // parents before children
	for _, d := range sorted {
		add(d)
	}
	cacheAbs := realPath(cacheDir)

	var entries []treeEntry
	for _, r := range roots {
		var es []treeEntry
		var err error
		if r.git {
			es, err = gitEntries(r.dir)
		} else {
			es, err = walkEntries(r.dir, cacheAbs)
		}
		if err != nil {
			return nil, err
		}
		entries = append(entries, es...)
	}
	memo, err := cache.Open(cacheDir, cache.NewKey([]byte("postlint content hashes by size and time v1")))
	if err != nil {
		return nil, err
	}
	hashContents(entries, memo)
	if err := memo.Flush(); err != nil {
		return nil, err
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].path < entries[j].path })
	h := sha256.New()
	var n [8]byte
	for _, e := range entries {
		h.Write([]byte(e.path))
		h.Write([]byte{0})
		binary.LittleEndian.PutUint64(n[:], uint64(e.size))
		h.Write(n[:])
		h.Write([]byte(e.id))
	}
	return h.Sum(nil), nil
}

type treeEntry struct {
	path string
	size int64
	id   string // git blob id or content hash; "" when only the path counts
	read bool   // id to be computed from the file
}

func gitTop(dir string) string {
	out, err := exec.Command("git", "-C", dir, "rev-parse", "--show-toplevel").Output()
	if err != nil {
		return ""
	}
	top := strings.TrimSpace(string(out))
	if real, err := filepath.EvalSymlinks(top); err == nil {
		top = real
	}
	return top
}

func nulSplit(b []byte) []string {
	var out []string
	for _, p := range bytes.Split(b, []byte{0}) {
		if len(p) > 0 {
			out = append(out, string(p))
		}
	}
	return out
}

// gitEntries lists a work tree: tracked files by their index blob id, those
// changed on disk and the untracked ones (not ignored) from disk.
func gitEntries(top string) ([]treeEntry, error) {
	git := func(args ...string) ([]byte, error) {
		return exec.Command("git", append([]string{"-C", top, "-c", "core.quotePath=false"}, args...)...).Output()
	}
	staged, err := git("ls-files", "-z", "-s")
	if err != nil {
		return nil, err
	}
	changed, err := git("ls-files", "-z", "-m", "-d")
	if err != nil {
		return nil, err
	}
	untracked, err := git("ls-files", "-z", "-o", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	dirty := map[string]bool{}
	for _, p := range nulSplit(changed) {
		dirty[p] = true
	}
	var out []treeEntry
	fromDisk := func(rel string) {
		p := filepath.Join(top, filepath.FromSlash(rel))
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			return // deleted
		}
		out = append(out, treeEntry{path: p, size: st.Size(), read: contentExts[strings.ToLower(filepath.Ext(p))]})
	}
	for _, line := range nulSplit(staged) {
		meta, rel, ok := strings.Cut(line, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) < 3 || dirty[rel] {
			continue
		}
		out = append(out, treeEntry{path: filepath.Join(top, filepath.FromSlash(rel)), id: f[1]})
	}
	for rel := range dirty {
		fromDisk(rel)
	}
	for _, rel := range nulSplit(untracked) {
		fromDisk(rel)
	}
	return out, nil
}

// walkEntries lists every file below dir but hidden directories,
// node_modules and the cache.
func walkEntries(dir, cacheAbs string) ([]treeEntry, error) {
	var out []treeEntry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: not part of the site as far as links go
		}
		if d.IsDir() {
			name := d.Name()
			if p != dir && (strings.HasPrefix(name, ".") || name == "node_modules" || p == cacheAbs) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		out = append(out, treeEntry{path: p, size: info.Size(), read: contentExts[strings.ToLower(filepath.Ext(p))]})
		return nil
	})
	return out, err
}

// hashContents fills in the ids of the entries to be read, in parallel. A
// file whose size and modification time are in memo is not read; a file
// last changed well before now is added to it (a change within the same
// tick of a coarse clock would otherwise go unseen).
func hashContents(entries []treeEntry, memo *cache.Cache) {
	settled := time.Now().Add(-2 * time.Second)
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				e := &entries[i]
				st, err := os.Stat(e.path)
				if err != nil {
					continue
				}
				var meta [16]byte
				binary.LittleEndian.PutUint64(meta[:8], uint64(st.Size()))
				binary.LittleEndian.PutUint64(meta[8:], uint64(st.ModTime().UnixNano()))
				k := cache.NewKey([]byte(e.path), meta[:])
				if id, ok := memo.Get(k); ok {
					e.id = string(id)
					continue
				}
				b, err := os.ReadFile(e.path)
				if err != nil {
					continue
				}
				sum := sha256.Sum256(b)
				e.id = hex.EncodeToString(sum[:])
				if st.ModTime().Before(settled) && int64(len(b)) == st.Size() {
					memo.Put(k, []byte(e.id))
				}
			}
		}()
	}
	for i := range entries {
		if entries[i].read {
			next <- i
		}
	}
	close(next)
	wg.Wait()
}
