package frontmatter

import (
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"
)

var tomlCases = []valueCase{
	{
		name: "string styles",
		src: "+++\nbasic = \"a\\\"b\\u00e9\\\\ \\U0001F600\\x41 日本\"\nlit = 'C:\\path\\é'\n" +
			"mb = \"\"\"\nline 1\n  line 2 \\\n    joined\"\"\"\nml = '''\nraw \\n ''text'''\n" +
			"mbq = \"\"\"x\"\"\"\"\"\nempty = \"\"\n+++\n",
		format: TOML,
		values: []want{
			{path: "basic", key: "basic", raw: `a\"b\u00e9\\ \U0001F600\x41 日本`, text: "a\"b\u00e9\\ 😀A 日本", style: Basic,
				escapes: []string{`\"`, `\u00e9`, `\\`, `\U0001F600`, `\x41`}},
			{path: "lit", raw: `C:\path\é`, text: `C:\path\é`, style: LiteralString},
			{path: "mb", raw: "line 1\n  line 2 \\\n    joined", text: "line 1\n  line 2 joined", style: MultilineBasic,
				escapes: []string{"\\\n    "}},
			{path: "ml", raw: "raw \\n ''text", text: "raw \\n ''text", style: MultilineLiteral},
			{path: "mbq", raw: "x\"\"", text: "x\"\"", style: MultilineBasic},
			{path: "empty", raw: "", text: "", style: Basic},
		},
	},
	{
		name:   "crlf and bom",
		src:    "\ufeff+++\r\ntitle = \"Héllo\"  # comment\r\nml = \"\"\"\r\na\r\nb \\\r\n  c\"\"\"\r\nn = 1\r\n+++\r\nbody",
		format: TOML,
		body:   "body",
		values: []want{
			{path: "title", key: "title", raw: "Héllo", text: "Héllo", style: Basic},
			{path: "ml", raw: "a\r\nb \\\r\n  c", text: "a\r\nb c", style: MultilineBasic, escapes: []string{"\\\r\n  "}},
			{path: "n", key: "n", raw: "1", text: "1", kind: Int},
		},
	},
	{
		name: "keys",
		src: "+++\nauthor.name = \"A\"\n\"quoted key\" = 1\nsite.\"a.b\" = 2\n'lit' = 3\n \"日本\" = 4\n" +
			"a . b = 5\n+++\n",
		format: TOML,
		values: []want{
			{path: "author/name", key: "author.name", raw: "A", text: "A", style: Basic},
			{path: "quoted key", key: `"quoted key"`, raw: "1", text: "1"},
			{path: "site/a.b", key: `site."a.b"`, raw: "2", text: "2"},
			{path: "lit", key: "'lit'", raw: "3", text: "3"},
			{path: "日本", key: `"日本"`, raw: "4", text: "4"},
			{path: "a/b", key: "a . b", raw: "5", text: "5"},
		},
	},
	{
		name: "tables",
		src: "+++\ntitle = \"t\"\n[params]\nx = 1\n[params.social]\ntw = \"@a\"\n[[menu.main]]\nname = \"Home\"\n" +
			"[[menu.main]]\nname = \"Blog\"\n[menu.main.sub]\ny = 2\n[[a]]\n[[a.b]]\nz = 1\n[[a.b]]\nz = 2\n[[a]]\n[[a.b]]\nz = 3\n" +
			"[ \"q t\" . u ]\nv = true\n+++\n",
		format: TOML,
		values: []want{
			{path: "title", raw: "t", text: "t", style: Basic},
			{path: "params/x", key: "x", raw: "1", text: "1"},
			{path: "params/social/tw", raw: "@a", text: "@a", style: Basic},
			{path: "menu/main/0/name", key: "name", raw: "Home", text: "Home", style: Basic},
			{path: "menu/main/1/name", raw: "Blog", text: "Blog", style: Basic},
			{path: "menu/main/1/sub/y", raw: "2", text: "2"},
			{path: "a/0/b/0/z", raw: "1", text: "1"},
			{path: "a/0/b/1/z", raw: "2", text: "2"},
			{path: "a/1/b/0/z", raw: "3", text: "3"},
			{path: "q t/u/v", key: "v", raw: "true", text: "true", kind: Bool},
		},
	},
	{
		name: "arrays and inline tables",
		src: "+++\ntags = [\"a\", 'b', [1, 2], { x = \"y\" }]\nauthor = { name = \"N\", links = [\"l1\"], sub.k = 1 }\n" +
			"multi = [\n  \"one\", # comment\n  \"two\",\n]\nempty = []\npeople = [{ n = 1 }, { n = 2 }]\n+++\n",
		format: TOML,
		values: []want{
			{path: "tags/0", key: `"a"`, raw: "a", text: "a", style: Basic},
			{path: "tags/1", key: "'b'", raw: "b", text: "b", style: LiteralString},
			{path: "tags/2/0", key: "1", raw: "1", text: "1"},
			{path: "tags/2/1", key: "2", raw: "2", text: "2"},
			{path: "tags/3/x", key: "x", raw: "y", text: "y", style: Basic},
			{path: "author/name", key: "name", raw: "N", text: "N", style: Basic},
			{path: "author/links/0", key: `"l1"`, raw: "l1", text: "l1", style: Basic},
			{path: "author/sub/k", key: "sub.k", raw: "1", text: "1"},
			{path: "multi/0", raw: "one", text: "one", style: Basic},
			{path: "multi/1", raw: "two", text: "two", style: Basic},
			{path: "people/0/n", key: "n", raw: "1", text: "1"},
			{path: "people/1/n", key: "n", raw: "2", text: "2"},
		},
	},
	{
		name: "kinds",
		src: "+++\ni = 1_000\nh = 0x1F\nneg = -17\nf = 3.14\ne = -1e3\ninf = inf\nnan = -nan\nb = true\n" +
			"ld = 1979-05-27\nlt = 07:32:00\nldt = 1979-05-27T07:32:00.999\nodt = 1979-05-27 07:32:00-07:00\n+++\n",
		format: TOML,
		values: []want{
			{path: "i", raw: "1_000", text: "1_000", kind: Int},
			{path: "h", raw: "0x1F", text: "0x1F", kind: Int},
			{path: "neg", raw: "-17", text: "-17", kind: Int},
			{path: "f", raw: "3.14", text: "3.14", kind: Float},
			{path: "e", raw: "-1e3", text: "-1e3", kind: Float},
			{path: "inf", raw: "inf", text: "inf", kind: Float},
			{path: "nan", raw: "-nan", text: "-nan", kind: Float},
			{path: "b", raw: "true", text: "true", kind: Bool},
			{path: "ld", raw: "1979-05-27", text: "1979-05-27", kind: Time},
			{path: "lt", raw: "07:32:00", text: "07:32:00", kind: Time},
			{path: "ldt", raw: "1979-05-27T07:32:00.999", text: "1979-05-27T07:32:00.999", kind: Time},
			{path: "odt", raw: "1979-05-27 07:32:00-07:00", text: "1979-05-27 07:32:00-07:00", kind: Time},
		},
	},
	{
		name:   "multi-byte and tabs",
		src:    "+++\n\ttitle\t=\t\"日本語 🎉\"\t# コメント\nemoji = '😀'\n+++\n",
		format: TOML,
		values: []want{
			{path: "title", key: "title", raw: "日本語 🎉", text: "日本語 🎉", style: Basic},
			{path: "emoji", raw: "😀", text: "😀", style: LiteralString},
		},
	},
}

func TestTOMLValues(t *testing.T) {
	runValueCases(t, tomlCases)
}

func TestTOMLData(t *testing.T) {
	b := Parse([]byte("+++\ndate = 2025-03-14T09:00:00Z\nld = 2025-03-14\n[[p]]\nn = 1\n[[p]]\nn = 2\n+++\n"))
	if b == nil || b.Err != nil {
		t.Fatalf("Parse: %+v", b)
	}
	if d, ok := b.Data["date"].(time.Time); !ok || d.Year() != 2025 {
		t.Errorf("date = %#v", b.Data["date"])
	}
	if _, ok := b.Data["ld"].(toml.LocalDate); !ok {
		t.Errorf("ld = %#v", b.Data["ld"])
	}
	if p, ok := b.Data["p"].([]any); !ok || len(p) != 2 || p[1].(map[string]any)["n"] != int64(2) {
		t.Errorf("p = %#v", b.Data["p"])
	}
}
