package rules_test

import (
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
