package rules

import (
	"sync"
	"sync/atomic"
	"testing"
)

// Rules of a large file run concurrently: a value they all ask for at once
// is computed once, and every caller gets that one value.
func TestDeriveComputesOnceUnderConcurrency(t *testing.T) {
	d := &Document{}
	key := &derivedKey{"test"}
	var computed atomic.Int32
	start := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]*int, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			got[i] = derive(d, key, func() *int {
				computed.Add(1)
				v := 42
				return &v
			})
		}()
	}
	close(start)
	wg.Wait()
	if n := computed.Load(); n != 1 {
		t.Errorf("computed %d times, want once", n)
	}
	for i, p := range got {
		if p != got[0] || *p != 42 {
			t.Errorf("caller %d got %p (%v), want the one value %p", i, p, p, got[0])
		}
	}
}

// A computation that panics fails every rule that needs the value, with a
// message that names it, instead of handing out a zero value.
func TestDerivePanicNamesTheValue(t *testing.T) {
	d := &Document{}
	key := &derivedKey{"flaky value"}
	func() {
		defer func() { _ = recover() }()
		derive(d, key, func() int { panic("boom") })
	}()
	defer func() {
		p := recover()
		if s, _ := p.(string); s != "computing the document's flaky value failed in another rule" {
			t.Errorf("panic %v", p)
		}
	}()
	derive(d, key, func() int { return 1 })
	t.Error("no panic")
}

// The structure checks of list fixes parse the document again: small files
// get the full budget, large ones a budget that keeps the parsing bounded.
func TestStructureChecksBudget(t *testing.T) {
	for _, tc := range []struct{ size, want int }{
		{0, maxStructureChecks},
		{256 << 10, maxStructureChecks},
		{512 << 10, maxStructureChecks / 2},
		{4 << 20, 2},
		{20 << 20, 2},
	} {
		v := &structLines{src: make([]byte, tc.size)}
		if got := v.structureChecks(); got != tc.want {
			t.Errorf("%d bytes: %d checks, want %d", tc.size, got, tc.want)
		}
		if tc.size > 256<<10 && v.structureChecks()*tc.size > max(8<<20, 2*tc.size) {
			t.Errorf("%d bytes: %d checks parse more than the budget", tc.size, v.structureChecks())
		}
	}
}
