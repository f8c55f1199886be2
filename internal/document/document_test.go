package document

import (
	"bytes"
	"strings"
	"testing"

	"github.com/postlint/postlint/rules"
)

// chunkText returns the prose of a document as "kind: text" lines, with the
// masked bytes shown as spaces, after checking the chunk invariants: same
// length as the source range, unmasked bytes equal to the source, newlines
// kept.
func chunkText(t *testing.T, d *rules.Document) []string {
	t.Helper()
	var out []string
	for _, c := range d.Prose {
		if len(c.Text) != c.End-c.Start {
			t.Fatalf("chunk [%d,%d) has %d bytes of text", c.Start, c.End, len(c.Text))
		}
		for i, b := range c.Text {
			s := d.Source[c.Start+i]
			if b != s && b != ' ' {
				t.Fatalf("chunk byte %d is %q, source has %q", c.Start+i, b, s)
			}
			if (s == '\n') != (b == '\n') {
				t.Fatalf("chunk byte %d: newline not kept", c.Start+i)
			}
		}
		out = append(out, c.Kind.String()+": "+strings.Join(strings.Fields(string(c.Text)), " "))
	}
	return out
}

// at asserts that word occurs in some chunk at the same absolute offset as its
// first occurrence in the source after from.
func at(t *testing.T, d *rules.Document, word string, from int) {
	t.Helper()
	want := bytes.Index(d.Source[from:], []byte(word))
	if want < 0 {
		t.Fatalf("%q not in source", word)
	}
	want += from
	for _, c := range d.Prose {
		if i := bytes.Index(c.Text, []byte(word)); i >= 0 && c.Start+i == want {
			return
		}
	}
	t.Errorf("%q at offset %d is not in any chunk at that offset", word, want)
}

func TestOffsetsAreAbsolute(t *testing.T) {
	tests := []struct {
		name, src string
		words     []string
	}{
		{"yaml front matter", "---\ntitle: Café ☕\n---\n# Heading é\n\nText 日本語 here.\n", []string{"Café ☕", "Heading é", "日本語"}},
		{"toml front matter", "+++\ntitle = \"Ünïcode\"\n+++\n\nPara 🎉 text.\n", []string{"Ünïcode", "🎉 text"}},
		{"json front matter", "{\n  \"title\": \"Jsön\"\n}\n\nBody ö.\n", []string{"Jsön", "Body ö"}},
		{"bom", "\ufeffFirst paragraph é.\n", []string{"First paragraph é"}},
		{"bom and front matter", "\ufeff---\ntitle: X ü\n---\nBody ü.\n", []string{"X ü", "Body ü"}},
		{"crlf", "---\r\ntitle: Crlf\r\n---\r\n# Head\r\n\r\nLine one\r\nline two é\r\n", []string{"Crlf", "Head", "line two é"}},
		{"tabs", "-\tItem ä\n\n>\tQuoted ö\n\n\tcode\n\nAfter\ttab ü\n", []string{"Item ä", "Quoted ö", "After\ttab ü"}},
		{"setext", "Title é\n=======\n\nSub\n---\n", []string{"Title é", "Sub"}},
		{"table", "| Ä | B |\n|---|---|\n| ç | `x` d |\n", []string{"Ä", "ç", "d"}},
		{"list and quote", "> - one ñ\n>   two ñ\n> 1. three\n", []string{"one ñ", "two ñ", "three"}},
		{"footnote", "Text[^1].\n\n[^1]: Note é.\n", []string{"Note é"}},
		{"link and image", "A [link é](http://x.org) and ![alt ü](i.png).\n", []string{"link é", "alt ü"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Load("t.md", []byte(tt.src))
			chunkText(t, d)
			for _, w := range tt.words {
				at(t, d, w, 0)
			}
		})
	}
}

func TestMasking(t *testing.T) {
	src := "---\ntitle: \"a \\\"q\\\" b\"\n---\n" +
		"Code `x y` and <span>html</span> and https://example.org/path and <https://a.org>.\n" +
		"A [link](http://dest.example \"title\") and \\*escaped\\* and {{ site.name }} and {% tag x %}.\n" +
		"> quoted\n> more\n"
	d := Load("t.md", []byte(src))
	got := chunkText(t, d)
	want := []string{
		`front matter value: a q b`,
		`paragraph: Code and html and and . A link and *escaped * and and .`,
		`paragraph: quoted more`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("chunks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestOpaqueBlocksAreNotMarkdown(t *testing.T) {
	src := "Before.\n\n{% raw %}\n# Not a heading\n\n[x](link)\n{% endraw %}\n\n{% highlight go %}\n// comment\n{% endhighlight %}\n\n{{< highlight md >}}\n# no\n{{< /highlight >}}\n\nAfter.\n"
	d := Load("t.md", []byte(src))
	got := chunkText(t, d)
	for _, g := range got {
		if strings.Contains(g, "heading") || strings.Contains(g, "no") && !strings.Contains(g, "Before") {
			t.Errorf("opaque body leaked into prose: %q", g)
		}
	}
	at(t, d, "Before", 0)
	at(t, d, "After", 0)
	var bodies int
	for _, tp := range d.Templates {
		if tp.Kind == "body" {
			bodies++
		}
	}
	if bodies != 3 {
		t.Errorf("got %d opaque bodies, want 3: %+v", bodies, d.Templates)
	}
}

func TestFrontMatterNotParsedAsMarkdown(t *testing.T) {
	src := "---\ntitle: T\n---\nBody\n"
	d := Load("t.md", []byte(src))
	if d.BodyStart != len("---\ntitle: T\n---\n") {
		t.Errorf("BodyStart = %d", d.BodyStart)
	}
	// A thematic break or setext heading from the front matter would show as
	// a heading chunk.
	for _, c := range d.Prose {
		if c.Kind == rules.Heading {
			t.Errorf("front matter parsed as a heading: %q", c.Text)
		}
	}
	if d.FrontMatter == nil || d.FrontMatter.Data["title"] != "T" {
		t.Errorf("front matter = %+v", d.FrontMatter)
	}
}

func TestInvalidUTF8(t *testing.T) {
	src := []byte("Caf\xe9 au lait.\n\n# Head\xff\n")
	d := Load("t.md", src)
	if d.ValidUTF8 {
		t.Error("ValidUTF8 = true")
	}
	if len(d.Prose) != 2 {
		t.Errorf("got %d chunks, want 2", len(d.Prose))
	}
}

func FuzzLoad(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: x\n---\n# h\n\ntext [a](b) `c`\n",
		"\ufeff+++\na = \"b\"\n+++\n| a |\n|---|\n| b |\n",
		"{% raw %}\nx\n{% endraw %}\n> q\n- l\n",
		"{\"a\": 1}\n\nText\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		d := Load("f.md", src)
		prev := 0
		for _, c := range d.Prose {
			if c.Start < 0 || c.End > len(src) || c.Start > c.End || len(c.Text) != c.End-c.Start {
				t.Fatalf("bad chunk [%d,%d) len %d", c.Start, c.End, len(c.Text))
			}
			for i, b := range c.Text {
				if b != src[c.Start+i] && b != ' ' {
					t.Fatalf("chunk byte changed")
				}
			}
			_ = prev
		}
		for _, tp := range d.Templates {
			if tp.Start < 0 || tp.End > len(src) || tp.Start > tp.End {
				t.Fatalf("bad template %+v", tp)
			}
		}
	})
}
