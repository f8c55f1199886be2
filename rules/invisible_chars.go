package rules

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// InvisibleCharsOptions configures invisible-chars.
type InvisibleCharsOptions struct {
	NBSP string `yaml:"nbsp" doc:"no-break spaces (U+00A0) in prose: \"stray\" reports those next to a space or at the start or end of a line, \"all\" reports every one, \"off\" none"`
}

// Validate checks the option values.
func (o *InvisibleCharsOptions) Validate() error {
	switch o.NBSP {
	case "stray", "all", "off":
		return nil
	}
	return fmt.Errorf("option nbsp: %q is not one of stray, all, off", o.NBSP)
}

// InvisibleChars reports invisible characters that change text without
// showing: zero-width characters, soft hyphens, bidirectional overrides,
// line and paragraph separators, hidden tag characters, stray no-break spaces.
var InvisibleChars = &Rule{
	Name:     "invisible-chars",
	Tags:     []string{"encoding"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Text must not contain invisible characters",
		Description: `Reports characters that cannot be seen but change the text: a search for the word does not
find it, a command copied from the post fails, a spell checker stumbles. They come from pasting
out of web pages, word processors and chat.

- zero-width space (U+200B), word joiner (U+2060): removed. A zero-width space next to Thai, Lao,
  Khmer, Myanmar, Chinese or Japanese text, where it marks word breaks, is left alone.
- zero-width non-joiner and joiner (U+200C, U+200D): removed, except inside words of scripts that
  use them (Arabic, Persian, Indic scripts …) and, for the joiner, inside emoji sequences (👩‍💻).
- soft hyphen (U+00AD): removed.
- line and paragraph separators (U+2028, U+2029): replaced with a space.
- Unicode tag characters (U+E0000–U+E007F) outside an emoji flag sequence: hidden ASCII text,
  removed.
- bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder
  how text is displayed, so that what a reader sees is not what is there ("Trojan Source",
  CVE-2021-42574). They are reported everywhere, code included, and removed outside code.
- no-break spaces (U+00A0), option ` + "`nbsp`" + `: by default ("stray") those next to a space or at
  the start or end of a line are removed; "all" also replaces every other one with a space
  (intended ones — "10 km", "M. Dupont", French "oui !" — included, so it is off by default).

Only the bidirectional controls are looked for in code spans and code blocks. Template tags
are skipped. Outside prose and front matter values (in HTML, link destinations) characters are
reported without a fix, and so they are where removing them could change how the post renders:
at the start of a line ("\u200B# x" would become a heading), next to Markdown syntax, or as the
only text on a line or in a table cell. A U+FEFF after the start of the file is the ` + "`bom`" + `
rule's.`,
		Examples: []Example{
			{Bad: "Run `make`\\u200B to build.", Good: "Run `make` to build.", Note: "\\u200B stands for the invisible zero-width space"},
		},
	},
	Options: func() any { return &InvisibleCharsOptions{NBSP: "stray"} },
	Run:     runInvisibleChars,
}

// invisible classes.
const (
	invNone = iota
	invZeroWidth
	invJoiner // ZWNJ, ZWJ
	invSoftHyphen
	invSeparator
	invTag
	invBidi
	invNBSP
)

func invisibleClass(r rune) int {
	switch {
	case r == 0x200B || r == 0x2060:
		return invZeroWidth
	case r == 0x200C || r == 0x200D:
		return invJoiner
	case r == 0x00AD:
		return invSoftHyphen
	case r == 0x2028 || r == 0x2029:
		return invSeparator
	case r >= 0xE0000 && r <= 0xE007F:
		return invTag
	case r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069:
		return invBidi
	case r == 0x00A0:
		return invNBSP
	}
	return invNone
}

var invisibleNames = map[rune]string{
	0x200B: "zero-width space", 0x2060: "word joiner", 0x200C: "zero-width non-joiner",
	0x200D: "zero-width joiner", 0x00AD: "soft hyphen", 0x2028: "line separator",
	0x2029: "paragraph separator", 0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
	0x202C: "pop directional formatting", 0x202D: "left-to-right override", 0x202E: "right-to-left override",
	0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate",
	0x2069: "pop directional isolate", 0x00A0: "no-break space",
}

