// Package linkcheck checks external http and https links: HEAD, then GET when
// HEAD is refused, redirects followed and classified, bounded concurrency
// overall and per host, pacing between requests to one host, Retry-After
// honoured, retries with backoff and jitter, per-request timeouts and a
// total time budget. It never connects to private, loopback or link-local
// addresses unless allowed, sends no credentials or cookies, and reads at
// most a bounded prefix of a response body.
//
// Each URL gets a verdict: OK, Broken (404, 410, a host that does not
// exist) or Unknown (401, 403, 429, 999, timeouts, TLS trouble, server
// errors…), with a reason a person can read. Unknown is never Broken: a
// bot wall is not a dead link.
package linkcheck

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Verdict is what a check concluded.
type Verdict uint8

// Verdicts.
const (
	OK      Verdict = iota + 1
	Broken          // readers get an error page: 404, 410, no such host
	Unknown         // could not tell: bot walls, rate limits, timeouts, TLS, server errors
	Skipped         // deliberately not checked (example domains, local hosts)
)

func (v Verdict) String() string {
	switch v {
	case OK:
		return "ok"
	case Broken:
		return "broken"
	case Unknown:
		return "unknown"
	case Skipped:
		return "skipped"
	}
	return "?"
}

// MarshalText and UnmarshalText store verdicts by name in the cache.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText parses a verdict name.
func (v *Verdict) UnmarshalText(b []byte) error {
	for _, x := range []Verdict{OK, Broken, Unknown, Skipped} {
		if x.String() == string(b) {
			*v = x
			return nil
		}
	}
	return fmt.Errorf("unknown verdict %q", b)
}

// Result is the outcome of checking one URL (without its fragment).
type Result struct {
	URL     string  `json:"url"`
	Verdict Verdict `json:"verdict"`
	Status  int     `json:"status,omitempty"` // the last HTTP status (0: no response)
	Reason  string  `json:"reason,omitempty"` // why, for Broken, Unknown and Skipped
	// Final is where redirects led ("" without redirects); Permanent is
	// the URL reached through permanent redirects (301, 308) only, from
	// the start: a link may be updated to it.
	Final     string `json:"final,omitempty"`
	Permanent string `json:"permanent,omitempty"`
	// IDs are the element ids and anchor names of an HTML page, read when
	// fragments are checked; HasIDs says they were read.
	IDs    []string `json:"ids,omitempty"`
	HasIDs bool     `json:"has_ids,omitempty"`
	Cached bool     `json:"-"`

	noCache bool // refused by policy or out of time: says nothing about the server
	ids     map[string]bool
}

// HasID reports whether the page has an element with this id (GitHub
// prefixes rendered ids with "user-content-"). Safe for concurrent use once
// the result is published.
func (r *Result) HasID(id string) bool {
	for _, x := range []string{id, "user-content-" + id} {
		if r.ids != nil {
			if r.ids[x] {
				return true
			}
			continue
		}
		for _, y := range r.IDs {
			if y == x {
				return true
			}
		}
	}
	return false
}

func (r *Result) indexIDs() {
	r.ids = make(map[string]bool, len(r.IDs))
	for _, x := range r.IDs {
		r.ids[x] = true
	}
}

// Options configure a Checker. Zero values take the defaults in brackets.
type Options struct {
	Timeout       time.Duration // per request, body included [10s]
	Budget        time.Duration // for the whole run [2m]
	Concurrency   int           // requests in flight overall [16]
	PerHost       int           // requests in flight per host [2]
	HostDelay     time.Duration // pause between the starts of two requests to one host [250ms]
	Retries       int           // retries after timeouts, 5xx and 429 [2]; negative: none
	MaxRedirects  int           // [10]
	MaxBody       int64         // bytes of an HTML page read for its ids [2 MiB]
	MaxRetryAfter time.Duration // longest Retry-After waited for [60s]
	Backoff       time.Duration // first retry delay, doubled each time, ±50% jitter [1s]
	Fragments     bool          // read HTML pages for their ids (links with #fragments)
	AllowPrivate  bool          // connect to private, loopback and link-local addresses
	UserAgent     string
	Cache         *Cache
	// Progress receives a one-line status, rewritten in place; nil: silent.
	Progress io.Writer

	// Allow overrides the address policy (tests allow loopback only);
	// Resolve overrides DNS (tests never leave the machine).
	Allow   func(netip.Addr) bool
	Resolve func(ctx context.Context, host string) ([]netip.Addr, error)
	// TLS overrides the TLS configuration (tests trust their own CA).
	TLS *tls.Config
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Timeout, 10*time.Second)
	def(&o.Budget, 2*time.Minute)
	def(&o.HostDelay, 250*time.Millisecond)
	def(&o.MaxRetryAfter, time.Minute)
	def(&o.Backoff, time.Second)
	if o.Concurrency <= 0 {
		o.Concurrency = 16
	}
	if o.PerHost <= 0 {
		o.PerHost = 2
	}
	if o.Retries == 0 {
		o.Retries = 2
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = 10
	}
	if o.MaxBody <= 0 {
		o.MaxBody = 2 << 20
	}
	if o.UserAgent == "" {
		o.UserAgent = "postlint-linkcheck (+https://github.com/postlint/postlint)"
	}
	if o.Allow == nil {
		o.Allow = PublicOnly
		if o.AllowPrivate {
			o.Allow = AllowAll
		}
	}
	if o.Resolve == nil {
		o.Resolve = systemResolve
	}
}

