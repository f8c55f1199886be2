package frontmatter

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// Property tests: random documents, written by yaml.v3's encoder (which
// wraps long scalars over several lines, in every style) or by a small TOML
// writer (every string style, escapes, line-ending backslashes), must give
// values whose raw text decodes back to their Text.

// generatedDocs is the number of random documents of a property test.
func generatedDocs(t *testing.T) int {
	if testing.Short() {
		return 200
	}
	return 3000
}

var words = []string{"a", "word", "é", "日本語", "😀", "x: y", "#", "a #b", "'", "\"", "\\", "-", "?", ":", "[", "]", "{", "}", ",", "&a", "*b", "!t", "|", ">", "%", "@", "`", "\t", "  ", "null", "true", "1.5", "0x1F", "2024-01-01", "~", "\n", "\n\n", " \n", "\r\n", "long-word-without-spaces-to-force-wrapping-somewhere"}

func randText(r *rand.Rand) string {
	n := r.Intn(30)
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 && r.Intn(3) > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.Intn(len(words))])
	}
	return b.String()
}

var styles = []yaml.Style{0, yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle}

func randNode(r *rand.Rand, depth int, flow bool) *yaml.Node {
	k := r.Intn(5)
	if depth > 3 {
		k = 0
	}
	switch k {
	case 1:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		if flow || r.Intn(4) == 0 {
			n.Style = yaml.FlowStyle
			flow = true
		}
		for i := r.Intn(4); i >= 0; i-- {
			key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: strings.ReplaceAll(randText(r), "\n", " ") + string(rune('a'+i))}
			if r.Intn(3) == 0 {
				key.Style = yaml.DoubleQuotedStyle
			}
			n.Content = append(n.Content, key, randNode(r, depth+1, flow))
		}
		return n
	case 2:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		if flow || r.Intn(3) == 0 {
			n.Style = yaml.FlowStyle
			flow = true
		}
		for i := r.Intn(4); i >= 0; i-- {
			n.Content = append(n.Content, randNode(r, depth+1, flow))
		}
		return n
	}
	s := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: randText(r)}
	st := styles[r.Intn(len(styles))]
	if flow && (st == yaml.LiteralStyle || st == yaml.FoldedStyle) {
		st = 0
	}
	s.Style = st
	return s
}

func TestGeneratedYAML(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	checked := 0
	for i := 0; i < generatedDocs(t); i++ {
		root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for j := r.Intn(6); j >= 0; j-- {
			root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: "k" + string(rune('a'+j))}, randNode(r, 0, false))
		}
		out, err := yaml.Marshal(root)
		if err != nil {
			continue
		}
		src := []byte("---\n" + string(out) + "---\n")
		if r.Intn(2) == 0 {
			src = []byte(strings.ReplaceAll(string(src), "\n", "\r\n"))
		}
		b := Parse(src)
		if b == nil {
			t.Fatalf("nil for %q", src)
		}
		if b.Err != nil {
			continue
		}
		before := t.Failed()
		checked += checkBlock(t, "gen", src, b, true)
		if !before && t.Failed() {
			t.Logf("source:\n%s", src)
			return
		}
	}
	t.Logf("checked %d values", checked)
}

func tomlBasic(s string, multiline bool, r *rand.Rand) string {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c == '"' && (!multiline || r.Intn(2) == 0):
			b.WriteString(`\"`)
		case c == '"':
			b.WriteString(`\u0022`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n' && multiline && r.Intn(3) > 0:
			if r.Intn(3) == 0 {
				b.WriteString("\\  \n   \n  ")
			} else {
				b.WriteString("\n")
			}
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\r':
			b.WriteString(`\r`)
		case c == '\t' && r.Intn(2) == 0:
			b.WriteString(`\t`)
		case c == 'é' && r.Intn(2) == 0:
			b.WriteString(`\u00E9`)
		case c == '😀' && r.Intn(2) == 0:
			b.WriteString(`\U0001F600`)
		default:
			b.WriteRune(c)
		}
	}
	return b.String()
}

func TestGeneratedTOML(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	checked := 0
	for i := 0; i < generatedDocs(t); i++ {
		var doc strings.Builder
		for j := 0; j < 1+r.Intn(6); j++ {
			s := randText(r)
			key := fmt.Sprintf("k%d", j)
			if r.Intn(4) == 0 {
				key = fmt.Sprintf("t%d.\"q %d\"", i, j)
			}
			switch r.Intn(5) {
			case 0:
				fmt.Fprintf(&doc, "%s = \"%s\"\n", key, tomlBasic(s, false, r))
			case 1:
				if strings.ContainsAny(s, "'\n\r") {
					fmt.Fprintf(&doc, "%s = \"%s\"\n", key, tomlBasic(s, false, r))
				} else {
					fmt.Fprintf(&doc, "%s = '%s'\n", key, s)
				}
			case 2:
				fmt.Fprintf(&doc, "%s = \"\"\"%s%s\"\"\"\n", key, []string{"", "\n", "\r\n"}[r.Intn(3)], tomlBasic(s, true, r))
			case 3:
				if strings.Contains(s, "'''") || strings.Contains(s, "\r") || strings.HasSuffix(s, "'") {
					fmt.Fprintf(&doc, "%s = \"%s\"\n", key, tomlBasic(s, false, r))
				} else {
					fmt.Fprintf(&doc, "%s = '''%s%s'''\n", key, []string{"", "\n"}[r.Intn(2)], s)
				}
			case 4:
				fmt.Fprintf(&doc, "%s = [\"%s\", { a = '%s' }, 1]\n", key, tomlBasic(s, false, r), strings.NewReplacer("'", "", "\n", "", "\r", "").Replace(s))
			}
		}
		src := []byte("+++\n" + doc.String() + "+++\n")
		b := Parse(src)
		if b == nil {
			t.Fatalf("nil for %q", src)
		}
		if b.Err != nil {
			t.Fatalf("error %v in\n%s", b.Err, src)
		}
		before := t.Failed()
		checked += checkBlock(t, "gen", src, b, true)
		if !before && t.Failed() {
			t.Logf("source:\n%s", src)
			return
		}
	}
	t.Logf("checked %d values", checked)
}
