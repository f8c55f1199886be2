package frontmatter

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// want describes an expected value. Fields left empty are not checked,
// except raw and text, which always are.
type want struct {
	path    string // the path joined with "/"
	raw     string // src[Start:End]
	text    string // Text
	key     string // src[KeyStart:KeyEnd]; "-" for none (-1)
	kind    Kind
	style   Style
	escapes []string // src of each escape
}

type valueCase struct {
	name   string
	src    string
	format Format
	body   string // src[BodyStart:], checked when not empty
	values []want
}

// runValueCases parses each case and compares its values with the expected
// ones, in order. Every case is also checked by checkBlock, which decodes
// each raw value text again with the format's library.
func runValueCases(t *testing.T, cases []valueCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := []byte(tc.src)
			b := Parse(src)
			if b == nil {
				t.Fatal("no front matter")
			}
			if b.Err != nil {
				t.Fatalf("unexpected error: %v", b.Err)
			}
			if b.Format != tc.format {
				t.Errorf("format %q, want %q", b.Format, tc.format)
			}
			if tc.body != "" && string(src[b.BodyStart:]) != tc.body {
				t.Errorf("body %q, want %q", src[b.BodyStart:], tc.body)
			}
			checkBlock(t, tc.name, src, b, true)
			if len(b.Values) != len(tc.values) {
				for _, v := range b.Values {
					t.Logf("got %s %q", strings.Join(v.Path, "/"), src[v.Start:v.End])
				}
				t.Fatalf("%d values, want %d", len(b.Values), len(tc.values))
			}
			for i, w := range tc.values {
				v := b.Values[i]
				if p := strings.Join(v.Path, "/"); p != w.path {
					t.Errorf("value %d: path %q, want %q", i, p, w.path)
				}
				if raw := string(src[v.Start:v.End]); raw != w.raw {
					t.Errorf("%s: raw %q, want %q", w.path, raw, w.raw)
				}
				if v.Text != w.text {
					t.Errorf("%s: text %q, want %q", w.path, v.Text, w.text)
				}
				if w.key != "" {
					key := "-"
					if v.KeyStart >= 0 {
						key = string(src[v.KeyStart:v.KeyEnd])
					}
					if key != w.key {
						t.Errorf("%s: key %q, want %q", w.path, key, w.key)
					}
				}
				if w.kind != 0 && v.Kind != w.kind {
					t.Errorf("%s: kind %v, want %v", w.path, v.Kind, w.kind)
				}
				if v.Style != w.style {
					t.Errorf("%s: style %v, want %v", w.path, v.Style, w.style)
				}
				var esc []string
				for _, e := range v.Escapes {
					esc = append(esc, string(src[e[0]:e[1]]))
				}
				if strings.Join(esc, "|") != strings.Join(w.escapes, "|") {
					t.Errorf("%s: escapes %q, want %q", w.path, esc, w.escapes)
				}
			}
		})
	}
}

