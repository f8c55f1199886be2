package spelling

import (
	"strings"

	"github.com/postlint/postlint/internal/wordlist"
)

// Typing errors are letters left out, doubled or swapped, and keys next to
// the intended one; spelling errors swap vowels. A candidate that needs
// any other substitution is a different word, not a correction
// ("tradeoffs" is not a typo of "takeoffs").

var qwerty = []string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}

// adjacent[a][b] says that keys a and b touch on a QWERTY keyboard.
var adjacent = func() (m [26][26]bool) {
	pos := make(map[byte][2]int)
	for r, row := range qwerty {
		for c := 0; c < len(row); c++ {
			pos[row[c]] = [2]int{r, c}
		}
	}
	for a, pa := range pos {
		for b, pb := range pos {
			dr, dc := pa[0]-pb[0], pa[1]-pb[1]
			// Rows are staggered: a key touches the one above it and the
			// one above and to the right.
			if a != b && (dr == 0 && (dc == 1 || dc == -1) || dr == 1 && (dc == 0 || dc == -1) || dr == -1 && (dc == 0 || dc == 1)) {
				m[a-'a'][b-'a'] = true
			}
		}
	}
	return m
}()

func typingSubstitution(a, b byte) bool {
	if a < 'a' || a > 'z' || b < 'a' || b > 'z' {
		return false
	}
	vowels := "aeiouy"
	return adjacent[a-'a'][b-'a'] || strings.IndexByte(vowels, a) >= 0 && strings.IndexByte(vowels, b) >= 0
}

// TypingDistance is the optimal string alignment distance of the lowercase
// ASCII words a and b in which a substitution is allowed only between
// neighbouring keys or between vowels; other substitutions cost maxD+1.
// It returns maxD+1 when the distance exceeds maxD.
func TypingDistance(a, b string, maxD int) int {
	if abs(len(a)-len(b)) > maxD || len(b)+1 > 48 {
		return maxD + 1
	}
	var rows [3][48]int
	prev2, prev, cur := &rows[0], &rows[1], &rows[2]
	for j := 0; j <= len(b); j++ {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			sub := 0
			if a[i-1] != b[j-1] {
				sub = maxD + 1
				if typingSubstitution(a[i-1], b[j-1]) {
					sub = 1
				}
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+sub)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > maxD {
			return maxD + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], maxD+1)
}

// Compound reports whether a lowercase word is two known words written
// together ("rowcopy", "threadsafe", "callgraphs"), each of three letters
// or more: jargon, or a missing space, but not a misspelling.
func Compound(w string) bool {
	for k := 3; k+3 <= len(w); k++ {
		if knownPart(w[:k]) && (knownPart(w[k:]) || stemKnown(w[k:])) {
			return true
		}
	}
	// With a particle: "followup", "standup", "atleast".
	for _, p := range []string{"up", "in", "on", "by", "to", "at", "of", "no", "so", "as"} {
		if rest, ok := strings.CutSuffix(w, p); ok && len(rest) >= 4 && knownPart(rest) {
			return true
		}
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 && knownPart(rest) {
			return true
		}
	}
	return false
}

// knownPart is a part of a compound: a technology term or a word of the
// list that is not rare (three-letter parts must be common).
func knownPart(s string) bool {
	if Tech(s) {
		return true
	}
	l := wordlist.Level(s)
	return l > 0 && (l <= 50 && len(s) > 3 || l <= 35)
}