// Checker checks URLs. Use one per run.
type Checker struct {
	opts     Options
	client   *http.Client
	mu       sync.Mutex
	hosts    map[string]*host
	requests atomic.Int64 // requests sent (tests check the cache)
}

// host paces the requests to one host.
type host struct {
	sem  chan struct{}
	mu   sync.Mutex
	next time.Time // no request may start before
}

// New returns a Checker.
func New(opts Options) *Checker {
	opts.defaults()
	d := &dialer{allow: opts.Allow, resolve: opts.Resolve, timeout: opts.Timeout}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would hide the address actually reached
		DialContext:           d.DialContext,
		TLSClientConfig:       opts.TLS,
		TLSHandshakeTimeout:   opts.Timeout,
		ResponseHeaderTimeout: opts.Timeout,
		MaxIdleConnsPerHost:   opts.PerHost,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	return &Checker{
		opts: opts,
		client: &http.Client{
			Transport: tr,
			// Redirects are followed by hand, hop by hop: each is paced,
			// classified and checked.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		hosts: make(map[string]*host),
	}
}

// Requests returns how many HTTP requests were sent (or tried: those the
// address policy refused before connecting do not count).
func (c *Checker) Requests() int64 { return c.requests.Load() }

// Target is a URL to check and whether its page's ids are wanted.
type Target struct {
	URL     string // without fragment
	WantIDs bool
}

// Targets turns link destinations into the URLs to check: fragments
// removed, duplicates merged, protocol-relative URLs given https.
func Targets(dests []string, fragments bool) []Target {
	idx := make(map[string]int)
	var out []Target
	for _, d := range dests {
		d = strings.TrimSpace(d)
		if strings.HasPrefix(d, "//") {
			d = "https:" + d
		}
		u, frag, _ := strings.Cut(d, "#")
		want := fragments && frag != "" && !strings.HasPrefix(frag, ":~:")
		if i, ok := idx[u]; ok {
			out[i].WantIDs = out[i].WantIDs || want
			continue
		}
		idx[u] = len(out)
		out = append(out, Target{URL: u, WantIDs: want})
	}
	return out
}

// Check checks the targets and returns a result for each URL. It returns
// when every URL has a verdict, or the budget or ctx ran out (the rest are
// Unknown).
func (c *Checker) Check(ctx context.Context, targets []Target) map[string]*Result {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Budget)
	defer cancel()
	results := make(map[string]*Result, len(targets))
	var mu sync.Mutex
	var todo []Target
	for _, t := range targets {
		if r := precheck(t.URL, c.opts.Allow, c.opts.AllowPrivate); r != nil {
			results[t.URL] = r
			continue
		}
		if r, ok := c.opts.Cache.Get(t.URL, t.WantIDs); ok {
			results[t.URL] = r
			continue
		}
		todo = append(todo, t)
	}
	todo = interleave(todo)
	prog := newProgress(c.opts.Progress, len(todo))
	defer prog.done()
	queue := make(chan Target)
	var wg sync.WaitGroup
	for i := 0; i < min(c.opts.Concurrency, len(todo)); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range queue {
				r, extra := c.check(ctx, t)
				c.opts.Cache.Put(r)
				mu.Lock()
				results[t.URL] = r
				for _, x := range extra {
					if _, ok := results[x.URL]; !ok {
						results[x.URL] = x
					}
				}
				mu.Unlock()
				prog.add(r.Verdict)
			}
		}()
	}
	for _, t := range todo {
		queue <- t
	}
	close(queue)
	wg.Wait()
	distrustDNS(results)
	return results
}

