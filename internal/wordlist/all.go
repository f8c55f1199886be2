package wordlist

// All calls fn with each word of the list, as spelled in the list, and its
// size level (see [Level]), in no particular order, until fn returns false.
func All(fn func(word string, level int) bool) {
	load()
	words.all(func(w string, e uint8) bool {
		return fn(w, int(levels[e&levelMask-1]))
	})
}
