package wordlist

import (
	"strings"
	"unicode/utf8"
)

// All calls fn with each word of the list, as spelled in the list, and its
// size level (see [Level]), in no particular order, until fn returns false.
func All(fn func(word string, level int) bool) {
	load()
	words.all(func(w string, e uint8) bool {
		return fn(w, int(levels[e&levelMask-1]))
	})
}

// ByLength calls fn with each word of the list of n letters that is written
// in lowercase ASCII letters only, with its letter mask (bit i set when the
// word holds the letter 'a'+i) and its size level, until fn returns false.
// The words are indexed by length when the list is generated, so this reads
// only those words.
func ByLength(n int, fn func(word string, mask uint32, level int) bool) {
	load()
	words.byLength(n, func(w string, mask uint32, e uint8) bool {
		return fn(w, mask, int(levels[e&levelMask-1]))
	})
}

// NonASCII calls fn with each word of the list that is not all ASCII
// ("café", "naïve"), in the order of the list, until fn returns false. It
// reads the embedded text without loading the list.
func NonASCII(fn func(word string) bool) {
	seen := make(map[string]bool)
	for rest := data; rest != ""; {
		i := 0
		for i < len(rest) && rest[i] < utf8.RuneSelf {
			i++
		}
		if i == len(rest) {
			return
		}
		// The line holding rest[i].
		start := strings.LastIndexByte(rest[:i], '\n') + 1
		end := strings.IndexByte(rest[i:], '\n')
		if end < 0 {
			end = len(rest)
		} else {
			end += i
		}
		line := rest[start:end]
		rest = rest[min(end+1, len(rest)):]
		if line == "" || line[0] == '#' || line[0] == '=' || seen[line] {
			continue
		}
		seen[line] = true
		if !fn(line) {
			return
		}
	}
}