// distrustDNS withdraws "host not found" verdicts when no host answered at
// all: a resolver that finds nothing (no network, a sandbox) is not a run of
// dead links.
func distrustDNS(results map[string]*Result) {
	var notFound []*Result
	for _, r := range results {
		switch {
		case r.Cached || r.Verdict == Skipped:
		case r.Status != 0:
			return // a server answered: the resolver works
		case r.Verdict == Broken && strings.HasPrefix(r.Reason, "host not found"):
			notFound = append(notFound, r)
		}
	}
	if len(notFound) < 3 {
		return
	}
	for _, r := range notFound {
		r.Verdict = Unknown
		r.Reason += "; but no host could be resolved in this run: is the network down?"
		r.noCache = true
	}
}

var (
	// Reserved names (RFC 2606, RFC 6761): never checked, not even their
	// DNS.
	reservedHost = regexp.MustCompile(`(?i)(^|\.)(example|test|invalid)\.?$|(^|\.)example\.(com|org|net)\.?$`)
	// Local names: checked only with AllowPrivate.
	localHost = regexp.MustCompile(`(?i)(^|\.)(localhost|local|internal|lan|home\.arpa)\.?$`)
)

// precheck gives a verdict without a request: what is not http, has
// credentials, or names a reserved or local host or address.
func precheck(raw string, allow func(netip.Addr) bool, allowPrivate bool) *Result {
	u, err := url.Parse(raw)
	if err != nil {
		return &Result{URL: raw, Verdict: Broken, Reason: "not a valid URL: " + strings.TrimPrefix(err.Error(), "parse "+strconv.Quote(raw)+": ")}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return &Result{URL: raw, Verdict: Skipped, Reason: "not http or https"}
	}
	if u.Host == "" {
		return &Result{URL: raw, Verdict: Broken, Reason: "the URL has no host"}
	}
	if u.User != nil {
		return &Result{URL: raw, Verdict: Unknown, Reason: "the URL contains credentials; it was not checked (and credentials do not belong in a post)", noCache: true}
	}
	h := u.Hostname()
	if reservedHost.MatchString(h) {
		return &Result{URL: raw, Verdict: Skipped, Reason: "a reserved example host name"}
	}
	if localHost.MatchString(h) && !allowPrivate {
		return &Result{URL: raw, Verdict: Skipped, Reason: "a local host name"}
	}
	if a, err := netip.ParseAddr(h); err == nil && !allow(a) {
		return &Result{URL: raw, Verdict: Skipped, Reason: "a private or local address"}
	}
	return nil
}

