package spell

import (
	"flag"
	"math/rand/v2"
	"os"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/golangci/misspell"

	"github.com/postlint/postlint/internal/wordlist"
)

func mustFor(t testing.TB, l Locale) *Dict {
	t.Helper()
	d, err := For(l)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestFor(t *testing.T) {
	for _, l := range Locales() {
		d := mustFor(t, l)
		if d.Locale() != l {
			t.Errorf("For(%q).Locale() = %q", l, d.Locale())
		}
		if d2 := mustFor(t, l); d2 != d {
			t.Errorf("For(%q) built twice", l)
		}
		t.Logf("%q: %d misspellings, %d derived", l, d.Len(), len(d.derived))
	}
	for _, l := range []Locale{"en", "en-us", "en_US", "fr", " "} {
		d, err := For(l)
		if err == nil || d != nil {
			t.Errorf("For(%q) = %v, %v; want an error", l, d, err)
			continue
		}
		for _, valid := range []string{`""`, `"en-US"`, `"en-GB"`} {
			if !strings.Contains(err.Error(), valid) {
				t.Errorf("For(%q) error %q does not name %s", l, err, valid)
			}
		}
	}
}

func TestForConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for range 8 {
		for _, l := range Locales() {
			wg.Go(func() {
				d, err := For(l)
				if err != nil {
					t.Error(err)
					return
				}
				if got, ok := d.Lookup("teh"); !ok || got != "the" {
					t.Errorf("%q: Lookup(teh) = %q, %v", l, got, ok)
				}
			})
		}
	}
	wg.Wait()
}

