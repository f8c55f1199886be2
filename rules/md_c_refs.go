package rules

import (
	"bytes"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Reference links and their definitions as markdownlint's
// getReferenceLinkImageData sees them: every link and image written in
// reference form (defined or not), footnote calls, and the definitions with
// their duplicates. Shared by reference-links-images,
// link-image-reference-definitions and link-image-style.

type refUse struct {
	Start, End int
	Label      string // normalized
	Kind       ast.ReferenceLinkType
	Defined    bool // a link or image goldmark resolved; false for text that only looks like one
	Node       ast.Node
}

type refDef struct {
	Start, End int    // the definition's lines
	Label      string // normalized; footnote labels start with "^"
	Footnote   bool
	Node       *ast.LinkReferenceDefinition // nil for footnotes
}

type refData struct {
	uses    []refUse
	defs    []refDef // the first definition of each label, in source order
	dups    []refDef // later definitions of a label
	defined map[string]*refDef
	// usedLabels holds the labels of every use, and the bracketed texts
	// inside opaque template bodies ({% raw %}), which the site generator
	// may render as references.
	usedLabels map[string]bool
}

// normalizeRef normalizes a label as markdownlint does: lowercase, trimmed,
// inner whitespace collapsed.
func normalizeRef(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

func collectRefs(d *Document) *refData {
	return derive(d, refDataKey, func() *refData { return buildRefs(d) })
}

var refDataKey = &derivedKey{"references"}

func buildRefs(d *Document) *refData {
	src := d.Source
	r := &refData{defined: make(map[string]*refDef), usedLabels: make(map[string]bool)}
	addDef := func(def refDef) {
		if _, dup := r.defined[def.Label]; dup {
			r.dups = append(r.dups, def)
			return
		}
		r.defs = append(r.defs, def)
		r.defined[def.Label] = &r.defs[len(r.defs)-1]
	}
	var covered [][2]int // leaf blocks, to find unreferenced footnote definitions
	inspect(d, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.LinkReferenceDefinition:
			if s, e, _, _, ok := definitionRange(d, n); ok {
				addDef(refDef{Start: s, End: e, Label: normalizeRef(string(n.Label)), Node: n})
				covered = append(covered, [2]int{s, e})
			}
			return false
		case *east.Footnote:
			if p := n.Pos(); p >= 0 {
				e := mdcLineEnd(d, mdcLine(d, p))
				addDef(refDef{Start: p, End: e, Label: normalizeRef("^" + string(n.Ref)), Footnote: true})
			}
			return true
		case *ast.Link, *ast.Image:
			var ref *ast.ReferenceLink
			if l, ok := n.(*ast.Link); ok {
				ref = l.Reference
			} else {
				ref = n.(*ast.Image).Reference
			}
			if ref != nil {
				if s, e, ok := mdcSpan(src, n); ok {
					r.uses = append(r.uses, refUse{Start: s, End: e, Label: normalizeRef(string(ref.Value)), Kind: ref.Type, Defined: true, Node: n})
				}
			}
			return true
		case *east.FootnoteLink:
			if s, e, ok := mdcSpan(src, n); ok && e-s > 3 {
				r.uses = append(r.uses, refUse{Start: s, End: e, Label: normalizeRef(string(src[s+1 : e-1])), Kind: ast.ReferenceLinkShortcut, Defined: true, Node: n})
			}
			return true
		}
		if n.Type() == ast.TypeBlock {
			if lines := n.Lines(); lines != nil && lines.Len() > 0 {
				covered = append(covered, [2]int{lines.At(0).Start, lines.At(lines.Len() - 1).Stop})
			}
		}
		return true
	})
	r.uses = append(r.uses, undefinedRefs(d)...)
	sort.SliceStable(r.uses, func(i, j int) bool { return r.uses[i].Start < r.uses[j].Start })

	// Footnote definitions that nothing calls are dropped from goldmark's
	// tree: find them in the lines no block covers.
	sort.Slice(covered, func(i, j int) bool { return covered[i][0] < covered[j][0] })
	inBlock := func(off int) bool {
		k := sort.Search(len(covered), func(k int) bool { return covered[k][1] > off })
		return k < len(covered) && covered[k][0] <= off
	}
	for i := mdcLine(d, d.BodyStart); i < len(d.LineStarts); i++ {
		ls := d.LineStarts[i]
		line := mdcLineText(d, i)
		t := bytes.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !bytes.HasPrefix(t, []byte("[^")) {
			continue
		}
		end := bytes.Index(t, []byte("]:"))
		if end < 3 || bytes.ContainsAny(t[2:end], "[] \t") {
			continue
		}
		start := ls + len(line) - len(t)
		if inBlock(start) || mdcInTemplate(d, start, start+end) {
			continue
		}
		label := normalizeRef(string(t[1:end]))
		if _, ok := r.defined[label]; ok {
			continue // goldmark kept it
		}
		addDef(refDef{Start: start, End: mdcLineEnd(d, i), Label: label, Footnote: true})
	}
	sort.SliceStable(r.defs, func(i, j int) bool { return r.defs[i].Start < r.defs[j].Start })
	for i := range r.defs {
		r.defined[r.defs[i].Label] = &r.defs[i]
	}

	for _, t := range d.Templates {
		if t.Kind != "body" {
			continue
		}
		body := src[t.Start:t.End]
		for i := 0; i < len(body); i++ {
			if body[i] != '[' {
				continue
			}
			j := bytes.IndexAny(body[i+1:], "[]")
			if j < 0 {
				break
			}
			if body[i+1+j] == ']' {
				r.usedLabels[normalizeRef(string(body[i+1:i+1+j]))] = true
			}
		}
	}
	for _, u := range r.uses {
		r.usedLabels[u.Label] = true
	}
	return r
}