// interleave orders targets so that consecutive ones have different hosts
// where possible: workers then wait less on per-host pacing.
func interleave(ts []Target) []Target {
	byHost := make(map[string][]Target)
	var hosts []string
	for _, t := range ts {
		h := hostOf(t.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], t)
	}
	sort.SliceStable(hosts, func(i, j int) bool { return len(byHost[hosts[i]]) > len(byHost[hosts[j]]) })
	out := make([]Target, 0, len(ts))
	for len(out) < len(ts) {
		for _, h := range hosts {
			if q := byHost[h]; len(q) > 0 {
				out = append(out, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return out
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return strings.ToLower(u.Host)
	}
	return raw
}

func (c *Checker) host(name string) *host {
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.hosts[name]
	if !ok {
		h = &host{sem: make(chan struct{}, c.opts.PerHost)}
		c.hosts[name] = h
	}
	return h
}

// acquire waits for a slot and the host's pacing; release gives the slot
// back.
func (c *Checker) acquire(ctx context.Context, h *host) error {
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	h.mu.Lock()
	now := time.Now()
	start := now
	if h.next.After(now) {
		start = h.next
	}
	h.next = start.Add(c.opts.HostDelay)
	h.mu.Unlock()
	if err := sleep(ctx, start.Sub(now)); err != nil {
		<-h.sem
		return err
	}
	return nil
}

func (c *Checker) release(h *host) { <-h.sem }

// holdOff makes a host wait (Retry-After).
func (h *host) holdOff(d time.Duration) {
	h.mu.Lock()
	if t := time.Now().Add(d); t.After(h.next) {
		h.next = t
	}
	h.mu.Unlock()
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// hop is one response in a redirect chain.
type hop struct {
	url    string
	status int
	header http.Header
	ids    []string
	hasIDs bool
	err    error
}

// check checks one target: retries around a chain of requests.
func (c *Checker) check(ctx context.Context, t Target) (*Result, []*Result) {
	method := http.MethodHead
	if t.WantIDs {
		method = http.MethodGet
	}
	var last *Result
	for attempt := 0; ; attempt++ {
		r, retry, wait := c.chain(ctx, t, method)
		if r.Verdict == OK || r.Verdict == Broken || !retry {
			if method == http.MethodHead && r.headRefused {
				// HEAD refused or mishandled: ask again with GET, which
				// decides.
				method = http.MethodGet
				attempt--
				continue
			}
			return r.Result, r.extra
		}
		last = r.Result
		if attempt >= c.opts.Retries || c.opts.Retries < 0 {
			return last, nil
		}
		if wait <= 0 {
			// Exponential backoff with ±50% jitter.
			wait = c.opts.Backoff << attempt
			wait = wait/2 + time.Duration(rand.Int64N(int64(wait)+1))
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < wait {
			last.Reason += "; no time left in the budget to retry"
			return last, nil
		}
		if err := sleep(ctx, wait); err != nil {
			last.Reason += "; no time left in the budget to retry"
			return last, nil
		}
	}
}

type chainResult struct {
	*Result
	extra       []*Result
	headRefused bool
}

// chain requests a URL and follows its redirects. retry says whether trying
// again may help; wait is how long the server asked to wait.
func (c *Checker) chain(ctx context.Context, t Target, method string) (cr chainResult, retry bool, wait time.Duration) {
	res := &Result{URL: t.URL}
	cr.Result = res
	cur := t.URL
	permanent := true
	for n := 0; ; n++ {
		if n > c.opts.MaxRedirects {
			res.Verdict, res.Reason = Unknown, fmt.Sprintf("more than %d redirects", c.opts.MaxRedirects)
			return cr, false, 0
		}
		h := c.fetch(ctx, cur, method, t.WantIDs)
		if h.err != nil {
			v, reason, again := classifyError(ctx, h.err, c.opts.Timeout)
			res.Verdict, res.Reason = v, reason
			if _, refused := isRefused(h.err); refused {
				res.noCache = true
				if n > 0 {
					res.Reason = "redirects to " + cur + ", which was not checked: " + reason
				}
			}
			if ctx.Err() != nil {
				res.noCache = true
			}
			if n > 0 && !strings.HasPrefix(res.Reason, "redirects to") {
				res.Reason = "redirected to " + cur + ": " + res.Reason
			}
			return cr, again, 0
		}
		res.Status = h.status
		if isRedirect(h.status) {
			loc := h.header.Get("Location")
			next, err := resolveLocation(cur, loc)
			if err != nil {
				res.Verdict, res.Reason = Unknown, fmt.Sprintf("%d redirect with an unusable Location %q", h.status, loc)
				return cr, false, 0
			}
			if h.status != http.StatusMovedPermanently && h.status != http.StatusPermanentRedirect {
				permanent = false
			}
			if permanent {
				res.Permanent = next
			}
			res.Final = next
			cur = next
			continue
		}
		switch {
		case h.status >= 200 && h.status < 300:
			res.Verdict = OK
			res.IDs, res.HasIDs = h.ids, h.hasIDs
			if res.Final != "" {
				// The redirect target is OK too: a fixed link finds it.
				cr.extra = append(cr.extra, &Result{URL: strings.SplitN(res.Final, "#", 2)[0], Verdict: OK, Status: h.status, IDs: h.ids, HasIDs: h.hasIDs})
			}
			return cr, false, 0
		case method == http.MethodHead && h.status != http.StatusTooManyRequests && h.status != http.StatusServiceUnavailable:
			// Many servers answer HEAD with 403, 404, 405 or 501 while GET
			// works: only GET decides.
			cr.headRefused = true
			return cr, false, 0
		case h.status == http.StatusNotFound || h.status == http.StatusGone:
			res.Verdict, res.Reason = Broken, statusText(h.status)
		case h.status == http.StatusTooManyRequests || h.status == http.StatusServiceUnavailable:
			res.Verdict, res.Reason = Unknown, statusText(h.status)+" (rate limited; try again later)"
			if h.status == http.StatusServiceUnavailable {
				res.Reason = statusText(h.status)
			}
			if ra, ok := retryAfter(h.header.Get("Retry-After")); ok {
				if ra > c.opts.MaxRetryAfter {
					res.Reason += fmt.Sprintf("; the server asked to wait %s, more than %s", ra.Round(time.Second), c.opts.MaxRetryAfter)
					return cr, false, 0
				}
				c.host(hostOf(cur)).holdOff(ra)
				return cr, true, ra
			}
			return cr, true, 0
		case h.status == http.StatusUnauthorized || h.status == http.StatusForbidden || h.status == http.StatusProxyAuthRequired || h.status == 999:
			res.Verdict, res.Reason = Unknown, statusText(h.status)+" (the server refuses automated checks or wants a login; check it in a browser)"
		case h.status >= 500:
			res.Verdict, res.Reason = Unknown, statusText(h.status)+" (server error)"
			return cr, true, 0
		default:
			res.Verdict, res.Reason = Unknown, statusText(h.status)
		}
		if n > 0 {
			res.Reason = "redirected to " + cur + ": " + res.Reason
		}
		return cr, false, 0
	}
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	if code == 999 {
		return "999 (a bot wall)"
	}
	return strconv.Itoa(code)
}

func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

func resolveLocation(cur, loc string) (string, error) {
	if loc == "" {
		return "", errors.New("empty")
	}
	base, err := url.Parse(cur)
	if err != nil {
		return "", err
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return "", err
	}
	next := base.ResolveReference(ref)
	if next.Scheme != "http" && next.Scheme != "https" {
		return "", fmt.Errorf("scheme %s", next.Scheme)
	}
	next.User = nil
	return next.String(), nil
}

// retryAfter parses a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0), true
	}
	return 0, false
}

// fetch sends one request, paced for its host.
func (c *Checker) fetch(ctx context.Context, raw, method string, wantIDs bool) hop {
	h := c.host(hostOf(raw))
	if err := c.acquire(ctx, h); err != nil {
		return hop{url: raw, err: err}
	}
	defer c.release(h)
	rctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, method, raw, nil)
	if err != nil {
		return hop{url: raw, err: err}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
	resp, err := c.client.Do(req)
	if _, refused := isRefused(err); !refused {
		c.requests.Add(1)
	}
	if err != nil {
		return hop{url: raw, err: err}
	}
	defer func() { _ = resp.Body.Close() }()
	out := hop{url: raw, status: resp.StatusCode, header: resp.Header}
	if method == http.MethodGet && wantIDs && resp.StatusCode >= 200 && resp.StatusCode < 300 && isHTML(resp.Header.Get("Content-Type")) {
		body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBody))
		if err != nil && rctx.Err() != nil {
			return hop{url: raw, err: err}
		}
		out.ids, out.hasIDs = htmlIDs(body), true
	}
	// The rest of the body is not read: closing it drops the connection,
	// which bounds what a huge response costs.
	return out
}