func TestLookupCase(t *testing.T) {
	d := mustFor(t, Neutral)
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"teh", "the", true},
		{"Teh", "The", true},
		{"TEH", "THE", true},
		{"tEh", "", false},
		{"TeH", "", false},
		{"teH", "", false},
		{"recieve", "receive", true},
		{"Recieve", "Receive", true},
		{"RECIEVE", "RECEIVE", true},
		{"reCieve", "", false},
		{"fufilling", "fulfilling", true},
		{"Fufilling", "Fulfilling", true},
		{"FUFILLING", "FULFILLING", true},
		// Possessives keep their suffix as written.
		{"goverment's", "government's", true},
		{"Goverment's", "Government's", true},
		{"GOVERMENT'S", "GOVERNMENT'S", true},
		{"goverment’s", "government’s", true},
		// Other apostrophes: misspell v0.8.0 lists no contraction.
		{"doesnt", "", false},
		{"doesn't", "", false},
		{"teh'll", "", false},
		{"'s", "", false},
		// Not words, or too short or long to be keys.
		{"", "", false},
		{"t", "", false},
		{"the", "", false},
		{"The", "", false},
		{strings.Repeat("teh", 30), "", false},
		{"téh", "", false},
		{"teh.", "", false},
		{" teh", "", false},
	}
	for _, tt := range tests {
		got, ok := d.Lookup(tt.word)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Lookup(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}

// TestSentence checks the misspellings of one sentence, split into words as
// the misspelling rule does.
func TestSentence(t *testing.T) {
	const text = "Teh recieve occured seperately; we are fufilling the requirments"
	want := map[string]string{
		"Teh":         "The",
		"recieve":     "receive",
		"occured":     "occurred",
		"seperately":  "separately",
		"fufilling":   "fulfilling",
		"requirments": "requirements",
	}
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for _, l := range Locales() {
		d := mustFor(t, l)
		got := map[string]string{}
		for _, w := range words {
			if c, ok := d.Lookup(w); ok {
				got[w] = c
			}
		}
		if len(got) != len(want) {
			t.Errorf("%q: found %v, want %v", l, got, want)
		}
		for w, c := range want {
			if got[w] != c {
				t.Errorf("%q: Lookup(%q) = %q, want %q", l, w, got[w], c)
			}
		}
	}
}

func TestLocales(t *testing.T) {
	tests := []struct {
		word            string
		neutral, us, gb string // "" means not reported
	}{
		{word: "colour", us: "color"},
		{word: "Colour", us: "Color"},
		{word: "COLOURS", us: "COLORS"},
		{word: "color", gb: "colour"},
		{word: "analyse", us: "analyze"},
		{word: "behaviour", us: "behavior"},
		{word: "behavior", gb: "behaviour"},
		{word: "fulfil", us: "fulfill"},
		{word: "fulfill", gb: "fulfil"},
		// Spelled so in both variants per SCOWL: never reported, although
		// misspell.DictAmerican converts them.
		{word: "dialogue"},
		{word: "analogue"},
		{word: "archaeology"},
		// Common words and variant-neutral inflections.
		{word: "the"},
		{word: "fulfilling"},
		{word: "fulfilled"},
		// Misspellings, with the correction converted to the locale.
		{word: "teh", neutral: "the", us: "the", gb: "the"},
		{word: "fufill", neutral: "fulfill", us: "fulfill", gb: "fulfil"},
		{word: "fufills", neutral: "fulfills", us: "fulfills", gb: "fulfils"},
		{word: "fufilling", neutral: "fulfilling", us: "fulfilling", gb: "fulfilling"},
		{word: "neighbourhoood", neutral: "neighbourhood", us: "neighborhood", gb: "neighbourhood"},
		{word: "instatutionalized", neutral: "institutionalized", us: "institutionalized", gb: "institutionalised"},
	}
	for _, tt := range tests {
		for l, want := range map[Locale]string{Neutral: tt.neutral, EnglishUS: tt.us, EnglishGB: tt.gb} {
			got, ok := mustFor(t, l).Lookup(tt.word)
			if got != want || ok != (want != "") {
				t.Errorf("%q: Lookup(%q) = %q, %v; want %q", l, tt.word, got, ok, want)
			}
		}
	}
}

func TestDerived(t *testing.T) {
	d := mustFor(t, Neutral)
	tests := []struct {
		word, want string
		derived    bool
	}{
		// Suffix appended as is.
		{"fufilling", "fulfilling", true},
		{"Fufilling", "Fulfilling", true},
		{"FUFILLS", "FULFILLS", true},
		{"fufills", "fulfills", true},
		{"fufillment", "fulfillment", true},
		{"requirments", "requirements", true}, // from "requirment"
		// Silent e dropped.
		{"recoginzing", "recognizing", true},
		{"recoginzer", "recognizer", true},
		// y → i.
		{"recitfies", "rectifies", true},
		{"recitfied", "rectified", true},
		{"recitfying", "rectifying", true},
		// Final consonant doubled.
		{"ouputting", "outputting", true},
		{"porgrammed", "programmed", true},
		// Listed by misspell itself, so not derived.
		{"fufilled", "fulfilled", false},
		{"recieving", "receiving", false},
		{"occured", "occurred", false},
		// A derived pair replaces an unusable listed one ("1990s").
		{"ninties", "nineties", true},
	}
	for _, tt := range tests {
		got, ok := d.Lookup(tt.word)
		if !ok || got != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
		if der := d.Derived(tt.word); der != tt.derived {
			t.Errorf("Derived(%q) = %v, want %v", tt.word, der, tt.derived)
		}
	}
	if d.Derived("teh") || d.Derived("the") || d.Derived("") {
		t.Error("Derived reports a listed misspelling or a word")
	}
	if n := len(d.derived); n < 5000 || n > 10000 {
		t.Errorf("%d derived misspellings, want about 7,000", n)
	}
}

// TestDerivedPairs checks every derived pair against the rules it was made by.
func TestDerivedPairs(t *testing.T) {
	listed := map[string]bool{}
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		if usable(misspell.DictMain[i], misspell.DictMain[i+1]) {
			listed[misspell.DictMain[i]] = true
		}
	}
	for _, l := range Locales() {
		d := mustFor(t, l)
		for wrong := range d.derived {
			right := d.words[wrong]
			if wordlist.Contains(wrong) || excluded[wrong] {
				t.Errorf("%q: derived %q is a word", l, wrong)
			}
			if listed[wrong] {
				t.Errorf("%q: derived %q is listed", l, wrong)
			}
			if lv := wordlist.Level(right); lv == 0 || lv > maxDerivedLevel {
				t.Errorf("%q: derived %q → %q, a correction at level %d", l, wrong, right, lv)
			}
		}
	}
}

