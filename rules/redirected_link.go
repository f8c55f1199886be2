package rules

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/postlint/postlint/internal/linkcheck"
	"github.com/postlint/postlint/internal/linkindex"
)

// RedirectedLink reports http(s) links that permanently redirect.
var RedirectedLink = &Rule{
	Name:     "redirected-link",
	Tags:     []string{"links", "external"},
	Severity: Warning,
	Fixable:  true,
	// Its fix rewrites a link destination: a change the render-safety proof
	// would refuse, made on purpose.
	ChangesStructure: true,
	Doc: Doc{
		Title: "External links should not go through permanent redirects",
		Description: `With ` + "`postlint --check-urls`" + `, a link answered with a permanent redirect (301 Moved
Permanently or 308 Permanent Redirect) is reported with the address it moved to, when that
address works. The fix replaces the link with it (keeping the ` + "`#fragment`" + `): one hop less for
readers, and no dead link when the old address stops redirecting. Temporary redirects
(302, 303, 307) are not reported, nor redirects to a login or consent page. Without
` + "`--check-urls`" + ` the rule reports nothing.`,
		Examples: []Example{
			{Bad: "[Go](http://golang.org/doc/)", Good: "[Go](https://go.dev/doc/)"},
		},
	},
	Options: func() any { return &URLOptions{Ignore: []string{}} },
	Run: func(pass *Pass) error {
		links, _ := checkedURLs(pass, OptionsOf[URLOptions](pass).Ignore)
		for _, l := range links {
			r := l.result
			if r.Verdict != linkcheck.OK || r.Permanent == "" || walled(r.URL, r.Permanent) {
				continue
			}
			to := r.Permanent
			if l.frag != "" && !strings.Contains(to, "#") {
				to += "#" + l.frag
			}
			d := Diagnostic{Start: l.Start, End: l.End, Message: fmt.Sprintf("%s permanently redirects to %s", r.URL, r.Permanent)}
			if l.Literal && l.Kind != linkindex.Template {
				d.Fix = &Fix{Message: "link to " + to, Edits: []Edit{{Start: l.Start, End: l.End, NewText: to}}}
			}
			pass.Report(d)
		}
		return nil
	},
}

var loginPath = regexp.MustCompile(`(?i)(^|/)(login|log-in|signin|sign-in|sign_in|sso|auth|oauth2?|consent|session|captcha)(/|$|\.)`)

// walled reports a redirect to a login, consent or captcha page, or one
// that carries the original address back: not a page that moved.
func walled(from, to string) bool {
	u, err := url.Parse(to)
	if err != nil {
		return true
	}
	if loginPath.MatchString(u.Path) {
		return true
	}
	q := u.RawQuery
	if dq, err := url.QueryUnescape(q); err == nil {
		q = dq
	}
	f, err := url.Parse(from)
	return err == nil && f.Host != "" && strings.Contains(q, f.Host+f.Path) && f.Path != "/"
}
