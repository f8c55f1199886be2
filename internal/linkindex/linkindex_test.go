package linkindex

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/postlint/postlint/internal/slug"
)

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLinksPositions(t *testing.T) {
	src := []byte("---\ntitle: x\n---\n" +
		"An [inline](a.md#x \"title\") link, ![img](<b c.png>), <https://example.org/x>,\n" +
		"a [ref][r], `[code](no.md)`, <a href=\"h.html\">h</a> <!-- <a href=\"no.html\"> -->\n" +
		"and [tpl]({% link _docs/d.md %}#frag), {{ site.baseurl }}/abs/path, [hugo]({{< relref \"p.md\" >}}).\n\n" +
		"[r]: <def.md>\n")
	p := ParsePage(src)
	links := Links(p, []string{NormalizeTemplate("{{ site.baseurl }}")})
	want := []struct {
		text string
		dest string
		kind LinkKind
		base Base
	}{
		{"a.md#x", "a.md#x", Inline, FromPage},
		{"b c.png", "b c.png", Inline, FromPage},
		{"https://example.org/x", "https://example.org/x", Autolink, FromPage},
		{"h.html", "h.html", HTMLAttr, FromPage},
		{"{% link _docs/d.md %}#frag", "_docs/d.md#frag", Template, SiteSource},
		{"{{ site.baseurl }}/abs/path", "/abs/path", Template, FromPage},
		{"{{< relref \"p.md\" >}}", "p.md", Template, HugoRef},
		{"def.md", "def.md", Definition, FromPage},
	}
	if len(links) != len(want) {
		for _, l := range links {
			t.Logf("%q %+v", src[l.Start:l.End], l)
		}
		t.Fatalf("got %d links, want %d", len(links), len(want))
	}
	for i, w := range want {
		l := links[i]
		if got := string(src[l.Start:l.End]); got != w.text || l.Dest != w.dest || l.Kind != w.kind || l.Base != w.base {
			t.Errorf("link %d: got %q dest %q kind %d base %d; want %q %q %d %d", i, got, l.Dest, l.Kind, l.Base, w.text, w.dest, w.kind, w.base)
		}
	}
}

func TestResolvePlain(t *testing.T) {
	dir := writeTree(t, map[string]string{
		".git/HEAD":       "ref: refs/heads/main\n",
		"docs/a.md":       "# A\n",
		"docs/Guide.md":   "# Guide\n",
		"docs/img/x.png":  "png",
		"README.md":       "# Read me\n",
		"docs/sub/b.md":   "# B\n",
		"docs/sub/c.html": "<p>c</p>",
	})
	file := filepath.Join(dir, "docs", "sub", "b.md")
	s := (&Index{}).SiteFor(file, Config{Kind: Auto, Extensions: []string{".md"}})
	if s.Kind != Plain || s.Root != dir {
		t.Fatalf("site %s at %s, want plain at %s", s.Kind, s.Root, dir)
	}
	for dest, want := range map[string]Status{
		"../a.md":           Found,
		"../a":              Found, // an extension is tried
		"../img/x.png":      Found,
		"/README.md":        Found,
		"/docs/a.md#x":      Found,
		"c.html":            Found,
		"#here":             Found,
		"../guide.md":       CaseMismatch,
		"../IMG/x.png":      CaseMismatch,
		"../nope.md":        Missing,
		"../img/nope.png":   Missing,
		"https://x.org/":    External,
		"mailto:a@b.c":      NotAPath,
		"../a%2Emd":         Found,
		"../../../../../..": Found,
	} {
		r := s.Resolve(file, Link{Dest: dest})
		if r.Status != want {
			t.Errorf("Resolve(%q) = %d (%s), want %d", dest, r.Status, r.Why, want)
		}
	}
}

func TestAnchorsCachedOncePerFile(t *testing.T) {
	dir := writeTree(t, map[string]string{"t.md": "# Title\n\n## Sub Heading\n"})
	ix := &Index{}
	before := parses.Load()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := ix.AnchorsOf(filepath.Join(dir, "t.md"), slug.GitHub)
			if err != nil || !a.Has("sub-heading") {
				t.Errorf("anchors: %v %v", a, err)
			}
		}()
	}
	wg.Wait()
	if n := parses.Load() - before; n != 1 {
		t.Errorf("parsed %d times, want once", n)
	}
	// A changed file is parsed again.
	if err := os.WriteFile(filepath.Join(dir, "t.md"), []byte("# Title\n\n## Other heading here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	a, _ := ix.AnchorsOf(filepath.Join(dir, "t.md"), slug.GitHub)
	if !a.Has("other-heading-here") {
		t.Errorf("stale anchors after the file changed: %v", a.IDs)
	}
}

func TestAnchors(t *testing.T) {
	src := []byte("# Top\n\n## A `code` & <b>bold</b> [link](x) heading\n\n## Dup\n\n## Dup\n\n<div id=\"block-id\"></div>\n\n" +
		"Text <span id='inline-id'>x</span> <!-- <a name=\"commented\"> -->\n\n## Setext {#explicit}\n\n## Dyn {{ page.x }}\n")
	a := ComputeAnchors(ParsePage(src), slug.GitHub)
	for _, id := range []string{"top", "a-code--bold-link-heading", "dup", "dup-1", "block-id", "inline-id", "explicit", "setext-explicit"} {
		if !a.Has(id) {
			t.Errorf("missing id %q (have %v)", id, a.IDs)
		}
	}
	if a.Has("commented") {
		t.Error("an id inside an HTML comment counts")
	}
	if !a.Dynamic {
		t.Error("a heading with a template does not make the anchors dynamic")
	}
}

func TestTemplatesInCodeAreNotLinks(t *testing.T) {
	src := []byte("Use `{% link _docs/x.md %}` like this:\n\n```liquid\n[a]({% post_url 2020-01-01-x %})\n```\n\n<a href=\"{% link _docs/y.md %}\">y</a>\n")
	links := Links(ParsePage(src), nil)
	if len(links) != 1 || links[0].Dest != "_docs/y.md" {
		t.Errorf("links: %+v", links)
	}
}