// TestSampleDerived logs a random sample of derived pairs, to read with -v.
func TestSampleDerived(t *testing.T) {
	d := mustFor(t, Neutral)
	keys := make([]string, 0, len(d.derived))
	for w := range d.derived {
		keys = append(keys, w)
	}
	slices.Sort(keys)
	r := rand.New(rand.NewPCG(1, 2))
	r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
	var b strings.Builder
	for _, w := range keys[:min(100, len(keys))] {
		b.WriteString(w + " → " + d.words[w] + "\n")
	}
	t.Logf("%d derived pairs; a sample:\n%s", len(keys), b.String())
}

// TestMainListRealWords checks misspell.DictMain against the word list: its
// only "misspellings" that are common words (level 50 or less) are
// excluded, and no key of any dictionary is such a word.
func TestMainListRealWords(t *testing.T) {
	var real []string
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		w := misspell.DictMain[i]
		if lv := wordlist.Level(w); lv > 0 {
			real = append(real, w)
			if lv <= 50 && !excluded[w] {
				t.Errorf("DictMain misspelling %q is a common word (level %d)", w, lv)
			}
		}
	}
	t.Logf("DictMain misspellings in the word list: %v", real)
	for _, l := range Locales() {
		other := map[Locale]string{EnglishUS: "british", EnglishGB: "american"}[l]
		for w := range mustFor(t, l).words {
			if lv := wordlist.Level(w); lv > 0 && lv <= 50 && wordlist.Variant(w) != other {
				t.Errorf("%q: key %q is a common word (level %d)", l, w, lv)
			}
		}
	}
}

