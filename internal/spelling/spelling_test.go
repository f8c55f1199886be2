package spelling

import (
	"testing"
)

func TestKnown(t *testing.T) {
	for _, w := range []string{"the", "The", "receive", "kubectl", "Kubectl", "namespaces", "precompute", "shardable",
		"reconfiguring", "unmarshaling", "mapped", "copied", "reusable", "autoscaling"} {
		if !Known(w) {
			t.Errorf("Known(%q) = false", w)
		}
	}
	for _, w := range []string{"storgage", "histgorms", "recieve", "teh", "xyzzy", "unfortunatly"} {
		if Known(w) {
			t.Errorf("Known(%q) = true", w)
		}
	}
}

func TestCandidates(t *testing.T) {
	tests := []struct {
		word, first string
		dist        int
	}{
		{"storgage", "storage", 1},
		{"histgorms", "histograms", 2},
		{"recieve", "receive", 1},
	}
	for _, tt := range tests {
		cs := Candidates(tt.word, 2)
		if len(cs) == 0 || cs[0].Word != tt.first || cs[0].Distance != tt.dist {
			t.Errorf("Candidates(%q) = %v, want %s at %d first", tt.word, cs[:min(len(cs), 5)], tt.first, tt.dist)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"abc", "abc", 0}, {"abc", "acb", 1}, {"abc", "ab", 1}, {"abc", "abcd", 1}, {"abc", "xbc", 1},
		{"ca", "abc", 3}, {"kitten", "sitting", 3},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b, 5); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	if got := distance("kitten", "sitting", 2); got != 3 {
		t.Errorf("bounded distance = %d, want 3 (max+1)", got)
	}
}

func BenchmarkCandidates(b *testing.B) {
	Candidates("warmup", 2)
	for b.Loop() {
		Candidates("histgorms", 2)
	}
}

func TestVocabulary(t *testing.T) {
	v := NewVocabulary()
	// "frobnitz" in three files, in different sentences.
	v.Add([]byte("Run frobnitz first.\n"))
	v.Add([]byte("Then frobnitz again, and the storgage.\n"))
	v.Add([]byte("A frobnitz is a tool.\n"))
	// "vtctld" in three copies of the same line counts once.
	for range 3 {
		v.Add([]byte("Restart vtctld now.\n"))
	}
	got := v.Counts()
	if got["frobnitz"] != 3 {
		t.Errorf("frobnitz: %d files, want 3", got["frobnitz"])
	}
	if got["vtctld"] != 1 {
		t.Errorf("vtctld: %d files, want 1 (copies count once)", got["vtctld"])
	}
	if got["storgage"] != 1 {
		t.Errorf("storgage: %d files, want 1", got["storgage"])
	}
	if _, ok := got["the"]; ok {
		t.Error("known words are not counted")
	}
}

func TestTypingDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"storgage", "storage", 1},
		{"histgorms", "histograms", 2},
		{"extermal", "external", 1},  // m and n are neighbours
		{"tradeoffs", "takeoffs", 3}, // r for k is not a typing error
		{"seperate", "separate", 1},  // vowels
	}
	for _, tt := range tests {
		if got := TypingDistance(tt.a, tt.b, 2); got != tt.want {
			t.Errorf("TypingDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCompound(t *testing.T) {
	for _, w := range []string{"rowcopy", "threadsafe", "callgraphs", "followup", "atleast"} {
		if !Compound(w) {
			t.Errorf("Compound(%q) = false", w)
		}
	}
	for _, w := range []string{"storgage", "documenation", "histgorms"} {
		if Compound(w) {
			t.Errorf("Compound(%q) = true", w)
		}
	}
}
