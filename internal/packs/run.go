package packs

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/wordlist"
	"github.com/postlint/postlint/rules"
)

// rule builds the rules.Rule of a definition.
func (d *def) rule(pack, file string, line int, text string) *rules.Rule {
	if d.kind == Existence && len(d.tokens) > 1 {
		var alts []string
		for _, t := range d.tokens {
			alts = append(alts, t.String())
		}
		d.tokens = []*regexp.Regexp{regexp.MustCompile(strings.Join(alts, "|"))}
	}
	d.lits = make(map[*regexp.Regexp][]string)
	for _, re := range d.patterns() {
		d.lits[re] = literals(re)
	}
	tags := []string{d.kind}
	if pack != "" {
		tags = append([]string{pack}, tags...)
	}
	r := &rules.Rule{
		Name:     d.name,
		Tags:     tags,
		Severity: d.severity,
		Fixable:  d.fixable(),
		Doc:      d.doc(pack, file, line, text),
		Run:      d.run,
	}
	return r
}

// patterns returns the regexps the rule matches with.
func (d *def) patterns() []*regexp.Regexp {
	res := append([]*regexp.Regexp(nil), d.tokens...)
	for _, s := range d.swap {
		res = append(res, s.re)
	}
	for _, e := range d.either {
		res = append(res, e.re, e.withRe)
	}
	return res
}

func (d *def) fixable() bool {
	switch d.kind {
	case Substitution, Repetition, Capitalization:
		return d.kind != Capitalization || d.matchRe == nil
	case Consistency:
		for _, e := range d.either {
			if e.literal {
				return true
			}
		}
	}
	return false
}

func (d *def) doc(pack, file string, line int, text string) rules.Doc {
	title := ""
	if d.description != "" {
		title, _, _ = strings.Cut(strings.TrimSpace(d.description), "\n")
		title = strings.TrimSuffix(strings.TrimSpace(title), ".")
	}
	if title == "" {
		title = d.summary()
	}
	var b strings.Builder
	if rest := strings.TrimSpace(d.description); rest != "" && strings.TrimSuffix(rest, ".") != title {
		b.WriteString(rest)
		b.WriteString("\n\n")
	}
	from := "the config"
	if pack != "" {
		from = "pack `" + pack + "`"
	}
	fmt.Fprintf(&b, "A declarative %s rule from %s, defined in `%s` (line %d), in scope %s.", d.kind, from, file, line, d.scope.text)
	if d.link != "" {
		fmt.Fprintf(&b, " More: <%s>.", d.link)
	}
	if d.kind == Capitalization && d.matchRe == nil {
		b.WriteString(" Its fix changes case and may be wrong for proper nouns, so it is applied only with `--unsafe-fixes`.")
	}
	fence := "```"
	for strings.Contains(text, fence) {
		fence += "`"
	}
	fmt.Fprintf(&b, "\n\n%syaml\n%s\n%s", fence, strings.TrimRight(text, "\n"), fence)
	return rules.Doc{Title: title, Description: b.String()}
}

func (d *def) summary() string {
	list := func(xs []string) string {
		if len(xs) > 4 {
			xs = append(xs[:4:4], "…")
		}
		return strings.Join(xs, ", ")
	}
	switch d.kind {
	case Existence:
		return "Avoid " + list(d.tokenSrc)
	case Substitution:
		var xs []string
		for _, s := range d.swap {
			xs = append(xs, s.pattern+" → "+s.with)
		}
		return "Prefer " + list(xs)
	case Occurrence:
		switch {
		case d.max >= 0 && d.min > 0:
			return fmt.Sprintf("Between %d and %d of %s per %s", d.min, d.max, d.tokenSrc[0], d.scope.text)
		case d.max >= 0:
			return fmt.Sprintf("At most %d of %s per %s", d.max, d.tokenSrc[0], d.scope.text)
		}
		return fmt.Sprintf("At least %d of %s per %s", d.min, d.tokenSrc[0], d.scope.text)
	case Repetition:
		return "No word repeated twice in a row"
	case Capitalization:
		if d.matchRe != nil {
			return "Text in " + d.scope.text + " must match " + d.matchRe.String()
		}
		return upperFirst(d.scope.text) + " in " + d.match + " case"
	case Consistency:
		var xs []string
		for _, e := range d.either {
			xs = append(xs, e.pattern+" or "+e.with)
		}
		return "One spelling per document: " + list(xs)
	}
	return d.kind
}

func upperFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// run is the rule's Run function.
func (d *def) run(pass *rules.Pass) error {
	regs := d.scope.regions(pass.Document)
	if len(regs) == 0 {
		return nil
	}
	switch d.kind {
	case Existence:
		d.runExistence(pass, regs)
	case Substitution:
		d.runSubstitution(pass, regs)
	case Occurrence:
		d.runOccurrence(pass, regs)
	case Repetition:
		d.runRepetition(pass, regs)
	case Capitalization:
		d.runCapitalization(pass, regs)
	case Consistency:
		d.runConsistency(pass, regs)
	}
	return nil
}

// match is one accepted match in a region.
type match struct {
	reg  *region
	loc  []int // submatch indexes into reg.text
	text string
}

func (m match) start() int { return m.reg.start + m.loc[0] }
func (m match) end() int   { return m.reg.start + m.loc[1] }

// each calls fn for each match of re in r that lies on word boundaries
// (unless the rule is nonword), is not an exception, and is prose (see
// reportable), left to right without overlaps.
func (d *def) each(pass *rules.Pass, r *region, re *regexp.Regexp, fn func(m match)) {
	if !r.mayMatch(d.lits[re]) {
		return
	}
	text := r.text
	for pos := 0; pos < len(text); {
		loc := re.FindSubmatchIndex(text[pos:])
		if loc == nil {
			return
		}
		for i := range loc {
			if loc[i] >= 0 {
				loc[i] += pos
			}
		}
		if loc[1] == loc[0] {
			pos = loc[1] + 1
			continue
		}
		if !d.nonword && !onBoundaries(text, loc[0], loc[1]) {
			_, size := utf8.DecodeRune(text[loc[0]:])
			pos = loc[0] + size
			continue
		}
		pos = loc[1]
		m := match{reg: r, loc: loc, text: string(text[loc[0]:loc[1]])}
		if d.excepted(m.text) || !reportable(pass.Source, r, loc[0], loc[1]) {
			continue
		}
		fn(m)
	}
}

