// Package spelling is the dictionary side of postlint's spelling rule: which
// words are English or technical vocabulary, and which dictionary words are
// within two edits of one that is not, ranked by frequency. It builds on
// internal/wordlist (SCOWL, with size levels as frequency) and an embedded
// list of technology terms (tech.txt).
//
// The candidate index is built on first use; everything is safe for
// concurrent use.
package spelling

import (
	_ "embed"
	"math/bits"
	"sort"
	"strings"
	"sync"

	"github.com/postlint/postlint/internal/wordlist"
)

//go:embed tech.txt
var techData string

var (
	techOnce sync.Once
	techAny  map[string]bool // lowercase entries: any case
	techCase map[string]bool // entries with capitals: as listed or in all capitals
)

func loadTech() {
	techOnce.Do(func() {
		techAny = make(map[string]bool, 2048)
		techCase = make(map[string]bool)
		for _, line := range strings.Split(techData, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || line[0] == '#' {
				continue
			}
			for _, w := range strings.Fields(line) {
				if strings.ToLower(w) == w {
					techAny[w] = true
				} else {
					techCase[w] = true
					techCase[strings.ToUpper(w)] = true
				}
			}
		}
	})
}

// Tech reports whether word is in the technology-terms list.
func Tech(word string) bool {
	loadTech()
	return techAny[strings.ToLower(word)] || techCase[word]
}

// Known reports whether word is English (the SCOWL list, as wordlist.Contains
// matches case), a technology term, or a known word with a productive prefix
// or suffix ("precompute", "shardable", "reconfiguring").
func Known(word string) bool {
	return wordlist.Contains(word) || knownOther(word)
}

// KnownBytes is [Known] for a word held in a byte slice: a dictionary word
// without capitals, or one already judged, costs no allocation.
func KnownBytes(word []byte) bool {
	return wordlist.ContainsBytes(word) || knownOtherBytes(word)
}

// knownOtherBytes is knownOther for a word held in a byte slice: a word
// already judged costs no allocation.
func knownOtherBytes(word []byte) bool {
	memo.RLock()
	v, ok := memo.m[string(word)]
	memo.RUnlock()
	if ok {
		return v
	}
	return knownOther(string(word))
}

// memo keeps the verdicts of knownOther: the words the word list lacks
// (names, identifiers, jargon) recur across the files of a run, and each
// costs dozens of lookups. It stops growing at memoMax words.
var memo struct {
	sync.RWMutex
	m map[string]bool
}

const memoMax = 1 << 18

// knownOther reports whether a word missing from the word list is known
// otherwise: a technology term, a capitalized dictionary word, a word
// written without its accents, a British spelling or an affixed known word.
func knownOther(word string) bool {
	memo.RLock()
	v, ok := memo.m[word]
	memo.RUnlock()
	if ok {
		return v
	}
	v = knownOtherUncached(word)
	memo.Lock()
	if memo.m == nil {
		memo.m = make(map[string]bool)
	}
	if len(memo.m) < memoMax {
		memo.m[strings.Clone(word)] = v
	}
	memo.Unlock()
	return v
}

func knownOtherUncached(word string) bool {
	if Tech(word) {
		return true
	}
	lower := strings.ToLower(word)
	if lower != word && (wordlist.Contains(lower) || Tech(lower)) && strings.ToUpper(word[:1])+lower[1:] == word {
		return true // Capitalized at the start of a sentence.
	}
	if folded()[lower] {
		return true // "cliche" for "cliché"
	}
	if british(lower) {
		return true
	}
	return affixed(lower)
}

var (
	foldOnce sync.Once
	foldSet  map[string]bool
)

// folded returns the dictionary words with accents, written without them.
func folded() map[string]bool {
	foldOnce.Do(func() {
		foldSet = make(map[string]bool)
		r := strings.NewReplacer("á", "a", "à", "a", "â", "a", "ä", "a", "å", "a", "ç", "c", "é", "e", "è", "e", "ê", "e",
			"ë", "e", "í", "i", "î", "i", "ï", "i", "ñ", "n", "ó", "o", "ô", "o", "ö", "o", "ú", "u", "û", "u", "ü", "u")
		wordlist.NonASCII(func(w string) bool {
			if strings.ContainsAny(w, "áàâäåçéèêëíîïñóôöúûü") {
				foldSet[strings.ToLower(r.Replace(w))] = true
			}
			return true
		})
	})
	return foldSet
}

// british reports whether w is the British -ise form of a known -ize word
// (tokeniser, serialisation).
func british(w string) bool {
	for _, s := range []string{"ise", "ises", "ised", "ising", "iser", "isers", "isation", "isations"} {
		if stem, ok := strings.CutSuffix(w, s); ok && len(stem) >= 3 {
			z := stem + strings.Replace(s, "is", "iz", 1)
			return wordlist.Contains(z) || Tech(z) || stemKnown(z)
		}
	}
	return false
}

