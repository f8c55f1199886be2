package rendercheck

import (
	"errors"
	"strings"
	"testing"

	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/fix"
)

// edit builds the edit that replaces the first occurrence of old in src.
func edit(t *testing.T, src, old, repl string) fix.Edit {
	t.Helper()
	i := strings.Index(src, old)
	if i < 0 {
		t.Fatalf("%q not in %q", old, src)
	}
	return fix.Edit{Start: i, End: i + len(old), New: repl}
}

func check(src string, edits ...fix.Edit) error {
	out := fix.Apply([]byte(src), edits)
	return Check(document.Load("a.md", []byte(src)), document.Load("a.md", out), edits)
}

func TestCheckAccepts(t *testing.T) {
	tests := []struct{ name, src, old, repl string }{
		{"text", "# Title\n\nA cafÃ© here.\n", "Ã©", "é"},
		{"merged text nodes", "Build \x1b[32mpassed\x1b[0m.\n", "\x1b[32m", ""},
		{"hard break kept", "a   \nb\n", "   ", "  "},
		{"hard break as backslash", "a  \nb\n", "  ", "\\"},
		{"code block content", "```\nco\u200bde\n```\n", "\u200b", ""},
		{"front matter value", "---\ntitle: Cafe\u0301\n---\nText.\n", "e\u0301", "é"},
		{"bom removed", "\ufeff---\ntitle: x\n---\n# T\n", "\ufeff", ""},
		{"crlf", "a\r\nb\r\n\r\n- c\r\n", "\r", ""},
		{"final newline", "text", "text", "text\n"},
		{"link text", "[cafÃ©](https://example.com)\n", "Ã©", "é"},
		{"table cell", "| a |\n|---|\n| Ã© |\n", "Ã©", "é"},
		{"nothing", "Same.\n", "Same", "Same"},
	}
	for _, tt := range tests {
		if err := check(tt.src, edit(t, tt.src, tt.old, tt.repl)); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	// A whole-file conversion (UTF-16) has no structure to keep.
	src := "\xff\xfe#\x00 \x00"
	if err := check(src, fix.Edit{Start: 0, End: len(src), New: "# x\n"}); err != nil {
		t.Errorf("whole file: %v", err)
	}
}

func TestCheckRefuses(t *testing.T) {
	tests := []struct {
		name, src, old, repl, want string
	}{
		{"heading made", "\u200b# Title\n", "\u200b", "", "a Paragraph became a Heading"},
		{"list made", "x- item\n", "x", "", "a Paragraph became a List"},
		{"heading level", "## Title\n", "##", "#", "a level 2 heading became level 1"},
		{"hard break lost", "a  \nb\n", "  ", "", "a line break changed (hard break true → false)"},
		{"hard break made", "a \nb\n", " ", "  ", "a line break changed (hard break false → true)"},
		{"indented code", "para\n\n\u00a0\u00a0\u00a0\u00a0code\n", "\u00a0\u00a0\u00a0\u00a0", "    ", "a Paragraph became a CodeBlock"},
		{"destination", "[a](https://ex\u200bample.com)\n", "\u200b", "", "Link destination"},
		{"emphasis", "a *b* c\n", "*b*", "*b", "children"},
		{"front matter key", "---\ntitle: a\n---\n", "title: a", "title: a\nx: b", "front matter had 1 values, now 2"},
		{"template added", "{{ x }} text\n", "text", "{% y %}", "the template tags changed: 1 before, 2 after"},
		{"tight list", "- a\n- b\n", "- b", "\n- b", "the list changed"},
		{"code fence", "```\ncode\n```\n", "```\ncode", "```\ncode\n```", "children"},
	}
	for _, tt := range tests {
		err := check(tt.src, edit(t, tt.src, tt.old, tt.repl))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// A change outside the edits is found even when the structure is the same.
func TestCheckOutsideEdits(t *testing.T) {
	src := "One paragraph.\n\nAnother one.\n"
	out := []byte(strings.Replace(src, "Another", "Altered", 1))
	e := edit(t, src, "One", "One") // claims to touch only "One"
	err := Check(document.Load("a.md", []byte(src)), document.Load("a.md", out), []fix.Edit{e})
	if err == nil || !strings.Contains(err.Error(), `the text of a Paragraph "Another one." changed outside the fixed text (now "Altered one.")`) {
		t.Errorf("got %v", err)
	}
	var re *Error
	if !errors.As(err, &re) || re.Offset != strings.Index(src, "Another") {
		t.Errorf("offset: %+v", err)
	}
}
