package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/rules"
)

// Test rules that stand for markdownlint rules: they have MDnnn aliases and
// tags. Each reports every occurrence of its word in the source.
var (
	mdA = &rules.Rule{
		Name: "test-md-a", Aliases: []string{"MD901"}, Tags: []string{"testheadings"},
		Severity: rules.Off, Doc: rules.Doc{Title: "test"},
		Options: func() any { return &mdOptions{Limit: 3, Style: "consistent"} },
		Run:     reportWord("bar"),
	}
	mdB = &rules.Rule{
		Name: "test-md-b", Aliases: []string{"MD902", "test-md-b-alias"}, Tags: []string{"testheadings", "testspace"},
		Severity: rules.Warning, Doc: rules.Doc{Title: "test"},
		Run: reportWord("baz"),
	}
)

type mdOptions struct {
	Limit int    `yaml:"limit"`
	Style string `yaml:"style"`
}

func reportWord(word string) func(*rules.Pass) error {
	return func(p *rules.Pass) error {
		msg := word
		if o, ok := p.Options.(*mdOptions); ok {
			msg = fmt.Sprintf("%s limit=%d style=%s", word, o.Limit, o.Style)
		}
		for i := 0; ; {
			j := bytes.Index(p.Source[i:], []byte(word))
			if j < 0 {
				return nil
			}
			p.Reportf(i+j, i+j+len(word), "%s", msg)
			i += j + len(word)
		}
	}
}

func init() {
	for _, r := range []*rules.Rule{mdA, mdB} {
		if err := rules.Register(r); err != nil {
			panic(err)
		}
	}
}

// severities returns "name=severity" for the rules named, as l runs them on
// path.
func severities(l *Linter, names ...string) string {
	var out []string
	for _, a := range l.RulesFor("x.md") {
		if slices.Contains(names, a.Rule.Name) {
			out = append(out, a.Rule.Name+"="+a.Severity.String())
		}
	}
	return strings.Join(out, " ")
}

// lintMsgs lints src and lists the findings of the test rules and of
// invalid-directive (the built-in markdownlint rules also run under the
// markdownlint preset; their findings are beside the point here).
func lintMsgs(l *Linter, src string) string {
	res := l.Lint("x.md", []byte(src))
	var b strings.Builder
	for _, f := range res.Findings {
		if !strings.HasPrefix(f.Rule.Name, "test-") && f.Rule.Name != "invalid-directive" {
			continue
		}
		line, _ := res.Lines.Position(f.Start)
		fmt.Fprintf(&b, "%d %s %s %s\n", line, f.Rule.Name, f.Severity, f.Message)
	}
	return b.String()
}

