package publish_test

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"

	"github.com/postlint/postlint/internal/cli"
	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/publish"
)

var update = flag.Bool("update", false, "write the expected output tree in testdata/clean")

// drafts returns a tree of drafts with every defect the gate knows, written
// for this test: path → bytes.
func drafts(t *testing.T) map[string][]byte {
	t.Helper()
	cp1252, err := charmap.Windows1252.NewEncoder().String("---\n" +
		"title: Café society\n" +
		"layout: post\n" +
		"---\n" +
		"# Café society\n" +
		"\n" +
		"The “café” opens at 8 – come early.\n" +
		"{% include note.html %}") // and no final newline
	if err != nil {
		t.Fatal(err)
	}
	utf16le := func(s string) []byte {
		out := []byte{0xFF, 0xFE}
		for _, u := range utf16.Encode([]rune(s)) {
			out = append(out, byte(u), byte(u>>8))
		}
		return out
	}
	return map[string][]byte{
		// Windows-1252, no final newline, a Liquid tag.
		"drafts/2024-01-01-cp1252.md": []byte(cp1252),
		// UTF-16 with a byte order mark and CRLF, as Notepad saves.
		"drafts/2024-01-02-utf16.md": utf16le("---\r\ntitle: Sixteen\r\n---\r\nA post saved as “Unicode” by Notepad.\r\n"),
		// Bidi overrides in prose (fixed) and in code (reported only),
		// zero-width spaces, a stray no-break space, a Hugo shortcode.
		"drafts/2024-01-03-invisible.md": []byte("---\n" +
			"title: \"Zero\u200bwidth\"\n" +
			"tags: [security]\n" +
			"---\n" +
			"Access \u202egranted\u202c for admins only.\n" +
			"\n" +
			"```js\n" +
			"const role = \"user\u202e\"; // in code: reported, never changed\n" +
			"```\n" +
			"\n" +
			"Add /usr/bin:\u200b/opt/bin to PATH.\u00a0 Then run it.\n" +
			"\n" +
			"{{< figure src=\"a\u200b.png\" >}}\n"),
		// A byte order mark, CRLF, NFD text in front matter and prose,
		// mojibake, a control character, blank lines at the end.
		"drafts/2024-01-04-bom-crlf.md": []byte("\ufeff---\r\n" +
			"title: Re\u0301sume\u0301\r\n" +
			"---\r\n" +
			"# Re\u0301sume\u0301\r\n" +
			"\r\n" +
			"Itâ€™s\x07 done: a hard break  \r\n" +
			"stays one.\r\n" +
			"\r\n" +
			"\r\n"),
		// Already clean: published byte for byte.
		"drafts/sub/2024-01-05-clean.md": []byte("---\ntitle: Clean\n---\nNothing to fix here: café, “quotes”, 日本語.\n"),
		// An error no fix can repair: refused.
		"drafts/sub/2024-01-06-refused.md": []byte("---\ntitle: Not yet\n---\nRead [the details](TODO).\n"),
	}
}

