package frontmatter

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// parseYAML parses the content of b as YAML: Data is decoded from the
// yaml.Node tree, and the node positions (1-based line and column, the
// column counting characters) are turned into byte ranges by scanning the
// source according to each scalar's style.
func parseYAML(b *Block, src []byte) {
	defer recoverInto(b, src)
	buf := src[b.ContentStart:b.ContentEnd:b.ContentEnd]
	if len(buf) >= 2 && (buf[0] == 0xFF && buf[1] == 0xFE || buf[0] == 0xFE && buf[1] == 0xFF) {
		// yaml.v3 would decode the content as UTF-16.
		b.Err = errorAtLine(src, b.ContentStart, "front matter is not UTF-8")
		return
	}
	var root yaml.Node
	if err := yaml.Unmarshal(buf, &root); err != nil {
		b.Err = yamlError(src, b.ContentStart, buf, err)
		return
	}
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return // empty, or only comments
	}
	w := yamlWalker{buf: buf, base: b.ContentStart, lines: yamlLines(buf)}
	if bytes.HasPrefix(buf, bom) && len(w.lines) > 0 {
		w.lines[0] = len(bom) // yaml.v3 skips a leading BOM without counting it
	}
	doc := root.Content[0]
	w.walk(doc, -1, false, -1, -1, -1)
	b.Values = w.values

	if w.dupKey != nil {
		// yaml.v3 rejects duplicate keys (with an error for each pair of
		// them) and then decodes nothing; Jekyll and Hugo keep the last
		// value. Report the first duplicate and decode the rest.
		first, _ := position(src, b.ContentStart+w.dupFirst)
		b.Err = errorAtLine(src, b.ContentStart+w.dupAt,
			"mapping key "+strconv.Quote(w.dupKey.Value)+" already defined at line "+strconv.Itoa(first))
		dedupe(doc)
	}

	switch {
	case doc.Kind == yaml.MappingNode:
		data := map[string]any{}
		if err := decodeMapping(doc, &data); err != nil && b.Err == nil {
			b.Err = yamlError(src, b.ContentStart, buf, err)
		}
		b.Data = normalizeMap(data)
	case doc.Kind == yaml.ScalarNode && doc.ShortTag() == "!!null":
		// "~" or "null" alone: no data.
	default:
		off, _ := w.offset(doc.Line, doc.Column)
		b.Err = errorAt(src, b.ContentStart+off, "front matter is not a mapping")
	}
}

// decodeChunk is the number of entries above which a mapping is decoded in
// parts: yaml.v3 compares every pair of keys of a mapping.
const decodeChunk = 256

// decodeMapping decodes the mapping m into *data. A large mapping without
// merge keys is decoded in parts into the same map, which avoids the
// quadratic duplicate check of yaml.v3 (duplicates are already removed).
func decodeMapping(m *yaml.Node, data *map[string]any) error {
	if len(m.Content) <= 2*decodeChunk {
		return m.Decode(data)
	}
	for i := 0; i < len(m.Content); i += 2 {
		if m.Content[i].Kind == yaml.ScalarNode && m.Content[i].ShortTag() == "!!merge" {
			return m.Decode(data)
		}
	}
	part := *m
	var first error
	for i := 0; i < len(m.Content); i += 2 * decodeChunk {
		part.Content = m.Content[i:min(i+2*decodeChunk, len(m.Content))]
		if err := part.Decode(data); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// dedupe removes from the mappings of the tree n the entries whose scalar
// key appears again later in the same mapping: the last value wins.
func dedupe(n *yaml.Node) {
	for _, c := range n.Content {
		dedupe(c)
	}
	if n.Kind != yaml.MappingNode || len(n.Content) < 4 {
		return
	}
	last := make(map[string]int, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode {
			last[k.Value] = i
		}
	}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind != yaml.ScalarNode || last[k.Value] == i {
			kept = append(kept, k, n.Content[i+1])
		}
	}
	n.Content = kept
}

// yamlError converts an error of yaml.v3 into an *Error. yaml.v3 reports
// lines relative to buf ("yaml: line 3: ..."); errors without a line are
// reported on the first content line.
func yamlError(src []byte, base int, buf []byte, err error) *Error {
	msg := err.Error()
	var terr *yaml.TypeError
	if errors.As(err, &terr) && len(terr.Errors) > 0 {
		msg = terr.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.IndexByte(rest, ':'); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line = n
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	off := 0
	if line > 0 {
		lines := yamlLines(buf)
		off = lines[min(line, len(lines))-1]
	}
	return errorAtLine(src, base+off, msg)
}

// normalizeMap converts the map[any]any values yaml.v3 produces for mappings
// with non-string keys into map[string]any, recursively.
func normalizeMap(m map[string]any) map[string]any {
	for k, v := range m {
		m[k] = normalize(v)
	}
	return m
}

func normalize(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return normalizeMap(v)
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			ks, ok := k.(string)
			if !ok {
				ks = fmtKey(k)
			}
			m[ks] = normalize(x)
		}
		return m
	case []any:
		for i, x := range v {
			v[i] = normalize(x)
		}
		return v
	}
	return v
}

