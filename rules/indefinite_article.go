package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/postlint/postlint/internal/wordlist"
)

// IndefiniteArticle reports "a" before a vowel sound and "an" before a
// consonant sound.
var IndefiniteArticle = &Rule{
	Name:     "indefinite-article",
	Costly:   true,
	Tags:     []string{"prose"},
	Severity: Error,
	Fixable:  true,
	Doc: Doc{
		Title: `"a" and "an" must match the sound of the next word`,
		Description: `The article depends on how the next word sounds, not how it is spelled: ` + "`an hour`" + `,
` + "`an honest`" + `, ` + "`a user`" + `, ` + "`a unique`" + `, ` + "`a one-time`" + `, ` + "`a European`" + `. The rule knows the usual
exceptions to the spelling (silent h, the "you" sound of u and eu, the "w" sound of one) and
reads initialisms letter by letter (` + "`an HTML`" + `, ` + "`an SSH`" + `, ` + "`an LLM`" + `, ` + "`a URL`" + `, ` + "`a UI`" + `). An
all-capitals word that may be said as a word (` + "`SQL`" + `, ` + "`FAQ`" + `, ` + "`NAT`" + `) is left alone unless
it is known, and so are a capital ` + "`A`" + ` in the middle of a sentence (Plan A), words after
` + "`a`" + ` that no article precedes (` + "`a and b`" + `), numbers, and posts and paragraphs in other
languages. Where usage is divided (` + "`an historic`" + `, ` + "`a herb`" + `) nothing is reported.

The fix replaces the article, keeping its case.`,
		Examples: []Example{
			{Bad: "It took a hour to add an user.", Good: "It took an hour to add a user."},
			{Bad: "Open a SSH session to a MRI scanner.", Good: "Open an SSH session to an MRI scanner.", Note: "initialisms are read letter by letter"},
		},
	},
	Run: runIndefiniteArticle,
}

func runIndefiniteArticle(pass *Pass) error {
	english := proseEnglish(pass)
	words := chunkWords(pass)
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString || !english[ci] {
			continue
		}
		ws := words[ci]
		for k := 0; k+1 < len(ws); k++ {
			art, next := ws[k], ws[k+1]
			lower := strings.ToLower(art.Text)
			if lower != "a" && lower != "an" {
				continue
			}
			// A capital A or An inside a sentence is a letter or a name
			// (Plan A, An Lu).
			if isTitleWord(art.Text) && !sentenceStart(c.Text, art.I) {
				continue
			}
			if art.I > 0 && (c.Text[art.I-1] == '-' || c.Text[art.I-1] == '\'') {
				continue
			}
			if !proseGap(c, src, art.J, next.I) || !c.Clean(src, art.I, art.J) || quoted(c.Text, art.I, next.J) {
				continue // a quoted pair is an example: "an user"
			}
			hyphen := next.J < len(c.Text) && c.Text[next.J] == '-'
			vowel, known := vowelSound(next.Text, hyphen)
			if !known || vowel == (lower == "an") {
				continue
			}
			want := "a"
			if vowel {
				want = "an"
			}
			want = proseMatchCase(art.Text, want)
			if art.Text == "A" && want == "an" {
				want = "An"
			}
			start, end := c.Start+art.I, c.Start+art.J
			pass.Report(Diagnostic{
				Start:   start,
				End:     c.Start + next.J,
				Message: fmt.Sprintf("use %q before %q", want, next.Text),
				Fix: &Fix{
					Message: fmt.Sprintf("replace %q with %q", art.Text, want),
					Edits:   []Edit{{Start: start, End: end, NewText: want}},
				},
			})
		}
	}
	return nil
}

// notAfterArticle are words that follow "a" only when "a" is not an article
// (the letter, a variable: "a and b", "a is 1").
var notAfterArticle = setOf(`and or is are was were as at in on of if it its into onto
until unless up upon else each either every any all other our out over under off ever even
ever only own is isn't am an and/or also etc ie eg`)

// The sound of initialisms read letter by letter: the letters whose names
// begin with a vowel sound.
const vowelLetters = "aefhilmnorsx"

