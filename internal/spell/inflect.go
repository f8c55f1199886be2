//nolint:misspell // This file quotes misspellings as examples.
package spell

// The misspell list knows "fufill" → "fulfill" but not "fufilling". derive
// adds such inflected forms: it appends each suffix to both sides of a pair
// with the same English spelling rule, and keeps the new pair only when the
// word list confirms it.

import "strings"

// suffixes are the endings of the derived forms.
var suffixes = []string{"s", "es", "ed", "ing", "er", "ers", "ment", "ments", "ly"}

// A joiner appends suffix to word following one spelling rule, and reports
// whether the rule applies to word and suffix.
type joiner func(word, suffix string) (string, bool)

// joiners are the spelling rules tried for every suffix. More than one may
// apply ("travel" → "traveled", "travelled"); the word list picks.
var joiners = []joiner{appendSuffix, dropE, yToI, double}

// appendSuffix appends suffix as is: "fufill" → "fufilling". It skips the
// joins English never makes, to spare the word list needless look-ups: -es
// after a letter other than s, x, z, h or o, -s after s, x or z, and a suffix
// starting with e after a final e.
func appendSuffix(word, suffix string) (string, bool) {
	last := word[len(word)-1]
	switch {
	case suffix == "es" && !strings.ContainsRune("sxzho", rune(last)),
		suffix == "s" && strings.ContainsRune("sxz", rune(last)),
		suffix[0] == 'e' && last == 'e':
		return "", false
	}
	return word + suffix, true
}

// dropE drops a final silent e before a suffix starting with a vowel:
// "recieve" → "recieving". (Before -es it would only repeat -s.)
func dropE(word, suffix string) (string, bool) {
	n := len(word)
	if n < 3 || word[n-1] != 'e' || !isVowel(suffix[0]) || suffix == "es" {
		return "", false
	}
	return word[:n-1] + suffix, true
}

// yToI turns a final y after a consonant into i before -es, -ed, -er, -ers
// and -ly: "auxilary" → "auxilaries".
func yToI(word, suffix string) (string, bool) {
	n := len(word)
	if n < 3 || word[n-1] != 'y' || isVowel(word[n-2]) {
		return "", false
	}
	switch suffix {
	case "es", "ed", "er", "ers", "ly":
		return word[:n-1] + "i" + suffix, true
	}
	return "", false
}

// double doubles the final consonant of a word ending consonant, vowel,
// consonant before a suffix starting with a vowel: "ocur" → "ocurred". Only
// the word list knows whether the stress calls for it ("occurred", but
// "visited"), so [appendSuffix] is tried too.
func double(word, suffix string) (string, bool) {
	n := len(word)
	if n < 3 || !isVowel(suffix[0]) || suffix == "es" {
		return "", false
	}
	last := word[n-1]
	if isVowel(last) || last < 'a' || last > 'z' || last == 'w' || last == 'x' || last == 'y' ||
		!isVowel(word[n-2]) || isVowel(word[n-3]) {
		return "", false
	}
	return word + string(last) + suffix, true
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// derive adds to words the inflected forms of its pairs and returns the set
// of the added misspellings. A derived pair (wrong', right') is kept only if
// isCommon(right') (a word, and not a rare one), right' is not a key, wrong'
// is not a word (!isWord(wrong')), wrong' is not already a key, and no other
// pair derives wrong' with another correction.
//
// Only pairs whose correction is a known word inflect, and only if both
// sides end with the same two letters, so that the suffix meets the same
// ending and the same spelling rule applies: "recieve" → "receive" inflects,
// but not "warantee" → "warranty" ("waranteeing" → "warrantying") nor the
// list's few pairs that change the word ("facilitant" → "facilitate").
func derive(words map[string]string, isWord, isCommon func(string) bool) map[string]struct{} {
	// Group the misspellings by correction, so that each correction
	// inflects once, however many misspellings it has.
	byRight := make(map[string][]string)
	for wrong, right := range words {
		if len(wrong) >= 3 && len(right) >= 3 && wrong[len(wrong)-2:] == right[len(right)-2:] {
			byRight[right] = append(byRight[right], wrong)
		}
	}
	found := make(map[string]string)
	ambiguous := make(map[string]bool)
	for right, wrongs := range byRight {
		if !isWord(right) {
			continue
		}
		for _, suffix := range suffixes {
			for _, join := range joiners {
				right2, ok := join(right, suffix)
				if !ok || !isCommon(right2) {
					continue
				}
				if _, isKey := words[right2]; isKey {
					continue // a correction that is itself listed as wrong
				}
				for _, wrong := range wrongs {
					wrong2, ok := join(wrong, suffix)
					if !ok || wrong2 == right2 || isWord(wrong2) {
						continue
					}
					if _, isKey := words[wrong2]; isKey {
						continue
					}
					if prev, seen := found[wrong2]; seen && prev != right2 {
						ambiguous[wrong2] = true
					}
					found[wrong2] = right2
				}
			}
		}
	}
	derived := make(map[string]struct{}, len(found))
	for wrong, right := range found {
		if !ambiguous[wrong] {
			words[wrong] = right
			derived[wrong] = struct{}{}
		}
	}
	return derived
}
