package rules

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// NoHardTabsOptions configures no-hard-tabs.
type NoHardTabsOptions struct {
	CodeBlocks          bool     `yaml:"code_blocks" doc:"also report tabs in code blocks and code spans"`
	IgnoreCodeLanguages []string `yaml:"ignore_code_languages" doc:"fenced code languages whose blocks may hold tabs (as markdownlint, a fence without a language is then skipped too)"`
	SpacesPerTab        int      `yaml:"spaces_per_tab" doc:"spaces the fix puts for each tab that is not indentation"`
}

// Validate checks the numbers.
func (o *NoHardTabsOptions) Validate() error {
	if o.SpacesPerTab < 0 {
		return fmt.Errorf("spaces_per_tab must not be negative")
	}
	return nil
}

// NoHardTabs is markdownlint's MD010.
var NoHardTabs = &Rule{
	Name:     "no-hard-tabs",
	Aliases:  []string{"MD010"},
	Tags:     []string{"whitespace", "hard_tab"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Lines should not contain hard tabs",
		Description: `Reports each run of tab characters. Editors, browsers and Markdown parsers disagree on how
wide a tab is (CommonMark says four columns for indentation, browsers show eight in code), so
tabs make lists and code render differently from how they look in the editor. Code blocks and
code spans are included unless ` + "`code_blocks`" + ` is false; ` + "`ignore_code_languages`" + ` exempts fenced
blocks of languages that need tabs (Makefiles, Go). The bodies of ` + "`{% raw %}`" + ` and
` + "`{% highlight %}`" + ` blocks, template tags and front matter are never reported.

The fix replaces the tabs with spaces so that the document keeps its structure: a tab in the
indentation that decides nesting and code blocks becomes the spaces up to the next tab stop
(a multiple of four columns, as CommonMark reads it); every other tab becomes
` + "`spaces_per_tab`" + ` spaces. Tabs at the end of a line outside code are removed with the
whitespace between them, since spaces there could make a hard line break (the spaces after the
last tab stay). The fixes are
offered only when goldmark reads the document's blocks the same way after them.`,
		Examples: []Example{
			{Bad: "Some text\n\n\t* hard tab used to indent the list item", Good: "Some text\n\n    * spaces used to indent the list item"},
		},
	},
	Options: func() any {
		return &NoHardTabsOptions{CodeBlocks: true, IgnoreCodeLanguages: []string{}, SpacesPerTab: 1}
	},
	Run: runNoHardTabs,
}

