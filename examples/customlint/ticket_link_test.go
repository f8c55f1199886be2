package main

import (
	"strings"
	"testing"

	"github.com/postlint/postlint/rules/ruletest"
)

// A third-party rule is tested with postlint's own harness.
func TestTicketLink(t *testing.T) {
	got := ruletest.Findings(t, TicketLink, "projects: [PROJ]",
		"Fixed in PROJ-123 and OTHER-1, see [PROJ-7](x) and `PROJ-9`.\n")
	want := []string{"1:10: ticket PROJ-123 is not linked"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}
