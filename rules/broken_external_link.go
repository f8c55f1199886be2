package rules

import "github.com/postlint/postlint/internal/linkcheck"

// BrokenExternalLink reports http(s) links that lead to an error page.
var BrokenExternalLink = &Rule{
	Name:     "broken-external-link",
	Tags:     []string{"links", "external"},
	Severity: Error,
	Doc: Doc{
		Title: "External links must not lead to an error page",
		Description: `With ` + "`postlint --check-urls`" + `, every http and https link is requested (HEAD, then GET
when HEAD is refused; redirects followed). This rule reports the links whose verdict is
**broken**: 404 Not Found, 410 Gone, or a host name that does not exist. With
` + "`--check-fragments`" + `, a ` + "`#fragment`" + ` that names no element id of the page's HTML is reported too
(GitHub's ` + "`user-content-`" + ` prefix is understood).

Anything less certain — 401, 403, 429, 999, timeouts, TLS trouble, server errors — is never
reported here: see unverified-link. Without ` + "`--check-urls`" + ` the rule reports nothing.`,
		Examples: []Example{
			{Bad: "[the old docs](https://example.org/docs/v1/)", Good: "[the docs](https://example.org/docs/)", Note: "the old page answers 404 Not Found"},
		},
	},
	Options: func() any { return &URLOptions{Ignore: []string{}} },
	Run: func(pass *Pass) error {
		links, results := checkedURLs(pass, OptionsOf[URLOptions](pass).Ignore)
		for _, l := range links {
			r := l.result
			switch {
			case r.Verdict == linkcheck.Broken:
				pass.Reportf(l.Start, l.End, "%s: %s", r.URL, r.Reason)
			case r.Verdict == linkcheck.OK && results.Fragments && !fragmentUnchecked(l.frag) && r.HasIDs && len(r.IDs) > 0 && !r.HasID(l.frag):
				pass.Reportf(l.Start, l.End, "%s: the page has no element with id %q", r.URL, l.frag)
			}
		}
		return nil
	},
}
