package report_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

// sarifSchema compiles the vendored SARIF 2.1.0 schema.
func sarifSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "schema", "sarif-2.1.0-rtm.5.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, b []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return sch.Validate(inst)
}

// realFiles lints a post with the built-in rules through the driver.
func realFiles(t *testing.T) []*report.File {
	t.Helper()
	l, err := lint.New(nil, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	src := []byte("# Caf\u00c3\u00a9 notes\n\nThis is teh [draft](url) with a â€” dash.\n\n[ref]: TODO\n")
	res := l.Lint("posts/real.md", src)
	if len(res.Findings) < 3 {
		t.Fatalf("the built-in rules found %d problems in the sample; want at least 3", len(res.Findings))
	}
	return []*report.File{{Path: "posts/real.md", Source: src, Lines: res.Lines, Findings: res.Findings}}
}

func TestSARIFValid(t *testing.T) {
	sch := sarifSchema(t)
	golden := formatOutputs(t)["sarif.json"]
	if err := validateJSON(t, sch, golden); err != nil {
		t.Errorf("the fixture's SARIF is not valid SARIF 2.1.0: %v", err)
	}

	// The registered format, with every built-in rule's metadata and real findings.
	var b bytes.Buffer
	rep, err := report.New("sarif", report.Options{Out: &b, Version: "devel"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range realFiles(t) {
		if err := rep.File(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := rep.Close(report.Summary{}); err != nil {
		t.Fatal(err)
	}
	if err := validateJSON(t, sch, b.Bytes()); err != nil {
		t.Errorf("SARIF of the built-in rules is not valid SARIF 2.1.0: %v", err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID, HelpURI string
						Help        struct{ Text string }
						Properties  struct{ Aliases []string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	got := log.Runs[0].Tool.Driver.Rules
	if len(got) != len(rules.All()) {
		t.Fatalf("%d rules in the SARIF tool metadata, want every registered rule (%d)", len(got), len(rules.All()))
	}
	for i, r := range rules.All() {
		g := got[i]
		if g.ID != r.Name || g.HelpURI != "https://github.com/postlint/postlint/blob/main/docs/rules/"+r.Name+".md" ||
			!strings.Contains(g.Help.Text, r.Doc.Title) || strings.Join(g.Properties.Aliases, ",") != strings.Join(r.Aliases, ",") {
			t.Errorf("rule %d: metadata %+v does not describe rule %s", i, g, r.Name)
		}
	}

	// The validator does reject what is not SARIF.
	broken := bytes.Replace(golden, []byte(`"columnKind": "unicodeCodePoints"`), []byte(`"columnKind": "bytes"`), 1)
	if err := validateJSON(t, sch, broken); err == nil {
		t.Error("the schema accepted columnKind \"bytes\"; the validation proves nothing")
	}
}

// applyAll applies edits given as offsets to src.
func applyAll(src []byte, edits []rules.Edit) string {
	sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
	var b strings.Builder
	at := 0
	for _, e := range edits {
		b.Write(src[at:e.Start])
		b.WriteString(e.NewText)
		at = e.End
	}
	b.Write(src[at:])
	return b.String()
}

// fixedByDriver is the text of each fixture finding's fix applied alone,
// keyed by path and finding index among the fixable ones.
func fixedByDriver() map[string][]string {
	out := make(map[string][]string)
	for _, f := range fixtureFiles() {
		for _, fd := range f.Findings {
			if fd.Fix != nil {
				out[f.Path] = append(out[f.Path], applyAll(f.Source, append([]rules.Edit(nil), fd.Fix.Edits...)))
			}
		}
	}
	return out
}

func fixtureSource(path string) []byte {
	for _, ff := range fixture {
		if ff.path == path {
			return []byte(ff.src)
		}
	}
	panic("no fixture " + path)
}

// TestSARIFFixesApply converts every SARIF replacement (line and code-point
// column) back to offsets and checks that it makes the same text as the fix.
func TestSARIFFixesApply(t *testing.T) {
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent *struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(formatOutputs(t)["sarif.json"], &log); err != nil {
		t.Fatal(err)
	}
	want := fixedByDriver()
	got := make(map[string][]string)
	paths := map[string]string{"post.md": "post.md", "dir%20with%20space/odd,name:1%25.md": "dir with space/odd,name:1%.md"}
	for _, r := range log.Runs[0].Results {
		if len(r.Fixes) == 0 {
			continue
		}
		path := paths[r.Locations[0].PhysicalLocation.ArtifactLocation.URI]
		src := fixtureSource(path)
		lines := source.NewLines(src)
		var edits []rules.Edit
		for _, rep := range r.Fixes[0].ArtifactChanges[0].Replacements {
			d := rep.DeletedRegion
			e := rules.Edit{Start: lines.Offset(d.StartLine, d.StartColumn), End: lines.Offset(d.EndLine, d.EndColumn)}
			if rep.InsertedContent != nil {
				e.NewText = rep.InsertedContent.Text
			}
			edits = append(edits, e)
		}
		got[path] = append(got[path], applyAll(src, edits))
	}
	for path, w := range want {
		if strings.Join(got[path], "\x00") != strings.Join(w, "\x00") {
			t.Errorf("%s: SARIF fixes make\n%q\nwant\n%q", path, got[path], w)
		}
	}
}

// rdjson types mirroring reviewdog's DiagnosticResult; decoding rejects any
// field reviewdog does not define.
type rdPos struct{ Line, Column int }
type rdRange struct{ Start, End *rdPos }
type rdDiag struct {
	Message  string `json:"message"`
	Location struct {
		Path  string  `json:"path"`
		Range rdRange `json:"range"`
	} `json:"location"`
	Severity string `json:"severity"`
	Source   struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	} `json:"source"`
	Code struct {
		Value string `json:"value"`
		URL   string `json:"url"`
	} `json:"code"`
	Suggestions []struct {
		Range rdRange `json:"range"`
		Text  string  `json:"text"`
	} `json:"suggestions"`
}

func decodeStrict(t *testing.T, b []byte, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%v in\n%s", err, b)
	}
}

// byteOffset converts reviewdog's line and UTF-8 byte column to an offset.
func byteOffset(lines *source.Lines, p *rdPos) int {
	return lines.Start(p.Line) + p.Column - 1
}

func TestRDJSONSuggestionsApply(t *testing.T) {
	outs := formatOutputs(t)
	var res struct {
		Source      struct{ Name, URL string } `json:"source"`
		Diagnostics []rdDiag                   `json:"diagnostics"`
	}
	decodeStrict(t, outs["rdjson.json"], &res)
	var fromLines []rdDiag
	for _, line := range bytes.Split(bytes.TrimSpace(outs["rdjsonl.jsonl"]), []byte("\n")) {
		var d rdDiag
		decodeStrict(t, line, &d)
		fromLines = append(fromLines, d)
	}
	if len(res.Diagnostics) != 5 || len(fromLines) != 5 {
		t.Fatalf("%d rdjson and %d rdjsonl diagnostics, want 5", len(res.Diagnostics), len(fromLines))
	}
	want := fixedByDriver()
	got := make(map[string][]string)
	for i, d := range res.Diagnostics {
		b1, _ := json.Marshal(d)
		b2, _ := json.Marshal(fromLines[i])
		if !bytes.Equal(b1, b2) {
			t.Errorf("diagnostic %d differs between rdjson and rdjsonl:\n%s\n%s", i, b1, b2)
		}
		if d.Severity != "ERROR" && d.Severity != "WARNING" {
			t.Errorf("diagnostic %d: severity %q", i, d.Severity)
		}
		if d.Location.Range.Start == nil || d.Location.Range.End == nil || d.Code.Value == "" || d.Source.Name != "postlint" {
			t.Errorf("diagnostic %d is incomplete: %+v", i, d)
		}
		if len(d.Suggestions) == 0 {
			continue
		}
		src := fixtureSource(d.Location.Path)
		lines := source.NewLines(src)
		s := d.Suggestions[0]
		e := rules.Edit{Start: byteOffset(lines, s.Range.Start), End: byteOffset(lines, s.Range.End), NewText: s.Text}
		got[d.Location.Path] = append(got[d.Location.Path], applyAll(src, []rules.Edit{e}))
	}
	for path, w := range want {
		if strings.Join(got[path], "\x00") != strings.Join(w, "\x00") {
			t.Errorf("%s: rdjson suggestions make\n%q\nwant\n%q", path, got[path], w)
		}
	}
}

func TestJUnitStructure(t *testing.T) {
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string `xml:"name,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(formatOutputs(t)["junit.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Tests != 6 || doc.Failures != 5 || len(doc.Suites) != 3 {
		t.Fatalf("tests=%d failures=%d suites=%d, want 6, 5, 3", doc.Tests, doc.Failures, len(doc.Suites))
	}
	files := fixtureFiles()
	for i, s := range doc.Suites {
		f := files[i]
		if s.Name != f.Path || s.Failures != len(f.Findings) || s.Tests != len(s.Cases) {
			t.Errorf("suite %d: %+v does not match %s with %d findings", i, s, f.Path, len(f.Findings))
		}
		for j, fd := range f.Findings {
			c := s.Cases[j]
			if c.Failure == nil || c.Failure.Message != fd.Message || c.Failure.Type != fd.Severity.String() {
				t.Errorf("suite %d case %d: %+v, want the failure %q (%s)", i, j, c, fd.Message, fd.Severity)
			}
		}
	}
}

// TestJUnitSchema validates the JUnit output against the Jenkins JUnit XSD
// with xmllint (Debian: libxml2-utils), where it is installed.
func TestJUnitSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	path := filepath.Join(t.TempDir(), "junit.xml")
	if err := os.WriteFile(path, formatOutputs(t)["junit.xml"], 0o644); err != nil {
		t.Fatal(err)
	}
	xsd := filepath.Join("testdata", "schema", "junit-jenkins.xsd")
	out, err := exec.Command(xmllint, "--noout", "--schema", xsd, path).CombinedOutput()
	if err != nil {
		t.Fatalf("xmllint: %v\n%s", err, out)
	}
	// The schema does reject what is not JUnit.
	bad := strings.Replace(string(formatOutputs(t)["junit.xml"]), `<testsuite name="clean.md"`, `<testsuite`, 1)
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(xmllint, "--noout", "--schema", xsd, path).CombinedOutput(); err == nil {
		t.Errorf("xmllint accepted a test suite without a name; the validation proves nothing\n%s", out)
	}
}

func TestCheckstyleStructure(t *testing.T) {
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Version string   `xml:"version,attr"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     int    `xml:"line,attr"`
				Column   int    `xml:"column,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(formatOutputs(t)["checkstyle.xml"], &doc); err != nil {
		t.Fatal(err)
	}
	files := fixtureFiles()
	if doc.Version == "" || len(doc.Files) != len(files) {
		t.Fatalf("version %q, %d files; want a version and %d files", doc.Version, len(doc.Files), len(files))
	}
	for i, f := range files {
		df := doc.Files[i]
		if df.Name != f.Path || len(df.Errors) != len(f.Findings) {
			t.Fatalf("file %d: %s with %d errors, want %s with %d", i, df.Name, len(df.Errors), f.Path, len(f.Findings))
		}
		for j, fd := range f.Findings {
			line, col := f.Lines.Position(fd.Start)
			e := df.Errors[j]
			if e.Line != line || e.Column != col || e.Severity != fd.Severity.String() || e.Message != fd.Message || e.Source != "postlint.rules."+fd.Rule.Name {
				t.Errorf("%s error %d: %+v, want %d:%d %s %q", f.Path, j, e, line, col, fd.Severity, fd.Message)
			}
		}
	}
}

// TestReviewdogReads feeds the reviewdog formats to the real reviewdog, where
// it is installed (go install github.com/reviewdog/reviewdog/cmd/reviewdog):
// it parses rdjson strictly (an unknown field is an error).
func TestReviewdogReads(t *testing.T) {
	rd, err := exec.LookPath("reviewdog")
	if err != nil {
		t.Skip("reviewdog not installed")
	}
	outs := formatOutputs(t)
	for _, c := range []struct {
		format, golden string
		want           []string
	}{
		{"rdjson", "rdjson.json", []string{`text:"é"`, `text:"a typo the"`, `text:"#x"`, `value:"fake-style"`}},
		{"rdjsonl", "rdjsonl.jsonl", []string{`"text":"é"`, `"text":"#x"`}},
		{"checkstyle", "checkstyle.xml", []string{`post.md:6:16: error: mojibake "Ã©" should read "é" (postlint.rules.fake-mojibake)`, `dir with space/odd,name:1%.md:2:18: warning: placeholder "url"`}},
	} {
		cmd := exec.Command(rd, "-f="+c.format, "-reporter=local", "-filter-mode=nofilter")
		cmd.Dir = t.TempDir()
		cmd.Stdin = bytes.NewReader(outs[c.golden])
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil || stderr.Len() > 0 {
			t.Errorf("reviewdog -f=%s: %v\n%s", c.format, err, stderr.String())
			continue
		}
		if n := strings.Count(stdout.String(), "\n"); n < 5 {
			t.Errorf("reviewdog -f=%s reported %d lines, want 5 findings:\n%s", c.format, n, stdout.String())
		}
		for _, w := range c.want {
			if !strings.Contains(stdout.String(), w) {
				t.Errorf("reviewdog -f=%s output lacks %q:\n%s", c.format, w, stdout.String())
			}
		}
	}
}
