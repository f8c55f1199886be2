package wordlist

import (
	_ "embed"
	"encoding/binary"
	"errors"
	"math/bits"
	"strings"
)

// The list's hash table is built at generation time (go generate
// ./internal/wordlist) into table.bin and embedded: a run looks words up in
// it without parsing the list or building a map, so start-up costs nothing
// and the garbage collector has nothing to scan.
//
// table.bin, little-endian:
//
//	"PLWT", version uint32, slots uint32 (a power of two), uppers uint32
//	slots × uint32  tag: the high half of the word's FNV-1a hash, low bit set (0: empty)
//	slots × uint32  offset of the word in words.txt
//	slots × uint8   length of the word
//	slots × uint8   entry bits (level index + 1, variants)
//	uppers × uint32 offsets of the words with capitals (see upper)
//	uppers × uint8  their lengths
//	65 × uint32     by length: where the words of byte length n start in the
//	                next two arrays (n < 64; the last is the count)
//	count × uint32  slots of the lowercase ASCII words, by length
//	count × uint32  their letter masks (bit i: letter 'a'+i)
//
// A word's slot is the low bits of its hash, then the next ones (linear
// probing). A tag match is checked against the word's bytes in words.txt,
// so a lookup is exact.
//
//go:embed table.bin
var tableBin []byte

const tableVersion = 2

// table is a view of table.bin.
type table struct {
	tags    []byte
	offsets []byte
	lengths []byte
	entries []byte
	mask    uint32
	upper   map[string]string
	// byLen[n]:byLen[n+1] is the range of lenSlots and lenMasks holding
	// the lowercase ASCII words of n bytes.
	byLen    []byte
	lenSlots []byte
	lenMasks []byte
}

// maxIndexed is one more than the longest word length in the by-length
// index.
const maxIndexed = 64

// fnv is the 64-bit FNV-1a hash of s.
func fnv[S string | []byte](s S) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

func tagOf(h uint64) uint32 { return uint32(h>>32) | 1 }

// openTable reads the table of b, the contents of table.bin.
func openTable(b []byte) (table, error) {
	if len(b) < 16 || string(b[:4]) != "PLWT" || binary.LittleEndian.Uint32(b[4:]) != tableVersion {
		return table{}, errors.New("wordlist: table.bin is not a version 2 table; run go generate ./internal/wordlist")
	}
	slots := int(binary.LittleEndian.Uint32(b[8:]))
	uppers := int(binary.LittleEndian.Uint32(b[12:]))
	head := 16 + slots*10 + uppers*5 + 4*(maxIndexed+1)
	if slots == 0 || slots&(slots-1) != 0 || len(b) < head {
		return table{}, errors.New("wordlist: table.bin is truncated; run go generate ./internal/wordlist")
	}
	count := int(binary.LittleEndian.Uint32(b[head-4:]))
	if len(b) != head+8*count {
		return table{}, errors.New("wordlist: table.bin is truncated; run go generate ./internal/wordlist")
	}
	p := b[16:]
	t := table{mask: uint32(slots - 1)}
	t.tags, p = p[:4*slots], p[4*slots:]
	t.offsets, p = p[:4*slots], p[4*slots:]
	t.lengths, p = p[:slots], p[slots:]
	t.entries, p = p[:slots], p[slots:]
	uOff, uLen := p[:4*uppers], p[4*uppers:5*uppers]
	p = p[5*uppers:]
	t.byLen, p = p[:4*(maxIndexed+1)], p[4*(maxIndexed+1):]
	t.lenSlots, t.lenMasks = p[:4*count], p[4*count:]
	t.upper = make(map[string]string, uppers)
	for i := range uppers {
		off := binary.LittleEndian.Uint32(uOff[4*i:])
		w := data[off : off+uint32(uLen[i])]
		t.upper[strings.ToUpper(w)] = w
	}
	return t, nil
}

func (t *table) word(i uint32) string {
	off := binary.LittleEndian.Uint32(t.offsets[4*i:])
	return data[off : off+uint32(t.lengths[i])]
}

// get returns the entry of w, or 0.
func (t *table) get(w string) uint8 { return lookupHashed(t, w, fnv(w)) }

// getBytes returns the entry of w, or 0.
func (t *table) getBytes(w []byte) uint8 { return lookupHashed(t, w, fnv(w)) }

// lookupHashed returns the entry of w, whose hash is h, or 0.
func lookupHashed[S string | []byte](t *table, w S, h uint64) uint8 {
	tag := tagOf(h)
	for i := uint32(h) & t.mask; ; i = (i + 1) & t.mask {
		switch binary.LittleEndian.Uint32(t.tags[4*i:]) {
		case 0:
			return 0
		case tag:
			if t.word(i) == string(w) {
				return t.entries[i]
			}
		}
	}
}

