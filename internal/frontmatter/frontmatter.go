// Package frontmatter detects and parses the front matter of a Markdown post
// (Jekyll, Hugo) and reports the exact byte range, in the original source,
// of every key and every scalar value.
//
// Three formats are recognised at the very start of a document, optionally
// preceded by a UTF-8 byte order mark:
//
//   - YAML between two "---" lines (the closing line may also be "..."),
//     parsed with go.yaml.in/yaml/v3;
//   - TOML between two "+++" lines, parsed with github.com/pelletier/go-toml/v2;
//   - a JSON object whose opening brace is the first byte (Hugo), parsed with
//     encoding/json.
//
// The decoded data comes from those libraries; the byte ranges come from
// their position information, refined by scanning the source according to
// the syntax of each scalar, so that a rule can report a position or rewrite
// the text inside a value while keeping its quoting and layout byte for byte.
//
// Parse is safe for concurrent use; it parses the front matter once with
// each library it needs and scans the source linearly.
package frontmatter

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Format is the syntax of a front matter block.
type Format string

// The supported front matter formats.
const (
	YAML Format = "yaml"
	TOML Format = "toml"
	JSON Format = "json"
)

// Block is the front matter of a document. All offsets are byte offsets into
// the source passed to Parse.
type Block struct {
	Format Format

	// Start and End delimit the whole block, including the delimiter lines
	// and the line end of the closing delimiter. Start is 3 when the source
	// begins with a byte order mark, 0 otherwise.
	Start, End int

	// BodyStart is where the Markdown body starts (equal to End).
	BodyStart int

	// ContentStart and ContentEnd delimit the text between the delimiter
	// lines (including the line end of the last content line). For JSON
	// they delimit the object itself, braces included.
	ContentStart, ContentEnd int

	// Data is the front matter decoded with the format's library. Nested
	// maps are map[string]any and sequences []any. It is never nil, but may
	// be empty or partial when Err is set. YAML and TOML values have the
	// types their library gives them (YAML: int, float64, bool, string,
	// time.Time, nil; TOML: int64, float64, bool, string, time.Time and the
	// toml.Local* types); JSON numbers are float64, as json.Unmarshal gives
	// them when decoding into an interface.
	Data map[string]any

	// Values holds every scalar value in source order, including those
	// inside sequences and nested maps. YAML aliases are skipped.
	Values []Value

	// Err is the syntax (or decoding) error of the front matter, a *Error.
	// Data and Values may then be partial or empty. A YAML error has no
	// column (yaml.v3 reports lines only). Duplicate YAML keys are an
	// error, but Data then holds the last value of each key, as Jekyll and
	// Hugo do, and Values all of them. A YAML document that is not a
	// mapping is an error too.
	Err error
}

// Kind is the type of a scalar value.
type Kind int

// The kinds of scalar values.
const (
	String Kind = iota + 1
	Int
	Float
	Bool
	Time // a date, a time or a date-time
	Null
)

var kindNames = [...]string{"invalid", "string", "int", "float", "bool", "time", "null"}

// String returns the lowercase name of the kind.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "Kind(" + strconv.Itoa(int(k)) + ")"
	}
	return kindNames[k]
}

// Style is the way a scalar is written in the source.
type Style int

// The scalar styles. Plain is used for every unquoted scalar, including
// TOML and JSON numbers, booleans, dates and null.
const (
	Plain        Style = iota
	SingleQuoted       // YAML 'text' ('' is an escape)
	DoubleQuoted       // YAML "text" and JSON strings
	Literal            // YAML | block scalar
	Folded             // YAML > block scalar
	Basic              // TOML "text"
	// LiteralString is a TOML 'text' literal string. (Literal is the YAML
	// block scalar.)
	LiteralString
	MultilineBasic   // TOML """text"""
	MultilineLiteral // TOML '''text'''
)

var styleNames = [...]string{"plain", "single-quoted", "double-quoted", "literal", "folded",
	"basic", "literal-string", "multiline-basic", "multiline-literal"}

