package packs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/packs"
	"github.com/postlint/postlint/rules"
	"github.com/postlint/postlint/rules/ruletest"
)

// TestTestdata runs each testdata directory's config (definitions and
// packs) over its Markdown files: expectations in want comments or .want
// files, fixes in .golden files.
func TestTestdata(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*/.postlint.yml")
	if err != nil || len(dirs) == 0 {
		t.Fatal("no testdata")
	}
	for _, d := range dirs {
		dir := filepath.Dir(d)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ruletest.RunConfig(t, dir)
		})
	}
}

// TestBuiltinPacksCompile loads every built-in pack.
func TestBuiltinPacksCompile(t *testing.T) {
	names := packs.Builtin()
	if len(names) == 0 {
		t.Fatal("no built-in packs")
	}
	for _, name := range names {
		cfg, err := config.Parse("x.yml", []byte("packs: ["+name+"]\n"))
		if err != nil {
			t.Fatal(err)
		}
		rs, err := packs.Load(cfg)
		if err != nil {
			t.Fatalf("pack %s: %v", name, err)
		}
		if len(rs) == 0 {
			t.Errorf("pack %s has no rules", name)
		}
		for _, r := range rs {
			if !strings.HasPrefix(r.Name, name+"/") || r.Doc.Title == "" || r.Run == nil {
				t.Errorf("pack %s: bad rule %+v", name, r)
			}
		}
	}
}

// TestErrors: a broken definition is an error with the file, the line and
// the column, and the reason.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, config, want string
	}{
		{"bad regexp", "define:\n  x:\n    kind: existence\n    tokens: ['Git(hub']\n",
			"x.yml:4:18: rule x: invalid regexp \"Git(hub\": missing closing ) at column 4 of the pattern: `Git(hub`"},
		{"bad regexp plain", "define:\n  x:\n    kind: substitution\n    swap:\n      a[b: c\n",
			"x.yml:5:8: rule x: invalid regexp \"a[b\": missing closing ] at column 2 of the pattern: `[b`"},
		{"unknown kind", "define:\n  x:\n    kind: existance\n",
			`x.yml:3:11: rule x: unknown kind "existance" (did you mean "existence"?)`},
		{"missing kind", "define:\n  x:\n    tokens: [a]\n",
			"x.yml:3:5: rule x: missing kind"},
		{"unknown key", "define:\n  x:\n    kind: existence\n    token: [a]\n",
			`x.yml:4:5: rule x: unknown key "token" for a existence rule (did you mean "tokens"?)`},
		{"unknown scope", "define:\n  x:\n    kind: existence\n    tokens: [a]\n    scope: [heading, paragrap]\n",
			`x.yml:5:22: rule x: unknown scope "paragrap" (did you mean "paragraph"?)`},
		{"bad group", "define:\n  x:\n    kind: substitution\n    swap:\n      '(a)b': $2\n",
			"x.yml:5:15: rule x: replacement \"$2\": $2 refers to a group the pattern does not have (it has 1)"},
		{"bad message var", "define:\n  x:\n    kind: existence\n    tokens: [a]\n    message: '${mach}'\n",
			`x.yml:5:14: rule x: message refers to ${mach}, which a existence rule does not have (did you mean "match"?)`},
		{"empty match", "define:\n  x:\n    kind: existence\n    tokens: ['a*']\n",
			`x.yml:4:14: rule x: pattern "a*" matches the empty string`},
		{"bad severity", "define:\n  x:\n    kind: existence\n    tokens: [a]\n    severity: fatal\n",
			`x.yml:5:15: rule x: unknown severity "fatal"`},
		{"min max", "define:\n  x:\n    kind: occurrence\n    token: a\n    min: 3\n    max: 2\n",
			"x.yml:5:10: rule x: min (3) is greater than max (2)"},
		{"name", "define:\n  Bad_Name:\n    kind: existence\n    tokens: [a]\n",
			`x.yml:2:3: rule name "Bad_Name" must be kebab-case`},
		{"taken", "define:\n  mojibake:\n    kind: existence\n    tokens: [a]\n",
			"x.yml:2:1: rule mojibake: the name is taken by the built-in rule mojibake"},
		{"unknown pack", "packs: [prse]\n",
			`x.yml:1:9: unknown built-in pack "prse" (did you mean "prose"?)`},
		{"missing dir", "packs: [./nowhere]\n",
			"x.yml:1:9: pack ./nowhere: no such directory"},
		{"define not a map", "define: [a]\n",
			"x.yml:1:9: define must be a mapping"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse("x.yml", []byte(tt.config))
			if err == nil {
				cfg.Dir = t.TempDir()
				_, err = lint.New(cfg, lint.Selection{})
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got  %s\nwant %s", err, tt.want)
			}
		})
	}
}

