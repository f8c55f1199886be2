package rules

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/spell"
	"github.com/postlint/postlint/internal/spelling"
)

// SpellingOptions configures spelling.
type SpellingOptions struct {
	Mode            string   `yaml:"mode" doc:"precise (a word only when one frequent word is clearly its correction) or exhaustive (every unknown word, with up to three suggestions)"`
	Words           []string `yaml:"words" doc:"words never reported (the config's words list and a post's spelling: front matter apply too)"`
	VocabularyFiles int      `yaml:"vocabulary-files" doc:"a word used in this many files of a run (copies of a line counting once) is the project's vocabulary; 0 turns this off"`
	FrontMatterKeys []string `yaml:"front-matter-keys" doc:"front matter keys whose string values are prose and checked"`
}

// Validate checks the mode.
func (o *SpellingOptions) Validate() error {
	if o.Mode != "precise" && o.Mode != "exhaustive" {
		return fmt.Errorf("mode: %q is not precise or exhaustive", o.Mode)
	}
	if o.VocabularyFiles < 0 {
		return fmt.Errorf("vocabulary-files must be 0 or more")
	}
	return nil
}

// Spelling reports words that are in no dictionary.
var Spelling = &Rule{
	Name:     "spelling",
	Costly:   true,
	Tags:     []string{"prose"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Words must be spelled correctly",
		Description: `Most typos are in no list of common misspellings: ` + "`storgage`" + `, ` + "`histgorms`" + `. This rule
reads every word of prose against an English dictionary (SCOWL, American and British, about
115,000 words with their inflections), a list of technology terms (` + "`kubectl`" + `, ` + "`namespace`" + `,
` + "`webhook`" + `), known words with a productive prefix or suffix (` + "`precompute`" + `, ` + "`shardable`" + `), and the
project's own vocabulary: the config's ` + "`words`" + `, this rule's ` + "`words`" + ` option, a post's front matter
` + "`spelling:`" + ` list, and every word that the files of the run use in several places
(` + "`vocabulary-files`" + `; copies of the same line count once).

In the default ` + "`precise`" + ` mode a word is reported only when one frequent dictionary word is
clearly its most likely correction: within two edits (a transposition counts as one), with
the same first letter, and well ahead of any other candidate. Words with capitals (names,
acronyms, camelCase), digits, underscores, words in quotation marks (a mention:
` + "`fixed the \"vertycal\" typo`" + `), words in code, URLs, e-mail addresses, file
names and paths, hashes, words used three times or more in the post, and posts and
paragraphs not in English (front matter ` + "`lang`" + `/` + "`language`" + `, or the text's function words) are
never reported. The ` + "`exhaustive`" + ` mode reports every unknown lowercase or capitalized word
with up to three suggestions, as cspell does.

The correction is a fix only with ` + "`postlint --fix --unsafe-fixes`" + `, and only when it is unique:
a dictionary cannot know that a word is not a name.`,
		Examples: []Example{
			{Bad: "The storgage layer keeps histgorms.", Good: "The storage layer keeps histograms."},
			{Bad: "---\nspelling: [vtgate, vttablet]\n---\nRestart vtgate and vttablet.", Good: "---\nspelling: [vtgate, vttablet]\n---\nRestart vtgate and vttablet.", Note: "a post's own words in its front matter"},
		},
	},
	Options: func() any {
		return &SpellingOptions{Mode: "precise", VocabularyFiles: 3, FrontMatterKeys: []string{"title", "description", "summary", "excerpt", "subtitle"}}
	},
	Run: runSpelling,
}

// misspelled reports whether word is in the misspelling rule's list: it is
// reported there.
func misspelled(word string) bool {
	d, err := spell.For(spell.Neutral)
	if err != nil {
		return false
	}
	_, listed := d.Lookup(word)
	return listed
}

// spellMemo caches corrections: the same unknown words recur across files.
var spellMemo sync.Map // word -> spellVerdict

