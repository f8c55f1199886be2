package rules

import "github.com/postlint/postlint/internal/linkcheck"

// UnverifiedLink reports http(s) links whose check was inconclusive.
var UnverifiedLink = &Rule{
	Name:     "unverified-link",
	Tags:     []string{"links", "external"},
	Severity: Warning,
	Doc: Doc{
		Title: "External links that could not be verified",
		Description: `With ` + "`postlint --check-urls`" + `, the links whose verdict is **unknown**: the server refused
automated checks or wants a login (401, 403, 999), rate-limited the check (429, after
honouring its Retry-After), failed (5xx after retries), did not answer in time, had TLS
trouble, or redirected to a private address. The message says which. Such a link may
work in a browser: check it by hand, or list it in ` + "`ignore`" + `.

This rule is a warning by default and never fails a build unless configured to. URLs to
reserved and local hosts (` + "`example.com`" + `, ` + "`localhost`" + `, private addresses) are not checked
and not reported. Without ` + "`--check-urls`" + ` the rule reports nothing.`,
		Examples: []Example{
			{Bad: "[profile](https://www.linkedin.com/in/someone)", Good: "[profile](https://www.linkedin.com/in/someone)", Note: "999: the site refuses automated checks; add it to ignore"},
		},
	},
	Options: func() any { return &URLOptions{Ignore: []string{}} },
	Run: func(pass *Pass) error {
		links, results := checkedURLs(pass, OptionsOf[URLOptions](pass).Ignore)
		for _, l := range links {
			r := l.result
			switch {
			case r.Verdict == linkcheck.Unknown:
				pass.Reportf(l.Start, l.End, "could not verify %s: %s", r.URL, r.Reason)
			case r.Verdict == linkcheck.OK && results.Fragments && !fragmentUnchecked(l.frag) && r.HasIDs && len(r.IDs) == 0:
				pass.Reportf(l.Start, l.End, "could not verify #%s: the HTML of %s has no element ids (a script may add them)", l.frag, r.URL)
			}
		}
		return nil
	},
}
