// Package fix validates, merges and applies byte-range edits. It knows nothing
// of rules or linting: a fix is a list of edits applied together or not at all.
package fix

import (
	"fmt"
	"sort"
)

// Edit replaces src[Start:End] with New; Start == End inserts.
type Edit struct {
	Start, End int
	New        string
}

// Validate checks that edits lie within a source of length size and, once
// sorted, do not overlap. It sorts edits in place.
func Validate(edits []Edit, size int) error {
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > size {
			return fmt.Errorf("edit [%d,%d) out of bounds (source has %d bytes)", e.Start, e.End, size)
		}
	}
	sortEdits(edits)
	for i := 1; i < len(edits); i++ {
		if conflict(edits[i-1], edits[i]) {
			return fmt.Errorf("edits [%d,%d) and [%d,%d) overlap", edits[i-1].Start, edits[i-1].End, edits[i].Start, edits[i].End)
		}
	}
	return nil
}

func sortEdits(edits []Edit) {
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].Start != edits[j].Start {
			return edits[i].Start < edits[j].Start
		}
		return edits[i].End < edits[j].End
	})
}

// conflict reports whether two distinct edits, a before b in sorted order,
// cannot both apply. Two insertions at one point, or an insertion at the start
// of a replacement, have no defined order: they conflict.
func conflict(a, b Edit) bool {
	if a == b {
		return false
	}
	if b.Start < a.End {
		return true
	}
	return b.Start == a.Start // same point: insertion vs insertion or insertion vs replacement
}

// Merge chooses, in order, the fixes that can apply together: a fix whose
// edits conflict with an edit already chosen is deferred (left for the next
// pass). Identical edits from different fixes coalesce. Every fix must already
// be valid. It returns the chosen edits, sorted, and which fixes were chosen.
func Merge(fixes [][]Edit) (edits []Edit, chosen []bool) {
	chosen = make([]bool, len(fixes))
	var accepted []Edit // kept sorted
	for i, f := range fixes {
		ok := true
		for _, e := range f {
			if overlapsAny(accepted, e) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		chosen[i] = true
		for _, e := range f {
			accepted = insertSorted(accepted, e)
		}
	}
	return accepted, chosen
}

func overlapsAny(sorted []Edit, e Edit) bool {
	// The first edit that ends at or after e.Start, then every edit that
	// starts at or before e.End, may conflict.
	i := sort.Search(len(sorted), func(i int) bool { return sorted[i].End >= e.Start })
	for ; i < len(sorted) && sorted[i].Start <= e.End; i++ {
		a, b := sorted[i], e
		if b.Start < a.Start || (b.Start == a.Start && b.End < a.End) {
			a, b = b, a
		}
		if conflict(a, b) {
			return true
		}
	}
	return false
}

func insertSorted(sorted []Edit, e Edit) []Edit {
	i := sort.Search(len(sorted), func(i int) bool {
		s := sorted[i]
		return s.Start > e.Start || (s.Start == e.Start && s.End >= e.End)
	})
	if i < len(sorted) && sorted[i] == e {
		return sorted // identical edits coalesce
	}
	sorted = append(sorted, Edit{})
	copy(sorted[i+1:], sorted[i:])
	sorted[i] = e
	return sorted
}

// Apply returns src with sorted, non-overlapping edits applied. src is not
// modified.
func Apply(src []byte, edits []Edit) []byte {
	size := len(src)
	for _, e := range edits {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	last := 0
	for _, e := range edits {
		out = append(out, src[last:e.Start]...)
		out = append(out, e.New...)
		last = e.End
	}
	return append(out, src[last:]...)
}
