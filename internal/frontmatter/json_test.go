package frontmatter

import "testing"

var jsonCases = []valueCase{
	{
		name: "hugo post",
		src: "{\n  \"title\": \"CafÃ© notes\",\n  \"tags\": [\"a\", \"b\"],\n  \"draft\": false,\n  \"weight\": 10,\n" +
			"  \"ratio\": -1.5e2,\n  \"params\": {\"x\": null, \"list\": [{\"k\": \"v\"}, []]}\n}\n\nBody\n",
		format: JSON,
		body:   "\nBody\n",
		values: []want{
			{path: "title", key: `"title"`, raw: "CafÃ© notes", text: "CafÃ© notes", kind: String, style: DoubleQuoted},
			{path: "tags/0", key: `"a"`, raw: "a", text: "a", style: DoubleQuoted},
			{path: "tags/1", key: `"b"`, raw: "b", text: "b", style: DoubleQuoted},
			{path: "draft", key: `"draft"`, raw: "false", text: "false", kind: Bool},
			{path: "weight", raw: "10", text: "10", kind: Int},
			{path: "ratio", raw: "-1.5e2", text: "-1.5e2", kind: Float},
			{path: "params/x", key: `"x"`, raw: "null", text: "null", kind: Null},
			{path: "params/list/0/k", key: `"k"`, raw: "v", text: "v", style: DoubleQuoted},
		},
	},
	{
		name:   "escapes and multi-byte",
		src:    "\ufeff{\"t\\u00edtulo\": \"a\\\"b\\u00e9\\\\\\n日本 🎉\", \"😀\" : \"\\ud83d\\ude00\"}\r\nbody",
		format: JSON,
		body:   "body",
		values: []want{
			{path: "título", key: `"t\u00edtulo"`, raw: `a\"b\u00e9\\\n日本 🎉`, text: "a\"bé\\\n日本 🎉", style: DoubleQuoted,
				escapes: []string{`\"`, `\u00e9`, `\\`, `\n`}},
			{path: "😀", key: `"😀"`, raw: `\ud83d\ude00`, text: "😀", style: DoubleQuoted, escapes: []string{`\ud83d`, `\ude00`}},
		},
	},
	{
		name:   "single line",
		src:    "{\"a\":1,\"b\":[true,\"x\"]}   \nbody",
		format: JSON,
		body:   "body",
		values: []want{
			{path: "a", key: `"a"`, raw: "1", text: "1", kind: Int},
			{path: "b/0", key: "true", raw: "true", text: "true", kind: Bool},
			{path: "b/1", key: `"x"`, raw: "x", text: "x", style: DoubleQuoted},
		},
	},
}

func TestJSONValues(t *testing.T) {
	runValueCases(t, jsonCases)
}