type spellVerdict struct {
	best        string
	suggestions []string
}

// contractions written without their apostrophe.
var contractions = map[string]string{
	"didnt": "didn't", "doesnt": "doesn't", "dont": "don't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't",
	"werent": "weren't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "couldnt": "couldn't",
	"shouldnt": "shouldn't", "wouldnt": "wouldn't", "wont": "won't", "cant": "can't", "youre": "you're",
	"theyre": "they're", "thats": "that's", "whats": "what's", "ive": "I've", "youve": "you've",
}

func spellCheck(w string) spellVerdict {
	if v, ok := spellMemo.Load(w); ok {
		return v.(spellVerdict)
	}
	if c, ok := contractions[w]; ok {
		v := spellVerdict{best: c, suggestions: []string{c}}
		spellMemo.Store(w, v)
		return v
	}
	cs := spelling.Candidates(w, 2)
	v := spellVerdict{best: clearCorrection(w, cs)}
	for _, c := range cs {
		if len(v.suggestions) == 3 {
			break
		}
		v.suggestions = append(v.suggestions, c.Word)
	}
	spellMemo.Store(w, v)
	return v
}

// clearCorrection returns the one frequent word that is clearly the most
// likely correction of w, or "".
func clearCorrection(w string, cs []spelling.Candidate) string {
	if len(cs) == 0 || len(w) < 6 {
		return "" // short words have many neighbours, and are often abbreviations
	}
	// Typos rarely touch the first letter: a candidate that changes it
	// makes the word ambiguous, unless it swaps the first two.
	var same []spelling.Candidate
	for _, c := range cs {
		if c.Word[0] == w[0] || len(w) > 1 && len(c.Word) > 1 && c.Word[0] == w[1] && c.Word[1] == w[0] {
			// Only typing errors: a candidate that needs another
			// substitution is a different word.
			if c.Level <= 60 && spelling.TypingDistance(w, c.Word, 2) == c.Distance {
				same = append(same, c)
			}
		} else if c.Distance == 1 && c.Level <= 50 {
			return ""
		}
	}
	if len(same) == 0 {
		return ""
	}
	best := same[0]
	if best.Level > 50 || best.Distance == 2 && len(w) < 7 {
		return ""
	}
	for _, c := range same[1:] {
		if c.Distance > best.Distance {
			break
		}
		if c.Level-best.Level < 20 {
			return "" // two plausible corrections
		}
	}
	// A distance-2 correction must also beat every distance-2 rival.
	return best.Word
}

