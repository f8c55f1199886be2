// Package liquid finds template syntax in Markdown sources: Liquid output
// ({{ }}), Liquid tags ({% %}, with the {%- -%} trim forms) and Hugo
// shortcodes ({{< >}}, {{% %}}), plus the bodies of the blocks whose content
// is not Markdown: {% raw %}, {% highlight %}, {% comment %} and Hugo's
// {{< highlight >}} / {{< comment >}} pairs.
//
// Spans are opaque: no prose rule reports inside them and no fix changes them.
// Like Liquid's own tokenizer, a tag ends at the first closing delimiter; unlike
// it, a tag may not cross a blank line, so a stray "{{" in prose does not
// swallow the rest of the document.
package liquid

import "bytes"

// Kind is the kind of a template span.
type Kind uint8

// Span kinds.
const (
	Output    Kind = iota + 1 // {{ expression }}
	Tag                       // {% tag %}
	Shortcode                 // {{< name >}} or {{% name %}}
	Body                      // the content between an opaque block's open and close tags
)

func (k Kind) String() string {
	switch k {
	case Output:
		return "output"
	case Tag:
		return "tag"
	case Shortcode:
		return "shortcode"
	case Body:
		return "body"
	}
	return "unknown"
}

// Span is one template construct: src[Start:End].
type Span struct {
	Start, End int
	Kind       Kind
	Name       string // tag or shortcode name ("include", "raw", "figure"); for Body, the block name
}

// opaqueBlocks are the Liquid blocks whose bodies are not Markdown.
var opaqueBlocks = map[string]string{
	"raw":       "endraw",
	"highlight": "endhighlight",
	"comment":   "endcomment",
}

// opaqueShortcodes are the Hugo paired shortcodes whose bodies are not Markdown.
var opaqueShortcodes = map[string]bool{"highlight": true, "comment": true}

// Scan returns the template spans of src at or after offset from, in order.
// Body spans follow their opening tag and precede the closing tag.
func Scan(src []byte, from int) []Span {
	var spans []Span
	i := from
	for {
		j := bytes.IndexByte(src[i:], '{')
		if j < 0 {
			return spans
		}
		i += j
		if i+1 >= len(src) {
			return spans
		}
		var sp Span
		var ok bool
		switch src[i+1] {
		case '{':
			sp, ok = scanOutput(src, i)
		case '%':
			sp, ok = scanDelimited(src, i, "{%", "%}", Tag)
		}
		if !ok {
			i++
			continue
		}
		spans = append(spans, sp)
		i = sp.End
		// Opaque bodies: everything up to the matching close tag.
		if sp.Kind == Tag {
			if end, isOpaque := opaqueBlocks[sp.Name]; isOpaque {
				if body, closeTag, found := findClose(src, i, end); found {
					if body.End > body.Start {
						spans = append(spans, body)
					}
					spans = append(spans, closeTag)
					i = closeTag.End
				}
			}
		} else if sp.Kind == Shortcode && opaqueShortcodes[sp.Name] {
			if body, closeTag, found := findShortcodeClose(src, i, sp.Name); found {
				if body.End > body.Start {
					spans = append(spans, body)
				}
				spans = append(spans, closeTag)
				i = closeTag.End
			}
		}
	}
}

func scanOutput(src []byte, i int) (Span, bool) {
	if i+2 < len(src) && (src[i+2] == '<' || src[i+2] == '%') {
		open, closeDelim := "{{<", ">}}"
		if src[i+2] == '%' {
			open, closeDelim = "{{%", "%}}"
		}
		return scanDelimited(src, i, open, closeDelim, Shortcode)
	}
	return scanDelimited(src, i, "{{", "}}", Output)
}

// scanDelimited scans a construct starting at src[i] with the given open and
// close delimiters; it fails at a blank line or end of input.
func scanDelimited(src []byte, i int, open, closeDelim string, kind Kind) (Span, bool) {
	start := i
	i += len(open)
	inner := i
	for i < len(src) {
		switch c := src[i]; {
		case c == '\n' && blankLineFollows(src, i+1):
			return Span{}, false
		case c == closeDelim[0] && bytes.HasPrefix(src[i:], []byte(closeDelim)):
			return Span{Start: start, End: i + len(closeDelim), Kind: kind, Name: name(src[inner:i], kind)}, true
		}
		i++
	}
	return Span{}, false
}

func blankLineFollows(src []byte, i int) bool {
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ', '\t', '\r':
		case '\n':
			return true
		default:
			return false
		}
	}
	return true
}

// name returns the tag or shortcode name of a construct's inner text.
func name(inner []byte, kind Kind) string {
	if kind == Output {
		return ""
	}
	inner = bytes.TrimLeft(inner, "-")
	inner = bytes.TrimLeft(inner, " \t\r\n")
	end := 0
	for end < len(inner) {
		c := inner[end]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-' && kind == Tag || c == '%' || c == '>' {
			break
		}
		end++
	}
	return string(inner[:end])
}

// findClose finds the Liquid tag {% endName %} at or after i.
func findClose(src []byte, i int, endName string) (body, closeTag Span, found bool) {
	bodyStart := i
	for {
		j := bytes.Index(src[i:], []byte("{%"))
		if j < 0 {
			return Span{}, Span{}, false
		}
		sp, ok := scanDelimited(src, i+j, "{%", "%}", Tag)
		if ok && sp.Name == endName {
			return Span{Start: bodyStart, End: sp.Start, Kind: Body, Name: endName[3:]}, sp, true
		}
		i += j + 2
	}
}

// findShortcodeClose finds {{< /name >}} or {{% /name %}} at or after i.
func findShortcodeClose(src []byte, i int, scName string) (body, closeTag Span, found bool) {
	bodyStart := i
	for {
		j := bytes.Index(src[i:], []byte("{{"))
		if j < 0 {
			return Span{}, Span{}, false
		}
		sp, ok := scanOutput(src, i+j)
		if ok && sp.Kind == Shortcode && sp.Name == "/"+scName {
			return Span{Start: bodyStart, End: sp.Start, Kind: Body, Name: scName}, sp, true
		}
		i += j + 2
	}
}

// Contains reports whether b holds any template delimiter; a link
// destination built from templating is never a placeholder.
func Contains(b []byte) bool {
	return bytes.Contains(b, []byte("{{")) || bytes.Contains(b, []byte("{%"))
}
