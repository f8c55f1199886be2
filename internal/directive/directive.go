// Package directive finds the in-document comments that turn rules off and
// on: postlint's own and markdownlint's.
//
//	<!-- postlint-disable RULE... -->           off from this line on (all rules without names)
//	<!-- postlint-enable RULE... -->            on again from this line on
//	<!-- postlint-disable-line RULE... -->      off on this line
//	<!-- postlint-disable-next-line RULE... --> off on the next line
//	<!-- postlint-disable-file RULE... -->      off in the whole file
//
// markdownlint's comments have the same kinds and four more:
// markdownlint-enable-file, -capture, -restore and -configure-file { JSON }.
// Their keyword is matched without regard to case, as markdownlint does.
//
// Rule names are separated by spaces or commas; text after " -- " is a reason
// and is ignored. Only comments that Markdown treats as HTML count: a
// directive inside a code span or code block is text.
package directive

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// Kind is what a directive does.
type Kind uint8

// Directive kinds.
const (
	Disable Kind = iota + 1
	Enable
	DisableLine
	DisableNextLine
	DisableFile
	EnableFile    // markdownlint only
	Capture       // markdownlint only: remember which rules are on
	Restore       // markdownlint only: back to what capture remembered
	ConfigureFile // markdownlint only: a JSON config for the whole file
)

var kinds = []struct {
	word string
	kind Kind
}{
	// Longest first: "disable-next-line" before "disable".
	{"disable-next-line", DisableNextLine},
	{"disable-line", DisableLine},
	{"disable-file", DisableFile},
	{"disable", Disable},
	{"enable-file", EnableFile},
	{"enable", Enable},
	{"capture", Capture},
	{"restore", Restore},
	{"configure-file", ConfigureFile},
}

// Tools whose directives Parse understands.
const (
	Postlint     = "postlint"
	Markdownlint = "markdownlint"
)

// allowed says which kinds a tool has.
func allowed(tool string, k Kind) bool {
	if tool == Markdownlint {
		return true
	}
	return k <= DisableFile
}

// Name is a rule name as written in a directive, with its source range.
type Name struct {
	Text       string
	Start, End int
}

// Directive is one parsed comment.
type Directive struct {
	Tool       string // Postlint or Markdownlint
	Kind       Kind
	Start, End int    // the whole comment
	Names      []Name // empty: every rule
	// Arg is the text after the keyword of a configure-file directive (its
	// JSON), at Source[ArgStart:ArgEnd].
	Arg              string
	ArgStart, ArgEnd int
}

// Parse returns the directives of a document, in source order, for the tools
// named (Postlint, Markdownlint).
func Parse(src []byte, root ast.Node, tools ...string) []Directive {
	var ds []Directive
	markdown.Preorder(root, func(n ast.Node) bool {
		switch h := n.(type) {
		case *ast.HTMLBlock:
			lines := h.Lines()
			if lines.Len() == 0 {
				return false
			}
			start, end := lines.At(0).Start, lines.At(lines.Len()-1).Stop
			if h.HasClosure() {
				end = max(end, h.ClosureLine.Stop)
			}
			ds = scan(src, start, end, tools, ds)
			return false
		case *ast.RawHTML:
			if h.Segments.Len() > 0 {
				ds = scan(src, h.Segments.At(0).Start, h.Segments.At(h.Segments.Len()-1).Stop, tools, ds)
			}
			return false
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.CodeSpan:
			return false
		}
		return true
	})
	return ds
}

// scan finds the directive comments in src[start:end].
func scan(src []byte, start, end int, tools []string, ds []Directive) []Directive {
	for i := start; i < end; {
		j := bytes.Index(src[i:end], []byte("<!--"))
		if j < 0 {
			break
		}
		open := i + j
		k := bytes.Index(src[open+4:end], []byte("-->"))
		if k < 0 {
			break
		}
		closeAt := open + 4 + k
		for _, tool := range tools {
			if d, ok := parseComment(src, open, open+4, closeAt, tool); ok {
				ds = append(ds, d)
				break
			}
		}
		i = closeAt + 3
	}
	return ds
}

func parseComment(src []byte, open, bodyStart, bodyEnd int, tool string) (Directive, bool) {
	i := bodyStart
	for i < bodyEnd && isSpace(src[i]) {
		i++
	}
	if !hasPrefixFold(src[i:bodyEnd], tool+"-", tool == Markdownlint) {
		return Directive{}, false
	}
	i += len(tool) + 1
	d := Directive{Tool: tool, Start: open, End: bodyEnd + 3}
	for _, k := range kinds {
		if !allowed(tool, k.kind) || !hasPrefixFold(src[i:bodyEnd], k.word, tool == Markdownlint) {
			continue
		}
		after := i + len(k.word)
		if after < bodyEnd && !isSpace(src[after]) {
			continue
		}
		d.Kind = k.kind
		i = after
		break
	}
	if d.Kind == 0 {
		return Directive{}, false
	}
	if d.Kind == ConfigureFile {
		d.ArgStart, d.ArgEnd = i, bodyEnd
		d.Arg = string(src[i:bodyEnd])
		return d, true
	}
	// Names up to the end or a " -- reason".
	end := bodyEnd
	if r := bytes.Index(src[i:bodyEnd], []byte(" --")); r >= 0 {
		end = i + r
	}
	for i < end {
		for i < end && (isSpace(src[i]) || src[i] == ',') {
			i++
		}
		s := i
		for i < end && !isSpace(src[i]) && src[i] != ',' {
			i++
		}
		if i > s {
			d.Names = append(d.Names, Name{Text: string(src[s:i]), Start: s, End: i})
		}
	}
	return d, true
}

func hasPrefixFold(b []byte, prefix string, fold bool) bool {
	if len(b) < len(prefix) {
		return false
	}
	if fold {
		return strings.EqualFold(string(b[:len(prefix)]), prefix)
	}
	return string(b[:len(prefix)]) == prefix
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// String returns the directive word of a kind.
func (k Kind) String() string {
	for _, kk := range kinds {
		if kk.kind == k {
			return kk.word
		}
	}
	return "unknown"
}