// fmtKey formats a non-string mapping key.
func fmtKey(k any) string {
	switch k := k.(type) {
	case nil:
		return "null"
	case int:
		return strconv.Itoa(k)
	case bool:
		return strconv.FormatBool(k)
	case float64:
		return strconv.FormatFloat(k, 'g', -1, 64)
	}
	return fmt.Sprint(k)
}

// yamlLines returns the offsets of the line starts of buf, with the line
// breaks of yaml.v3: LF, CRLF, CR, NEL, LS and PS.
func yamlLines(buf []byte) []int {
	lines := make([]int, 1, 32)
	for i := 0; i < len(buf); {
		if n := breakLen(buf, i); n > 0 {
			i += n
			lines = append(lines, i)
			continue
		}
		i++
	}
	return lines
}

// breakLen returns the length of the line break at buf[i], or 0.
func breakLen(buf []byte, i int) int {
	switch c := buf[i]; c {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(buf) && buf[i+1] == '\n' {
			return 2
		}
		return 1
	case 0xC2:
		if i+1 < len(buf) && buf[i+1] == 0x85 {
			return 2
		}
	case 0xE2:
		if i+2 < len(buf) && buf[i+1] == 0x80 && (buf[i+2] == 0xA8 || buf[i+2] == 0xA9) {
			return 3
		}
	}
	return 0
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isBlankz reports whether buf[i] is a blank, a line break, NUL or the end.
func isBlankz(buf []byte, i int) bool {
	return i >= len(buf) || isBlank(buf[i]) || buf[i] == 0 || breakLen(buf, i) > 0
}

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}

// yamlWalker walks a yaml.Node tree and collects the values.
type yamlWalker struct {
	buf    []byte // the YAML content
	base   int    // offset of buf in the source
	lines  []int  // line starts in buf (yaml.v3 line breaks)
	path   []string
	values []Value

	// The last position converted by offset.
	lastLine, lastCol, lastOff int

	// The first duplicate key found, its offset and that of the first
	// occurrence.
	dupKey          *yaml.Node
	dupAt, dupFirst int
}

// checkDuplicates looks for a scalar key defined twice in the mapping m and
// records the first one found.
func (w *yamlWalker) checkDuplicates(m *yaml.Node) {
	if w.dupKey != nil || len(m.Content) < 4 {
		return
	}
	var seen map[string]*yaml.Node
	if len(m.Content) > 32 {
		seen = make(map[string]*yaml.Node, len(m.Content)/2)
	}
	for j := 0; j+1 < len(m.Content); j += 2 {
		k := m.Content[j]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		var prev *yaml.Node
		if seen != nil {
			prev = seen[k.Value]
			seen[k.Value] = k
		} else {
			for i := 0; i < j; i += 2 {
				if p := m.Content[i]; p.Kind == yaml.ScalarNode && p.Value == k.Value {
					prev = p
					break
				}
			}
		}
		if prev != nil && prev != k {
			w.dupKey = k
			w.dupAt, _ = w.offset(k.Line, k.Column)
			w.dupFirst, _ = w.offset(prev.Line, prev.Column)
			return
		}
	}
}

