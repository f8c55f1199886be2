package linkcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"time"
)

// Cache keeps check results on disk, one small JSON file per URL, so that a
// second run does not ask the servers again. Successes stay fresh for OKFor,
// failures (broken and unknown) for FailFor. It is safe for concurrent use
// and for concurrent runs: files are written to a temporary name and renamed
// into place, and a file that cannot be read is a miss.
type Cache struct {
	Dir     string
	OKFor   time.Duration
	FailFor time.Duration
	now     func() time.Time
}

// NewCache returns a cache in dir (created when needed).
func NewCache(dir string, okFor, failFor time.Duration) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Cache{Dir: dir, OKFor: okFor, FailFor: failFor, now: time.Now}, nil
}

type cacheEntry struct {
	Version int       `json:"v"`
	URL     string    `json:"url"`
	Result  Result    `json:"result"`
	Checked time.Time `json:"checked"`
}

const cacheVersion = 1

func (c *Cache) file(url string) string {
	sum := sha256.Sum256([]byte(url))
	return filepath.Join(c.Dir, hex.EncodeToString(sum[:16])+".json")
}

// Get returns a fresh result for url. needIDs asks for a result that holds
// the page's ids (fetched with --check-fragments).
func (c *Cache) Get(url string, needIDs bool) (*Result, bool) {
	if c == nil {
		return nil, false
	}
	b, err := os.ReadFile(c.file(url))
	if err != nil {
		return nil, false
	}
	var e cacheEntry
	if json.Unmarshal(b, &e) != nil || e.Version != cacheVersion || e.URL != url {
		return nil, false
	}
	ttl := c.FailFor
	if e.Result.Verdict == OK {
		ttl = c.OKFor
	}
	if c.now().Sub(e.Checked) >= ttl || needIDs && !e.Result.HasIDs && e.Result.Verdict == OK {
		return nil, false
	}
	r := e.Result
	r.Cached = true
	return &r, true
}

// Put stores a result. Results that say nothing about the server (refused
// by policy, out of time) are not stored.
func (c *Cache) Put(r *Result) {
	if c == nil || r.noCache || r.Verdict == Skipped {
		return
	}
	e := cacheEntry{Version: cacheVersion, URL: r.URL, Result: *r, Checked: c.now()}
	e.Result.Cached = false
	b, err := json.Marshal(e)
	if err != nil {
		return
	}
	f, err := os.CreateTemp(c.Dir, ".tmp-*")
	if err != nil {
		return
	}
	tmp := f.Name()
	_, werr := f.Write(b)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		_ = os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, c.file(r.URL)); err != nil {
		_ = os.Remove(tmp)
	}
}
