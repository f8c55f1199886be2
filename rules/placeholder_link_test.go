package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestPlaceholderLink(t *testing.T) {
	ruletest.Run(t, "testdata/placeholder-link", rules.PlaceholderLink)
}

func TestPlaceholderLinkOptions(t *testing.T) {
	got := ruletest.Findings(t, rules.PlaceholderLink, "placeholders: [\"tbd\"]\nreferences: false",
		"[a](link) [b](TBD) [c][undefined] [d]()\n")
	want := []string{
		`1:11: link destination "TBD" is a placeholder`,
		`1:35: link has an empty destination`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
}
