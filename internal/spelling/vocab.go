package spelling

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Vocabulary counts, over the files of a run, how many files use each word
// that the dictionary does not know: the project's own vocabulary shows up
// in several files, a typo rarely does. A use counts for a file only when
// the words around it differ from every use already counted, so that copies
// of one page (versioned docs, translations left in English) count once.
// It reads raw text, code and all: a word a project uses in code is its
// vocabulary too. Safe for concurrent use.
type Vocabulary struct {
	mu    sync.Mutex
	words map[string]*vocabEntry
}

type vocabEntry struct {
	files    int
	contexts []uint64
}

// maxContexts bounds the contexts kept per word.
const maxContexts = 8

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{words: make(map[string]*vocabEntry)}
}

var seed = maphash.MakeSeed()

// Add counts the words of one file.
func (v *Vocabulary) Add(src []byte) {
	type tok struct{ s, e int }
	var toks []tok
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		s := i
		for i < len(src) {
			r, size := utf8.DecodeRune(src[i:])
			if !unicode.IsLetter(r) {
				break
			}
			i += size
		}
		toks = append(toks, tok{s, i})
	}
	local := make(map[string][]uint64)
	known := make(map[string]bool)
	for k, t := range toks {
		if t.e-t.s < 3 {
			continue
		}
		w := strings.ToLower(string(src[t.s:t.e]))
		isKnown, seen := known[w]
		if !seen {
			isKnown = Known(w)
			known[w] = isKnown
		}
		if isKnown {
			continue
		}
		var h maphash.Hash
		h.SetSeed(seed)
		if k > 0 {
			h.WriteString(strings.ToLower(string(src[toks[k-1].s:toks[k-1].e])))
		}
		h.WriteByte(0)
		if k+1 < len(toks) {
			h.WriteString(strings.ToLower(string(src[toks[k+1].s:toks[k+1].e])))
		}
		local[w] = append(local[w], h.Sum64())
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	for w, ctxs := range local {
		e := v.words[w]
		if e == nil {
			e = &vocabEntry{}
			v.words[w] = e
		}
		fresh := false
		for _, c := range ctxs {
			if !containsHash(e.contexts, c) {
				fresh = true
				if len(e.contexts) < maxContexts {
					e.contexts = append(e.contexts, c)
				}
			}
		}
		if fresh {
			e.files++
		}
	}
}

func containsHash(list []uint64, h uint64) bool {
	for _, x := range list {
		if x == h {
			return true
		}
	}
	return false
}

// Counts returns the file count of each word (lowercase).
func (v *Vocabulary) Counts() map[string]int {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make(map[string]int, len(v.words))
	for w, e := range v.words {
		out[w] = e.files
	}
	return out
}
