// Package rendercheck is postlint's render-safety proof: it compares the
// goldmark AST of a text before and after a set of edits, node by node, and
// accepts the edits only when the two trees have the same structure (the same
// node kinds in the same shape, with the same attributes: heading levels, list
// kinds, link destinations, hard breaks …) and differ in content only inside
// the edited ranges. Front matter keys and template syntax are compared the
// same way. A fix that passes cannot turn a paragraph into a heading, break a
// list, move text out of a code block or change where a link points.
//
// Positions in the fixed text are mapped back through the edits: a node
// whose source range no edit touches must sit at its mapped place with the
// very same bytes.
package rendercheck

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/rules"
)

// Error is a structural difference: where in the original text, and what.
type Error struct {
	Offset int // byte offset in the original text
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

// Check compares orig with fixed, which must be orig's text with edits (sorted,
// not overlapping, as fix.Merge returns them) applied. It returns nil when
// the structure is the same and every difference lies inside an edit, and an
// *Error describing the first difference otherwise.
//
// An edit that replaces the whole original text (a UTF-16 file converted to
// UTF-8) has no structure to keep: such a change is accepted.
func Check(orig, fixed *rules.Document, edits []fix.Edit) error {
	if len(edits) == 1 && edits[0].Start == 0 && edits[0].End == len(orig.Source) && len(orig.Source) > 0 {
		return nil
	}
	c := &checker{o: orig.Source, f: fixed.Source, m: newMapper(edits)}
	if err := c.frontMatter(orig.FrontMatter, fixed.FrontMatter); err != nil {
		return err
	}
	if err := c.templates(orig.Templates, fixed.Templates); err != nil {
		return err
	}
	return c.node(orig.AST, fixed.AST)
}

// mapper maps offsets of the original text to the fixed text.
type mapper struct {
	edits []fix.Edit
	delta []int // delta[k]: the change in length made by edits[:k]
}

func newMapper(edits []fix.Edit) mapper {
	m := mapper{edits: edits, delta: make([]int, len(edits)+1)}
	for i, e := range edits {
		m.delta[i+1] = m.delta[i] + len(e.New) - (e.End - e.Start)
	}
	return m
}

// first returns the index of the first edit that ends at or after s.
func (m mapper) first(s int) int {
	return sort.Search(len(m.edits), func(k int) bool { return m.edits[k].End >= s })
}

// touched reports whether an edit touches the closed range [s, e].
func (m mapper) touched(s, e int) bool {
	k := m.first(s)
	return k < len(m.edits) && m.edits[k].Start <= e
}

// covers reports whether one edit replaces all of [s, e).
func (m mapper) covers(s, e int) bool {
	k := m.first(s)
	for ; k < len(m.edits) && m.edits[k].Start <= s; k++ {
		if m.edits[k].End >= e {
			return true
		}
	}
	return false
}

// pos maps an offset that no edit touches.
func (m mapper) pos(p int) int { return p + m.delta[m.first(p)] }

type checker struct {
	o, f []byte
	m    mapper
}

func (c *checker) errorf(off int, format string, args ...any) error {
	return &Error{Offset: max(off, 0), Msg: fmt.Sprintf(format, args...)}
}

// same checks that the range [s, e) of the original reappears unchanged at
// [fs, fe) of the fixed text, unless an edit touches it.
func (c *checker) same(what string, s, e, fs, fe int) error {
	if c.m.touched(s, e) {
		return nil
	}
	if fs != c.m.pos(s) || fe-fs != e-s || !bytes.Equal(c.o[s:e], c.f[fs:fe]) {
		return c.errorf(s, "%s %q changed outside the fixed text (now %q)", what, clip(c.o[s:e]), clip(c.f[fs:fe]))
	}
	return nil
}

func (c *checker) node(o, f ast.Node) error {
	if o.Kind() != f.Kind() {
		return c.errorf(o.Pos(), "%s became %s", name(o), name(f))
	}
	// Inline nodes must sit at their mapped place. (goldmark's Pos of a
	// block is not reliable: an indented code block may start at its tab
	// or after it depending on the bytes that follow; blocks are pinned by
	// their lines instead.)
	if op, fp := o.Pos(), f.Pos(); o.Type() == ast.TypeInline && op >= 0 && !c.m.touched(op, op) && fp != c.m.pos(op) {
		return c.errorf(op, "%s moved", name(o))
	}
	if err := c.attributes(o, f); err != nil {
		return err
	}
	if o.Type() == ast.TypeBlock {
		if err := c.lines(o, f); err != nil {
			return err
		}
	}
	oc, fc := o.FirstChild(), f.FirstChild()
	for n := 0; oc != nil || fc != nil; n++ {
		// Text that an edit removes whole may vanish (with the node
		// goldmark made for it).
		if oc != nil {
			if oi, after := next(oc); oi.first != nil && c.m.covers(oi.first.Segment.Start, oi.last.Segment.Stop) && count(after) == count(fc) {
				oc = after
				n--
				continue
			}
		}
		if oc == nil || fc == nil {
			return c.errorf(o.Pos(), "%s with %d children now has %d", name(o), n+count(oc), n+count(fc))
		}
		var oi, fi item
		oi, oc = next(oc)
		fi, fc = next(fc)
		var err error
		switch {
		case oi.first != nil && fi.first != nil:
			err = c.text(oi, fi)
		case oi.first != nil:
			err = c.errorf(oi.first.Segment.Start, "text became %s", name(fi.node))
		case fi.first != nil:
			err = c.errorf(oi.node.Pos(), "%s became text", name(oi.node))
		default:
			err = c.node(oi.node, fi.node)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// item is a child node, or a run of text nodes that render as one text:
// goldmark splits text at every character that might start markup ('[', '*',
// '<' …) and at trailing spaces, so removing such a character merges nodes
// without changing the rendered text.
type item struct {
	node        ast.Node  // not text
	first, last *ast.Text // a run of text nodes
}

// next returns the item starting at child n and the child after it.
func next(n ast.Node) (item, ast.Node) {
	t, ok := n.(*ast.Text)
	if !ok {
		return item{node: n}, n.NextSibling()
	}
	it := item{first: t, last: t}
	for s := t.NextSibling(); s != nil; s = s.NextSibling() {
		u, ok := s.(*ast.Text)
		l := it.last
		if !ok || l.SoftLineBreak() || l.HardLineBreak() || l.IsRaw() != u.IsRaw() || l.Segment.Stop != u.Segment.Start {
			return it, s
		}
		it.last = u
	}
	return it, nil
}

// count returns the number of items from child n on.
func count(n ast.Node) int {
	k := 0
	for n != nil {
		_, n = next(n)
		k++
	}
	return k
}

// text compares two runs of text nodes: the same line break after them, the
// same bytes unless an edit touches them.
func (c *checker) text(o, f item) error {
	start, stop := o.first.Segment.Start, o.last.Segment.Stop
	softChanged := o.last.SoftLineBreak() != f.last.SoftLineBreak() && !c.m.touched(start, stop+1)
	if softChanged || o.last.HardLineBreak() != f.last.HardLineBreak() {
		return c.errorf(stop, "a line break changed (hard break %v → %v)", o.last.HardLineBreak(), f.last.HardLineBreak())
	}
	if o.first.IsRaw() != f.first.IsRaw() {
		return c.errorf(start, "raw text changed")
	}
	return c.same("text", start, stop, f.first.Segment.Start, f.last.Segment.Stop)
}

// lines compares the source lines of a block.
func (c *checker) lines(o, f ast.Node) error {
	ol, fl := o.Lines(), f.Lines()
	if ol.Len() != fl.Len() {
		// A paragraph's line breaks are soft: they render as spaces. A fix
		// that joins or splits its lines (deleting a word repeated across a
		// line break) keeps the paragraph when the text outside the edits
		// is the same.
		_, para := o.(*ast.Paragraph)
		_, tb := o.(*ast.TextBlock)
		if (para || tb) && ol.Len() > 0 && fl.Len() > 0 && c.m.touched(ol.At(0).Start, ol.At(ol.Len()-1).Stop) {
			return c.same("the text of "+name(o), ol.At(0).Start, ol.At(ol.Len()-1).Stop, fl.At(0).Start, fl.At(fl.Len()-1).Stop)
		}
		return c.errorf(o.Pos(), "%s of %d lines now has %d", name(o), ol.Len(), fl.Len())
	}
	for i := 0; i < ol.Len(); i++ {
		os, fs := ol.At(i), fl.At(i)
		if os.Padding != fs.Padding && !c.m.touched(os.Start, os.Stop) {
			return c.errorf(os.Start, "%s: the indentation of line %d changed", name(o), i+1)
		}
		if err := c.same("the text of "+name(o), os.Start, os.Stop, fs.Start, fs.Stop); err != nil {
			return err
		}
	}
	return nil
}

// attributes compares what each kind of node carries besides its children.
func (c *checker) attributes(o, f ast.Node) error {
	switch o := o.(type) {
	case *ast.String:
		if f := f.(*ast.String); !bytes.Equal(o.Value, f.Value) {
			return c.errorf(o.Pos(), "text %q became %q", clip(o.Value), clip(f.Value))
		}
	case *ast.Heading:
		if f := f.(*ast.Heading); o.Level != f.Level {
			return c.errorf(o.Pos(), "a level %d heading became level %d", o.Level, f.Level)
		}
	case *ast.List:
		f := f.(*ast.List)
		if o.Marker != f.Marker || o.IsTight != f.IsTight || o.Start != f.Start {
			return c.errorf(o.Pos(), "the list changed (marker %q, tight %v, start %d → %q, %v, %d)", o.Marker, o.IsTight, o.Start, f.Marker, f.IsTight, f.Start)
		}
	case *ast.ListItem:
		if f := f.(*ast.ListItem); o.Offset != f.Offset && !c.m.touched(o.Pos(), o.Pos()+o.Offset) {
			return c.errorf(o.Pos(), "the indentation of a list item changed")
		}
	case *ast.Emphasis:
		if f := f.(*ast.Emphasis); o.Level != f.Level {
			return c.errorf(o.Pos(), "emphasis of level %d became level %d", o.Level, f.Level)
		}
	case *ast.FencedCodeBlock:
		f := f.(*ast.FencedCodeBlock)
		// The opening fence line: an edit there may change the info
		// string (goldmark drops the last byte of an info string that
		// ends the file without a newline).
		if p := o.Pos(); p >= 0 && c.m.touched(p, lineEnd(c.o, p)) {
			return nil
		}
		if (o.Info == nil) != (f.Info == nil) {
			return c.errorf(o.Pos(), "the info string of a code block changed")
		}
		if o.Info != nil {
			return c.same("the info string", o.Info.Segment.Start, o.Info.Segment.Stop, f.Info.Segment.Start, f.Info.Segment.Stop)
		}
	case *ast.Link:
		f := f.(*ast.Link)
		return c.destination(o, o.Destination, f.Destination, o.Title, f.Title)
	case *ast.Image:
		f := f.(*ast.Image)
		return c.destination(o, o.Destination, f.Destination, o.Title, f.Title)
	case *ast.AutoLink:
		f := f.(*ast.AutoLink)
		if o.AutoLinkType != f.AutoLinkType {
			return c.errorf(o.Pos(), "an autolink changed kind")
		}
		if ou, fu := o.URL(c.o), f.URL(c.f); !bytes.Equal(ou, fu) && utf8.Valid(ou) {
			return c.errorf(o.Pos(), "the autolink %q became %q", clip(ou), clip(fu))
		}
	case *ast.RawHTML:
		f := f.(*ast.RawHTML)
		if o.Segments.Len() != f.Segments.Len() {
			return c.errorf(o.Pos(), "inline HTML changed")
		}
		for i := 0; i < o.Segments.Len(); i++ {
			os, fs := o.Segments.At(i), f.Segments.At(i)
			if err := c.same("inline HTML", os.Start, os.Stop, fs.Start, fs.Stop); err != nil {
				return err
			}
		}
	case *ast.HTMLBlock:
		f := f.(*ast.HTMLBlock)
		if o.HTMLBlockType != f.HTMLBlockType || o.HasClosure() != f.HasClosure() {
			return c.errorf(o.Pos(), "an HTML block changed kind")
		}
		if o.HasClosure() {
			return c.same("the end of an HTML block", o.ClosureLine.Start, o.ClosureLine.Stop, f.ClosureLine.Start, f.ClosureLine.Stop)
		}
	case *east.Table:
		f := f.(*east.Table)
		if len(o.Alignments) != len(f.Alignments) {
			return c.errorf(o.Pos(), "a table changed its number of columns")
		}
		for i := range o.Alignments {
			if o.Alignments[i] != f.Alignments[i] {
				return c.errorf(o.Pos(), "the alignment of column %d changed", i+1)
			}
		}
	case *east.TableCell:
		if f := f.(*east.TableCell); o.Alignment != f.Alignment {
			return c.errorf(o.Pos(), "the alignment of a table cell changed")
		}
	case *east.TaskCheckBox:
		if f := f.(*east.TaskCheckBox); o.IsChecked != f.IsChecked {
			return c.errorf(o.Pos(), "a task list check box changed")
		}
	case *east.FootnoteLink:
		if f := f.(*east.FootnoteLink); o.Index != f.Index {
			return c.errorf(o.Pos(), "a footnote reference changed")
		}
	case *east.Footnote:
		if f := f.(*east.Footnote); o.Index != f.Index || !bytes.Equal(o.Ref, f.Ref) {
			return c.errorf(o.Pos(), "a footnote changed")
		}
	}
	return nil
}

// destination compares where a link or image points. goldmark keeps no
// position for destinations: they must be equal, unless the original is not
// valid UTF-8 (the encoding fix decodes it).
func (c *checker) destination(o ast.Node, od, fd, ot, ft []byte) error {
	if !bytes.Equal(od, fd) && utf8.Valid(od) {
		return c.errorf(o.Pos(), "%s destination %q became %q", name(o), clip(od), clip(fd))
	}
	if !bytes.Equal(ot, ft) && utf8.Valid(ot) {
		return c.errorf(o.Pos(), "%s title %q became %q", name(o), clip(ot), clip(ft))
	}
	return nil
}

func (c *checker) frontMatter(o, f *rules.FrontMatter) error {
	switch {
	case o == nil && f == nil:
		return nil
	case o == nil:
		return c.errorf(f.Start, "front matter appeared")
	case f == nil:
		return c.errorf(o.Start, "the front matter is no longer recognised")
	case o.Format != f.Format:
		return c.errorf(o.Start, "%s front matter became %s", o.Format, f.Format)
	case o.Err != nil:
		return nil // a broken block: a fix may repair it
	case f.Err != nil:
		return c.errorf(o.Start, "the front matter no longer parses: %v", f.Err)
	case len(o.Values) != len(f.Values):
		return c.errorf(o.Start, "the front matter had %d values, now %d", len(o.Values), len(f.Values))
	}
	for i := range o.Values {
		ov, fv := &o.Values[i], &f.Values[i]
		if strings.Join(ov.Path, ".") != strings.Join(fv.Path, ".") || ov.Kind != fv.Kind {
			return c.errorf(ov.Start, "front matter value %s (%s) became %s (%s)", strings.Join(ov.Path, "."), ov.Kind, strings.Join(fv.Path, "."), fv.Kind)
		}
		if err := c.same("front matter value "+strings.Join(ov.Path, "."), ov.Start, ov.End, fv.Start, fv.End); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) templates(o, f []rules.Template) error {
	if len(o) != len(f) {
		return c.errorf(0, "the template tags changed: %d before, %d after", len(o), len(f))
	}
	for i := range o {
		if o[i].Kind != f[i].Kind || o[i].Name != f[i].Name {
			return c.errorf(o[i].Start, "template %s %q became %s %q", o[i].Kind, o[i].Name, f[i].Kind, f[i].Name)
		}
		if err := c.same("template syntax", o[i].Start, o[i].End, f[i].Start, f[i].End); err != nil {
			return err
		}
	}
	return nil
}

// name describes a node for a message: "a Paragraph", "an Image".
func name(n ast.Node) string {
	k := n.Kind().String()
	if strings.ContainsAny(k[:1], "AEIOU") {
		return "an " + k
	}
	return "a " + k
}

func clip(b []byte) string {
	const limit = 40
	if utf8.RuneCount(b) <= limit {
		return string(b)
	}
	r := []rune(string(b))
	return string(r[:limit]) + "…"
}

// lineEnd returns the offset of the end of the line holding p.
func lineEnd(src []byte, p int) int {
	if i := bytes.IndexByte(src[p:], '\n'); i >= 0 {
		return p + i
	}
	return len(src)
}
