package packs

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/rules"
)

// The kinds of declarative rules.
const (
	Existence      = "existence"
	Substitution   = "substitution"
	Occurrence     = "occurrence"
	Repetition     = "repetition"
	Capitalization = "capitalization"
	Consistency    = "consistency"
)

// Kinds lists the rule kinds.
var Kinds = []string{Existence, Substitution, Occurrence, Repetition, Capitalization, Consistency}

var commonKeys = []string{"kind", "extends", "message", "description", "severity", "level", "link", "scope", "ignorecase", "nonword", "exceptions"}

var kindKeys = map[string][]string{
	Existence:      {"tokens"},
	Substitution:   {"swap", "preservecase"},
	Occurrence:     {"token", "max", "min"},
	Repetition:     {"tokens"},
	Capitalization: {"match"},
	Consistency:    {"either"},
}

// def is a parsed rule definition.
type def struct {
	name, kind   string
	message      string
	messageNode  *yaml.Node
	description  string
	link         string
	severity     rules.Severity
	scope        scope
	ignorecase   bool
	nonword      bool
	exceptions   []*regexp.Regexp
	tokens       []*regexp.Regexp // existence, repetition (one alternation), occurrence (one)
	tokenSrc     []string
	swap         []pair // substitution
	preservecase bool
	min, max     int
	match        string         // capitalization: title, sentence, lower, upper, or "" with matchRe
	matchRe      *regexp.Regexp // capitalization with a pattern
	either       []pair         // consistency
	lits         map[*regexp.Regexp][]string
}

// pair is a pattern and its replacement (substitution) or its rival
// (consistency).
type pair struct {
	re        *regexp.Regexp
	pattern   string
	with      string
	withRe    *regexp.Regexp // consistency: the other side
	literal   bool           // consistency: both sides are plain text
	hasGroups bool
}

type parser struct {
	file string
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) error {
	return &config.Error{Path: p.file, Pos: config.Pos{Line: n.Line, Col: n.Column}, Msg: fmt.Sprintf(format, args...)}
}

// compile parses and compiles the definition n of the rule name; text is the
// definition's source, shown by postlint explain.
func (p *parser) compile(name, pack string, n *yaml.Node, text string) (*rules.Rule, error) {
	d, err := p.parse(name, n)
	if err != nil {
		return nil, err
	}
	return d.rule(pack, p.file, n.Line, text), nil
}

