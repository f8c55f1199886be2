package frontmatter

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"go.yaml.in/yaml/v3"
)

// This file checks the ranges of a Block independently of the code that
// computed them: each raw value text is wrapped in a minimal document of
// the same format and style and decoded again with the real library; the
// result must equal Value.Text.

// reindent prefixes every line of raw after the first with prefix. It keeps
// the value of quoted and plain YAML scalars (leading white space of their
// continuation lines is not content).
func reindent(raw, prefix string) string {
	return strings.ReplaceAll(strings.ReplaceAll(raw, "\r\n", "\n"), "\n", "\n"+prefix)
}

// yamlScalar decodes the first value of a one-entry YAML mapping.
func yamlScalar(doc string) (string, error) {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(doc), &n); err != nil {
		return "", err
	}
	if len(n.Content) == 0 || len(n.Content[0].Content) < 2 {
		return "", fmt.Errorf("unexpected document %q", doc)
	}
	return n.Content[0].Content[1].Value, nil
}

// decodeRaw decodes the raw text of a value (src[v.Start:v.End]) again. ok is
// false for the styles it does not handle (YAML block scalars).
func decodeRaw(format Format, src []byte, v *Value) (text string, ok bool, err error) {
	raw := string(src[v.Start:v.End])
	switch format {
	case YAML:
		switch v.Style {
		case Plain:
			lines := strings.Split(strings.ReplaceAll(raw, "\r\n", "\n"), "\n")
			for i := range lines {
				lines[i] = "  " + strings.TrimLeft(lines[i], " \t")
			}
			s, err := yamlScalar("k:\n" + strings.Join(lines, "\n") + "\n")
			return s, true, err
		case DoubleQuoted:
			s, err := yamlScalar(`k: "` + reindent(raw, "  ") + "\"\n")
			return s, true, err
		case SingleQuoted:
			s, err := yamlScalar(`k: '` + reindent(raw, "  ") + "'\n")
			return s, true, err
		}
		return "", false, nil
	case TOML:
		var doc string
		switch v.Style {
		case Basic:
			doc = `k = "` + raw + `"`
		case LiteralString:
			doc = `k = '` + raw + `'`
		case MultilineBasic:
			doc = "k = \"\"\"\n" + raw + `"""`
		case MultilineLiteral:
			doc = "k = '''\n" + raw + `'''`
		default:
			return raw, true, nil
		}
		var m map[string]any
		if err := toml.Unmarshal([]byte(doc), &m); err != nil {
			return "", true, err
		}
		s, _ := m["k"].(string)
		return s, true, nil
	case JSON:
		if v.Style != DoubleQuoted {
			return raw, true, nil
		}
		var s string
		err := json.Unmarshal([]byte(`"`+raw+`"`), &s)
		return s, true, err
	}
	return "", false, nil
}

// decodeBlockScalar decodes the content lines of a YAML block scalar again
// with an explicit indentation indicator and keep chomping; it returns the
// text and the value's Text with leading and trailing line breaks trimmed.
func decodeBlockScalar(src []byte, v *Value) (got, want string, ok bool, err error) {
	ls := v.Start
	for ls > 0 && src[ls-1] != '\n' && src[ls-1] != '\r' {
		ls--
	}
	ind := v.Start - ls
	if ind < 1 || ind > 9 || v.Start == v.End {
		return "", "", false, nil
	}
	ind_ := "|"
	if v.Style == Folded {
		ind_ = ">"
	}
	doc := "k: " + ind_ + strconv.Itoa(ind) + "+\n" + string(src[ls:v.End]) + "\n"
	s, err := yamlScalar(doc)
	trim := func(s string) string { return strings.Trim(strings.ReplaceAll(s, "\r\n", "\n"), "\n") }
	return trim(s), trim(v.Text), true, err
}

// checkBlock checks the invariants of a block parsed from src: ranges in
// bounds and ordered, values inside the content, escapes inside values, and
// (when decode is true) raw texts that decode to the values' texts. It
// returns the number of values whose text was checked.
func checkBlock(t testing.TB, name string, src []byte, b *Block, decode bool) int {
	t.Helper()
	if b == nil {
		return 0
	}
	if !(0 <= b.Start && b.Start <= b.ContentStart && b.ContentStart <= b.ContentEnd &&
		b.ContentEnd <= b.End && b.End <= len(src) && b.BodyStart == b.End) {
		t.Fatalf("%s: bad block ranges %d %d %d %d %d (len %d)", name, b.Start, b.ContentStart, b.ContentEnd, b.End, b.BodyStart, len(src))
	}
	if b.Data == nil {
		t.Errorf("%s: nil Data", name)
	}
	if b.Err != nil {
		var e *Error
		if !errors.As(b.Err, &e) {
			t.Errorf("%s: Err is %T, not *Error", name, b.Err)
		}
	}
	checked := 0
	prev := b.ContentStart
	for i := range b.Values {
		v := &b.Values[i]
		if v.Start < b.ContentStart || v.Start > v.End || v.End > b.ContentEnd {
			t.Fatalf("%s: value %v range %d..%d outside content %d..%d", name, v.Path, v.Start, v.End, b.ContentStart, b.ContentEnd)
		}
		if v.Start < prev {
			t.Errorf("%s: value %v not in source order", name, v.Path)
		}
		prev = v.Start
		if (v.KeyStart < 0) != (v.KeyEnd < 0) || v.KeyStart > v.KeyEnd ||
			v.KeyStart >= 0 && (v.KeyStart < b.ContentStart || v.KeyEnd > b.ContentEnd) {
			t.Fatalf("%s: value %v bad key range %d..%d", name, v.Path, v.KeyStart, v.KeyEnd)
		}
		last := v.Start
		for _, e := range v.Escapes {
			if e[0] < last || e[1] > v.End || e[0] >= e[1] {
				t.Fatalf("%s: value %v escape %v outside %d..%d or overlapping", name, v.Path, e, v.Start, v.End)
			}
			last = e[1]
			if c := src[e[0]]; c != '\\' && !(v.Style == SingleQuoted && c == '\'') {
				t.Errorf("%s: value %v escape %q does not start with a backslash", name, v.Path, src[e[0]:e[1]])
			}
		}
		if !decode || b.Err != nil {
			continue
		}
		if b.Format == YAML && (v.Style == Literal || v.Style == Folded) {
			got, want, ok, err := decodeBlockScalar(src, v)
			if ok {
				checked++
				if err != nil || got != want {
					t.Errorf("%s: block value %v raw %q decodes to %q (%v), want %q", name, v.Path, src[v.Start:v.End], got, err, want)
				}
			}
			continue
		}
		got, ok, err := decodeRaw(b.Format, src, v)
		if !ok {
			continue
		}
		checked++
		if err != nil || got != v.Text {
			t.Errorf("%s: value %v raw %q decodes to %q (%v), want %q", name, v.Path, src[v.Start:v.End], got, err, v.Text)
		}
	}
	return checked
}
