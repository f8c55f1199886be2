// Package textenc recognises text that is not UTF-8 and converts it: UTF-16
// files (by byte order mark or by the NUL pattern of mostly-ASCII text) and
// runs of bytes that are not valid UTF-8, decoded as Windows-1252.
package textenc

import (
	"bytes"
	"encoding/binary"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// ByteOrder is the byte order of a UTF-16 text.
type ByteOrder uint8

// Byte orders.
const (
	LittleEndian ByteOrder = iota + 1
	BigEndian
)

func (o ByteOrder) String() string {
	if o == BigEndian {
		return "big-endian"
	}
	return "little-endian"
}

// UTF16 describes a text recognised as UTF-16.
type UTF16 struct {
	Order ByteOrder
	BOM   bool // the text starts with a byte order mark
}

// sample is how much of a file DetectUTF16 reads to judge the NUL pattern.
const sample = 8000

// DetectUTF16 reports whether src is UTF-16 text: it starts with a UTF-16
// byte order mark, or (without one) its bytes show the pattern of text that
// is mostly ASCII (a NUL in every other byte, on one side only). Either way
// the whole text must decode to UTF-16 without unpaired surrogates, and to no
// control characters but tab, line feed and carriage return: a binary file
// with a chance pattern is not taken for text.
func DetectUTF16(src []byte) (UTF16, bool) {
	var u UTF16
	switch {
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		u = UTF16{Order: LittleEndian, BOM: true}
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		u = UTF16{Order: BigEndian, BOM: true}
	default:
		order, ok := nulPattern(src)
		if !ok {
			return UTF16{}, false
		}
		u = UTF16{Order: order}
	}
	if len(src)%2 != 0 {
		return UTF16{}, false
	}
	if _, ok := decodeUTF16(src, u); !ok {
		return UTF16{}, false
	}
	return u, true
}

// nulPattern looks at the first sample bytes: in UTF-16 text that is mostly
// ASCII, most code units have a zero high byte and a non-zero low byte.
func nulPattern(src []byte) (ByteOrder, bool) {
	n := min(len(src), sample) &^ 1
	if n < 4 || bytes.IndexByte(src[:n], 0) < 0 {
		return 0, false // no NUL at all (every UTF-8 file): one fast scan
	}
	var evenNUL, oddNUL int
	for i := 0; i < n; i += 2 {
		if src[i] == 0 {
			evenNUL++
		}
		if src[i+1] == 0 {
			oddNUL++
		}
	}
	units := n / 2
	switch {
	case oddNUL*10 >= units*7 && evenNUL*20 <= units:
		return LittleEndian, true
	case evenNUL*10 >= units*7 && oddNUL*20 <= units:
		return BigEndian, true
	}
	return 0, false
}

// DecodeUTF16 converts a text that DetectUTF16 recognised to UTF-8, without
// the byte order mark.
func DecodeUTF16(src []byte, u UTF16) []byte {
	out, _ := decodeUTF16(src, u)
	return out
}

func decodeUTF16(src []byte, u UTF16) ([]byte, bool) {
	if u.BOM {
		src = src[2:]
	}
	var order binary.ByteOrder = binary.LittleEndian
	if u.Order == BigEndian {
		order = binary.BigEndian
	}
	out := make([]byte, 0, len(src)/2+len(src)/8)
	for i := 0; i+1 < len(src); i += 2 {
		c := rune(order.Uint16(src[i:]))
		if utf16.IsSurrogate(c) {
			if c >= 0xDC00 || i+3 >= len(src) {
				return nil, false
			}
			lo := rune(order.Uint16(src[i+2:]))
			c = utf16.DecodeRune(c, lo)
			if c == utf8.RuneError {
				return nil, false
			}
			i += 2
		}
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return nil, false
		}
		out = utf8.AppendRune(out, c)
	}
	return out, true
}

// Run is a stretch of bytes that are not valid UTF-8: src[Start:End].
type Run struct{ Start, End int }

// InvalidRuns returns the maximal runs of src that are not part of a valid
// UTF-8 encoding, in order. A valid text has none.
func InvalidRuns(src []byte) []Run {
	var runs []Run
	for i := 0; i < len(src); {
		if src[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r != utf8.RuneError || size != 1 {
			i += size
			continue
		}
		if n := len(runs); n > 0 && runs[n-1].End == i {
			runs[n-1].End++
		} else {
			runs = append(runs, Run{Start: i, End: i + 1})
		}
		i++
	}
	return runs
}

// DecodeWindows1252 decodes b as Windows-1252. ok is false when b holds one
// of the five bytes that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
// 0x90, 0x9D): such text is in some other encoding.
func DecodeWindows1252(b []byte) (s string, ok bool) {
	out, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
		return "", false
	}
	return string(out), true
}
