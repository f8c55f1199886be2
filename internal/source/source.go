// Package source maps byte offsets in a document to 1-based lines and columns.
//
// Offsets are canonical everywhere in postlint; lines and columns exist only at
// the edges (reporters, directives, test harnesses). A Lines table is built once
// per document and answers each query in O(log lines).
package source

import (
	"sort"
	"unicode/utf8"
)

// Lines is the line table of one source text.
type Lines struct {
	src    []byte
	starts []int // byte offset of the first byte of each line
}

// NewLines builds the line table of src. A line ends after '\n'; a lone '\r'
// is not a line break (as in CommonMark it is, but postlint reports CR-only
// files through line-endings and keeps positions simple).
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 1+len(src)/40)
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Lines{src: src, starts: starts}
}

// LinesOf returns the line table of src from starts, the offsets where its
// lines start as NewLines would find them (rules.Document.LineStarts): the
// table shares starts, which must not change.
func LinesOf(src []byte, starts []int) *Lines {
	return &Lines{src: src, starts: starts}
}

// Count returns the number of lines (a final line without '\n' counts; an
// empty trailing line after a final '\n' counts too, as editors show it).
func (l *Lines) Count() int { return len(l.starts) }

// Line returns the 1-based line containing offset off (clamped to the source).
func (l *Lines) Line(off int) int {
	off = l.clamp(off)
	return sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > off })
}

// Start returns the offset of the first byte of 1-based line n.
func (l *Lines) Start(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(l.starts) {
		return len(l.src)
	}
	return l.starts[n-1]
}

// End returns the offset just past the content of 1-based line n, before its
// "\n" or "\r\n".
func (l *Lines) End(n int) int {
	if n < 1 {
		return 0
	}
	if n >= len(l.starts) {
		return len(l.src)
	}
	e := l.starts[n] - 1
	if e > l.starts[n-1] && l.src[e-1] == '\r' {
		e--
	}
	return e
}

// Text returns the content of 1-based line n without its line ending.
func (l *Lines) Text(n int) []byte { return l.src[l.Start(n):l.End(n)] }

// Position returns the 1-based line and 1-based column of off. The column
// counts characters (runes); each invalid byte counts as one character.
func (l *Lines) Position(off int) (line, col int) {
	off = l.clamp(off)
	line = l.Line(off)
	start := l.starts[line-1]
	return line, Column(l.src[start:off]) + 1
}

// Offset converts a 1-based line and 1-based character column back to a byte
// offset, clamped to the line.
func (l *Lines) Offset(line, col int) int {
	start, end := l.Start(line), l.End(line)
	off := start
	for c := 1; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(l.src[off:end])
		off += size
	}
	return off
}

func (l *Lines) clamp(off int) int {
	if off < 0 {
		return 0
	}
	if off > len(l.src) {
		return len(l.src)
	}
	return off
}

// Column returns the number of characters in b, counting each invalid byte as
// one character.
func Column(b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
		} else {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		}
		n++
	}
	return n
}