// offset converts a 1-based yaml.v3 line and character column into an
// offset in buf, and returns the 0-based line index too. Nodes come mostly
// in source order, so the conversion continues from the previous one when
// it is on the same line: a long line of flow items is not rescanned.
func (w *yamlWalker) offset(line, col int) (off, lineIdx int) {
	lineIdx = min(max(line-1, 0), len(w.lines)-1)
	i, c := w.lines[lineIdx], 1
	if lineIdx == w.lastLine && col >= w.lastCol && w.lastCol > 0 {
		i, c = w.lastOff, w.lastCol
	}
	for ; c < col && i < len(w.buf); c++ {
		if w.buf[i] < utf8.RuneSelf {
			if w.buf[i] == '\n' || w.buf[i] == '\r' {
				break
			}
			i++
			continue
		}
		if breakLen(w.buf, i) > 0 {
			break
		}
		_, n := utf8.DecodeRune(w.buf[i:])
		i += n
	}
	w.lastLine, w.lastCol, w.lastOff = lineIdx, c, i
	return i, lineIdx
}

// Special key range arguments of walk.
const (
	noKey      = -1 // no key
	itemAsKey  = -2 // the key range is the item's scalar token
	noEmptyPos = -1
)

// walk collects the scalars of n. indent is the indentation (0-based column)
// of the innermost enclosing block collection, -1 at the top; flow reports
// whether n is inside a flow collection. keyStart and keyEnd are the range
// of n's key (relative to buf), emptyPos where an empty scalar sits.
func (w *yamlWalker) walk(n *yaml.Node, indent int, flow bool, keyStart, keyEnd, emptyPos int) {
	switch n.Kind {
	case yaml.ScalarNode:
		w.scalar(n, indent, flow, keyStart, keyEnd, emptyPos)
	case yaml.MappingNode:
		inFlow := flow || n.Style&yaml.FlowStyle != 0
		ind := indent
		if !inFlow {
			ind = n.Column - 1
		}
		w.checkDuplicates(n)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			name, ks, ke := w.key(k, ind, inFlow)
			empty := noEmptyPos
			if ke >= 0 {
				empty = ke
				j := ke
				for j < len(w.buf) && isBlank(w.buf[j]) {
					j++
				}
				if j < len(w.buf) && w.buf[j] == ':' {
					empty = j + 1
				}
			}
			w.path = append(w.path, name)
			w.walk(v, ind, inFlow, ks, ke, empty)
			w.path = w.path[:len(w.path)-1]
		}
	case yaml.SequenceNode:
		inFlow := flow || n.Style&yaml.FlowStyle != 0
		ind := indent
		if !inFlow {
			ind = n.Column - 1
		}
		for i, item := range n.Content {
			ks, ke, empty := itemAsKey, itemAsKey, noEmptyPos
			if !inFlow && item.Kind == yaml.ScalarNode {
				if d := w.dash(item); d >= 0 {
					ks, ke, empty = d, d+1, d+1
				}
			}
			w.path = append(w.path, strconv.Itoa(i))
			w.walk(item, ind, inFlow, ks, ke, empty)
			w.path = w.path[:len(w.path)-1]
		}
	}
	// Aliases are skipped: their values belong to the anchored node.
}

// key returns the path element and the range (relative to buf) of a mapping
// key.
func (w *yamlWalker) key(k *yaml.Node, indent int, flow bool) (name string, start, end int) {
	switch k.Kind {
	case yaml.ScalarNode:
		pos, _ := w.offset(k.Line, k.Column)
		t := w.scan(k, pos, indent, flow)
		return k.Value, t.tokStart, t.tokEnd
	case yaml.AliasNode:
		if k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			return k.Alias.Value, noKey, noKey
		}
	}
	return "", noKey, noKey
}

