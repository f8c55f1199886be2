package rules_test

import (
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestMisspelling(t *testing.T) {
	ruletest.Run(t, "testdata/misspelling", rules.Misspelling)
}

func TestMisspellingOptions(t *testing.T) {
	tests := []struct {
		options, src string
		want         []string
	}{
		{"locale: en-US", "The colour.\n", []string{`1:5: "colour" is a misspelling of "color"`}},
		{"locale: en-GB", "The color.\n", []string{`1:5: "color" is a misspelling of "colour"`}},
		{"", "The colour and color.\n", nil},
		{"ignore: [teh]", "Teh end.\n", nil},
		{"front-matter-keys: [layout]", "---\nlayout: teh\ntitle: teh\n---\n", []string{`2:9: "teh" is a misspelling of "the"`}},
	}
	for _, tt := range tests {
		got := ruletest.Findings(t, rules.Misspelling, tt.options, tt.src)
		if len(got) != len(tt.want) {
			t.Errorf("%q with %q: got %q, want %q", tt.src, tt.options, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%q with %q: got %q, want %q", tt.src, tt.options, got[i], tt.want[i])
			}
		}
	}
}
