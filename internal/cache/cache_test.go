package cache_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/postlint/postlint/internal/cache"
)

func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	c, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	k := cache.NewKey([]byte("a"), []byte("b"))
	if _, ok := c.Get(k); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put(k, []byte("result")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(k); !ok || string(got) != "result" {
		t.Fatalf("Get = %q, %v", got, ok)
	}
	if err := c.Put(k, nil); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(k); !ok || len(got) != 0 {
		t.Fatalf("empty entry: Get = %q, %v", got, ok)
	}
	for _, name := range []string{"CACHEDIR.TAG", ".gitignore"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	// Reopening keeps the entries.
	c2, err := cache.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c2.Get(k); !ok {
		t.Error("entry lost on reopening")
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

// entryFile finds the file of the only entry of a cache.
func entryFile(t *testing.T, dir string) string {
	t.Helper()
	matches, err := filepath.Glob(filepath.Join(dir, "v1", "*", "*"))
	if err != nil || len(matches) != 1 {
		t.Fatalf("entries: %v %v", matches, err)
	}
	return matches[0]
}

func TestCorruptEntriesAreMisses(t *testing.T) {
	data := []byte(`{"findings":[{"rule":"mojibake","start":1,"end":2}]}`)
	for name, damage := range map[string]func([]byte) []byte{
		"truncated":   func(b []byte) []byte { return b[:len(b)-5] },
		"flipped":     func(b []byte) []byte { b[len(b)-3] ^= 0x20; return b },
		"empty":       func([]byte) []byte { return nil },
		"garbage":     func([]byte) []byte { return []byte("\x00\x01garbage") },
		"header only": func(b []byte) []byte { return b[:20] },
		"other magic": func(b []byte) []byte { return append([]byte("postlint-cache v0\n"), b[18:]...) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			c, err := cache.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			k := cache.NewKey([]byte(name))
			if err := c.Put(k, data); err != nil {
				t.Fatal(err)
			}
			p := entryFile(t, dir)
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); ok {
				t.Fatalf("a damaged entry was served: %q", got)
			}
			// A later run repairs it.
			if err := c.Put(k, data); err != nil {
				t.Fatal(err)
			}
			if got, ok := c.Get(k); !ok || !bytes.Equal(got, data) {
				t.Fatalf("after repair: %q, %v", got, ok)
			}
		})
	}
}

// TestConcurrent has writers and readers race on the same keys, as parallel
// CI jobs sharing a cache do: a reader sees a whole entry or none.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	const workers, rounds = 8, 100
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			c, err := cache.Open(dir) // each run opens its own
			if err != nil {
				t.Error(err)
				return
			}
			for i := 0; i < rounds; i++ {
				k := cache.NewKey([]byte{byte(i % 7)})
				want := bytes.Repeat([]byte{byte('a' + i%7)}, 1000+i%7)
				if err := c.Put(k, want); err != nil {
					t.Error(err)
					return
				}
				if got, ok := c.Get(k); ok && !bytes.Equal(got, want) {
					t.Errorf("worker %d round %d: read a mixed entry", w, i)
					return
				}
			}
		}(w)
	}
	wg.Wait()
	tmps, _ := filepath.Glob(filepath.Join(dir, "v1", "*", ".tmp-*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left behind: %v", tmps)
	}
}

func TestNotADirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := cache.Open(file); err == nil {
		t.Error("opened a cache where a file is")
	}
}
