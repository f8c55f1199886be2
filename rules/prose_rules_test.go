package rules_test

import (
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/lint"
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

func TestEmptyFrontMatterValue(t *testing.T) {
	ruletest.Run(t, "testdata/empty-front-matter-value", rules.EmptyFrontMatterValue)
	got := ruletest.Findings(t, rules.EmptyFrontMatterValue, "ignore: [title]", "---\ntitle:\ntags:\n---\n")
	if len(got) != 1 || got[0] != `3:1: front matter key "tags" has no value` {
		t.Errorf("with ignore: [title]: got %q", got)
	}
}

const schema = `required: [title, author.email]
keys:
  layout: {allowed: [post, page]}
  date: {type: date, format: YYYY-MM-DD}
  tags: {type: list}
  draft: {type: bool}
  weight: {type: integer}
  slug: {type: string, pattern: "^[a-z0-9-]+$"}`

func TestFrontMatterSchema(t *testing.T) {
	ruletest.RunWithOptions(t, "testdata/front-matter-schema", rules.FrontMatterSchema, schema)
	got := ruletest.Findings(t, rules.FrontMatterSchema, "required: [title]\nrequire-front-matter: true", "Just text.\n")
	if len(got) != 1 || got[0] != "1:1: no front matter (required: title)" {
		t.Errorf("require-front-matter: got %q", got)
	}
}

func TestFrontMatterSchemaErrors(t *testing.T) {
	for _, tt := range []struct{ options, want string }{
		{"keys: {date: {typ: date}}", `unknown field "typ"`},
		{"keys: {date: {type: datetime}}", `key date: unknown type "datetime"`},
		{"keys: {slug: {pattern: '(x'}}", "key slug: pattern: error parsing regexp"},
	} {
		cfg, err := config.Parse("x.yml", []byte("rules:\n  front-matter-schema:\n    "+tt.options+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = lint.New(cfg, lint.Selection{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.options, err, tt.want)
		}
	}
}

func TestNoTodo(t *testing.T) {
	ruletest.Run(t, "testdata/no-todo", rules.NoTodo)
}

func TestSentenceSpacing(t *testing.T) {
	ruletest.Run(t, "testdata/sentence-spacing", rules.SentenceSpacing)
}

func TestTypography(t *testing.T) {
	ruletest.Run(t, "testdata/typography/consistent", rules.Typography)
	ruletest.RunWithOptions(t, "testdata/typography/curly", rules.Typography, "quotes: curly\nellipsis: unicode\ndashes: unicode")
	ruletest.RunWithOptions(t, "testdata/typography/straight", rules.Typography, "quotes: straight\nellipsis: ascii\ndashes: ascii")
}

func TestSpelling(t *testing.T) {
	ruletest.Run(t, "testdata/spelling", rules.Spelling)
}

func TestSpellingOptions(t *testing.T) {
	tests := []struct {
		options, src string
		want         []string
	}{
		{"", "The storgage layer.\n", []string{`1:5: "storgage" is not a word: did you mean "storage"?`}},
		{"words: [storgage]", "The storgage layer.\n", nil},
		{"mode: exhaustive", "The blorft and Storgage layer.\n", []string{
			`1:16: "Storgage" is not a word: did you mean "Storage"?`,
			`1:5: "blorft" is not in the dictionary (suggestions: aloft, blot, blurt)`,
		}},
		{"front-matter-keys: []", "---\ntitle: storgage\n---\n", nil},
	}
	for _, tt := range tests {
		got := ruletest.Findings(t, rules.Spelling, tt.options, tt.src)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%q with %q:\n got %q\nwant %q", tt.src, tt.options, got, tt.want)
		}
	}
}

// TestSpellingUnsafeFixes: with unsafe fixes the corrections apply (a
// golden file); without, the findings carry no fix.
func TestSpellingUnsafeFixes(t *testing.T) {
	ruletest.RunConfig(t, "testdata/spelling-unsafe")
	cfg, err := config.Parse("x.yml", []byte("rules:\n  spelling: error\n"))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	res := l.Lint("x.md", []byte("The storgage layer.\n"))
	if len(res.Findings) != 1 || res.Findings[0].Fix != nil {
		t.Errorf("without --unsafe-fixes: want one finding without a fix, got %+v", res.Findings)
	}
}
