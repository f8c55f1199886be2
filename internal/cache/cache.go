// Package cache keeps results keyed by a hash of everything that decides
// them, in a directory that concurrent runs may share.
//
// A cache is opened for one salt (the hash of what every entry of a run
// shares: the tool's version, its configuration) and lives in DIR/v1/SALT/.
// Entries are kept in segment files: a run reads every segment of its salt
// once, and writes the entries it adds as one new segment, atomically (a
// temporary file renamed into place), so a concurrent run sees a whole
// segment or none. Every entry carries a checksum: a damaged entry, or
// anything after it in its segment, is a miss, never a wrong answer. When
// segments pile up, a run merges them into one.
package cache

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// layout names the directory format; a new format uses a new directory.
const layout = "v1"

var magic = []byte("postlint-cache segment v1\n")

// MaxSegments is how many segments a salt may have before a run that adds
// entries merges them all into one.
const MaxSegments = 8

// staleAfter is how long a salt's directory (a past version or config) may
// go unused before a run removes it.
const staleAfter = 30 * 24 * time.Hour

const segExt = ".seg"

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

// Cache is the entries of one salt. Get and Put are safe for concurrent use.
type Cache struct {
	dir      string   // DIR/v1/SALT
	segments []string // the segment files read
	entries  map[Key][]byte

	mu      sync.RWMutex // guards entries, pending and segments
	pending map[Key][]byte
}

// Open reads the cache of salt in dir, creating the directory if need be,
// with a CACHEDIR.TAG and a .gitignore that ignores it whole. Unreadable or
// damaged segments are skipped.
func Open(dir string, salt Key) (*Cache, error) {
	sdir := filepath.Join(dir, layout, salt.String()[:32])
	if err := os.MkdirAll(sdir, 0o755); err != nil {
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
	c := &Cache{dir: sdir, entries: make(map[Key][]byte), pending: make(map[Key][]byte)}
	names, err := os.ReadDir(sdir)
	if err != nil {
		return nil, fmt.Errorf("cache: %w", err)
	}
	for _, de := range names {
		if !strings.HasSuffix(de.Name(), segExt) {
			continue
		}
		p := filepath.Join(sdir, de.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			continue // removed by a concurrent merge, or unreadable: a miss
		}
		c.segments = append(c.segments, p)
		readSegment(b, c.entries)
	}
	// Touch the salt's directory so it counts as used, and sweep the others.
	now := time.Now()
	_ = os.Chtimes(sdir, now, now)
	sweep(filepath.Join(dir, layout), sdir, now)
	return c, nil
}

// sweep removes salt directories unused for staleAfter.
func sweep(root, keep string, now time.Time) {
	des, err := os.ReadDir(root)
	if err != nil {
		return
	}
	for _, de := range des {
		p := filepath.Join(root, de.Name())
		if p == keep || !de.IsDir() {
			continue
		}
		if info, err := de.Info(); err == nil && now.Sub(info.ModTime()) > staleAfter {
			_ = os.RemoveAll(p) // best effort: a cache
		}
	}
}

// A record is key, length (uint32), CRC-32C of the data (uint32), data.
const recordHeader = sha256.Size + 4 + 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// readSegment adds a segment's entries to m, stopping at the first damaged
// record.
func readSegment(b []byte, m map[Key][]byte) {
	if !bytes.HasPrefix(b, magic) {
		return
	}
	b = b[len(magic):]
	for len(b) > 0 {
		if len(b) < recordHeader {
			return
		}
		var k Key
		copy(k[:], b)
		n := binary.LittleEndian.Uint32(b[sha256.Size:])
		sum := binary.LittleEndian.Uint32(b[sha256.Size+4:])
		if uint64(n) > uint64(len(b)-recordHeader) {
			return
		}
		data := b[recordHeader : recordHeader+int(n)]
		if crc32.Checksum(data, castagnoli) != sum {
			return
		}
		m[k] = data
		b = b[recordHeader+int(n):]
	}
}

func appendRecord(b []byte, k Key, data []byte) []byte {
	b = append(b, k[:]...)
	b = binary.LittleEndian.AppendUint32(b, uint32(len(data)))
	b = binary.LittleEndian.AppendUint32(b, crc32.Checksum(data, castagnoli))
	return append(b, data...)
}

// Get returns the data stored under k.
func (c *Cache) Get(k Key) ([]byte, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if data, ok := c.entries[k]; ok {
		return data, true
	}
	data, ok := c.pending[k]
	return data, ok
}

// Put adds an entry; Flush writes the entries added.
func (c *Cache) Put(k Key, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.entries[k]; ok && bytes.Equal(old, data) {
		return
	}
	c.pending[k] = bytes.Clone(data)
}

// Len returns the number of entries, read and added.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := len(c.entries)
	for k := range c.pending {
		if _, ok := c.entries[k]; !ok {
			n++
		}
	}
	return n
}

// Flush writes the entries added since Open as a new segment; when the salt
// then has more than MaxSegments segments, it merges every entry into one
// segment and removes the segments it read.
func (c *Cache) Flush() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) == 0 {
		return nil
	}
	merge := len(c.segments)+1 > MaxSegments
	var seg []byte
	seg = append(seg, magic...)
	if merge {
		for k, data := range c.entries {
			if _, ok := c.pending[k]; !ok {
				seg = appendRecord(seg, k, data)
			}
		}
	}
	for k, data := range c.pending {
		seg = appendRecord(seg, k, data)
	}
	var rnd [8]byte
	_, _ = rand.Read(rnd[:])
	name := fmt.Sprintf("%d-%x%s", time.Now().UnixNano(), rnd, segExt)
	if err := writeAtomic(filepath.Join(c.dir, name), seg); err != nil {
		return fmt.Errorf("cache: %w", err)
	}
	for k, data := range c.pending {
		c.entries[k] = data
	}
	c.pending = make(map[Key][]byte)
	if merge {
		for _, p := range c.segments {
			_ = os.Remove(p) // a concurrent merge may have removed it already
		}
		c.segments = nil
	}
	c.segments = append(c.segments, filepath.Join(c.dir, name))
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
