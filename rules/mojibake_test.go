package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestMojibake(t *testing.T) {
	ruletest.Run(t, "testdata/mojibake", rules.Mojibake)
}

func TestMojibakeInCode(t *testing.T) {
	src := "Text `Itâ€™s` here.\n\n```\nbroken = \"Iâ€™ve\"\n```\n"
	if got := ruletest.Findings(t, rules.Mojibake, "", src); len(got) != 0 {
		t.Errorf("code reported by default: %q", got)
	}
	got := ruletest.Findings(t, rules.Mojibake, "code: true", src)
	want := []string{
		`1:9: mojibake "â€™" should read "’" (UTF-8 decoded as Windows-1252) in code`,
		`4:12: mojibake "â€™" should read "’" (UTF-8 decoded as Windows-1252) in code`,
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %q, want %q", got, want)
	}
}
