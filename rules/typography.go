package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// TypographyOptions configures typography.
type TypographyOptions struct {
	Quotes   string `yaml:"quotes" doc:"straight (\" and '), curly (“ ” ‘ ’), consistent (the style the post uses first) or off"`
	Ellipsis string `yaml:"ellipsis" doc:"ascii (...), unicode (…), consistent or off"`
	Dashes   string `yaml:"dashes" doc:"ascii (--), unicode (—), consistent or off"`
}

// Validate checks the styles.
func (o *TypographyOptions) Validate() error {
	for _, c := range []struct{ name, v, a, b string }{
		{"quotes", o.Quotes, "straight", "curly"}, {"ellipsis", o.Ellipsis, "ascii", "unicode"}, {"dashes", o.Dashes, "ascii", "unicode"},
	} {
		if c.v != c.a && c.v != c.b && c.v != "consistent" && c.v != "off" {
			return fmt.Errorf("%s: %q is not %s, %s, consistent or off", c.name, c.v, c.a, c.b)
		}
	}
	return nil
}

// Typography reports quotes, ellipses and dashes not in the post's style.
var Typography = &Rule{
	Name:     "typography",
	Tags:     []string{"prose"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Quotes, ellipses and dashes must follow one style",
		Description: `Posts pasted together from an editor that "smartens" punctuation and one that does not
mix ` + "`\"straight\"`" + ` and ` + "`“curly”`" + ` quotes, ` + "`don't`" + ` and ` + "`don’t`" + `, ` + "`...`" + ` and ` + "`…`" + `, ` + "`--`" + ` and ` + "`—`" + `. Each of
the options ` + "`quotes`" + `, ` + "`ellipsis`" + ` and ` + "`dashes`" + ` picks a style: ASCII (` + "`straight`" + `, ` + "`ascii`" + `), typographic
(` + "`curly`" + `, ` + "`unicode`" + `), ` + "`consistent`" + ` (the style the post uses first wins) or ` + "`off`" + `. The fix converts in
either direction; straight quotes become opening or closing quotes and apostrophes by their
context.

Code spans, code blocks, URLs, HTML and template tags are never changed. Quotes after a digit
(feet and inches: ` + "`5'10\"`" + `), ` + "`--`" + ` before a word (a command-line flag: ` + "`--force`" + `) and dots between
digits (` + "`1...10`" + `) are left alone. The rule is off by default; setting any option turns it on.`,
		Examples: []Example{
			{Bad: "“Curly” here, \"straight\" there... and -- dashes.", Good: "“Curly” here, “straight” there… and — dashes.", Note: "with consistent quotes and unicode ellipsis and dashes"},
		},
	},
	Options: func() any {
		return &TypographyOptions{Quotes: "consistent", Ellipsis: "consistent", Dashes: "consistent"}
	},
	Run: runTypography,
}

// A typographic mark found in prose: ASCII or typographic form.
type typoMark struct {
	kind       int // typoQuote, typoEllipsis, typoDash
	start, end int // absolute
	ascii      bool
	text       string
	fixed      string // the other form
}

const (
	typoQuote = iota
	typoEllipsis
	typoDash
)

func runTypography(pass *Pass) error {
	opts := OptionsOf[TypographyOptions](pass)
	modes := [3]string{opts.Quotes, opts.Ellipsis, opts.Dashes}
	var marks []typoMark
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString {
			continue
		}
		marks = append(marks, typoMarks(c, src)...)
	}
	// consistent: the first mark of each kind sets the style.
	var first [3]int // 0 unset, 1 ascii, 2 typographic
	for _, m := range marks {
		if first[m.kind] == 0 {
			first[m.kind] = map[bool]int{true: 1, false: 2}[m.ascii]
		}
	}
	styles := [3][2]string{{"curly quotes", "straight quotes"}, {"a typographic ellipsis", "three dots"}, {"typographic dashes", "ASCII dashes"}}
	for _, m := range marks {
		var wantASCII bool
		switch modes[m.kind] {
		case "straight", "ascii":
			wantASCII = true
		case "curly", "unicode":
			wantASCII = false
		case "consistent":
			wantASCII = first[m.kind] == 1
		default:
			continue
		}
		if m.ascii == wantASCII || m.fixed == "" {
			continue
		}
		style := styles[m.kind][0]
		if wantASCII {
			style = styles[m.kind][1]
		}
		msg := fmt.Sprintf("use %q rather than %q (%s)", m.fixed, m.text, style)
		if modes[m.kind] == "consistent" {
			msg = fmt.Sprintf("use %q rather than %q: the post uses %s first", m.fixed, m.text, style)
		}
		pass.Report(Diagnostic{
			Start:   m.start,
			End:     m.end,
			Message: msg,
			Fix:     &Fix{Message: fmt.Sprintf("replace with %q", m.fixed), Edits: []Edit{{Start: m.start, End: m.end, NewText: m.fixed}}},
		})
	}
	return nil
}