func runNoHardTabs(pass *Pass) error {
	opts := OptionsOf[NoHardTabsOptions](pass)
	ignore := make(map[string]bool, len(opts.IgnoreCodeLanguages))
	for _, l := range opts.IgnoreCodeLanguages {
		ignore[strings.ToLower(l)] = true
	}
	v := newStructLines(pass.Document)
	// contentStart[i] is where the content of code line i starts (after the
	// indentation that makes or holds the code block), -1 for other lines.
	contentStart := make([]int, v.n())
	for i := range contentStart {
		contentStart[i] = -1
	}
	skipLine := make([]bool, v.n())
	for _, b := range v.codeBlocks {
		skip := !opts.CodeBlocks
		if fb, ok := b.(*ast.FencedCodeBlock); ok && opts.CodeBlocks && len(ignore) > 0 {
			lang := ""
			if fb.Info != nil {
				lang = strings.ToLower(strings.Fields(string(fb.Info.Segment.Value(v.src)) + " ")[0])
			}
			skip = lang == "" || ignore[lang]
		}
		l := b.Lines()
		for k := 0; k < l.Len(); k++ {
			seg := l.At(k)
			i := v.lineAt(seg.Start)
			contentStart[i] = seg.Start
			if skip {
				skipLine[i] = true
			}
		}
	}
	var spans [][2]int // code spans, when they are excluded
	if !opts.CodeBlocks {
		spans = v.codeSpans()
	}
	var groups [][]Diagnostic // the fixable findings, one per run of tabs
	var edits [][]Edit
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || skipLine[i] {
			continue
		}
		line := v.text(i)
		if bytes.IndexByte(line, '\t') < 0 {
			continue
		}
		start := v.start(i)
		structural := indentationEnd(line)
		if cs := contentStart[i]; cs >= 0 {
			structural = cs - start
		}
		col := 0 // visual column, tabs to multiples of 4
		for k := 0; k < len(line); {
			if line[k] != '\t' {
				col++
				k++
				continue
			}
			j := k
			var repl strings.Builder
			for j < len(line) && line[j] == '\t' {
				if j < structural {
					w := 4 - col%4
					repl.WriteString(strings.Repeat(" ", w))
					col += w
				} else {
					repl.WriteString(strings.Repeat(" ", opts.SpacesPerTab))
					col += 4 - col%4
				}
				j++
			}
			s, e := start+k, start+j
			k = j
			if pass.InTemplate(s, e) || inSpans(spans, s) {
				continue
			}
			msg := "hard tab"
			if e-s > 1 {
				msg = fmt.Sprintf("%d hard tabs", e-s)
			}
			d := Diagnostic{Start: s, End: e, Message: msg}
			if contentStart[i] < 0 && len(bytes.TrimLeft(line[j:], " \t")) == 0 {
				// Trailing whitespace outside code: spaces in place of the
				// tab could end the line with two of them, a hard line
				// break. The fix removes the trailing whitespace up to the
				// last tab instead; the spaces after it, which decide
				// whether the line ends in a hard break, stay.
				ws := s
				for ws > start && slSpaceTab(v.src[ws-1]) {
					ws--
				}
				d.Start, d.End = ws, start+bytes.LastIndexByte(line, '\t')+1
				d.Message = "hard tab in trailing whitespace"
				d.Fix = &Fix{Message: "remove the trailing whitespace up to the last tab", Edits: []Edit{{Start: d.Start, End: d.End}}}
				k = len(line) // the later tabs of the line are in this finding
				if s-start < structural {
					groups, edits = append(groups, []Diagnostic{d}), append(edits, d.Fix.Edits)
				} else {
					pass.Report(d)
				}
				continue
			}
			// A tab before a code fence may count as less indentation
			// than four spaces would: expanding it can turn a closing
			// fence into code. Report it, fix it by hand.
			rest := bytes.TrimLeft(line, " \t")
			fence := bytes.HasPrefix(rest, []byte("```")) || bytes.HasPrefix(rest, []byte("~~~"))
			// Next to a backtick, the tab may be the first or last character
			// of a code span, where a space is stripped and a tab is not.
			backtick := contentStart[i] < 0 && (s > 0 && v.src[s-1] == '`' || e < len(v.src) && v.src[e] == '`')
			if !(fence && s-start < structural+1) && !backtick {
				d.Fix = &Fix{Message: "replace with spaces", Edits: []Edit{{Start: s, End: e, NewText: repl.String()}}}
			}
			if d.Fix == nil || s-start >= structural {
				// No fix, or a tab after the line's indentation and
				// markers, whose spaces change no block (at the end of a
				// line it was handled above).
				pass.Report(d)
				continue
			}
			groups, edits = append(groups, []Diagnostic{d}), append(edits, d.Fix.Edits)
		}
	}
	// goldmark counts a tab's columns in the indentation and after markers
	// in ways spaces do not always match (in a list item's padding, after
	// a footnote label): those fixes are offered when the document keeps
	// its blocks and list item offsets with them (one parse when they all
	// do).
	reportSafe(pass, v, groups, edits, keepItemOffsets)
	return nil
}

// indentationEnd returns the length of the prefix of a line that decides
// its block structure: whitespace, block quote markers, list markers and
// a footnote label ("[^1]:").
func indentationEnd(line []byte) int {
	k := 0
	for k < len(line) {
		switch c := line[k]; {
		case c == ' ' || c == '\t' || c == '>':
			k++
		case c == '[' && k+1 < len(line) && line[k+1] == '^':
			j := bytes.Index(line[k:], []byte("]:"))
			if j < 0 {
				return k
			}
			k += j + 2
		case c == '-' || c == '*' || c == '+':
			if k+1 < len(line) && (line[k+1] == ' ' || line[k+1] == '\t') {
				k++
				continue
			}
			return k
		case c >= '0' && c <= '9':
			j := k
			for j < len(line) && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				k = j + 1
				continue
			}
			return k
		default:
			return k
		}
	}
	return k
}

// codeSpanEnd returns the end of a code span: past its closing backticks.
func codeSpanEnd(src []byte, n ast.Node) int {
	open := 0
	for p := n.Pos(); p < len(src) && src[p] == '`'; p++ {
		open++
	}
	end := markdownInlineEnd(n)
	for end < len(src) && src[end] == ' ' {
		end++
	}
	for k := 0; k < open && end < len(src) && src[end] == '`'; k++ {
		end++
	}
	return end
}

// inSpans reports whether off lies in one of spans (sorted, disjoint).
func inSpans(spans [][2]int, off int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > off })
	return i < len(spans) && spans[i][0] <= off
}