// dash returns the offset of the dash of a block sequence item, or -1.
func (w *yamlWalker) dash(item *yaml.Node) int {
	pos, li := w.offset(item.Line, item.Column)
	// The item's own line, before the item.
	j := pos - 1
	for j >= w.lines[li] && isBlank(w.buf[j]) {
		j--
	}
	if j >= w.lines[li] {
		if w.buf[j] == '-' {
			return j
		}
		return -1
	}
	// Previous lines ("-" alone, maybe followed by a comment, or blank and
	// comment lines in between).
	for l := li - 1; l >= 0; l-- {
		ls, le := w.lines[l], trimBreak(w.buf, w.lines[l], w.lines[l+1])
		line := w.buf[ls:le]
		// Cut a comment.
		for i, c := range line {
			if c == '#' && (i == 0 || isBlank(line[i-1])) {
				line = line[:i]
				break
			}
		}
		e := len(line)
		for e > 0 && isBlank(line[e-1]) {
			e--
		}
		if e == 0 {
			continue
		}
		if line[e-1] == '-' && (e == 1 || isBlank(line[e-2])) {
			return ls + e - 1
		}
		return -1
	}
	return -1
}

// trimBreak returns the end of the line [ls, le) without its line break.
func trimBreak(buf []byte, ls, le int) int {
	switch {
	case le-ls >= 2 && buf[le-2] == '\r' && buf[le-1] == '\n':
		return le - 2
	case le-ls >= 1 && (buf[le-1] == '\n' || buf[le-1] == '\r'):
		return le - 1
	case le-ls >= 2 && buf[le-2] == 0xC2 && buf[le-1] == 0x85:
		return le - 2
	case le-ls >= 3 && buf[le-3] == 0xE2 && buf[le-2] == 0x80 && (buf[le-1] == 0xA8 || buf[le-1] == 0xA9):
		return le - 3
	}
	return le
}

// scalar appends the value of the scalar node n.
func (w *yamlWalker) scalar(n *yaml.Node, indent int, flow bool, keyStart, keyEnd, emptyPos int) {
	pos, _ := w.offset(n.Line, n.Column)
	t := w.scan(n, pos, indent, flow)
	if n.Value == "" && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		// An empty plain scalar: there is no text, only a position.
		p := pos
		switch {
		case t.propEnd >= 0:
			p = t.propEnd
		case emptyPos >= 0:
			p = emptyPos
		}
		t = yamlToken{tokStart: p, tokEnd: p, start: p, end: p}
	}
	if keyStart == itemAsKey {
		keyStart, keyEnd = t.tokStart, t.tokEnd
	}
	v := Value{
		Path:     slicesClone(w.path),
		KeyStart: w.abs(keyStart),
		KeyEnd:   w.abs(keyEnd),
		Start:    w.base + t.start,
		End:      w.base + t.end,
		Kind:     yamlKind(n),
		Style:    yamlStyle(n.Style),
		Text:     n.Value,
		Escapes:  t.escapes,
	}
	w.values = append(w.values, v)
}

func (w *yamlWalker) abs(off int) int {
	if off < 0 {
		return -1
	}
	return w.base + off
}

func slicesClone(s []string) []string {
	return append(make([]string, 0, len(s)), s...)
}

func yamlKind(n *yaml.Node) Kind {
	switch n.ShortTag() {
	case "!!int":
		return Int
	case "!!float":
		return Float
	case "!!bool":
		return Bool
	case "!!timestamp":
		return Time
	case "!!null":
		return Null
	}
	return String
}

func yamlStyle(s yaml.Style) Style {
	switch {
	case s&yaml.DoubleQuotedStyle != 0:
		return DoubleQuoted
	case s&yaml.SingleQuotedStyle != 0:
		return SingleQuoted
	case s&yaml.LiteralStyle != 0:
		return Literal
	case s&yaml.FoldedStyle != 0:
		return Folded
	}
	return Plain
}

