package rules

import (
	"fmt"
	"strings"

	"github.com/postlint/postlint/internal/textenc"
)

// InvalidUTF8 reports bytes that are not UTF-8 and converts them: runs of
// invalid bytes are decoded as Windows-1252, UTF-16 files are converted whole.
var InvalidUTF8 = &Rule{
	Name:     "invalid-utf8",
	Tags:     []string{"encoding"},
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "Files must be UTF-8",
		Description: `Reports every run of bytes that is not valid UTF-8, with the bytes, and files in UTF-16.

Invalid bytes in a Markdown file almost always come from Windows-1252 (the Western Windows code
page that editors and old CMS exports still write, and a superset of Latin-1): ` + "`café`" + ` saved as
Windows-1252 is the bytes ` + "`63 61 66 E9`" + `, and ` + "`E9`" + ` on its own is not UTF-8. The fix decodes each
bad run as Windows-1252 and writes it as UTF-8 (` + "`E9`" + ` becomes ` + "`é`" + `, ` + "`93 94`" + ` become ` + "`“”`" + `);
valid UTF-8 around it is kept as it is. A run holding one of the five bytes Windows-1252 leaves
undefined (` + "`81 8D 8F 90 9D`" + `) is in some other encoding, and a UTF-8 character cut short (at
the end of the file, or the ` + "`E2 80`" + ` that starts ` + "`’ “ ” – —`" + `) is damage, not Windows-1252: both
are reported without a fix.

A file in UTF-16 — recognised by its byte order mark, or without one by the pattern of NUL bytes
that mostly-ASCII text has in UTF-16 — is reported once and converted whole to UTF-8 (without
the byte order mark); it is text, not a binary file.

This rule applies everywhere, code included: an encoding is a property of the whole file.
Without ` + "`--fix`" + `, a file that is not UTF-8 also makes postlint exit with status 2, as any
unreadable input does; ` + "`--fix`" + ` (and ` + "`postlint publish`" + `) repair it first.`,
		Examples: []Example{
			{Bad: "Caf\\xE9 au lait, \\x93quoted\\x94", Good: "Café au lait, “quoted”", Note: "bytes shown as \\xNN: E9, 93 and 94 are Windows-1252"},
		},
	},
	Run: runInvalidUTF8,
}

func runInvalidUTF8(pass *Pass) error {
	src := pass.Source
	if u, ok := textenc.DetectUTF16(src); ok {
		how := "without a byte order mark"
		if u.BOM {
			how = "with a byte order mark"
		}
		pass.Report(Diagnostic{
			Start:   0,
			End:     len(src),
			Message: fmt.Sprintf("file is UTF-16 (%s, %s), not UTF-8", u.Order, how),
			Fix: &Fix{
				Message: "convert the file from UTF-16 to UTF-8",
				Edits:   []Edit{{Start: 0, End: len(src), NewText: string(textenc.DecodeUTF16(src, u))}},
			},
		})
		return nil
	}
	if pass.ValidUTF8 {
		return nil
	}
	for _, r := range textenc.InvalidRuns(src) {
		bad := src[r.Start:r.End]
		d := Diagnostic{Start: r.Start, End: r.End}
		if truncated(src, r.Start, r.End) {
			d.Message = fmt.Sprintf("%s not valid UTF-8: the start of a character whose last bytes are missing (a damaged file, not Windows-1252); fix it by hand", describeBytes(bad))
		} else if s, ok := textenc.DecodeWindows1252(bad); ok {
			d.Message = fmt.Sprintf("%s not valid UTF-8 (as Windows-1252: %q)", describeBytes(bad), s)
			d.Fix = &Fix{
				Message: fmt.Sprintf("decode as Windows-1252: %q", s),
				Edits:   []Edit{{Start: r.Start, End: r.End, NewText: s}},
			}
		} else {
			d.Message = fmt.Sprintf("%s not valid UTF-8, nor Windows-1252; convert the file to UTF-8 by hand", describeBytes(bad))
		}
		pass.Report(d)
	}
	return nil
}

// describeBytes names bytes for a message: "byte 0xE9 is", "bytes 0x93 0x94
// are", at most eight of them.
func describeBytes(b []byte) string {
	var parts []string
	for i, c := range b {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("… (%d bytes)", len(b)))
			break
		}
		parts = append(parts, fmt.Sprintf("0x%02X", c))
	}
	if len(b) == 1 {
		return "byte " + parts[0] + " is"
	}
	return "bytes " + strings.Join(parts, " ") + " are"
}

// truncated reports whether the invalid run src[start:end] is a UTF-8
// character cut short rather than Windows-1252: a lead byte followed by fewer
// continuation bytes than it announces, at the very end of the file (a cut
// file) or as the start of the punctuation that mojibake is made of (E2 80,
// E2 82, E2 84: ’ “ ” – — … € ™). Elsewhere such bytes read well as
// Windows-1252: "é”" is E9 94.
func truncated(src []byte, start, end int) bool {
	b := src[start:end]
	if len(b) < 2 || len(b) > 3 {
		return false
	}
	want := 0
	switch c := b[0]; {
	case c >= 0xE0 && c <= 0xEF:
		want = 3
	case c >= 0xF0 && c <= 0xF4:
		want = 4
	default:
		return false
	}
	for _, c := range b[1:] {
		if c < 0x80 || c > 0xBF {
			return false
		}
	}
	if len(b) >= want {
		return false
	}
	return end == len(src) || b[0] == 0xE2 && (b[1] == 0x80 || b[1] == 0x82 || b[1] == 0x84)
}
