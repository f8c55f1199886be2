package mojibake

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// misdecode returns s as a browser shows UTF-8 text decoded as
// Windows-1252 (latin1 false) or Latin-1 (latin1 true). It uses the
// x/text tables, independent of byteOf, and keeps the five bytes cp1252
// leaves undefined as C1 controls.
func misdecode(s string, latin1 bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80, latin1, c == 0x81, c == 0x8D, c == 0x8F, c == 0x90, c == 0x9D:
			b.WriteRune(rune(c))
		default:
			b.WriteRune(charmap.Windows1252.DecodeByte(c))
		}
	}
	return b.String()
}

// apply returns text with every run replaced by its fix.
func apply(text string, runs []Run) string {
	var b strings.Builder
	last := 0
	for _, r := range runs {
		b.WriteString(text[last:r.Start])
		b.WriteString(r.Fixed)
		last = r.End
	}
	b.WriteString(text[last:])
	return b.String()
}

// checkRuns fails t unless runs are in order, in bounds, non-overlapping,
// non-empty, free of ASCII, and have a valid fix and layer count.
func checkRuns(t testing.TB, text []byte, runs []Run) {
	t.Helper()
	last := 0
	for _, r := range runs {
		if r.Start < last || r.End <= r.Start || r.End > len(text) {
			t.Fatalf("Find(%q): run %+v out of order or bounds", text, r)
		}
		for _, b := range text[r.Start:r.End] {
			if b < utf8.RuneSelf {
				t.Fatalf("Find(%q): run %+v contains ASCII", text, r)
			}
		}
		if !utf8.Valid(text[r.Start:r.End]) {
			t.Fatalf("Find(%q): run %+v contains invalid UTF-8", text, r)
		}
		if !utf8.ValidString(r.Fixed) || r.Fixed == "" {
			t.Fatalf("Find(%q): run %+v has an invalid fix", text, r)
		}
		if r.Layers < 1 || r.Layers > maxLayers {
			t.Fatalf("Find(%q): run %+v has bad layers", text, r)
		}
		last = r.End
	}
}

