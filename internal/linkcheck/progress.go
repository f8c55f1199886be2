package linkcheck

import (
	"fmt"
	"io"
	"sync"
	"time"
)

// progress writes "checking links: 12/80, 2 broken, 1 unknown" on one
// line, rewritten at most ten times a second, and clears it at the end.
type progress struct {
	w        io.Writer
	total    int
	mu       sync.Mutex
	checked  int
	broken   int
	unknown  int
	last     time.Time
	wroteAny bool
}

func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if w != nil && total > 0 {
		p.write()
	}
	return p
}

func (p *progress) add(v Verdict) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.checked++
	switch v {
	case Broken:
		p.broken++
	case Unknown:
		p.unknown++
	}
	if time.Since(p.last) >= 100*time.Millisecond || p.checked == p.total {
		p.write()
	}
}

func (p *progress) write() {
	fmt.Fprintf(p.w, "\r\033[Kchecking links: %d/%d", p.checked, p.total)
	if p.broken > 0 {
		fmt.Fprintf(p.w, ", %d broken", p.broken)
	}
	if p.unknown > 0 {
		fmt.Fprintf(p.w, ", %d unknown", p.unknown)
	}
	p.last = time.Now()
	p.wroteAny = true
}

func (p *progress) done() {
	if p.w == nil || !p.wroteAny {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\033[K")
}