// commonWords are words that must never be reported: common English words,
// real inflections, and words of technical prose.
const commonWords = `
a about above across act action actually add added after again against age
ago agree air all allow almost alone along already also although always am
among an and another answer any anyone anything appear apply are area argue
arm around arrive art article as ask at attack author available away back bad
bag ball bank base be bear beat beautiful because become bed before begin
behind believe best better between big bill bit black blood blue board body
book born both box boy break bring brother budget build building business but
buy by call camera campaign can cancer candidate capital car card care career
carry case catch cause cell center central century certain certainly chair
challenge chance change character charge check child choice choose church
citizen city civil claim class clear clearly close coach cold collection
college come commercial common community company compare computer concern
condition conference consider consumer contain continue control cost could
country couple course court cover create crime cultural culture cup current
customer cut dark data daughter day dead deal death debate decade decide
decision deep defense degree describe design despite detail determine develop
development die difference different difficult dinner direction director
discover discuss discussion disease do doctor dog door down draw dream drive
drop drug during each early east easy eat economic economy edge education
effect effort eight either election else employee end energy enjoy enough
enter entire environment environmental especially establish even evening
event ever every everybody everyone everything evidence exactly example
executive exist expect experience expert explain eye face fact factor fail
fall family far fast father fear federal feel feeling few field fight figure
fill film final finally financial find fine finger finish fire firm first
fish five floor fly focus follow food foot for force foreign forget form
former forward four free friend from front full fund future game garden gas
general generation get girl give glass go goal good government great green
ground group grow growth guess gun guy hair half hand hang happen happy hard
have he head health hear heart heat heavy help her here herself high him
himself his history hit hold home hope hospital hot hotel hour house how
however huge human hundred husband idea identify if image imagine impact
important improve in include including increase indeed indicate individual
industry information inside instead institution interest interesting
international interview into investment involve issue it item its itself job
join just keep key kid kill kind kitchen know knowledge land language large
last late later laugh law lawyer lay lead leader learn least leave left leg
legal less let letter level lie life light like likely line list listen
little live local long look lose loss lot love low machine magazine main
maintain major majority make man manage management manager many market
marriage material matter may maybe me mean measure media medical meet meeting
member memory mention message method middle might military million mind
minute miss mission model modern moment money month more morning most mother
mouth move movement movie much music must my myself name nation national
natural nature near nearly necessary need network never new news newspaper
next nice night no none nor north not note nothing notice now number occur
of off offer office officer official often oh oil ok old on once one only
onto open operation opportunity option or order organization other others our
out outside over own owner page pain painting paper parent part participant
particular particularly partner party pass past patient pattern pay peace
people per perform performance perhaps period person personal phone physical
pick picture piece place plan plant play player point police policy
political politics poor popular population position positive possible power
practice prepare present president pressure pretty prevent price private
probably problem process produce product production professional professor
program project property protect prove provide public pull purpose push put
quality question quickly quite race radio raise range rate rather reach read
ready real reality realize really reason receive recent recently recognize
record red reduce reflect region relate relationship religious remain
remember remove report represent require research resource respond response
responsibility rest result return reveal rich right rise risk road rock role
room rule run safe same save say scene school science scientist score sea
season seat second section security see seek seem sell send senior sense
series serious serve service set seven several shake share she shoot short
shot should shoulder show side sign significant similar simple simply since
sing single sister sit site situation six size skill skin small smile so
social society soldier some somebody someone something sometimes son song
soon sort sound source south southern space speak special specific speech
spend sport spring staff stage stand standard star start state statement
station stay step still stock stop store story strategy street strong
structure student study stuff style subject success successful such suddenly
suffer suggest summer support sure surface system table take talk task tax
teach teacher team technology television tell ten tend term test than thank
that the their them themselves then theory there these they thing think
third this those though thought thousand threat three through throughout
throw thus time to today together tonight too top total tough toward town
trade traditional training travel treat treatment tree trial trip trouble
true truth try turn two type under understand unit until up upon us use
usually value various very victim view violence visit voice vote wait walk
wall want war watch water way we weapon wear week weight well west western
what whatever when where whether which while white who whole whom whose why
wide wife will win wind window wish with within without woman wonder word
work worker world worry would write writer wrong yard yeah year yes yet you
young your yourself
receiving received receives receiver occurred occurring occurrence fulfilling
fulfilled fulfillment fulfil fulfils fulfilment separately separate separated
requirements requirement believing believed achieving achieved committed
committing beginning preferred referring traveled travelled modeling modelling
canceled cancelled happened happening argued arguing truly wholly judgment
judgement acknowledgment acknowledgement dialogue dialog analogue analog
catalogue catalog grey gray
config repo repos dev auth params args struct init impl kubernetes golang
github readme todo webhook frontend backend middleware namespace runtime
builtin boolean hostname localhost timestamp dataset metadata filename
subdirectory json yaml toml html css javascript typescript npm stdout stderr
stdin sudo chmod cron grep regex regexp unmarshal marshaling serializer
deserialize iterator callback lifecycle endpoint cli gui api apis ui ux url
uri uuid ascii unicode checksum hashmap lookup setup signup login logout
username whitelist blacklist allowlist denylist untrusted unescaped escaping
inline multiline newline whitespace tokenizer lexer parser linter linting
formatter misspell postlint jekyll hugo liquid markdown frontmatter blog
blogging permalink slug sitemap async goroutine goroutines mutexes enum enums
nullable iterable unix linux macos ios android vim emacs tmux ssh tls http
https tcp udp dns cdn cpu gpu devops postmortem refactor refactoring
refactored dedupe deduplicate inlined inlining monorepo codebase dockerfile
docker containerized serverless microservice microservices queueing enqueue
dequeue prepend prepended
`

