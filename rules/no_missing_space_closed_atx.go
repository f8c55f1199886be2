package rules

import (
	"regexp"
	"strings"
)

// NoMissingSpaceClosedATX is markdownlint's MD020: "#Heading#" needs spaces
// inside the hashes.
var NoMissingSpaceClosedATX = &Rule{
	Name:     "no-missing-space-closed-atx",
	Aliases:  []string{"MD020"},
	Tags:     []string{"headings", "atx_closed", "spaces"},
	Severity: Warning,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Closed ATX headings need spaces inside the hashes",
		Description: `Reports a line that reads as a closed ATX heading with a space missing on either side,
such as ` + "`#Heading#`" + ` or ` + "`## Heading##`" + `. Without the space after the opening hashes CommonMark
renders a paragraph; without the space before the closing hashes they become part of the
heading text.

A heading that ends in a language name such as ` + "`C#`" + ` or ` + "`F#`" + ` (one letter and a hash) is not a
closing sequence and is not reported (markdownlint reports it). Only lines of Markdown are
checked: not code blocks, HTML blocks, front matter or template bodies. The fix puts one space
on each side and drops trailing whitespace.`,
		Examples: []Example{
			{Bad: "#Heading#", Good: "# Heading #"},
			{Bad: "## Heading##", Good: "## Heading ##"},
		},
	},
	Run: runNoMissingSpaceClosedATX,
}

// closedATXLine matches a line that looks like a closed ATX heading; the
// groups are the opening hashes, the space after them, the text, the space
// before the closing hashes, an escaped hash, the closing hashes and
// trailing whitespace.
var closedATXLine = regexp.MustCompile(`^(#+)([ \t]*)([^# \t\\]|[^# \t][^#]*?[^# \t\\])([ \t]*)((?:\\#)?)(#+)(\s*)$`)

func runNoMissingSpaceClosedATX(pass *Pass) error {
	v := newStructLines(pass.Document)
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || v.kinds[i]&(slCode|slHTML) != 0 {
			continue
		}
		line := v.text(i)
		if len(line) < 2 || line[0] != '#' || !endsWithHash(line) {
			continue
		}
		m := closedATXLine.FindSubmatchIndex(line)
		if m == nil {
			continue
		}
		leftHash, content, escape, rightHash := line[m[2]:m[3]], line[m[6]:m[7]], line[m[10]:m[11]], line[m[12]:m[13]]
		left := m[5] == m[4]
		right := m[9] == m[8] || len(escape) > 0
		if !left && !right {
			continue
		}
		if !left && len(escape) == 0 && len(rightHash) == 1 && languageHash(content) {
			continue // "## Learning C#"
		}
		start := v.start(i)
		if pass.InTemplate(start, start+len(line)) {
			continue
		}
		var msg string
		switch {
		case left && right:
			msg = "no space inside the hashes of a closed ATX heading"
		case left:
			msg = "no space after the opening hashes of a closed ATX heading"
		default:
			msg = "no space before the closing hashes of a closed ATX heading"
		}
		esc := ""
		if len(escape) > 0 {
			esc = string(escape) + " "
		}
		fixed := string(leftHash) + " " + string(content) + " " + esc + string(rightHash)
		pass.Report(Diagnostic{
			Start:   start,
			End:     start + len(line),
			Message: msg,
			Fix:     &Fix{Message: "put one space inside the hashes", Edits: []Edit{{Start: start, End: start + len(line), NewText: fixed}}},
		})
	}
	return nil
}

// languageHash reports whether text ends in a word that is one letter, the
// start of a language name like C# or F# once the hash is added.
func languageHash(text []byte) bool {
	s := string(text)
	if i := strings.LastIndexAny(s, " \t"); i >= 0 {
		s = s[i+1:]
	}
	s = strings.TrimLeft(s, "([\"'`*_")
	return len(s) == 1 && (s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z')
}