// used reports whether a definition's label is used by a link, an image, a
// footnote call or text that looks like a reference.
func (r *refData) used(label string) bool {
	return r.usedLabels[label]
}

// undefinedRefs finds the text that would be reference links or images if
// their labels were defined, as markdownlint's parser marks them: a closing
// bracket that matches an opening one but forms no link. "[a][b]" is a full
// reference, "[a][]" a collapsed one, "[a]" a shortcut.
func undefinedRefs(d *Document) []refUse {
	src := d.Source
	var out []refUse
	for ci := range d.Prose {
		c := &d.Prose[ci]
		if c.Kind == FrontMatterString {
			continue
		}
		t := c.Text
		escaped := func(i int) bool {
			return i > 0 && t[i-1] == ' ' && src[c.Start+i-1] == '\\'
		}
		type opener struct{ pos, start int }
		var stack []opener
		last := -1 // index in out of the previous undefined reference of this chunk
		for i := 0; i < len(t); i++ {
			switch t[i] {
			case '[':
				if escaped(i) {
					continue
				}
				o := opener{pos: i, start: i}
				if i > 0 && t[i-1] == '!' && !escaped(i-1) {
					o.start = i - 1
				}
				stack = append(stack, o)
			case ']':
				if escaped(i) || len(stack) == 0 {
					continue
				}
				o := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				raw := t[o.pos+1 : i]
				u := refUse{Start: c.Start + o.start, End: c.Start + i + 1, Kind: ast.ReferenceLinkShortcut}
				if last >= 0 && out[last].End == u.Start {
					prev := &out[last]
					if len(raw) == 0 {
						prev.Kind = ast.ReferenceLinkCollapsed
						prev.End = u.End
						continue
					}
					u.Start, u.Kind = prev.Start, ast.ReferenceLinkFull
					out = out[:last]
					last = -1
				}
				text := strings.TrimSpace(string(raw))
				if text == "" || strings.Contains(text, "]") {
					continue
				}
				u.Label = normalizeRef(text)
				out = append(out, u)
				last = len(out) - 1
			}
		}
	}
	return out
}
