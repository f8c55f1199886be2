// Package lang tells English prose from prose in other languages, cheaply
// enough to run on every paragraph, so that English-only checks (misspellings,
// spelling) stay quiet on French, Spanish, German, Portuguese, Italian or
// Dutch text, where many words look like English misspellings ("problemas").
//
// It counts function words: short, frequent words of each language that are
// not English words. It is not a language identifier; it answers one
// question with a bias towards "not English" when in doubt.
//
//nolint:misspell // The package comment quotes a Spanish word that looks like a misspelling.
package lang

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// english holds frequent English function words.
var english = set(`the and of to is are was were that this with for you it in on be have has
not but or by from at as an we they can will which their there if when what how all your our
its been would should could more about into than then these those my he she his her do does
did so also just only any some each other such no up out use used using new one two it's don't
can't i'm i've you're we're they're isn't aren't doesn't didn't won't here where who why while
because after before over under between through both most many much very well may might must
need get make like see set run file files page site post code data user users`)

// foreign holds frequent function words of other languages that are not
// English words (so "die", "as", "is", "a", "o" are left out).
var foreign = set(`de e é y le la les des est une du et pour dans avec qui sur pas sont nous vous cette
ces aux au leur mais ou plus comme être été très aussi peut fait
el los las del una por para con es que se su sus como pero más está este esta lo al muy
también puede hay sin sobre entre cuando
der das und ist nicht ein eine mit von zu auf für sich dem den des auch es wir sie ich werden
wird sind oder aber wenn noch nach bei aus kann nur wie schon
os um uma não com em na da dos das mais ou foi são pelo pela uma também
il gli della di che è sono anche nel alla delle degli questo quella per non più può
het een van en niet dat op te voor met zijn worden ook naar maar wordt kan bij uit deze`)

const (
	englishWord = 1 + iota
	foreignWord
)

// functionWords maps each function word to englishWord or foreignWord (one
// lookup per word; a word in both lists counts as English).
var functionWords = func() map[string]int8 {
	m := make(map[string]int8, len(english)+len(foreign))
	for w := range foreign {
		m[w] = foreignWord
	}
	for w := range english {
		m[w] = englishWord
	}
	return m
}()

func set(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Counts is the function-word tally of some text.
type Counts struct {
	Words, English, Foreign int
}

// Add tallies the words of text. It does not allocate: function words are
// short, so each word is lower-cased into a small buffer and looked up
// without a string conversion. ASCII letters take a fast path.
func (c *Counts) Add(text []byte) {
	var buf [16]byte
	for i := 0; i < len(text); {
		if b := text[i]; b < utf8.RuneSelf {
			if !asciiLetter(b) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRune(text[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		n, fits := 0, true
		for i < len(text) {
			if b := text[i]; b < utf8.RuneSelf {
				if !asciiLetter(b) && b != '\'' {
					break
				}
				i++
				if fits {
					if n == len(buf) {
						fits = false
						continue
					}
					buf[n] = b | 0x20 // lower case; the apostrophe is unchanged
					n++
				}
				continue
			}
			r, size := utf8.DecodeRune(text[i:])
			if r == '’' {
				r = '\''
			} else if !unicode.IsLetter(r) {
				break
			}
			i += size
			if !fits {
				continue
			}
			r = unicode.ToLower(r)
			if n+utf8.RuneLen(r) > len(buf) {
				fits = false
				continue
			}
			n += utf8.EncodeRune(buf[n:], r)
		}
		c.Words++
		if !fits {
			continue
		}
		switch functionWords[string(buf[:n])] {
		case englishWord:
			c.English++
		case foreignWord:
			c.Foreign++
		}
	}
}

func asciiLetter(b byte) bool { return (b|0x20)-'a' < 26 }

// NotEnglish reports whether the tallied text is clearly not English: at
// least two foreign function words, and more of them than English ones.
func (c Counts) NotEnglish() bool {
	return c.Foreign >= 2 && c.Foreign > c.English
}

// IsEnglishTag reports whether a language tag ("en", "en-US", "en_GB") is
// English; an empty tag says nothing and counts as English.
func IsEnglishTag(tag string) bool {
	tag = strings.ToLower(strings.TrimSpace(tag))
	return tag == "" || tag == "en" || strings.HasPrefix(tag, "en-") || strings.HasPrefix(tag, "en_")
}