// byLength calls fn with each lowercase ASCII word of n bytes, its letter
// mask and its entry, until fn returns false.
func (t *table) byLength(n int, fn func(w string, mask uint32, e uint8) bool) {
	if n < 0 || n >= maxIndexed {
		return
	}
	from := binary.LittleEndian.Uint32(t.byLen[4*n:])
	to := binary.LittleEndian.Uint32(t.byLen[4*(n+1):])
	for k := from; k < to; k++ {
		i := binary.LittleEndian.Uint32(t.lenSlots[4*k:])
		if !fn(t.word(i), binary.LittleEndian.Uint32(t.lenMasks[4*k:]), t.entries[i]) {
			return
		}
	}
}

// LetterMask returns the set of letters of a lowercase ASCII word (bit i:
// the letter 'a'+i), and false for any other word: the mask ByLength
// gives with each word.
func LetterMask(w string) (uint32, bool) {
	var m uint32
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < 'a' || c > 'z' {
			return 0, false
		}
		m |= 1 << (c - 'a')
	}
	return m, true
}

// all calls fn with each word and its entry until fn returns false.
func (t *table) all(fn func(w string, e uint8) bool) {
	for i := uint32(0); i <= t.mask; i++ {
		if binary.LittleEndian.Uint32(t.tags[4*i:]) == 0 {
			continue
		}
		if !fn(t.word(i), t.entries[i]) {
			return
		}
	}
}

// len returns the number of words.
func (t *table) len() int {
	n := 0
	for i := uint32(0); i <= t.mask; i++ {
		if binary.LittleEndian.Uint32(t.tags[4*i:]) != 0 {
			n++
		}
	}
	return n
}

// buildTable parses text, the contents of words.txt, into the contents of
// table.bin.
func buildTable(text string) []byte {
	type word struct {
		off   uint32
		n     uint8
		entry uint8
	}
	index := make(map[string]int)
	var list []word
	var uppers []word
	var section uint8
	for rest := text; rest != ""; {
		off := uint32(len(text) - len(rest))
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		switch {
		case line == "" || line[0] == '#':
			continue
		case line[0] == '=':
			section = parseHeader(line[1:])
			continue
		}
		if len(line) > 255 {
			panic("wordlist: a word longer than 255 bytes: " + line)
		}
		if k, seen := index[line]; seen {
			// Listed again: under the other variant, or at another level.
			old := list[k].entry
			level := min(old&levelMask, section&levelMask)
			list[k].entry = level | (old|section)&^levelMask
			continue
		}
		index[line] = len(list)
		w := word{off, uint8(len(line)), section}
		list = append(list, w)
		if strings.ToLower(line) != line {
			uppers = append(uppers, w)
		}
	}
	slots := uint32(1) << bits.Len32(uint32(2*len(list)))
	tags := make([]uint32, slots)
	at := make([]word, slots)
	for _, w := range list {
		h := fnv(text[w.off : w.off+uint32(w.n)])
		i := uint32(h) & (slots - 1)
		for tags[i] != 0 {
			i = (i + 1) & (slots - 1)
		}
		tags[i], at[i] = tagOf(h), w
	}
	out := make([]byte, 0, 16+int(slots)*10+len(uppers)*5)
	out = append(out, "PLWT"...)
	out = binary.LittleEndian.AppendUint32(out, tableVersion)
	out = binary.LittleEndian.AppendUint32(out, slots)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(uppers)))
	for _, t := range tags {
		out = binary.LittleEndian.AppendUint32(out, t)
	}
	for _, w := range at {
		out = binary.LittleEndian.AppendUint32(out, w.off)
	}
	for _, w := range at {
		out = append(out, w.n)
	}
	for _, w := range at {
		out = append(out, w.entry)
	}
	for _, w := range uppers {
		out = binary.LittleEndian.AppendUint32(out, w.off)
	}
	for _, w := range uppers {
		out = append(out, w.n)
	}
	// The lowercase ASCII words by length, in slot order within a length.
	var bucket [maxIndexed][]uint32
	for i, t := range tags {
		if t == 0 || int(at[i].n) >= maxIndexed {
			continue
		}
		if _, ok := LetterMask(text[at[i].off : at[i].off+uint32(at[i].n)]); ok {
			bucket[at[i].n] = append(bucket[at[i].n], uint32(i))
		}
	}
	start := uint32(0)
	for _, b := range bucket {
		out = binary.LittleEndian.AppendUint32(out, start)
		start += uint32(len(b))
	}
	out = binary.LittleEndian.AppendUint32(out, start)
	for _, b := range bucket {
		for _, i := range b {
			out = binary.LittleEndian.AppendUint32(out, i)
		}
	}
	for _, b := range bucket {
		for _, i := range b {
			m, _ := LetterMask(text[at[i].off : at[i].off+uint32(at[i].n)])
			out = binary.LittleEndian.AppendUint32(out, m)
		}
	}
	return out
}
