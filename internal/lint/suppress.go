package lint

import (
	"github.com/postlint/postlint/internal/directive"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

// suppressor applies in-document directives, postlint's and markdownlint's.
// The two are independent: a finding is dropped when either turns its rule
// off on its line. Directives only ever turn off what the configuration has
// on: markdownlint-enable restores the configured state, it does not turn on
// a rule the configuration has off.
type suppressor struct {
	lines     *source.Lines
	postlint  []entry
	mdlint    []entry
	configure []directive.Directive // markdownlint-configure-file, in order
}

type entry struct {
	kind          directive.Kind
	line, endLine int                  // where the comment starts and ends
	sel           map[*rules.Rule]bool // the rules it names; nil: every rule
}

func (e *entry) matches(r *rules.Rule) bool { return e.sel == nil || e.sel[r] }

// newSuppressor reads the directives of doc; resolve finds the rules a name
// in a directive selects (the linter's, pack rules included).
func newSuppressor(doc *rules.Document, lines *source.Lines, resolve func(string) []*rules.Rule) *suppressor {
	s := &suppressor{lines: lines}
	for _, d := range directive.Parse(doc.Source, doc.AST, directive.Postlint, directive.Markdownlint) {
		if d.Kind == directive.ConfigureFile {
			s.configure = append(s.configure, d)
			continue
		}
		e := entry{kind: d.Kind, line: lines.Line(d.Start), endLine: lines.Line(d.End)}
		if len(d.Names) > 0 || d.Tool == directive.Markdownlint {
			e.sel = make(map[*rules.Rule]bool)
			if len(d.Names) == 0 {
				// markdownlint-disable without names: every markdownlint rule.
				for _, r := range resolve(rules.MarkdownlintGroup) {
					e.sel[r] = true
				}
			}
			for _, n := range d.Names {
				for _, r := range resolve(n.Text) {
					e.sel[r] = true
				}
			}
		}
		if d.Tool == directive.Markdownlint {
			s.mdlint = append(s.mdlint, e)
		} else {
			s.postlint = append(s.postlint, e)
		}
	}
	return s
}

// fileOff reports whether r is off on every line of the file.
func (s *suppressor) fileOff(r *rules.Rule) bool {
	for i := range s.postlint {
		if e := &s.postlint[i]; e.kind == directive.DisableFile && e.matches(r) {
			return true
		}
	}
	if len(s.mdlint) == 0 || s.mdInitial(r) {
		return false
	}
	everOn := false
	s.mdWalk(r, -1, func(on bool) { everOn = everOn || on })
	return !everOn
}

// suppressed reports whether a finding of r starting at off is turned off by
// a directive.
func (s *suppressor) suppressed(r *rules.Rule, off int) bool {
	if len(s.postlint) == 0 && len(s.mdlint) == 0 {
		return false
	}
	line := s.lines.Line(off)
	return s.postlintOff(r, line) || s.mdlintOff(r, line)
}

func (s *suppressor) postlintOff(r *rules.Rule, line int) bool {
	on := true
	for i := range s.postlint {
		e := &s.postlint[i]
		if !e.matches(r) {
			continue
		}
		switch e.kind {
		case directive.DisableFile:
			return true
		case directive.Disable:
			if e.line <= line {
				on = false
			}
		case directive.Enable:
			if e.line <= line {
				on = true
			}
		case directive.DisableLine:
			if e.line == line || e.endLine == line {
				return true
			}
		case directive.DisableNextLine:
			if e.endLine+1 == line {
				return true
			}
		}
	}
	return !on
}

// mdInitial is r's state on every line before the line-by-line directives:
// markdownlint applies -disable-file and -enable-file to the whole file,
// wherever they stand, in order.
func (s *suppressor) mdInitial(r *rules.Rule) bool {
	on := true
	for i := range s.mdlint {
		e := &s.mdlint[i]
		if !e.matches(r) {
			continue
		}
		switch e.kind {
		case directive.DisableFile:
			on = false
		case directive.EnableFile:
			on = true
		}
	}
	return on
}

// mdWalk runs markdownlint's line-by-line state for r through the
// directives that start on or before line (every directive when line < 0),
// calling step with the state after each; it returns the final state.
// A directive applies to its own line: markdownlint takes a line's state
// after reading the comments on it.
func (s *suppressor) mdWalk(r *rules.Rule, line int, step func(on bool)) bool {
	on := s.mdInitial(r)
	captured := on
	for i := range s.mdlint {
		e := &s.mdlint[i]
		if line >= 0 && e.line > line {
			break
		}
		switch e.kind {
		case directive.Capture:
			captured = on
		case directive.Restore:
			on = captured
		case directive.Disable:
			if e.matches(r) {
				on = false
			}
		case directive.Enable:
			if e.matches(r) {
				on = true
			}
		default:
			continue
		}
		if step != nil {
			step(on)
		}
	}
	return on
}

func (s *suppressor) mdlintOff(r *rules.Rule, line int) bool {
	if len(s.mdlint) == 0 {
		return false
	}
	for i := range s.mdlint {
		e := &s.mdlint[i]
		if !e.matches(r) {
			continue
		}
		switch e.kind {
		case directive.DisableLine:
			if e.line == line || e.endLine == line {
				return true
			}
		case directive.DisableNextLine:
			if e.endLine+1 == line {
				return true
			}
		}
	}
	return !s.mdWalk(r, line, nil)
}
