package rules

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// UnicodeNormalization reports prose that is not in Unicode Normalization
// Form C.
var UnicodeNormalization = &Rule{
	Name:     "unicode-normalization",
	Tags:     []string{"encoding"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Prose must be in Unicode NFC",
		Description: `The same accented letter can be stored two ways: composed, ` + "`é`" + ` as the one character
U+00E9, or decomposed, ` + "`e`" + ` followed by the combining acute accent U+0301. Both look alike, but
they are different text: a search for "café" does not find "café" written the other way, heading
anchors and URLs made from them differ, and some fonts draw the accent askew. The web, and
nearly every editor, uses the composed form, Normalization Form C (NFC); text copied from macOS
file names, PDFs and some input methods arrives decomposed.

The rule reports each paragraph, heading, table cell and front matter string value whose text
is not in NFC, naming the first offending character, and fixes it by normalizing exactly the
characters that differ. Code, URLs, HTML and template tags are never changed.`,
		Examples: []Example{
			{Bad: "Cafe\u0301 au lait", Good: "Café au lait", Note: "the first is e + U+0301, the second U+00E9"},
		},
	},
	Run: runUnicodeNormalization,
}

func runUnicodeNormalization(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if norm.NFC.IsNormal(c.Text) {
			continue
		}
		var edits []Edit
		var first string
		for i := 0; i < len(c.Text); {
			n := norm.NFC.QuickSpan(c.Text[i:])
			s := i + n
			if s >= len(c.Text) {
				break
			}
			e := s + norm.NFC.NextBoundary(c.Text[s:], true)
			if e <= s {
				e = len(c.Text)
			}
			seg := c.Text[s:e]
			fixed := norm.NFC.Bytes(seg)
			i = e
			if bytes.Equal(seg, fixed) || !c.Clean(src, s, e) {
				continue
			}
			if first == "" {
				first = fmt.Sprintf("%q (%s) should be %q (%s)", seg, codePoints(seg), fixed, codePoints(fixed))
			}
			edits = append(edits, Edit{Start: c.Start + s, End: c.Start + e, NewText: string(fixed)})
		}
		if len(edits) == 0 {
			continue
		}
		msg := "text not in Unicode NFC: " + first
		if len(edits) > 1 {
			msg += fmt.Sprintf(", and %d more in this %s", len(edits)-1, c.Kind)
		}
		pass.Report(Diagnostic{
			Start:   edits[0].Start,
			End:     edits[len(edits)-1].End,
			Message: msg,
			Fix:     &Fix{Message: "normalize to NFC", Edits: edits},
		})
	}
	return nil
}

func codePoints(b []byte) string {
	var parts []string
	for _, r := range string(b) {
		parts = append(parts, fmt.Sprintf("U+%04X", r))
	}
	return strings.Join(parts, " ")
}