func writeTree(t *testing.T, root string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree reads every file under root: slash path → bytes.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func newLinter(t *testing.T) *lint.Linter {
	t.Helper()
	cfg, err := publish.GateConfig(nil)
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func run(t *testing.T, opts publish.Options) (*publish.Result, error) {
	t.Helper()
	opts.Linter = newLinter(t)
	opts.Jobs = 2
	opts.Version = "test"
	return publish.Run(opts)
}

// The drafts are published into the expected clean tree, byte for byte
// (testdata/clean: run with -update to rewrite it, then read every file).
func TestPublishDrafts(t *testing.T) {
	golden, err := filepath.Abs("testdata/clean")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	in := drafts(t)
	writeTree(t, ".", in)

	res, err := run(t, publish.Options{Inputs: []string{"drafts"}, Out: "site", HTML: true})
	if err != nil {
		t.Fatal(err)
	}
	got := readTree(t, "site")
	if *update {
		_ = os.RemoveAll(golden)
		writeTree(t, golden, got)
	}
	want := readTree(t, golden)
	compareTrees(t, got, want)

	// Which files passed, and why the other did not.
	var refused []string
	for _, f := range res.Files {
		if !f.Passed() {
			for _, r := range f.Reasons {
				refused = append(refused, f.Input+":"+r.String())
			}
		}
	}
	if w := `drafts/sub/2024-01-06-refused.md:4:6: error placeholder-link: link destination "TODO" is a placeholder`; strings.Join(refused, "\n") != w {
		t.Errorf("refused:\n%s\nwant:\n%s", strings.Join(refused, "\n"), w)
	}
	// The inputs are untouched.
	for name, data := range readTree(t, "drafts") {
		if !bytes.Equal(data, in["drafts/"+name]) {
			t.Errorf("input %s was modified", name)
		}
	}

	// The published tree passes --check; the drafts do not.
	res, err = run(t, publish.Options{Inputs: []string{"site"}, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Files {
		if f.Changed || !f.Passed() {
			t.Errorf("--check site: %s would change (%v) or be refused (%v)", f.Input, f.Fixes, f.Reasons)
		}
	}
	res, err = run(t, publish.Options{Inputs: []string{"drafts"}, Check: true})
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, f := range res.Files {
		if f.Changed {
			changed++
		}
	}
	if changed != 4 || res.Refused() != 1 {
		t.Errorf("--check drafts: %d changed, %d refused; want 4 and 1", changed, res.Refused())
	}

	// Publishing the output again changes nothing.
	if _, err := run(t, publish.Options{Inputs: []string{"site"}, Out: "again"}); err != nil {
		t.Fatal(err)
	}
	again := readTree(t, "again")
	for name, data := range got {
		if strings.HasSuffix(name, ".md") && !bytes.Equal(again[name], data) {
			t.Errorf("publishing %s again changed it", name)
		}
	}
}

func compareTrees(t *testing.T, got, want map[string][]byte) {
	t.Helper()
	var names []string
	for n := range got {
		names = append(names, n)
	}
	for n := range want {
		if _, ok := got[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		g, gok := got[n]
		w, wok := want[n]
		switch {
		case !wok:
			t.Errorf("unexpected output %s:\n%s", n, g)
		case !gok:
			t.Errorf("missing output %s", n)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs:\n got %q\nwant %q", n, g, w)
		}
	}
}

// Bad input stops the run with a clear message, and nothing is left behind.
func TestPublishBadInput(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T) publish.Options
		want  string
	}{
		{"out inside the input", func(t *testing.T) publish.Options {
			return publish.Options{Inputs: []string{"drafts"}, Out: "drafts/site"}
		}, "--out drafts/site is inside the input directory drafts"},
		{"out is the input", func(t *testing.T) publish.Options {
			return publish.Options{Inputs: []string{"drafts"}, Out: "drafts"}
		}, "--out drafts is inside the input directory drafts"},
		{"out over an input file", func(t *testing.T) publish.Options {
			return publish.Options{Inputs: []string{"drafts/a.md"}, Out: "drafts"}
		}, "publishing to --out drafts would overwrite the input itself"},
		{"out is a file", func(t *testing.T) publish.Options {
			writeTree(t, ".", map[string][]byte{"file": []byte("x")})
			return publish.Options{Inputs: []string{"drafts"}, Out: "file"}
		}, "--out file is a file, not a directory"},
		{"out under a file", func(t *testing.T) publish.Options {
			writeTree(t, ".", map[string][]byte{"file": []byte("x")})
			return publish.Options{Inputs: []string{"drafts"}, Out: "file/site"}
		}, "--out file/site"},
		{"a 200 MB file", func(t *testing.T) publish.Options {
			f, err := os.Create("drafts/huge.md")
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Truncate(200 << 20); err != nil { // sparse: costs no disk
				t.Fatal(err)
			}
			_ = f.Close()
			return publish.Options{Inputs: []string{"drafts"}, Out: "site"}
		}, "drafts/huge.md: 200 MB is too large for a post (the limit is 32 MB)"},
		{"a binary file", func(t *testing.T) publish.Options {
			writeTree(t, ".", map[string][]byte{"drafts/z-blob.md": []byte("a\x00\x01b")})
			return publish.Options{Inputs: []string{"drafts"}, Out: "site"}
		}, "drafts/z-blob.md: binary file, not Markdown text"},
		{"a missing input", func(t *testing.T) publish.Options {
			return publish.Options{Inputs: []string{"drafts", "nope"}, Out: "site"}
		}, "nope: no such file or directory"},
		{"two posts, one output", func(t *testing.T) publish.Options {
			writeTree(t, ".", map[string][]byte{"other/a.md": []byte("Other.\n")})
			return publish.Options{Inputs: []string{"drafts", "other"}, Out: "site"}
		}, "drafts/a.md and other/a.md would both be published as a.md"},
		{"html names collide", func(t *testing.T) publish.Options {
			writeTree(t, ".", map[string][]byte{"drafts/a.markdown": []byte("Other.\n")})
			return publish.Options{Inputs: []string{"drafts"}, Out: "site", HTML: true}
		}, "would both be rendered to a.html"},
	}
	if runtime.GOOS != "windows" {
		tests = append(tests,
			struct {
				name  string
				setup func(t *testing.T) publish.Options
				want  string
			}{"a symlink loop", func(t *testing.T) publish.Options {
				if err := os.Symlink("..", "drafts/sub/up"); err != nil {
					t.Skip(err)
				}
				return publish.Options{Inputs: []string{"drafts"}, Out: "site"}
			}, "drafts/sub/up: symbolic link loop"},
			struct {
				name  string
				setup func(t *testing.T) publish.Options
				want  string
			}{"a link to itself", func(t *testing.T) publish.Options {
				if err := os.Symlink("self.md", "drafts/self.md"); err != nil {
					t.Skip(err)
				}
				return publish.Options{Inputs: []string{"drafts"}, Out: "site"}
			}, "drafts/self.md: symbolic link loop"},
			struct {
				name  string
				setup func(t *testing.T) publish.Options
				want  string
			}{"an unwritable out", func(t *testing.T) publish.Options {
				if os.Geteuid() == 0 {
					t.Skip("root can write anywhere")
				}
				if err := os.Mkdir("ro", 0o555); err != nil {
					t.Fatal(err)
				}
				return publish.Options{Inputs: []string{"drafts"}, Out: "ro/site"}
			}, "--out ro/site: cannot create it: permission denied"},
		)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeTree(t, ".", map[string][]byte{
				"drafts/a.md":     []byte("A post.\n"),
				"drafts/sub/b.md": []byte("Another.\n"),
			})
			opts := tt.setup(t)
			after := snapshot(t)
			_, err := run(t, opts)
			var ie *publish.InputError
			if !errors.As(err, &ie) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an publish.InputError with %q", err, tt.want)
			}
			// Nothing was created or changed by the run.
			if now := snapshot(t); !sameSnapshot(now, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", after, now)
			}
		})
	}
}

