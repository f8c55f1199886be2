package markdown

import (
	"bytes"
	"testing"
)

func TestRender(t *testing.T) {
	src := "---\ntitle: x\n---\n# Hello, *World*\n\n## Hello, World\n\nSetext\n======\n\n<div class=\"note\">raw</div>\n\n{% include x.html %} and {{ page.title }}\n\n| a |\n|---|\n| b |\n\nA note[^1].\n\n[^1]: The note.\n"
	var b bytes.Buffer
	if err := Render(&b, []byte(src), len("---\ntitle: x\n---\n")); err != nil {
		t.Fatal(err)
	}
	want := `<h1 id="hello-world">Hello, <em>World</em></h1>
<h2 id="hello-world-1">Hello, World</h2>
<h1 id="setext">Setext</h1>
<div class="note">raw</div>
<p>{% include x.html %} and {{ page.title }}</p>
<table>
<thead>
<tr>
<th>a</th>
</tr>
</thead>
<tbody>
<tr>
<td>b</td>
</tr>
</tbody>
</table>
<p>A note<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p>
<div class="footnotes" role="doc-endnotes">
<hr>
<ol>
<li id="fn:1">
<p>The note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p>
</li>
</ol>
</div>
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