func TestCommonWordsNotReported(t *testing.T) {
	words := strings.Fields(commonWords)
	if len(words) < 200 {
		t.Fatalf("only %d common words", len(words))
	}
	for _, l := range Locales() {
		d := mustFor(t, l)
		for _, w := range words {
			for _, form := range []string{w, strings.ToUpper(w[:1]) + w[1:], strings.ToUpper(w), w + "'s"} {
				c, ok := d.Lookup(form)
				v := wordlist.Variant(w)
				if ok && (l == Neutral || l == EnglishUS && v != "british" || l == EnglishGB && v != "american") {
					t.Errorf("%q: Lookup(%q) = %q, want not reported", l, form, c)
				}
			}
		}
	}
}

func TestLookupAllocs(t *testing.T) {
	d := mustFor(t, Neutral)
	for _, w := range []string{"the", "The", "teh", "recieving", "tEh"} {
		if n := testing.AllocsPerRun(100, func() { d.Lookup(w) }); n != 0 {
			t.Errorf("Lookup(%q) allocates %v times", w, n)
		}
	}
}

// TestBuildMemory logs the heap a dictionary takes; run with -v to see it.
func TestBuildMemory(t *testing.T) {
	wordlist.Contains("") // the word list is measured by its own package
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b := computeBase()
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("base: %d misspellings (%d derived), heap %.1f MiB",
		len(b.words), len(b.derived), float64(after.HeapAlloc-before.HeapAlloc)/(1<<20))
}

// BenchmarkBuild measures building the base dictionary, the word list being
// loaded already.
func BenchmarkBuild(b *testing.B) {
	wordlist.Contains("")
	for b.Loop() {
		computeBase()
	}
}

// BenchmarkBuildLocale measures building a locale's dictionary from the base.
func BenchmarkBuildLocale(b *testing.B) {
	loadBase()
	for b.Loop() {
		build(EnglishUS)
	}
}

func BenchmarkLookup(b *testing.B) {
	d := mustFor(b, Neutral)
	for _, w := range []string{"the", "Receiving", "fufilling"} {
		b.Run(w, func(b *testing.B) {
			for b.Loop() {
				d.Lookup(w)
			}
		})
	}
}

func TestCorrectedEntries(t *testing.T) {
	d, err := For(Neutral)
	if err != nil {
		t.Fatal(err)
	}
	for wrong, want := range map[string]string{"arbitrarly": "arbitrarily", "terristrial": "terrestrial", "terristrials": "terrestrials"} {
		if got, ok := d.Lookup(wrong); !ok || got != want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", wrong, got, ok, want)
		}
	}
}

var update = flag.Bool("update", false, "rewrite generated.txt")

// TestGeneratedUpToDate checks that generated.txt is what the word list gives
// today, and that dictionaries built from it equal those built from the
// word list.
func TestGeneratedUpToDate(t *testing.T) {
	want := renderGenerated()
	if *update {
		if err := os.WriteFile("generated.txt", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if generatedText != want {
		t.Fatal("generated.txt is stale: run go generate ./internal/spell")
	}
	ref := computeBase()
	for _, loc := range Locales() {
		got, err := For(loc)
		if err != nil {
			t.Fatal(err)
		}
		var wantDict *Dict
		if loc == Neutral {
			wantDict = buildWith(loc, &ref, nil)
		} else {
			wantDict = computeLocale(loc, &ref)
		}
		if !reflect.DeepEqual(got.words, wantDict.words) || !reflect.DeepEqual(got.derived, wantDict.derived) {
			t.Errorf("locale %q: dictionary from generated.txt differs from the word-list build", loc)
		}
	}
}
