package cli

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// The CLI's --check-urls end to end, against an httptest server on the
// loopback interface. --allow-private lets the checker reach it; every URL
// in these posts is on 127.0.0.1, so nothing leaves the machine.

func urlServer(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, `<h2 id="usage">Usage</h2>`)
	})
	mux.HandleFunc("/old", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/temp", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	mux.HandleFunc("/bot-wall", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusForbidden) })
	s := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		mux.ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s, &n
}

func runCLI(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Main(args, Env{
		Stdin:  strings.NewReader(""),
		Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	})
	return code, out.String(), errb.String()
}

func TestCheckURLs(t *testing.T) {
	s, requests := urlServer(t)
	dir := t.TempDir()
	post := filepath.Join(dir, "post.md")
	text := fmt.Sprintf(`# Links

- [working](%[1]s/ok)
- [moved](%[1]s/old#usage)
- [temporary](%[1]s/temp)
- [gone](%[1]s/gone)
- [walled](%[1]s/bot-wall)
- [fragment](%[1]s/ok#nope)
`, s.URL)
	if err := os.WriteFile(post, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	var env map[string]string
	args := []string{"--cache=" + cache, "--check-urls", "--check-fragments", "--allow-private", "--url-host-delay", "1ms", "--select", "broken-external-link,unverified-link,redirected-link", post}

	code, stdout, stderr := runCLI(t, env, args...)
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, ExitFindings, stdout, stderr)
	}
	for _, want := range []string{
		":4:11: warning redirected-link: " + s.URL + "/old permanently redirects to " + s.URL + "/ok",
		":6:10: error broken-external-link: " + s.URL + "/gone: 410 Gone",
		":7:12: warning unverified-link: could not verify " + s.URL + "/bot-wall: 403 Forbidden",
		":8:14: error broken-external-link: " + s.URL + "/ok: the page has no element with id \"nope\"",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("missing %q in:\n%s", want, stdout)
		}
	}
	if n := strings.Count(stdout, "\n"); n != 4 {
		t.Errorf("%d findings, want 4:\n%s", n, stdout)
	}
	if strings.Contains(stderr, "checking links") {
		t.Errorf("progress written when stderr is not a terminal: %q", stderr)
	}
	if entries, _ := filepath.Glob(filepath.Join(cache, urlCacheSubdir, "*.json")); len(entries) == 0 {
		t.Errorf("no verdicts kept under --cache=%s/%s", cache, urlCacheSubdir)
	}
	first := requests.Load()

	// A second run answers from the cache: no request at all.
	if code, stdout, _ = runCLI(t, env, args...); code != ExitFindings || strings.Count(stdout, "\n") != 4 {
		t.Errorf("second run: exit %d\n%s", code, stdout)
	}
	if n := requests.Load() - first; n != 0 {
		t.Errorf("second run sent %d requests, want 0", n)
	}

	// --fix replaces the permanently redirected URL, keeping the fragment.
	code, _, stderr = runCLI(t, env, append([]string{"--fix"}, args...)...)
	if code != ExitFindings {
		t.Errorf("--fix: exit %d\n%s", code, stderr)
	}
	fixed, _ := os.ReadFile(post)
	if !strings.Contains(string(fixed), "[moved]("+s.URL+"/ok#usage)") || !strings.Contains(string(fixed), "[temporary]("+s.URL+"/temp)") {
		t.Errorf("fixed text:\n%s", fixed)
	}

	// Without --check-urls nothing is requested and nothing reported.
	before := requests.Load()
	code, stdout, _ = runCLI(t, nil, "--select", "broken-external-link,unverified-link,redirected-link", post)
	if code != ExitClean || stdout != "" || requests.Load() != before {
		t.Errorf("without --check-urls: exit %d, %d requests\n%s", code, requests.Load()-before, stdout)
	}
}

func TestCheckURLsRefusesLoopbackByDefault(t *testing.T) {
	s, requests := urlServer(t)
	post := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(post, []byte("[local]("+s.URL+"/ok)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, nil, "--check-urls", post)
	if code != ExitClean || requests.Load() != 0 {
		t.Errorf("exit %d, %d requests to a loopback address without --allow-private\n%s%s", code, requests.Load(), stdout, stderr)
	}
}

func TestCheckURLsStdin(t *testing.T) {
	s, _ := urlServer(t)
	var out, errb bytes.Buffer
	code := Main([]string{"--check-urls", "--allow-private", "--select", "broken-external-link", "-"}, Env{
		Stdin:  strings.NewReader("[gone](" + s.URL + "/gone)\n"),
		Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" },
	})
	if code != ExitFindings || !strings.Contains(out.String(), "410 Gone") {
		t.Errorf("exit %d\n%s%s", code, out.String(), errb.String())
	}
}

func TestCheckURLsBadFlags(t *testing.T) {
	code, _, stderr := runCLI(t, nil, "--check-urls", "--url-concurrency", "0", "README.md")
	if code != ExitTrouble || !strings.Contains(stderr, "--url-concurrency must be at least 1") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestCheckURLsProgressOnTerminal(t *testing.T) {
	s, _ := urlServer(t)
	post := filepath.Join(t.TempDir(), "post.md")
	if err := os.WriteFile(post, []byte("[a]("+s.URL+"/ok) [b]("+s.URL+"/gone)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	Main([]string{"--check-urls", "--allow-private", post}, Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv:         func(string) string { return "" },
		StderrTerminal: true,
	})
	if !strings.Contains(errb.String(), "checking links: 2/2, 1 broken") || !strings.Contains(errb.String(), "\r\033[K") {
		t.Errorf("no progress on a terminal stderr: %q", errb.String())
	}
}
