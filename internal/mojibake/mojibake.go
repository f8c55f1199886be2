// Package mojibake finds UTF-8 text that was decoded as Windows-1252 or
// Latin-1, once or several times, and computes its repair.
//
// Mis-decoding turns every non-ASCII character into a run of Latin-1 or
// cp1252 characters: "—" (E2 80 94) becomes "â€”", "é" (C3 A9) becomes
// "Ã©". Find maps each rune back to the byte it came from, looks for lead
// runes (Â..ô) followed by the right number of continuation runes (bytes
// 0x80-0xBF) that form valid UTF-8, and keeps only those sequences that are
// implausible as real text. Real accented text ("IRMÔ", "«CAFÉ»",
// French "é\u00A0»") can look the same, so a lone sequence is repaired only
// when its context makes it damage; adjacent sequences support each other.
// A repaired run that is itself such damage is decoded again, up to
// maxLayers times.
//
// Find is meant to run over every paragraph of a large site: a text
// without a lead rune costs one bytes.IndexByte and no allocation.
package mojibake

import (
	"bytes"
	"unicode/utf8"
)

// Run is one damaged run in the input: text[Start:End] (byte offsets) should read Fixed.
type Run struct {
	Start, End int
	Fixed      string
	Layers     int // how many times the text was mis-decoded (1 = once, 2 = twice ...)
}

// maxLayers is the deepest mis-decoding Find undoes.
const maxLayers = 4

// maxGap is the longest stretch of ASCII punctuation or spaces across which
// a damaged run lends support to a weak neighbour.
const maxGap = 2

// seq is one candidate sequence: text[start:end] re-encodes to enc[:n],
// the valid UTF-8 encoding of one rune.
type seq struct {
	start, end int
	enc        [utf8.UTFMax]byte
	n          int8
	weak       bool // plausible as real text on its own
	prov       bool // decodes to a C1 control: only an inner layer of deeper damage
	firm       bool // accepted without help from neighbours
	accepted   bool
}

// around holds the runes around a candidate sequence: prev2 and prev
// before it, next after it; -1 stands for the edge of the text.
type around struct {
	prev2, prev, next rune
}

// Find returns the damaged runs in text, in order, non-overlapping. text is UTF-8 (it may contain
// invalid bytes: skip them, never panic). Masked bytes are ASCII spaces in the caller's text, so
// nothing special is needed for them: a run never contains ASCII.
func Find(text []byte) []Run {
	// Every lead rune (U+00C2-U+00F4) is encoded C3 82 - C3 B4, and 0xC3
	// is never a continuation byte: a clean text is rejected at the speed
	// of bytes.IndexByte, without allocating.
	var stack [32]seq
	seqs := scan(text, around{-1, -1, -1}, stack[:0])
	if len(seqs) == 0 {
		return nil
	}
	judge(text, seqs)

	var runs []Run
	var stuck []int // runs whose next layer is weak on its own
	for i := 0; i < len(seqs); {
		if !seqs[i].accepted {
			i++
			continue
		}
		j := chainEnd(seqs, i)
		if run, isStuck, ok := repair(text, seqs[i:j]); ok {
			if isStuck {
				stuck = append(stuck, len(runs))
			}
			runs = append(runs, run)
		}
		i = j
	}
	// In text mis-decoded twice, a one-letter word is as weak at the
	// second layer as a lone sequence is at the first: a neighbour decoded
	// deeper lends it support.
	for _, i := range stuck {
		r := &runs[i]
		if i > 0 && runs[i-1].Layers > r.Layers && gapOK(text[runs[i-1].End:r.Start]) ||
			i+1 < len(runs) && runs[i+1].Layers > r.Layers && gapOK(text[r.End:runs[i+1].Start]) {
			fixed, layers, prov, _ := peelAll([]byte(r.Fixed), false, edgesOf(text, r.Start, r.End), r.Layers, true)
			if !prov {
				r.Fixed, r.Layers = string(fixed), layers
			}
		}
	}
	return runs
}

