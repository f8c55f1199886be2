package fix

import (
	"reflect"
	"strings"
	"testing"
)

func TestValidate(t *testing.T) {
	tests := []struct {
		edits []Edit
		err   string
	}{
		{nil, ""},
		{[]Edit{{0, 1, "x"}, {1, 2, "y"}}, ""},
		{[]Edit{{3, 4, "x"}, {0, 1, "y"}}, ""}, // sorted in place
		{[]Edit{{0, 2, "x"}, {1, 3, "y"}}, "overlap"},
		{[]Edit{{2, 2, "x"}, {2, 2, "y"}}, "overlap"},
		{[]Edit{{2, 2, "x"}, {2, 2, "x"}}, ""},
		{[]Edit{{-1, 2, "x"}}, "out of bounds"},
		{[]Edit{{3, 2, "x"}}, "out of bounds"},
		{[]Edit{{0, 11, "x"}}, "out of bounds"},
	}
	for _, tt := range tests {
		err := Validate(tt.edits, 10)
		if tt.err == "" && err != nil || tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("Validate(%v) = %v, want %q", tt.edits, err, tt.err)
		}
	}
}

func TestMergeApply(t *testing.T) {
	src := []byte("Teh cat sat on teh mat")
	fixes := [][]Edit{
		{{0, 3, "The"}},
		{{15, 18, "the"}},
		{{0, 7, "A dog"}},           // overlaps the first: deferred
		{{15, 18, "the"}},           // identical: coalesces
		{{22, 22, "."}},             // insertion at the end
		{{4, 7, "cow"}},             // independent
		{{4, 4, "big "}},            // insertion at the start of a replacement: deferred
		{{8, 11, "x"}, {0, 1, "z"}}, // one edit conflicts: the whole fix is deferred
	}
	edits, chosen := Merge(fixes)
	if want := []bool{true, true, false, true, true, true, false, false}; !reflect.DeepEqual(chosen, want) {
		t.Fatalf("chosen = %v, want %v", chosen, want)
	}
	if got, want := string(Apply(src, edits)), "The cow sat on the mat."; got != want {
		t.Errorf("Apply = %q, want %q", got, want)
	}
	if string(src) != "Teh cat sat on teh mat" {
		t.Error("Apply modified its input")
	}
}

func FuzzApply(f *testing.F) {
	f.Add("hello world", 0, 5, "bye", 6, 11, "you")
	f.Fuzz(func(t *testing.T, s string, s1, e1 int, n1 string, s2, e2 int, n2 string) {
		fixes := [][]Edit{{{s1, e1, n1}}, {{s2, e2, n2}}}
		var valid [][]Edit
		for _, f := range fixes {
			if Validate(f, len(s)) == nil {
				valid = append(valid, f)
			}
		}
		edits, _ := Merge(valid)
		if err := Validate(append([]Edit(nil), edits...), len(s)); err != nil {
			t.Fatalf("merged edits invalid: %v", err)
		}
		_ = Apply([]byte(s), edits)
	})
}
