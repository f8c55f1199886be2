package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree writes name/content pairs under a new temporary directory.
func writeTree(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(dir, filepath.FromSlash(files[i]))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// settings renders rule settings compactly: name=severity{options}, with
// R for Replace and L for Lenient.
func settings(rs []RuleSetting) string {
	var parts []string
	for _, s := range rs {
		p := s.Name + "=" + s.Severity
		var opts []string
		for _, o := range s.Options {
			opts = append(opts, o.Key+":"+o.Node.Value)
		}
		if len(opts) > 0 {
			p += "{" + strings.Join(opts, ",") + "}"
		}
		if s.Replace {
			p += "R"
		}
		if !s.Lenient {
			p += "!"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, " ")
}

func TestMarkdownlintTranslation(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{".markdownlint.json", `{}`, "markdownlint=errorR"},
		{".markdownlint.json", `{"$schema": "x", "comment": "y", "default": false}`, "markdownlint=offR"},
		{".markdownlint.jsonc", `{"MD013": {"line_length": 100, "code_blocks": false}, // c
			"headings": false, "no-hard-tabs": "warning", "MD001": "error", "MD003": 1, "MD004": 0, "MD005": null,
			"MD007": {"severity": "warning", "indent": 4}, "MD009": {"enabled": false}, "Default": "warning",}`,
			"markdownlint=warningR MD013=error{line_length:100,code_blocks:false}R headings=offR no-hard-tabs=warningR MD001=errorR MD003=errorR MD004=offR MD005=offR MD007=warning{indent:4}R MD009=offR"},
		{".markdownlint.yaml", "# comment\ndefault: true\nMD013:\n  line_length: 120\nwhitespace: false\n", "markdownlint=errorR MD013=error{line_length:120}R whitespace=offR"},
		{".markdownlint.yml", "", "markdownlint=errorR"},
		// A key set twice keeps its first place and its last value.
		{".markdownlint.json", `{"MD013": false, "MD001": false, "MD013": true}`, "markdownlint=errorR MD013=errorR MD001=offR"},
	}
	for _, tt := range tests {
		dir := writeTree(t, tt.name, tt.text)
		c, err := Load(filepath.Join(dir, tt.name))
		if err != nil {
			t.Errorf("%s: %v", tt.text, err)
			continue
		}
		if got := settings(c.Rules); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.text, got, tt.want)
		}
		if c.Markdownlint == nil || c.Dir != dir {
			t.Errorf("%s: Markdownlint %v, Dir %s", tt.name, c.Markdownlint, c.Dir)
		}
	}
}

func TestMarkdownlintExtends(t *testing.T) {
	dir := writeTree(t,
		".markdownlint.json", `{"extends": "cfg/base.jsonc", "MD013": {"line_length": 100}, "MD033": false}`,
		"cfg/base.jsonc", `{"extends": "../node_modules/shared/x.yaml", "MD033": true, "MD013": false, "MD040": false}`,
		"node_modules/shared/x.yaml", "default: false\nMD040: true\nMD050: true\n",
	)
	c, err := Load(filepath.Join(dir, ".markdownlint.json"))
	if err != nil {
		t.Fatal(err)
	}
	// {...{...x, ...base}, ...own}: keys keep their first place.
	want := "markdownlint=offR MD040=offR MD050=errorR MD033=offR MD013=error{line_length:100}R"
	if got := settings(c.Rules); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if f := c.Markdownlint.Files; len(f) != 3 || f[1] != filepath.Join(dir, "cfg", "base.jsonc") || f[2] != filepath.Join(dir, "node_modules", "shared", "x.yaml") {
		t.Errorf("files %s", f)
	}
	// Positions of settings from an extended file name that file.
	for _, s := range c.Rules {
		if s.Name == "MD050" && (s.Pos.File == "" || !strings.HasSuffix(s.Pos.File, "x.yaml") || s.Pos.Line != 3) {
			t.Errorf("MD050 pos %+v", s.Pos)
		}
		if s.Name == "MD013" && s.Pos.File != "" {
			t.Errorf("MD013 pos %+v", s.Pos)
		}
	}

	// A package name is looked up in node_modules upward; markdownlint's
	// own styles are known without the package.
	dir = writeTree(t,
		"docs/.markdownlint.yaml", "extends: markdownlint/style/prettier\nline-length: true\n",
		"node_modules/other/y.json", `{}`,
	)
	c, err = Load(filepath.Join(dir, "docs", ".markdownlint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := settings(c.Rules); !strings.HasPrefix(got, "markdownlint=errorR blanks-around-fences=offR") || !strings.Contains(got, " line-length=errorR ") {
		t.Errorf("prettier: %s", got)
	}
	dir = writeTree(t, "a/.markdownlint.json", `{"extends": "other/y"}`, "node_modules/other/y.json", `{"MD001": false}`)
	c, err = Load(filepath.Join(dir, "a", ".markdownlint.json"))
	if err != nil {
		t.Fatal(err)
	}
	if got := settings(c.Rules); got != "markdownlint=errorR MD001=offR" {
		t.Errorf("node_modules: %s", got)
	}
}

func TestMarkdownlintErrors(t *testing.T) {
	tests := []struct {
		files []string
		want  string
	}{
		{[]string{".markdownlint.json", "{\n  \"MD013\": false\n  \"MD001\": false\n}"},
			`.markdownlint.json:3:3: invalid JSON: unexpected '"': want , or } (a comma missing after the value of "MD013"?)`},
		{[]string{".markdownlint.yaml", "MD013: [x\n"}, `.markdownlint.yaml:2:1: invalid YAML`},
		{[]string{".markdownlint.json", `[1]`}, `.markdownlint.json:1:1: a markdownlint config must be an object of rule settings`},
		{[]string{".markdownlint.json", `{"extends": "missing.json"}`}, `.markdownlint.json:1:13: extends: cannot find "missing.json"`},
		{[]string{".markdownlint.json", `{"extends": "b.json"}`, "b.json", `{"extends": ".markdownlint.json"}`}, `extends makes a cycle`},
		{[]string{".markdownlint.json", `{"extends": 3}`}, `.markdownlint.json:1:13: extends must be a path`},
		{[]string{".markdownlint-cli2.jsonc", `{"config": true}`}, `.markdownlint-cli2.jsonc:1:12: config must be an object`},
		{[]string{".markdownlint-cli2.jsonc", `{"ignores": "x"}`}, `.markdownlint-cli2.jsonc:1:13: ignores must be a list of globs`},
	}
	for _, tt := range tests {
		dir := writeTree(t, tt.files...)
		wd, _ := os.Getwd()
		if err := os.Chdir(dir); err != nil {
			t.Fatal(err)
		}
		_, err := Load(tt.files[0])
		_ = os.Chdir(wd)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: err = %v, want %s", tt.files, err, tt.want)
		}
	}
}