// scan appends to dst the candidate sequences of text, left to right. e
// gives the runes around text, the context of sequences at its edges.
func scan(text []byte, e around, dst []seq) []seq {
	for i := 0; i < len(text); {
		k := bytes.IndexByte(text[i:], 0xC3)
		if k < 0 {
			break
		}
		pos := i + k
		if s, ok := candidateAt(text, pos, e); ok {
			dst = append(dst, s)
			i = s.end
		} else {
			i = pos + 1
		}
	}
	return dst
}

// candidateAt reports whether a candidate sequence starts at text[pos],
// which holds the byte 0xC3. e gives the runes around text.
func candidateAt(text []byte, pos int, e around) (seq, bool) {
	s := seq{start: pos}
	if pos+1 >= len(text) || text[pos+1] < 0x80 || text[pos+1] > 0xBF {
		return s, false
	}
	lead := text[pos+1] + 0x40 // C3 80..C3 BF encode U+00C0..U+00FF
	var need int
	switch {
	case lead >= 0xC2 && lead <= 0xDF:
		need = 1
	case lead >= 0xE0 && lead <= 0xEF:
		need = 2
	case lead >= 0xF0 && lead <= 0xF4:
		need = 3
	default:
		return s, false
	}
	s.enc[0] = lead
	var conts [3]rune
	j := pos + 2
	for k := 0; k < need; k++ {
		r, size := utf8.DecodeRune(text[j:])
		b, ok := contByte(r)
		if !ok {
			return s, false // also the end of text and invalid bytes (U+FFFD)
		}
		s.enc[k+1] = b
		conts[k] = r
		j += size
	}
	r, size := utf8.DecodeRune(s.enc[:need+1])
	if size != need+1 {
		return s, false // overlong, surrogate or beyond U+10FFFF
	}
	s.end = j
	s.n = int8(need + 1)
	if !isRepairable(r) {
		if r >= 0xA0 {
			return s, false
		}
		// Â and a continuation make a C1 control, which text never
		// holds, but a mis-decoded text does: the sequence can only be
		// part of a run decoded twice or more.
		s.prov, s.weak = true, true
		return s, true
	}

	c := around{prev2: e.prev2, prev: e.prev, next: e.next}
	if pos > 0 {
		var n int
		c.prev, n = utf8.DecodeLastRune(text[:pos])
		c.prev2 = e.prev
		if pos > n {
			c.prev2, _ = utf8.DecodeLastRune(text[:pos-n])
		}
	}
	if j < len(text) {
		c.next, _ = utf8.DecodeRune(text[j:])
	}
	if need == 1 {
		s.weak = weak2(rune(lead), r, conts[0], c)
	} else {
		s.weak = weakLong(lead, r, conts[:need], c.prev)
	}
	return s, true
}

// edgesOf returns the runes around text[start:end].
func edgesOf(text []byte, start, end int) around {
	e := around{-1, -1, -1}
	if start > 0 {
		var n int
		e.prev, n = utf8.DecodeLastRune(text[:start])
		if start > n {
			e.prev2, _ = utf8.DecodeLastRune(text[:start-n])
		}
	}
	if end < len(text) {
		e.next, _ = utf8.DecodeRune(text[end:])
	}
	return e
}

