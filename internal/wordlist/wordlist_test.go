package wordlist

import (
	"bytes"
	"flag"
	"os"
	"runtime"
	"sync"
	"testing"
)

func TestContains(t *testing.T) {
	present := []string{
		// common words
		"a", "the", "and", "of", "house", "people", "write", "because",
		// inflected forms that SCOWL lists
		"fulfilling", "fulfilled", "fulfills", "receiving", "received",
		"occurred", "occurring", "separately", "requirements", "writing",
		// variant spellings
		"color", "colour", "analyze", "analyse",
		// non-ASCII entries
		"café", "cliché",
	}
	for _, w := range present {
		if !Contains(w) {
			t.Errorf("Contains(%q) = false, want true", w)
		}
	}
	absent := []string{
		"", "fufilling", "fufill", "recieve", "recieving", "occured",
		"seperately", "requirments", "teh", "alot", "doesnt",
		"doesn't", // SCOWL's npm lists carry no contractions
		"xyzzy", "the ", " the", "the\n",
	}
	for _, w := range absent {
		if Contains(w) {
			t.Errorf("Contains(%q) = true, want false", w)
		}
	}
}

func TestCase(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		// A lowercase entry matches in any case.
		{"receive", true},
		{"Receive", true},
		{"RECEIVE", true},
		{"rEcEiVe", true},
		{"Café", true},
		{"CAFÉ", true},
		// An entry with capitals matches as listed or in all capitals.
		{"kHz", true},
		{"KHZ", true},
		{"khz", false},
		{"Khz", false},
		{"OK", true},
		{"ok", false},
		{"Ok", false},
		{"pH", true},
		{"PH", true},
		{"ph", false},
		{"dB", true},
		{"DB", true},
		{"db", false},
		{"OKed", true},
		{"OKED", true},
		{"oked", false},
		// Misspellings stay absent in every case.
		{"Recieve", false},
		{"RECIEVE", false},
	}
	for _, tt := range tests {
		if got := Contains(tt.word); got != tt.want {
			t.Errorf("Contains(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestLevel(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"the", 10},
		{"The", 10},
		{"receiving", 10},
		{"occurred", 10},
		{"fulfilling", 20},
		{"color", 10},
		{"colour", 10},
		{"okay", 35}, // listed under both variants
		{"café", 20},
		{"recieve", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := Level(tt.word); got != tt.want {
			t.Errorf("Level(%q) = %d, want %d", tt.word, got, tt.want)
		}
	}
	// Every level is one SCOWL publishes.
	load()
	valid := map[int]bool{10: true, 20: true, 35: true, 40: true, 50: true, 55: true, 60: true, 70: true}
	words.all(func(w string, _ uint8) bool {
		if l := Level(w); !valid[l] {
			t.Fatalf("Level(%q) = %d", w, l)
		}
		return true
	})
}

func TestVariant(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		{"color", "american"},
		{"Color", "american"},
		{"analyze", "american"},
		{"colour", "british"},
		{"COLOUR", "british"},
		{"analyse", "british"},
		{"okay", ""}, // listed under both variants
		{"the", ""},
		{"fulfilling", ""},
		{"recieve", ""},
	}
	for _, tt := range tests {
		if got := Variant(tt.word); got != tt.want {
			t.Errorf("Variant(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestSize(t *testing.T) {
	load()
	if n := words.len(); n < 110000 || n > 120000 {
		t.Errorf("%d words, want about 115,000", n)
	}
	if n := len(upper); n != 8 { // OK, OKed, OKing, OKs, kW, dB, kHz, pH
		t.Errorf("%d words with capitals, want 8", n)
	}
}

func TestConcurrentFirstUse(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !Contains("receiving") {
				t.Error("Contains(receiving) = false")
			}
		})
	}
	wg.Wait()
}

func TestLookupAllocs(t *testing.T) {
	for _, w := range []string{"receiving", "Receiving", "RECEIVING", "recieving", "KHZ"} {
		if n := testing.AllocsPerRun(100, func() { Contains(w) }); n != 0 {
			t.Errorf("Contains(%q) allocates %v times", w, n)
		}
	}
}

// TestMemory logs the heap the loaded list takes; run with -v to see it.
func TestMemory(t *testing.T) {
	if words.tags != nil {
		t.Skip("list already loaded by another test")
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	load()
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("%d words, heap %+.1f MiB (the table is embedded), embedded text %.1f MiB",
		words.len(), (float64(after.HeapAlloc)-float64(before.HeapAlloc))/(1<<20), float64(len(data))/(1<<20))
}

// BenchmarkLoad measures parsing the embedded list, which happens once.
func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		loadOnce = sync.Once{}
		words, upper = table{}, nil
		load()
	}
}

func BenchmarkContains(b *testing.B) {
	load()
	for _, w := range []string{"receiving", "Receiving", "recieving"} {
		b.Run(w, func(b *testing.B) {
			for b.Loop() {
				Contains(w)
			}
		})
	}
}

func TestAll(t *testing.T) {
	n := 0
	All(func(w string, level int) bool {
		if level != Level(w) {
			t.Fatalf("All gives %q level %d, Level says %d", w, level, Level(w))
		}
		n++
		return true
	})
	if n < 100000 {
		t.Errorf("All gave %d words", n)
	}
}

func TestNonASCII(t *testing.T) {
	want := map[string]bool{}
	All(func(w string, _ int) bool {
		for i := 0; i < len(w); i++ {
			if w[i] >= 0x80 {
				want[w] = true
				break
			}
		}
		return true
	})
	got := map[string]bool{}
	NonASCII(func(w string) bool {
		if got[w] {
			t.Errorf("%q twice", w)
		}
		got[w] = true
		return true
	})
	if len(want) == 0 || len(got) != len(want) {
		t.Fatalf("NonASCII gave %d words, All has %d non-ASCII words", len(got), len(want))
	}
	for w := range want {
		if !got[w] {
			t.Errorf("NonASCII misses %q", w)
		}
	}
}

var update = flag.Bool("update", false, "rewrite table.bin from words.txt")

// TestTableUpToDate checks that table.bin is the table of words.txt.
func TestTableUpToDate(t *testing.T) {
	want := buildTable(data)
	if *update {
		if err := os.WriteFile("table.bin", want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(tableBin, want) {
		t.Fatal("table.bin is stale: run go generate ./internal/wordlist")
	}
}

func TestOpenTableRejectsDamage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("PLWT"), tableBin[:len(tableBin)-1], append([]byte("XXXX"), tableBin[4:]...)} {
		if _, err := openTable(b); err == nil {
			t.Errorf("openTable accepted %d damaged bytes", len(b))
		}
	}
}

func TestByLength(t *testing.T) {
	want := map[string]int{} // lowercase ASCII word -> level
	All(func(w string, level int) bool {
		if _, ok := LetterMask(w); ok && len(w) < maxIndexed {
			want[w] = level
		}
		return true
	})
	got := 0
	for n := range maxIndexed {
		ByLength(n, func(w string, mask uint32, level int) bool {
			got++
			m, ok := LetterMask(w)
			if len(w) != n || !ok || m != mask || want[w] != level {
				t.Errorf("ByLength(%d) gave %q, mask %b, level %d; want length %d, mask %b, level %d", n, w, mask, level, n, m, want[w])
			}
			return true
		})
	}
	if got != len(want) || got < 100000 {
		t.Errorf("ByLength gave %d words, want the %d lowercase ASCII words", got, len(want))
	}
}
