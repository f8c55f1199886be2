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

// newTable returns an empty table with room for n words.
func newTable(n int) table {
	size := uint64(1) << bits.Len64(uint64(2*n))
	return table{
		hashes:  make([]uint64, size),
		entries: make([]uint8, size),
		offsets: make([]uint32, size),
		lengths: make([]uint8, size),
		mask:    size - 1,
	}
}

// add adds the word w, found at data[off:], with the entry bits of its
// section, and reports whether it is new. A word listed again (under the
// other variant, or at another level) keeps its lowest level and gains the
// variant.
func (t *table) add(w string, off uint32, section uint8) bool {
	h := hashOf(maphash.String(tableSeed, w))
	i := h & t.mask
	for ; t.hashes[i] != 0; i = (i + 1) & t.mask {
		if t.hashes[i] != h {
			continue
		}
		o := t.offsets[i]
		if data[o:o+uint32(t.lengths[i])] != w {
			panic("wordlist: two words share a hash") // about 1 in 10^9; a new seed fixes it
		}
		old := t.entries[i]
		level := min(old&levelMask, section&levelMask)
		t.entries[i] = level | (old|section)&^levelMask
		return false
	}
	t.hashes[i], t.entries[i], t.lengths[i], t.offsets[i] = h, section, uint8(len(w)), off
	return true
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