// weak2 reports whether a 2-byte candidate, decoding to r from the lead
// rune lead and the continuation rune c, is plausible as real text in the
// context a.
func weak2(lead, r, c rune, a around) bool {
	cls := class2(r)
	switch cls {
	case classRare:
		// Armenian, Hebrew, Arabic...: "Ö–Ü", "Fuß“", "Ø±0.1" land here.
		return true
	case classSymbol:
		// Â ends hardly any word; "Â·", "Â°", "Â\u00A0" are damage unless
		// an all-caps word seems to end in Â. Polish "W\u00A0domu" makes
		// "WÂ\u00A0domu".
		return isUpper(a.prev) && isLetter(a.prev2) && isCloser(c)
	}
	if isLower(a.prev) {
		// "cafÃ©", "voilÃ\u00A0", "AğcabÉ™di": a capital after a
		// lowercase letter.
		return false
	}
	if cls == classExtended {
		// Latin Extended-B, IPA, modifiers, combining marks and Cyrillic
		// extensions only from inside a lowercase word ("È›ara" for
		// "țara", "SÆ¡n" for "Sơn"): "«CAFÉ»", "OPCIÓ…" and "PROHLÍŽEČ"
		// are real text.
		return !isLower(a.next) || !closerInWord(c, a.prev, a.next)
	}
	switch {
	case isCloser(c):
		if lead == 'Ã' && (!isLetter(a.prev) || isUpper(a.prev) && !isLetter(a.prev2) && !isQuote(c) && !isDash(c)) {
			// Ã is no word of any language, but ends some ("IRMÃ", "SÃ"):
			// a word-initial Ã is damage (French "Ã\u00A0" for "à"), and
			// so is one after a single capital unless a quote or dash
			// follows ("SÃ³" for "Só").
			return false
		}
		// "IRMÔ, "Ä…", "GUÐ»" are real text; "Ã–sterreich", "MÃ³nica",
		// "Ä°stanbul" and "CAMIÃ‘O" continue a word after the closer.
		return !closerInWord(c, a.prev, a.next)
	case c >= 0x80 && c <= 0x9F, isLetter(c):
		// C1 controls never occur in real text; letters after a capital
		// make no word.
		return false
	case lead == 'Å':
		// Å next to a symbol and a number is the ångström: "1.5Å±0.1".
		return isDigit(a.prev) || isDigit(a.next)
	}
	return false
}

// closerInWord reports whether the continuation rune c, typically
// punctuation, sits inside a word: between a word-initial or capital
// lead and a lowercase letter, or inside an all-caps word. Apostrophes
// and dashes join words in real text ("CAFÉ’s", "SÃO–RIO"), and NBSP
// separates them ("PÅ\u00A0dansk"); after a word-initial lead they are
// damage ("Å\u00A0koda" for "Škoda").
func closerInWord(c, prev, next rune) bool {
	switch {
	case isLower(next):
		return c != '’' && (!isLetter(prev) || !isDash(c) && c != '\u00A0')
	case isUpper(next):
		switch c {
		case '’', '–', '—', '\u00A0', '·':
			return false
		case '…':
			return isUpper(prev) // "Ä…Ö" is a range
		}
		return isUpper(prev) || !isLetter(prev)
	}
	return false
}

// weakLong reports whether a 3- or 4-byte candidate decoding to r, with
// the given lead byte and continuation runes, is plausible as real text
// given the rune prev before it: a lowercase accented letter followed by
// word-final punctuation, as in "été\u00A0»", "è…”" or "là»†", or in
// Czech and Slovak by š or ž and then punctuation ("víš…"). A
// word-initial "â" before such runes ("âœ“" for "✓") and Vietnamese
// letters ("á»‡" for "ệ") are still damage.
func weakLong(lead byte, r rune, conts []rune, prev rune) bool {
	if r >= 0x1E00 && r <= 0x1EFF {
		return false
	}
	i := 0
	if lead == 0xE1 || lead == 0xE4 || lead == 0xE9 || lead == 0xED {
		for i < len(conts) && isWordLetter(conts[i]) {
			i++
		}
	}
	for i < len(conts) && isWordEnd(conts[i]) {
		i++
	}
	if i == len(conts)-1 && i > 0 && (conts[i] == '†' || conts[i] == '‡') && isQuote(conts[i-1]) {
		i++ // a footnote mark after a quote: "là»†"
	}
	if i < len(conts) {
		return false
	}
	return lead != 0xE2 || isLetter(prev)
}

