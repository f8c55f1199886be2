package lint

import (
	"fmt"
	"io"
	"sort"
	"sync"
	"time"

	"github.com/postlint/postlint/rules"
)

// Timing adds up the time each rule takes over a run, and the time spent
// loading documents (read, front matter, templates, parse, prose), for
// POSTLINT_TIMING=1 (see docs/performance.md). It is safe for concurrent
// use. Wall time of rules that run concurrently adds up.
type Timing struct {
	mu     sync.Mutex
	rules  map[string]time.Duration
	load   time.Duration
	files  int
	stages map[string]time.Duration
}

// NewTiming returns an empty Timing.
func NewTiming() *Timing {
	return &Timing{rules: make(map[string]time.Duration), stages: make(map[string]time.Duration)}
}

// AddStage adds d to a stage of the run outside the linter (the spelling
// vocabulary pre-pass, the link index).
func (t *Timing) AddStage(name string, d time.Duration) {
	t.mu.Lock()
	t.stages["("+name+")"] += d
	t.mu.Unlock()
}

func (t *Timing) addRule(r *rules.Rule, d time.Duration) {
	t.mu.Lock()
	t.rules[r.Name] += d
	t.mu.Unlock()
}

func (t *Timing) addLoad(d time.Duration) {
	t.mu.Lock()
	t.load += d
	t.files++
	t.mu.Unlock()
}

// Write prints the table: the load stage, then rules by time spent, most
// first, with their share of the total.
func (t *Timing) Write(w io.Writer) {
	t.mu.Lock()
	defer t.mu.Unlock()
	type row struct {
		name string
		d    time.Duration
	}
	rows := []row{{"(load: front matter, templates, parse, prose)", t.load}}
	total := t.load
	var stages []string
	for n := range t.stages {
		stages = append(stages, n)
	}
	sort.Strings(stages)
	for _, n := range stages {
		rows = append(rows, row{n, t.stages[n]})
		total += t.stages[n]
	}
	fixed := len(rows)
	for n, d := range t.rules {
		rows = append(rows, row{n, d})
		total += d
	}
	sort.SliceStable(rows[fixed:], func(i, j int) bool { return rows[fixed+i].d > rows[fixed+j].d })
	fmt.Fprintf(w, "%-48s %10s %6s   (%d documents loaded)\n", "stage or rule", "ms", "%", t.files)
	for _, r := range rows {
		pct := 0.0
		if total > 0 {
			pct = 100 * float64(r.d) / float64(total)
		}
		fmt.Fprintf(w, "%-48s %10.1f %6.1f\n", r.name, float64(r.d)/float64(time.Millisecond), pct)
	}
}

// WithTiming returns a copy of the linter that adds the time of each load
// and rule to t.
func (l *Linter) WithTiming(t *Timing) *Linter {
	c := *l
	c.timing = t
	return &c
}
