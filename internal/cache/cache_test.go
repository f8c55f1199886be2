package cache_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/postlint/postlint/internal/cache"
)

var salt = cache.NewKey([]byte("test salt"))

func open(t *testing.T, dir string) *cache.Cache {
	t.Helper()
	c, err := cache.Open(dir, salt)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func key(i int) cache.Key { return cache.NewKey([]byte(fmt.Sprint(i))) }

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	c := open(t, dir)
	if _, ok := c.Get(key(1)); ok {
		t.Fatal("hit in an empty cache")
	}
	c.Put(key(1), []byte("one"))
	c.Put(key(2), nil)
	if got, ok := c.Get(key(1)); !ok || string(got) != "one" {
		t.Fatalf("before Flush: Get = %q, %v", got, ok)
	}
	if err := c.Flush(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	c2 := open(t, dir)
	if got, ok := c2.Get(key(1)); !ok || string(got) != "one" {
		t.Errorf("reopened: Get(1) = %q, %v", got, ok)
	}
	if got, ok := c2.Get(key(2)); !ok || len(got) != 0 {
		t.Errorf("reopened: Get(2) = %q, %v", got, ok)
	}
	// Another salt sees none of it.
	c3, err := cache.Open(dir, cache.NewKey([]byte("other")))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c3.Get(key(1)); ok {
		t.Error("an entry crossed salts")
	}
	// Nothing new: no new segment.
	before := segments(t, dir)
	c2.Put(key(1), []byte("one"))
	if err := c2.Flush(); err != nil {
		t.Fatal(err)
	}
	if after := segments(t, dir); len(after) != len(before) {
		t.Errorf("an unchanged entry wrote a segment: %d → %d", len(before), len(after))
	}
}

func TestKeysDistinct(t *testing.T) {
	keys := map[cache.Key]string{}
	for _, parts := range [][][]byte{
		{[]byte("ab"), []byte("c")},
		{[]byte("a"), []byte("bc")},
		{[]byte("abc")},
		{[]byte("abc"), nil},
		{nil, []byte("abc")},
	} {
		k := cache.NewKey(parts...)
		if prev, dup := keys[k]; dup {
			t.Errorf("%q and %s hash alike", parts, prev)
		}
		keys[k] = fmt.Sprintf("%q", parts)
	}
}

func segments(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "v1", "*", "*.seg"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestDamage damages a segment of three entries in several ways: what is
// damaged (and what follows it) is a miss, what comes before still hits, and
// nothing wrong is ever served.
func TestDamage(t *testing.T) {
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":    func(b []byte) []byte { return b[:len(b)-5] },
		"flipped data": func(b []byte) []byte { b[len(b)-3] ^= 0x20; return b },
		"huge length":  func(b []byte) []byte { copy(b[26+32:], []byte{0xff, 0xff, 0xff, 0x7f}); return b },
		"bad checksum": func(b []byte) []byte { b[26+32+4] ^= 1; return b },
		"empty":        func([]byte) []byte { return nil },
		"garbage":      func([]byte) []byte { return []byte("\x00\x01garbage") },
		"other magic":  func(b []byte) []byte { return append([]byte("postlint-cache segment v0\n"), b[26:]...) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c := open(t, dir)
			// One segment per entry keeps their order known.
			for i, v := range []string{"first", "second", "third"} {
				c.Put(key(i), []byte(v))
				if err := c.Flush(); err != nil {
					t.Fatal(err)
				}
			}
			segs := segments(t, dir)
			if len(segs) != 3 {
				t.Fatalf("%d segments", len(segs))
			}
			var last string
			for _, s := range segs {
				if b, _ := os.ReadFile(s); bytes.HasSuffix(b, []byte("third")) {
					last = s
				}
			}
			b, err := os.ReadFile(last)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(last, damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			c2 := open(t, dir)
			if got, ok := c2.Get(key(2)); ok {
				t.Fatalf("a damaged entry was served: %q", got)
			}
			for i, v := range []string{"first", "second"} {
				if got, ok := c2.Get(key(i)); !ok || string(got) != v {
					t.Errorf("entry %d: %q, %v", i, got, ok)
				}
			}
			// A later run puts it back.
			c2.Put(key(2), []byte("third"))
			if err := c2.Flush(); err != nil {
				t.Fatal(err)
			}
			if got, ok := open(t, dir).Get(key(2)); !ok || string(got) != "third" {
				t.Errorf("after repair: %q, %v", got, ok)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < cache.MaxSegments+3; i++ {
		c := open(t, dir)
		c.Put(key(i), []byte(fmt.Sprint("v", i)))
		if err := c.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(segments(t, dir)); n > cache.MaxSegments {
		t.Errorf("%d segments: the merge did not happen", n)
	}
	c := open(t, dir)
	if c.Len() != cache.MaxSegments+3 {
		t.Errorf("%d entries after merging, want %d", c.Len(), cache.MaxSegments+3)
	}
	for i := 0; i < cache.MaxSegments+3; i++ {
		if got, ok := c.Get(key(i)); !ok || string(got) != fmt.Sprint("v", i) {
			t.Errorf("entry %d: %q, %v", i, got, ok)
		}
	}
}

// TestConcurrentRuns has several runs share a directory at once, as parallel
// CI jobs do, merging included: every run reads whole entries or none, and
// afterwards every entry written is there.
func TestConcurrentRuns(t *testing.T) {
	dir := t.TempDir()
	const runs, rounds = 6, 6
	var wg sync.WaitGroup
	for r := 0; r < runs; r++ {
		wg.Add(1)
		go func(r int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				c, err := cache.Open(dir, salt)
				if err != nil {
					t.Error(err)
					return
				}
				for j := 0; j < runs*rounds; j++ {
					if got, ok := c.Get(key(j)); ok && string(got) != fmt.Sprint("v", j) {
						t.Errorf("run %d read %q for entry %d", r, got, j)
					}
				}
				k := r*rounds + i
				c.Put(key(k), []byte(fmt.Sprint("v", k)))
				if err := c.Flush(); err != nil {
					t.Error(err)
					return
				}
			}
		}(r)
	}
	wg.Wait()
	c := open(t, dir)
	missing := 0
	for j := 0; j < runs*rounds; j++ {
		if _, ok := c.Get(key(j)); !ok {
			missing++
		}
	}
	// A merge racing with another run's new segment may drop that segment
	// (it removes only what it read, so this should not happen; allow none).
	if missing > 0 {
		t.Errorf("%d of %d entries lost", missing, runs*rounds)
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, "v1", "*", ".tmp-*")); len(tmps) > 0 {
		t.Errorf("temporary files left behind: %v", tmps)
	}
}

func TestStaleSaltsSwept(t *testing.T) {
	dir := t.TempDir()
	old, err := cache.Open(dir, cache.NewKey([]byte("old version")))
	if err != nil {
		t.Fatal(err)
	}
	old.Put(key(1), []byte("x"))
	if err := old.Flush(); err != nil {
		t.Fatal(err)
	}
	dirs, _ := filepath.Glob(filepath.Join(dir, "v1", "*"))
	long := time.Now().Add(-60 * 24 * time.Hour)
	for _, d := range dirs {
		if err := os.Chtimes(d, long, long); err != nil {
			t.Fatal(err)
		}
	}
	open(t, dir)
	if dirs, _ := filepath.Glob(filepath.Join(dir, "v1", "*")); len(dirs) != 1 {
		t.Errorf("salt directories after the sweep: %v", dirs)
	}
}

func TestNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.Open(file, salt); err == nil {
		t.Error("opened a cache where a file is")
	}
}