// snapshot lists every path under the working directory with its size.
func snapshot(t *testing.T) map[string]int64 {
	t.Helper()
	out := map[string]int64{}
	_ = filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		var n int64
		if info, err := d.Info(); err == nil && !d.IsDir() {
			n = info.Size()
		}
		out[p] = n
		return nil
	})
	return out
}

func sameSnapshot(a, b map[string]int64) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// Publishing into a directory that exists keeps what else is there, and
// leaves no staging directory behind.
func TestPublishIntoExistingDir(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string][]byte{
		"drafts/a.md":   []byte("A post.\n"),
		"site/keep.txt": []byte("mine"),
		"site/a.md":     []byte("an old version\n"),
	})
	if _, err := run(t, publish.Options{Inputs: []string{"drafts"}, Out: "site"}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, "site")
	if string(got["keep.txt"]) != "mine" || string(got["a.md"]) != "A post.\n" || got[publish.ManifestName] == nil || len(got) != 3 {
		t.Errorf("site holds %v", keys(got))
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The gate checks the bytes even when the rules that fix them are off.
func TestGateWithoutRules(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string][]byte{
		"drafts/a.md":         []byte("\ufeffCRLF\r\nno final newline, Cafe\u0301"),
		".postlint.yml":       []byte("rules:\n  bom: off\n  line-endings: off\n  final-newline: off\n  unicode-normalization: off\n"),
		"drafts/ok/clean.md":  []byte("Clean.\n"),
		"drafts/ok/blanks.md": []byte("Blank lines.\n\n\n"),
	})
	cfg, err := loadConfigForTest(".postlint.yml")
	if err != nil {
		t.Fatal(err)
	}
	l, err := lint.New(cfg, lint.Selection{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := publish.Run(publish.Options{Inputs: []string{"drafts"}, Check: true, Linter: l, Jobs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Files {
		for _, r := range f.Reasons {
			got = append(got, f.Input+":"+r.String())
		}
	}
	want := []string{
		"drafts/a.md:1:1: gate: the file starts with a byte order mark",
		"drafts/a.md:1:6: gate: line endings are not LF (a carriage return)",
		"drafts/a.md:2:23: gate: the file does not end with exactly one newline",
		"drafts/a.md:2:22: gate: text not in Unicode NFC",
		"drafts/ok/blanks.md:1:13: gate: the file does not end with exactly one newline",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reasons:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func loadConfigForTest(path string) (*config.Config, error) {
	cfg, err := config.Load(path)
	if err != nil {
		return nil, err
	}
	return publish.GateConfig(cfg)
}

// The same, end to end through the command line: exit statuses and streams.
func TestPublishCommand(t *testing.T) {
	golden, err := filepath.Abs("testdata/clean")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	writeTree(t, ".", drafts(t))
	postlint := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := cli.Main(args, cli.Env{Stdout: &stdout, Stderr: &stderr})
		return code, stdout.String(), stderr.String()
	}

	code, stdout, stderr := postlint("publish", "drafts", "--out", "site", "--html")
	if code != 1 {
		t.Errorf("publish: exit %d, want 1 (one post refused)\n%s%s", code, stdout, stderr)
	}
	if want := "drafts/sub/2024-01-06-refused.md:4:6: error placeholder-link: link destination \"TODO\" is a placeholder\n" +
		"drafts/sub/2024-01-06-refused.md: not published\n"; stdout != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", stdout, want)
	}
	if !strings.Contains(stderr, "published 5 of 6 files to site (4 changed by 20 fixes); 1 refused") {
		t.Errorf("stderr: %s", stderr)
	}
	got := readTree(t, "site")
	m := got[publish.ManifestName]
	got[publish.ManifestName] = bytes.Replace(m, []byte(`"version": "devel"`), []byte(`"version": "test"`), 1)
	compareTrees(t, got, readTree(t, golden))

	if code, stdout, stderr := postlint("publish", "--check", "site"); code != 0 || stdout != "" || !strings.Contains(stderr, "all 5 files are ready to publish") {
		t.Errorf("publish --check site: exit %d\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = postlint("publish", "--check", "drafts")
	if code != 1 || !strings.Contains(stdout, "drafts/2024-01-02-utf16.md: would change (invalid-utf8 1, line-endings 1)\n") {
		t.Errorf("publish --check drafts: exit %d\n%s", code, stdout)
	}
}

// A post that links to a refused post is refused too: published, its link
// would lead nowhere. And so on, until no such link is left.
func TestPublishLinkClosure(t *testing.T) {
	t.Chdir(t.TempDir())
	writeTree(t, ".", map[string][]byte{
		"drafts/refused.md":    []byte("# Part\n\nRead [the details](TODO).\n"),
		"drafts/links.md":      []byte("See [the other post](refused.md#part) and [ok](ok.md).\n"),
		"drafts/sub/second.md": []byte("See [a post that links](../links.md).\n"),
		"drafts/ok.md":         []byte("Fine, with [a site link](/refused.md) and [a URL](https://example.com/refused.md).\n"),
	})
	res, err := run(t, publish.Options{Inputs: []string{"drafts"}, Out: "site"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Files {
		for _, r := range f.Reasons {
			got = append(got, f.Input+":"+r.String())
		}
	}
	want := []string{
		"drafts/links.md:1:5: gate: links to drafts/refused.md, which is not published",
		`drafts/refused.md:3:6: error placeholder-link: link destination "TODO" is a placeholder`,
		"drafts/sub/second.md:1:5: gate: links to drafts/links.md, which is not published",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("reasons:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if tree := keys(readTree(t, "site")); strings.Join(tree, " ") != "manifest.json ok.md" {
		t.Errorf("site holds %v", tree)
	}
}