// typoMarks finds the quotes, ellipses and dashes of a chunk that are prose
// as written, with their other form.
func typoMarks(c *Chunk, src []byte) []typoMark {
	var out []typoMark
	t := c.Text
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRune(t[i:])
		abs := c.Start + i
		if !c.Clean(src, i, i+size) {
			i += size
			continue
		}
		prev, _ := utf8.DecodeLastRune(src[:abs])
		if abs == 0 {
			prev = ' '
		}
		next, _ := utf8.DecodeRune(src[abs+size:])
		if abs+size >= len(src) {
			next = ' '
		}
		switch {
		case r == '"' || r == '\'':
			if unicode.IsDigit(prev) {
				break // feet and inches, minutes and seconds
			}
			out = append(out, typoMark{kind: typoQuote, start: abs, end: abs + size, ascii: true, text: string(r), fixed: curlyQuote(r, prev, next)})
		case r == '“' || r == '”':
			out = append(out, typoMark{kind: typoQuote, start: abs, end: abs + size, text: string(r), fixed: `"`})
		case r == '‘' || r == '’':
			out = append(out, typoMark{kind: typoQuote, start: abs, end: abs + size, text: string(r), fixed: `'`})
		case r == '.' && i+3 <= len(t) && string(t[i:i+3]) == "..." && (i+3 == len(t) || t[i+3] != '.') && prev != '.':
			if unicode.IsDigit(prev) && i+3 < len(t) && t[i+3] >= '0' && t[i+3] <= '9' {
				i += 3
				continue // a range: 1...10
			}
			if c.Clean(src, i, i+3) {
				out = append(out, typoMark{kind: typoEllipsis, start: abs, end: abs + 3, ascii: true, text: "...", fixed: "…"})
			}
			i += 3
			continue
		case r == '…':
			out = append(out, typoMark{kind: typoEllipsis, start: abs, end: abs + size, text: "…", fixed: "..."})
		case r == '-' && i+2 <= len(t) && t[i+1] == '-' && (i+2 == len(t) || t[i+2] != '-') && prev != '-':
			after, _ := utf8.DecodeRune(src[abs+2:])
			if abs+2 >= len(src) {
				after = ' '
			}
			spacedBefore := unicode.IsSpace(prev)
			spacedAfter := unicode.IsSpace(after)
			wordy := func(r rune) bool {
				return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ',' || r == '.' || r == ')' || r == '"' || r == '’' || r == '”'
			}
			// "word--word" or "word -- word", never "--flag".
			if c.Clean(src, i, i+2) && (spacedBefore && spacedAfter || !spacedBefore && !spacedAfter && wordy(prev) && unicode.IsLetter(after)) {
				out = append(out, typoMark{kind: typoDash, start: abs, end: abs + 2, ascii: true, text: "--", fixed: "—"})
			}
			i += 2
			continue
		case r == '—':
			out = append(out, typoMark{kind: typoDash, start: abs, end: abs + size, text: "—", fixed: "--"})
		}
		i += size
	}
	return out
}

// curlyQuote returns the typographic form of a straight quote r between prev
// and next (source characters).
func curlyQuote(r, prev, next rune) string {
	opening := unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '{' || prev == '—' || prev == '–' || prev == '/' || prev == utf8.RuneError
	if r == '"' {
		if opening {
			return "“"
		}
		return "”"
	}
	if opening && !unicode.IsDigit(next) { // '90s is an apostrophe
		return "‘"
	}
	return "’"
}
