package rules

import (
	"fmt"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/mojibake"
)

// ControlChars reports control characters other than tab, line feed and
// carriage return.
var ControlChars = &Rule{
	Name:     "control-chars",
	Tags:     []string{"encoding"},
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "Text must not contain control characters",
		Description: `Reports C0 control characters other than tab, line feed and carriage return (U+0000–U+001F),
DEL (U+007F) and C1 control characters (U+0080–U+009F). They have no business in a post: they
are invisible or drawn as boxes, and XML feeds that carry them are invalid. They come from
copying out of terminals (` + "`ESC[31m`" + ` colour codes), PDFs and word processors (vertical tab,
form feed), and from mojibake: UTF-8 read as Latin-1 turns ` + "`’`" + ` into ` + "`â`" + ` plus the C1 controls
U+0080 U+0099.

The fix removes the character (a terminal colour sequence is removed whole; a vertical tab or
form feed between two words becomes a space). Where a control character is part of a damaged
run that the ` + "`mojibake`" + ` rule repairs, this rule stays silent and leaves it to ` + "`mojibake`" + `.
Code spans and code blocks are not checked (a post may show control characters in code on
purpose), nor are template tags. Outside prose (in HTML, link destinations) the character is
reported without a fix, and so it is where removing it could change how the post renders: at
the start of a line ("\x1f- item" would become a list), next to Markdown syntax, or as the only
text on its line. A NUL is never fixed. A run of the same character is one finding.`,
		Examples: []Example{
			{Bad: "Build \\x1b[32mpassed\\x1b[0m today.", Good: "Build passed today.", Note: "\\x1b is the escape character"},
		},
	},
	Run: runControlChars,
}

// isControl reports whether r is a control character this rule reports.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7F || r >= 0x80 && r <= 0x9F
}

func runControlChars(pass *Pass) error {
	src := pass.Source
	if !hasControl(src) {
		return nil
	}
	if hygUTF16(pass.Document) {
		return nil
	}
	code := hygCodeSpans(pass.Document)
	prose := newHygProse(pass.Document)
	var damaged []hygSpan // mojibake runs of the chunks looked at so far
	var looked *Chunk
	for i := 0; i < len(src); {
		// Control characters are ASCII bytes or C2 80..C2 9F, and neither
		// byte continues another character: look at the bytes, and decode
		// only there.
		if b := src[i]; b >= 0x20 && b != 0x7F && b != 0xC2 || b == '\t' || b == '\n' || b == '\r' {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 || !isControl(r) {
			i += size
			continue
		}
		start, end := i, i+size
		if r == 0x1B {
			end = ansiEnd(src, end)
		}
		if end == start+size {
			// A run of the same character is one finding.
			for end+size <= len(src) && string(src[end:end+size]) == string(src[start:start+size]) {
				end += size
			}
		}
		i = end
		if code.contains(start) || pass.InTemplate(start, end) {
			continue
		}
		// A control character inside a mojibake run is mojibake's to repair.
		if c := prose.chunk(start, end); c != nil {
			if c != looked {
				looked, damaged = c, nil
				for _, m := range mojibake.Find(c.Text) {
					damaged = append(damaged, hygSpan{c.Start + m.Start, c.Start + m.End})
				}
			}
			if hygSpans(damaged).overlaps(start, end) {
				continue
			}
		}
		d := Diagnostic{Start: start, End: end, Message: controlMessage(src[start:end], r)}
		// NUL is not fixed: goldmark reads it as U+FFFD, and the CLI takes
		// a file holding one for binary.
		if r != 0 && (prose.clean(start, end) || inFrontMatter(pass.Document, start, end)) {
			repl := ""
			if (r == '\v' || r == '\f') && visible(hygRuneBefore(src, start)) && visible(hygRuneAt(src, end)) {
				repl = " "
			}
			if risk := hygRemovalRisk(src, start, end, repl); risk != "" {
				d.Message += risk
			} else {
				if repl == "" {
					d.Start = hygTrailingStart(src, start, end)
				}
				d.Fix = &Fix{Message: "remove it", Edits: []Edit{{Start: d.Start, End: end, NewText: repl}}}
				if repl != "" {
					d.Fix.Message = "replace it with a space"
				}
			}
		}
		pass.Report(d)
	}
	return nil
}

// hasControl is a fast check for any byte that may start a control character.
func hasControl(src []byte) bool {
	for _, b := range src {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' || b == 0x7F || b == 0xC2 {
			return true
		}
	}
	return false
}

// ansiEnd returns the end of an ANSI escape sequence (CSI: ESC [ digits and
// semicolons, a final letter, as in ESC [ 3 1 m) whose ESC ends at i, or i
// when none follows.
func ansiEnd(src []byte, i int) int {
	if i >= len(src) || src[i] != '[' {
		return i
	}
	for k := i + 1; k < len(src) && k < i+32; k++ {
		c := src[k]
		switch {
		case c >= '0' && c <= '9' || c == ';' || c == '?':
			continue
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			return k + 1
		}
		break
	}
	return i
}

func isSpaceByte(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

// visible reports a character that is neither whitespace nor one the hygiene
// rules remove: a vertical tab or form feed between two of them becomes a
// space, elsewhere it goes.
func visible(r rune) bool {
	return r > ' ' && r != utf8.RuneError && !hygRemovable(r) && r != 0xA0
}

func controlMessage(text []byte, r rune) string {
	name := controlNames[r]
	n := utf8.RuneCount(text)
	switch {
	case r == 0x1B && n > 1 && text[1] == '[':
		return fmt.Sprintf("terminal escape sequence %q", text)
	case n > 1 && name != "":
		return fmt.Sprintf("%d control characters U+%04X (%s)", n, r, name)
	case n > 1:
		return fmt.Sprintf("%d control characters U+%04X", n, r)
	case name != "":
		return fmt.Sprintf("control character U+%04X (%s)", r, name)
	case r >= 0x80:
		return fmt.Sprintf("C1 control character U+%04X", r)
	}
	return fmt.Sprintf("control character U+%04X", r)
}

var controlNames = map[rune]string{
	0x00: "NUL", 0x07: "bell", 0x08: "backspace", 0x0B: "vertical tab", 0x0C: "form feed",
	0x1B: "escape", 0x7F: "DEL", 0x85: "next line",
}

// inFrontMatter reports whether [start, end) lies inside the front matter
// block, outside the escape sequences of its values (a YAML parser rejects
// most control characters: removing them repairs the block).
func inFrontMatter(doc *Document, start, end int) bool {
	fm := doc.FrontMatter
	if fm == nil || start < fm.Start || end > fm.End {
		return false
	}
	for _, v := range fm.Values {
		for _, e := range v.Escapes {
			if e[0] < end && start < e[1] {
				return false
			}
		}
	}
	return true
}