func knownStem(s string) bool {
	return len(s) >= 3 && (wordlist.Contains(s) || Tech(s))
}

var prefixes = []string{"re", "un", "pre", "non", "multi", "sub", "de", "dis", "over", "under", "auto", "co",
	"inter", "intra", "micro", "mis", "post", "pseudo", "semi", "super", "cross", "self", "anti", "bi", "tri",
	"mega", "meta", "hyper", "out", "up", "down", "geo", "mid", "mini", "ultra", "cyber", "nano", "macro"}

var suffixes = []string{"s", "es", "ed", "ing", "er", "ers", "able", "ably", "ability", "ly", "ness", "less",
	"ful", "ment", "ments", "ize", "ized", "izes", "izing", "ization", "ise", "ised", "ising", "isation",
	"ify", "ified", "ification", "ist", "ists", "ism", "ish", "like", "wise", "ward", "wards", "ability", "ibility",
	"ation", "ations", "ative", "ally", "al", "ity"}

// affixed reports whether a lowercase word is a known word with one prefix
// and/or one suffix.
func affixed(w string) bool {
	if stemKnown(w) {
		return true
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 {
			rest = strings.TrimPrefix(rest, "-")
			if knownStem(rest) || stemKnown(rest) {
				return true
			}
		}
	}
	return false
}

// stemKnown reports whether w is a known word plus a suffix: with the final
// e restored before a vowel (reusable → reuse, but not "-ly" words: the e of
// "unfortunately" stays), a doubled consonant undone (mapped → map)
// or y for i (copied → copy).
func stemKnown(w string) bool {
	for _, s := range suffixes {
		stem, ok := strings.CutSuffix(w, s)
		if !ok || len(stem) < 3 {
			continue
		}
		if knownStem(stem) || strings.IndexByte("aeiouy", s[0]) >= 0 && knownStem(stem+"e") {
			return true
		}
		if n := len(stem); n >= 4 && stem[n-1] == stem[n-2] && knownStem(stem[:n-1]) {
			return true
		}
		if strings.HasSuffix(stem, "i") && knownStem(stem[:len(stem)-1]+"y") {
			return true
		}
	}
	return false
}

// A Candidate is a dictionary word close to a word.
type Candidate struct {
	Word     string
	Distance int // optimal string alignment distance: a transposition counts as one edit
	Level    int // SCOWL size level: 10 is the most common words, 70 the rarest
}

var (
	techOnceIndex sync.Once
	techByLen     [][]string // technology terms the word list lacks, by length
)

// techIndex indexes the technology terms that are not dictionary words by
// length; the dictionary's own words are indexed when it is generated
// (wordlist.ByLength).
func techIndex() [][]string {
	techOnceIndex.Do(func() {
		loadTech()
		techByLen = make([][]string, 64)
		for w := range techAny {
			if _, ok := wordlist.LetterMask(w); ok && len(w) < len(techByLen) && !wordlist.Contains(w) {
				techByLen[len(w)] = append(techByLen[len(w)], w)
			}
		}
	})
	return techByLen
}

// Candidates returns the lowercase dictionary words (and technology terms)
// within maxDist edits of the lowercase ASCII word w, nearest first, then
// most frequent first.
func Candidates(w string, maxDist int) []Candidate {
	m, ok := wordlist.LetterMask(w)
	if !ok {
		return nil
	}
	var out []Candidate
	consider := func(word string, mask uint32, level int) bool {
		// Each edit changes the presence of at most two letters.
		if bits.OnesCount32(mask^m) <= 2*maxDist && word != w {
			if d := distance(w, word, maxDist); d <= maxDist {
				out = append(out, Candidate{Word: word, Distance: d, Level: level})
			}
		}
		return true
	}
	tech := techIndex()
	for l := max(1, len(w)-maxDist); l <= len(w)+maxDist && l < len(tech); l++ {
		wordlist.ByLength(l, consider)
		for _, t := range tech[l] {
			tm, _ := wordlist.LetterMask(t)
			consider(t, tm, 35) // as common as everyday words, in technical prose
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Distance != b.Distance {
			return a.Distance < b.Distance
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return a.Word < b.Word
	})
	return out
}

// distance is the optimal string alignment distance of a and b (ASCII),
// or max+1 as soon as it must exceed max.
func distance(a, b string, maxD int) int {
	if abs(len(a)-len(b)) > maxD {
		return maxD + 1
	}
	var rows [3][48]int
	if len(b)+1 > len(rows[0]) {
		return maxD + 1
	}
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > maxD {
			return maxD + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
