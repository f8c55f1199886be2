package linkcheck

import (
	"strings"
	"sync/atomic"
)

// Results are the outcomes of one run's checks, published for the rules
// that report them (broken-external-link, unverified-link, redirected-link).
type Results struct {
	byURL     map[string]*Result
	Fragments bool // fragments were checked against the pages' ids
}

// NewResults wraps the results of Check.
func NewResults(byURL map[string]*Result, fragments bool) *Results {
	for _, r := range byURL {
		if r.HasIDs {
			r.indexIDs()
		}
	}
	return &Results{byURL: byURL, Fragments: fragments}
}

// Lookup returns the result for a link destination, and its fragment.
func (r *Results) Lookup(dest string) (res *Result, frag string, ok bool) {
	if r == nil {
		return nil, "", false
	}
	d := strings.TrimSpace(dest)
	if strings.HasPrefix(d, "//") {
		d = "https:" + d
	}
	u, frag, _ := strings.Cut(d, "#")
	res, ok = r.byURL[u]
	return res, frag, ok
}

var published atomic.Pointer[Results]

// Publish makes results visible to the rules; nil withdraws them (URLs are
// then not reported at all).
func Publish(r *Results) { published.Store(r) }

// Published returns the results of the current run, or nil when URLs were
// not checked.
func Published() *Results { return published.Load() }
