package frontmatter

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
)

// parseJSON parses JSON front matter whose opening brace is at off. It
// returns nil when the brace does not start an object ('{' not followed by
// optional whitespace and '"' or '}').
//
// The object is delimited by matching braces (outside strings), then decoded
// once with a json.Decoder: Token gives the values, InputOffset their
// ranges. Data is built from the same tokens; numbers are float64, as
// json.Unmarshal gives them when decoding into an interface.
func parseJSON(src []byte, off int) *Block {
	i := off + 1
	for i < len(src) && isJSONSpace(src[i]) {
		i++
	}
	if i >= len(src) || src[i] != '"' && src[i] != '}' {
		return nil
	}
	b := &Block{Format: JSON, Start: off, ContentStart: off, Data: map[string]any{}}
	end := matchBrace(src, off)
	if end < 0 {
		b.ContentEnd, b.End, b.BodyStart = len(src), len(src), len(src)
		b.Err = errorAt(src, off, "JSON front matter object is not closed")
		return b
	}
	b.ContentEnd = end

	// The object must be followed by the end of its line.
	j := end
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	switch {
	case j == len(src):
		b.End = j
	case src[j] == '\n':
		b.End = j + 1
	case src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n':
		b.End = j + 2
	default:
		b.Err = errorAt(src, j, "unexpected text after JSON front matter")
		if nl := bytes.IndexByte(src[j:], '\n'); nl >= 0 {
			b.End = j + nl + 1
		} else {
			b.End = len(src)
		}
	}
	b.BodyStart = b.End

	obj := src[off:end:end]
	dec := json.NewDecoder(bytes.NewReader(obj))
	dec.UseNumber()
	w := jsonWalker{dec: dec, src: src, obj: obj, base: off}
	data, err := w.value(-1, -1)
	if m, ok := data.(map[string]any); ok {
		b.Data = m
	}
	if err != nil {
		b.Err = w.error(err)
	}
	b.Values = w.values
	return b
}

func isJSONSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// matchBrace returns the offset after the brace closing the object that
// starts at off, or -1. Brackets count as braces; strings are skipped.
func matchBrace(src []byte, off int) int {
	depth := 0
	for i := off; i < len(src); i++ {
		switch src[i] {
		case '"':
			for i++; i < len(src) && src[i] != '"'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

// jsonWalker decodes a JSON object token by token.
type jsonWalker struct {
	dec    *json.Decoder
	src    []byte
	obj    []byte // the object, src[base:]
	base   int
	path   []string
	values []Value
}

// errAt is an error at a byte offset of the object.
type errAt struct {
	off int
	msg string
}

func (e *errAt) Error() string { return e.msg }

// error converts a decoding error into an *Error positioned in the source.
// The offsets of the syntax errors of a json.Decoder are imprecise (some
// point at the start of the value being read), so on a syntax error the
// object is checked again with json.Unmarshal, whose offsets are exact.
func (w *jsonWalker) error(err error) *Error {
	off := int(w.dec.InputOffset())
	msg := err.Error()
	var serr *json.SyntaxError
	var aerr *errAt
	switch {
	case errors.As(err, &aerr):
		off = aerr.off
	case errors.As(err, &serr):
		off = int(serr.Offset)
		var v any
		if errors.As(json.Unmarshal(w.obj, &v), &serr) {
			off, msg = int(serr.Offset)-1, serr.Error()
		}
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		off, msg = len(w.obj), "unexpected end of JSON input"
	}
	return errorAt(w.src, w.base+min(max(off, 0), len(w.obj)), strings.TrimPrefix(msg, "json: "))
}

// next reads a token and returns it with its range in the object.
func (w *jsonWalker) next() (tok json.Token, start, end int, err error) {
	start = int(w.dec.InputOffset())
	tok, err = w.dec.Token()
	if err != nil {
		return nil, 0, 0, err
	}
	for start < len(w.obj) && (isJSONSpace(w.obj[start]) || w.obj[start] == ',' || w.obj[start] == ':') {
		start++
	}
	return tok, start, int(w.dec.InputOffset()), nil
}

// value decodes the next value. keyStart and keyEnd are the absolute range
// of its key; -1 for the item of an array, whose key range is the value.
func (w *jsonWalker) value(keyStart, keyEnd int) (any, error) {
	tok, start, end, err := w.next()
	if err != nil {
		return nil, err
	}
	if keyStart < 0 {
		keyStart, keyEnd = w.base+start, w.base+end
	}
	v := Value{
		KeyStart: keyStart,
		KeyEnd:   keyEnd,
		Start:    w.base + start,
		End:      w.base + end,
		Style:    Plain,
	}
	var data any
	switch t := tok.(type) {
	case json.Delim:
		if t == '{' {
			return w.object()
		}
		if t == '[' {
			return w.array()
		}
		return nil, &errAt{start, "unexpected " + string(t)}
	case string:
		v.Kind, v.Style, v.Text = String, DoubleQuoted, t
		v.Start, v.End = v.Start+1, v.End-1
		v.Escapes = jsonEscapes(w.src, v.Start, v.End)
		data = t
	case json.Number:
		v.Kind, v.Text = Int, string(t)
		if strings.ContainsAny(v.Text, ".eE") {
			v.Kind = Float
		}
		f, err := strconv.ParseFloat(v.Text, 64)
		if err != nil {
			return nil, &errAt{start, "cannot decode number " + v.Text + " into a float64"}
		}
		data = f
	case bool:
		v.Kind, v.Text = Bool, strconv.FormatBool(t)
		data = t
	case nil:
		v.Kind, v.Text = Null, "null"
	}
	v.Path = slicesClone(w.path)
	w.values = append(w.values, v)
	return data, nil
}

// object decodes the members of an object after its opening brace.
func (w *jsonWalker) object() (any, error) {
	m := map[string]any{}
	for w.dec.More() {
		tok, start, end, err := w.next()
		if err != nil {
			return m, err
		}
		key, ok := tok.(string)
		if !ok {
			return m, &errAt{start, "object key is not a string"}
		}
		w.path = append(w.path, key)
		v, err := w.value(w.base+start, w.base+end)
		w.path = w.path[:len(w.path)-1]
		if err != nil {
			return m, err
		}
		m[key] = v
	}
	_, _, _, err := w.next() // '}'
	return m, err
}

// array decodes the items of an array after its opening bracket.
func (w *jsonWalker) array() (any, error) {
	a := []any{}
	for i := 0; w.dec.More(); i++ {
		w.path = append(w.path, strconv.Itoa(i))
		v, err := w.value(-1, -1)
		w.path = w.path[:len(w.path)-1]
		if err != nil {
			return a, err
		}
		a = append(a, v)
	}
	_, _, _, err := w.next() // ']'
	return a, err
}

// jsonEscapes returns the escape sequences of the string src[s:e].
func jsonEscapes(src []byte, s, e int) [][2]int {
	var escapes [][2]int
	for i := s; i < e; i++ {
		if src[i] == '\\' {
			n := 2
			if i+1 < e && src[i+1] == 'u' {
				n = 6
			}
			n = min(n, e-i)
			escapes = appendEscape(escapes, i, i+n)
			i += n - 1
		}
	}
	return escapes
}
