package rules_test

import (
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

func TestHygieneRules(t *testing.T) {
	for _, r := range []*rules.Rule{
		rules.InvalidUTF8,
		rules.BOM,
		rules.ControlChars,
		rules.InvisibleChars,
		rules.UnicodeNormalization,
		rules.LineEndings,
		rules.TrailingWhitespace,
		rules.FinalNewline,
	} {
		t.Run(r.Name, func(t *testing.T) {
			ruletest.Run(t, "testdata/"+r.Name, r)
		})
	}
}

func TestHygieneOptions(t *testing.T) {
	tests := []struct {
		rule    *rules.Rule
		options string
		src     string
		want    []string
	}{
		{rules.InvisibleChars, "nbsp: all", "10\u00a0km and a\u00a0 b.\n", []string{
			"1:12: no-break space (U+00A0) next to a space",
			"1:3: no-break space (U+00A0) between words",
		}},
		{rules.InvisibleChars, "nbsp: off", "10\u00a0km and a\u00a0 b.\n", nil},
		{rules.LineEndings, "style: lf", "a\r\nb\r\n", []string{"1:2: 2 lines end with CRLF; want LF"}},
		{rules.LineEndings, "style: crlf", "a\r\nb\n", []string{"2:2: mixed line endings: 1 line ends with LF, 1 with CRLF; want CRLF"}},
		{rules.LineEndings, "style: consistent", "a\r\nb\r\n", nil},
		{rules.TrailingWhitespace, "keep-hard-breaks: false", "hard  \nbreak\n", []string{"1:5: hard line break made of trailing spaces: use a backslash"}},
		{rules.TrailingWhitespace, "", "hard  \nbreak\n", nil},
	}
	for _, tt := range tests {
		got := ruletest.Findings(t, tt.rule, tt.options, tt.src)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s %q on %q:\n got %q\nwant %q", tt.rule.Name, tt.options, tt.src, got, tt.want)
		}
	}
}

func TestHygieneBadOptions(t *testing.T) {
	for _, c := range []struct{ rule, yaml, want string }{
		{"invisible-chars", "nbsp: some", `option nbsp: "some" is not one of stray, all, off`},
		{"line-endings", "style: mac", `option style: "mac" is not one of consistent, lf, crlf`},
	} {
		cfg, err := config.Parse("c.yml", []byte("rules:\n  "+c.rule+":\n    "+c.yaml+"\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = lint.New(cfg, lint.Selection{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %s: got %v, want %q", c.rule, c.yaml, err, c.want)
		}
	}
}

// The fixes of the whitespace rules keep a hard break a hard break, in
// either form.
func TestTrailingWhitespaceBackslash(t *testing.T) {
	fixed := fixWith(t, rules.TrailingWhitespace, "keep-hard-breaks: false", "a   \nb  \n")
	if want := "a\\\nb\n"; fixed != want {
		t.Errorf("got %q, want %q", fixed, want)
	}
}

func fixWith(t *testing.T, r *rules.Rule, options, src string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("rules:\n  " + r.Name + ":\n    severity: error\n")
	if options != "" {
		b.WriteString("    " + options + "\n")
	}
	cfg, err := config.Parse("c.yml", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(cfg, lint.Selection{Select: []string{r.Name}})
	if err != nil {
		t.Fatal(err)
	}
	fr := l.Fix("t.md", []byte(src))
	for _, e := range fr.Final.Errors {
		t.Errorf("%v", e)
	}
	return string(fr.Fixed)
}