func TestPresets(t *testing.T) {
	names := []string{"test-md-a", "test-md-b", "test-upper", "placeholder-link"}
	tests := []struct {
		cfg    string
		preset string
		want   string
	}{
		{"", "", "placeholder-link=error test-upper=warning test-md-a=off test-md-b=warning"},
		{"", "default", "placeholder-link=error test-upper=warning test-md-a=off test-md-b=warning"},
		{"", "markdownlint", "placeholder-link=off test-upper=off test-md-a=error test-md-b=error"},
		{"preset: markdownlint\n", "", "placeholder-link=off test-upper=off test-md-a=error test-md-b=error"},
		{"preset: markdownlint\n", "default", "placeholder-link=error test-upper=warning test-md-a=off test-md-b=warning"},
		// The config applies over the preset.
		{"preset: markdownlint\nrules:\n  test-upper: on\n  MD902: warning\n", "", "placeholder-link=off test-upper=warning test-md-a=error test-md-b=warning"},
	}
	for _, tt := range tests {
		l := newLinter(t, tt.cfg, Selection{Preset: tt.preset})
		if got := severities(l, names...); got != tt.want {
			t.Errorf("config %q preset %q:\n got %s\nwant %s", tt.cfg, tt.preset, got, tt.want)
		}
	}
	if _, err := New(nil, Selection{Preset: "markdownlnt"}); err == nil || err.Error() != `--preset: unknown preset "markdownlnt" (did you mean "markdownlint"?) (presets: default, markdownlint)` {
		t.Errorf("--preset typo: %v", err)
	}
	cfg, err := config.Parse(".postlint.yml", []byte("rules: {}\npreset: strict\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(cfg, Selection{}); err == nil || !strings.HasPrefix(err.Error(), `.postlint.yml:2:9: unknown preset "strict"`) {
		t.Errorf("preset: strict: %v", err)
	}
}

func TestTagsAndGroup(t *testing.T) {
	names := []string{"test-md-a", "test-md-b", "test-upper"}
	tests := []struct{ cfg, want string }{
		{"rules:\n  testheadings: error\n", "test-upper=warning test-md-a=error test-md-b=error"},
		{"rules:\n  TestSpace: off\n", "test-upper=warning test-md-a=off test-md-b=off"},
		{"rules:\n  markdownlint: error\n  test-md-b-alias: off\n", "test-upper=warning test-md-a=error test-md-b=off"},
		// A tag's options go to the rules that have them; they turn an
		// off rule on as a rule's options do.
		{"rules:\n  testheadings:\n    limit: 5\n", "test-upper=warning test-md-a=warning test-md-b=warning"},
	}
	for _, tt := range tests {
		l := newLinter(t, tt.cfg, Selection{})
		if got := severities(l, names...); got != tt.want {
			t.Errorf("config %q:\n got %s\nwant %s", tt.cfg, got, tt.want)
		}
	}
	l := newLinter(t, "rules:\n  testheadings:\n    limit: 5\n", Selection{})
	if got := lintMsgs(l, "bar\n"); got != "1 test-md-a warning bar limit=5 style=consistent\n" {
		t.Errorf("tag options: %q", got)
	}
	cfg, _ := config.Parse(".postlint.yml", []byte("rules:\n  testspace:\n    limit: 5\n"))
	if _, err := New(cfg, Selection{}); err == nil || err.Error() != `.postlint.yml:3:5: no rule tagged testspace has an option "limit"` {
		t.Errorf("tag without the option: %v", err)
	}
	l = newLinter(t, "", Selection{Select: []string{"testspace"}})
	if got := severities(l, names...); got != "test-upper=off test-md-a=off test-md-b=warning" {
		t.Errorf("--select testspace: %s", got)
	}
}

// loadMarkdownlint writes files into a temporary directory and loads the
// first as a markdownlint config.
func loadMarkdownlint(t *testing.T, files ...string) (*config.Config, error) {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return config.Load(filepath.Join(dir, files[0]))
}

func TestMarkdownlintConfig(t *testing.T) {
	names := []string{"test-md-a", "test-md-b", "test-upper", "placeholder-link"}
	tests := []struct {
		json    string
		want    string
		ignored string
		msgs    string // findings for "bar baz foo\n"
	}{
		// markdownlint's default is every rule on, at error; postlint's own
		// rules keep their defaults.
		{`{}`, "placeholder-link=error test-upper=warning test-md-a=error test-md-b=error", "", ""},
		{`{"default": false, "MD901": true}`, "placeholder-link=error test-upper=warning test-md-a=error test-md-b=off", "", ""},
		{`{"default": "warning", "test-upper": false}`, "placeholder-link=error test-upper=off test-md-a=warning test-md-b=warning", "", ""},
		// Tags, aliases, severities, enabled; unknown names and options are
		// ignored and listed.
		{`{"testspace": false, "MD901": {"limit": 9, "nope": 1, "severity": "warning"}, "search-replace": {"rules": []}}`,
			"placeholder-link=error test-upper=warning test-md-a=warning test-md-b=off", "MD901.nope, search-replace",
			"1 test-md-a warning bar limit=9 style=consistent\n"},
		{`{"MD901": {"enabled": false, "limit": 9}, "test-md-b-alias": "warning"}`, "placeholder-link=error test-upper=warning test-md-a=off test-md-b=warning", "", ""},
		// Each setting replaces the options: the tag after MD901 resets limit.
		{`{"MD901": {"limit": 9}, "testheadings": {"style": "atx"}}`, "placeholder-link=error test-upper=warning test-md-a=error test-md-b=error", "",
			"1 test-md-a error bar limit=3 style=atx\n"},
		// "default" is read first wherever it stands.
		{`{"MD902": true, "default": false}`, "placeholder-link=error test-upper=warning test-md-a=off test-md-b=error", "", ""},
	}
	for _, tt := range tests {
		cfg, err := loadMarkdownlint(t, ".markdownlint.json", tt.json)
		if err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		l, err := New(cfg, Selection{})
		if err != nil {
			t.Fatalf("%s: %v", tt.json, err)
		}
		if got := severities(l, names...); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.json, got, tt.want)
		}
		if got := strings.Join(l.IgnoredSettings(), ", "); got != tt.ignored {
			t.Errorf("%s: ignored %q, want %q", tt.json, got, tt.ignored)
		}
		if tt.msgs != "" {
			got := lintMsgs(l, "bar\n")
			if got != tt.msgs {
				t.Errorf("%s: findings %q, want %q", tt.json, got, tt.msgs)
			}
		}
	}

	// A bad option value is an error at its place, in the file it is in.
	cfg, err := loadMarkdownlint(t, ".markdownlint.json", `{"extends": "base.json"}`, "base.json", "{\n  \"MD901\": {\"limit\": \"many\"}\n}")
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(cfg, Selection{})
	if err == nil || !strings.Contains(err.Error(), "base.json:2:22: rule test-md-a: option limit wants an integer") {
		t.Errorf("bad option in an extended file: %v", err)
	}
}

