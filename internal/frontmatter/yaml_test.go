package frontmatter

import (
	"testing"

	"go.yaml.in/yaml/v3"
)

// yaml.v3 counts columns in characters, not bytes: the conversion to byte
// offsets relies on it.
func TestYAMLColumnsAreCharacters(t *testing.T) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte("日本語: x\né: [😀, y]\n"), &n); err != nil {
		t.Fatal(err)
	}
	m := n.Content[0]
	if c := m.Content[1].Column; c != 6 {
		t.Errorf("column of x = %d, want 6 (characters; 12 would be bytes)", c)
	}
	if c := m.Content[3].Content[1].Column; c != 8 {
		t.Errorf("column of y = %d, want 8", c)
	}
}

var yamlCases = []valueCase{
	{
		name:   "multi-byte",
		src:    "---\ntitle: \"日本語 é 🎉\"\nauthor: José 🎉 Núñez\n'😀': '😀''s'\nnote: 日本語 # コメント\n---\n",
		format: YAML,
		values: []want{
			{path: "title", key: "title", raw: "日本語 é 🎉", text: "日本語 é 🎉", style: DoubleQuoted},
			{path: "author", key: "author", raw: "José 🎉 Núñez", text: "José 🎉 Núñez"},
			{path: "😀", key: "'😀'", raw: "😀''s", text: "😀's", style: SingleQuoted, escapes: []string{"''"}},
			{path: "note", raw: "日本語", text: "日本語"},
		},
	},
	{
		name:   "crlf and bom",
		src:    "\ufeff---\r\ntitle: Héllo  \r\nq: \"a\\\"b\"\r\ntags:\r\n  - x\r\n  - 'y'\r\n---\r\nbody",
		format: YAML,
		body:   "body",
		values: []want{
			{path: "title", key: "title", raw: "Héllo", text: "Héllo"},
			{path: "q", raw: `a\"b`, text: `a"b`, style: DoubleQuoted, escapes: []string{`\"`}},
			{path: "tags/0", key: "-", raw: "x", text: "x"},
			{path: "tags/1", key: "-", raw: "y", text: "y", style: SingleQuoted},
		},
	},
	{
		name:   "tabs",
		src:    "---\ntitle:\tTabbed\tvalue\t# comment\nq:\t\"a\tb\"\n---\n",
		format: YAML,
		values: []want{
			{path: "title", raw: "Tabbed\tvalue", text: "Tabbed\tvalue"},
			{path: "q", raw: "a\tb", text: "a\tb", style: DoubleQuoted},
		},
	},
	{
		name: "comments",
		src: "---\n# leading comment\ntitle: Hello world # trailing\nhash: C# is#not a comment\n" +
			"quoted: \"x # y\" # z\nempty: # nothing\nafter:   spaced   \n---\n",
		format: YAML,
		values: []want{
			{path: "title", raw: "Hello world", text: "Hello world"},
			{path: "hash", raw: "C# is#not a comment", text: "C# is#not a comment"},
			{path: "quoted", raw: "x # y", text: "x # y", style: DoubleQuoted},
			{path: "empty", key: "empty", raw: "", text: "", kind: Null},
			{path: "after", raw: "spaced", text: "spaced"},
		},
	},
	{
		name: "nested maps",
		src: "---\nauthor:\n  name: Jane\n  links:\n    web: https://example.com/a?b=c#d\n    mail: \"j@example.com\"\n" +
			"  age: 42\nparams: {x: 1, \"y z\": [a, b]}\n---\n",
		format: YAML,
		values: []want{
			{path: "author/name", key: "name", raw: "Jane", text: "Jane"},
			{path: "author/links/web", key: "web", raw: "https://example.com/a?b=c#d", text: "https://example.com/a?b=c#d"},
			{path: "author/links/mail", key: "mail", raw: "j@example.com", text: "j@example.com", style: DoubleQuoted},
			{path: "author/age", raw: "42", text: "42", kind: Int},
			{path: "params/x", key: "x", raw: "1", text: "1", kind: Int},
			{path: "params/y z/0", key: "a", raw: "a", text: "a"},
			{path: "params/y z/1", key: "b", raw: "b", text: "b"},
		},
	},
	{
		name: "block sequences",
		src: "---\ntags:\n  - one\n  -   two words   # c\n  - \"three\"\n  -\n    four\n  - # comment\n    five\n  -\n" +
			"indentless:\n- a\n- b: c\n  d: e\n- - nested\n  - seq\n---\n",
		format: YAML,
		values: []want{
			{path: "tags/0", key: "-", raw: "one", text: "one"},
			{path: "tags/1", key: "-", raw: "two words", text: "two words"},
			{path: "tags/2", key: "-", raw: "three", text: "three", style: DoubleQuoted},
			{path: "tags/3", key: "-", raw: "four", text: "four"},
			{path: "tags/4", key: "-", raw: "five", text: "five"},
			{path: "tags/5", key: "-", raw: "", text: "", kind: Null},
			{path: "indentless/0", key: "-", raw: "a", text: "a"},
			{path: "indentless/1/b", key: "b", raw: "c", text: "c"},
			{path: "indentless/1/d", key: "d", raw: "e", text: "e"},
			{path: "indentless/2/0", key: "-", raw: "nested", text: "nested"},
			{path: "indentless/2/1", key: "-", raw: "seq", text: "seq"},
		},
	},
	{
		name: "flow collections",
		src: "---\ntags: [a, \"b c\", 'd''e', 日本, 1.5, ~]\nm: {x: [1, {y: z}], w}\n" +
			"multi: [one,\n  two three,\n  four]\nempty: []\n---\n",
		format: YAML,
		values: []want{
			{path: "tags/0", key: "a", raw: "a", text: "a"},
			{path: "tags/1", key: `"b c"`, raw: "b c", text: "b c", style: DoubleQuoted},
			{path: "tags/2", key: `'d''e'`, raw: "d''e", text: "d'e", style: SingleQuoted, escapes: []string{"''"}},
			{path: "tags/3", raw: "日本", text: "日本"},
			{path: "tags/4", raw: "1.5", text: "1.5", kind: Float},
			{path: "tags/5", key: "~", raw: "~", text: "~", kind: Null},
			{path: "m/x/0", raw: "1", text: "1", kind: Int},
			{path: "m/x/1/y", key: "y", raw: "z", text: "z"},
			{path: "m/w", key: "w", raw: "", text: "", kind: Null},
			{path: "multi/0", raw: "one", text: "one"},
			{path: "multi/1", raw: "two three", text: "two three"},
			{path: "multi/2", raw: "four", text: "four"},
		},
	},
	{
		name:   "quoted keys",
		src:    "---\n\"double key\": 1\n'single key': 2\n\"esc\\tkey\": 3\n? explicit\n: 4\n---\n",
		format: YAML,
		values: []want{
			{path: "double key", key: `"double key"`, raw: "1", text: "1", kind: Int},
			{path: "single key", key: "'single key'", raw: "2", text: "2", kind: Int},
			{path: "esc\tkey", key: `"esc\tkey"`, raw: "3", text: "3", kind: Int},
			{path: "explicit", key: "explicit", raw: "4", text: "4", kind: Int},
		},
	},
	{
		name: "multi-line plain and quoted",
		src: "---\nplain: first line\n  second line\n\n  after blank   \nnext: x\n" +
			"dq: \"one\n  two \\\n  three\\u00e9 \\x41\\U0001F600\"\nsq: 'one\n\n  two''s'\n" +
			"seq:\n- a\n  b\n- c\n---\n",
		format: YAML,
		values: []want{
			{path: "plain", raw: "first line\n  second line\n\n  after blank", text: "first line second line\nafter blank"},
			{path: "next", raw: "x", text: "x"},
			{path: "dq", raw: "one\n  two \\\n  three\\u00e9 \\x41\\U0001F600", text: "one two three\u00e9 A😀", style: DoubleQuoted,
				escapes: []string{"\\\n", `\u00e9`, `\x41`, `\U0001F600`}},
			{path: "sq", raw: "one\n\n  two''s", text: "one\ntwo's", style: SingleQuoted, escapes: []string{"''"}},
			{path: "seq/0", key: "-", raw: "a\n  b", text: "a b"},
			{path: "seq/1", key: "-", raw: "c", text: "c"},
		},
	},
	{
		name: "block scalars",
		src: "---\nlit: |\n  line 1\n    indented é\n\n  line 3\nkeep: |+\n  kept\n\nstrip: >-  # comment\n  folded\n  text\n\n" +
			"explicit: |2\n    two extra\n  base\nnested:\n  - >\n    in seq\n  - |\n\n\n     after blanks\nempty: |\nlast: x\n---\n",
		format: YAML,
		values: []want{
			{path: "lit", raw: "line 1\n    indented é\n\n  line 3", text: "line 1\n  indented é\n\nline 3\n", style: Literal},
			{path: "keep", raw: "kept", text: "kept\n\n", style: Literal},
			{path: "strip", raw: "folded\n  text", text: "folded text", style: Folded},
			{path: "explicit", raw: "  two extra\n  base", text: "  two extra\nbase\n", style: Literal},
			{path: "nested/0", key: "-", raw: "in seq", text: "in seq\n", style: Folded},
			{path: "nested/1", key: "-", raw: "after blanks", text: "\n\nafter blanks\n", style: Literal},
			{path: "empty", raw: "", text: "", style: Literal},
			{path: "last", raw: "x", text: "x"},
		},
	},
	{
		name:   "block scalar crlf",
		src:    "---\r\na: |\r\n  x\r\n  y\r\nb: >\r\n  p\r\n  q\r\n---\r\n",
		format: YAML,
		values: []want{
			{path: "a", raw: "x\r\n  y", text: "x\ny\n", style: Literal},
			{path: "b", raw: "p\r\n  q", text: "p q\n", style: Folded},
		},
	},
	{
		name: "kinds",
		src: "---\nint: 42\nneg: -0x1F\nfloat: 3.14\nexp: 1e3\ninf: .inf\nt: true\nf: False\nnull: null\ntilde: ~\nempty:\n" +
			"date: 2024-01-01\nts: 2024-01-01T10:00:00Z\nstr: !!str 123\nver: 1.2.3\n---\n",
		format: YAML,
		values: []want{
			{path: "int", raw: "42", text: "42", kind: Int},
			{path: "neg", raw: "-0x1F", text: "-0x1F"},
			{path: "float", raw: "3.14", text: "3.14", kind: Float},
			{path: "exp", raw: "1e3", text: "1e3", kind: Float},
			{path: "inf", raw: ".inf", text: ".inf", kind: Float},
			{path: "t", raw: "true", text: "true", kind: Bool},
			{path: "f", raw: "False", text: "False", kind: Bool},
			{path: "null", raw: "null", text: "null", kind: Null},
			{path: "tilde", raw: "~", text: "~", kind: Null},
			{path: "empty", raw: "", text: "", kind: Null},
			{path: "date", raw: "2024-01-01", text: "2024-01-01", kind: Time},
			{path: "ts", raw: "2024-01-01T10:00:00Z", text: "2024-01-01T10:00:00Z", kind: Time},
			{path: "str", raw: "123", text: "123", kind: String},
			{path: "ver", raw: "1.2.3", text: "1.2.3", kind: String},
		},
	},
	{
		name: "anchors and aliases",
		src: "---\nbase: &b hello\ncopy: *b\nm: &m {a: 1}\nm2:\n  <<: *m\n  c: 2\nt: !!str &x\n  tagged\n" +
			"e: &e\nq: !custom \"v\"\nlist: [&i 1, *i]\n---\n",
		format: YAML,
		values: []want{
			{path: "base", key: "base", raw: "hello", text: "hello"},
			{path: "m/a", raw: "1", text: "1", kind: Int},
			{path: "m2/c", raw: "2", text: "2", kind: Int},
			{path: "t", raw: "tagged", text: "tagged", kind: String},
			{path: "e", key: "e", raw: "", text: "", kind: Null},
			{path: "q", raw: "v", text: "v", style: DoubleQuoted},
			{path: "list/0", key: "1", raw: "1", text: "1", kind: Int},
		},
	},
	{
		name:   "non-string keys",
		src:    "---\n1: one\ntrue: yes\n---\n",
		format: YAML,
		values: []want{
			{path: "1", key: "1", raw: "one", text: "one"},
			{path: "true", key: "true", raw: "yes", text: "yes"},
		},
	},
	{
		name:   "bom inside the content",
		src:    "\ufeff---\n\ufeffa: é\nb: x\ufeffy\n---\n",
		format: YAML,
		values: []want{
			{path: "a", key: "a", raw: "é", text: "é"},
			{path: "b", key: "b", raw: "x\ufeffy", text: "x\ufeffy"},
		},
	},
	{
		name:   "unicode line separators",
		src:    "---\na: x\u2028  y\nb: \"p\u0085q\"\nc: z\n---\n",
		format: YAML,
		values: []want{
			{path: "a", raw: "x\u2028  y", text: "x\u2028y"},
			{path: "b", raw: "p\u0085q", text: "p q", style: DoubleQuoted},
			{path: "c", raw: "z", text: "z"},
		},
	},
}

func TestYAMLValues(t *testing.T) {
	runValueCases(t, yamlCases)
}

func TestYAMLNonStringKeysData(t *testing.T) {
	b := Parse([]byte("---\nm:\n  1: one\n  true: yes\n  ~: n\n  2.5: f\n---\n"))
	if b == nil || b.Err != nil {
		t.Fatalf("Parse: %+v", b)
	}
	m, ok := b.Data["m"].(map[string]any)
	if !ok {
		t.Fatalf("m = %#v, want map[string]any", b.Data["m"])
	}
	for k, v := range map[string]any{"1": "one", "true": "yes", "null": "n", "2.5": "f"} {
		if m[k] != v {
			t.Errorf("m[%q] = %#v, want %#v", k, m[k], v)
		}
	}
}