// TestPackFileErrors: errors in a pack's rule file name that file.
func TestPackFileErrors(t *testing.T) {
	dir := t.TempDir()
	pack := filepath.Join(dir, "house")
	if err := os.Mkdir(pack, 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(pack, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("github.yml", "kind: substitution\nswap:\n  Github: GitHub\n")
	write("broken.yml", "kind: existence\n# a comment\ntokens:\n  - 'ok'\n  - '(unclosed'\n")
	cfg := &config.Config{Path: filepath.Join(dir, ".postlint.yml"), Dir: dir, Packs: []config.Ref{{Value: "./house", Pos: config.Pos{Line: 1, Col: 9}}}}
	_, err := lint.New(cfg, lint.Selection{})
	want := "broken.yml:5:6: rule house/broken: invalid regexp \"(unclosed\": missing closing ) at column 1 of the pattern: `(unclosed`"
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Fatalf("got %v, want ...%s", err, want)
	}
	write("broken.yml", "kind: existence\ntokens: [a\n")
	_, err = lint.New(cfg, lint.Selection{})
	if err == nil || !strings.Contains(err.Error(), "broken.yml:") || !strings.Contains(err.Error(), "invalid YAML") {
		t.Fatalf("got %v, want a YAML error in broken.yml", err)
	}
	write("broken.yml", "kind: existence\ntokens: [a]\n")
	l, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if r := l.Lookup("house/broken"); r == nil {
		t.Fatal("house/broken not found")
	}
	var sources []string
	for _, r := range l.PackRules() {
		sources = append(sources, r.Name+"@"+filepath.Base(r.File))
	}
	if got := strings.Join(sources, " "); got != "house/broken@broken.yml house/github@github.yml" {
		t.Errorf("pack rules: %s", got)
	}
}

// TestHousePack runs the house pack of testdata/packs (ten rules of a
// realistic style guide) over a post: findings and fixes.
func TestHousePack(t *testing.T) {
	ruletest.RunConfig(t, filepath.Join("..", "..", "testdata", "packs"))
}

// TestValeKeysAndDoc: Vale's extends and level are read as kind and
// severity; link, description and the definition reach the rule's doc.
func TestValeKeysAndDoc(t *testing.T) {
	cfg, err := config.Parse("x.yml", []byte(`define:
  weasel:
    extends: existence
    level: error
    link: https://example.com/style#weasel
    description: Weasel words hedge.
    tokens: [very]
  soft:
    extends: existence
    level: suggestion
    tokens: [quite]
`))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := packs.Load(cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	if r.Severity != rules.Error || r.Doc.Title != "Weasel words hedge" {
		t.Errorf("severity %v, title %q", r.Severity, r.Doc.Title)
	}
	for _, want := range []string{"https://example.com/style#weasel", "extends: existence", "x.yml"} {
		if !strings.Contains(r.Doc.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, r.Doc.Description)
		}
	}
	if rs[1].Severity != rules.Warning {
		t.Errorf("Vale's suggestion level: got %v, want warning", rs[1].Severity)
	}
}