func runSpelling(pass *Pass) error {
	opts := OptionsOf[SpellingOptions](pass)
	if !englishDocument(pass) {
		return nil
	}
	vocab := make(map[string]bool, len(opts.Words))
	for _, w := range opts.Words {
		vocab[strings.ToLower(w)] = true
	}
	for _, w := range frontMatterWords(pass) {
		vocab[strings.ToLower(w)] = true
	}
	keys := make(map[string]bool, len(opts.FrontMatterKeys))
	for _, k := range opts.FrontMatterKeys {
		keys[k] = true
	}
	exhaustive := opts.Mode == "exhaustive"
	english := proseEnglish(pass)
	words := chunkWords(pass)
	src := pass.Source

	type hit struct {
		c          *Chunk
		i, j       int
		word, norm string
	}
	var hits []hit
	var used []string // the words of the chunks that count, for uses
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString && !keys[c.Key] || !english[ci] {
			continue
		}
		before, mark := len(hits), len(used)
		for _, w := range words[ci] {
			i, j, word := w.I, w.J, w.Text
			norm, ok := spellNormal(word, exhaustive)
			if !ok {
				continue
			}
			if len(norm) < 4 || !c.Clean(src, i, j) || quoted(c.Text, i, j) {
				continue
			}
			if i > 0 && c.Text[i-1] == '-' || j < len(c.Text) && c.Text[j] == '-' {
				continue // part of a compound or an option name
			}
			used = append(used, norm)
			if vocab[norm] || pass.Words[norm] {
				continue
			}
			if spelling.Known(norm) || opts.VocabularyFiles > 0 && pass.RunWords[norm] >= opts.VocabularyFiles {
				continue
			}
			if misspelled(word) {
				continue // the misspelling rule's
			}
			if spellSkipContext(src, c, i, j) {
				continue
			}
			hits = append(hits, hit{c, i, j, word, norm})
		}
		if len(hits) > before && !exhaustive && !spellProse(c, words[ci]) {
			hits, used = hits[:before], used[:mark]
		}
	}
	if len(hits) == 0 {
		return nil
	}
	// How often the post uses each reported word.
	uses := make(map[string]int, len(hits))
	for _, h := range hits {
		uses[h.norm] = 0
	}
	for _, w := range used {
		if n, ok := uses[w]; ok {
			uses[w] = n + 1
		}
	}
	for _, h := range hits {
		if uses[h.norm] >= 3 {
			continue // a word the post uses again and again is meant
		}
		if !exhaustive && (spelling.Compound(h.norm) || daemonName(h.norm) || lengthened(h.norm)) {
			continue
		}
		v := spellCheck(h.norm)
		// The reported range is the word without an apostrophe suffix.
		start := h.c.Start + h.i
		end := start + len(h.norm)
		if !strings.EqualFold(h.word[:len(h.norm)], h.norm) {
			continue
		}
		switch {
		case v.best != "":
			fixed := proseMatchCase(h.word[:len(h.norm)], v.best)
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("%q is not a word: did you mean %q?", h.word[:len(h.norm)], fixed),
				Fix: &Fix{
					Message: fmt.Sprintf("replace with %q", fixed),
					Edits:   []Edit{{Start: start, End: end, NewText: fixed}},
					Unsafe:  true,
				},
			})
		case exhaustive:
			msg := fmt.Sprintf("%q is not in the dictionary", h.word[:len(h.norm)])
			if len(v.suggestions) > 0 {
				msg += fmt.Sprintf(" (suggestions: %s)", strings.Join(v.suggestions, ", "))
			}
			pass.Report(Diagnostic{Start: start, End: end, Message: msg})
		}
	}
	return nil
}

// spellProse reports whether a chunk reads as English prose for the precise
// mode: not a table cell holding one word (a name, an identifier), not a
// stretch where one word in four or more is unknown (Latin placeholder text,
// a list of contributors' names, a paragraph of identifiers).
func spellProse(c *Chunk, ws []proseWord) bool {
	words, unknown := 0, 0
	for _, pw := range ws {
		w := pw.Text
		if len(w) < 3 {
			continue
		}
		words++
		if norm, ok := spellNormal(w, true); !ok || !spelling.Known(norm) && !spelling.Known(w) {
			unknown++
		}
	}
	if c.Kind == TableCell && words <= 1 {
		return false
	}
	return words < 8 || unknown*4 < words
}

// lengthened reports whether w repeats a letter three times ("wheee").
func lengthened(w string) bool {
	for i := 2; i < len(w); i++ {
		if w[i] == w[i-1] && w[i] == w[i-2] {
			return true
		}
	}
	return false
}

// daemonName reports whether w is a known word with a final d, the way
// daemons are named (statsd, mysqld, sshd).
func daemonName(w string) bool {
	return strings.HasSuffix(w, "d") && len(w) > 4 && spelling.Known(w[:len(w)-1])
}

