// Package spell is the misspelling dictionary of postlint's misspelling rule:
// the list of common misspellings of github.com/golangci/misspell, matched as
// whole words, extended with inflected forms derived from it ("fufilling"
// from "fufill") and checked against the SCOWL word list of
// internal/wordlist, and optionally with the conversions between American
// and British spellings.
//
// Dictionaries are built lazily, once per locale, on the first call to [For].
//
//nolint:misspell // The documentation quotes misspellings as examples.
package spell

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/golangci/misspell"

	"github.com/postlint/postlint/internal/bloom"
)

// Locale selects the spelling conventions a [Dict] enforces.
type Locale string

// The supported locales.
const (
	// Neutral reports common misspellings only (misspell.DictMain), and
	// accepts both American and British spellings.
	Neutral Locale = ""
	// EnglishUS also reports British spellings, correcting them to American
	// ones ("colour" → "color"; misspell.DictAmerican).
	EnglishUS Locale = "en-US"
	// EnglishGB also reports American spellings, correcting them to British
	// ones ("color" → "colour"; misspell.DictBritish).
	EnglishGB Locale = "en-GB"
)

// Locales returns the supported locales.
func Locales() []Locale {
	return []Locale{Neutral, EnglishUS, EnglishGB}
}

// Dict maps misspelled words to their corrections. A Dict is immutable after
// construction and safe for concurrent use.
type Dict struct {
	locale Locale
	// words maps a lowercase misspelled word to its lowercase correction.
	words map[string]string
	// derived holds the keys of words that come from the inflection rule
	// rather than from the misspell lists.
	derived map[string]struct{}
	// minLen and maxLen are the lengths of the shortest and longest keys
	// in bytes: most words of a text are shorter than the shortest.
	minLen, maxLen int
	// filter is a Bloom filter of the keys of words: nearly every word of
	// a text is not a misspelling, and two bit tests are cheaper than a
	// lookup in a map of 35,000 strings.
	filter *bloom.Filter
}

// index sets minLen, maxLen and filter from words.
func (d *Dict) index() {
	d.minLen, d.maxLen = keyLengths(d.words)
	d.filter = bloom.New(len(d.words))
	for w := range d.words {
		d.filter.AddString(w)
	}
}

var dicts [3]struct {
	once sync.Once
	dict *Dict
}

// For returns the shared dictionary for locale, building it on first use.
// It returns an error for an unknown locale.
func For(locale Locale) (*Dict, error) {
	i := -1
	for j, l := range Locales() {
		if l == locale {
			i = j
		}
	}
	if i < 0 {
		return nil, fmt.Errorf("spell: unknown locale %q: want %q (neutral), %q or %q",
			string(locale), string(Neutral), string(EnglishUS), string(EnglishGB))
	}
	d := &dicts[i]
	d.once.Do(func() { d.dict = build(locale) })
	return d.dict, nil
}

// Locale returns the locale d was built for.
func (d *Dict) Locale() Locale { return d.locale }

// Len returns the number of misspelled words d knows, derived ones included.
func (d *Dict) Len() int { return len(d.words) }

// Lookup returns the correction of word, a whole word as it appears in text
// (letters, possibly with an inner apostrophe), and reports whether word is a
// known misspelling. The correction keeps the case style of word: "teh" →
// "the", "Teh" → "The", "TEH" → "THE"; a word in any other mix of cases
// ("tEh", "TeH") is not reported, as it is likely a name or an identifier. A
// possessive "'s" (or "’s") is kept: "goverment's" → "government's".
func (d *Dict) Lookup(word string) (correction string, ok bool) {
	var buf [64]byte
	key, stem, suffix := d.normalize(word, buf[:0])
	if key == nil || !d.filter.MayContain(key) {
		return "", false
	}
	right, ok := d.words[string(key)]
	if !ok {
		return "", false
	}
	style := misspell.CaseStyle(stem)
	switch style {
	case misspell.CaseUnknown:
		return "", false
	case misspell.CaseUpper:
		right = strings.ToUpper(right)
	case misspell.CaseTitle:
		r, n := utf8.DecodeRuneInString(right)
		right = string(unicode.ToUpper(r)) + right[n:]
	}
	return right + suffix, true
}

// Derived reports whether word is a misspelling that comes from the
// inflection rule ("fufilling", derived from misspell's "fufill") rather than
// from the misspell lists, for the rule's message. It normalizes word as
// [Dict.Lookup] does.
func (d *Dict) Derived(word string) bool {
	var buf [64]byte
	key, stem, _ := d.normalize(word, buf[:0])
	if key == nil {
		return false
	}
	_, ok := d.derived[string(key)]
	ok = ok && misspell.CaseStyle(stem) != misspell.CaseUnknown
	return ok
}

// normalize splits a possessive suffix off word and returns the lowercase
// key to look up (appended to buf), the stem (whose case style the caller
// checks on a hit, as misspell.CaseStyle is dearer than the lookup) and the
// suffix. It returns a nil key if word cannot be a key: too long or not
// ASCII.
func (d *Dict) normalize(word string, buf []byte) (key []byte, stem, suffix string) {
	stem = word
	for _, s := range [...]string{"'s", "'S", "’s", "’S"} {
		if len(word) > len(s) && strings.HasSuffix(word, s) {
			stem, suffix = word[:len(word)-len(s)], s
			break
		}
	}
	if len(stem) > d.maxLen || len(stem) < d.minLen {
		return nil, "", ""
	}
	for i := 0; i < len(stem); i++ {
		c := stem[i]
		if c >= utf8.RuneSelf {
			return nil, "", "" // every key is ASCII
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf, stem, suffix
}