// String returns a lowercase name of the style.
func (s Style) String() string {
	if s < 0 || int(s) >= len(styleNames) {
		return "Style(" + strconv.Itoa(int(s)) + ")"
	}
	return styleNames[s]
}

// Value is a scalar value of the front matter and its position in the source.
type Value struct {
	// Path is the key path of the value: ["title"], ["author", "name"],
	// ["tags", "0"] for sequence items. TOML array-of-tables entries have
	// their index in the path: [[posts]] gives ["posts", "0", "title"].
	Path []string

	// KeyStart and KeyEnd delimit the key as written, quotes included; for
	// a dotted TOML key, the whole dotted key. For sequence items they
	// delimit the dash of a YAML block sequence, or otherwise the item's
	// scalar itself (quotes included). They are -1 when there is no key
	// (e.g. a complex YAML key).
	KeyStart, KeyEnd int

	// Start and End delimit the raw scalar text in the source:
	//   - quoted scalars: the text inside the quotes, so that an edit there
	//     keeps the quotes; for TOML multi-line strings the text inside the
	//     triple quotes, after the line break that directly follows the
	//     opening delimiter (which is not part of the value);
	//   - YAML block scalars (| and >): the content lines, from the first
	//     content character of the first non-empty line (after the
	//     indentation) to the end of the last non-empty line (before its
	//     line break);
	//   - plain scalars: the text without trailing spaces or comment; a
	//     multi-line plain scalar spans all its lines;
	//   - empty YAML values (key: with nothing after it): an empty range
	//     just after the colon, dash or last tag/anchor.
	Start, End int

	Kind  Kind
	Style Style

	// Text is the decoded value for strings; for other scalars it is the
	// scalar's text as written (e.g. "2024-01-01 15:09:00", "1_000", "~").
	Text string

	// Escapes are the absolute byte ranges inside [Start, End) of escape
	// sequences (\" \u00e9, a TOML line-ending backslash with the
	// whitespace it removes, '' in single-quoted YAML). A fix must not cut
	// through them.
	Escapes [][2]int
}

// Key returns the last element of the value's path, or "" for none.
func (v *Value) Key() string {
	if len(v.Path) == 0 {
		return ""
	}
	return v.Path[len(v.Path)-1]
}

// CanEdit reports whether the byte range [start, end) lies within the value's
// raw text and overlaps none of its escape sequences, so that it can be
// replaced without changing the value's syntax. An empty range touching an
// escape's boundary is allowed.
func (v *Value) CanEdit(start, end int) bool {
	if start < v.Start || end > v.End || start > end {
		return false
	}
	for _, e := range v.Escapes {
		if start < e[1] && end > e[0] {
			return false
		}
	}
	return true
}

// Lookup returns the first value whose path equals path, or nil.
func (b *Block) Lookup(path ...string) *Value {
	for i := range b.Values {
		if slices.Equal(b.Values[i].Path, path) {
			return &b.Values[i]
		}
	}
	return nil
}

// Error is a syntax or decoding error in front matter.
type Error struct {
	Line   int // 1-based line within the source (not within the block)
	Column int // 1-based column in characters; 0 when unknown
	Msg    string
}