func (p *parser) parse(name string, n *yaml.Node) (*def, error) {
	if n.Kind != yaml.MappingNode {
		return nil, p.errorf(n, "rule %s: want a mapping with kind: %s", name, strings.Join(Kinds, ", "))
	}
	d := &def{name: name, severity: rules.Warning}
	fields := make(map[string]*yaml.Node)
	keyNode := make(map[string]*yaml.Node)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if _, dup := fields[k.Value]; dup {
			return nil, p.errorf(k, "rule %s: duplicate key %q", name, k.Value)
		}
		fields[k.Value], keyNode[k.Value] = v, k
	}
	kindNode := fields["kind"]
	if kindNode == nil {
		kindNode = fields["extends"]
	}
	if kindNode == nil {
		return nil, p.errorf(n, "rule %s: missing kind (one of %s)", name, strings.Join(Kinds, ", "))
	}
	d.kind = strings.ToLower(kindNode.Value)
	if kindKeys[d.kind] == nil {
		return nil, p.errorf(kindNode, "rule %s: unknown kind %q%s (kinds: %s)", name, kindNode.Value, config.DidYouMean(kindNode.Value, Kinds), strings.Join(Kinds, ", "))
	}
	allowed := append(append([]string(nil), commonKeys...), kindKeys[d.kind]...)
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ok := false
		for _, a := range allowed {
			ok = ok || a == k.Value
		}
		if !ok {
			return nil, p.errorf(k, "rule %s: unknown key %q for a %s rule%s (keys: %s)", name, k.Value, d.kind, config.DidYouMean(k.Value, allowed), strings.Join(allowed, ", "))
		}
	}
	var err error
	str := func(key string) (string, error) {
		v := fields[key]
		if v == nil {
			return "", nil
		}
		if v.Kind != yaml.ScalarNode {
			return "", p.errorf(v, "rule %s: %s must be a string", name, key)
		}
		return v.Value, nil
	}
	boolean := func(key string) (bool, error) {
		v := fields[key]
		if v == nil {
			return false, nil
		}
		var b bool
		if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
			return false, p.errorf(v, "rule %s: %s must be true or false", name, key)
		}
		return b, nil
	}
	if d.message, err = str("message"); err != nil {
		return nil, err
	}
	d.messageNode = fields["message"]
	if d.description, err = str("description"); err != nil {
		return nil, err
	}
	if d.link, err = str("link"); err != nil {
		return nil, err
	}
	for _, key := range []string{"severity", "level"} {
		s, err := str(key)
		if err != nil {
			return nil, err
		}
		if s == "" {
			continue
		}
		if strings.EqualFold(s, "suggestion") { // Vale's lowest level
			s = "warning"
		}
		if d.severity, err = rules.ParseSeverity(s); err != nil {
			return nil, p.errorf(fields[key], "rule %s: %v", name, err)
		}
	}
	if d.ignorecase, err = boolean("ignorecase"); err != nil {
		return nil, err
	}
	if d.nonword, err = boolean("nonword"); err != nil {
		return nil, err
	}
	if d.preservecase, err = boolean("preservecase"); err != nil {
		return nil, err
	}
	defScope := "prose"
	if d.kind == Capitalization {
		defScope = "heading"
	}
	if d.scope, err = p.parseScope(name, fields["scope"], defScope); err != nil {
		return nil, err
	}
	if v := fields["exceptions"]; v != nil {
		list, err := p.strings(name, "exceptions", v)
		if err != nil {
			return nil, err
		}
		for i, e := range list {
			if d.kind == Capitalization {
				// Words kept as written: literal.
				e = regexp.QuoteMeta(e)
			}
			re, err := p.regexp(name, v.Content[i], e, d.ignorecase, "^(?:", ")$")
			if err != nil {
				return nil, err
			}
			d.exceptions = append(d.exceptions, re)
		}
	}

	switch d.kind {
	case Existence, Repetition:
		v := fields["tokens"]
		if v == nil {
			if d.kind == Existence {
				return nil, p.errorf(n, "rule %s: an existence rule needs tokens: a list of regular expressions to report", name)
			}
			d.tokens = []*regexp.Regexp{regexp.MustCompile(`[\pL\pN][\pL\pN'’]*`)}
			d.tokenSrc = []string{"word"}
			break
		}
		list, err := p.strings(name, "tokens", v)
		if err != nil {
			return nil, err
		}
		if len(list) == 0 {
			return nil, p.errorf(v, "rule %s: tokens is empty", name)
		}
		for i, t := range list {
			re, err := p.regexp(name, v.Content[i], t, d.ignorecase, "(?:", ")")
			if err != nil {
				return nil, err
			}
			d.tokens = append(d.tokens, re)
		}
		d.tokenSrc = list
	case Substitution:
		v := fields["swap"]
		if v == nil || v.Kind != yaml.MappingNode || len(v.Content) == 0 {
			return nil, p.errorf(orNode(v, n), "rule %s: a substitution rule needs swap: a mapping from a regular expression to its replacement", name)
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, r := v.Content[i], v.Content[i+1]
			if r.Kind != yaml.ScalarNode {
				return nil, p.errorf(r, "rule %s: the replacement of %q must be a string", name, k.Value)
			}
			re, err := p.regexp(name, k, k.Value, d.ignorecase, "(?:", ")")
			if err != nil {
				return nil, err
			}
			if err := checkGroups(re, r.Value); err != nil {
				return nil, p.errorf(r, "rule %s: replacement %q: %v", name, r.Value, err)
			}
			d.swap = append(d.swap, pair{re: re, pattern: k.Value, with: r.Value, hasGroups: re.NumSubexp() > 0})
		}
	case Occurrence:
		v := fields["token"]
		if v == nil || v.Kind != yaml.ScalarNode {
			return nil, p.errorf(orNode(v, n), "rule %s: an occurrence rule needs token: the regular expression to count", name)
		}
		re, err := p.regexp(name, v, v.Value, d.ignorecase, "(?:", ")")
		if err != nil {
			return nil, err
		}
		d.tokens, d.tokenSrc = []*regexp.Regexp{re}, []string{v.Value}
		for _, key := range []string{"min", "max"} {
			if f := fields[key]; f != nil {
				var x int
				if f.Kind != yaml.ScalarNode || f.Decode(&x) != nil || x < 0 {
					return nil, p.errorf(f, "rule %s: %s must be a whole number", name, key)
				}
				if key == "min" {
					d.min = x
				} else {
					d.max = x
				}
			}
		}
		if fields["min"] == nil && fields["max"] == nil {
			return nil, p.errorf(n, "rule %s: an occurrence rule needs max, min or both", name)
		}
		if fields["max"] != nil && fields["min"] != nil && d.min > d.max {
			return nil, p.errorf(fields["min"], "rule %s: min (%d) is greater than max (%d)", name, d.min, d.max)
		}
		if fields["max"] == nil {
			d.max = -1
		}
	case Capitalization:
		v := fields["match"]
		if v == nil || v.Kind != yaml.ScalarNode {
			return nil, p.errorf(orNode(v, n), "rule %s: a capitalization rule needs match: title, sentence, lower, upper or a regular expression", name)
		}
		m := strings.TrimPrefix(strings.ToLower(v.Value), "$")
		switch m {
		case "title", "sentence", "lower", "upper":
			d.match = m
		default:
			re, err := p.regexp(name, v, v.Value, false, "^(?:", ")$")
			if err != nil {
				return nil, err
			}
			d.matchRe = re
		}
	case Consistency:
		v := fields["either"]
		if v == nil || v.Kind != yaml.MappingNode || len(v.Content) == 0 {
			return nil, p.errorf(orNode(v, n), "rule %s: a consistency rule needs either: a mapping of one spelling to the other", name)
		}
		for i := 0; i+1 < len(v.Content); i += 2 {
			k, o := v.Content[i], v.Content[i+1]
			if o.Kind != yaml.ScalarNode {
				return nil, p.errorf(o, "rule %s: the other form of %q must be a string", name, k.Value)
			}
			a, err := p.regexp(name, k, k.Value, d.ignorecase, "(?:", ")")
			if err != nil {
				return nil, err
			}
			b, err := p.regexp(name, o, o.Value, d.ignorecase, "(?:", ")")
			if err != nil {
				return nil, err
			}
			lit := regexp.QuoteMeta(k.Value) == k.Value && regexp.QuoteMeta(o.Value) == o.Value
			d.either = append(d.either, pair{re: a, pattern: k.Value, with: o.Value, withRe: b, literal: lit})
		}
	}
	if err := p.checkMessage(d); err != nil {
		return nil, err
	}
	return d, nil
}

