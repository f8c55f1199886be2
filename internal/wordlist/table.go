package wordlist

import (
	"hash/maphash"
	"math/bits"
)

// table is an open-addressing hash set of the words of data with their
// entries. It holds no pointers, so the garbage collector never scans it,
// and a lookup reads one slot of hashes: the 64-bit hash stands for the
// word (the words are told apart by it; two of 120,000 words share a hash
// with a probability of about 1 in 10^9, checked when the table is built,
// and a word of text matches a list word's hash by chance about once in
// 10^14 lookups).
type table struct {
	hashes  []uint64 // 0: an empty slot
	entries []uint8
	offsets []uint32 // where the word starts in data
	lengths []uint8
	mask    uint64
}

var tableSeed = maphash.MakeSeed()

func hashOf(h uint64) uint64 {
	if h == 0 {
		return 1 // 0 marks an empty slot
	}
	return h
}

// newTable builds the table of entries, whose keys are substrings of data.
func newTable(entries map[string]wordInfo) table {
	size := uint64(1) << bits.Len64(uint64(2*len(entries)))
	t := table{
		hashes:  make([]uint64, size),
		entries: make([]uint8, size),
		offsets: make([]uint32, size),
		lengths: make([]uint8, size),
		mask:    size - 1,
	}
	for w, info := range entries {
		h := hashOf(maphash.String(tableSeed, w))
		i := h & t.mask
		for t.hashes[i] != 0 {
			if t.hashes[i] == h {
				panic("wordlist: two words share a hash; change the seed") // not seen in practice
			}
			i = (i + 1) & t.mask
		}
		t.hashes[i], t.entries[i], t.lengths[i], t.offsets[i] = h, info.entry, uint8(len(w)), info.off
	}
	return t
}

func (t *table) find(h uint64) uint8 {
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.hashes[i] {
		case h:
			return t.entries[i]
		case 0:
			return 0
		}
	}
}

// get returns the entry of w, or 0.
func (t *table) get(w string) uint8 { return t.find(hashOf(maphash.String(tableSeed, w))) }

// getBytes returns the entry of w, or 0.
func (t *table) getBytes(w []byte) uint8 { return t.find(hashOf(maphash.Bytes(tableSeed, w))) }

// all calls fn with each word and its entry until fn returns false.
func (t *table) all(fn func(w string, e uint8) bool) {
	for i, h := range t.hashes {
		if h == 0 {
			continue
		}
		off := t.offsets[i]
		if !fn(data[off:off+uint32(t.lengths[i])], t.entries[i]) {
			return
		}
	}
}

// len returns the number of words.
func (t *table) len() int {
	n := 0
	for _, h := range t.hashes {
		if h != 0 {
			n++
		}
	}
	return n
}
