package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseJSONC parses JSON with comments (// and /* */) and trailing commas, the
// dialect markdownlint reads, into a yaml.Node tree. Every node carries its
// 1-based line and column (in characters), so that errors and the driver's
// option decoding work as they do for YAML. Keys keep their order.
func parseJSONC(data []byte) (*yaml.Node, error) {
	p := &jsoncParser{data: data}
	if bytes.HasPrefix(data, bom) {
		p.i = len(bom)
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.i == len(p.data) {
		return nil, p.errorf(p.i, "empty file: want a JSON object")
	}
	n, err := p.value()
	if err != nil {
		return nil, err
	}
	if err := p.space(); err != nil {
		return nil, err
	}
	if p.i < len(p.data) {
		return nil, p.errorf(p.i, "unexpected %s after the end of the JSON value", p.what(p.i))
	}
	return n, nil
}

// jsonError is a syntax error at a position.
type jsonError struct {
	Pos Pos
	Msg string
}

func (e *jsonError) Error() string {
	return fmt.Sprintf("line %d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
}

var bom = []byte("\ufeff")

type jsoncParser struct {
	data   []byte
	i      int
	starts []int // offsets of line starts, built on first use
}

func (p *jsoncParser) pos(off int) Pos {
	if p.starts == nil {
		p.starts = []int{0}
		for k, c := range p.data {
			if c == '\n' {
				p.starts = append(p.starts, k+1)
			}
		}
	}
	off = min(off, len(p.data))
	line := sort.Search(len(p.starts), func(i int) bool { return p.starts[i] > off })
	start := p.starts[line-1]
	if start == 0 && bytes.HasPrefix(p.data, bom) {
		start = min(len(bom), off) // a byte order mark is not a column
	}
	return Pos{Line: line, Col: utf8.RuneCount(p.data[start:off]) + 1}
}

func (p *jsoncParser) errorf(off int, format string, args ...any) error {
	return &jsonError{Pos: p.pos(off), Msg: fmt.Sprintf(format, args...)}
}

// what describes the byte at off for an error message.
func (p *jsoncParser) what(off int) string {
	if off >= len(p.data) {
		return "end of file"
	}
	r, _ := utf8.DecodeRune(p.data[off:])
	return fmt.Sprintf("%q", r)
}

// space skips white space and comments.
func (p *jsoncParser) space() error {
	for p.i < len(p.data) {
		switch c := p.data[p.i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			p.i++
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '/':
			for p.i < len(p.data) && p.data[p.i] != '\n' {
				p.i++
			}
		case c == '/' && p.i+1 < len(p.data) && p.data[p.i+1] == '*':
			start := p.i
			p.i += 2
			for {
				if p.i+1 >= len(p.data) {
					return p.errorf(start, "unterminated /* comment")
				}
				if p.data[p.i] == '*' && p.data[p.i+1] == '/' {
					p.i += 2
					break
				}
				p.i++
			}
		default:
			return nil
		}
	}
	return nil
}

func (p *jsoncParser) node(kind yaml.Kind, tag, value string, off int) *yaml.Node {
	pos := p.pos(off)
	return &yaml.Node{Kind: kind, Tag: tag, Value: value, Line: pos.Line, Column: pos.Col}
}

func (p *jsoncParser) value() (*yaml.Node, error) {
	if p.i >= len(p.data) {
		return nil, p.errorf(p.i, "unexpected end of file: want a value")
	}
	start := p.i
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		s, err := p.str()
		if err != nil {
			return nil, err
		}
		n := p.node(yaml.ScalarNode, "!!str", s, start)
		n.Style = yaml.DoubleQuotedStyle
		return n, nil
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	for _, lit := range []struct{ word, tag string }{{"true", "!!bool"}, {"false", "!!bool"}, {"null", "!!null"}} {
		if p.hasWord(lit.word) {
			p.i += len(lit.word)
			return p.node(yaml.ScalarNode, lit.tag, lit.word, start), nil
		}
	}
	return nil, p.errorf(p.i, "unexpected %s: want a value (object, list, string, number, true, false or null)", p.what(p.i))
}

func (p *jsoncParser) hasWord(w string) bool {
	end := p.i + len(w)
	if end > len(p.data) || string(p.data[p.i:end]) != w {
		return false
	}
	return end == len(p.data) || !isWordByte(p.data[end])
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func (p *jsoncParser) object() (*yaml.Node, error) {
	n := p.node(yaml.MappingNode, "!!map", "", p.i)
	n.Style = yaml.FlowStyle
	open := p.i
	p.i++ // {
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.i >= len(p.data) {
			return nil, p.errorf(open, "unterminated object: no closing }")
		}
		if p.data[p.i] == '}' {
			p.i++
			return n, nil
		}
		if p.data[p.i] != '"' {
			return nil, p.errorf(p.i, "unexpected %s: want a quoted key or }", p.what(p.i))
		}
		keyStart := p.i
		key, err := p.str()
		if err != nil {
			return nil, err
		}
		k := p.node(yaml.ScalarNode, "!!str", key, keyStart)
		k.Style = yaml.DoubleQuotedStyle
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return nil, p.errorf(p.i, "unexpected %s: want : after the key %q", p.what(p.i), key)
		}
		p.i++
		if err := p.space(); err != nil {
			return nil, err
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, k, v)
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.i < len(p.data) && p.data[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.data) && p.data[p.i] == '}' {
			continue
		}
		if p.i >= len(p.data) {
			return nil, p.errorf(open, "unterminated object: no closing }")
		}
		return nil, p.errorf(p.i, "unexpected %s: want , or } (a comma missing after the value of %q?)", p.what(p.i), key)
	}
}

func (p *jsoncParser) array() (*yaml.Node, error) {
	n := p.node(yaml.SequenceNode, "!!seq", "", p.i)
	n.Style = yaml.FlowStyle
	open := p.i
	p.i++ // [
	for {
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.i >= len(p.data) {
			return nil, p.errorf(open, "unterminated list: no closing ]")
		}
		if p.data[p.i] == ']' {
			p.i++
			return n, nil
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		n.Content = append(n.Content, v)
		if err := p.space(); err != nil {
			return nil, err
		}
		if p.i < len(p.data) && p.data[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.data) && p.data[p.i] == ']' {
			continue
		}
		if p.i >= len(p.data) {
			return nil, p.errorf(open, "unterminated list: no closing ]")
		}
		return nil, p.errorf(p.i, "unexpected %s: want , or ]", p.what(p.i))
	}
}

// str reads a JSON string at p.i and returns its decoded value.
func (p *jsoncParser) str() (string, error) {
	start := p.i
	p.i++ // "
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case '\\':
			p.i += 2
		case '"':
			p.i++
			var s string
			if err := json.Unmarshal(p.data[start:p.i], &s); err != nil {
				return "", p.errorf(start, "invalid string: %v", err)
			}
			return s, nil
		case '\n':
			return "", p.errorf(start, "unterminated string")
		default:
			p.i++
		}
	}
	return "", p.errorf(start, "unterminated string")
}

func (p *jsoncParser) number() (*yaml.Node, error) {
	start := p.i
	digits := func() int {
		s := p.i
		for p.i < len(p.data) && p.data[p.i] >= '0' && p.data[p.i] <= '9' {
			p.i++
		}
		return p.i - s
	}
	if p.data[p.i] == '-' {
		p.i++
	}
	first := p.i
	if n := digits(); n == 0 || n > 1 && p.data[first] == '0' {
		return nil, p.errorf(start, "invalid number")
	}
	tag := "!!int"
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		tag = "!!float"
		if digits() == 0 {
			return nil, p.errorf(start, "invalid number")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		tag = "!!float"
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.errorf(start, "invalid number")
		}
	}
	if p.i < len(p.data) && isWordByte(p.data[p.i]) {
		return nil, p.errorf(start, "invalid number")
	}
	return p.node(yaml.ScalarNode, tag, string(p.data[start:p.i]), start), nil
}
