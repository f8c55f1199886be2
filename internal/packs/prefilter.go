package packs

import (
	"bytes"
	"regexp"
	"regexp/syntax"
	"strings"
)

// Go's regexp engine has no literal prefilter for case-insensitive patterns
// and alternations, and rule patterns are run over every chunk of every file.
// A prefilter skips a region when its lowercased text contains none of the
// literals a match must contain.

// literals returns lowercase strings at least one of which every match of re
// contains, or nil when there is no such set (then the pattern always runs).
func literals(re *regexp.Regexp) []string {
	p, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	lits, ok := required(p.Simplify())
	if !ok {
		return nil
	}
	for _, l := range lits {
		if len(l) < 2 {
			return nil // too short to save anything
		}
	}
	return lits
}

func required(re *syntax.Regexp) ([]string, bool) {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}, true
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		var best []string
		for _, s := range re.Sub {
			if l, ok := required(s); ok && shortest(l) > shortest(best) {
				best = l
			}
		}
		return best, best != nil
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			l, ok := required(s)
			if !ok {
				return nil, false
			}
			all = append(all, l...)
		}
		return all, true
	}
	return nil, false
}

func shortest(lits []string) int {
	if lits == nil {
		return 0
	}
	n := 1 << 30
	for _, l := range lits {
		n = min(n, len(l))
	}
	return n
}

// mayMatch reports whether region r may hold a match of a pattern with the
// given literals.
func (r *region) mayMatch(lits []string) bool {
	if lits == nil {
		return true
	}
	if r.lower == nil {
		r.lower = bytes.ToLower(r.text)
	}
	for _, l := range lits {
		if bytes.Contains(r.lower, []byte(l)) {
			return true
		}
	}
	return false
}
