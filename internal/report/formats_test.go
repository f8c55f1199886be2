package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// Rules of the fixture: fixed metadata, so the golden files do not change
// when the built-in rules or their documentation do.
var (
	ruleFix = &rules.Rule{
		Name: "fake-mojibake", Aliases: []string{"fm"}, Tags: []string{"encoding"},
		Severity: rules.Error, Fixable: true,
		Doc: rules.Doc{Title: "Mis-decoded text", Description: "Reports `Ã©` and friends.\n\nThe fix decodes them."},
	}
	ruleWarn = &rules.Rule{
		Name: "fake-style", Severity: rules.Warning,
		Doc: rules.Doc{Title: "A style warning"},
	}
	ruleMulti = &rules.Rule{
		Name: "fake-multi", Severity: rules.Error, Fixable: true,
		Doc: rules.Doc{Title: "A fix with two edits", Description: "Deletes one thing, inserts another."},
	}
	fixtureRules = []*rules.Rule{ruleFix, ruleWarn, ruleMulti}
)

// fixtureFile is one file of the fixture with its findings.
type fixtureFile struct {
	path string
	src  string
	find func(src string) []report.Finding
}

// at returns the offset of the n-th (0-based) occurrence of sub in src.
func at(src, sub string, n int) int {
	off := 0
	for {
		i := strings.Index(src[off:], sub)
		if i < 0 {
			panic("fixture: no " + sub)
		}
		if n == 0 {
			return off + i
		}
		n--
		off += i + len(sub)
	}
}

const postSrc = "---\ntitle: Café — notes\n---\n# Heading with 日本語 text\n\nA line with cafÃ© and\ta tab.\r\nSecond line: 100% sure, really.\n\nThe 𐐀 symbol (wide) then a typo teh.\n"

var fixture = []fixtureFile{
	{
		path: "post.md",
		src:  postSrc,
		find: func(s string) []report.Finding {
			moj := at(s, "Ã©", 0)
			span := at(s, "line: 100%", 0)
			teh := at(s, "then a typo teh", 0)
			return []report.Finding{
				{Rule: ruleFix, Severity: rules.Error, Diagnostic: rules.Diagnostic{
					Start: moj, End: moj + len("Ã©"),
					Message: `mojibake "Ã©" should read "é"`,
					Fix:     &rules.Fix{Message: `replace with "é"`, Edits: []rules.Edit{{Start: moj, End: moj + len("Ã©"), NewText: "é"}}},
				}},
				{Rule: ruleWarn, Severity: rules.Warning, Diagnostic: rules.Diagnostic{
					Start: span, End: at(s, "The 𐐀", 0) + len("The"),
					Message: "50% of this, says: a, b\nand a second line\r",
				}},
				{Rule: ruleMulti, Severity: rules.Error, Diagnostic: rules.Diagnostic{
					Start: teh, End: teh + len("then a typo teh"),
					Message: "two edits <b>&amp;</b> | *stars* `code`",
					Fix: &rules.Fix{Message: "", Edits: []rules.Edit{
						{Start: teh + len("then a typo "), End: teh + len("then a typo teh"), NewText: "the"},
						{Start: teh, End: teh + len("then "), NewText: ""},
					}},
				}},
			}
		},
	},
	{
		path: "dir with space/odd,name:1%.md",
		src:  "Line one.\nA 𐐀𐐀 wide [link](url).\n",
		find: func(s string) []report.Finding {
			u := at(s, "(url)", 0) + 1
			return []report.Finding{
				{Rule: ruleWarn, Severity: rules.Warning, Diagnostic: rules.Diagnostic{Start: u, End: u + 3, Message: "placeholder \"url\""}},
				{Rule: ruleFix, Severity: rules.Error, Diagnostic: rules.Diagnostic{
					Start: u + 3, End: u + 3, Message: "insert here",
					Fix: &rules.Fix{Message: "insert", Edits: []rules.Edit{{Start: u + 3, End: u + 3, NewText: "#x"}}},
				}},
			}
		},
	},
	{path: "clean.md", src: "Nothing to see.\n", find: func(string) []report.Finding { return nil }},
}

// fixtureFiles builds the report.File values of the fixture.
func fixtureFiles() []*report.File {
	var out []*report.File
	for _, ff := range fixture {
		src := []byte(ff.src)
		out = append(out, &report.File{Path: ff.path, Source: src, Lines: source.NewLines(src), Findings: ff.find(ff.src)})
	}
	return out
}

func fixtureSummary(files []*report.File) report.Summary {
	s := report.Summary{Files: len(files)}
	for _, f := range files {
		for _, fd := range f.Findings {
			if fd.Severity == rules.Error {
				s.Errors++
			} else {
				s.Warnings++
			}
			if fd.Fix != nil {
				s.Fixable++
			}
		}
	}
	return s
}

// render runs a reporter over the fixture.
func render(t *testing.T, rep report.Reporter) {
	t.Helper()
	files := fixtureFiles()
	for _, f := range files {
		if err := rep.File(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := rep.Close(fixtureSummary(files)); err != nil {
		t.Fatal(err)
	}
}

// golden compares got with testdata/golden/name (rewritten with -update).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./internal/report -update rewrites it; read the diff)\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// formatOutputs renders every format of the fixture: name → output.
func formatOutputs(t *testing.T) map[string][]byte {
	t.Helper()
	out := make(map[string][]byte)
	var b bytes.Buffer
	render(t, report.SARIF(&b, "1.2.3", fixtureRules))
	out["sarif.json"] = bytes.Clone(b.Bytes())
	for _, f := range []struct{ format, golden string }{
		{"rdjson", "rdjson.json"},
		{"rdjsonl", "rdjsonl.jsonl"},
		{"junit", "junit.xml"},
		{"checkstyle", "checkstyle.xml"},
	} {
		b.Reset()
		rep, err := report.New(f.format, report.Options{Out: &b, Version: "1.2.3"})
		if err != nil {
			t.Fatal(err)
		}
		render(t, rep)
		out[f.golden] = bytes.Clone(b.Bytes())
	}
	return out
}

func TestGolden(t *testing.T) {
	for name, got := range formatOutputs(t) {
		t.Run(name, func(t *testing.T) { golden(t, name, got) })
	}
}

func TestGitHubGolden(t *testing.T) {
	stepSummary := filepath.Join(t.TempDir(), "summary.md")
	if err := os.WriteFile(stepSummary, []byte("earlier step\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, sum bytes.Buffer
	rep, err := report.New("github", report.Options{Out: &out, Summary: &sum, Getenv: func(k string) string {
		if k == "GITHUB_STEP_SUMMARY" {
			return stepSummary
		}
		return ""
	}})
	if err != nil {
		t.Fatal(err)
	}
	render(t, rep)
	golden(t, "github.txt", out.Bytes())
	md, err := os.ReadFile(stepSummary)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(md, []byte("earlier step\n")) {
		t.Errorf("the step summary was not appended to:\n%s", md)
	}
	golden(t, "github-summary.md", md)
	if got, want := sum.String(), "5 problems (3 errors, 2 warnings) in 3 files; 3 fixable with --fix\n"; got != want {
		t.Errorf("stderr summary = %q, want %q", got, want)
	}
}
