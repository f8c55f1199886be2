package lint

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/postlint/postlint/rules"
)

// unheading is a buggy rule: it removes the "x" before "# ", which turns a
// paragraph into a heading. The render-safety proof must refuse its fix.
var unheading = &rules.Rule{
	Name: "test-unheading", Severity: rules.Off, Fixable: true,
	Doc: rules.Doc{Title: "test"},
	Run: func(p *rules.Pass) error {
		for i := 0; ; {
			k := bytes.Index(p.Source[i:], []byte("x# "))
			if k < 0 {
				return nil
			}
			s := i + k
			p.Report(rules.Diagnostic{Start: s, End: s + 1, Message: "x before #",
				Fix: &rules.Fix{Edits: []rules.Edit{{Start: s, End: s + 1}}}})
			i = s + 1
		}
	},
}

func init() {
	if err := rules.Register(unheading); err != nil {
		panic(err)
	}
}

func TestFixRefusesStructuralChange(t *testing.T) {
	l := newLinter(t, "", Selection{Select: []string{"test-unheading", "test-upper"}})
	src := "foo\n\nx# Not a heading, foo\n\nAnd x# inline is fine.\n"
	fr := l.Fix("t.md", []byte(src))
	// The heading-making fix is refused; the inline one and test-upper's apply.
	want := "FOO\n\nx# Not a heading, FOO\n\nAnd # inline is fine.\n"
	if string(fr.Fixed) != want {
		t.Errorf("Fixed = %q, want %q", fr.Fixed, want)
	}
	if fr.Applied["test-unheading"] != 1 || fr.Applied["test-upper"] != 2 {
		t.Errorf("applied %v", fr.Applied)
	}
	if len(fr.Final.Errors) != 1 || !strings.Contains(fr.Final.Errors[0].Error(),
		"rule test-unheading: fix refused at 3:1: it would change how the document renders (a Paragraph became a Heading); this is a bug in the rule") {
		t.Errorf("errors: %v", fr.Final.Errors)
	}
	// The finding remains, without its fix.
	var left []string
	for _, f := range fr.Final.Findings {
		left = append(left, f.Rule.Name)
		if f.Fix != nil {
			t.Errorf("refused fix still offered: %+v", f)
		}
	}
	if strings.Join(left, ",") != "test-unheading" {
		t.Errorf("remaining findings: %v", left)
	}
}

// FuzzProof runs the fixes of the hygiene rules and demands that the
// render-safety proof refuse none: a refusal is a rule offering a fix that
// would change how the post renders.
func FuzzProof(f *testing.F) {
	for _, s := range []string{
		"---\ntitle: \"Caf\u00e9 \u2014 x\"\n---\nTeh cost\u00e2\u20ac\u2122s [here](link) fufilling.  \n",
		"a\u00a0 b\u200b c \u202egranted\u202c\r\n\r\n- item  \n- item\t\n\n\n",
		"\ufeff# T\u0065\u0301\r\n\r\n```\ncode\u200b  \n```\n\n    indented  \n",
		"x\x1b[31mred\x1b[0m \x0b | a |\n|---|\n| \u00a0 |\n",
		"Caf\xe9 \x93q\x94\n> quote  \n> more\n",
	} {
		f.Add([]byte(s))
	}
	// The encoding hygiene rules, whose fixes touch whitespace and
	// invisible characters next to Markdown syntax: the riskiest.
	names := []string{"invalid-utf8", "bom", "control-chars", "invisible-chars",
		"unicode-normalization", "line-endings", "trailing-whitespace", "final-newline"}
	l, err := New(nil, Selection{Select: names})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fr := l.Fix("f.md", src)
		for _, e := range fr.Final.Errors {
			var refused *RefusedFixError
			if errors.As(e, &refused) {
				t.Fatalf("%v\nsource: %q", e, src)
			}
		}
	})
}
