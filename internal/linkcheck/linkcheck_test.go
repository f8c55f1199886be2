package linkcheck

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Every test talks to an httptest server on the loopback interface only:
// the address policy allows loopback and nothing else, and DNS is a fixed
// table, so no request can leave the machine.

func loopbackOnly(a netip.Addr) bool { return a.Unmap().IsLoopback() }

// fakeDNS maps test host names to addresses; any other name does not exist.
func fakeDNS(table map[string]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		if a, ok := table[host]; ok {
			return []netip.Addr{netip.MustParseAddr(a)}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
	}
}

type server struct {
	*httptest.Server
	host     string // "docs.fake-host.dev:PORT", resolving to the server
	requests atomic.Int64
	inFlight atomic.Int64
	maxPar   atomic.Int64
	mu       sync.Mutex
	starts   []time.Time
	written  atomic.Int64
}

func newServer(t *testing.T) *server {
	t.Helper()
	s := &server{}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<html><body><h2 id="intro">Intro</h2><a name='old-anchor'></a></body></html>`)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/moved308", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved", http.StatusPermanentRedirect)
	})
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/missing", func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/forbidden", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	mux.HandleFunc("/linkedin", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(999) })
	mux.HandleFunc("/error", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusInternalServerError) })
	var limited atomic.Int64
	mux.HandleFunc("/limited", func(w http.ResponseWriter, r *http.Request) {
		if limited.Add(1) == 1 {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/limited-long", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/no-head", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/head-404", func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			w.WriteHeader(http.StatusNotFound)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.20.30.40/admin", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-internal-name", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://intranet.fake-host.dev/", http.StatusFound)
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		chunk := []byte(strings.Repeat("<p>filler</p>", 1000))
		fmt.Fprint(w, `<h1 id="top-of-huge">Huge</h1>`)
		for i := 0; i < 10000; i++ { // about 130 MB
			n, err := w.Write(chunk)
			s.written.Add(int64(n))
			if err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/paced/", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(20 * time.Millisecond)
		w.WriteHeader(http.StatusOK)
	})
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.requests.Add(1)
		n := s.inFlight.Add(1)
		defer s.inFlight.Add(-1)
		for {
			m := s.maxPar.Load()
			if n <= m || s.maxPar.CompareAndSwap(m, n) {
				break
			}
		}
		s.mu.Lock()
		s.starts = append(s.starts, time.Now())
		s.mu.Unlock()
		if r.Header.Get("Authorization") != "" || r.Header.Get("Cookie") != "" {
			t.Errorf("credentials sent to %s", r.URL)
		}
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	u, _ := url.Parse(s.URL)
	s.host = "docs.fake-host.dev:" + u.Port()
	return s
}

func (s *server) url(path string) string { return "http://" + s.host + path }

func (s *server) options() Options {
	return Options{
		Timeout:   500 * time.Millisecond,
		Budget:    20 * time.Second,
		HostDelay: time.Millisecond,
		Backoff:   10 * time.Millisecond,
		Retries:   1,
		Allow:     loopbackOnly,
		Resolve: fakeDNS(map[string]string{
			"docs.fake-host.dev":     "127.0.0.1",
			"intranet.fake-host.dev": "192.168.1.10",
		}),
	}
}

func check(t *testing.T, c *Checker, urls ...string) map[string]*Result {
	t.Helper()
	return c.Check(context.Background(), Targets(urls, c.opts.Fragments))
}

func TestVerdicts(t *testing.T) {
	s := newServer(t)
	c := New(s.options())
	cases := []struct {
		path    string
		verdict Verdict
		reason  string // substring
	}{
		{"/ok", OK, ""},
		{"/moved", OK, ""},
		{"/moved308", OK, ""},
		{"/temp", OK, ""},
		{"/missing", Broken, "404 Not Found"},
		{"/gone", Broken, "410 Gone"},
		{"/forbidden", Unknown, "403 Forbidden (the server refuses automated checks"},
		{"/linkedin", Unknown, "999"},
		{"/error", Unknown, "500 Internal Server Error (server error)"},
		{"/limited-long", Unknown, "asked to wait 1h0m0s"},
		{"/slow", Unknown, "timed out after 500ms"},
		{"/no-head", OK, ""},
		{"/head-404", OK, ""},
		{"/loop", Unknown, "more than 10 redirects"},
		{"/to-private", Unknown, "redirects to http://10.20.30.40/admin, which was not checked: 10.20.30.40 is a private"},
		{"/to-internal-name", Unknown, "intranet.fake-host.dev resolves to 192.168.1.10"},
	}
	var urls []string
	for _, tc := range cases {
		urls = append(urls, s.url(tc.path))
	}
	urls = append(urls, "http://nowhere.fake-host.dev/", "https://user:secret@docs.fake-host.dev/x", "http://localhost:8080/", "https://example.com/", "http://10.0.0.1/")
	res := check(t, c, urls...)
	for _, tc := range cases {
		r := res[s.url(tc.path)]
		if r == nil {
			t.Errorf("%s: no result", tc.path)
			continue
		}
		if r.Verdict != tc.verdict || !strings.Contains(r.Reason, tc.reason) {
			t.Errorf("%s: %s %q, want %s containing %q", tc.path, r.Verdict, r.Reason, tc.verdict, tc.reason)
		}
	}
	if r := res[s.url("/moved308")]; r.Permanent != s.url("/ok") || r.Final != s.url("/ok") {
		t.Errorf("308 then 301: permanent %q final %q, want both %s", r.Permanent, r.Final, s.url("/ok"))
	}
	if r := res[s.url("/temp")]; r.Permanent != "" {
		t.Errorf("302: permanent %q, want none", r.Permanent)
	}
	for u, want := range map[string]Verdict{
		"http://nowhere.fake-host.dev/":            Broken,
		"https://user:secret@docs.fake-host.dev/x": Unknown,
		"http://localhost:8080/":                   Skipped,
		"https://example.com/":                     Skipped,
		"http://10.0.0.1/":                         Skipped,
	} {
		if r := res[u]; r == nil || r.Verdict != want {
			t.Errorf("%s: %+v, want %s", u, r, want)
		}
	}
	if r := res["http://nowhere.fake-host.dev/"]; !strings.Contains(r.Reason, "host not found") {
		t.Errorf("DNS failure reason %q", r.Reason)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	s := newServer(t)
	c := New(s.options())
	start := time.Now()
	r := check(t, c, s.url("/limited"))[s.url("/limited")]
	if r.Verdict != OK {
		t.Fatalf("429 then 200: %s %q", r.Verdict, r.Reason)
	}
	if d := time.Since(start); d < time.Second {
		t.Errorf("retried after %s, before the 1s Retry-After", d)
	}
}

func TestPerHostPacing(t *testing.T) {
	s := newServer(t)
	opts := s.options()
	opts.PerHost = 1
	opts.HostDelay = 40 * time.Millisecond
	c := New(opts)
	var urls []string
	for i := 0; i < 6; i++ {
		urls = append(urls, s.url(fmt.Sprintf("/paced/%d", i)))
	}
	for _, r := range check(t, c, urls...) {
		if r.Verdict != OK {
			t.Errorf("%s: %s %s", r.URL, r.Verdict, r.Reason)
		}
	}
	if m := s.maxPar.Load(); m != 1 {
		t.Errorf("%d requests in flight at once to one host, want 1", m)
	}
	for i := 1; i < len(s.starts); i++ {
		if gap := s.starts[i].Sub(s.starts[i-1]); gap < 20*time.Millisecond { // paced 40ms apart at the client; arrival jitters
			t.Errorf("requests %d and %d started %s apart, want at least 40ms", i-1, i, gap)
		}
	}
}

func TestHugeBodyAndFragments(t *testing.T) {
	s := newServer(t)
	opts := s.options()
	opts.Fragments = true
	opts.MaxBody = 64 << 10
	opts.Timeout = 5 * time.Second
	c := New(opts)
	start := time.Now()
	res := check(t, c, s.url("/huge#top-of-huge"), s.url("/ok#intro"), s.url("/moved#old-anchor"))
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("reading a huge page took %s", d)
	}
	huge := res[s.url("/huge")]
	if huge.Verdict != OK || !huge.HasIDs || !huge.HasID("top-of-huge") {
		t.Errorf("huge page: %+v", huge)
	}
	// The client stopped reading: the server could not push the whole body.
	time.Sleep(100 * time.Millisecond)
	if n := s.written.Load(); n > 20<<20 {
		t.Errorf("the server wrote %d bytes; the client should stop after 64 KiB", n)
	}
	ok := res[s.url("/ok")]
	if !ok.HasID("intro") || !ok.HasID("old-anchor") || ok.HasID("missing") {
		t.Errorf("ids of /ok: %v", ok.IDs)
	}
	if m := res[s.url("/moved")]; !m.HasIDs || !m.HasID("intro") {
		t.Errorf("ids through a redirect: %+v", m)
	}
}

func TestBudget(t *testing.T) {
	s := newServer(t)
	opts := s.options()
	opts.Budget = 300 * time.Millisecond
	opts.Timeout = 5 * time.Second
	opts.PerHost = 1
	c := New(opts)
	start := time.Now()
	res := check(t, c, s.url("/slow"), s.url("/ok"))
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %s with a 300ms budget", d)
	}
	r := res[s.url("/slow")]
	if r.Verdict != Unknown || !strings.Contains(r.Reason, "budget") {
		t.Errorf("slow URL past the budget: %s %q", r.Verdict, r.Reason)
	}
}

func TestCache(t *testing.T) {
	s := newServer(t)
	dir := t.TempDir()
	cache, err := NewCache(dir, time.Hour, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	cache.now = func() time.Time { return now }
	opts := s.options()
	opts.Cache = cache
	urls := []string{s.url("/ok"), s.url("/missing"), s.url("/forbidden"), s.url("/moved"), s.url("/to-private")}
	first := check(t, New(opts), urls...)
	sent := s.requests.Load()
	if sent == 0 {
		t.Fatal("no requests on the first run")
	}

	// A second run within the freshness sends nothing, except for what
	// the policy refused (never cached).
	c2 := New(opts)
	second := check(t, c2, urls...)
	if n := c2.Requests(); n != 1 {
		t.Errorf("second run sent %d requests, want 1 (the redirect to a private address is not cached)", n)
	}
	if n := s.requests.Load() - sent; n != 1 {
		t.Errorf("the server saw %d requests on the second run, want 1", n)
	}
	sent = s.requests.Load()
	second2 := check(t, New(opts), urls[:4]...)
	if n := s.requests.Load() - sent; n != 0 {
		t.Errorf("a run of fresh cached URLs sent %d requests", n)
	}
	_ = second2
	for _, u := range urls[:4] {
		if second[u].Verdict != first[u].Verdict || !second[u].Cached {
			t.Errorf("%s: second run %s (cached %v), first %s", u, second[u].Verdict, second[u].Cached, first[u].Verdict)
		}
	}
	if second[s.url("/moved")].Permanent != s.url("/ok") {
		t.Errorf("the cache lost the redirect: %+v", second[s.url("/moved")])
	}

	// Failures expire first.
	now = now.Add(2 * time.Minute)
	c3 := New(opts)
	third := check(t, c3, urls[:3]...)
	if !third[s.url("/ok")].Cached || third[s.url("/missing")].Cached || third[s.url("/forbidden")].Cached {
		t.Errorf("after 2 minutes: ok cached %v, 404 cached %v, 403 cached %v; want true, false, false",
			third[s.url("/ok")].Cached, third[s.url("/missing")].Cached, third[s.url("/forbidden")].Cached)
	}

	// With fragments, a cached success without the page's ids is fetched
	// again.
	opts.Fragments = true
	c4 := New(opts)
	fourth := check(t, c4, s.url("/ok#intro"))
	if fourth[s.url("/ok")].Cached || !fourth[s.url("/ok")].HasID("intro") {
		t.Errorf("fragment check used a cached result without ids: %+v", fourth[s.url("/ok")])
	}
}

func TestCacheConcurrentRuns(t *testing.T) {
	s := newServer(t)
	dir := t.TempDir()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cache, err := NewCache(dir, time.Hour, time.Minute)
			if err != nil {
				t.Error(err)
				return
			}
			opts := s.options()
			opts.Cache = cache
			res := check(t, New(opts), s.url("/ok"), s.url("/missing"))
			if res[s.url("/ok")].Verdict != OK || res[s.url("/missing")].Verdict != Broken {
				t.Errorf("concurrent run: %+v %+v", res[s.url("/ok")], res[s.url("/missing")])
			}
		}()
	}
	wg.Wait()
}

func TestPublicOnly(t *testing.T) {
	for a, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1::1": true,
		"127.0.0.1": false, "::1": false, "10.1.2.3": false, "172.16.0.1": false, "192.168.0.1": false,
		"169.254.169.254": false, "fe80::1": false, "fc00::1": false, "100.64.0.1": false, "0.0.0.0": false,
		"::ffff:127.0.0.1": false, "224.0.0.1": false, "192.0.2.1": false,
	} {
		if got := PublicOnly(netip.MustParseAddr(a)); got != want {
			t.Errorf("PublicOnly(%s) = %v, want %v", a, got, want)
		}
	}
}

func TestRetryAfterParse(t *testing.T) {
	if d, ok := retryAfter("120"); !ok || d != 2*time.Minute {
		t.Errorf("seconds: %s %v", d, ok)
	}
	if d, ok := retryAfter(time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)); !ok || d < 59*time.Minute {
		t.Errorf("date: %s %v", d, ok)
	}
	if _, ok := retryAfter("soon"); ok {
		t.Error("garbage accepted")
	}
}

func TestReservedNamesNeverResolved(t *testing.T) {
	var lookups []string
	var mu sync.Mutex
	c := New(Options{
		AllowPrivate: true,
		Allow:        loopbackOnly,
		Resolve: func(_ context.Context, host string) ([]netip.Addr, error) {
			mu.Lock()
			lookups = append(lookups, host)
			mu.Unlock()
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		},
	})
	res := check(t, c, "https://example.com/x", "http://www.example.org/", "http://foo.test/", "http://a.invalid/", "https://docs.example/")
	for u, r := range res {
		if r.Verdict != Skipped {
			t.Errorf("%s: %s %s", u, r.Verdict, r.Reason)
		}
	}
	if len(lookups) != 0 || c.Requests() != 0 {
		t.Errorf("looked up %v, sent %d requests", lookups, c.Requests())
	}
}

func TestNoHostResolves(t *testing.T) {
	c := New(Options{Allow: loopbackOnly, Resolve: fakeDNS(nil), Retries: -1})
	res := check(t, c, "https://a.fake-host.dev/", "https://b.fake-host.dev/", "https://c.fake-host.dev/")
	for u, r := range res {
		if r.Verdict != Unknown || !strings.Contains(r.Reason, "is the network down?") {
			t.Errorf("%s: %s %q", u, r.Verdict, r.Reason)
		}
	}
	// One dead host among working ones stays broken.
	s := newServer(t)
	opts := s.options()
	c = New(opts)
	res = check(t, c, s.url("/ok"), "http://nowhere.fake-host.dev/", "http://nothere.fake-host.dev/", "http://gone.fake-host.dev/")
	if r := res["http://nowhere.fake-host.dev/"]; r.Verdict != Broken {
		t.Errorf("a dead host next to a live one: %s %q", r.Verdict, r.Reason)
	}
}
