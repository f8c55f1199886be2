// Package lint is the driver: it resolves which rules run on a file with which
// severity and options, runs them over the parsed document, applies in-document
// directives, and runs the lint → fix → lint loop to a fixpoint.
package lint

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/directive"
	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/rules"
)

// MaxPasses bounds the fix loop.
const MaxPasses = 10

// Selection is the command line's say over which rules run.
type Selection struct {
	Select []string // when set, only these rules run (turned on at their default severity if the config has them off)
	Ignore []string // these rules never run
}

// Linter lints files under one configuration. It is immutable and safe for
// concurrent use.
type Linter struct {
	cfg       *config.Config
	rules     []*rules.Rule // every registered rule, in registry order
	base      []Active
	overrides [][]Active // per config override: the settings it changes, by rule index
	words     map[string]bool
}

// Active is a rule with its effective severity and options.
type Active struct {
	Rule     *rules.Rule
	Severity rules.Severity
	Options  any
}

// New resolves cfg against the rule registry. Unknown rules, severities and
// options are errors that name the config file and line.
func New(cfg *config.Config, sel Selection) (*Linter, error) {
	if cfg == nil {
		cfg = &config.Config{}
	}
	l := &Linter{cfg: cfg, rules: rules.All(), words: make(map[string]bool)}
	for _, w := range cfg.Words {
		l.words[strings.ToLower(w)] = true
	}
	selected, err := resolveNames(sel.Select, "--select")
	if err != nil {
		return nil, err
	}
	ignored, err := resolveNames(sel.Ignore, "--ignore")
	if err != nil {
		return nil, err
	}
	l.base = make([]Active, len(l.rules))
	for i, r := range l.rules {
		a := Active{Rule: r, Severity: r.Severity}
		if r.Options != nil {
			a.Options = r.Options()
		}
		l.base[i] = a
	}
	if err := l.apply(l.base, cfg.Rules); err != nil {
		return nil, err
	}
	for _, o := range cfg.Overrides {
		ov := make([]Active, len(l.base))
		copy(ov, l.base)
		for i := range ov {
			ov[i].Options = cloneOptions(ov[i].Options)
		}
		if err := l.apply(ov, o.Rules); err != nil {
			return nil, err
		}
		l.overrides = append(l.overrides, ov)
	}
	// The command line has the last word.
	for _, set := range append([][]Active{l.base}, l.overrides...) {
		for i := range set {
			r := set[i].Rule
			if len(selected) > 0 {
				if !selected[r] {
					set[i].Severity = rules.Off
				} else if set[i].Severity == rules.Off {
					set[i].Severity = max(r.Severity, rules.Warning)
				}
			}
			if ignored[r] {
				set[i].Severity = rules.Off
			}
		}
	}
	return l, nil
}

// UsageError is a bad command-line value.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func resolveNames(names []string, flag string) (map[*rules.Rule]bool, error) {
	out := make(map[*rules.Rule]bool)
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			r := rules.Lookup(part)
			if r == nil {
				return nil, &UsageError{fmt.Sprintf("%s: unknown rule %q%s; run 'postlint rules' for the list", flag, part, config.DidYouMean(part, rules.Names()))}
			}
			out[r] = true
		}
	}
	return out, nil
}

func (l *Linter) index(r *rules.Rule) int {
	for i, x := range l.rules {
		if x == r {
			return i
		}
	}
	return -1
}

// apply applies rule settings from the config to set.
func (l *Linter) apply(set []Active, settings []config.RuleSetting) error {
	for _, s := range settings {
		r := rules.Lookup(s.Name)
		if r == nil {
			return l.cfg.Errorf(s.Pos, "unknown rule %q%s", s.Name, config.DidYouMean(s.Name, rules.Names()))
		}
		a := &set[l.index(r)]
		if s.Severity != "" {
			sev, err := rules.ParseSeverity(s.Severity)
			if err != nil {
				return l.cfg.Errorf(s.SevPos, "rule %s: %v", r.Name, err)
			}
			if s.Severity == "on" || s.Severity == "true" {
				sev = max(r.Severity, rules.Warning)
			}
			a.Severity = sev
		} else if len(s.Options) > 0 && a.Severity == rules.Off {
			// Configuring options of a rule that is off by default turns it on.
			a.Severity = max(r.Severity, rules.Warning)
		}
		if len(s.Options) > 0 {
			if a.Options == nil {
				return l.cfg.Errorf(s.Options[0].Pos, "rule %s has no options", r.Name)
			}
			if err := l.decodeOptions(r, a.Options, s.Options); err != nil {
				return err
			}
			if v, ok := a.Options.(interface{ Validate() error }); ok {
				if err := v.Validate(); err != nil {
					return l.cfg.Errorf(s.Options[0].Pos, "rule %s: %v", r.Name, err)
				}
			}
		}
	}
	return nil
}

