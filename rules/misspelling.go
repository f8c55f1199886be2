//nolint:misspell // The documentation quotes the misspellings the rule reports.
package rules

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/lang"
	"github.com/postlint/postlint/internal/spell"
)

// MisspellingOptions configures misspelling.
type MisspellingOptions struct {
	Locale          string   `yaml:"locale" doc:"\"\" (any English), \"en-US\" (also report British spellings) or \"en-GB\" (also report American spellings)"`
	Ignore          []string `yaml:"ignore" doc:"words never reported (the config's top-level words list applies too)"`
	FrontMatterKeys []string `yaml:"front-matter-keys" doc:"front matter keys whose string values are prose and checked"`
}

// Validate checks the locale.
func (o *MisspellingOptions) Validate() error {
	_, err := spell.For(spell.Locale(o.Locale))
	return err
}

// Misspelling reports common misspellings from the misspell list, on whole
// words of prose, with their inflected forms.
var Misspelling = &Rule{
	Name:     "misspelling",
	Costly:   true,
	Aliases:  []string{"misspell"},
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: "Words must not be commonly misspelled",
		Description: `Reports words from the misspell list of common English misspellings
(github.com/golangci/misspell), matched on whole words of prose only — never in code, URLs,
file names, HTML or template tags — and their inflected forms: the list knows ` + "`fufill`" + `, so
` + "`fufilling`" + ` is reported too, as long as the corrected form is a real English word and the
misspelled one is not. The fix replaces the word, keeping its case (` + "`Teh`" + ` → ` + "`The`" + `).

With ` + "`locale: en-US`" + ` British spellings are reported too (` + "`colour`" + ` → ` + "`color`" + `), and the reverse
with ` + "`en-GB`" + `. Words in the config's ` + "`words`" + ` list or the ` + "`ignore`" + ` option are never reported.

The list is English: a post whose front matter names another language (` + "`lang`" + `, ` + "`language`" + ` or
` + "`locale`" + `), and paragraphs written in French, Spanish, German, Portuguese, Italian or Dutch, are
not checked.`,
		Examples: []Example{
			{Bad: "Teh results were recieved seperately.", Good: "The results were received separately."},
			{Bad: "It was a fufilling job.", Good: "It was a fulfilling job.", Note: "an inflected form of a listed misspelling"},
		},
	},
	Options: func() any {
		return &MisspellingOptions{FrontMatterKeys: []string{"title", "description", "summary", "excerpt", "subtitle"}}
	},
	Run: runMisspelling,
	Prepare: func(options any) {
		_, _ = spell.For(spell.Locale(options.(*MisspellingOptions).Locale))
	},
}

func runMisspelling(pass *Pass) error {
	opts := OptionsOf[MisspellingOptions](pass)
	dict, err := spell.For(spell.Locale(opts.Locale))
	if err != nil {
		return err
	}
	ignore := make(map[string]bool, len(opts.Ignore))
	for _, w := range opts.Ignore {
		ignore[strings.ToLower(w)] = true
	}
	keys := make(map[string]bool, len(opts.FrontMatterKeys))
	for _, k := range opts.FrontMatterKeys {
		keys[k] = true
	}
	// Posts and paragraphs in another language are skipped: many of their
	// words look like English misspellings ("problemas").
	english := proseEnglish(pass)
	words := chunkWords(pass)
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString && !keys[c.Key] || !english[ci] {
			continue
		}
		for _, w := range words[ci] {
			i, j, word := w.I, w.J, w.Text
			fixed, ok := dict.Lookup(word)
			if !ok || ignore[strings.ToLower(word)] || pass.Words[strings.ToLower(word)] || !c.Clean(src, i, j) {
				continue
			}
			start, end := c.Start+i, c.Start+j
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("%q is a misspelling of %q", word, fixed),
				Fix: &Fix{
					Message: fmt.Sprintf("replace with %q", fixed),
					Edits:   []Edit{{Start: start, End: end, NewText: fixed}},
				},
			})
		}
	}
	return nil
}

// englishDocument reports whether the front matter, if it names the post's
// language (lang, language or locale), names English.
func englishDocument(pass *Pass) bool {
	if pass.FrontMatter == nil {
		return true
	}
	for _, key := range []string{"lang", "language", "locale"} {
		if v, ok := pass.FrontMatter.Data[key].(string); ok {
			return lang.IsEnglishTag(v)
		}
	}
	return true
}

// forEachWord calls fn with the byte range of each word of text: a run of
// letters, possibly with inner apostrophes, that is not part of a file name,
// path, identifier, number or address.
func forEachWord(text []byte, fn func(i, j int)) {
	i := 0
	for i < len(text) {
		if b := text[i]; b < utf8.RuneSelf {
			if !mdbASCIILetter(b) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRune(text[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		start := i
		end := i
		for i < len(text) {
			b := text[i]
			if b < utf8.RuneSelf && mdbASCIILetter(b) {
				i++
				end = i
				continue
			}
			r, size := rune(b), 1
			if b >= utf8.RuneSelf {
				r, size = utf8.DecodeRune(text[i:])
				if unicode.IsLetter(r) {
					i += size
					end = i
					continue
				}
			}
			if (r == '\'' || r == '’') && i+size < len(text) && letterAt(text, i+size) {
				i += size
				continue
			}
			break
		}
		if wordStandsAlone(text, start, end) {
			fn(start, end)
		}
		i = max(i, end)
	}
}

// letterAt reports whether text[i:] starts with a letter.
func letterAt(text []byte, i int) bool {
	if b := text[i]; b < utf8.RuneSelf {
		return mdbASCIILetter(b)
	}
	r, _ := utf8.DecodeRune(text[i:])
	return unicode.IsLetter(r)
}

// wordStandsAlone reports whether text[start:end] is a word of prose rather
// than part of an identifier, a path, a file name, a number or an address.
func wordStandsAlone(text []byte, start, end int) bool {
	if start > 0 {
		p, _ := utf8.DecodeLastRune(text[:start])
		if unicode.IsDigit(p) || isJoiner(p) {
			return false
		}
		if p == '.' && start > 1 {
			if pp, _ := utf8.DecodeLastRune(text[:start-1]); unicode.IsLetter(pp) || unicode.IsDigit(pp) {
				return false
			}
		}
	}
	if end < len(text) {
		n, size := utf8.DecodeRune(text[end:])
		if unicode.IsDigit(n) || isJoiner(n) {
			return false
		}
		if n == '.' && end+size < len(text) {
			if nn, _ := utf8.DecodeRune(text[end+size:]); unicode.IsLetter(nn) || unicode.IsDigit(nn) {
				return false
			}
		}
	}
	return true
}

// isJoiner reports whether r joins a word to a path, an identifier or an
// address: _ / \ @ # $ % & * = + ~ < > | ^.
func isJoiner(r rune) bool {
	switch r {
	case '_', '/', '\\', '@', '#', '$', '%', '&', '*', '=', '+', '~', '<', '>', '|', '^':
		return true
	}
	return false
}