func TestFindExamples(t *testing.T) {
	tests := []struct {
		name string
		in   string
		runs []string // text[Start:End] of each run, in order
		want string   // the text with every run fixed
	}{
		{"em dash", "â€”", []string{"â€”"}, "—"},
		{"apostrophe in word", "itâ€™s", []string{"â€™"}, "it’s"},
		{"emoji", "ðŸ¤‘", []string{"ðŸ¤‘"}, "🤑"},
		{"e acute", "CafÃ©", []string{"Ã©"}, "Café"},
		{"left quote", "â€˜", []string{"â€˜"}, "‘"},
		{"undefined cp1252 byte", "â€\u009d", []string{"â€\u009d"}, "”"},
		{"middle dot", "Â·", []string{"Â·"}, "·"},
		{"twice", "Ã¢â‚¬â„¢", []string{"Ã¢â‚¬â„¢"}, "’"},
		{"cyrillic", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", []string{"ÐŸÑ€Ð¸Ð²ÐµÑ‚"}, "Привет"},
		{"polish l", "Å‚", []string{"Å‚"}, "ł"},
		{"polish word", "zaÅ‚oÅ¼yÄ‡", []string{"Å‚", "Å¼", "Ä‡"}, "założyć"},
		{"greek", "Î±Î²", []string{"Î±Î²"}, "αβ"},
		{"latin-1", "â\u0080\u0099", []string{"â\u0080\u0099"}, "’"},
		{"a grave before NBSP", "voilÃ\u00a0", []string{"Ã\u00a0"}, "voilà"},
		{"french a", "il va Ã\u00a0 Paris", []string{"Ã\u00a0"}, "il va à Paris"},
		{"capital after lowercase", "cafÃ‰", []string{"Ã‰"}, "cafÉ"},
		{"all caps", "CAFÃ‰", []string{"Ã‰"}, "CAFÉ"},
		{"closer inside a word", "Ã–sterreich MÃ³nica Ä°stanbul", []string{"Ã–", "Ã³", "Ä°"}, "Österreich Mónica İstanbul"},
		{"closer inside caps", "CAMIÃ‘O", []string{"Ã‘"}, "CAMIÑO"},
		{"single capital word", "SÃ³ isso", []string{"Ã³"}, "Só isso"},
		{"degree", "25Â°C", []string{"Â°"}, "25°C"},
		{"NBSP", "endÂ\u00a0of", []string{"Â\u00a0"}, "end\u00a0of"},
		{"polish single letter", "WÂ\u00a0domu", []string{"Â\u00a0"}, "W\u00a0domu"},
		{"soft hyphen", "polÃ\u00adtica", []string{"Ã\u00ad"}, "política"},
		{"romanian", "È›ara aÈ™a", []string{"È›", "È™"}, "țara așa"},
		{"vietnamese", "HÃ\u00a0 Ná»™i, SÆ¡n", []string{"Ã\u00a0", "á»™", "Æ¡"}, "Hà Nội, Sơn"},
		{"azerbaijani", "AÄŸcabÉ™di", []string{"ÄŸ", "É™"}, "Ağcabədi"},
		{"combining mark", "eÌ\u0081", []string{"Ì\u0081"}, "e\u0301"},
		{"check mark", "| âœ“ |", []string{"âœ“"}, "| ✓ |"},
		{"box drawing", "â””â”€â”€ dir", []string{"â””â”€â”€"}, "└── dir"},
		{"BOM", "ï»¿# Title", []string{"ï»¿"}, "\ufeff# Title"},
		{"replacement character", "ï¿½", []string{"ï¿½"}, "\ufffd"},
		{"trademark", "Brandâ„¢", []string{"â„¢"}, "Brand™"},
		{"euro", "5 â‚¬", []string{"â‚¬"}, "5 €"},
		{"japanese", "æ—¥æœ¬èªž", []string{"æ—¥æœ¬èªž"}, "日本語"},
		{"japanese C1", "ã\u0081“ã‚“ã\u0081«ã\u0081¡ã\u0081¯", []string{"ã\u0081“ã‚“ã\u0081«ã\u0081¡ã\u0081¯"}, "こんにちは"},
		{"hebrew", "×©×œ×•×\u009d", []string{"×©×œ×•×\u009d"}, "שלום"},
		{"arabic", "Ù…Ø±Ø\u00adØ¨Ø§", []string{"Ù…Ø±Ø\u00adØ¨Ø§"}, "مرحبا"},
		{"russian one-letter word", "Ð² Ð¼Ð¾Ñ\u0081ÐºÐ²Ðµ", []string{"Ð²", "Ð¼Ð¾Ñ\u0081ÐºÐ²Ðµ"}, "в москве"},
		{"russian one-letter word alone", "Ð² 2015", nil, "Ð² 2015"},
		{"vietnamese letter", "viá»‡t", []string{"á»‡"}, "việt"},
		{"emoji ZWJ", "ðŸ‘¨â€\u008dðŸ‘©", []string{"ðŸ‘¨â€\u008dðŸ‘©"}, "👨\u200d👩"},
		{"flag", "ðŸ‡§ðŸ‡·", []string{"ðŸ‡§ðŸ‡·"}, "🇧🇷"},
		{"twice cafe", "CafÃƒÂ©", []string{"ÃƒÂ©"}, "Café"},
		{"twice C1", "Ã£Â\u0081Â¯", []string{"Ã£Â\u0081Â¯"}, "は"},
		{"twice NBSP", "WÃ‚Â\u00a0domu", []string{"Ã‚Â\u00a0"}, "W\u00a0domu"},
		{"twice caps stops at real text", "«CAFÃƒâ€°Ã‚Â»", []string{"Ãƒâ€°Ã‚Â»"}, "«CAFÉ»"},
		{"C1 result is no fix", "Â\u0081", nil, "Â\u0081"},

		// The acceptance examples: the example post why-research.md.
		{
			"why-research line 13",
			"This passion led me to Georgia Tech, initially as a Computer Engineering major. My childhood dream of building Ironman was alive and wellâ€”after all, who wouldn't want to create a real-life superhero? However, I quickly realized that Ironman wouldn't be complete without his AI counterpart, Jarvis. This revelation steered me toward a major in Computer Science, drawn to the world of machine learning. The field felt like a blend of mystery and magic, captivating my curiosity and creativity.",
			[]string{"â€”"},
			"This passion led me to Georgia Tech, initially as a Computer Engineering major. My childhood dream of building Ironman was alive and well—after all, who wouldn't want to create a real-life superhero? However, I quickly realized that Ironman wouldn't be complete without his AI counterpart, Jarvis. This revelation steered me toward a major in Computer Science, drawn to the world of machine learning. The field felt like a blend of mystery and magic, captivating my curiosity and creativity.",
		},
		{
			"why-research line 40",
			"I am currently working at GTRI as a Machine Learning Research Assistant. I work 10-20 hours per week on top of school. Not only do I get paid ðŸ¤‘, but this opportunity presents a time for me to test my research ideas in an industry setting to improve the efficiency of our machine learning models.",
			[]string{"ðŸ¤‘"},
			"I am currently working at GTRI as a Machine Learning Research Assistant. I work 10-20 hours per week on top of school. Not only do I get paid 🤑, but this opportunity presents a time for me to test my research ideas in an industry setting to improve the efficiency of our machine learning models.",
		},
		{
			"why-research line 50",
			"- Initialize models with weights that have seen both data subsets (ex. two splits of MNIST that contains different digits). If training two models on each dataset, how many passes until itâ€™s forgotten? Can I unlearn a single digit?",
			[]string{"â€™"},
			"- Initialize models with weights that have seen both data subsets (ex. two splits of MNIST that contains different digits). If training two models on each dataset, how many passes until it’s forgotten? Can I unlearn a single digit?",
		},
		{
			"why-research line 77",
			"As of the past 5 months, I have been surveying the field to find what is â€˜most important to meâ€™. I want my masterâ€™s thesis to be important and I aim to grab a low hanging fruit of a much larger problem that I can tackle for my PhD. Iâ€™ve been meeting with PhD students to learn more about their research path and perspective. I am most interested in image/video generation and making state of the art models more efficient.",
			[]string{"â€˜", "â€™", "â€™", "â€™"},
			"As of the past 5 months, I have been surveying the field to find what is ‘most important to me’. I want my master’s thesis to be important and I aim to grab a low hanging fruit of a much larger problem that I can tackle for my PhD. I’ve been meeting with PhD students to learn more about their research path and perspective. I am most interested in image/video generation and making state of the art models more efficient.",
		},

		// The acceptance examples: the example post hugo-traps.md.
		{
			"hugo-traps title",
			"CafÃ© notes — rÃ©sumÃ© of encodings",
			[]string{"Ã©", "Ã©", "Ã©"},
			"Café notes — résumé of encodings",
		},
		{
			"hugo-traps title line",
			"title = \"CafÃ© notes — rÃ©sumÃ© of encodings\"",
			[]string{"Ã©", "Ã©", "Ã©"},
			"title = \"Café notes — résumé of encodings\"",
		},
		{
			"hugo-traps line 10",
			"Real accents must survive: café, naïve, Ångström, São Paulo, Müller, Þórr, Ελληνικά, Русский, 日本語.",
			nil,
			"Real accents must survive: café, naïve, Ångström, São Paulo, Müller, Þórr, Ελληνικά, Русский, 日本語.",
		},
		{
			"hugo-traps line 11",
			"A French château and the Portuguese capitals in \"SÃO PAULO\" and \"IRMÃ\" are not damage.",
			nil,
			"A French château and the Portuguese capitals in \"SÃO PAULO\" and \"IRMÃ\" are not damage.",
		},
		{
			"hugo-traps line 13",
			"Damaged text, as pasted from an old CMS: the costâ€™s â€œfairâ€\u009d share â€” and a Â· separated list.",
			[]string{"â€™", "â€œ", "â€\u009d", "â€”", "Â·"},
			"Damaged text, as pasted from an old CMS: the cost’s “fair” share — and a · separated list.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runs := Find([]byte(tt.in))
			checkRuns(t, []byte(tt.in), runs)
			var got []string
			for _, r := range runs {
				got = append(got, tt.in[r.Start:r.End])
			}
			if len(got) != len(tt.runs) || strings.Join(got, "|") != strings.Join(tt.runs, "|") {
				t.Errorf("Find(%q) runs = %q, want %q", tt.in, got, tt.runs)
			}
			if fixed := apply(tt.in, runs); fixed != tt.want {
				t.Errorf("Find(%q) fixes to %q, want %q", tt.in, fixed, tt.want)
			}
		})
	}
}