func TestDetection(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		format Format // "" for no front matter
		// content and the body, checked when format is set
		content, body string
		start         int
	}{
		{name: "empty source", src: ""},
		{name: "bom only", src: "\ufeff"},
		{name: "no front matter", src: "# Title\n\ntext\n"},
		{name: "thematic break never closed", src: "---\n\nSome text\n"},
		{name: "opening only", src: "---\n"},
		{name: "opening without newline", src: "---"},
		{name: "four dashes", src: "----\na: 1\n----\n"},
		{name: "text after dashes", src: "--- a\nb: 1\n---\n"},
		{name: "indented opening", src: " ---\na: 1\n---\n"},
		{name: "toml never closed", src: "+++\ntitle = 'x'\n"},
		{name: "yaml closed by toml delimiter", src: "---\na: 1\n+++\n"},
		{name: "liquid tag", src: "{% raw %}\n{{ x }}\n{% endraw %}\n"},
		{name: "hugo shortcode", src: "{{< figure src=\"x\" >}}\n"},
		{name: "brace text", src: "{ not json }\n"},
		{name: "brace alone", src: "{"},
		{name: "closing must be alone", src: "---\na: 1\n--- x\n"},

		{name: "empty yaml", src: "---\n---\nbody\n", format: YAML, content: "", body: "body\n"},
		{name: "yaml dots close", src: "---\na: 1\n...\nbody", format: YAML, content: "a: 1\n", body: "body"},
		{name: "yaml at eof", src: "---\na: 1\n---", format: YAML, content: "a: 1\n", body: ""},
		{name: "trailing spaces", src: "---  \t\na: 1\n---   \nbody", format: YAML, content: "a: 1\n", body: "body"},
		{name: "crlf", src: "---\r\na: 1\r\n---\r\nbody\r\n", format: YAML, content: "a: 1\r\n", body: "body\r\n"},
		{name: "bom yaml", src: "\ufeff---\na: 1\n---\nbody", format: YAML, content: "a: 1\n", body: "body", start: 3},
		{name: "first closing wins", src: "---\na: 1\n---\nb: 2\n---\n", format: YAML, content: "a: 1\n", body: "b: 2\n---\n"},
		{name: "empty toml", src: "+++\n+++\n", format: TOML, content: "", body: ""},
		{name: "bom toml crlf", src: "\ufeff+++\r\na = 1\r\n+++\r\nbody", format: TOML, content: "a = 1\r\n", body: "body", start: 3},
		{name: "json", src: "{\"a\": 1}\nbody", format: JSON, content: "{\"a\": 1}", body: "body"},
		{name: "json empty", src: "{}\n", format: JSON, content: "{}", body: ""},
		{name: "json multiline", src: "{\n  \"a\": \"}\"\n}  \r\nbody", format: JSON, content: "{\n  \"a\": \"}\"\n}", body: "body"},
		{name: "json bom at eof", src: "\ufeff{\"a\": [1, {\"b\": 2}]}", format: JSON, content: "{\"a\": [1, {\"b\": 2}]}", body: "", start: 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := Parse([]byte(tt.src))
			if tt.format == "" {
				if b != nil {
					t.Fatalf("got %s front matter, want none", b.Format)
				}
				return
			}
			if b == nil {
				t.Fatal("no front matter")
			}
			if b.Err != nil {
				t.Fatalf("unexpected error: %v", b.Err)
			}
			if b.Format != tt.format {
				t.Errorf("format %q, want %q", b.Format, tt.format)
			}
			if got := tt.src[b.ContentStart:b.ContentEnd]; got != tt.content {
				t.Errorf("content %q, want %q", got, tt.content)
			}
			if got := tt.src[b.BodyStart:]; got != tt.body {
				t.Errorf("body %q, want %q", got, tt.body)
			}
			if b.Start != tt.start || b.End != b.BodyStart || b.Data == nil {
				t.Errorf("Start %d End %d BodyStart %d Data %v", b.Start, b.End, b.BodyStart, b.Data)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name      string
		src       string
		format    Format
		line, col int    // col -1: not checked
		msg       string // a part of the message
		values    int    // number of values still found
	}{
		{name: "yaml unclosed flow", src: "---\ntitle: ok\nbad: [\n---\nbody", format: YAML, line: 3, col: 0, msg: "did not find expected node content"},
		{name: "yaml bom offset", src: "\ufeff\n", format: ""},
		{name: "yaml mapping in scalar", src: "\ufeff---\ntitle: a: b\n---\n", format: YAML, line: 2, col: 0, msg: "mapping values are not allowed"},
		{name: "yaml bad escape", src: "---\na: 1\nb: \"\\q\"\n---\n", format: YAML, line: 3, col: 0, msg: "unknown escape"},
		{name: "yaml tab indentation", src: "---\na: b\n\tc: d\n---\n", format: YAML, line: 3, col: 0, msg: "tab"},
		{name: "yaml duplicate key", src: "---\ntitle: a\ndate: 2024-01-01\ntitle: b\n---\n", format: YAML, line: 4, col: 0, msg: "already defined", values: 3},
		{name: "yaml complex key", src: "---\na: 1\n? [x, y]\n: complex\n---\n", format: YAML, line: 3, col: 0, msg: "cannot unmarshal", values: 2},
		{name: "yaml utf-16", src: "---\n\xff\xfea\x00:\x00 \x001\x00\n---\n", format: YAML, line: 2, col: 0, msg: "not UTF-8"},
		{name: "yaml not a mapping", src: "---\n- a\n- b\n---\n", format: YAML, line: 2, col: 1, msg: "not a mapping", values: 2},
		{name: "yaml scalar document", src: "---\njust text\n---\n", format: YAML, line: 2, col: 1, msg: "not a mapping", values: 1},
		{name: "toml missing value", src: "+++\ntitle = \"x\"\ndate =\n+++\n", format: TOML, line: 3, col: 7, values: 1},
		{name: "toml multibyte column", src: "+++\nt = \"日本\" x\n+++\n", format: TOML, line: 2, col: 10, values: 0},
		{name: "toml duplicate key", src: "+++\na = 1\na = 2\n+++\n", format: TOML, line: 3, col: 1, msg: "already", values: 2},
		{name: "toml bom crlf", src: "\ufeff+++\r\na = 'x'\r\nb = ?\r\n+++\r\n", format: TOML, line: 3, col: 5, values: 1},
		{name: "json trailing comma", src: "{\"a\": 1,}\nbody", format: JSON, line: 1, col: 9, values: 1},
		{name: "json unclosed", src: "{\"a\": 1\nbody\n", format: JSON, line: 1, col: 1, msg: "not closed"},
		{name: "json text after", src: "{\"a\": 1} more\nbody", format: JSON, line: 1, col: 10, msg: "after JSON", values: 1},
		{name: "json bad literal", src: "\ufeff{\n \"a\": tru\n}\n", format: JSON, line: 2, col: -1, values: 0},
		{name: "json number overflow", src: "{\"a\": 1e999}\n", format: JSON, line: 1, col: 7, msg: "1e999"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := []byte(tt.src)
			b := Parse(src)
			if tt.format == "" {
				if b != nil {
					t.Fatal("unexpected front matter")
				}
				return
			}
			if b == nil {
				t.Fatal("no front matter")
			}
			checkBlock(t, tt.name, src, b, false)
			var e *Error
			if !errors.As(b.Err, &e) {
				t.Fatalf("Err = %v, want an *Error", b.Err)
			}
			if e.Line != tt.line || tt.col >= 0 && e.Column != tt.col {
				t.Errorf("error at %d:%d, want %d:%d (%v)", e.Line, e.Column, tt.line, tt.col, e)
			}
			if !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("message %q does not contain %q", e.Msg, tt.msg)
			}
			if len(b.Values) != tt.values {
				t.Errorf("%d values, want %d", len(b.Values), tt.values)
			}
			if e.Error() == "" {
				t.Error("empty Error()")
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &Error{Line: 3, Column: 7, Msg: "bad"}
	if got, want := e.Error(), "front matter: line 3, column 7: bad"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e.Column = 0
	if got, want := e.Error(), "front matter: line 3: bad"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestDuplicateKeysKeepLastData(t *testing.T) {
	b := Parse([]byte("---\ntitle: a\ntags: [x]\ntitle: b\n---\n"))
	if b.Err == nil {
		t.Fatal("want a duplicate key error")
	}
	if b.Data["title"] != "b" || b.Data["tags"] == nil {
		t.Errorf("Data = %v, want the last title and the tags", b.Data)
	}
}

func TestLookupAndCanEdit(t *testing.T) {
	src := []byte("+++\ntitle = \"Caf\\u00e9 CafÃ©\"\n[author]\nname = 'Zoë'\n+++\n")
	b := Parse(src)
	if b == nil || b.Err != nil {
		t.Fatalf("Parse: %+v", b)
	}
	v := b.Lookup("author", "name")
	if v == nil || v.Text != "Zoë" || v.Key() != "name" {
		t.Fatalf("Lookup(author, name) = %+v", v)
	}
	if b.Lookup("missing") != nil {
		t.Error("Lookup(missing) != nil")
	}
	title := b.Lookup("title")
	raw := string(src[title.Start:title.End])
	moj := title.Start + strings.Index(raw, "CafÃ©")
	esc := title.Start + strings.Index(raw, `\u00e9`)
	tests := []struct {
		start, end int
		ok         bool
	}{
		{moj, moj + len("CafÃ©"), true},
		{title.Start, title.End, false},
		{esc, esc + 6, false},
		{esc + 2, esc + 3, false},
		{esc, esc, true},         // insertion before the escape
		{esc + 6, esc + 6, true}, // and after it
		{esc + 1, esc + 1, false},
		{title.Start - 1, title.Start, false},
		{title.End, title.End + 1, false},
		{moj + 2, moj + 1, false},
	}
	for _, tt := range tests {
		if got := title.CanEdit(tt.start, tt.end); got != tt.ok {
			t.Errorf("CanEdit(%d, %d) = %v, want %v", tt.start, tt.end, got, tt.ok)
		}
	}
}

func TestKindStyleString(t *testing.T) {
	if String.String() != "string" || Time.String() != "time" || Null.String() != "null" || Kind(99).String() != "Kind(99)" {
		t.Error("Kind.String")
	}
	if Plain.String() != "plain" || MultilineLiteral.String() != "multiline-literal" || Style(-1).String() != "Style(-1)" {
		t.Error("Style.String")
	}
}

func TestPosition(t *testing.T) {
	src := []byte("\ufeffab\né日x\n")
	tests := []struct{ off, line, col int }{
		{3, 1, 1}, {4, 1, 2}, {6, 2, 1}, {8, 2, 2}, {11, 2, 3}, {13, 3, 1}, {99, 3, 1},
	}
	for _, tt := range tests {
		if line, col := position(src, tt.off); line != tt.line || col != tt.col {
			t.Errorf("position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

// The two real posts of the specification.
var realPostCases = []valueCase{
	{
		name: "jekyll post",
		src: "---\nlayout: post\ntitle: Why I want to do research\ndate: 2024-01-01 15:09:00\n" +
			"description: Some thoughts on why I want to do research\ntags:\ncategories: thoughts\nfeatured: true\n---\n\nBody.\n",
		format: YAML,
		body:   "\nBody.\n",
		values: []want{
			{path: "layout", key: "layout", raw: "post", text: "post", kind: String},
			{path: "title", key: "title", raw: "Why I want to do research", text: "Why I want to do research", kind: String},
			{path: "date", key: "date", raw: "2024-01-01 15:09:00", text: "2024-01-01 15:09:00", kind: Time},
			{path: "description", raw: "Some thoughts on why I want to do research", text: "Some thoughts on why I want to do research", kind: String},
			{path: "tags", key: "tags", raw: "", text: "", kind: Null},
			{path: "categories", raw: "thoughts", text: "thoughts", kind: String},
			{path: "featured", key: "featured", raw: "true", text: "true", kind: Bool},
		},
	},
	{
		name: "hugo toml post",
		src: "+++\ntitle = \"CafÃ© notes — rÃ©sumÃ© of encodings\"\ndate = 2025-03-14T09:00:00Z\n" +
			"tags = [\"encoding\", \"unicode\"]\ndraft = false\n+++\nBody\n",
		format: TOML,
		body:   "Body\n",
		values: []want{
			{path: "title", key: "title", raw: "CafÃ© notes — rÃ©sumÃ© of encodings", text: "CafÃ© notes — rÃ©sumÃ© of encodings", kind: String, style: Basic},
			{path: "date", key: "date", raw: "2025-03-14T09:00:00Z", text: "2025-03-14T09:00:00Z", kind: Time},
			{path: "tags/0", key: `"encoding"`, raw: "encoding", text: "encoding", kind: String, style: Basic},
			{path: "tags/1", key: `"unicode"`, raw: "unicode", text: "unicode", kind: String, style: Basic},
			{path: "draft", key: "draft", raw: "false", text: "false", kind: Bool},
		},
	},
}

func TestRealPosts(t *testing.T) {
	runValueCases(t, realPostCases)
}

func TestRealPostsData(t *testing.T) {
	b := Parse([]byte("---\nlayout: post\ntags:\nfeatured: true\nauthor:\n  name: A\nlist: [a, 1]\n---\n"))
	if b.Data["layout"] != "post" || b.Data["featured"] != true {
		t.Errorf("Data = %v", b.Data)
	}
	if v, ok := b.Data["tags"]; !ok || v != nil {
		t.Errorf("tags = %v, %v; want nil, true", v, ok)
	}
	if m, ok := b.Data["author"].(map[string]any); !ok || m["name"] != "A" {
		t.Errorf("author = %#v", b.Data["author"])
	}
	if l, ok := b.Data["list"].([]any); !ok || len(l) != 2 || l[0] != "a" || l[1] != 1 {
		t.Errorf("list = %#v", b.Data["list"])
	}

	b = Parse([]byte("+++\ntitle = \"CafÃ©\"\ntags = [\"a\"]\n[params]\nx = 1\n+++\n"))
	if b.Data["title"] != "CafÃ©" {
		t.Errorf("Data = %v", b.Data)
	}
	if l, ok := b.Data["tags"].([]any); !ok || l[0] != "a" {
		t.Errorf("tags = %#v", b.Data["tags"])
	}
	if m, ok := b.Data["params"].(map[string]any); !ok || m["x"] != int64(1) {
		t.Errorf("params = %#v", b.Data["params"])
	}

	b = Parse([]byte("{\"title\": \"x\", \"n\": 2, \"p\": {\"q\": [true, null]}}\n"))
	if b.Data["title"] != "x" || b.Data["n"] != 2.0 {
		t.Errorf("Data = %v", b.Data)
	}
	if m, ok := b.Data["p"].(map[string]any); !ok || len(m["q"].([]any)) != 2 {
		t.Errorf("p = %#v", b.Data["p"])
	}
}

// Odd inputs: Parse must not panic and its ranges must stay consistent.
func TestRobustness(t *testing.T) {
	inputs := []string{
		"---\na: 1\n--- b\nc: 2\n---\n",
		"---\na: 1\n--- !!map\n---\n",
		"---\n%YAML 1.2\n---\n",
		"---\n%YAML 1.2\n...\n",
		"---\na: *unknown\n---\n",
		"---\na: &x [*x]\n---\n",
		"---\n\ta: 1\n---\n",
		"---\na:\t\tb\t\n\t# c\n---\n",
		"---\na: \"x\x00y\"\n---\n",
		"---\n" + strings.Repeat("[", 20000) + "\n---\n",
		"---\na: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + "\n---\n",
		"---\nx: &a [1, 2]\ny: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n---\n",
		"---\n? - a\n  - b\n: c\n---\n",
		"---\n!!binary aGVsbG8=: x\nb: !!binary aGVsbG8=\n---\n",
		"---\n\"unterminated\n---\n",
		"---\na: |\n---\n",
		"---\na: >9\n x\n---\n",
		"---\n- |\n  x\n- 'y\n\n  z'\n---\n",
		"---\r\na:\r\r\n b\r\n---\r\n",
		"---\na: b\u2028c: d\n---\n",
		"+++\na = \"\"\"\nunterminated\n+++\n",
		"+++\n[a\n+++\n",
		"+++\na = [1, 2\n+++\n",
		"+++\na = {b = 1\n+++\n",
		"+++\n[[a]]\n[a]\n+++\n",
		"+++\na = 1\n[a]\n+++\n",
		"+++\na = " + strings.Repeat("[", 20000) + "\n+++\n",
		"+++\n\x00 = 1\n+++\n",
		"{\"a\": \"\\ud800\"}\n",
		"{\"a\": \"\xff\"}\n",
		"{\"a\": [1, 2, {\"b\": }]}\n",
		"{\"a\": 1}{\"b\": 2}\n",
		"{\"a\": 1}}\n",
		"{\"a\": [1, 2}\n",
		"{" + strings.Repeat("\"a\": {", 20000) + "\n",
		"{\"" + strings.Repeat("a", 10000) + "\n",
	}
	for i, in := range inputs {
		src := []byte(in)
		b := Parse(src)
		checkBlock(t, "input "+strconv.Itoa(i), src, b, false)
		if testing.Verbose() && b != nil {
			t.Logf("input %d: %d values, err %v", i, len(b.Values), b.Err)
		}
	}
}
