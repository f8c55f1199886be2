package lint

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/rules"
)

// Test rules, registered only in this test binary.
var (
	// upper reports each lowercase word "foo" and fixes it to "FOO".
	upper = &rules.Rule{
		Name: "test-upper", Severity: rules.Warning, Fixable: true,
		Doc: rules.Doc{Title: "test"},
		Run: func(p *rules.Pass) error {
			for _, c := range p.Prose {
				for i := 0; ; {
					j := bytes.Index(c.Text[i:], []byte("foo"))
					if j < 0 {
						break
					}
					s := c.Start + i + j
					p.Report(rules.Diagnostic{Start: s, End: s + 3, Message: "foo", Fix: &rules.Fix{Edits: []rules.Edit{{Start: s, End: s + 3, NewText: "FOO"}}}})
					i += j + 3
				}
			}
			return nil
		},
	}
	// wrap reports "FOO" and fixes it to "[FOO]": it conflicts with nothing
	// but only applies after upper has.
	wrap = &rules.Rule{
		Name: "test-wrap", Severity: rules.Error, Fixable: true,
		Doc: rules.Doc{Title: "test"},
		Run: func(p *rules.Pass) error {
			for i := 0; ; {
				j := bytes.Index(p.Source[i:], []byte("FOO"))
				if j < 0 {
					break
				}
				s := i + j
				if s == 0 || p.Source[s-1] != '[' {
					p.Report(rules.Diagnostic{Start: s, End: s + 3, Message: "wrap", Fix: &rules.Fix{Edits: []rules.Edit{{Start: s, End: s + 3, NewText: "[FOO]"}}}})
				}
				i = s + 3
			}
			return nil
		},
	}
	// flip turns "ab" into "ba" and back: a cycle.
	flip = &rules.Rule{
		Name: "test-flip", Severity: rules.Off, Fixable: true,
		Doc: rules.Doc{Title: "test"},
		Run: func(p *rules.Pass) error {
			for _, pair := range [][2]string{{"xy", "yx"}, {"yx", "xy"}} {
				if i := bytes.Index(p.Source, []byte(pair[0])); i >= 0 {
					p.Report(rules.Diagnostic{Start: i, End: i + 2, Message: "flip", Fix: &rules.Fix{Edits: []rules.Edit{{Start: i, End: i + 2, NewText: pair[1]}}}})
					return nil
				}
			}
			return nil
		},
	}
	// outside offers a fix outside its diagnostic: the driver must drop it.
	outside = &rules.Rule{
		Name: "test-outside", Severity: rules.Off, Fixable: true,
		Doc: rules.Doc{Title: "test"},
		Run: func(p *rules.Pass) error {
			p.Report(rules.Diagnostic{Start: 0, End: 1, Message: "outside", Fix: &rules.Fix{Edits: []rules.Edit{{Start: 1, End: 2, NewText: "!"}}}})
			return nil
		},
	}
	withOpts = &rules.Rule{
		Name: "test-options", Severity: rules.Off,
		Doc:     rules.Doc{Title: "test"},
		Options: func() any { return &testOptions{Limit: 3} },
		Run:     func(p *rules.Pass) error { return nil },
	}
)

type testOptions struct {
	Limit int      `yaml:"limit"`
	Names []string `yaml:"names"`
}

func init() {
	for _, r := range []*rules.Rule{upper, wrap, flip, outside, withOpts} {
		if err := rules.Register(r); err != nil {
			panic(err)
		}
	}
}

