// Package cache is a directory of results keyed by a hash of everything
// that decides them. Entries are written atomically (a temporary file renamed
// into place), so concurrent runs sharing a directory see whole entries or
// none; each entry carries a checksum, so a damaged entry is a miss, never
// a wrong answer.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// layout names the entry format; a new format uses a new directory.
const layout = "v1"

var magic = []byte("postlint-cache v1\n")

// Cache is an open cache directory. It is safe for concurrent use.
type Cache struct {
	dir string // DIR/v1
}

// Key identifies an entry.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// NewKey hashes parts into a key; each part is length-prefixed, so no two
// different sequences of parts make the same input.
func NewKey(parts ...[]byte) Key {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		binary.LittleEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	var k Key
	h.Sum(k[:0])
	return k
}

// Open opens (creating it if need be) the cache in dir. The directory gets a
// CACHEDIR.TAG and a .gitignore that ignores it whole.
func Open(dir string) (*Cache, error) {
	if err := os.MkdirAll(filepath.Join(dir, layout), 0o755); err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	for name, text := range map[string]string{
		"CACHEDIR.TAG": "Signature: 8a477f597d28d172789f06886806bc55\n# This directory is a cache made by postlint; see https://bford.info/cachedir/\n",
		".gitignore":   "# Made by postlint: the whole cache is ignored.\n*\n",
	} {
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			if err := writeAtomic(p, []byte(text)); err != nil {
				return nil, fmt.Errorf("cache: %w", err)
			}
		}
	}
	return &Cache{dir: filepath.Join(dir, layout)}, nil
}

func (c *Cache) path(k Key) string {
	s := k.String()
	return filepath.Join(c.dir, s[:2], s[2:])
}

// Get returns the data stored under k. A missing, truncated or damaged
// entry is a miss.
func (c *Cache) Get(k Key) ([]byte, bool) {
	b, err := os.ReadFile(c.path(k))
	if err != nil {
		return nil, false
	}
	if !bytes.HasPrefix(b, magic) || len(b) < len(magic)+sha256.Size {
		return nil, false
	}
	b = b[len(magic):]
	sum, data := b[:sha256.Size], b[sha256.Size:]
	if got := sha256.Sum256(data); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	return data, true
}

// Put stores data under k, replacing any entry: the entry appears whole or
// not at all.
func (c *Cache) Put(k Key, data []byte) error {
	p := c.path(k)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	sum := sha256.Sum256(data)
	entry := make([]byte, 0, len(magic)+len(sum)+len(data))
	entry = append(entry, magic...)
	entry = append(entry, sum[:]...)
	entry = append(entry, data...)
	if err := writeAtomic(p, entry); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	return nil
}

// writeAtomic writes a file through a temporary file in the same directory
// renamed over it.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		_ = os.Remove(tmp) // best effort: the error that matters is err
		return err
	}
	return nil
}
