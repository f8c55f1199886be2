package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestBrokenLocalLinkJekyll(t *testing.T) {
	ruletest.Run(t, "testdata/broken-local-link/jekyll/pages", rules.BrokenLocalLink)
}

func TestBrokenLocalLinkHugo(t *testing.T) {
	ruletest.Run(t, "testdata/broken-local-link/hugo/content/check", rules.BrokenLocalLink)
	// The other pages of the site have working links.
	ruletest.Run(t, "testdata/broken-local-link/hugo/content/docs/setup", rules.BrokenLocalLink)
}

func TestBrokenAnchorJekyll(t *testing.T) {
	ruletest.Run(t, "testdata/broken-anchor/jekyll/check", rules.BrokenAnchor)
}

func TestBrokenAnchorHugo(t *testing.T) {
	ruletest.Run(t, "testdata/broken-anchor/hugo/content/check", rules.BrokenAnchor)
}

func TestBrokenAnchorMkDocs(t *testing.T) {
	ruletest.Run(t, "testdata/broken-anchor/mkdocs/docs/check", rules.BrokenAnchor)
}

func TestBrokenAnchorGitHub(t *testing.T) {
	ruletest.Run(t, "testdata/broken-anchor/plain", rules.BrokenAnchor)
}
