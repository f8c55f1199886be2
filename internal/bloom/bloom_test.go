package bloom

import (
	"fmt"
	"testing"
)

func TestNoFalseNegatives(t *testing.T) {
	f := New(1000)
	for i := range 1000 {
		f.AddString(fmt.Sprintf("word%d", i))
	}
	for i := range 1000 {
		if !f.MayContain([]byte(fmt.Sprintf("word%d", i))) {
			t.Fatalf("word%d added but not found", i)
		}
	}
}

func TestFalsePositiveRate(t *testing.T) {
	f := New(35000)
	for i := range 35000 {
		f.AddString(fmt.Sprintf("key-%d", i))
	}
	fp := 0
	const probes = 100000
	for i := range probes {
		if f.MayContain([]byte(fmt.Sprintf("other-%d", i))) {
			fp++
		}
	}
	// About 32 bits per key and two probes: well under 1%.
	if rate := float64(fp) / probes; rate > 0.01 {
		t.Errorf("false-positive rate %.4f, want < 0.01", rate)
	}
}

func TestEmpty(t *testing.T) {
	f := New(0)
	if f.MayContain([]byte("x")) || f.MayContain(nil) {
		t.Error("an empty filter holds nothing")
	}
}

func BenchmarkMayContain(b *testing.B) {
	f := New(35000)
	for i := range 35000 {
		f.AddString(fmt.Sprintf("key-%d", i))
	}
	w := []byte("fulfilling")
	for b.Loop() {
		f.MayContain(w)
	}
}
