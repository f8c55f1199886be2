// Package config reads .postlint.yml into an immutable value. It knows the
// shape of the file, not the rules: the driver checks rule names and decodes
// each rule's options with the rule's own type, using the positions kept here
// for its error messages. Command-line flags are not part of a Config.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// FileNames are the config file names looked for, in order.
var FileNames = []string{".postlint.yml", ".postlint.yaml"}

// Config is a parsed configuration file.
type Config struct {
	Path      string        // the file it was read from; "" for the built-in defaults
	Dir       string        // the directory globs are relative to
	Rules     []RuleSetting // in file order
	Words     []string      // project vocabulary: words never reported as misspelled
	Ignore    []string      // globs of files not to lint (relative to Dir)
	Overrides []Override
	// Preset is the rule set the settings apply over: "default",
	// "markdownlint" or "" (the default). Command-line flags may replace it.
	Preset    string
	PresetPos Pos
	// Markdownlint is set when the settings were translated from a
	// markdownlint config file (see markdownlint.go).
	Markdownlint *MarkdownlintSource
	// Packs names rule packs: built-in ones by name ("prose"), directories
	// of YAML rule files by path ("./styles/house", relative to Dir).
	Packs []Ref
	// Define holds declarative rules written in the config itself (a
	// mapping from rule name to definition), compiled by internal/packs;
	// nil when absent.
	Define *yaml.Node
}

// Ref is a string value of the config with its position.
type Ref struct {
	Value string
	Pos   Pos
}

// RuleSetting configures one rule.
type RuleSetting struct {
	Name     string // as written: a name or an alias
	Pos      Pos
	Severity string // "" when not set
	SevPos   Pos
	Options  []Option
	// Replace starts the options again from the rule's defaults before
	// these are applied, as each markdownlint setting does.
	Replace bool
	// Lenient makes an unknown rule or option a note instead of an error,
	// as markdownlint ignores them (settings from markdownlint configs).
	Lenient bool
}

// Option is one rule option as written; Node holds the value for the
// driver to decode into the rule's option type.
type Option struct {
	Key  string
	Pos  Pos
	Node *yaml.Node
}

// Override applies rule settings to the files matching any of its globs.
type Override struct {
	Files []string
	Rules []RuleSetting
	Pos   Pos
}

// Pos is a position in the config file.
type Pos struct {
	Line, Col int
	File      string // the file, when not the Config's own (a markdownlint config it extends)
}

// Error is a config problem at a position; it formats as file:line:col: msg.
type Error struct {
	Path string
	Pos  Pos
	Msg  string
}

func (e *Error) Error() string {
	if e.Pos.Line == 0 {
		return fmt.Sprintf("%s: %s", e.Path, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Pos.Line, e.Pos.Col, e.Msg)
}

// Errorf returns an *Error about this config at pos.
func (c *Config) Errorf(pos Pos, format string, args ...any) error {
	path := c.Path
	if pos.File != "" {
		path, pos.File = pos.File, ""
	}
	return &Error{Path: path, Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Find looks for a config file in dir and its parents. It returns "" when
// there is none.
func Find(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p, nil
			} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return "", err
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", nil
		}
		dir = parent
	}
}

// Load reads and parses the config file at path; a markdownlint config (by
// its name) is read with LoadMarkdownlint.
func Load(path string) (*Config, error) {
	if IsMarkdownlintFile(path) {
		return LoadMarkdownlint(path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	c, err := Parse(path, data)
	if err != nil {
		return nil, err
	}
	c.Dir = filepath.Dir(abs)
	return c, nil
}

var topKeys = []string{"preset", "rules", "words", "ignore", "overrides", "packs", "define"}

// Parse parses config data; path names the file in errors.
func Parse(path string, data []byte) (*Config, error) {
	c := &Config{Path: path}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil // empty file
		}
		return nil, yamlError(path, err)
	}
	if len(doc.Content) == 0 {
		return c, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return c, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, c.Errorf(pos(root), "the config must be a mapping with keys %s", strings.Join(topKeys, ", "))
	}
	if err := c.noDuplicates(root); err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		var err error
		switch k.Value {
		case "rules":
			c.Rules, err = c.parseRules(v)
		case "words":
			c.Words, err = c.stringList(v, "words")
		case "ignore":
			c.Ignore, err = c.stringList(v, "ignore")
			if err == nil {
				err = c.checkGlobs(v, c.Ignore)
			}
		case "overrides":
			c.Overrides, err = c.parseOverrides(v)
		case "preset":
			if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
				err = c.Errorf(pos(v), "preset must be a name (default or markdownlint)")
			}
			c.Preset, c.PresetPos = v.Value, pos(v)
		case "packs":
			var list []string
			list, err = c.stringList(v, "packs")
			for i, p := range list {
				c.Packs = append(c.Packs, Ref{Value: p, Pos: pos(v.Content[i])})
			}
		case "define":
			if v.Kind != yaml.MappingNode && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null") {
				err = c.Errorf(pos(v), "define must be a mapping from rule name to a rule definition (kind: existence, substitution, ...)")
			} else if v.Kind == yaml.MappingNode {
				c.Define = v
			}
		default:
			err = c.Errorf(pos(k), "unknown key %q%s", k.Value, didYouMean(k.Value, topKeys))
		}
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// YAMLError turns a YAML decoding error into an *Error with the line, for
// other YAML files postlint reads (rule packs).
func YAMLError(path string, err error) error { return yamlError(path, err) }