func orNode(v, n *yaml.Node) *yaml.Node {
	if v != nil {
		return v
	}
	return n
}

func (p *parser) strings(name, key string, v *yaml.Node) ([]string, error) {
	if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
		return []string{v.Value}, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v, "rule %s: %s must be a list of strings", name, key)
	}
	var out []string
	for _, item := range v.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, p.errorf(item, "rule %s: %s must be a list of strings", name, key)
		}
		out = append(out, item.Value)
	}
	return out, nil
}

// regexp compiles pattern (the value of node n) wrapped in prefix and suffix,
// case-insensitive when asked. An error names the regexp, the reason and the
// column in the pattern where RE2 gave up.
func (p *parser) regexp(name string, n *yaml.Node, pattern string, ignorecase bool, prefix, suffix string) (*regexp.Regexp, error) {
	if pattern == "" {
		return nil, p.errorf(n, "rule %s: empty pattern", name)
	}
	if _, err := syntax.Parse(pattern, syntax.Perl); err != nil {
		return nil, p.regexpError(name, n, pattern, err)
	}
	full := prefix + spaces(pattern) + suffix
	if ignorecase {
		full = "(?i)" + full
	}
	re, err := regexp.Compile(full)
	if err != nil {
		return nil, p.regexpError(name, n, pattern, err)
	}
	if re.MatchString("") {
		return nil, p.errorf(n, "rule %s: pattern %q matches the empty string", name, pattern)
	}
	return re, nil
}

func (p *parser) regexpError(name string, n *yaml.Node, pattern string, err error) error {
	var se *syntax.Error
	if !errors.As(err, &se) {
		return p.errorf(n, "rule %s: invalid regexp %q: %v", name, pattern, err)
	}
	col := 0
	if se.Code == syntax.ErrMissingParen {
		// RE2 quotes the whole pattern: point at the unclosed parenthesis.
		if i := unclosedParen(pattern); i >= 0 {
			col = len([]rune(pattern[:i])) + 1
		}
	} else if i := strings.Index(pattern, se.Expr); i >= 0 && se.Expr != "" {
		col = len([]rune(pattern[:i])) + 1
	}
	pos := config.Pos{Line: n.Line, Col: n.Column}
	where := ""
	if col > 0 {
		where = fmt.Sprintf(" at column %d of the pattern", col)
		// Point at the character itself when the scalar is on one line
		// as written (plain or single-quoted without doubled quotes).
		if !strings.Contains(pattern, "\n") && (n.Style == 0 || n.Style == yaml.SingleQuotedStyle && !strings.Contains(pattern, "'")) {
			pos.Col += col - 1
			if n.Style == yaml.SingleQuotedStyle {
				pos.Col++
			}
		}
	}
	return &config.Error{Path: p.file, Pos: pos, Msg: fmt.Sprintf("rule %s: invalid regexp %q: %s%s: `%s`", name, pattern, se.Code, where, se.Expr)}
}