// spellSkipContext reports whether the word text[i:j] of chunk c is a name
// by its context: bold on its own (a speaker in a chat log, a UI label), or
// an item of a comma-separated list of other unknown words (a list of
// contributors).
func spellSkipContext(src []byte, c *Chunk, i, j int) bool {
	abs := c.Start + i
	if abs >= 2 && (string(src[abs-2:abs]) == "**" || string(src[abs-2:abs]) == "__") {
		return true
	}
	neighbour := func(k int, dir int) string {
		// The word before or after a comma (or ", and") next to text[i:j].
		t := c.Text
		p := k
		step := func() bool { p += dir; return p >= 0 && p < len(t) }
		for step() && (t[p] == ' ' || t[p] == '\n') {
		}
		if p < 0 || p >= len(t) || t[p] != ',' {
			if dir < 0 {
				// "..., X, and Y": skip back over "and".
				// "..., X, and Y" or "..., X and Y": skip back over "and"
				// when X is itself an item of the list.
				s := strings.TrimRight(string(t[:k+1]), " \n")
				if strings.HasSuffix(s, " and") || strings.HasSuffix(s, " or") {
					cut := strings.LastIndexByte(s, ' ')
					before := strings.TrimRight(s[:cut], " \n")
					if strings.HasSuffix(before, ",") {
						return neighbourWord(t, cut, dir)
					}
					w := neighbourWord(t, cut, dir)
					if head := strings.TrimRight(before[:len(before)-len(w)], " \n"); w != "" && strings.HasSuffix(head, ",") {
						return w
					}
				}
			}
			return ""
		}
		return neighbourWord(t, p, dir)
	}
	for _, w := range []string{neighbour(i-1, -1), neighbour(j, 1)} {
		if w != "" && !spelling.Known(w) {
			return true
		}
	}
	return false
}

// neighbourWord returns the word of t next to position p in direction dir,
// skipping spaces and one comma.
func neighbourWord(t []byte, p, dir int) string {
	q := p + dir
	for q >= 0 && q < len(t) && (t[q] == ' ' || t[q] == '\n' || t[q] == ',' || t[q] == ';') {
		q += dir
	}
	e := q
	for q >= 0 && q < len(t) && (t[q] >= 'a' && t[q] <= 'z' || t[q] >= 'A' && t[q] <= 'Z') {
		q += dir
	}
	if dir < 0 {
		return string(t[q+1 : e+1])
	}
	return string(t[e:q])
}

// spellNormal returns the lowercase form of a word to check, without a
// possessive or contraction ending, and false for words the rule skips:
// capitals (except a capital first letter in exhaustive mode), non-ASCII
// letters, hex strings, other apostrophe forms.
func spellNormal(word string, exhaustive bool) (string, bool) {
	if lowerASCII(word) {
		if len(word) >= 6 && strings.Trim(word, "abcdef") == "" {
			return "", false // a hash
		}
		return word, true
	}
	if i := strings.IndexAny(word, "'’"); i >= 0 {
		_, size := utf8.DecodeRuneInString(word[i:])
		stem, suffix := word[:i], strings.ToLower(word[i+size:])
		switch suffix {
		case "s", "re", "ve", "ll", "d", "m":
			word = stem
		case "t":
			if !strings.HasSuffix(strings.ToLower(stem), "n") {
				return "", false
			}
			word = stem[:len(stem)-1]
		default:
			return "", false
		}
	}
	if word == "" {
		return "", false
	}
	for k, r := range word {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return "", false
		}
		if unicode.IsUpper(r) && (k > 0 || !exhaustive) {
			return "", false
		}
	}
	lower := strings.ToLower(word)
	if len(lower) >= 6 && strings.Trim(lower, "abcdef") == "" {
		return "", false // a hash
	}
	return lower, true
}

// lowerASCII reports whether word is made of ASCII lowercase letters only.
func lowerASCII(word string) bool {
	for i := 0; i < len(word); i++ {
		if c := word[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return word != ""
}

// frontMatterWords returns the words of a post's spelling: front matter (a
// list or a space-separated string).
func frontMatterWords(pass *Pass) []string {
	if pass.FrontMatter == nil {
		return nil
	}
	switch v := pass.FrontMatter.Data["spelling"].(type) {
	case string:
		return strings.Fields(v)
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, strings.Fields(s)...)
			}
		}
		return out
	}
	return nil
}