func TestFindOffsetsAndLayers(t *testing.T) {
	thrice := misdecode(misdecode(misdecode("—", false), false), false)
	fourTimes := misdecode(misdecode(misdecode(misdecode("’", false), false), false), false)
	tests := []struct {
		in   string
		want []Run
	}{
		{"itâ€™s", []Run{{Start: 2, End: 10, Fixed: "’", Layers: 1}}},
		{"CafÃ©", []Run{{Start: 3, End: 7, Fixed: "é", Layers: 1}}},
		{"x Ã¢â‚¬â„¢ y", []Run{{Start: 2, End: 20, Fixed: "’", Layers: 2}}},
		{"\xffÃ©\xff", []Run{{Start: 1, End: 5, Fixed: "é", Layers: 1}}},
		{"Ã©\xc3", []Run{{Start: 0, End: 4, Fixed: "é", Layers: 1}}},
		{"â€œaâ€\u009d", []Run{
			{Start: 0, End: 7, Fixed: "“", Layers: 1},
			{Start: 8, End: 15, Fixed: "”", Layers: 1},
		}},
		{thrice, []Run{{Start: 0, End: len(thrice), Fixed: "—", Layers: 3}}},
		{fourTimes, []Run{{Start: 0, End: len(fourTimes), Fixed: "’", Layers: 4}}},
	}
	for _, tt := range tests {
		got := Find([]byte(tt.in))
		if len(got) != len(tt.want) {
			t.Errorf("Find(%q) = %+v, want %+v", tt.in, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Find(%q)[%d] = %+v, want %+v", tt.in, i, got[i], tt.want[i])
			}
		}
	}
}

