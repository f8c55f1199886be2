package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/postlint/postlint/internal/linkcheck"
	"github.com/postlint/postlint/internal/linkindex"
	"github.com/postlint/postlint/internal/lint"
)

// External link checking (--check-urls): before the files are linted, their
// http(s) links are collected and checked once each; the results are
// published for the rules broken-external-link, unverified-link and
// redirected-link, which report them per file.

const urlCategory = "External links (--check-urls)"

// urlCacheSubdir is where, under --cache DIR, link verdicts are kept.
const urlCacheSubdir = "urls"

func init() {
	extraFlags = append(extraFlags,
		&cli.BoolFlag{Name: "check-urls", Category: urlCategory, Usage: "check http and https links (off by default: it sends requests); verdicts are reported by broken-external-link, unverified-link and redirected-link"},
		&cli.BoolFlag{Name: "check-fragments", Category: urlCategory, Usage: "with --check-urls: also check #fragments against the ids of the fetched HTML (implies --check-urls)"},
		&cli.BoolFlag{Name: "allow-private", Category: urlCategory, Usage: "check URLs on private, loopback and link-local addresses too (refused by default, also after DNS and on redirects)"},
		&cli.DurationFlag{Name: "url-timeout", Category: urlCategory, Value: 10 * time.Second, Usage: "time allowed for one request"},
		&cli.DurationFlag{Name: "url-budget", Category: urlCategory, Value: 2 * time.Minute, Usage: "time allowed for all the checks; URLs not checked by then are reported as unverified"},
		&cli.IntFlag{Name: "url-concurrency", Category: urlCategory, Value: 16, Usage: "requests in flight at once"},
		&cli.IntFlag{Name: "url-host-concurrency", Category: urlCategory, Value: 2, Usage: "requests in flight at once to one host"},
		&cli.DurationFlag{Name: "url-host-delay", Category: urlCategory, Value: 250 * time.Millisecond, Usage: "pause between two requests to one host"},
		&cli.IntFlag{Name: "url-retries", Category: urlCategory, Value: 2, Usage: "retries after a timeout, a server error or 429 (with backoff and jitter; Retry-After is honoured)"},
		&cli.IntFlag{Name: "url-max-redirects", Category: urlCategory, Value: 10, Usage: "redirects followed"},
		&cli.DurationFlag{Name: "url-max-age", Category: urlCategory, Value: 24 * time.Hour, Usage: "with --cache: how long a working URL's verdict is kept (in DIR/" + urlCacheSubdir + ")"},
		&cli.DurationFlag{Name: "url-failure-max-age", Category: urlCategory, Value: 15 * time.Minute, Usage: "with --cache: how long a broken or unverified URL's verdict is kept"},
	)
	beforeLint = append(beforeLint, checkURLs)
}

func checkURLs(c *cli.Context, env *Env, files []string) error {
	linkcheck.Publish(nil)
	fragments := c.Bool("check-fragments")
	if !c.Bool("check-urls") && !fragments {
		return nil
	}
	for _, name := range []string{"url-concurrency", "url-host-concurrency"} {
		if c.Int(name) < 1 {
			return fmt.Errorf("--%s must be at least 1", name)
		}
	}
	for _, name := range []string{"url-timeout", "url-budget", "url-max-age", "url-failure-max-age"} {
		if c.Duration(name) <= 0 {
			return fmt.Errorf("--%s must be positive", name)
		}
	}
	if c.Int("url-retries") < 0 || c.Int("url-max-redirects") < 0 {
		return errors.New("--url-retries and --url-max-redirects cannot be negative")
	}

	dests, err := externalDests(env, files, max(1, c.Int("jobs")))
	if err != nil {
		return err
	}
	opts := linkcheck.Options{
		Timeout:      c.Duration("url-timeout"),
		Budget:       c.Duration("url-budget"),
		Concurrency:  c.Int("url-concurrency"),
		PerHost:      c.Int("url-host-concurrency"),
		HostDelay:    c.Duration("url-host-delay"),
		Retries:      c.Int("url-retries"),
		MaxRedirects: c.Int("url-max-redirects"),
		Fragments:    fragments,
		AllowPrivate: c.Bool("allow-private"),
		UserAgent:    "postlint/" + version() + " (link check; +https://github.com/postlint/postlint)",
	}
	if opts.Retries == 0 {
		opts.Retries = -1 // none
	}
	if c.IsSet("cache") {
		// The lint results cache's directory, shared: verdicts go in a
		// subdirectory of their own.
		dir := filepath.Join(c.Generic("cache").(*optionalValue).String(), urlCacheSubdir)
		cache, err := linkcheck.NewCache(dir, c.Duration("url-max-age"), c.Duration("url-failure-max-age"))
		if err != nil {
			return fmt.Errorf("--cache: link verdicts in %s: %w", dir, err)
		}
		opts.Cache = cache
	}
	if env.StderrTerminal && !c.Bool("quiet") {
		opts.Progress = env.Stderr
	}
	results := linkcheck.New(opts).Check(context.Background(), linkcheck.Targets(dests, fragments))
	linkcheck.Publish(linkcheck.NewResults(results, fragments))
	return nil
}

// externalDests reads the files (or standard input, which it replaces with
// the text read) and returns the destinations of their http(s) links.
func externalDests(env *Env, files []string, jobs int) ([]string, error) {
	extract := func(path string, src []byte) []string {
		if isBinary(src) {
			return nil
		}
		var out []string
		for _, l := range linkindex.Links(linkindex.ParsePage(src), nil) {
			if l.Base == linkindex.FromPage && linkindex.IsExternal(l.Dest) {
				out = append(out, l.Dest)
			}
		}
		return out
	}
	if files == nil {
		src, err := io.ReadAll(env.Stdin)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		env.Stdin = bytes.NewReader(src)
		return extract("-", src), nil
	}
	var dests []string
	lint.ForEach(len(files), jobs, func(i int) []string {
		src, err := os.ReadFile(files[i])
		if err != nil {
			return nil // the lint reports it
		}
		return extract(files[i], src)
	}, func(_ int, ds []string) {
		dests = append(dests, ds...)
	})
	return dests, nil
}