func isHTML(ct string) bool {
	ct = strings.ToLower(ct)
	return ct == "" || strings.Contains(ct, "html")
}

var idAttr = regexp.MustCompile(`(?i)\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>` + "`" + `]+))`)

// htmlIDs returns the id and name attribute values of an HTML document.
func htmlIDs(body []byte) []string {
	seen := make(map[string]bool)
	ids := []string{}
	for _, m := range idAttr.FindAllSubmatch(body, -1) {
		v := string(m[1]) + string(m[2]) + string(m[3])
		if v != "" && !seen[v] {
			seen[v] = true
			ids = append(ids, v)
		}
	}
	sort.Strings(ids)
	return ids
}

// classifyError turns a transport error into a verdict and whether a retry
// may help.
func classifyError(ctx context.Context, err error, timeout time.Duration) (Verdict, string, bool) {
	if re, ok := isRefused(err); ok {
		return Unknown, re.Error() + "; not checked (pass --allow-private to check it)", false
	}
	if ctx.Err() != nil {
		return Unknown, "not checked: the time budget ran out", false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		if dns.IsNotFound {
			return Broken, "host not found (" + dns.Name + " does not resolve)", false
		}
		return Unknown, "DNS lookup failed: " + dns.Err, true
	}
	var cert *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &cert), errors.As(err, &unknownAuth), errors.As(err, &hostname), errors.As(err, &invalid):
		return Unknown, "TLS certificate problem: " + rootMessage(err), false
	case strings.Contains(err.Error(), "tls:"):
		return Unknown, "TLS handshake failed: " + rootMessage(err), true
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return Unknown, fmt.Sprintf("timed out after %s", timeout), true
	}
	if errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "connection refused") {
		return Unknown, "connection refused (the server may be down)", true
	}
	if strings.Contains(err.Error(), "connection reset") || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return Unknown, "the connection was closed: " + rootMessage(err), true
	}
	return Unknown, rootMessage(err), true
}

// rootMessage is the innermost error text, without Go's request prefix.
func rootMessage(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			break
		}
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
			continue
		}
		var oe *net.OpError
		if errors.As(err, &oe) && oe.Err != nil {
			err = oe.Err
			continue
		}
		break
	}
	return err.Error()
}
