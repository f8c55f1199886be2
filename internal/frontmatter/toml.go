package frontmatter

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// parseTOML parses the content of b as TOML: Data with toml.Unmarshal, the
// ranges with the expression parser of go-toml's unstable package.
func parseTOML(b *Block, src []byte) {
	defer recoverInto(b, src)
	buf := src[b.ContentStart:b.ContentEnd:b.ContentEnd]

	data := map[string]any{}
	if err := toml.Unmarshal(buf, &data); err != nil {
		b.Err = tomlError(src, b.ContentStart, buf, err)
	}
	b.Data = data

	w := tomlWalker{src: src, base: b.ContentStart}
	var p unstable.Parser
	p.Reset(buf)
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.KeyValue:
			w.keyValue(e, w.table)
		case unstable.Table:
			w.table = w.header(e, false)
		case unstable.ArrayTable:
			w.table = w.header(e, true)
		}
	}
	if err := p.Error(); err != nil && b.Err == nil {
		b.Err = tomlError(src, b.ContentStart, buf, err)
	}
	b.Values = w.values
}

// tomlError converts an error of go-toml into an *Error positioned in src.
func tomlError(src []byte, base int, buf []byte, err error) *Error {
	var derr *toml.DecodeError
	if errors.As(err, &derr) {
		row, col := derr.Position() // 1-based, column in bytes
		off := lineStartIn(buf, row) + max(col-1, 0)
		return errorAt(src, base+min(off, len(buf)), strings.TrimPrefix(derr.Error(), "toml: "))
	}
	var perr *unstable.ParserError
	if errors.As(err, &perr) {
		off := cap(buf) - cap(perr.Highlight)
		if off >= 0 && off <= len(buf) {
			return errorAt(src, base+off, perr.Message)
		}
	}
	return errorAtLine(src, base, strings.TrimPrefix(err.Error(), "toml: "))
}

// tomlWalker collects the values of TOML expressions.
type tomlWalker struct {
	src    []byte
	base   int      // offset of the parsed content in src
	table  []string // path of the current [table], with array indices
	arrays map[string]int
	values []Value
}

// rng returns the absolute range of a node.
func (w *tomlWalker) rng(n *unstable.Node) (start, end int) {
	start = w.base + int(n.Raw.Offset)
	return start, start + int(n.Raw.Length)
}

// header returns the path of a [table] or [[array table]] header. Each
// [[array table]] header adds an element to its array, whose index is part
// of the path of the keys below it.
func (w *tomlWalker) header(e *unstable.Node, array bool) []string {
	var keys []string
	it := e.Key()
	for it.Next() {
		keys = append(keys, string(it.Node().Data))
	}
	if w.arrays == nil {
		w.arrays = map[string]int{}
	}
	path := make([]string, 0, len(keys)+2)
	for i, k := range keys {
		path = append(path, k)
		id := strings.Join(path, "\x00")
		n, ok := w.arrays[id]
		if array && i == len(keys)-1 {
			n++
			w.arrays[id] = n
			ok = true
		}
		if ok {
			path = append(path, strconv.Itoa(n-1))
		}
	}
	return path
}

// keyValue collects the value of a key-value expression whose path is
// prefixed by prefix.
func (w *tomlWalker) keyValue(e *unstable.Node, prefix []string) {
	path := slicesClone(prefix)
	keyStart, keyEnd := -1, -1
	it := e.Key()
	for it.Next() {
		k := it.Node()
		path = append(path, string(k.Data))
		s, end := w.rng(k)
		if keyStart < 0 {
			keyStart = s
		}
		keyEnd = end
	}
	w.value(e.Value(), path, keyStart, keyEnd)
}

// value collects the scalars of the value node n.
func (w *tomlWalker) value(n *unstable.Node, path []string, keyStart, keyEnd int) {
	switch n.Kind {
	case unstable.Array:
		it := n.Children()
		for i := 0; it.Next(); {
			c := it.Node()
			if c.Kind == unstable.Comment {
				continue
			}
			s, e := -1, -1
			if c.Kind != unstable.Array && c.Kind != unstable.InlineTable {
				s, e = w.rng(c)
			}
			w.value(c, append(path[:len(path):len(path)], strconv.Itoa(i)), s, e)
			i++
		}
	case unstable.InlineTable:
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				w.keyValue(c, path)
			}
		}
	case unstable.String:
		w.str(n, path, keyStart, keyEnd)
	case unstable.Bool, unstable.Integer, unstable.Float,
		unstable.LocalDate, unstable.LocalTime, unstable.LocalDateTime, unstable.DateTime:
		start, end := w.rng(n)
		w.values = append(w.values, Value{
			Path:     slicesClone(path),
			KeyStart: keyStart,
			KeyEnd:   keyEnd,
			Start:    start,
			End:      end,
			Kind:     tomlKind(n.Kind),
			Style:    Plain,
			Text:     string(w.src[start:end]),
		})
	}
}

func tomlKind(k unstable.Kind) Kind {
	switch k {
	case unstable.Bool:
		return Bool
	case unstable.Integer:
		return Int
	case unstable.Float:
		return Float
	case unstable.String:
		return String
	}
	return Time
}

// str collects a string value: its range is inside the quotes.
func (w *tomlWalker) str(n *unstable.Node, path []string, keyStart, keyEnd int) {
	start, end := w.rng(n)
	raw := w.src[start:end]
	var style Style
	q := 1
	switch {
	case strings.HasPrefix(string(raw), `"""`):
		style, q = MultilineBasic, 3
	case strings.HasPrefix(string(raw), `'''`):
		style, q = MultilineLiteral, 3
	case strings.HasPrefix(string(raw), `"`):
		style = Basic
	default:
		style = LiteralString
	}
	if len(raw) < 2*q {
		q = len(raw) / 2 // cannot happen with a valid string
	}
	s, e := start+q, end-q
	if q == 3 {
		// The line break after the opening delimiter is not content.
		if s < e && w.src[s] == '\n' {
			s++
		} else if s+1 < e && w.src[s] == '\r' && w.src[s+1] == '\n' {
			s += 2
		}
	}
	v := Value{
		Path:     slicesClone(path),
		KeyStart: keyStart,
		KeyEnd:   keyEnd,
		Start:    s,
		End:      e,
		Kind:     String,
		Style:    style,
		Text:     string(n.Data),
	}
	if style == Basic || style == MultilineBasic {
		v.Escapes = tomlEscapes(w.src, s, e, style == MultilineBasic)
	}
	w.values = append(w.values, v)
}

// tomlEscapes returns the escape sequences of a basic string in src[s:e].
// In a multi-line string, a line-ending backslash covers all the whitespace
// and line breaks it removes.
func tomlEscapes(src []byte, s, e int, multiline bool) [][2]int {
	var escapes [][2]int
	for i := s; i < e; i++ {
		if src[i] != '\\' {
			continue
		}
		n := 2
		if i+1 < e {
			switch src[i+1] {
			case 'x':
				n = 4
			case 'u':
				n = 6
			case 'U':
				n = 10
			case ' ', '\t', '\r', '\n':
				if multiline {
					j := i + 1
					for j < e && (src[j] == ' ' || src[j] == '\t' || src[j] == '\r' || src[j] == '\n') {
						j++
					}
					n = j - i
				}
			}
		}
		n = min(n, e-i)
		escapes = appendEscape(escapes, i, i+n)
		i += n - 1
	}
	return escapes
}