// plausible is real text that must never be reported.
var plausible = []string{
	// From the brief and the examples.
	"château", "café", "naïve", "Ångström", "São Paulo", "Müller", "Þórr", "Ελληνικά",
	"Русский", "日本語", "한국어", "emoji 🎉👍🏽", `"SÃO PAULO"`, `"IRMÃ"`, "Ã", "a lone Ã here",
	"NÃO", "“IRMÔ", "«CAFÉ»", "ÉCOLE…", "À la carte", "Ö–Ü", "Ä…", "GRÜß", "„GRÜß“",
	"5 °C", "©2024", "£10", "½ cup", "Ø 5 mm", "×2", "Åland", "Æsir", "Œuvre", "Þ",
	"¿Qué?", "¡Olé!", "«élan»", "col·lecció", "COL·LECCIÓ", "İstanbul", "ﬁnance ﬂow",

	// Portuguese and Spanish capitals before punctuation.
	"“IRMÔ, ele disse", "«IRMÔ", "IRMÃ’s", "IRMÃ—and", "IRMÃ…", "AMANHÔ", "MAÇÔ",
	"IRMÃ\u00a0MARIA", "IRMÃ²", "AVÓ…", "VOCÊ”", "“É”", "SÍ”", "¿QUÉ?”", "ACCIÓ", "“ESPAÑA”",
	"Nº 5", "1ª vez", "Dª Maria", "Sª Exª", "LÃ–ALGODÃO", "SÃ”", "“LÔ",
	// French typography: NBSP before » ! ? : ; and after «.
	"« commité\u00a0», modifications", "Il a dit «\u00a0voilà\u00a0»", "«\u00a0ÉTÉ\u00a0»",
	"DÉCONSEILLÉ\u00a0: cette clé", "Là\u00a0!", "CAFÉ\u00a0!", "OÙ\u00a0?", "à\u00a0»",
	"“Café…”", "l’été…\u00a0»", "«voilà»†", "Nestlé®", "NESTLÉ®", "CAFÉ™", "JOSÉ†", "CAFÉ’s",
	"L’ÉTÉ", "ÇA\u00a0»", "«\u00a0À\u00a0»", "Ô mon Dieu", "Ô", "“Ô”",
	// Italian.
	"Chi è…”", "Com’è…»", "città…”", "perché…”", "È…", "«È»", "PIÙ…", "PERCHÉ”", "così›”",
	// Catalan, Hungarian, Czech, Slovak.
	"OPCIÓ…", "[OPCIÓ…] [FITXER]…", "«plural=EXPRESSIÓ» manca", "PER UN PROPÒSIT",
	"„-o MARGÓ” érvénytelen", "KAPCSOLÓ… [FÁJL]…", "PROHLÍŽEČ", "víš…”", "Víš…", "PŘEHRÁVÁNÍ…",
	"TÉŽ", "KÔŠ", "NÍŽ", "plná\u00a0– čeká", "ÚŠKLEBEK",
	// Scandinavian, Icelandic, Finnish, German.
	"»PÅ«", "»Å«", "PÅ\u00a0dansk", "GUÐ»", "með“…”", "JYVÄSKYLÄ–HELSINKI", "Ä–Ö", "Å–Ä", "Ä…Ö",
	"„Fuß“", "»ß« unten", "„ß“", "Straße™", "Fuß²", "„BÖ“", "MALMÖ–KÖPENHAMN",
	// Turkish, Romanian, Polish, Vietnamese, Welsh.
	"hâlâ…”", "GÜÇ”", "ÎN ȚARĂ", "Zażółć gęślą jaźń", "Tiếng Việt: Hà Nội, Đà Nẵng, người",
	"CÀ MAU", "â’r", "Ŵ ŷ",
	// Units and math.
	"1.5Å±0.1", "10 Å²", "Å²", "Ø±0.1 mm", "×½", "×²", "2×³", "Ø°", "µm",
	// Other scripts.
	"مرحبا بالعالم", "שלום עולם", "Ελληνικά· ναι", "中文，日本語、한국어。", "Հայերեն", "ქართული",
	"family 👨‍👩‍👧‍👦, flags 🇧🇷🇵🇹 🏴󠁧󠁢󠁳󠁣󠁴󠁿, skin 👍🏾",
	// Symbols that are continuation runes, without a lead.
	"€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ",
	"\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿",
}

