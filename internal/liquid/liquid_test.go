package liquid

import (
	"reflect"
	"testing"
)

func TestScan(t *testing.T) {
	type want struct {
		text string
		kind Kind
		name string
	}
	tests := []struct {
		src  string
		want []want
	}{
		{"a {{ site.baseurl }}/x b", []want{{"{{ site.baseurl }}", Output, ""}}},
		{"{%- include x.html -%}", []want{{"{%- include x.html -%}", Tag, "include"}}},
		{"{{< figure src=\"a\" >}} {{% note %}}x{{% /note %}}", []want{
			{"{{< figure src=\"a\" >}}", Shortcode, "figure"},
			{"{{% note %}}", Shortcode, "note"},
			{"{{% /note %}}", Shortcode, "/note"},
		}},
		{"{% raw %}\nThis {{ is not }} Liquid\n\n{% endraw %}\nafter {{ x }}", []want{
			{"{% raw %}", Tag, "raw"},
			{"\nThis {{ is not }} Liquid\n\n", Body, "raw"},
			{"{% endraw %}", Tag, "endraw"},
			{"{{ x }}", Output, ""},
		}},
		{"{% highlight go %}\nfunc() {{ }}\n{% endhighlight %}", []want{
			{"{% highlight go %}", Tag, "highlight"},
			{"\nfunc() {{ }}\n", Body, "highlight"},
			{"{% endhighlight %}", Tag, "endhighlight"},
		}},
		{"{{< highlight go >}}\ncode {{ x }}\n{{< /highlight >}}", []want{
			{"{{< highlight go >}}", Shortcode, "highlight"},
			{"\ncode {{ x }}\n", Body, "highlight"},
			{"{{< /highlight >}}", Shortcode, "/highlight"},
		}},
		{"a { b } {{ unclosed\n\nnext %}", nil},
		{"{% if a\n  and b %}", []want{{"{% if a\n  and b %}", Tag, "if"}}},
		{"{% raw %} never closed", []want{{"{% raw %}", Tag, "raw"}}},
		{"{", nil},
		{"{{", nil},
	}
	for _, tt := range tests {
		var got []want
		for _, sp := range Scan([]byte(tt.src), 0) {
			got = append(got, want{tt.src[sp.Start:sp.End], sp.Kind, sp.Name})
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Scan(%q)\n got %v\nwant %v", tt.src, got, tt.want)
		}
	}
}

func FuzzScan(f *testing.F) {
	f.Add("{% raw %}x{% endraw %}{{ a }}{{< b >}}")
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range Scan([]byte(s), 0) {
			if sp.Start < prev || sp.End < sp.Start || sp.End > len(s) {
				t.Fatalf("bad span %+v after %d in %q", sp, prev, s)
			}
			prev = sp.End
		}
	})
}