// yamlToken is the extent of a scalar in buf.
type yamlToken struct {
	tokStart, tokEnd int      // the token, quotes or block indicator included
	start, end       int      // the raw text (see Value.Start)
	propEnd          int      // end of the last tag or anchor, or -1
	escapes          [][2]int // absolute
}

// scan computes the extent of the scalar n whose node position is pos (its
// first property, or the scalar itself). It mirrors the scanner of yaml.v3;
// indent and flow are as for walk.
func (w *yamlWalker) scan(n *yaml.Node, pos, indent int, flow bool) yamlToken {
	buf := w.buf
	t := yamlToken{propEnd: -1}
	// Skip the properties (tag and anchor) and the space after them.
	for pos < len(buf) && (buf[pos] == '&' || buf[pos] == '!') {
		if pos+1 < len(buf) && buf[pos] == '!' && buf[pos+1] == '<' {
			for pos < len(buf) && buf[pos] != '>' && breakLen(buf, pos) == 0 {
				pos++
			}
			if pos < len(buf) && buf[pos] == '>' {
				pos++
			}
		} else {
			for !isBlankz(buf, pos) && !(flow && isFlowIndicator(buf[pos])) {
				pos++
			}
		}
		t.propEnd = pos
		pos = skipSpace(buf, pos)
	}
	t.tokStart, t.start = pos, pos
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0 && pos < len(buf) && buf[pos] == '"':
		t.start = pos + 1
		t.end, t.tokEnd, t.escapes = w.scanDoubleQuoted(pos + 1)
	case n.Style&yaml.SingleQuotedStyle != 0 && pos < len(buf) && buf[pos] == '\'':
		t.start = pos + 1
		t.end, t.tokEnd, t.escapes = w.scanSingleQuoted(pos + 1)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 && pos < len(buf) && (buf[pos] == '|' || buf[pos] == '>'):
		t.start, t.end = scanBlockScalar(buf, pos, indent)
		t.tokEnd = t.end
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) == 0:
		t.end = scanPlain(buf, pos, indent, flow)
		t.tokEnd = t.end
	default:
		t.end, t.tokEnd = pos, pos // unexpected: keep an empty range
	}
	return t
}

// skipSpace skips blanks, line breaks and comments.
func skipSpace(buf []byte, i int) int {
	for i < len(buf) {
		switch c := buf[i]; {
		case isBlank(c):
			i++
		case c == '#':
			for i < len(buf) && breakLen(buf, i) == 0 {
				i++
			}
		default:
			n := breakLen(buf, i)
			if n == 0 {
				return i
			}
			i += n
		}
	}
	return i
}

// scanDoubleQuoted scans a double-quoted scalar from i (after the opening
// quote) and returns the offset of the closing quote, the end of the token
// and the escape sequences.
func (w *yamlWalker) scanDoubleQuoted(i int) (end, tokEnd int, escapes [][2]int) {
	buf := w.buf
	for i < len(buf) {
		switch buf[i] {
		case '"':
			return i, i + 1, escapes
		case '\\':
			n := 2
			if i+1 < len(buf) {
				switch c := buf[i+1]; {
				case c == 'x':
					n = 4
				case c == 'u':
					n = 6
				case c == 'U':
					n = 10
				case breakLen(buf, i+1) > 0:
					n = 1 + breakLen(buf, i+1)
				case c >= utf8.RuneSelf:
					_, s := utf8.DecodeRune(buf[i+1:])
					n = 1 + s
				}
			}
			n = min(n, len(buf)-i)
			escapes = appendEscape(escapes, w.base+i, w.base+i+n)
			i += n
		default:
			i++
		}
	}
	return len(buf), len(buf), escapes
}

// scanSingleQuoted scans a single-quoted scalar from i (after the opening
// quote) and returns the offset of the closing quote, the end of the token
// and the ” escapes.
func (w *yamlWalker) scanSingleQuoted(i int) (end, tokEnd int, escapes [][2]int) {
	buf := w.buf
	for i < len(buf) {
		if buf[i] == '\'' {
			if i+1 < len(buf) && buf[i+1] == '\'' {
				escapes = appendEscape(escapes, w.base+i, w.base+i+2)
				i += 2
				continue
			}
			return i, i + 1, escapes
		}
		i++
	}
	return len(buf), len(buf), escapes
}

