package rules_test

import (
	"strings"
	"testing"

	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestRepeatedWord(t *testing.T) {
	ruletest.Run(t, "testdata/repeated-word", rules.RepeatedWord)
}

func TestIndefiniteArticle(t *testing.T) {
	ruletest.Run(t, "testdata/indefinite-article", rules.IndefiniteArticle)
}

func TestProductNames(t *testing.T) {
	ruletest.Run(t, "testdata/product-names", rules.ProductNames)
	got := ruletest.Findings(t, rules.ProductNames, "names: [postlint, Vitess]\nignore: [github]", "Our product is Postlint, on vitess, not Github.\n")
	want := []string{`1:16: "Postlint" is spelled "postlint"`, `1:29: "vitess" is spelled "Vitess"`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("with options: got %q, want %q", got, want)
	}
}
