package mojibake

import (
	"unicode"
	"unicode/utf8"
)

// byteOf returns the Windows-1252 / Latin-1 byte that decodes to r, if any.
// U+0000-U+00FF map to themselves (Latin-1, which includes the C1 controls
// that browsers keep for the five bytes cp1252 leaves undefined); the
// cp1252 specials in 0x80-0x9F map to their bytes.
func byteOf(r rune) (byte, bool) {
	if r >= 0 && r < 0x100 {
		return byte(r), true
	}
	switch r {
	case '€':
		return 0x80, true
	case '‚':
		return 0x82, true
	case 'ƒ':
		return 0x83, true
	case '„':
		return 0x84, true
	case '…':
		return 0x85, true
	case '†':
		return 0x86, true
	case '‡':
		return 0x87, true
	case 'ˆ':
		return 0x88, true
	case '‰':
		return 0x89, true
	case 'Š':
		return 0x8A, true
	case '‹':
		return 0x8B, true
	case 'Œ':
		return 0x8C, true
	case 'Ž':
		return 0x8E, true
	case '‘':
		return 0x91, true
	case '’':
		return 0x92, true
	case '“':
		return 0x93, true
	case '”':
		return 0x94, true
	case '•':
		return 0x95, true
	case '–':
		return 0x96, true
	case '—':
		return 0x97, true
	case '˜':
		return 0x98, true
	case '™':
		return 0x99, true
	case 'š':
		return 0x9A, true
	case '›':
		return 0x9B, true
	case 'œ':
		return 0x9C, true
	case 'ž':
		return 0x9E, true
	case 'Ÿ':
		return 0x9F, true
	}
	return 0, false
}

// contByte returns the UTF-8 continuation byte (0x80-0xBF) that r stands
// for when the text was mis-decoded, if any.
func contByte(r rune) (byte, bool) {
	b, ok := byteOf(r)
	if !ok || b < 0x80 || b > 0xBF {
		return 0, false
	}
	return b, true
}

// isCloser reports whether r, the rune a continuation byte became, is
// punctuation that real text puts right after a word: closing (or, in
// German and Danish usage, opening) quotes, ellipsis, dashes, NBSP,
// superscripts, degree, trademark and footnote daggers. An accented
// capital followed by one of these is as likely to be an all-caps word as
// damage.
func isCloser(r rune) bool {
	switch r {
	case '’', '‘', '”', '“', '»', '«', '›', '‹', '…', '–', '—',
		'\u00A0', '°', '¹', '²', '³', '™', '®', '·', '†', '‡':
		return true
	}
	return false
}

// isWordLetter reports whether r, standing for a continuation byte, is a
// letter that real text puts inside words after an accented letter, as in
// Czech "víš".
func isWordLetter(r rune) bool {
	switch r {
	case 'š', 'ž':
		return true
	}
	return false
}

// isWordEnd reports whether r, standing for a continuation byte, is
// punctuation that real prose puts after a word ending in a lowercase
// accented letter, as in French "été\u00A0»" or Italian "è…”".
func isWordEnd(r rune) bool {
	switch r {
	case '’', '‘', '”', '“', '»', '«', '›', '‹', '…', '–', '—',
		'\u00A0', '¹', '²', '³', '™', '®':
		return true
	}
	return false
}

// isQuote reports whether r is a quotation mark or an ellipsis, which
// real text puts after any word.
func isQuote(r rune) bool {
	switch r {
	case '’', '‘', '”', '“', '»', '«', '›', '‹', '…':
		return true
	}
	return false
}

// isDash reports whether r is an en or em dash.
func isDash(r rune) bool { return r == '–' || r == '—' }

// isLower reports whether r is a lowercase letter.
func isLower(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z'
	}
	return unicode.IsLower(r)
}

// isLetter reports whether r is a letter of any script.
func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

// isUpper reports whether r is an uppercase or titlecase letter.
func isUpper(r rune) bool {
	if r < utf8.RuneSelf {
		return 'A' <= r && r <= 'Z'
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// isDigit reports whether r is an ASCII digit.
func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// isRepairable reports whether r, the rune a candidate sequence decodes
// to, is something text would contain: a graphic character, or one of the
// invisible format characters that real text carries (soft hyphen,
// zero-width joiners, bidi marks, BOM, emoji tag characters). Controls,
// private use, surrogates and unassigned code points are not repairable,
// except that the emoji blocks are accepted whole so that emoji newer
// than the Unicode tables of this Go release still count.
func isRepairable(r rune) bool {
	switch {
	case unicode.IsGraphic(r):
		return true
	case r == 0x00AD, r >= 0x200B && r <= 0x200F, r >= 0x202A && r <= 0x202E,
		r >= 0x2060 && r <= 0x2064, r >= 0x2066 && r <= 0x2069, r == 0xFEFF,
		r == 0xE0001, r >= 0xE0020 && r <= 0xE007F:
		return true
	case r >= 0x1F000 && r <= 0x1FAFF:
		return true
	}
	return false
}

// Classes of the rune a 2-byte candidate decodes to; see weak2.
const (
	classSymbol   = iota // U+00A0-U+00BF: Latin-1 symbols (lead Â)
	classCore            // Latin-1 letters, Latin Extended-A, Greek, basic Cyrillic
	classExtended        // Latin Extended-B, IPA, modifiers, combining marks, Cyrillic extensions
	classRare            // Armenian, Hebrew, Arabic, Syriac, Thaana, NKo
)

// class2 classifies the rune r that a 2-byte candidate decodes to
// (U+0080-U+07FF).
func class2(r rune) int {
	switch {
	case r < 0xC0:
		return classSymbol
	case r < 0x180:
		return classCore
	case r < 0x370:
		return classExtended
	case r < 0x480:
		return classCore
	case r < 0x530:
		return classExtended
	}
	return classRare
}
