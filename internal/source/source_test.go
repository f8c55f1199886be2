package source

import "testing"

func TestPosition(t *testing.T) {
	src := []byte("ab\r\nçé日x\n\n🎉z")
	l := NewLines(src)
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1}, {1, 1, 2}, {2, 1, 3}, {4, 2, 1}, {6, 2, 2}, {8, 2, 3}, {11, 2, 4},
		{12, 2, 5}, {13, 3, 1}, {14, 4, 1}, {18, 4, 2}, {19, 4, 3}, {99, 4, 3}, {-1, 1, 1},
	}
	for _, tt := range tests {
		line, col := l.Position(tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Position(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
		if tt.off >= 0 && tt.off <= len(src) {
			if got := l.Offset(line, col); got != tt.off {
				t.Errorf("Offset(%d,%d) = %d, want %d", line, col, got, tt.off)
			}
		}
	}
	if l.Count() != 4 {
		t.Errorf("Count = %d", l.Count())
	}
	if got := string(l.Text(1)); got != "ab" {
		t.Errorf("Text(1) = %q (CR must be excluded)", got)
	}
	if got := string(l.Text(4)); got != "🎉z" {
		t.Errorf("Text(4) = %q", got)
	}
}

func TestColumnInvalid(t *testing.T) {
	if n := Column([]byte{'a', 0xff, 0xfe, 'b'}); n != 4 {
		t.Errorf("Column = %d, want 4", n)
	}
}

func TestLinesOfMatchesNewLines(t *testing.T) {
	for _, src := range []string{"", "a", "a\n", "a\r\nb\n\nc", "\n\n", "x\ry\n"} {
		starts := []int{0}
		for i := 0; i < len(src); i++ {
			if src[i] == '\n' {
				starts = append(starts, i+1)
			}
		}
		a, b := NewLines([]byte(src)), LinesOf([]byte(src), starts)
		if a.Count() != b.Count() {
			t.Errorf("%q: %d lines, want %d", src, b.Count(), a.Count())
		}
		for off := 0; off <= len(src); off++ {
			if a.Line(off) != b.Line(off) {
				t.Errorf("%q: offset %d on line %d, want %d", src, off, b.Line(off), a.Line(off))
			}
		}
	}
}