// hasInvisible is a fast check for a lead byte of any reported character.
func hasInvisible(src []byte) bool {
	for _, b := range src {
		if b == 0xE2 || b == 0xC2 || b == 0xF3 {
			return true
		}
	}
	return false
}

func runInvisibleChars(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	opts := OptionsOf[InvisibleCharsOptions](pass)
	src := pass.Source
	if !hasInvisible(src) {
		return nil
	}
	code := hygCodeSpans(pass.Document)
	prose := newHygProse(pass.Document)
	for i := 0; i < len(src); {
		// Every reported character starts with one of three lead bytes,
		// which never continue another character: decode only there.
		if b := src[i]; b != 0xE2 && b != 0xC2 && b != 0xF3 {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		class := invNone
		if size > 1 {
			class = invisibleClass(r)
		}
		if class == invNone {
			i += size
			continue
		}
		start, end := i, i+size
		// A run of the same character (of tag characters: of any) is one finding.
		for end < len(src) {
			r2, s2 := utf8.DecodeRune(src[end:])
			if r2 != r && (class != invTag || invisibleClass(r2) != invTag) {
				break
			}
			end += s2
		}
		i = end
		inCode := code.contains(start)
		if inCode && class != invBidi || pass.InTemplate(start, end) {
			continue
		}
		if class == invNBSP {
			if opts.NBSP != "off" {
				if d, ok := nbspFinding(src, start, end, prose, opts.NBSP == "all"); ok {
					pass.Report(d)
					i = max(i, d.End)
				}
			}
			continue
		}
		before, after := hygRuneBefore(src, start), hygRuneAt(src, end)
		repl := ""
		switch class {
		case invZeroWidth:
			if r == 0x200B && (wordBreakScript(before) || wordBreakScript(after)) {
				continue
			}
		case invJoiner:
			if joinsScript(before) && joinsScript(after) {
				continue
			}
			if r == 0x200D && isEmojiPart(before) && isEmojiPart(after) {
				continue
			}
		case invTag:
			if tagSequence(src, start) {
				continue
			}
		case invSeparator:
			repl = " "
		}
		d := Diagnostic{Start: start, End: end, Message: invisibleMessage(r, end-start, size, class, inCode)}
		if !inCode && prose.clean(start, end) {
			if risk := hygRemovalRisk(src, start, end, repl); risk != "" {
				d.Message += risk
			} else {
				msg := "remove it"
				if repl != "" {
					msg = "replace it with a space"
				} else {
					d.Start = hygTrailingStart(src, start, end)
				}
				d.Fix = &Fix{Message: msg, Edits: []Edit{{Start: d.Start, End: end, NewText: repl}}}
			}
		}
		pass.Report(d)
	}
	return nil
}

func invisibleMessage(r rune, n, size, class int, inCode bool) string {
	name := invisibleNames[r]
	if class == invTag {
		return fmt.Sprintf("%d invisible Unicode tag characters (hidden text)", n/4)
	}
	s := fmt.Sprintf("invisible %s (U+%04X)", name, r)
	if count := n / size; count > 1 && class != invTag {
		s = fmt.Sprintf("%d invisible %ss (U+%04X)", count, name, r)
	}
	switch {
	case class == invBidi && inCode:
		s = fmt.Sprintf("bidirectional control %s (U+%04X) in code: the code shown is not the code that runs (Trojan Source)", name, r)
	case class == invBidi:
		s = fmt.Sprintf("bidirectional control %s (U+%04X): the text shown is not the text there", name, r)
	}
	return s
}

// nbspFinding judges the no-break spaces src[start:end] (a run of them) and
// the spaces and tabs around them on their line: stray when the cluster
// holds a space or tab or touches the start or end of the line. The fix
// keeps what the line's layout depends on: at the end of a line the ASCII
// spaces after the last no-break space (a hard break stays a hard break, and
// none appears), at the start the indentation before the first one, and
// between words one space.
func nbspFinding(src []byte, start, end int, prose hygProse, all bool) (Diagnostic, bool) {
	cs, ce := start, end
	for cs > 0 {
		if c := src[cs-1]; c == ' ' || c == '\t' {
			cs--
		} else if cs >= 2 && src[cs-2] == 0xC2 && src[cs-1] == 0xA0 {
			cs -= 2
		} else {
			break
		}
	}
	for ce < len(src) {
		if c := src[ce]; c == ' ' || c == '\t' {
			ce++
		} else if ce+1 < len(src) && src[ce] == 0xC2 && src[ce+1] == 0xA0 {
			ce += 2
		} else {
			break
		}
	}
	if !prose.clean(cs, ce) {
		return Diagnostic{}, false
	}
	first, last, count, ascii := -1, -1, 0, false
	for k := cs; k < ce; {
		if src[k] == 0xC2 {
			if first < 0 {
				first = k
			}
			last = k + 2
			count++
			k += 2
			continue
		}
		ascii = true
		k++
	}
	atStart := cs == 0 || src[cs-1] == '\n'
	atEnd := ce == len(src) || src[ce] == '\n' || src[ce] == '\r'
	if atStart && atEnd || onlyContent(src, cs, ce) {
		return Diagnostic{}, false // a line or table cell holding only a no-break space keeps it on purpose
	}
	stray := ascii || atStart || atEnd
	if !stray && !all {
		return Diagnostic{}, false
	}
	what := "no-break space (U+00A0)"
	if count > 1 {
		what = fmt.Sprintf("%d no-break spaces (U+00A0)", count)
	}
	d := Diagnostic{Start: cs, End: ce}
	var repl string
	switch {
	case atEnd:
		d.Message = what + " at the end of a line"
		repl = string(src[last:ce])
		if risk := hygRemovalRisk(src, cs, ce, repl); risk != "" {
			d.Message += risk
			return d, true
		}
	case atStart:
		d.Message = what + " at the start of a line"
		repl = string(src[cs:first])
		if risk := hygRemovalRisk(src, cs, ce, repl); risk != "" {
			d.Message += risk
			return d, true
		}
	case ascii:
		d.Message = what + " next to a space"
		repl = " "
	default:
		d.Message = what + " between words"
		repl = " "
	}
	if !atEnd && !atStart {
		if risk := hygRemovalRisk(src, cs, ce, repl); risk != "" {
			d.Message += risk
			return d, true
		}
	}
	msg := "remove it"
	if repl == " " {
		msg = "replace with one space"
	}
	d.Fix = &Fix{Message: msg, Edits: []Edit{{Start: cs, End: ce, NewText: repl}}}
	return d, true
}

// onlyContent reports whether [start, end) is all a line or a table cell holds
// but spaces.
func onlyContent(src []byte, start, end int) bool {
	i := start - 1
	for i >= 0 && (src[i] == ' ' || src[i] == '\t') {
		i--
	}
	j := end
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	left := i < 0 || src[i] == '\n' || src[i] == '|'
	right := j >= len(src) || src[j] == '\n' || src[j] == '\r' || src[j] == '|'
	return left && right
}

// wordBreakScript reports scripts written without spaces, where a zero-width
// space marks a word break.
func wordBreakScript(r rune) bool {
	return r > 0 && (unicode.In(r, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
		unicode.Han, unicode.Hiragana, unicode.Katakana))
}

// joinsScript reports letters and marks of scripts in which the zero-width
// joiner and non-joiner shape text (everything but Latin, Greek, Cyrillic and
// the common characters).
func joinsScript(r rune) bool {
	if r <= 0 || !unicode.In(r, unicode.L, unicode.M) {
		return false
	}
	return !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Common)
}

// isEmojiPart reports characters that take part in emoji ZWJ sequences:
// pictographs, skin tone modifiers, variation selector 16, gender and other
// symbols.
func isEmojiPart(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2B00 && r <= 0x2BFF:
		return true
	case r == 0xFE0F, r == 0x2640, r == 0x2642, r == 0x2695, r == 0x2696, r == 0x2708, r == 0x2764:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	}
	return false
}

// tagSequence reports whether the tag characters at start follow a black flag
// (U+1F3F4) as in the flags of England, Scotland and Wales.
func tagSequence(src []byte, start int) bool {
	i := start
	for i > 0 {
		r, size := utf8.DecodeLastRune(src[:i])
		switch {
		case r == 0x1F3F4:
			return true
		case r >= 0xE0000 && r <= 0xE007F:
			i -= size
		default:
			return false
		}
	}
	return false
}