// scanPlain returns the end of the plain scalar starting at i, as the
// scanner of yaml.v3 (yaml_parser_scan_plain_scalar) finds it: the scalar
// ends before ": ", a comment, a document marker, a flow indicator (in flow
// context) or a line less indented than indent+1 (in block context).
func scanPlain(buf []byte, i, indent int, flow bool) int {
	end := i
	col := -1 // unknown on the first line, where it is never too small
	for {
		if col == 0 && i+3 <= len(buf) && (string(buf[i:i+3]) == "---" || string(buf[i:i+3]) == "...") && isBlankz(buf, i+3) {
			break
		}
		if i < len(buf) && buf[i] == '#' {
			break
		}
		for !isBlankz(buf, i) {
			c := buf[i]
			if c == ':' && isBlankz(buf, i+1) || flow && (c == '?' || isFlowIndicator(c)) {
				break
			}
			if c < utf8.RuneSelf {
				i++
			} else {
				_, n := utf8.DecodeRune(buf[i:])
				i += n
			}
			end = i
		}
		if i >= len(buf) || !isBlank(buf[i]) && breakLen(buf, i) == 0 {
			break
		}
		for i < len(buf) {
			if isBlank(buf[i]) {
				i++
				if col >= 0 {
					col++
				}
			} else if n := breakLen(buf, i); n > 0 {
				i += n
				col = 0
			} else {
				break
			}
		}
		if !flow && col >= 0 && col < indent+1 {
			break
		}
	}
	return end
}

// scanBlockScalar returns the extent of the content of the literal or
// folded block scalar whose indicator is at i, as the scanner of yaml.v3
// (yaml_parser_scan_block_scalar) finds it. indent is the indentation of the
// enclosing block collection.
func scanBlockScalar(buf []byte, i, indent int) (start, end int) {
	i++ // '|' or '>'
	increment := 0
	for k := 0; k < 2 && i < len(buf); k++ {
		if c := buf[i]; c == '+' || c == '-' {
			i++
		} else if c >= '1' && c <= '9' {
			increment = int(c - '0')
			i++
		}
	}
	for i < len(buf) && breakLen(buf, i) == 0 {
		i++ // blanks and comment
	}
	if i < len(buf) {
		i += breakLen(buf, i)
	}
	headerEnd := i
	ind := 0
	if increment > 0 {
		ind = increment
		if indent >= 0 {
			ind += indent
		}
	}
	col := 0
	i, ind, col = blockBreaks(buf, i, ind, indent, col)
	start, end = -1, headerEnd
	for col == ind && i < len(buf) {
		if start < 0 {
			start = i
		}
		for i < len(buf) && breakLen(buf, i) == 0 {
			i++
		}
		end = i
		if i < len(buf) {
			i += breakLen(buf, i)
		}
		i, ind, col = blockBreaks(buf, i, ind, indent, 0)
	}
	if start < 0 {
		return headerEnd, headerEnd
	}
	return start, end
}

// blockBreaks skips the empty lines and the indentation of a block scalar
// (yaml_parser_scan_block_scalar_breaks), determining the indentation when
// ind is 0. It returns the new offset, indentation and column.
func blockBreaks(buf []byte, i, ind, indent, col int) (int, int, int) {
	maxIndent := 0
	for {
		for (ind == 0 || col < ind) && i < len(buf) && buf[i] == ' ' {
			i++
			col++
		}
		maxIndent = max(maxIndent, col)
		if i >= len(buf) || breakLen(buf, i) == 0 {
			break
		}
		i += breakLen(buf, i)
		col = 0
	}
	if ind == 0 {
		ind = max(maxIndent, indent+1, 1)
	}
	return i, ind, col
}
