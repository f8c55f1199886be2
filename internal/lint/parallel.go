package lint

import "sync"

// ForEach runs work(i) for i in [0, n) on up to jobs goroutines and calls emit
// with each result in index order, as soon as all earlier results are in.
// Results are held only until they can be emitted, so memory stays bounded by
// how far the fastest worker runs ahead.
func ForEach[T any](n, jobs int, work func(i int) T, emit func(i int, v T)) {
	if n == 0 {
		return
	}
	jobs = max(1, min(jobs, n))
	type item struct {
		i int
		v T
	}
	next := make(chan int)
	done := make(chan item, jobs)
	var wg sync.WaitGroup
	// A window bounds how far ahead of the emitter workers may run.
	window := make(chan struct{}, 4*jobs)
	go func() {
		for i := 0; i < n; i++ {
			window <- struct{}{}
			next <- i
		}
		close(next)
	}()
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				done <- item{i, work(i)}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	pending := make(map[int]T)
	want := 0
	for it := range done {
		pending[it.i] = it.v
		for {
			v, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			emit(want, v)
			<-window
			want++
		}
	}
}