func (d *def) excepted(s string) bool {
	for _, e := range d.exceptions {
		if e.MatchString(s) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }

// onBoundaries reports whether text[i:j] starts and ends on word
// boundaries: a match that begins (ends) with a word character must not be
// preceded (followed) by one. An apostrophe between letters joins a word on
// the left ("don't" has no word "t") but not on the right ("GitHub's").
func onBoundaries(text []byte, i, j int) bool {
	first, _ := utf8.DecodeRune(text[i:])
	last, _ := utf8.DecodeLastRune(text[:j])
	if isWordRune(first) && i > 0 {
		p, size := utf8.DecodeLastRune(text[:i])
		if isWordRune(p) {
			return false
		}
		if (p == '\'' || p == '’') && i-size > 0 {
			if pp, _ := utf8.DecodeLastRune(text[:i-size]); unicode.IsLetter(pp) {
				return false
			}
		}
	}
	if isWordRune(last) && j < len(text) {
		if n, _ := utf8.DecodeRune(text[j:]); isWordRune(n) {
			return false
		}
	}
	return true
}

// reportable reports whether region bytes [i, j) are prose as written: equal
// to the source, except blanked container markers and whitespace (a '>' of a
// block quote at a line start).
func reportable(src []byte, r *region, i, j int) bool {
	for k := i; k < j; k++ {
		t, s := r.text[k], src[r.start+k]
		if t == s {
			continue
		}
		if t == ' ' && (s == '>' || s == ' ' || s == '\t') {
			continue
		}
		return false
	}
	return true
}

// clean reports whether region bytes [i, j) equal the source exactly: only
// then is a fix offered.
func clean(pass *rules.Pass, r *region, i, j int) bool {
	return bytes.Equal(r.text[i:j], pass.Source[r.start+i:r.start+j]) && !pass.InTemplate(r.start+i, r.start+j)
}

// expand fills a message template: %s takes the next of args, %% is a
// percent sign, $name, ${name} and $1 take values from vars (a regexp's
// groups included); $$ is a dollar sign.
func expand(tmpl string, args []string, vars map[string]string) string {
	var b strings.Builder
	next := 0
	for i := 0; i < len(tmpl); i++ {
		c := tmpl[i]
		switch {
		case c == '%' && i+1 < len(tmpl) && tmpl[i+1] == 's':
			if next < len(args) {
				b.WriteString(args[next])
				next++
			}
			i++
		case c == '%' && i+1 < len(tmpl) && tmpl[i+1] == '%':
			b.WriteByte('%')
			i++
		case c == '$' && i+1 < len(tmpl) && tmpl[i+1] == '$':
			b.WriteByte('$')
			i++
		case c == '$' && i+1 < len(tmpl) && tmpl[i+1] == '{':
			if j := strings.IndexByte(tmpl[i:], '}'); j > 0 {
				b.WriteString(vars[tmpl[i+2:i+j]])
				i += j
			} else {
				b.WriteByte(c)
			}
		case c == '$' && i+1 < len(tmpl) && isWordByte(tmpl[i+1]):
			j := i + 1
			for j < len(tmpl) && isWordByte(tmpl[j]) {
				j++
			}
			b.WriteString(vars[tmpl[i+1:j]])
			i = j - 1
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// groupVars returns the numbered and named groups of a match.
func groupVars(re *regexp.Regexp, m match, vars map[string]string) map[string]string {
	if vars == nil {
		vars = make(map[string]string)
	}
	if re == nil {
		return vars
	}
	names := re.SubexpNames()
	for g := 0; 2*g+1 < len(m.loc) && g < len(names); g++ {
		s, e := m.loc[2*g], m.loc[2*g+1]
		v := ""
		if s >= 0 {
			v = string(m.reg.text[s:e])
		}
		vars[strconv.Itoa(g)] = v
		if names[g] != "" {
			vars[names[g]] = v
		}
	}
	return vars
}

// format fills the rule's message (or def) with args and vars, whitespace
// in them collapsed: a match may span a line break, a message does not.
func (d *def) format(def string, args []string, vars map[string]string) string {
	t := d.message
	if t == "" {
		t = def
	}
	for i, a := range args {
		args[i] = oneLine(a)
	}
	for k, v := range vars {
		vars[k] = oneLine(v)
	}
	return expand(t, args, vars)
}

func oneLine(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func (d *def) runExistence(pass *rules.Pass, regs []region) {
	re := d.tokens[0]
	for ri := range regs {
		d.each(pass, &regs[ri], re, func(m match) {
			vars := groupVars(re, m, map[string]string{"match": m.text})
			pass.Report(rules.Diagnostic{Start: m.start(), End: m.end(), Message: d.format(`avoid "%s"`, []string{m.text}, vars)})
		})
	}
}

func (d *def) runSubstitution(pass *rules.Pass, regs []region) {
	type hit struct {
		m match
		p *pair
	}
	for ri := range regs {
		var hits []hit
		for pi := range d.swap {
			p := &d.swap[pi]
			d.each(pass, &regs[ri], p.re, func(m match) { hits = append(hits, hit{m, p}) })
		}
		// Leftmost first, the longest at one position; no overlaps.
		sort.SliceStable(hits, func(i, j int) bool {
			if hits[i].m.loc[0] != hits[j].m.loc[0] {
				return hits[i].m.loc[0] < hits[j].m.loc[0]
			}
			return hits[i].m.loc[1] > hits[j].m.loc[1]
		})
		last := -1
		for _, h := range hits {
			if h.m.loc[0] < last {
				continue
			}
			last = h.m.loc[1]
			repl := string(h.p.re.Expand(nil, []byte(h.p.with), h.m.reg.text, h.m.loc))
			if d.preservecase {
				repl = matchCase(h.m.text, repl)
			}
			if repl == h.m.text {
				continue
			}
			vars := groupVars(h.p.re, h.m, map[string]string{"match": h.m.text, "replacement": repl})
			diag := rules.Diagnostic{Start: h.m.start(), End: h.m.end(), Message: d.format(`use "%s" instead of "%s"`, []string{repl, h.m.text}, vars)}
			if clean(pass, h.m.reg, h.m.loc[0], h.m.loc[1]) {
				diag.Fix = &rules.Fix{Message: fmt.Sprintf("replace with %q", repl), Edits: []rules.Edit{{Start: diag.Start, End: diag.End, NewText: repl}}}
			}
			pass.Report(diag)
		}
	}
}

// matchCase gives repl the case of the text it replaces: all capitals for
// all capitals (two letters or more), a capital first letter for a capital
// first letter, and a lowercase first letter for a lowercase one when repl
// is simply capitalized ("Use"), never when it has inner capitals
// ("GitHub").
func matchCase(orig, repl string) string {
	letters, upper, lower := 0, 0, 0
	for _, r := range orig {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else if unicode.IsLower(r) {
				lower++
			}
		}
	}
	if letters >= 2 && lower == 0 {
		return strings.ToUpper(repl)
	}
	o, _ := utf8.DecodeRuneInString(orig)
	r, size := utf8.DecodeRuneInString(repl)
	switch {
	case unicode.IsUpper(o) && unicode.IsLower(r):
		return string(unicode.ToUpper(r)) + repl[size:]
	case unicode.IsLower(o) && unicode.IsUpper(r) && strings.ToLower(repl[size:]) == repl[size:]:
		return string(unicode.ToLower(r)) + repl[size:]
	}
	return repl
}

func (d *def) runOccurrence(pass *rules.Pass, regs []region) {
	re := d.tokens[0]
	for ri := range regs {
		r := &regs[ri]
		n := 0
		d.each(pass, r, re, func(match) { n++ })
		if (d.max < 0 || n <= d.max) && n >= d.min {
			continue
		}
		s, e := trimRegion(r.text)
		if s >= e {
			continue
		}
		vars := map[string]string{"count": strconv.Itoa(n), "min": strconv.Itoa(d.min), "max": strconv.Itoa(d.max)}
		def := "found ${count}; at most ${max} allowed"
		if n < d.min {
			def = "found ${count}; at least ${min} needed"
		}
		pass.Report(rules.Diagnostic{Start: r.start + s, End: r.start + e, Message: d.format(def, []string{strconv.Itoa(n)}, vars)})
	}
}

func trimRegion(text []byte) (int, int) {
	s, e := 0, len(text)
	for s < e && isSpaceByte(text[s]) {
		s++
	}
	for e > s && isSpaceByte(text[e-1]) {
		e--
	}
	return s, e
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func (d *def) runRepetition(pass *rules.Pass, regs []region) {
	re := d.tokens[0]
	for ri := range regs {
		r := &regs[ri]
		var prev *match
		d.each(pass, r, re, func(m match) {
			p := prev
			cur := m
			prev = &cur
			if p == nil {
				return
			}
			gap := r.text[p.loc[1]:m.loc[0]]
			if !allSpace(gap) || blankLine(gap) || !bytes.Equal(gap, pass.Source[r.start+p.loc[1]:r.start+m.loc[0]]) {
				return
			}
			same := p.text == m.text || d.ignorecase && strings.EqualFold(p.text, m.text)
			if !same {
				return
			}
			vars := groupVars(re, m, map[string]string{"match": m.text})
			diag := rules.Diagnostic{Start: p.start(), End: m.end(), Message: d.format(`"%s" is repeated`, []string{m.text}, vars)}
			if clean(pass, r, p.loc[0], m.loc[1]) {
				diag.Fix = &rules.Fix{Message: fmt.Sprintf("delete the second %q", m.text), Edits: []rules.Edit{{Start: p.end(), End: m.end()}}}
			}
			pass.Report(diag)
		})
	}
}

func allSpace(b []byte) bool {
	for _, c := range b {
		if !isSpaceByte(c) {
			return false
		}
	}
	return true
}

// blankLine reports whether whitespace b holds an empty line.
func blankLine(b []byte) bool {
	return bytes.Count(b, []byte("\n")) >= 2
}

func (d *def) runConsistency(pass *rules.Pass, regs []region) {
	for pi := range d.either {
		p := &d.either[pi]
		var as, bs []match
		for ri := range regs {
			d.each(pass, &regs[ri], p.re, func(m match) { as = append(as, m) })
			d.each(pass, &regs[ri], p.withRe, func(m match) { bs = append(bs, m) })
		}
		if len(as) == 0 || len(bs) == 0 {
			continue
		}
		first, firstText, losers := p.pattern, as[0].text, bs
		if bs[0].start() < as[0].start() {
			first, firstText, losers = p.with, bs[0].text, as
		}
		for _, m := range losers {
			vars := map[string]string{"match": m.text, "other": firstText, "first": firstText}
			diag := rules.Diagnostic{Start: m.start(), End: m.end(), Message: d.format(`"%s" is used first in this document: use it rather than "%s"`, []string{firstText, m.text}, vars)}
			if p.literal && clean(pass, m.reg, m.loc[0], m.loc[1]) {
				repl := matchCase(m.text, first)
				if repl != m.text {
					diag.Fix = &rules.Fix{Message: fmt.Sprintf("replace with %q", repl), Edits: []rules.Edit{{Start: diag.Start, End: diag.End, NewText: repl}}}
				}
			}
			pass.Report(diag)
		}
	}
}

// smallWords stay lowercase in title case unless first or last.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true, "for": true, "so": true, "yet": true,
	"as": true, "at": true, "by": true, "in": true, "of": true, "off": true, "on": true, "per": true, "to": true, "up": true, "via": true,
	"vs": true, "from": true, "into": true, "with": true, "over": true, "than": true, "onto": true, "upon": true, "if": true, "en": true,
}

// word is a word of a capitalization check.
type word struct {
	s, e int // in the region's text
	text string
}

func words(text []byte) []word {
	var out []word
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRune(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += size
			continue
		}
		s := i
		for i < len(text) {
			r, size := utf8.DecodeRune(text[i:])
			// Letters and digits, and ' . - between letters: "don't",
			// "Node.js", "New-Module" are one word each.
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || (r == '\'' || r == '’' || r == '.' || r == '-') && i+size < len(text) && isLetterAt(text, i+size) {
				i += size
				continue
			}
			break
		}
		out = append(out, word{s, i, string(text[s:i])})
	}
	return out
}

func isLetterAt(b []byte, i int) bool {
	r, _ := utf8.DecodeRune(b[i:])
	return unicode.IsLetter(r)
}

// caseShape classifies a word: "lower", "title" (first capital, rest
// lowercase), "upper" (all capitals, two letters or more) or "mixed" (inner
// capitals, digits, underscores: names and identifiers to leave alone).
func caseShape(w string) string {
	if parts := strings.Split(w, "-"); len(parts) > 1 {
		// A hyphenated word with two capitalized parts is a name
		// (New-Module, Add-Member); otherwise its first part decides.
		caps := 0
		for _, p := range parts {
			if r, _ := utf8.DecodeRuneInString(p); unicode.IsUpper(r) {
				caps++
			}
		}
		if caps >= 2 {
			return "mixed"
		}
		for _, p := range parts[1:] {
			if sh := caseShape(p); sh != "lower" {
				return "mixed"
			}
		}
		return caseShape(parts[0])
	}
	letters, up, low := 0, 0, 0
	firstUp := false
	for i, r := range w {
		switch {
		case unicode.IsDigit(r) || r == '_' || r == '.':
			return "mixed"
		case unicode.IsUpper(r):
			up++
			if i == 0 {
				firstUp = true
			}
		case unicode.IsLower(r):
			low++
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	switch {
	case up == 0:
		return "lower"
	case low == 0 && letters >= 2:
		return "upper"
	case up == 1 && firstUp:
		return "title"
	case low == 0:
		return "title" // "I", "A"
	}
	return "mixed"
}

func (d *def) runCapitalization(pass *rules.Pass, regs []region) {
	var proper map[string]bool
	for ri := range regs {
		r := &regs[ri]
		s, e := trimRegion(r.text)
		if s >= e {
			continue
		}
		if d.matchRe != nil {
			if !d.matchRe.Match(r.text[s:e]) && reportable(pass.Source, r, s, e) {
				vars := map[string]string{"text": string(r.text[s:e]), "match": d.matchRe.String()}
				pass.Report(rules.Diagnostic{Start: r.start + s, End: r.start + e, Message: d.format(`"%s" does not match %s`, []string{string(r.text[s:e]), d.matchRe.String()}, vars)})
			}
			continue
		}
		if proper == nil && d.match == "sentence" {
			proper = properNouns(pass)
		}
		ws := words(r.text[s:e])
		if len(ws) == 0 {
			continue
		}
		type change struct {
			w   word
			new string
		}
		var changes []change
		afterColon := false
		// The first word is the first that is not a number ("11.2 Writing").
		first := 0
		for first < len(ws) && ws[first].text[0] >= '0' && ws[first].text[0] <= '9' {
			first++
		}
		for i, w := range ws {
			w.s += s
			w.e += s
			shape := caseShape(w.text)
			want := w.text
			keep := shape == "mixed" || shape == "upper" || d.excepted(w.text) || w.text == "I" || strings.HasPrefix(w.text, "I'") || strings.HasPrefix(w.text, "I’")
			// A word after a hyphen or a dot is an option or a file
			// name ("--cells", ".gitignore").
			if w.s > 0 && (r.text[w.s-1] == '-' || r.text[w.s-1] == '.') {
				keep = true
			}
			if i > 0 {
				gap := strings.TrimSpace(string(r.text[ws[i-1].e+s : w.s]))
				afterColon = strings.HasSuffix(gap, ":") || strings.HasSuffix(gap, "?") || strings.HasSuffix(gap, "!") || strings.HasSuffix(gap, ".") || strings.HasSuffix(gap, "—") || strings.HasSuffix(gap, "–") || gap == "-"
			}
			if !keep {
				switch d.match {
				case "lower":
					want = strings.ToLower(w.text)
				case "upper":
					want = strings.ToUpper(w.text)
				case "title":
					if i == 0 || i == len(ws)-1 || afterColon || !smallWords[strings.ToLower(w.text)] {
						want = upperFirst(w.text)
					} else if shape == "title" {
						want = strings.ToLower(w.text)
					}
				case "sentence":
					if i <= first || afterColon {
						// Capitalize a first word only when it is a
						// dictionary word: "vtctldclient", "mysqldump" are
						// commands.
						if shape == "lower" && i == first && len(ws) > 1 && wordlist.Contains(w.text) {
							want = upperFirst(w.text)
						}
					} else if shape == "title" && !proper[w.text] && !properWord(w.text) {
						want = strings.ToLower(w.text)
					}
				}
			}
			if want != w.text {
				changes = append(changes, change{w, want})
			}
		}
		if len(changes) == 0 || !reportable(pass.Source, r, s, e) {
			continue
		}
		exp := []byte(string(r.text[s:e]))
		var out strings.Builder
		last := s
		for _, c := range changes {
			out.Write(r.text[last:c.w.s])
			out.WriteString(c.new)
			last = c.w.e
		}
		out.Write(r.text[last:e])
		expected := strings.Join(strings.Fields(out.String()), " ")
		text := strings.Join(strings.Fields(string(exp)), " ")
		vars := map[string]string{"text": text, "expected": expected, "match": d.match}
		diag := rules.Diagnostic{Start: r.start + s, End: r.start + e, Message: d.format(`"%s" should be in `+d.match+` case: "%s"`, []string{text, expected}, vars)}
		fix := &rules.Fix{Message: fmt.Sprintf("change to %s case (unsafe: proper nouns)", d.match), Unsafe: true}
		for _, c := range changes {
			if !clean(pass, r, c.w.s, c.w.e) {
				fix = nil
				break
			}
			fix.Edits = append(fix.Edits, rules.Edit{Start: r.start + c.w.s, End: r.start + c.w.e, NewText: c.new})
		}
		diag.Fix = fix
		pass.Report(diag)
	}
}

// properWord reports whether the word list does not know w in lowercase:
// a proper noun it lists only with a capital ("English", "Monday", "Linux")
// or a name it does not know at all, which sentence case keeps.
func properWord(w string) bool {
	return !wordlist.Contains(strings.ToLower(w))
}

// properNouns collects the capitalized words a document uses in the middle
// of sentences of its paragraphs: names it treats as proper nouns.
func properNouns(pass *rules.Pass) map[string]bool {
	out := make(map[string]bool)
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind != rules.Paragraph {
			continue
		}
		ws := words(c.Text)
		for i, w := range ws {
			if i == 0 || caseShape(w.text) != "title" {
				continue
			}
			gap := strings.TrimSpace(string(c.Text[ws[i-1].e:w.s]))
			if gap == "" || gap == "," || gap == "(" {
				out[w.text] = true
			}
		}
	}
	return out
}
