// Package bloom is a Bloom filter of short byte strings. postlint's hot
// word lookups (misspellings, product names) ask "is this word in the list?"
// for nearly every word of prose, and the answer is nearly always no: two
// bit tests in a small table answer most of them without hashing into a map.
package bloom

import "math/bits"

// Filter holds a set of keys with false positives but no false negatives.
// A Filter is safe for concurrent reads once built.
type Filter struct {
	bits []uint64
	mask uint32 // number of bits minus one (a power of two)
}

// New returns an empty filter sized for n keys at about 32 bits per key,
// which keeps false positives under half a percent with two probes.
func New(n int) *Filter {
	need := max(n*32, 512)
	size := uint32(1) << bits.Len(uint(need-1))
	return &Filter{bits: make([]uint64, size/64), mask: size - 1}
}

// Add adds key.
func (f *Filter) Add(key []byte) {
	h1, h2 := f.probes(key)
	f.bits[h1/64] |= 1 << (h1 % 64)
	f.bits[h2/64] |= 1 << (h2 % 64)
}

// AddString adds key.
func (f *Filter) AddString(key string) { f.Add([]byte(key)) }

// MayContain reports whether key may have been added; false means it was
// not.
func (f *Filter) MayContain(key []byte) bool {
	h1, h2 := f.probes(key)
	return f.bits[h1/64]&(1<<(h1%64)) != 0 && f.bits[h2/64]&(1<<(h2%64)) != 0
}

// probes returns the two bit positions of key: the halves of its 64-bit
// FNV-1a hash.
func (f *Filter) probes(key []byte) (uint32, uint32) {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return uint32(h) & f.mask, uint32(h>>32) & f.mask
}