// Error formats the error as "line L, column C: message".
func (e *Error) Error() string {
	if e.Column > 0 {
		return "front matter: line " + strconv.Itoa(e.Line) + ", column " + strconv.Itoa(e.Column) + ": " + e.Msg
	}
	return "front matter: line " + strconv.Itoa(e.Line) + ": " + e.Msg
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// Parse detects and parses front matter at the start of src. It returns nil
// when there is none: no opening delimiter, or an opening "---" or "+++" line
// that is never closed (e.g. a thematic break). A document whose first
// non-BOM byte is '{' holds JSON front matter when the brace is followed,
// after optional whitespace, by '"' or '}'; this keeps Liquid tags and
// shortcodes ("{% ... %}", "{{ ... }}") out.
//
// Parse never panics; syntax errors are reported in Block.Err.
func Parse(src []byte) *Block {
	off := 0
	if bytes.HasPrefix(src, bom) {
		off = len(bom)
	}
	if off >= len(src) {
		return nil
	}
	switch src[off] {
	case '-':
		return parseDelimited(src, off, YAML)
	case '+':
		return parseDelimited(src, off, TOML)
	case '{':
		return parseJSON(src, off)
	}
	return nil
}

// delimiterLine reports whether the line starting at i is marker, optionally
// followed by spaces or tabs, and returns the offset after its line end
// (LF, CRLF or end of input).
func delimiterLine(src []byte, i int, marker string) (next int, ok bool) {
	if len(src)-i < len(marker) || string(src[i:i+len(marker)]) != marker {
		return 0, false
	}
	j := i + len(marker)
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	switch {
	case j == len(src):
		return j, true
	case src[j] == '\n':
		return j + 1, true
	case src[j] == '\r' && j+1 < len(src) && src[j+1] == '\n':
		return j + 2, true
	}
	return 0, false
}

// parseDelimited parses YAML or TOML front matter whose opening delimiter
// starts at off.
func parseDelimited(src []byte, off int, format Format) *Block {
	open, alt := "---", "..."
	if format == TOML {
		open, alt = "+++", "+++"
	}
	contentStart, ok := delimiterLine(src, off, open)
	if !ok || contentStart == len(src) {
		return nil
	}
	// Find the closing delimiter line.
	for ls := contentStart; ls < len(src); {
		c := src[ls]
		if c == open[0] || c == alt[0] {
			end, ok := delimiterLine(src, ls, open)
			if !ok && alt != open {
				end, ok = delimiterLine(src, ls, alt)
			}
			if ok {
				b := &Block{
					Format:       format,
					Start:        off,
					End:          end,
					BodyStart:    end,
					ContentStart: contentStart,
					ContentEnd:   ls,
				}
				if format == YAML {
					parseYAML(b, src)
				} else {
					parseTOML(b, src)
				}
				if b.Data == nil {
					b.Data = map[string]any{}
				}
				finish(b)
				return b
			}
		}
		nl := bytes.IndexByte(src[ls:], '\n')
		if nl < 0 {
			break
		}
		ls += nl + 1
	}
	return nil
}

// finish makes sure the values are in source order.
func finish(b *Block) {
	sorted := slices.IsSortedFunc(b.Values, func(x, y Value) int { return x.Start - y.Start })
	if !sorted {
		slices.SortStableFunc(b.Values, func(x, y Value) int { return x.Start - y.Start })
	}
}

// position returns the 1-based line and character column of the byte offset
// off in src. A byte order mark at the start of the source is not counted as
// a character.
func position(src []byte, off int) (line, col int) {
	off = min(max(off, 0), len(src))
	line = 1 + bytes.Count(src[:off], []byte{'\n'})
	ls := bytes.LastIndexByte(src[:off], '\n') + 1
	if ls == 0 && bytes.HasPrefix(src, bom) && off >= len(bom) {
		ls = len(bom)
	}
	return line, utf8.RuneCount(src[ls:off]) + 1
}

// errorAt returns an *Error for the byte offset off of src.
func errorAt(src []byte, off int, msg string) *Error {
	line, col := position(src, off)
	return &Error{Line: line, Column: col, Msg: msg}
}

// errorAtLine returns an *Error without column for the line containing off.
func errorAtLine(src []byte, off int, msg string) *Error {
	line, _ := position(src, off)
	return &Error{Line: line, Msg: msg}
}

// recoverInto turns a panic of a parsing library into an error of b, so that
// Parse never panics.
func recoverInto(b *Block, src []byte) {
	if r := recover(); r != nil {
		b.Err = errorAtLine(src, b.ContentStart, fmt.Sprint("internal parser error: ", r))
	}
}

// lineStartIn returns the offset in buf of the start of the 1-based line
// (lines separated by LF), clamped to the buffer.
func lineStartIn(buf []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		i := bytes.IndexByte(buf[off:], '\n')
		if i < 0 {
			return len(buf)
		}
		off += i + 1
	}
	return off
}

// appendEscape appends the absolute range [start, end) to escapes.
func appendEscape(escapes [][2]int, start, end int) [][2]int {
	return append(escapes, [2]int{start, end})
}