func TestFindPlausible(t *testing.T) {
	for _, s := range plausible {
		if runs := Find([]byte(s)); runs != nil {
			t.Errorf("Find(%q) = %+v, want none (fixes to %q)", s, runs, apply(s, runs))
		}
	}
}

// sentences are real text whose mis-decoded forms Find must repair exactly.
var sentences = []string{
	"Café résumé naïve façade déjà vu",
	"It’s a “quoted” word — and an en–dash… ™ € • ‘single’",
	"Привет, мир! Как дела? Всё хорошо.",
	"Ελληνικά: αβγ δέκα",
	"Zażółć gęślą jaźń",
	"Příliš žluťoučký kůň úpěl ďábelské ódy",
	"Árvíztűrő tükörfúrógép",
	"Şişli’de İstanbul’un ılık havası",
	"Tiếng Việt có dấu",
	"日本語のテキスト",
	"中文文本，标点。",
	"한국어 텍스트",
	"emoji 🤑🎉👍🏽 👨‍👩‍👧",
	"Ünïcödé Ñandú Österreich Øre Åland",
	"מזל טוב",
	"السلام عليكم",
	"Straße über Größe",
	"São Paulo, IRMÃ, NÃO, AÇÃO",
	"ÉTÉ À PARIS, ÇA VA",
	"Mónica López, Óscar, Ísland",
	"25 °C · 3 × 4 ± 0.5 µm ½ ¼ © ®",
}

func TestFindRepairsMisdecoded(t *testing.T) {
	for _, s := range sentences {
		for _, tc := range []struct {
			name   string
			damage string
			layers int
		}{
			{"cp1252", misdecode(s, false), 1},
			{"latin-1", misdecode(s, true), 1},
			{"cp1252 twice", misdecode(misdecode(s, false), false), 2},
			{"latin-1 twice", misdecode(misdecode(s, true), true), 2},
			{"cp1252 thrice", misdecode(misdecode(misdecode(s, false), false), false), 3},
		} {
			runs := Find([]byte(tc.damage))
			checkRuns(t, []byte(tc.damage), runs)
			if got := apply(tc.damage, runs); got != s {
				t.Errorf("%s: Find(%q) fixes to %q, want %q", tc.name, tc.damage, got, s)
				continue
			}
			for _, r := range runs {
				if r.Layers != tc.layers {
					t.Errorf("%s: Find(%q): run %+v, want %d layers", tc.name, tc.damage, r, tc.layers)
				}
			}
		}
	}
}