// decodeOptions sets the fields of the options struct opts from the config.
func (l *Linter) decodeOptions(r *rules.Rule, opts any, options []config.Option) error {
	v := reflect.ValueOf(opts).Elem()
	fields := OptionFields(opts)
	var names []string
	for _, f := range fields {
		names = append(names, f.Name)
	}
	for _, o := range options {
		var field *OptionField
		for i := range fields {
			if fields[i].Name == o.Key {
				field = &fields[i]
			}
		}
		if field == nil {
			return l.cfg.Errorf(o.Pos, "rule %s has no option %q%s (options: %s)", r.Name, o.Key, config.DidYouMean(o.Key, names), strings.Join(names, ", "))
		}
		target := v.Field(field.index)
		fresh := reflect.New(target.Type())
		if err := o.Node.Decode(fresh.Interface()); err != nil {
			return l.cfg.Errorf(config.Pos{Line: o.Node.Line, Col: o.Node.Column}, "rule %s: option %s wants %s: %s", r.Name, o.Key, typeName(target.Type()), cleanYAMLError(err))
		}
		target.Set(fresh.Elem())
	}
	return nil
}

func cleanYAMLError(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: unmarshal errors:\n")
	s = strings.TrimSpace(s)
	if i := strings.Index(s, ": "); strings.HasPrefix(s, "line ") && i >= 0 {
		s = s[i+2:]
	}
	return s
}

func typeName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "a list of " + typeName(t.Elem()) + "s"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int64:
		return "an integer"
	case reflect.String:
		return "a string"
	}
	return t.String()
}

// OptionField describes one field of a rule's options struct.
type OptionField struct {
	Name    string // the yaml key
	Doc     string
	Default any
	index   int
}

// OptionFields lists the configurable fields of an options value.
func OptionFields(opts any) []OptionField {
	if opts == nil {
		return nil
	}
	v := reflect.ValueOf(opts).Elem()
	t := v.Type()
	var out []OptionField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" || !f.IsExported() {
			continue
		}
		out = append(out, OptionField{Name: name, Doc: f.Tag.Get("doc"), Default: v.Field(i).Interface(), index: i})
	}
	return out
}

func cloneOptions(opts any) any {
	if opts == nil {
		return nil
	}
	v := reflect.ValueOf(opts).Elem()
	c := reflect.New(v.Type())
	c.Elem().Set(v)
	// Slices are replaced, never appended to, by decodeOptions: sharing the
	// backing arrays is safe.
	return c.Interface()
}

// RulesFor returns the rules in effect for a file (path as given by the
// user). Rules that are off are included with Severity Off.
func (l *Linter) RulesFor(path string) []Active {
	if len(l.overrides) == 0 || l.cfg.Dir == "" {
		return l.base
	}
	rel := l.rel(path)
	set := l.base
	for i, o := range l.cfg.Overrides {
		if config.Match(o.Files, rel) {
			set = l.mergeOverride(set, l.overrides[i], o)
		}
	}
	return set
}

// mergeOverride returns set with the rules an override configures taken from
// ov.
func (l *Linter) mergeOverride(set, ov []Active, o config.Override) []Active {
	out := make([]Active, len(set))
	copy(out, set)
	for _, s := range o.Rules {
		i := l.index(rules.Lookup(s.Name))
		out[i] = ov[i]
	}
	return out
}