// Initialisms with vowels that are read letter by letter, and acronyms said
// as words; other all-capitals words with vowels are not judged.
var (
	spelledInitialisms = setOf(`api apis ide ides url urls ui uis os ip ips id ids io ai ux uuid uuids usb utf uri uris eu
sla slas sre sso iam ocr oem eof rsa eta uat acl acls adr ami amis arn arns asg idp eks ecs ecr elb ebs
ssd ssds hdd hdds ev evs ea ipo ceo cto cio cfo hr vpn vpns vm vms vpc vpcs ec iot mri ct ecg eeg ir uv`)
	wordAcronyms = map[string]bool{ // true: starts with a vowel sound
		"nasa": false, "nato": false, "scsi": false, "soap": false, "json": false, "yaml": false, "ram": false,
		"rom": false, "lan": false, "wan": false, "nat": false, "gif": false, "jpeg": false, "ajax": false,
		"ascii": true, "unix": false, "saml": false, "captcha": false, "wasm": false, "lidar": false, "radar": false,
		"sim": false, "pin": false, "fifo": false, "lifo": false, "posix": false, "rest": false, "crud": false,
		"jar": false, "mime": false, "gui": false, "imap": true, "ansi": true, "oauth": true, "utc": false,
		"ieee": true, "icann": true, "unicef": false, "unesco": false, "opec": true, "aws": true, "okr": true,
	}
	// Said both ways: "a SQL" (sequel) and "an SQL" (ess-cue-ell).
	ambiguousAcronyms = setOf(`sql sqls faq faqs swf gnu scsi svn`)
)

func setOf(words string) map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// vowelSound reports whether word starts with a vowel sound; known is false
// when the rule cannot tell (or the word never follows an article).
// compound says the word is the first part of a hyphenated compound
// ("x-ray", "n-gram").
func vowelSound(word string, compound bool) (vowel, known bool) {
	lower := strings.ToLower(word)
	if notAfterArticle[lower] {
		return false, false
	}
	runes := []rune(word)
	if len(runes) == 1 {
		if !compound || !unicode.IsLetter(runes[0]) || runes[0] > unicode.MaxASCII {
			return false, false
		}
		return strings.ContainsRune(vowelLetters, unicode.ToLower(runes[0])), true
	}
	if ambiguousAcronyms[lower] {
		return false, false
	}
	if isInitialism(word) || spelledInitialisms[lower] {
		if v, ok := wordAcronyms[lower]; ok {
			return v, true
		}
		if !strings.ContainsAny(lower, "aeiou") || spelledInitialisms[lower] {
			return strings.ContainsRune(vowelLetters, rune(lower[0])), true
		}
		return false, false
	}
	if strings.IndexFunc(word[1:], unicode.IsUpper) >= 0 || strings.IndexFunc(word, unicode.IsDigit) >= 0 {
		return false, false // iPhone, eBay, mixedCase names: not judged
	}
	switch c := lower[0]; {
	case c == 'h':
		for _, p := range []string{"hour", "honest", "honor", "honour", "heir"} {
			if strings.HasPrefix(lower, p) {
				return true, true
			}
		}
		for _, p := range []string{"historic", "hypothe", "hotel", "habitual", "heroic", "hyster", "homage", "herb", "humble", "horrend", "hilarious"} {
			if strings.HasPrefix(lower, p) {
				return false, false // "an historic" is still written
			}
		}
		return false, wordlist.Contains(lower)
	case strings.IndexByte("aeiou", c) >= 0:
		if lower == "one" || lower == "once" || strings.HasPrefix(lower, "one-") {
			return false, true
		}
		if strings.HasPrefix(lower, "eu") {
			return strings.HasPrefix(lower, "euler"), true
		}
		if lower == "ewe" || lower == "ewes" || strings.HasPrefix(lower, "ouija") {
			return false, true
		}
		if c == 'u' {
			return !youSound(lower), wordlist.Contains(lower)
		}
		return true, wordlist.Contains(lower)
	case c == 'x' && compound:
		return true, true // x-ray, x-axis
	case unicode.IsLetter(rune(c)):
		// Only words the dictionary knows: "a asc" is SQL, "a vtgate" a
		// name whose sound the rule cannot know.
		return false, wordlist.Contains(lower)
	}
	return false, false
}

// youSound reports whether a word starting with u starts with the sound
// "you": user, unique, utility, but not under, unusual, uninstall.
func youSound(lower string) bool {
	for _, p := range []string{"unin", "unim", "unid", "unila"} {
		if strings.HasPrefix(lower, p) {
			return p == "unila"
		}
	}
	for _, p := range []string{"uni", "use", "usa", "usi", "usu", "uti", "ure", "uri", "url", "uro", "ura", "ubi", "uku",
		"ukr", "uto", "ute", "uvu", "ufo", "uga", "ula", "unary", "unanim"} {
		if strings.HasPrefix(lower, p) {
			return true
		}
	}
	return false
}

// isInitialism reports whether w is all capital letters, two or more.
func isInitialism(w string) bool {
	n := 0
	for _, r := range w {
		if r < 'A' || r > 'Z' {
			if r == 's' && n >= 2 { // plural: APIs
				continue
			}
			return false
		}
		n++
	}
	return n >= 2
}