// spaces makes each run of literal spaces in pattern (outside character
// classes, unescaped) match any run of whitespace, line breaks included:
// "click here" finds "click\nhere" in a wrapped paragraph.
func spaces(pattern string) string {
	var b strings.Builder
	inClass := false
	for i := 0; i < len(pattern); i++ {
		c := pattern[i]
		switch {
		case c == '\\' && i+1 < len(pattern):
			b.WriteByte(c)
			b.WriteByte(pattern[i+1])
			i++
			continue
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			b.WriteByte(c)
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				b.WriteByte(']')
				i++
			}
			continue
		case c == ' ':
			for i+1 < len(pattern) && pattern[i+1] == ' ' {
				i++
			}
			if i+1 < len(pattern) && strings.IndexByte("*+?{", pattern[i+1]) >= 0 {
				b.WriteString("(?:\\s+)")
			} else {
				b.WriteString("\\s+")
			}
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unclosedParen returns the offset of the last '(' of pattern that is never
// closed, skipping escapes and character classes, or -1.
func unclosedParen(pattern string) int {
	var open []int
	inClass := false
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
			if i+1 < len(pattern) && pattern[i+1] == ']' {
				i++
			}
		case c == '(':
			open = append(open, i)
		case c == ')' && len(open) > 0:
			open = open[:len(open)-1]
		}
	}
	if len(open) == 0 {
		return -1
	}
	return open[len(open)-1]
}

// checkGroups verifies that a replacement refers only to groups the pattern
// has.
func checkGroups(re *regexp.Regexp, repl string) error {
	for _, ref := range templateRefs(repl, '$') {
		if n, err := strconv.Atoi(ref); err == nil {
			if n > re.NumSubexp() {
				return fmt.Errorf("$%d refers to a group the pattern does not have (it has %d)", n, re.NumSubexp())
			}
			continue
		}
		if re.SubexpIndex(ref) < 0 {
			return fmt.Errorf("${%s} refers to a group the pattern does not have", ref)
		}
	}
	return nil
}

// templateRefs returns the names in $name, ${name} and $1 references of s.
func templateRefs(s string, sigil byte) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != sigil || i+1 >= len(s) {
			continue
		}
		if s[i+1] == sigil {
			i++
			continue
		}
		if s[i+1] == '{' {
			if j := strings.IndexByte(s[i:], '}'); j > 0 {
				out = append(out, s[i+2:i+j])
				i += j
			}
			continue
		}
		j := i + 1
		for j < len(s) && (isWordByte(s[j])) {
			j++
		}
		if j > i+1 {
			out = append(out, s[i+1:j])
			i = j - 1
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// kindVars are the names a message template may use besides the groups.
var kindVars = map[string][]string{
	Existence:      {"match"},
	Substitution:   {"match", "replacement"},
	Occurrence:     {"count", "min", "max"},
	Repetition:     {"match"},
	Capitalization: {"text", "expected", "match"},
	Consistency:    {"match", "other", "first"},
}

// checkMessage verifies that the message's ${name} references exist.
func (p *parser) checkMessage(d *def) error {
	if d.message == "" {
		return nil
	}
	known := map[string]bool{}
	for _, v := range kindVars[d.kind] {
		known[v] = true
	}
	var res []*regexp.Regexp
	res = append(res, d.tokens...)
	for _, s := range d.swap {
		res = append(res, s.re)
	}
	for _, e := range d.either {
		res = append(res, e.re, e.withRe)
	}
	for _, re := range res {
		for i, g := range re.SubexpNames() {
			known[strconv.Itoa(i)] = true
			if g != "" {
				known[g] = true
			}
		}
	}
	for _, ref := range templateRefs(d.message, '$') {
		if !known[ref] {
			var names []string
			for k := range known {
				if _, err := strconv.Atoi(k); err != nil {
					names = append(names, k)
				}
			}
			return p.errorf(d.messageNode, "rule %s: message refers to ${%s}, which a %s rule does not have%s", d.name, ref, d.kind, config.DidYouMean(ref, names))
		}
	}
	return nil
}