func TestMarkdownlintDirectives(t *testing.T) {
	src := `bar baz foo 1
<!-- markdownlint-disable MD901 -->
bar baz foo 3
<!-- markdownlint-capture -->
<!-- markdownlint-disable -->
bar baz foo 6
<!-- markdownlint-restore -->
bar baz foo 8
<!-- MARKDOWNLINT-ENABLE test-md-a -->
bar baz foo 10
bar baz foo 11 <!-- markdownlint-disable-line testheadings -->
<!-- markdownlint-disable-next-line test-md-b-alias -->
bar baz foo 13
bar baz foo 14
`
	l := newLinter(t, "", Selection{Preset: "markdownlint", Select: []string{"test-md-a", "test-md-b", "test-upper"}})
	// markdownlint-disable without names turns off markdownlint's rules,
	// not postlint's own (test-upper reports foo in prose).
	want := `1 test-md-a error bar limit=3 style=consistent
1 test-md-b error baz
1 test-upper warning foo
3 test-md-b error baz
3 test-upper warning foo
6 test-upper warning foo
8 test-md-b error baz
8 test-upper warning foo
10 test-md-a error bar limit=3 style=consistent
10 test-md-b error baz
10 test-upper warning foo
11 test-upper warning foo
13 test-md-a error bar limit=3 style=consistent
13 test-upper warning foo
14 test-md-a error bar limit=3 style=consistent
14 test-md-b error baz
14 test-upper warning foo
`
	if got := lintMsgs(l, src); got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}

	// -disable-file and -enable-file apply to the whole file, in order,
	// wherever they stand.
	l = newLinter(t, "", Selection{Preset: "markdownlint"})
	got := lintMsgs(l, "bar baz\n\n<!-- markdownlint-disable-file testheadings -->\n<!-- markdownlint-enable-file MD902 -->\n")
	if got != "1 test-md-b error baz\n" {
		t.Errorf("disable-file, enable-file: %q", got)
	}
	// enable restores the configured state: it never turns on a rule the
	// configuration has off.
	l = newLinter(t, "", Selection{})
	if got := lintMsgs(l, "<!-- markdownlint-enable MD901 -->\nbar\n"); got != "" {
		t.Errorf("enable turned on an off rule: %q", got)
	}
	// Directives in code are text.
	l = newLinter(t, "", Selection{Preset: "markdownlint"})
	if got := lintMsgs(l, "```\n<!-- markdownlint-disable -->\n```\n\nbaz\n"); got != "5 test-md-b error baz\n" {
		t.Errorf("directive in a code block: %q", got)
	}
}

func TestMarkdownlintConfigureFile(t *testing.T) {
	l := newLinter(t, "", Selection{Preset: "markdownlint"})
	got := lintMsgs(l, "<!-- markdownlint-configure-file {\n  \"MD901\": {\"limit\": 1},\n  // comment\n  \"testspace\": false,\n} -->\n\nbar baz\n")
	if got != "7 test-md-a error bar limit=1 style=consistent\n" {
		t.Errorf("configure-file: %q", got)
	}
	// Options alone do not turn on a rule that is off; true does.
	l = newLinter(t, "", Selection{})
	if got := lintMsgs(l, "<!-- markdownlint-configure-file {\"MD901\": {\"limit\": 1}} -->\nbar\n"); got != "" {
		t.Errorf("options turned a rule on: %q", got)
	}
	if got := lintMsgs(l, "<!-- markdownlint-configure-file {\"MD901\": true} -->\nbar\n"); got != "2 test-md-a error bar limit=3 style=consistent\n" {
		t.Errorf("true: %q", got)
	}
	// Bad JSON changes nothing (invalid-directive reports it).
	if got := lintMsgs(l, "<!-- markdownlint-configure-file {\"MD902\": false -->\nbaz\n"); !strings.HasSuffix(got, "\n2 test-md-b warning baz\n") || !strings.Contains(got, "1 invalid-directive error markdownlint-configure-file directive: invalid JSON") {
		t.Errorf("bad JSON: %q", got)
	}
	// The configured options of other files are untouched.
	l = newLinter(t, "rules:\n  MD901:\n    limit: 7\n", Selection{})
	_ = lintMsgs(l, "<!-- markdownlint-configure-file {\"MD901\": {\"limit\": 1}} -->\n")
	if got := lintMsgs(l, "bar\n"); got != "1 test-md-a warning bar limit=7 style=consistent\n" {
		t.Errorf("after configure-file: %q", got)
	}
}
