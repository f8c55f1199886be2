package slug

import (
	"testing"
)

// Each table below is a sequence of headings on one page and the ids the
// platform gives them, taken from the platform's own tests or documentation.

// GitHub: github-slugger's test/fixtures.json (one slugger over the whole
// list, so later duplicates are numbered), which its authors check against
// github.com, and the list in Hugo's markup/goldmark/autoid_test.go, "generated
// manually on github.com".
var githubCases = [][2]string{
	{"alpha", "alpha"},
	{"alpha", "alpha-1"},
	{"bravoCharlieDelta", "bravocharliedelta"},
	{"__proto__", "__proto__"},
	{"__proto__", "__proto__-1"},
	{"echo", "echo"},
	{"echo", "echo-1"},
	{"echo 1", "echo-1-1"},
	{"echo-1", "echo-1-2"},
	{"echo", "echo-2"},
	{"foxtrot-1", "foxtrot-1"},
	{"foxtrot", "foxtrot"},
	{"foxtrot", "foxtrot-2"},
	{"heading with a - dash", "heading-with-a---dash"},
	{"heading with an _ underscore", "heading-with-an-_-underscore"},
	{"heading with a period.txt", "heading-with-a-periodtxt"},
	{"exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"},
	{" a ", "-a-"},
	{"-a-", "-a--1"},
	{"apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"},
	{"I ♥ unicode", "i--unicode"},
	{"en–dash", "endash"},
	{"😄 unicode emoji", "-unicode-emoji"},
	{"😄_😄 unicode emoji", "_-unicode-emoji"},
	{"Привет non-latin 你好", "привет-non-latin-你好"},
	{":ok_hand: Single", "ok_hand-single"},
	{"a0 ١ ０b", "a0-١-０b"},                    // decimal numbers are kept
	{"aⅠ Ⅻb", "aⅰ-ⅻb"},                        // letter numbers are kept, lowercased
	{"a» ’ ” ›b", "a---b"},                    // final punctuation goes
	{"a‿ ＿b", "a‿-＿b"},                        // connector punctuation stays
	{"a$ € ＄b", "a--b"},                       // currency symbols go
	{"God is good: 神真美好", "god-is-good-神真美好"}, // Hugo's list from here
	{"Number 32", "number-32"},
	{"Question?", "question"},
	{"1+2=3", "123"},
	{`Special !"#$%&(parens)=?´* chars`, "special-parens-chars"},
	{"Resumé", "resumé"},
	{"Multiple--Hyphens", "multiple--hyphens"},
	{"Trailing hyphen-", "trailing-hyphen-"},
	{"Many   spaces  here", "many---spaces--here"},
	{"Forward/slash", "forwardslash"},
	{`Backward\slash`, "backwardslash"},
	{"Nonbreaking\u00a0Space", "nonbreakingspace"},
	{"Tab\tSpace", "tabspace"},
}

// Hugo: the same list from Hugo's autoid_test.go run through Hugo's own
// sanitizer (not github.com), plus its duplicate numbering (idFactory: -1,
// -2… skipping ids already used) and empty headings ("heading"). Hugo slugs
// the raw heading line, so markup characters simply drop out.
var hugoCases = [][2]string{
	{"God is good: 神真美好", "god-is-good-神真美好"},
	{"Number 32", "number-32"},
	{"Question?", "question"},
	{"1+2=3", "123"},
	{`Special !"#$%&(parens)=?´* chars`, "special-parens-chars"},
	{"Resumé", "resumé"},
	{"One-Hyphen", "one-hyphen"},
	{"Multiple--Hyphens", "multiple--hyphens"},
	{"Trailing hyphen-", "trailing-hyphen-"},
	{"Many   spaces  here", "many---spaces--here"},
	{"Forward/slash", "forwardslash"},
	{`Backward\slash`, "backwardslash"},
	{"Under_score", "under_score"},
	{"Nonbreaking\u00a0Space", "nonbreakingspace"},
	{"Number 32", "number-32-1"},
	{"Number 32", "number-32-2"},
	{"The `go` command", "the-go-command"},
	{"!!!", "heading"},
	{"???", "heading-1"},
}

// Jekyll: kramdown-parser-gfm's test/testcases/header_ids.html (headings
// without an explicit id, in page order), with kramdown's typographic
// symbols applied by the caller ("—" and "…" drop out).
var jekyllCases = [][2]string{
	{"variable_name", "variable_name"},
	{"abc def öúß", "abc-def-öúß"},
	{"192 abc 192", "192-abc-192"},
	{";.;;", ""},
	{"variable_name", "variable_name-1"},
	{"variable_name", "variable_name-2"},
	{";;", "-1"},
	{"before \tafter tab", "before--after-tab"},
	{"with code", "with-code"},
	{"With “smart” quotes", "with-smart-quotes"},
	{"3. Content is King", "3-content-is-king"}, // jekyllrb.com/philosophy/#3-content-is-king
}