func (l *Linter) rel(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(l.cfg.Dir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// Ignored reports whether the config's ignore globs exclude path.
func (l *Linter) Ignored(path string) bool {
	if len(l.cfg.Ignore) == 0 || l.cfg.Dir == "" {
		return false
	}
	rel := l.rel(path)
	if strings.HasPrefix(rel, "../") {
		return false
	}
	return config.Match(l.cfg.Ignore, rel)
}

// Finding is a diagnostic that the driver decided to report.
type Finding = report.Finding

// Result is the outcome of linting one text.
type Result struct {
	Doc      *rules.Document
	Lines    *source.Lines
	Findings []Finding // sorted by position, then rule order
	Errors   []error   // internal rule errors (a rule failed or offered a bad fix)
}

// Lint runs every active rule once over src.
func (l *Linter) Lint(path string, src []byte) *Result {
	doc := document.Load(path, src)
	res := &Result{Doc: doc, Lines: source.NewLines(src)}
	sup := newSuppressor(doc, res.Lines)
	for i, a := range l.RulesFor(path) {
		if a.Severity == rules.Off || sup.fileOff(a.Rule) {
			continue
		}
		pass := &rules.Pass{Document: doc, Rule: a.Rule, Options: a.Options, Words: l.words}
		pass.Report = func(d rules.Diagnostic) {
			if d.Start < 0 || d.End < d.Start || d.End > len(src) {
				res.Errors = append(res.Errors, fmt.Errorf("rule %s reported an out-of-range position [%d,%d)", a.Rule.Name, d.Start, d.End))
				return
			}
			if sup.suppressed(a.Rule, d.Start) {
				return
			}
			if d.Fix != nil {
				if err := validFix(src, d); err != nil {
					res.Errors = append(res.Errors, fmt.Errorf("rule %s: bad fix dropped: %w", a.Rule.Name, err))
					d.Fix = nil
				}
			}
			res.Findings = append(res.Findings, Finding{Rule: a.Rule, Severity: a.Severity, Diagnostic: d})
		}
		if err := runRule(a.Rule, pass); err != nil {
			res.Errors = append(res.Errors, fmt.Errorf("rule %s failed: %w", a.Rule.Name, err))
		}
		_ = i
	}
	order := make(map[*rules.Rule]int, len(l.rules))
	for i, r := range l.rules {
		order[r] = i
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return order[a.Rule] < order[b.Rule]
	})
	return res
}

// runRule runs a rule, turning a panic into an error so one bad rule cannot
// take down a whole run.
func runRule(r *rules.Rule, pass *rules.Pass) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return r.Run(pass)
}

// validFix checks a fix: edits in bounds, not overlapping, inside the
// diagnostic's range, on character boundaries, with valid UTF-8 text.
func validFix(src []byte, d rules.Diagnostic) error {
	edits := toEdits(d.Fix)
	if err := fix.Validate(edits, len(src)); err != nil {
		return err
	}
	for _, e := range edits {
		if e.Start < d.Start || e.End > d.End {
			return fmt.Errorf("edit [%d,%d) lies outside its diagnostic [%d,%d)", e.Start, e.End, d.Start, d.End)
		}
		if !utf8.ValidString(e.New) {
			return fmt.Errorf("edit text %q is not valid UTF-8", e.New)
		}
		if splitsRune(src, e.Start) || splitsRune(src, e.End) {
			return fmt.Errorf("edit [%d,%d) splits a character", e.Start, e.End)
		}
	}
	return nil
}

// splitsRune reports whether offset i lies inside the encoding of a valid
// UTF-8 character. (An invalid byte is a character of its own: the
// invalid-utf8 rule edits exactly those.)
func splitsRune(src []byte, i int) bool {
	if i <= 0 || i >= len(src) || utf8.RuneStart(src[i]) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-(utf8.UTFMax-1); j-- {
		if utf8.RuneStart(src[j]) {
			_, size := utf8.DecodeRune(src[j:])
			return size > 1 && j+size > i
		}
	}
	return false
}

func toEdits(f *rules.Fix) []fix.Edit {
	edits := make([]fix.Edit, len(f.Edits))
	for i, e := range f.Edits {
		edits[i] = fix.Edit{Start: e.Start, End: e.End, New: e.NewText}
	}
	return edits
}

