//nolint:misspell // This file quotes misspellings and the real words misspell lists.
package spell

import (
	"sync"
	"unicode"

	"github.com/golangci/misspell"

	"github.com/postlint/postlint/internal/wordlist"
)

// excluded lists misspell.DictMain "misspellings" that are real English
// words, so that reporting them would flag correct prose; they are never
// keys, not even derived ones. Checking every DictMain misspelling against
// the SCOWL word list (see TestMainListRealWords) finds 13 words; only
// "payed" is common (level 10), the others are rare (60 or 70). Of those,
// the ones below are legitimate words whose suggested correction is another
// word; the rest ("conquerer", "refection", "withing", "affaires",
// "spiritualty", "stroy") are kept, as in prose they are almost always typos.
// The last entries are compounds absent from SCOWL, found by reading the
// derived pairs ("fingerpointing" → "fingerprinting").
var excluded = map[string]bool{
	"payed":         true, // the past tense of "pay out" (a rope); misspell: "paid"
	"binominal":     true, // binominal nomenclature; misspell: "binomial"
	"pervious":      true, // permeable, as in pervious concrete; misspell: "previous"
	"simulative":    true, // an adjective; misspell: "simulate"
	"geometricians": true, // a synonym of geometers; misspell: "geometers"
	"classis":       true, // a governing body of some churches; misspell: "classics"
	"margarite":     true, // a mineral and a given name; misspell: "margaret"
	"fingerpoint":   true, // to blame; misspell: "fingerprint"
	"fingerpoints":  true,
	"sweatshort":    true, // a garment; misspell: "sweatshirt"
}

// corrected replaces misspell.DictMain corrections that are another word
// than the writer meant, found by reading findings on real posts:
// "arbitrarly-sharded" is "arbitrarily", not "arbitrary".
var corrected = map[string]string{
	"arbitrarly":  "arbitrarily",
	"terristrial": "terrestrial",
}

// base is the locale-independent part of every dictionary: misspell.DictMain
// without its unusable and excluded entries, plus the derived inflections.
type base struct {
	words   map[string]string
	derived map[string]struct{}
}

var (
	baseOnce sync.Once
	shared   base
)

// loadBase returns the shared base, building it on first use from
// misspell.DictMain and the derivations precomputed in generated.txt (so
// that a run does not load the word list).
func loadBase() *base {
	baseOnce.Do(func() { shared = baseFromGenerated(loadGenerated()) })
	return &shared
}

// mainWords returns misspell.DictMain without its unusable and excluded
// entries, with the corrections of corrected.
func mainWords(extra int) map[string]string {
	words := make(map[string]string, len(misspell.DictMain)/2+extra)
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		wrong, right := misspell.DictMain[i], misspell.DictMain[i+1]
		if c, ok := corrected[wrong]; ok {
			right = c
		}
		if usable(wrong, right) && !excluded[wrong] {
			words[wrong] = right
		}
	}
	return words
}

// computeBase builds the base from misspell.DictMain and the word list: the
// reference that generated.txt is made from and checked against.
func computeBase() base {
	b := base{words: mainWords(0)}
	b.derived = derive(b.words, isWordOrExcluded, isCommonWord)
	return b
}

// isWordOrExcluded reports whether w is a word, so that it cannot be a
// derived misspelling.
func isWordOrExcluded(w string) bool {
	return excluded[w] || wordlist.Contains(w)
}

// maxDerivedLevel is the rarest SCOWL level a derived correction may have.
// Rarer inflections of common words make odd pairs ("noth" → "north" would
// give "nother" → "norther", level 60, while "nother" is slang).
const maxDerivedLevel = 50

// isCommonWord reports whether w is a word at most at maxDerivedLevel.
func isCommonWord(w string) bool {
	l := wordlist.Level(w)
	return l > 0 && l <= maxDerivedLevel
}

// usable reports whether a misspell entry can be used for whole-word
// matching: the misspelling must be a lowercase ASCII word (letters and
// apostrophes), and the correction letters, apostrophes, hyphens and spaces
// ("alot" → "a lot" replaces one word by two, which is fine). This skips
// entries such as "coca cola", "nightfa;;" and "ninties" → "1990s".
func usable(wrong, right string) bool {
	if wrong == "" || right == "" || wrong == right {
		return false
	}
	for i := 0; i < len(wrong); i++ {
		if c := wrong[i]; (c < 'a' || c > 'z') && c != '\'' {
			return false
		}
	}
	for _, r := range right {
		if !unicode.IsLetter(r) && r != '\'' && r != '-' && r != ' ' {
			return false
		}
	}
	return true
}

// build builds the dictionary for a known locale from the precomputed
// derivations.
func build(locale Locale) *Dict {
	g := loadGenerated()
	return buildWith(locale, loadBase(),
		func(w string) bool { return g.localeWord[locale][w] },
	)
}

// computeLocale builds the dictionary for a locale from the word list: the
// reference that generated.txt is made from and checked against.
func computeLocale(locale Locale, b *base) *Dict {
	var other string
	switch locale {
	case EnglishUS:
		other = "british"
	case EnglishGB:
		other = "american"
	}
	return buildWith(locale, b, func(w string) bool { return wordlistValid(w, other) })
}

// wordlistValid reports whether w is a word of the locale that does not use
// the other variant.
func wordlistValid(w, other string) bool {
	return wordlist.Contains(w) && wordlist.Variant(w) != other
}

// buildWith builds the dictionary for a locale; valid reports whether a word
// is a word of the locale (only asked for conversion keys and derived
// corrections).
func buildWith(locale Locale, b *base, valid func(string) bool) *Dict {
	d := &Dict{locale: locale}
	var list []string
	switch locale {
	case Neutral:
		d.words, d.derived = b.words, b.derived
		d.index()
		return d
	case EnglishUS:
		list = misspell.DictAmerican
	case EnglishGB:
		list = misspell.DictBritish
	}
	conv := make(map[string]string, len(list)/2)
	for i := 0; i+1 < len(list); i += 2 {
		wrong, right := list[i], list[i+1]
		// Skip the conversions of words that the word list has in both
		// variants, such as "dialogue" → "dialog" in en-US.
		if usable(wrong, right) && !valid(wrong) {
			conv[wrong] = right
		}
	}
	d.words = make(map[string]string, len(b.words)+len(conv))
	d.derived = make(map[string]struct{}, len(b.derived))
	for wrong, right := range b.words {
		// Convert the correction to the locale ("neighbourhoood" →
		// "neighbourhood" → "neighborhood" in en-US).
		if c, ok := conv[right]; ok {
			right = c
		}
		if _, ok := b.derived[wrong]; ok {
			if !valid(right) {
				continue // a derived correction of the other variant only
			}
			d.derived[wrong] = struct{}{}
		}
		d.words[wrong] = right
	}
	for wrong, right := range conv {
		d.words[wrong] = right
		delete(d.derived, wrong) // an explicit conversion beats a derivation
	}
	d.index()
	return d
}

// keyLengths returns the lengths of the shortest and longest keys.
func keyLengths(words map[string]string) (shortest, longest int) {
	for w := range words {
		if shortest == 0 || len(w) < shortest {
			shortest = len(w)
		}
		longest = max(longest, len(w))
	}
	return shortest, longest
}
