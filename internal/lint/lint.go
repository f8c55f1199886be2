// Package lint is the driver: it resolves which rules run on a file with which
// severity and options, runs them over the parsed document, applies in-document
// directives, and runs the lint → fix → lint loop to a fixpoint.
package lint

import (
	"crypto/sha256"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/directive"
	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/fix"
	"github.com/postlint/postlint/internal/packs"
	"github.com/postlint/postlint/internal/report"
	"github.com/postlint/postlint/internal/source"
	"github.com/postlint/postlint/internal/textenc"
	"github.com/postlint/postlint/rules"
)

// MaxPasses bounds the fix loop.
const MaxPasses = 10

// Selection is the command line's say over which rules run.
type Selection struct {
	Preset string   // the preset the config applies over; replaces the config's preset: key when set
	Select []string // when set, only these rules run (turned on at their default severity if the config has them off)
	Ignore []string // these rules never run
	// UnsafeFixes lets fixes marked Unsafe through (--unsafe-fixes);
	// otherwise their diagnostics are reported without a fix.
	UnsafeFixes bool
}

// Presets are the rule sets a configuration applies over.
var Presets = []string{PresetDefault, PresetMarkdownlint}

// Preset names.
const (
	// PresetDefault runs each rule at its own default severity.
	PresetDefault = "default"
	// PresetMarkdownlint is markdownlint's defaults: every rule with a
	// markdownlint id on at error severity (markdownlint fails on any
	// finding) with its default options, postlint's own rules off.
	PresetMarkdownlint = "markdownlint"
)

// PresetSeverity returns r's severity under a preset.
func PresetSeverity(preset string, r *rules.Rule) rules.Severity {
	if preset == PresetMarkdownlint {
		if r.MarkdownlintID() != "" {
			return rules.Error
		}
		return rules.Off
	}
	return r.Severity
}

// Linter lints files under one configuration. It is immutable and safe for
// concurrent use.
type Linter struct {
	cfg       *config.Config
	rules     []*rules.Rule // every registered rule in registry order, then the config's pack rules
	packs     []packs.Rule
	byName    map[string]*rules.Rule // names and aliases of rules, lowercase
	order     map[*rules.Rule]int    // index of each rule in rules: findings at one position sort by it
	base      []Active
	overrides [][]Active // per config override: the settings it changes, by rule index
	words     map[string]bool
	preset    string
	ignored   []string // settings of a markdownlint config that postlint does not know
	unsafe    bool
	runWords  map[string]int
	timing    *Timing // nil unless POSTLINT_TIMING asks
}

// Active is a rule with its effective severity and options.
type Active struct {
	Rule     *rules.Rule
	Severity rules.Severity
	Options  any
}

