package wordlist

// All calls fn with each word of the list, as spelled in the list, and its
// size level (see [Level]), in no particular order, until fn returns false.
func All(fn func(word string, level int) bool) {
	load()
	for w, e := range words {
		if !fn(w, int(levels[e&levelMask-1])) {
			return
		}
	}
}
