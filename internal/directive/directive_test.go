package directive_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/directive"
	"github.com/postlint/postlint/internal/document"
)

func render(src string, tools ...string) string {
	doc := document.Load("t.md", []byte(src))
	var out []string
	for _, d := range directive.Parse(doc.Source, doc.AST, tools...) {
		s := fmt.Sprintf("%s-%s@%d-%d", d.Tool, d.Kind, d.Start, d.End)
		for _, n := range d.Names {
			s += fmt.Sprintf(" %s@%d", n.Text, n.Start)
			if src[n.Start:n.End] != n.Text {
				s += "(BAD RANGE)"
			}
		}
		if d.Kind == directive.ConfigureFile {
			s += " arg=" + d.Arg
			if src[d.ArgStart:d.ArgEnd] != d.Arg {
				s += "(BAD RANGE)"
			}
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestParse(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<!-- postlint-disable a, b -- why -->\n", "postlint-disable@0-37 a@22 b@25"},
		{"<!-- markdownlint-disable MD001 heading-style -->\n", "markdownlint-disable@0-49 MD001@26 heading-style@32"},
		// markdownlint's keywords in any case; postlint's exactly.
		{"<!-- MarkdownLint-Disable-Next-Line -->\n<!-- POSTLINT-disable -->\n", "markdownlint-disable-next-line@0-39"},
		{"<!--markdownlint-enable-file MD013-->\n", "markdownlint-enable-file@0-37 MD013@29"},
		{"<!-- markdownlint-capture -->\n<!-- markdownlint-restore -->\n", "markdownlint-capture@0-29\nmarkdownlint-restore@30-59"},
		{"<!-- markdownlint-configure-file { \"MD013\": { \"line_length\": 120 } } -->\n",
			`markdownlint-configure-file@0-72 arg= { "MD013": { "line_length": 120 } } `},
		{"<!-- markdownlint-configure-file\n{\n  \"MD013\": false\n}\n-->\n", "markdownlint-configure-file@0-57 arg=\n{\n  \"MD013\": false\n}\n"},
		// A comment may span lines.
		{"<!-- markdownlint-disable\n     MD013 MD033 -->\n", "markdownlint-disable@0-46 MD013@31 MD033@37"},
		// postlint has no capture, restore, enable-file or configure-file.
		{"<!-- postlint-capture -->\n<!-- postlint-enable-file x -->\n", ""},
		// A keyword must end at a space or the end of the comment.
		{"<!-- markdownlint-disabled -->\n<!-- markdownlint-enable-x -->\n", ""},
		// Inline HTML in a paragraph; several comments in one block.
		{"Text <!-- markdownlint-disable-line MD009 --> more\n", "markdownlint-disable-line@5-45 MD009@36"},
		{"<!-- markdownlint-disable MD001 --><!-- postlint-disable x -->\n", "markdownlint-disable@0-35 MD001@26\npostlint-disable@35-62 x@57"},
		// Code is text.
		{"`<!-- markdownlint-disable -->`\n\n    <!-- markdownlint-disable -->\n\n```\n<!-- markdownlint-disable -->\n```\n", ""},
	}
	for _, tt := range tests {
		if got := render(tt.src, directive.Postlint, directive.Markdownlint); got != tt.want {
			t.Errorf("%q:\n got %s\nwant %s", tt.src, got, tt.want)
		}
	}
	// Only the tools asked for.
	if got := render("<!-- markdownlint-disable -->\n<!-- postlint-disable -->\n", directive.Postlint); got != "postlint-disable@30-55" {
		t.Errorf("postlint only: %s", got)
	}
}
