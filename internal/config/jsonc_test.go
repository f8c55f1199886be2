package config

import (
	"fmt"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// dump renders a node tree compactly with positions: key@line:col=value.
func dump(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		var parts []string
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			parts = append(parts, fmt.Sprintf("%s@%d:%d=%s", k.Value, k.Line, k.Column, dump(n.Content[i+1])))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case yaml.SequenceNode:
		var parts []string
		for _, c := range n.Content {
			parts = append(parts, dump(c))
		}
		return "[" + strings.Join(parts, " ") + "]"
	}
	return n.Tag + ":" + n.Value
}

func TestJSONC(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{}`, `{}`},
		{"\ufeff{\"a\": 1}", `{a@1:2=!!int:1}`},
		{`{"a": true, "b": false, "c": null, "d": -1.5e3, "e": 0}`,
			`{a@1:2=!!bool:true b@1:13=!!bool:false c@1:25=!!null:null d@1:36=!!float:-1.5e3 e@1:49=!!int:0}`},
		{"{\n  // a comment\n  \"MD013\": {\"line_length\": 100,}, /* block\n comment */ \"x\": [1, 2,],\n}",
			`{MD013@3:3=={line_length@3:13=!!int:100} x@4:13=[!!int:1 !!int:2]}`},
		{`{"s": "a\"b\\c\u00e9\n/x", "k": "// not a comment"}`, "{s@1:2=!!str:a\"b\\cé\n/x k@1:28=!!str:// not a comment}"},
		{`{"é": {"ü": 1}}`, `{é@1:2={ü@1:8=!!int:1}}`},
	}
	for _, tt := range tests {
		n, err := parseJSONC([]byte(tt.in))
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		// The mapping value of MD013 renders with a leading "=" from the
		// format; compare without it.
		got := strings.ReplaceAll(dump(n), "==", "=")
		if want := strings.ReplaceAll(tt.want, "==", "="); got != want {
			t.Errorf("%q:\n got %s\nwant %s", tt.in, got, want)
		}
	}
}

func TestJSONCErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, `line 1:1: empty file: want a JSON object`},
		{`{"a": 1 "b": 2}`, `line 1:9: unexpected '"': want , or } (a comma missing after the value of "a"?)`},
		{"{\n  \"a\": tru\n}", `line 2:8: unexpected 't': want a value`},
		{`{"a": 1`, `line 1:1: unterminated object: no closing }`},
		{`{"a": "x`, `line 1:7: unterminated string`},
		{`{a: 1}`, `line 1:2: unexpected 'a': want a quoted key or }`},
		{`{"a": 01}`, `line 1:7: invalid number`},
		{`{"a": 1} x`, `line 1:10: unexpected 'x' after the end of the JSON value`},
		{`/* x`, `line 1:1: unterminated /* comment`},
		{`[1,`, `line 1:1: unterminated list: no closing ]`},
	}
	for _, tt := range tests {
		_, err := parseJSONC([]byte(tt.in))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%q: err = %v, want %s", tt.in, err, tt.want)
		}
	}
}

// The nodes decode like YAML ones: the driver decodes options with them.
func TestJSONCDecode(t *testing.T) {
	n, err := parseJSONC([]byte(`{"n": 80, "names": ["a", "b"], "on": true, "s": "x"}`))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		N     int      `yaml:"n"`
		Names []string `yaml:"names"`
		On    bool     `yaml:"on"`
		S     string   `yaml:"s"`
	}
	if err := n.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v.N != 80 || strings.Join(v.Names, ",") != "a,b" || !v.On || v.S != "x" {
		t.Errorf("decoded %+v", v)
	}
	var bad struct {
		N int `yaml:"s"`
	}
	if err := n.Decode(&bad); err == nil {
		t.Error("a string decoded into an int")
	}
}
