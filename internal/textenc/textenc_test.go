package textenc

import (
	"bytes"
	"testing"
	"unicode/utf16"
)

func utf16Bytes(s string, big, bom bool) []byte {
	var out []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if big {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

func TestDetectUTF16(t *testing.T) {
	text := "# Title\r\n\r\nCafé “quoted” 😀 and plain ASCII text.\n"
	for _, c := range []struct {
		name     string
		big, bom bool
	}{{"le", false, false}, {"be", true, false}, {"le-bom", false, true}, {"be-bom", true, true}} {
		src := utf16Bytes(text, c.big, c.bom)
		u, ok := DetectUTF16(src)
		if !ok {
			t.Errorf("%s: not detected", c.name)
			continue
		}
		if u.BOM != c.bom || (u.Order == BigEndian) != c.big {
			t.Errorf("%s: got %+v", c.name, u)
		}
		if got := string(DecodeUTF16(src, u)); got != text {
			t.Errorf("%s: decoded %q", c.name, got)
		}
	}
	for name, src := range map[string][]byte{
		"utf8":                      []byte("plain text\n"),
		"odd length":                utf16Bytes("text", false, false)[:7],
		"binary":                    {0x00, 0x01, 0x02, 0x00, 0x7F, 0x00, 0x03, 0x00},
		"lone surrogate":            append(utf16Bytes("ab", false, true), 0x00, 0xD8, 0x41, 0x00),
		"nul pattern with controls": bytes.Repeat([]byte{0x01, 0x00}, 20),
		"empty":                     {},
	} {
		if u, ok := DetectUTF16(src); ok {
			t.Errorf("%s: detected as %+v", name, u)
		}
	}
}

func TestInvalidRuns(t *testing.T) {
	src := []byte("ok \xe9 \x93\x94 é \xff")
	got := InvalidRuns(src)
	want := []Run{{3, 4}, {5, 7}, {11, 12}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("got %v, want %v", got, want)
		}
	}
	if runs := InvalidRuns([]byte("valid: é — 😀 \uFFFD")); runs != nil {
		t.Errorf("valid text: %v", runs)
	}
}

func TestDecodeWindows1252(t *testing.T) {
	for in, want := range map[string]string{
		"\xe9":     "é",
		"\x93\x94": "“”",
		"\x80":     "€",
		"\xa0\xff": "\u00a0ÿ",
	} {
		if got, ok := DecodeWindows1252([]byte(in)); !ok || got != want {
			t.Errorf("%q: got %q %v, want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"\x81", "a\x8db", "\x8f", "\x90", "\x9d"} {
		if got, ok := DecodeWindows1252([]byte(in)); ok {
			t.Errorf("%q: got %q, want not ok", in, got)
		}
	}
}