func yamlError(path string, err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	// yaml.v3 says "line N: msg".
	var line int
	if n, _ := fmt.Sscanf(msg, "line %d:", &line); n == 1 {
		if i := strings.Index(msg, ": "); i >= 0 {
			msg = msg[i+2:]
		}
		if strings.HasPrefix(msg, "did not find expected") {
			// yaml.v3 gives parser errors the 0-based line where the
			// unfinished construct starts.
			line++
			msg += " (in the block or list that starts here)"
		}
		return &Error{Path: path, Pos: Pos{Line: line, Col: 1}, Msg: "invalid YAML: " + msg}
	}
	return &Error{Path: path, Msg: "invalid YAML: " + msg}
}

// noDuplicates rejects a mapping that sets a key twice (YAML decoders keep
// the last silently).
func (c *Config) noDuplicates(m *yaml.Node) error {
	seen := make(map[string]int)
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if line, ok := seen[k.Value]; ok {
			return c.Errorf(pos(k), "duplicate key %q (first set on line %d)", k.Value, line)
		}
		seen[k.Value] = k.Line
	}
	return nil
}

func pos(n *yaml.Node) Pos { return Pos{Line: n.Line, Col: n.Column} }

func (c *Config) stringList(n *yaml.Node, key string) ([]string, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.SequenceNode {
		return nil, c.Errorf(pos(n), "%s must be a list of strings", key)
	}
	out := make([]string, 0, len(n.Content))
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode {
			return nil, c.Errorf(pos(item), "%s must be a list of strings", key)
		}
		out = append(out, item.Value)
	}
	return out, nil
}

func (c *Config) checkGlobs(n *yaml.Node, globs []string) error {
	for i, g := range globs {
		if !doublestar.ValidatePattern(filepath.ToSlash(g)) {
			return c.Errorf(pos(n.Content[i]), "invalid glob %q", g)
		}
	}
	return nil
}

func (c *Config) parseRules(n *yaml.Node) ([]RuleSetting, error) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, c.Errorf(pos(n), "rules must be a mapping from rule name to a severity (off, warning, error) or a mapping of severity and options")
	}
	if err := c.noDuplicates(n); err != nil {
		return nil, err
	}
	var out []RuleSetting
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		rs := RuleSetting{Name: k.Value, Pos: pos(k)}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag == "!!bool" {
				// markdownlint style: true/false.
				rs.Severity = map[bool]string{true: "on", false: "off"}[v.Value == "true"]
			} else {
				rs.Severity = v.Value
			}
			rs.SevPos = pos(v)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				ok, ov := v.Content[j], v.Content[j+1]
				if ok.Value == "severity" {
					if ov.Kind != yaml.ScalarNode {
						return nil, c.Errorf(pos(ov), "severity must be off, warning or error")
					}
					rs.Severity, rs.SevPos = ov.Value, pos(ov)
					continue
				}
				rs.Options = append(rs.Options, Option{Key: ok.Value, Pos: pos(ok), Node: ov})
			}
		default:
			return nil, c.Errorf(pos(v), "rule %s: want a severity (off, warning, error) or a mapping", k.Value)
		}
		out = append(out, rs)
	}
	return out, nil
}

func (c *Config) parseOverrides(n *yaml.Node) ([]Override, error) {
	if n.Kind != yaml.SequenceNode {
		return nil, c.Errorf(pos(n), "overrides must be a list of {files: [globs], rules: {...}}")
	}
	var out []Override
	for _, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			return nil, c.Errorf(pos(item), "an override must be a mapping with keys files and rules")
		}
		o := Override{Pos: pos(item)}
		for i := 0; i+1 < len(item.Content); i += 2 {
			k, v := item.Content[i], item.Content[i+1]
			var err error
			switch k.Value {
			case "files":
				o.Files, err = c.stringList(v, "files")
				if err == nil {
					err = c.checkGlobs(v, o.Files)
				}
			case "rules":
				o.Rules, err = c.parseRules(v)
			default:
				err = c.Errorf(pos(k), "unknown key %q in override%s", k.Value, didYouMean(k.Value, []string{"files", "rules"}))
			}
			if err != nil {
				return nil, err
			}
		}
		if len(o.Files) == 0 {
			return nil, c.Errorf(o.Pos, "an override needs files: a list of globs")
		}
		out = append(out, o)
	}
	return out, nil
}

// Match reports whether the slash-separated path rel (relative to Dir)
// matches any of globs. A glob without a slash matches the base name at any
// depth, as in .gitignore.
func Match(globs []string, rel string) bool {
	rel = filepath.ToSlash(rel)
	base := rel[strings.LastIndexByte(rel, '/')+1:]
	for _, g := range globs {
		g = filepath.ToSlash(g)
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
		if !strings.Contains(g, "/") {
			if ok, _ := doublestar.Match(g, base); ok {
				return true
			}
		}
		// A directory glob matches everything under it.
		if ok, _ := doublestar.Match(strings.TrimSuffix(g, "/")+"/**", rel); ok {
			return true
		}
	}
	return false
}

func didYouMean(s string, candidates []string) string {
	if m := Suggest(s, candidates); m != "" {
		return fmt.Sprintf(" (did you mean %q?)", m)
	}
	return ""
}

// DidYouMean returns ` (did you mean "x"?)` for the closest candidate, or "".
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }

// Suggest returns the candidate closest to s by edit distance, if it is close
// enough to be a plausible typo, else "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	sorted := append([]string(nil), candidates...)
	sort.Strings(sorted)
	for _, c := range sorted {
		d := distance(strings.ToLower(s), strings.ToLower(c))
		if d < bestD {
			best, bestD = c, d
		}
	}
	if bestD <= max(2, len(s)/3) {
		return best
	}
	return ""
}

// distance is the Levenshtein distance of a and b.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
