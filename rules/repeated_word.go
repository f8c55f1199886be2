package rules

import (
	"fmt"
	"strings"
)

// RepeatedWordOptions configures repeated-word.
type RepeatedWordOptions struct {
	Allow []string `yaml:"allow" doc:"words that may be repeated (compared case-insensitively)"`
}

// RepeatedWord reports a word written twice in a row: "the the".
var RepeatedWord = &Rule{
	Name:     "repeated-word",
	Costly:   true,
	Tags:     []string{"prose"},
	Severity: Error,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "A word must not be repeated by mistake",
		Description: `Reports a word immediately followed by the same word, ignoring case — ` + "`the the`" + `,
` + "`is is`" + `, ` + "`The the`" + ` — also when a line break separates them, but not across paragraphs,
table cells, code spans, links or anything else that is not plain whitespace. The fix deletes
the second word.

Repetitions that English allows (` + "`that that`" + `, ` + "`had had`" + `, ` + "`bye bye`" + `) are not reported, nor are
numbers, single letters, or posts and paragraphs in other languages.`,
		Examples: []Example{
			{Bad: "Open the the file.", Good: "Open the file."},
			{Bad: "It is\nis done.", Good: "It is done.", Note: "across a line break"},
		},
	},
	Options: func() any {
		return &RepeatedWordOptions{Allow: []string{
			"that", "had", "bye", "ha", "haha", "no", "yeah", "very", "so", "blah", "ho", "hee", "tut", "knock",
			"bang", "boo", "chop", "dum", "la", "na", "go", "win", "yes", "well", "now", "there", "pretty", "really",
			"far", "long", "more", "round", "over", "again", "many", "much", "tsk", "cha",
		}}
	},
	Run: runRepeatedWord,
}

func runRepeatedWord(pass *Pass) error {
	opts := OptionsOf[RepeatedWordOptions](pass)
	allow := make(map[string]bool, len(opts.Allow))
	for _, w := range opts.Allow {
		allow[strings.ToLower(w)] = true
	}
	english := proseEnglish(pass)
	words := chunkWords(pass)
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString || !english[ci] {
			continue
		}
		ws := words[ci]
		for k := 1; k < len(ws); k++ {
			a, b := ws[k-1], ws[k]
			if len(a.Text) < 2 || allow[strings.ToLower(a.Text)] {
				continue
			}
			// "the the", and "The the" at the start of a sentence, are
			// slips; "Walla Walla" is a name, "the Property property" names
			// a parameter, "AND and" quotes an operator.
			if a.Text != b.Text && !(isTitleWord(a.Text) && strings.ToLower(a.Text) == b.Text && sentenceStart(c.Text, a.I)) {
				continue
			}
			if isTitleWord(a.Text) && a.Text == b.Text && !sentenceStart(c.Text, a.I) {
				continue
			}
			// "snap-in in" and "in in-place": one word is part of a compound.
			if a.I > 0 && c.Text[a.I-1] == '-' || b.J < len(c.Text) && c.Text[b.J] == '-' {
				continue
			}
			if !proseGap(c, src, a.J, b.I) || !c.Clean(src, a.I, b.J) || quoted(c.Text, a.I, b.J) {
				continue // a quoted pair is an example: "the the"
			}
			start, end := c.Start+a.I, c.Start+b.J
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("%q is repeated", b.Text),
				Fix: &Fix{
					Message: fmt.Sprintf("delete the second %q", b.Text),
					Edits:   []Edit{{Start: c.Start + a.J, End: end}},
				},
			})
			k++ // "the the the" is one finding per pair, fixed in two passes
		}
	}
	return nil
}

// sentenceStart reports whether text[i:] starts a sentence: nothing but
// spaces before it, or a sentence end (. ! ?), an opening quote, bracket or emphasis, and spaces.
func sentenceStart(text []byte, i int) bool {
	j := i
	for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t' || text[j-1] == '\n' || text[j-1] == '\r') {
		j--
	}
	if j == 0 {
		return true
	}
	switch text[j-1] {
	case '.', '!', '?', '"', '(', '*', '_':
		return true
	}
	return false
}

// isTitleWord reports whether w starts with a capital letter.
func isTitleWord(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}
