package lint

import (
	"errors"
	"fmt"
	"slices"

	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/internal/rendercheck"
	"github.com/postlint/postlint/rules"
)

// RefusedFixError is a fix the render-safety proof refused: a bug of its
// rule. The text is kept as it was there; the finding remains, without a fix.
type RefusedFixError struct {
	Rule      string
	Line, Col int
	Err       error // what would have changed (a *rendercheck.Error)
}

func (e *RefusedFixError) Error() string {
	return fmt.Sprintf("rule %s: fix refused at %d:%d: it would change how the document renders (%v); this is a bug in the rule, please report it", e.Rule, e.Line, e.Col, e.Err)
}

func (e *RefusedFixError) Unwrap() error { return e.Err }

// proof holds the fixes the render-safety check refused during one Fix: they
// are not offered again, and each is reported as a bug of its rule.
type proof struct {
	refusals []refusal
	errs     []error
}

type refusal struct {
	rule  *rules.Rule
	edits []fix.Edit // sorted, in the current text's offsets
}

// check runs the render-safety proof on one pass: next is the lint of the text
// of res with edits applied. When the structure changed, it finds the fixes
// to blame (those that change it on their own, or, failing that, all that
// were chosen together), refuses them and returns false: the pass is to be
// merged again without them.
func (p *proof) check(path string, res, next *Result, edits []fix.Edit, fixes [][]fix.Edit, owners []*rules.Rule, chosen []bool) bool {
	err := verify(res.Doc, next.Doc, edits)
	if err == nil {
		return true
	}
	type blame struct {
		i   int
		err error
	}
	var bad []blame
	exempt := false
	var kept [][]fix.Edit // the chosen fixes of rules that must keep the structure
	for i, ok := range chosen {
		if ok && !owners[i].ChangesStructure {
			kept = append(kept, fixes[i])
		}
	}
	if len(kept) < countTrue(chosen) {
		// Rules that change the structure on purpose took part: the pass
		// holds when the other fixes, applied together without them,
		// keep it (one parse; each is tried alone only if they do not).
		if len(kept) == 0 {
			return true
		}
		e, _ := fix.Merge(kept)
		if verify(res.Doc, document.Load(path, fix.Apply(res.Doc.Source, e)), e) == nil {
			return true
		}
	}
	for i, ok := range chosen {
		if !ok {
			continue
		}
		if owners[i].ChangesStructure {
			exempt = true // changing the structure is what this rule's fixes are for
			continue
		}
		e := sortedEdits(fixes[i])
		doc := document.Load(path, fix.Apply(res.Doc.Source, e))
		if ferr := verify(res.Doc, doc, e); ferr != nil {
			bad = append(bad, blame{i, ferr})
		}
	}
	if len(bad) == 0 && exempt {
		return true
	}
	if len(bad) == 0 {
		for i, ok := range chosen {
			if ok {
				bad = append(bad, blame{i, err})
			}
		}
	}
	for _, b := range bad {
		e := sortedEdits(fixes[b.i])
		p.refusals = append(p.refusals, refusal{rule: owners[b.i], edits: e})
		line, col := res.Lines.Position(e[0].Start)
		var re *rendercheck.Error
		if errors.As(b.err, &re) {
			line, col = res.Lines.Position(re.Offset)
		}
		p.errs = append(p.errs, &RefusedFixError{Rule: owners[b.i].Name, Line: line, Col: col, Err: b.err})
	}
	return false
}

// verify is rendercheck.Check on a text that is UTF-8. A text that is not
// has no reliable structure to keep: goldmark reads each invalid byte as
// U+FFFD, which is neither a letter nor punctuation as the decoded character
// is, so emphasis and other delimiters may pair differently once the bytes
// are decoded. The first pass on such a text (which decodes it) is taken as
// it is; every later pass, on valid text, is checked.
func verify(orig, fixed *rules.Document, edits []fix.Edit) error {
	if !orig.ValidUTF8 {
		return nil
	}
	return rendercheck.Check(orig, fixed, edits)
}

// refused reports whether f offers a fix that was refused.
func (p *proof) refused(f Finding) bool {
	if len(p.refusals) == 0 || f.Fix == nil {
		return false
	}
	e := sortedEdits(toEdits(f.Fix))
	for _, r := range p.refusals {
		if r.rule == f.Rule && slices.Equal(r.edits, e) {
			return true
		}
	}
	return false
}

// shift moves the refused fixes into the offsets of the text after a pass
// applied edits; a refusal whose text the pass touched is forgotten.
func (p *proof) shift(edits []fix.Edit) {
	kept := p.refusals[:0]
	for _, r := range p.refusals {
		moved, ok := shiftEdits(r.edits, edits)
		if ok {
			kept = append(kept, refusal{rule: r.rule, edits: moved})
		}
	}
	p.refusals = kept
}

func shiftEdits(es, applied []fix.Edit) ([]fix.Edit, bool) {
	out := make([]fix.Edit, len(es))
	for i, e := range es {
		delta := 0
		for _, a := range applied {
			if a.Start <= e.End && a.End >= e.Start {
				return nil, false
			}
			if a.End < e.Start {
				delta += len(a.New) - (a.End - a.Start)
			}
		}
		out[i] = fix.Edit{Start: e.Start + delta, End: e.End + delta, New: e.New}
	}
	return out, true
}

// strip drops the refused fixes from the findings that remain: they are not
// fixable.
func (p *proof) strip(res *Result) {
	for i := range res.Findings {
		if p.refused(res.Findings[i]) {
			res.Findings[i].Fix = nil
		}
	}
}

func sortedEdits(es []fix.Edit) []fix.Edit {
	out := slices.Clone(es)
	slices.SortFunc(out, func(a, b fix.Edit) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return out
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
