package rules

import (
	"github.com/postlint/postlint/internal/lang"
)

// proseEnglish returns, for each chunk of pass.Prose, whether English-only
// checks apply to it: the post is English by its front matter (lang,
// language, locale) and the chunk is not written in another language.
// Chunks of six words or more are judged alone; shorter ones (headings,
// table cells) follow the document as a whole.
func proseEnglish(pass *Pass) []bool {
	return derive(pass.Document, englishKey, func() []bool { return computeEnglish(pass) })
}

var englishKey = &derivedKey{"english chunks"}

func computeEnglish(pass *Pass) []bool {
	out := make([]bool, len(pass.Prose))
	if !englishDocument(pass) {
		return out
	}
	tallies := make([]lang.Counts, len(pass.Prose))
	var doc lang.Counts
	for ci := range pass.Prose {
		tallies[ci].Add(pass.Prose[ci].Text)
		doc.Words += tallies[ci].Words
		doc.English += tallies[ci].English
		doc.Foreign += tallies[ci].Foreign
	}
	for ci, t := range tallies {
		out[ci] = !(t.Words >= 6 && t.NotEnglish() || t.Words < 6 && doc.NotEnglish())
	}
	return out
}

// proseWord is a word of a prose chunk: Text[I:J].
type proseWord struct {
	I, J int
	Text string
}

// chunkWords returns the words of each chunk of the pass's document (see
// appendProseWords), computed once per document for the rules that ask.
func chunkWords(pass *Pass) [][]proseWord {
	return derive(pass.Document, wordsKey, func() [][]proseWord {
		out := make([][]proseWord, len(pass.Prose))
		size := 0
		for ci := range pass.Prose {
			size += len(pass.Prose[ci].Text)
		}
		// One array for the words of every chunk (about one word in six
		// bytes of English).
		all := make([]proseWord, 0, size/6+1)
		for ci := range pass.Prose {
			start := len(all)
			all = appendProseWords(all, pass.Prose[ci].Text)
			out[ci] = all[start:len(all):len(all)]
		}
		return out
	})
}

var wordsKey = &derivedKey{"prose words"}

// appendProseWords appends the words of a chunk as forEachWord finds them.
// The words share one copy of the text: one allocation per chunk, not per
// word.
func appendProseWords(out []proseWord, text []byte) []proseWord {
	if len(text) == 0 {
		return out
	}
	s := string(text)
	forEachWord(text, func(i, j int) {
		out = append(out, proseWord{i, j, s[i:j]})
	})
	return out
}

// proseGap reports whether the bytes between two words, text[i:j], are
// whitespace as written in the source (nothing masked in between) without
// an empty line.
func proseGap(c *Chunk, src []byte, i, j int) bool {
	if i >= j || !c.Clean(src, i, j) {
		return false
	}
	newlines := 0
	for _, b := range c.Text[i:j] {
		switch b {
		case ' ', '\t':
		case '\n':
			newlines++
		case '\r':
		default:
			return false
		}
	}
	return newlines < 2
}

// matchCase returns repl in the case of orig: all capitals, a capital first
// letter, or as given.
func proseMatchCase(orig, repl string) string {
	if len(orig) == 0 || len(repl) == 0 {
		return repl
	}
	upper, lower := 0, 0
	for _, r := range orig {
		switch {
		case r >= 'A' && r <= 'Z':
			upper++
		case r >= 'a' && r <= 'z':
			lower++
		}
	}
	if upper >= 2 && lower == 0 {
		b := []byte(repl)
		for i, c := range b {
			if c >= 'a' && c <= 'z' {
				b[i] = c - 32
			}
		}
		return string(b)
	}
	if orig[0] >= 'A' && orig[0] <= 'Z' && repl[0] >= 'a' && repl[0] <= 'z' {
		return string(repl[0]-32) + repl[1:]
	}
	return repl
}
