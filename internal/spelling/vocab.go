package spelling

import (
	"hash/maphash"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/wordlist"
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

// Add counts the words of one file. Only words the dictionary does not
// know cost an allocation: words are lower-cased into a buffer and looked
// up without a string conversion.
func (v *Vocabulary) Add(src []byte) {
	type tok struct{ s, e int }
	toks := make([]tok, 0, len(src)/6+1)
	for i := 0; i < len(src); {
		if b := src[i]; b < utf8.RuneSelf && (b|0x20)-'a' >= 26 {
			i++ // the common case, inlined
			continue
		}
		if !letterAt(src, i) {
			i += runeLen(src, i)
			continue
		}
		s := i
		for i < len(src) {
			if b := src[i]; b < utf8.RuneSelf {
				if (b|0x20)-'a' >= 26 {
					break
				}
				i++
			} else if letterAt(src, i) {
				i += runeLen(src, i)
			} else {
				break
			}
		}
		toks = append(toks, tok{s, i})
	}
	local := make(map[string][]uint64)
	var buf, nbuf []byte
	// Known words recur: a small direct-mapped cache of their hashes saves
	// most dictionary lookups.
	var known [4096]uint64
	for k, t := range toks {
		if t.e-t.s < 4 {
			continue // the spelling rule checks words of four letters or more
		}
		var ascii bool
		buf, ascii = appendLowerASCII(buf[:0], src[t.s:t.e])
		if !ascii {
			continue // the spelling rule checks ASCII words only
		}
		wh := wordlist.Hash(buf)
		if known[wh%uint64(len(known))] == wh {
			continue
		}
		if wordlist.ContainsHashed(buf, wh) || knownOtherBytes(buf) {
			known[wh%uint64(len(known))] = wh
			continue
		}
		var h maphash.Hash
		h.SetSeed(seed)
		if k > 0 {
			nbuf = appendLower(nbuf[:0], src[toks[k-1].s:toks[k-1].e])
			h.Write(nbuf)
		}
		h.WriteByte(0)
		if k+1 < len(toks) {
			nbuf = appendLower(nbuf[:0], src[toks[k+1].s:toks[k+1].e])
			h.Write(nbuf)
		}
		if ctxs, ok := local[string(buf)]; ok {
			local[string(buf)] = append(ctxs, h.Sum64())
		} else {
			local[string(buf)] = []uint64{h.Sum64()}
		}
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

// letterAt reports whether src[i:] starts with a letter; ASCII takes a fast
// path.
func letterAt(src []byte, i int) bool {
	if b := src[i]; b < utf8.RuneSelf {
		return (b|0x20)-'a' < 26
	}
	r, _ := utf8.DecodeRune(src[i:])
	return unicode.IsLetter(r)
}

// runeLen is the length of the (possibly invalid) UTF-8 sequence at src[i:].
func runeLen(src []byte, i int) int {
	if src[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRune(src[i:])
	return size
}

// appendLowerASCII appends the lower case of word to buf and reports
// whether word is ASCII; it appends nothing useful otherwise.
func appendLowerASCII(buf, word []byte) ([]byte, bool) {
	for _, b := range word {
		if b >= utf8.RuneSelf {
			return buf, false
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf = append(buf, b)
	}
	return buf, true
}

// appendLower appends the lower case of word to buf, as strings.ToLower
// would write it.
func appendLower(buf, word []byte) []byte {
	for i, b := range word {
		if b >= utf8.RuneSelf {
			return append(buf, strings.ToLower(string(word[i:]))...)
		}
		if 'A' <= b && b <= 'Z' {
			b += 'a' - 'A'
		}
		buf = append(buf, b)
	}
	return buf
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
