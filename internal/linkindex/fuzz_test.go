package linkindex

import (
	"testing"

	"github.com/postlint/postlint/internal/slug"
)

// FuzzLinks checks that link extraction and anchor computation never panic
// and that every link's range lies in the source.
func FuzzLinks(f *testing.F) {
	for _, s := range []string{
		"[a](b.md#c) ![i](<x y.png>) <https://e.org> [r][l]\n\n[l]: <d.md>\n",
		"---\ntitle: x\n---\n## H {#id}\n{: #ial}\n[x]({% link a.md %}#f) {{ site.baseurl }}/p, {{< ref \"p\" >}}\n",
		"<a href='x.html' id=\"y\"><!-- <a name=z> --></a>\n\n```\n[no](x)\n```\n`{% link c %}`\n",
		"# \n## `code` &amp; \\* *em*\nSetext\n===\n[^1]\n\n[^1]: n\n",
		"{% include f.html path=\"/a.png\" %}{% include_relative b.md %}{% post_url 2020-01-01-x %}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := ParsePage(src)
		for _, l := range Links(p, []string{NormalizeTemplate("{{ site.baseurl }}")}) {
			if l.Start < 0 || l.End < l.Start || l.End > len(src) {
				t.Fatalf("link range [%d,%d) outside a source of %d bytes", l.Start, l.End, len(src))
			}
			if l.Literal && string(src[l.Start:l.End]) != l.Dest {
				t.Fatalf("literal link %q written %q", l.Dest, src[l.Start:l.End])
			}
			SplitDest(l.Dest)
		}
		for _, alg := range slug.Algorithms {
			ComputeAnchors(p, alg)
		}
	})
}
