package frontmatter

import (
	"os"
	"testing"
)

var fuzzSeeds = []string{
	"",
	"---\n---\n",
	"---\nlayout: post\ntitle: Why I want to do research\ndate: 2024-01-01 15:09:00\ntags:\nfeatured: true\n---\nbody\n",
	"+++\ntitle = \"CafÃ© notes — rÃ©sumÃ© of encodings\"\ndate = 2025-03-14T09:00:00Z\ntags = [\"encoding\", \"unicode\"]\ndraft = false\n+++\n",
	"{\"title\": \"x\\u00e9\", \"tags\": [\"a\", 1, true, null, {\"b\": []}]}\nbody",
	"\ufeff---\r\nt: 'it''s'\r\nd: \"a\\\"b\\\n  c\"\r\nl: |-\r\n  x\r\n   y\r\nf: [a, {b: c}, d]\r\n...\r\n",
	"---\nplain: first\n  second\n\n  third # c\nseq:\n- a\n  b\n-\n  # c\n  c\n- &x !!str d\n- *x\nfold: >2+\n    x\n  y\n\n---\n",
	"---\n? [a]\n: b\n\"k\\tq\": \u2028x\n---\n",
	"+++\n[a]\nb.c = '''\nx'''\n[[d]]\ne = \"\"\"\\\n  y\"\"\"\n[[d]]\nf = { g = [1, 2.5, 1979-05-27] }\n+++\n",
	"{\"a\": 1,}\n",
	"---\na: b\n\tc: d\n---\n",
}

// FuzzParse checks that Parse never panics and that every range it returns
// is consistent: in bounds, ordered, inside the content, escapes inside
// their value. With FRONTMATTER_FUZZ_DECODE set, it also decodes the raw
// text of every value again and compares it with Value.Text.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	for _, cases := range [][]valueCase{realPostCases, yamlCases, tomlCases, jsonCases} {
		for _, c := range cases {
			f.Add([]byte(c.src))
		}
	}
	decode := os.Getenv("FRONTMATTER_FUZZ_DECODE") != ""
	f.Fuzz(func(t *testing.T, src []byte) {
		b := Parse(src)
		checkBlock(t, "fuzz", src, b, decode)
	})
}

func BenchmarkParse(b *testing.B) {
	for _, c := range realPostCases {
		src := []byte(c.src)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				Parse(src)
			}
		})
	}
	src := []byte("{\"title\": \"x\", \"tags\": [\"a\", \"b\"], \"draft\": false}\nbody\n")
	b.Run("json post", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Parse(src)
		}
	})
	noFM := []byte("# Title\n\nJust a post without front matter.\n")
	b.Run("no front matter", func(b *testing.B) {
		for b.Loop() {
			Parse(noFM)
		}
	})
}
