package rules

import "bytes"

// BOM reports a UTF-8 byte order mark: at the start of the file, or inside it
// where files were concatenated.
var BOM = &Rule{
	Name:     "bom",
	Tags:     []string{"encoding"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Files must not contain a UTF-8 byte order mark",
		Description: `UTF-8 needs no byte order mark, but some Windows editors write one (the bytes ` + "`EF BB BF`" + `,
the character U+FEFF) at the start of every file. It is invisible, and it gets in the way:
static site generators and YAML parsers that look for ` + "`---`" + ` on the first line may not see the
front matter, and ` + "`cat`" + `-ing files together leaves a U+FEFF in the middle of the text.

The rule reports a byte order mark at the start of the file and every U+FEFF after it (where it
reads as a zero-width no-break space, almost always a leftover of concatenated files), code
included. The fix removes it, except where that could change how the post renders (at the start
of a line, next to Markdown syntax): there it is reported without a fix. Template tags are left
alone.`,
		Examples: []Example{
			{Bad: "\\uFEFF---\ntitle: Hello\n---", Good: "---\ntitle: Hello\n---", Note: "\\uFEFF stands for the invisible byte order mark"},
		},
	},
	Run: runBOM,
}

var bomBytes = []byte{0xEF, 0xBB, 0xBF}

func runBOM(pass *Pass) error {
	if hygUTF16(pass.Document) {
		return nil
	}
	src := pass.Source
	for i := 0; ; {
		k := bytes.Index(src[i:], bomBytes)
		if k < 0 {
			return nil
		}
		start, end := i+k, i+k+len(bomBytes)
		i = end
		if pass.InTemplate(start, end) {
			continue
		}
		msg := "file starts with a UTF-8 byte order mark"
		if start > 0 {
			msg = "byte order mark (U+FEFF) inside the text, likely left by joining files"
		}
		d := Diagnostic{Start: start, End: end, Message: msg}
		risk := hygRemovalRisk(src, start, end, "")
		if start == 0 {
			risk = ""
			if bytes.HasPrefix(src[end:], bomBytes) {
				risk = "; another follows it, which removing this one would make the file's byte order mark: check it by hand"
			}
		}
		if risk == "" {
			d.Fix = &Fix{Message: "remove the byte order mark", Edits: []Edit{{Start: start, End: end}}}
		} else {
			d.Message += risk
		}
		pass.Report(d)
	}
}