// kramdown (its own parser): test/testcases/block/04_header/with_auto_ids
// (.text and .html) from the kramdown repository.
var kramdownCases = [][2]string{
	{"This is a header", "this-is-a-header"},
	{"12. Another one-1-here", "another-one-1-here"},
	{"Do ^& it now", "do--it-now"},
	{"Hallo", "hallo"},
	{"Not now", "not-now"},
	{"Hallo", "hallo-1"},
	{"23232", "section"},
	{"33333", "section-1"},
	{"hallO", "hallo-2"},
}

// MkDocs: Python-Markdown's tests/test_syntax/extensions/test_toc.py and the
// toc extension's documentation ("žlutý" becomes "zluty").
var mkdocsCases = [][2]string{
	{"Header", "header"},
	{"Header", "header_1"},
	{"Header", "header_2"},
	{"Foo & bar", "foo-bar"},
	{"Foo > & bar", "foo-bar_1"},
	{"Foo Bar Baz.", "foo-bar-baz"},
	{"Some Header with markup.", "some-header-with-markup"},
	{"[TOC]", "toc"},
	{"žlutý kůň", "zluty-kun"},
	{"!!!", "_1"},
	{"???", "_2"},
	{"  Spaces -- and -- dashes  ", "spaces-and-dashes"},
}

// GitLab: the examples of "Header IDs and links" in GitLab's Markdown
// documentation.
var gitlabCases = [][2]string{
	{"This header has spaces in it", "this-header-has-spaces-in-it"},
	{"This header has a :thumbsup: in it", "this-header-has-a-thumbsup-in-it"},
	{"This header has Unicode in it: 한글", "this-header-has-unicode-in-it-한글"},
	{"This header has spaces in it", "this-header-has-spaces-in-it-1"},
	{"This header has spaces in it", "this-header-has-spaces-in-it-2"},
	{"This header has 3.5 in it (and parentheses)", "this-header-has-35-in-it-and-parentheses"},
	{"This header has  multiple   spaces", "this-header-has-multiple-spaces"},
}

func TestAlgorithms(t *testing.T) {
	for _, tc := range []struct {
		alg   Algorithm
		cases [][2]string
	}{
		{GitHub, githubCases},
		{Hugo, hugoCases},
		{Jekyll, jekyllCases},
		{Kramdown, kramdownCases},
		{MkDocs, mkdocsCases},
		{GitLab, gitlabCases},
	} {
		t.Run(string(tc.alg), func(t *testing.T) {
			s := tc.alg.New()
			for _, c := range tc.cases {
				if got := s.Next(c[0]); got != c[1] {
					t.Errorf("%s: Next(%q) = %q, want %q", tc.alg, c[0], got, c[1])
				}
			}
		})
	}
}

func TestReserve(t *testing.T) {
	// Hugo and MkDocs number around ids written in the page.
	h := Hugo.New()
	h.Reserve("intro")
	if got := h.Next("Intro"); got != "intro-1" {
		t.Errorf("hugo: got %q, want intro-1", got)
	}
	m := MkDocs.New()
	m.Reserve("intro")
	if got := m.Next("Intro"); got != "intro_1" {
		t.Errorf("mkdocs: got %q, want intro_1", got)
	}
	// GitHub does not look at them.
	g := GitHub.New()
	g.Reserve("intro")
	if got := g.Next("Intro"); got != "intro" {
		t.Errorf("github: got %q, want intro", got)
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Algorithm{"GitHub": GitHub, "kramdown-gfm": Jekyll, "jekyll": Jekyll, " hugo ": Hugo, "python-markdown": MkDocs} {
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := Parse("docusaurus"); err == nil {
		t.Error("Parse(docusaurus): no error")
	}
}

func TestUnique(t *testing.T) {
	s := GitHub.New()
	for _, want := range []string{"a", "a-1", "a-2"} {
		if got := s.Unique("a"); got != want {
			t.Errorf("Unique(a) = %q, want %q", got, want)
		}
	}
	if got := s.Unique("b"); got != "b" {
		t.Errorf("Unique(b) = %q", got)
	}
}

func TestEncodeURIComponent(t *testing.T) {
	// JavaScript: encodeURIComponent("a b/c?d#e") === "a%20b%2Fc%3Fd%23e".
	for in, want := range map[string]string{
		"abc-_.!~*'()": "abc-_.!~*'()",
		"café":         "caf%C3%A9",
		"a b/c?d#e":    "a%20b%2Fc%3Fd%23e",
		"%41":          "%2541",
	} {
		if got := EncodeURIComponent(in); got != want {
			t.Errorf("EncodeURIComponent(%q) = %q, want %q", in, got, want)
		}
	}
}