// New resolves cfg against the rule registry and compiles the rule packs it
// names (internal/packs): the linter's rules are the registered ones followed
// by the pack rules. Unknown rules, severities and options, and broken rule
// files, are errors that name the file and line.
func New(cfg *config.Config, sel Selection) (*Linter, error) {
	if cfg == nil {
		cfg = &config.Config{}
	}
	pk, err := packs.Load(cfg)
	if err != nil {
		return nil, err
	}
	l := &Linter{cfg: cfg, rules: rules.All(), packs: pk, words: make(map[string]bool), unsafe: sel.UnsafeFixes}
	for _, p := range pk {
		l.rules = append(l.rules, p.Rule)
	}
	l.byName = make(map[string]*rules.Rule)
	l.order = make(map[*rules.Rule]int, len(l.rules))
	for i, r := range l.rules {
		l.order[r] = i
		for _, n := range names(r) {
			l.byName[strings.ToLower(n)] = r
		}
	}
	for _, w := range cfg.Words {
		l.words[strings.ToLower(w)] = true
	}
	switch {
	case sel.Preset != "":
		if !slices.Contains(Presets, sel.Preset) {
			return nil, &UsageError{fmt.Sprintf("--preset: unknown preset %q%s (presets: %s)", sel.Preset, config.DidYouMean(sel.Preset, Presets), strings.Join(Presets, ", "))}
		}
		l.preset = sel.Preset
	case cfg.Preset != "":
		if !slices.Contains(Presets, cfg.Preset) {
			return nil, cfg.Errorf(cfg.PresetPos, "unknown preset %q%s (presets: %s)", cfg.Preset, config.DidYouMean(cfg.Preset, Presets), strings.Join(Presets, ", "))
		}
		l.preset = cfg.Preset
	default:
		l.preset = PresetDefault
	}
	selected, err := l.resolveNames(sel.Select, "--select")
	if err != nil {
		return nil, err
	}
	ignored, err := l.resolveNames(sel.Ignore, "--ignore")
	if err != nil {
		return nil, err
	}
	l.base = make([]Active, len(l.rules))
	for i, r := range l.rules {
		a := Active{Rule: r, Severity: PresetSeverity(l.preset, r)}
		if r.Options != nil {
			a.Options = r.Options()
		}
		l.base[i] = a
	}
	if err := l.apply(l.base, cfg.Rules, &l.ignored); err != nil {
		return nil, err
	}
	for _, o := range cfg.Overrides {
		ov := make([]Active, len(l.base))
		copy(ov, l.base)
		for i := range ov {
			ov[i].Options = cloneOptions(ov[i].Options)
		}
		if err := l.apply(ov, o.Rules, &l.ignored); err != nil {
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

// Preset returns the preset in effect.
func (l *Linter) Preset() string { return l.preset }

// IgnoredSettings returns the settings of a markdownlint config that postlint
// ignored (rules and options it does not know), in config order.
func (l *Linter) IgnoredSettings() []string { return l.ignored }

// UsageError is a bad command-line value.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func names(r *rules.Rule) []string { return append([]string{r.Name}, r.Aliases...) }

// Rules returns every rule of the linter: the registered rules, then the
// pack rules.
func (l *Linter) Rules() []*rules.Rule { return l.rules }

// PackRules returns the rules compiled from the config's packs and
// definitions, with where each was defined.
func (l *Linter) PackRules() []packs.Rule { return l.packs }

// Lookup finds a rule of this linter by name or alias, ignoring case.
func (l *Linter) Lookup(name string) *rules.Rule {
	return l.byName[strings.ToLower(strings.TrimSpace(name))]
}

// Names returns every rule name and alias, sorted; for "did you mean" hints.
func (l *Linter) Names() []string {
	var out []string
	for _, r := range l.rules {
		out = append(out, names(r)...)
	}
	sort.Strings(out)
	return out
}

// resolve is rules.Resolve over the linter's rules: a name or alias, else
// every rule with that tag (a pack's name is a tag of its rules).
func (l *Linter) resolve(name string) []*rules.Rule {
	if r := l.Lookup(name); r != nil {
		return []*rules.Rule{r}
	}
	out := rules.Resolve(name)
	for _, p := range l.packs {
		if p.HasTag(strings.TrimSpace(name)) {
			out = append(out, p.Rule)
		}
	}
	return out
}

// selectors is rules.Selectors with the pack rules' names and tags.
func (l *Linter) selectors() []string {
	out := rules.Selectors()
	for _, p := range l.packs {
		out = append(out, p.Name)
		out = append(out, p.Tags...)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// Enabled reports whether the rule named name is on for some files.
func (l *Linter) Enabled(name string) bool {
	r := l.Lookup(name)
	for _, set := range append([][]Active{l.base}, l.overrides...) {
		for _, a := range set {
			if a.Rule == r && a.Severity != rules.Off {
				return true
			}
		}
	}
	return false
}

// WithRunWords returns a copy of l whose passes see words, the file counts
// of a pre-pass over the whole run (see rules.Pass.RunWords).
func (l *Linter) WithRunWords(words map[string]int) *Linter {
	c := *l
	c.runWords = words
	return &c
}

func (l *Linter) resolveNames(names []string, flag string) (map[*rules.Rule]bool, error) {
	out := make(map[*rules.Rule]bool)
	for _, n := range names {
		for _, part := range strings.Split(n, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			rs := l.resolve(part)
			if len(rs) == 0 {
				return nil, &UsageError{fmt.Sprintf("%s: unknown rule %q%s; run 'postlint rules' for the list", flag, part, config.DidYouMean(part, l.selectors()))}
			}
			for _, r := range rs {
				out[r] = true
			}
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

// apply applies rule settings from the config to set. A setting may name a
// rule, an alias or a tag (every rule with it). Lenient settings (from
// markdownlint configs) that name no rule or an unknown option are appended
// to ignored (when it is not nil) instead of failing.
func (l *Linter) apply(set []Active, settings []config.RuleSetting, ignored *[]string) error {
	for _, s := range settings {
		targets := l.resolve(s.Name)
		if len(targets) == 0 {
			if s.Lenient && strings.EqualFold(s.Name, rules.MarkdownlintGroup) {
				continue // no markdownlint rule is registered
			}
			if s.Lenient {
				note(ignored, s.Name)
				continue
			}
			return l.cfg.Errorf(s.Pos, "unknown rule %q%s", s.Name, config.DidYouMean(s.Name, l.selectors()))
		}
		// A tag applies each option to the rules that have it, as
		// markdownlint passes a tag's options to every rule it names.
		group := l.Lookup(s.Name) == nil
		used := make(map[string]bool)
		for _, r := range targets {
			if err := l.applyOne(&set[l.index(r)], s, group, used); err != nil {
				return err
			}
		}
		for _, o := range s.Options {
			if used[o.Key] {
				continue
			}
			if s.Lenient {
				note(ignored, s.Name+"."+o.Key)
				continue
			}
			if !group {
				// applyOne reported it.
				continue
			}
			return l.cfg.Errorf(o.Pos, "no rule tagged %s has an option %q", s.Name, o.Key)
		}
	}
	return nil
}

func note(ignored *[]string, s string) {
	if ignored != nil && !slices.Contains(*ignored, s) {
		*ignored = append(*ignored, s)
	}
}

// applyOne applies one setting to one rule. used collects the options the
// rule has; options it lacks are skipped when the setting is lenient or
// names a group, and are errors otherwise.
func (l *Linter) applyOne(a *Active, s config.RuleSetting, group bool, used map[string]bool) error {
	r := a.Rule
	var opts []config.Option
	var names []string
	var fields []OptionField
	if r.Options != nil {
		fields = OptionFields(r.Options())
	}
	for _, f := range fields {
		names = append(names, f.Name)
	}
	for _, o := range s.Options {
		if slices.Contains(names, o.Key) {
			opts = append(opts, o)
			used[o.Key] = true
			continue
		}
		if group || s.Lenient {
			continue
		}
		if len(fields) == 0 {
			return l.cfg.Errorf(o.Pos, "rule %s has no options", r.Name)
		}
		return l.cfg.Errorf(o.Pos, "rule %s has no option %q%s (options: %s)", r.Name, o.Key, config.DidYouMean(o.Key, names), strings.Join(names, ", "))
	}
	if s.Severity != "" {
		sev, err := rules.ParseSeverity(s.Severity)
		if err != nil {
			name := r.Name
			if group {
				name = s.Name
			}
			return l.cfg.Errorf(s.SevPos, "rule %s: %v", name, err)
		}
		if s.Severity == "on" || s.Severity == "true" {
			sev = max(r.Severity, rules.Warning)
		}
		a.Severity = sev
	} else if len(opts) > 0 && a.Severity == rules.Off && !s.Lenient {
		// Configuring options of a rule that is off by default turns it on
		// (not in markdownlint settings, which say when they turn one on).
		a.Severity = max(r.Severity, rules.Warning)
	}
	if s.Replace && r.Options != nil {
		a.Options = r.Options()
	}
	if len(opts) > 0 {
		if err := l.decodeOptions(r, a.Options, opts); err != nil {
			return err
		}
		// Options holding paths take them relative to the config file.
		if d, ok := a.Options.(interface{ SetConfigDir(dir string) }); ok && l.cfg.Dir != "" {
			d.SetConfigDir(l.cfg.Dir)
		}
		if v, ok := a.Options.(interface{ Validate() error }); ok {
			if err := v.Validate(); err != nil {
				return l.cfg.Errorf(opts[0].Pos, "rule %s: %v", r.Name, err)
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
			return l.cfg.Errorf(config.Pos{Line: o.Node.Line, Col: o.Node.Column, File: o.Pos.File}, "rule %s: option %s wants %s: %s", r.Name, o.Key, typeName(target.Type()), cleanYAMLError(err))
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
		elem := typeName(t.Elem())
		elem = strings.TrimPrefix(strings.TrimPrefix(elem, "a "), "an ")
		return "a list of " + elem + "s"
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
		for _, r := range l.resolve(s.Name) {
			i := l.index(r)
			out[i] = ov[i]
		}
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

// Prepare starts, in the background, the Prepare functions of the rules
// that will run (see rules.Rule.Prepare), once per options value.
func (l *Linter) Prepare() {
	seen := make(map[any]bool)
	sets := append([][]Active{l.base}, l.overrides...)
	for _, set := range sets {
		for _, a := range set {
			if a.Rule == nil || a.Rule.Prepare == nil || a.Severity == rules.Off || seen[a.Options] {
				continue
			}
			seen[a.Options] = true
			go a.Rule.Prepare(a.Options)
		}
	}
}

// parallelRulesSize is the size from which a file's rules run on several
// cores: a run over many files keeps the cores busy with files, but one
// large file would leave all but one idle.
var parallelRulesSize = 1 << 20

// Lint runs every active rule once over src.
func (l *Linter) Lint(path string, src []byte) *Result {
	var t0 time.Time
	if l.timing != nil {
		t0 = time.Now()
	}
	doc := document.Load(path, src)
	if l.timing != nil {
		l.timing.addLoad(time.Since(t0))
	}
	res := &Result{Doc: doc, Lines: source.LinesOf(src, doc.LineStarts)}
	sup := newSuppressor(doc, res.Lines, l.resolve)
	set := l.RulesFor(path)
	if len(sup.configure) > 0 {
		set = l.configureFile(set, sup.configure)
	}
	_, utf16 := textenc.DetectUTF16(src)
	run := make([]Active, 0, len(set))
	for _, a := range set {
		if a.Severity == rules.Off || sup.fileOff(a.Rule) {
			continue
		}
		if utf16 && a.Rule.Name != "invalid-utf8" {
			// The bytes of a UTF-16 file are not its text: only its
			// conversion applies until it is converted.
			continue
		}
		run = append(run, a)
	}
	// Each rule reports into its own slot, merged in rule order, so that
	// the rules of a large file can run on several cores.
	type ruleOut struct {
		findings []Finding
		errs     []error
	}
	outs := make([]ruleOut, len(run))
	passes := make([]rules.Pass, len(run))
	lintOne := func(k int) {
		a, out := run[k], &outs[k]
		pass := &passes[k]
		*pass = rules.Pass{Document: doc, Rule: a.Rule, Options: a.Options, Words: l.words, Lookup: l.Lookup, RunWords: l.runWords}
		pass.Report = func(d rules.Diagnostic) {
			if d.Start < 0 || d.End < d.Start || d.End > len(src) {
				out.errs = append(out.errs, fmt.Errorf("rule %s reported an out-of-range position [%d,%d)", a.Rule.Name, d.Start, d.End))
				return
			}
			if sup.suppressed(a.Rule, d.Start) {
				return
			}
			if d.Fix != nil && d.Fix.Unsafe && !l.unsafe {
				d.Fix = nil
			}
			if d.Fix != nil {
				if err := validFix(src, d); err != nil {
					out.errs = append(out.errs, fmt.Errorf("rule %s: bad fix dropped: %w", a.Rule.Name, err))
					d.Fix = nil
				}
			}
			out.findings = append(out.findings, Finding{Rule: a.Rule, Severity: a.Severity, Diagnostic: d})
		}
		var t0 time.Time
		if l.timing != nil {
			t0 = time.Now()
		}
		if err := runRule(a.Rule, pass); err != nil {
			out.errs = append(out.errs, fmt.Errorf("rule %s failed: %w", a.Rule.Name, err))
		}
		if l.timing != nil {
			l.timing.addRule(a.Rule, time.Since(t0))
		}
	}
	if len(src) >= parallelRulesSize && runtime.GOMAXPROCS(0) > 1 {
		// Costly rules first (longest first is the classic schedule for
		// jobs on a few machines); each still reports into its own slot.
		sched := make([]int, 0, len(run))
		for _, costly := range []bool{true, false} {
			for k, a := range run {
				if a.Rule.Costly == costly {
					sched = append(sched, k)
				}
			}
		}
		ForEach(len(sched), runtime.GOMAXPROCS(0), func(k int) struct{} { lintOne(sched[k]); return struct{}{} }, func(int, struct{}) {})
	} else {
		for k := range run {
			lintOne(k)
		}
	}
	n := 0
	for _, out := range outs {
		n += len(out.findings)
	}
	if n > 0 {
		res.Findings = make([]Finding, 0, n)
	}
	for _, out := range outs {
		res.Findings = append(res.Findings, out.findings...)
		res.Errors = append(res.Errors, out.errs...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool {
		a, b := res.Findings[i], res.Findings[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return l.order[a.Rule] < l.order[b.Rule]
	})
	return res
}

// configureFile applies the markdownlint-configure-file directives of a file
// over its rules. A directive that does not parse, or whose settings are
// wrong, changes nothing (invalid-directive reports it).
func (l *Linter) configureFile(set []Active, ds []directive.Directive) []Active {
	out := cloneSet(set)
	for _, d := range ds {
		settings, err := config.ParseMarkdownlintInline(d.Arg)
		if err != nil {
			continue
		}
		try := cloneSet(out)
		if l.apply(try, settings, nil) == nil {
			out = try
		}
	}
	return out
}

func cloneSet(set []Active) []Active {
	out := make([]Active, len(set))
	copy(out, set)
	for i := range out {
		out[i].Options = cloneOptions(out[i].Options)
	}
	return out
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