// judge decides which sequences are damage. Adjacent sequences form a
// chain: a chain of two or more is damage, and so is a lone sequence that
// is not weak. A weak lone sequence is damage when a firm chain sits
// next to it across at most maxGap bytes of ASCII spaces or punctuation
// (Russian "Ð² Ð¼Ð¾Ñ\u0081ÐºÐ²Ðµ" for "в москве"). A chain holding a
// provisional sequence is damage only if it decodes to text without C1
// controls.
func judge(text []byte, seqs []seq) {
	for i := 0; i < len(seqs); {
		j := chainEnd(seqs, i)
		firm := j-i > 1 || !seqs[i].weak
		if firm && hasProv(seqs[i:j]) {
			_, _, firm = repair(text, seqs[i:j])
		}
		for k := i; k < j; k++ {
			seqs[k].firm = firm
			seqs[k].accepted = firm
		}
		i = j
	}
	for i := range seqs {
		s := &seqs[i]
		if s.accepted || s.prov || i > 0 && seqs[i-1].end == s.start ||
			i+1 < len(seqs) && seqs[i+1].start == s.end {
			continue // accepted, or part of a rejected chain
		}
		if i > 0 && seqs[i-1].firm && gapOK(text[seqs[i-1].end:s.start]) ||
			i+1 < len(seqs) && seqs[i+1].firm && gapOK(text[s.end:seqs[i+1].start]) {
			s.accepted = true
		}
	}
}

// chainEnd returns the index after the chain of adjacent sequences that
// starts at seqs[i].
func chainEnd(seqs []seq, i int) int {
	j := i + 1
	for j < len(seqs) && seqs[j].start == seqs[j-1].end {
		j++
	}
	return j
}

// hasProv reports whether any of seqs is provisional.
func hasProv(seqs []seq) bool {
	for _, s := range seqs {
		if s.prov {
			return true
		}
	}
	return false
}

// gapOK reports whether gap is a short stretch of ASCII spaces or
// punctuation on one line.
func gapOK(gap []byte) bool {
	if len(gap) == 0 || len(gap) > maxGap {
		return false
	}
	for _, b := range gap {
		if b >= utf8.RuneSelf || b == '\n' || isDigit(rune(b)) || isLetter(rune(b)) {
			return false
		}
	}
	return true
}

// repair builds the Run for the chain of accepted sequences chain,
// peeling further layers of mis-decoding while the result is itself
// damage. stuck reports that the next layer was refused only because it
// is weak on its own; ok is false if the result still holds a C1 control.
func repair(text []byte, chain []seq) (run Run, stuck, ok bool) {
	start, end := chain[0].start, chain[len(chain)-1].end
	fixed := make([]byte, 0, end-start)
	prov := false
	for _, s := range chain {
		fixed = append(fixed, s.enc[:s.n]...)
		prov = prov || s.prov
	}
	fixed, layers, prov, stuck := peelAll(fixed, prov, edgesOf(text, start, end), 1, false)
	if prov {
		return Run{}, false, false
	}
	return Run{Start: start, End: end, Fixed: string(fixed), Layers: layers}, stuck, true
}

// peelAll decodes further layers of fixed, the repair of a run already
// decoded layers times, while the whole of it is damage in the context e
// of the run. force accepts a first layer that is weak on its own. It
// returns the result, its depth, whether it holds C1 controls, and whether
// it stopped only because the next layer is weak.
func peelAll(fixed []byte, prov bool, e around, layers int, force bool) ([]byte, int, bool, bool) {
	for layers < maxLayers {
		next, nextProv, weak, ok := peel(fixed, e)
		if !ok || weak && !force {
			return fixed, layers, prov, ok && weak
		}
		force = false
		fixed, prov = next, nextProv
		layers++
	}
	return fixed, layers, prov, false
}

// peel decodes one layer of text if the whole of it is one chain of
// candidate sequences in the context e. It reports whether the result
// holds C1 controls that need a further layer, and whether the chain is a
// single weak sequence.
func peel(text []byte, e around) (out []byte, prov, weak, ok bool) {
	var stack [16]seq
	seqs := scan(text, e, stack[:0])
	if len(seqs) == 0 || seqs[0].start != 0 || chainEnd(seqs, 0) != len(seqs) ||
		seqs[len(seqs)-1].end != len(text) {
		return nil, false, false, false
	}
	out = make([]byte, 0, len(text))
	for _, s := range seqs {
		out = append(out, s.enc[:s.n]...)
		prov = prov || s.prov
	}
	return out, prov, len(seqs) == 1 && seqs[0].weak, true
}
