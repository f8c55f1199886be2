package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
)

var registry struct {
	sync.RWMutex
	rules  []*Rule
	byName map[string]*Rule // names and aliases, lowercase
}

var kebab = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

// Register adds a rule to the registry. A custom postlint binary calls it from
// an init function to add its own rules. It fails for an invalid or taken
// name or alias, or a rule without Run.
func Register(r *Rule) error {
	if !kebab.MatchString(r.Name) {
		return fmt.Errorf("rule name %q is not kebab-case", r.Name)
	}
	if r.Run == nil {
		return fmt.Errorf("rule %s has no Run function", r.Name)
	}
	if r.Doc.Title == "" {
		return fmt.Errorf("rule %s has no Doc.Title", r.Name)
	}
	registry.Lock()
	defer registry.Unlock()
	if registry.byName == nil {
		registry.byName = make(map[string]*Rule)
	}
	names := append([]string{r.Name}, r.Aliases...)
	for _, n := range names {
		if old, ok := registry.byName[strings.ToLower(n)]; ok {
			return fmt.Errorf("rule %s: name %q is taken by rule %s", r.Name, n, old.Name)
		}
	}
	for _, n := range names {
		registry.byName[strings.ToLower(n)] = r
	}
	registry.rules = append(registry.rules, r)
	return nil
}

func mustRegister(rs ...*Rule) {
	for _, r := range rs {
		if err := Register(r); err != nil {
			panic(err)
		}
	}
}

// All returns every registered rule, in registration order (built-ins first).
// The order is the order in which fixes are merged.
func All() []*Rule {
	registry.RLock()
	defer registry.RUnlock()
	return append([]*Rule(nil), registry.rules...)
}

// Lookup finds a rule by name or alias, ignoring case.
func Lookup(name string) *Rule {
	registry.RLock()
	defer registry.RUnlock()
	return registry.byName[strings.ToLower(strings.TrimSpace(name))]
}

// Names returns every name and alias, sorted; for "did you mean" hints.
func Names() []string {
	registry.RLock()
	defer registry.RUnlock()
	var names []string
	for _, r := range registry.rules {
		names = append(names, r.Name)
		names = append(names, r.Aliases...)
	}
	sort.Strings(names)
	return names
}