// FixResult is the outcome of fixing one text to a fixpoint.
type FixResult struct {
	Fixed   []byte         // the final text (the input if nothing applied)
	Applied map[string]int // fixes applied per rule name
	Passes  int
	Cycle   bool    // the loop met a text it had already produced
	Final   *Result // the lint of Fixed: what remains
}

// Fix lints src and applies fixes until nothing more applies, at most
// MaxPasses times. Fixes that conflict in one pass are deferred to the next.
// Every pass must pass the render-safety proof (internal/rendercheck): a fix
// that would change the document's structure is refused, reported as a bug
// of its rule in Final.Errors, and the pass is merged again without it.
func (l *Linter) Fix(path string, src []byte) *FixResult {
	fr := &FixResult{Fixed: src, Applied: make(map[string]int)}
	seen := map[[32]byte]bool{sha256.Sum256(src): true}
	res := l.Lint(path, src)
	var errs []error // of the texts before the final one
	var pr proof
	for fr.Passes < MaxPasses {
		var fixes [][]fix.Edit
		var owners []*rules.Rule
		for _, f := range res.Findings {
			if f.Fix != nil && len(f.Fix.Edits) > 0 && !pr.refused(f) {
				fixes = append(fixes, toEdits(f.Fix))
				owners = append(owners, f.Rule)
			}
		}
		if len(fixes) == 0 {
			break
		}
		edits, chosen := fix.Merge(fixes)
		out := fix.Apply(fr.Fixed, edits)
		next := l.Lint(path, out)
		if !pr.check(path, res, next, edits, fixes, owners, chosen) {
			continue // each refusal removes a fix: this ends
		}
		fr.Passes++
		sum := sha256.Sum256(out)
		if seen[sum] {
			fr.Cycle = true
			break
		}
		seen[sum] = true
		for i, ok := range chosen {
			if ok {
				fr.Applied[owners[i].Name]++
			}
		}
		pr.shift(edits)
		errs = append(errs, res.Errors...)
		fr.Fixed = out
		res = next
	}
	res.Errors = append(append(errs, pr.errs...), res.Errors...)
	pr.strip(res)
	if fr.Cycle {
		res.Errors = append(res.Errors, fmt.Errorf("fixes did not converge: pass %d produced a text seen before (a cycle between rules); the last good text is kept", fr.Passes))
	}
	fr.Final = res
	return fr
}

// suppressor applies in-document directives.
type suppressor struct {
	lines      *source.Lines
	directives []directive.Directive
	lineOf     []int // line of each directive
}

func newSuppressor(doc *rules.Document, lines *source.Lines) *suppressor {
	ds := directive.Parse(doc.Source, doc.AST, "postlint")
	s := &suppressor{lines: lines, directives: ds}
	for _, d := range ds {
		s.lineOf = append(s.lineOf, lines.Line(d.Start))
	}
	return s
}

func names(r *rules.Rule) []string { return append([]string{r.Name}, r.Aliases...) }

func (s *suppressor) fileOff(r *rules.Rule) bool {
	for i := range s.directives {
		d := &s.directives[i]
		if d.Kind == directive.DisableFile && d.Matches(names(r)...) {
			return true
		}
	}
	return false
}

// suppressed reports whether a finding of r starting at off is turned off by
// a directive.
func (s *suppressor) suppressed(r *rules.Rule, off int) bool {
	if len(s.directives) == 0 {
		return false
	}
	line := s.lines.Line(off)
	on := true
	for i := range s.directives {
		d := &s.directives[i]
		if !d.Matches(names(r)...) {
			continue
		}
		dl := s.lineOf[i]
		switch d.Kind {
		case directive.Disable:
			if dl <= line {
				on = false
			}
		case directive.Enable:
			if dl <= line {
				on = true
			}
		case directive.DisableLine:
			if dl == line || s.lines.Line(d.End) == line {
				return true
			}
		case directive.DisableNextLine:
			if s.lines.Line(d.End)+1 == line {
				return true
			}
		}
	}
	return !on
}