func TestMarkdownlintCLI2(t *testing.T) {
	dir := writeTree(t, ".markdownlint-cli2.jsonc", `{
  // markdownlint-cli2 options
  "config": {"extends": "base.json", "MD013": false},
  "ignores": ["vendor/**", "./CHANGELOG.md", "!keep.md"],
  "customRules": ["markdownlint-rule-x"],
  "fix": true,
  "noProgress": true,
}`, "base.json", `{"default": false}`)
	c, err := Load(filepath.Join(dir, ".markdownlint-cli2.jsonc"))
	if err != nil {
		t.Fatal(err)
	}
	if got := settings(c.Rules); got != "markdownlint=offR MD013=offR" {
		t.Errorf("rules %s", got)
	}
	if got := strings.Join(c.Ignore, " "); got != "vendor/** CHANGELOG.md" {
		t.Errorf("ignore %s", got)
	}
	if got := strings.Join(c.Markdownlint.Ignored, ", "); got != `ignores "!keep.md", customRules, fix` {
		t.Errorf("ignored %s", got)
	}

	// A .markdownlint.* file beside it gives the rules; the cli2 file still
	// gives its ignores.
	dir = writeTree(t, ".markdownlint.yml", "MD001: false\n", ".markdownlint-cli2.yaml", "config:\n  MD002: false\nignores: [x.md]\n")
	c, err = Load(filepath.Join(dir, ".markdownlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	if got := settings(c.Rules); got != "markdownlint=errorR MD001=offR" {
		t.Errorf("rules %s", got)
	}
	if got := strings.Join(c.Ignore, " "); got != "x.md" {
		t.Errorf("ignore %s", got)
	}
	if got := strings.Join(c.Markdownlint.Ignored, ", "); got != ".markdownlint-cli2.yaml config (.markdownlint.yml takes precedence)" {
		t.Errorf("ignored %s", got)
	}
}

func TestFindMarkdownlint(t *testing.T) {
	dir := writeTree(t,
		"a/.markdownlint-cli2.jsonc", `{}`,
		"a/.markdownlint.yaml", ``,
		"a/b/c/x.md", ``,
		"js/.markdownlint.cjs", `module.exports = {}`,
	)
	for _, tt := range []struct{ from, want string }{
		{"a/b/c", "a/.markdownlint.yaml"},
		{"a", "a/.markdownlint.yaml"},
		{"js", "js/.markdownlint.cjs"},
		{".", ""},
	} {
		got, err := FindMarkdownlint(filepath.Join(dir, tt.from))
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if tt.want != "" {
			want = filepath.Join(dir, filepath.FromSlash(tt.want))
		}
		if got != want && !(tt.want == "" && !strings.HasPrefix(got, dir)) {
			t.Errorf("from %s: %q, want %q", tt.from, got, want)
		}
	}
	c, err := Load(filepath.Join(dir, "js", ".markdownlint.cjs"))
	if err != nil || !c.Markdownlint.Unreadable || len(c.Rules) != 0 {
		t.Errorf("JavaScript config: %v %+v", err, c)
	}
}

func TestMarkdownlintInline(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{` { "MD013": { "line_length": 120 }, "MD033": false, "MD040": true, "MD041": {"enabled": true, "level": 2} } `,
			"MD013={line_length:120} MD033=off MD040=error MD041=error{level:2}"},
		{`{"default": false, "MD001": "warning"}`, "markdownlint=offR MD001=warning"},
		{"MD013: false", "MD013=off"}, // YAML, as markdownlint-cli2 reads it
	} {
		rs, err := ParseMarkdownlintInline(tt.in)
		if err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if got := settings(rs); got != tt.want {
			t.Errorf("%s:\n got %s\nwant %s", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{`{"MD013": false`, ":1:1: invalid JSON: unterminated object: no closing }"},
		{`"MD013"`, ":1:1: want a JSON object of rule settings"},
	} {
		_, err := ParseMarkdownlintInline(tt.in)
		if err == nil || fmt.Sprint(err) != tt.want {
			t.Errorf("%s: err %v, want %s", tt.in, err, tt.want)
		}
	}
}

func TestPresetKey(t *testing.T) {
	c, err := Parse("p.yml", []byte("preset: markdownlint\n"))
	if err != nil || c.Preset != "markdownlint" || c.PresetPos.Line != 1 || c.PresetPos.Col != 9 {
		t.Errorf("preset: %v %+v", err, c)
	}
	if _, err := Parse("p.yml", []byte("preset: [a]\n")); err == nil || err.Error() != "p.yml:1:9: preset must be a name (default or markdownlint)" {
		t.Errorf("preset list: %v", err)
	}
}