func TestFindInvalidUTF8(t *testing.T) {
	inputs := []string{
		"", "\xc3", "\xc3\x82", "\xc3\x82\xc2", "Ã", "Ã\xff©", "â€", "â\xe2\x82", "â€\xe2",
		"\xe2\x82\xac\xc3", "Ã\xc2", "ð\x9f", "ðŸ¤", "\xc3\xc3\xc3", "Ã©\xc3\xa9\xc3",
		"\xed\xa0\x80", "Ã\xed\xa0\x80", "í\u00a0€", "ð\u0090€€", "ôƒ€€", "à€€",
		"Ã\x80", "\xf4\x90\x80\x80Ã©",
	}
	for _, s := range inputs {
		checkRuns(t, []byte(s), Find([]byte(s)))
	}
	// Overlongs, surrogates, code points beyond U+10FFFF and C1 controls
	// are no damage.
	for _, s := range []string{"Â€", "à€€", "í\u00a0€", "ð€€€", "ô\u0090€€", "õ€€€"} {
		if runs := Find([]byte(s)); runs != nil {
			t.Errorf("Find(%q) = %+v, want none", s, runs)
		}
	}
}

func TestByteOfMatchesCharmap(t *testing.T) {
	for b := 0x80; b <= 0xFF; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r == utf8.RuneError {
			r = rune(b) // undefined in cp1252: kept as a C1 control
		}
		if got, ok := byteOf(r); !ok || got != byte(b) {
			t.Errorf("byteOf(%U) = %#x, %v, want %#x", r, got, ok, b)
		}
		if got, ok := byteOf(rune(b)); !ok || got != byte(b) {
			t.Errorf("byteOf(%U) = %#x, %v, want %#x (Latin-1)", b, got, ok, b)
		}
	}
	if _, ok := byteOf('€' + 1); ok {
		t.Errorf("byteOf(%U) maps, want no byte", '€'+1)
	}
}

func TestFindDoesNotAllocateOnCleanText(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("plain ASCII prose, ", 20),
		"Le château, déjà vu, naïve façade; Müller und Größe; São Paulo e IRMÃ.",
		"« commité\u00a0», “IRMÔ, «CAFÉ» — weak candidates only",
		"Привет 日本語 한국어 🎉👍🏽",
	} {
		text := []byte(s)
		if n := testing.AllocsPerRun(100, func() { Find(text) }); n != 0 {
			t.Errorf("Find(%q) allocates %v times, want 0", s, n)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range plausible {
		f.Add([]byte(s))
	}
	for _, s := range sentences {
		f.Add([]byte(misdecode(s, false)))
		f.Add([]byte(misdecode(misdecode(s, true), false)))
	}
	f.Add([]byte("Ã\xff©â€\xe2\x82"))
	f.Fuzz(func(t *testing.T, text []byte) {
		orig := bytes.Clone(text)
		runs := Find(text)
		if !bytes.Equal(text, orig) {
			t.Fatalf("Find modified its input")
		}
		checkRuns(t, text, runs)
	})
}

// benchText is a few KB of mixed clean prose.
var benchText = []byte(strings.Repeat(
	"Markdown prose in English with “smart quotes”, an em dash — and an ellipsis… "+
		"Le château de la reine, déjà vu, « naïve » façade; Müller über Größe. "+
		"São Paulo e a IRMÃ; ¿Qué tal? Привет, мир. Ελληνικά. 日本語のテキスト。 한국어. 🎉👍🏽\n", 12))

func BenchmarkFind(b *testing.B) {
	for _, bc := range []struct {
		name string
		text []byte
	}{
		{"ascii", bytes.Repeat([]byte("Plain ASCII prose with nothing to find. "), 100)},
		{"mixed", benchText},
		{"damaged", []byte(misdecode(string(benchText), false))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				Find(bc.text)
			}
		})
	}
}