func newLinter(t *testing.T, cfgText string, sel Selection) *Linter {
	t.Helper()
	cfg, err := config.Parse(".postlint.yml", []byte(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(cfg, sel)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func findings(res *Result) string {
	var b strings.Builder
	for _, f := range res.Findings {
		line, col := res.Lines.Position(f.Start)
		fmt.Fprintf(&b, "%d:%d %s %s\n", line, col, f.Rule.Name, f.Severity)
	}
	return b.String()
}

func TestFixLoopDefersAndConverges(t *testing.T) {
	l := newLinter(t, "", Selection{Select: []string{"test-upper", "test-wrap"}})
	fr := l.Fix("t.md", []byte("foo and foo\n"))
	if got, want := string(fr.Fixed), "[FOO] and [FOO]\n"; got != want {
		t.Errorf("Fixed = %q, want %q", got, want)
	}
	if fr.Passes != 2 || fr.Applied["test-upper"] != 2 || fr.Applied["test-wrap"] != 2 {
		t.Errorf("passes %d applied %v", fr.Passes, fr.Applied)
	}
	if len(fr.Final.Findings) != 0 || fr.Cycle {
		t.Errorf("remaining %s cycle %v", findings(fr.Final), fr.Cycle)
	}
	again := l.Fix("t.md", fr.Fixed)
	if !bytes.Equal(again.Fixed, fr.Fixed) || again.Passes != 0 {
		t.Errorf("second fix changed the text: %q", again.Fixed)
	}
}

func TestFixCycle(t *testing.T) {
	l := newLinter(t, "", Selection{Select: []string{"test-flip"}})
	fr := l.Fix("t.md", []byte("xy\n"))
	if !fr.Cycle {
		t.Fatal("cycle not detected")
	}
	if len(fr.Final.Errors) == 0 || !strings.Contains(fr.Final.Errors[len(fr.Final.Errors)-1].Error(), "did not converge") {
		t.Errorf("errors = %v", fr.Final.Errors)
	}
}

func TestFixOutsideDiagnosticIsDropped(t *testing.T) {
	l := newLinter(t, "", Selection{Select: []string{"test-outside"}})
	fr := l.Fix("t.md", []byte("abc\n"))
	if string(fr.Fixed) != "abc\n" {
		t.Errorf("Fixed = %q", fr.Fixed)
	}
	if len(fr.Final.Errors) == 0 || !strings.Contains(fr.Final.Errors[0].Error(), "outside its diagnostic") {
		t.Errorf("errors = %v", fr.Final.Errors)
	}
}

func TestDirectives(t *testing.T) {
	src := `foo one
<!-- postlint-disable test-upper -->
foo off
<!-- postlint-enable test-upper -->
foo on

foo line <!-- postlint-disable-line test-upper -->

<!-- postlint-disable-next-line test-upper, test-wrap -- a reason -->
foo next
foo after

<!-- postlint-disable -->
foo all off
<!-- postlint-enable -->
foo end
`
	l := newLinter(t, "", Selection{Select: []string{"test-upper"}})
	got := findings(l.Lint("t.md", []byte(src)))
	want := "1:1 test-upper warning\n5:1 test-upper warning\n11:1 test-upper warning\n16:1 test-upper warning\n"
	if got != want {
		t.Errorf("findings:\n%swant:\n%s", got, want)
	}
	l = newLinter(t, "", Selection{Select: []string{"test-upper"}})
	if got := findings(l.Lint("t.md", []byte("foo\n\n<!-- postlint-disable-file test-upper -->\n"))); got != "" {
		t.Errorf("disable-file: %s", got)
	}
	// A directive in code is text.
	if got := findings(l.Lint("t.md", []byte("`<!-- postlint-disable -->` foo\n"))); got != "1:29 test-upper warning\n" {
		t.Errorf("directive in code span: %q", got)
	}
}

func TestConfigSeveritiesAndOverrides(t *testing.T) {
	cfgText := `rules:
  test-upper: error
  test-wrap: off
overrides:
  - files: ["drafts/**"]
    rules:
      test-upper: off
`
	cfg, err := config.Parse("/p/.postlint.yml", []byte(cfgText))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dir = "/p"
	l, err := New(cfg, Selection{})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(l.Lint("/p/post.md", []byte("foo\n"))); got != "1:1 test-upper error\n" {
		t.Errorf("post.md: %q", got)
	}
	if got := findings(l.Lint("/p/drafts/a/post.md", []byte("foo\n"))); got != "" {
		t.Errorf("drafts: %q", got)
	}
	l2, err := New(cfg, Selection{Ignore: []string{"test-upper"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := findings(l2.Lint("/p/post.md", []byte("foo\n"))); got != "" {
		t.Errorf("--ignore: %q", got)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct{ cfg, want string }{
		{"rules:\n  test-uper: error\n", `.postlint.yml:2:3: unknown rule "test-uper" (did you mean "test-upper"?)`},
		{"rules:\n  test-upper: loud\n", `.postlint.yml:2:15: rule test-upper: unknown severity "loud"`},
		{"rules:\n  test-options:\n    limt: 3\n", `.postlint.yml:3:5: rule test-options has no option "limit"`},
		{"rules:\n  test-options:\n    limit: many\n", `.postlint.yml:3:12: rule test-options: option limit wants an integer`},
		{"rules:\n  test-upper:\n    limit: 3\n", `.postlint.yml:3:5: rule test-upper has no options`},
	}
	for _, tt := range tests {
		cfg, err := config.Parse(".postlint.yml", []byte(tt.cfg))
		if err == nil {
			_, err = New(cfg, Selection{})
		}
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			// "has no option" messages carry the suggestion later in the line.
			if err == nil || !strings.Contains(err.Error(), strings.TrimSuffix(tt.want, `"limit"`)) {
				t.Errorf("config %q: err = %v, want prefix %q", tt.cfg, err, tt.want)
			}
		}
	}
	if _, err := New(nil, Selection{Select: []string{"nope"}}); err == nil || !strings.Contains(err.Error(), `--select: unknown rule "nope"`) {
		t.Errorf("--select nope: %v", err)
	}
}

func TestOptionsDecoded(t *testing.T) {
	l := newLinter(t, "rules:\n  test-options:\n    limit: 7\n    names: [a, b]\n", Selection{})
	for _, a := range l.RulesFor("x.md") {
		if a.Rule == withOpts {
			o := a.Options.(*testOptions)
			if o.Limit != 7 || len(o.Names) != 2 || a.Severity == rules.Off {
				t.Errorf("options %+v severity %v", o, a.Severity)
			}
			return
		}
	}
	t.Fatal("rule not found")
}

func TestForEachKeepsOrder(t *testing.T) {
	var got []int
	ForEach(100, 4, func(i int) int { return i * i }, func(i, v int) {
		if v != i*i {
			t.Errorf("value %d for %d", v, i)
		}
		got = append(got, i)
	})
	for i, v := range got {
		if v != i {
			t.Fatalf("order %v", got)
		}
	}
	if len(got) != 100 {
		t.Fatalf("got %d results", len(got))
	}
}

// FuzzFix: fixing never panics, keeps valid UTF-8 valid, reports in-bounds
// ranges, and is idempotent.
func FuzzFix(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: \"CafÃ© â€” x\"\n---\nTeh costâ€™s [here](link) fufilling.\n",
		"foo `foo` [foo](foo) {{ foo }}\n> foo\n| foo |\n|---|\n",
		"\ufeff+++\ntitle = \"rÃ©sumÃ©\"\n+++\nI recieve ðŸ¤‘\r\n",
	} {
		f.Add([]byte(s))
	}
	l, err := New(nil, Selection{Ignore: []string{"test-flip", "test-outside"}})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fr := l.Fix("f.md", src)
		if utf8.Valid(src) && !utf8.Valid(fr.Fixed) {
			t.Fatalf("fix broke UTF-8: %q -> %q", src, fr.Fixed)
		}
		for _, fd := range fr.Final.Findings {
			if fd.Start < 0 || fd.End > len(fr.Fixed) || fd.Start > fd.End {
				t.Fatalf("finding out of range: %+v", fd)
			}
		}
		if fr.Cycle {
			return // reported to the user; idempotence cannot hold
		}
		again := l.Fix("f.md", fr.Fixed)
		if !bytes.Equal(again.Fixed, fr.Fixed) {
			t.Fatalf("fix not idempotent:\n%q\n%q\n%q", src, fr.Fixed, again.Fixed)
		}
	})
}
