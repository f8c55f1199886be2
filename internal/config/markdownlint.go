package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// markdownlint configs.
//
// When no postlint config exists, postlint reads the markdownlint config of
// the project and translates it into the same Config: markdownlint's
// "default" becomes a setting of the group "markdownlint" (every rule with an
// MDnnn alias), each other key a rule setting, in file order, that the driver
// resolves as a rule name, an alias or a tag. The settings are lenient (a
// name or option postlint does not know is noted, not an error, as
// markdownlint ignores them) and replace the rule's options (each markdownlint
// setting starts again from the defaults). true means error: markdownlint
// fails on every finding.

// MarkdownlintSource describes the markdownlint config a Config came from.
type MarkdownlintSource struct {
	Path  string   // the file found (or named with --config)
	Files []string // every file read: Path, a sibling .markdownlint-cli2 file, the files extended
	// Ignored lists what postlint does not read: markdownlint-cli2 options
	// other than config and ignores, settings that are not rules.
	Ignored []string
	// Unreadable is set for a JavaScript config: nothing of it was read.
	Unreadable bool
}

// MarkdownlintFileNames are the markdownlint config names postlint reads, in
// the order markdownlint-cli2 prefers them in one directory: a
// .markdownlint.* file gives the rules even when a .markdownlint-cli2.* file
// sits beside it.
var MarkdownlintFileNames = []string{
	".markdownlint.jsonc", ".markdownlint.json", ".markdownlint.yaml", ".markdownlint.yml",
	".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml",
}

// markdownlintJSNames are configs written in JavaScript, which postlint
// cannot read; it says so rather than silently using its defaults.
var markdownlintJSNames = []string{
	".markdownlint.cjs", ".markdownlint.mjs", ".markdownlint-cli2.cjs", ".markdownlint-cli2.mjs",
}

var cli2Names = []string{".markdownlint-cli2.jsonc", ".markdownlint-cli2.yaml"}

// IsMarkdownlintFile reports whether path names a markdownlint config (by its
// base name, as markdownlint-cli2 recognizes them: "x.markdownlint.json"
// counts too).
func IsMarkdownlintFile(path string) bool {
	base := filepath.Base(path)
	for _, n := range append(slices.Clone(MarkdownlintFileNames), markdownlintJSNames...) {
		if base == n || strings.HasSuffix(base, n) {
			return true
		}
	}
	return false
}

// FindMarkdownlint looks for a markdownlint config in dir and its parents and
// returns the first found ("" when there is none).
func FindMarkdownlint(dir string) (string, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		for _, name := range append(slices.Clone(MarkdownlintFileNames), markdownlintJSNames...) {
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

// LoadMarkdownlint reads a markdownlint config (.markdownlint.jsonc, .json,
// .yaml, .yml) or the config and ignores of a markdownlint-cli2 config
// (.markdownlint-cli2.jsonc, .yaml), following extends.
func LoadMarkdownlint(path string) (*Config, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	src := &MarkdownlintSource{Path: path, Files: []string{path}}
	c := &Config{Path: path, Dir: filepath.Dir(abs), Markdownlint: src}
	base := filepath.Base(path)
	for _, n := range markdownlintJSNames {
		if strings.HasSuffix(base, n) {
			src.Unreadable = true
			return c, nil
		}
	}
	ld := &mdLoader{cfg: c, seen: map[string]bool{}}
	var entries []mdEntry
	if isCLI2(base) {
		entries, err = ld.cli2(path, abs, true)
	} else {
		// A .markdownlint-cli2 file beside it still gives the ignores.
		for _, n := range cli2Names {
			sib := filepath.Join(filepath.Dir(abs), n)
			if _, err := os.Stat(sib); err == nil {
				rel := filepath.Join(filepath.Dir(path), n)
				src.Files = append(src.Files, rel)
				if _, err := ld.cli2(rel, sib, false); err != nil {
					return nil, err
				}
				break
			}
		}
		entries, err = ld.file(path, abs)
	}
	if err != nil {
		return nil, err
	}
	c.Rules = markdownlintRules(entries, false, &src.Ignored)
	return c, nil
}

func isCLI2(base string) bool {
	for _, n := range cli2Names {
		if strings.HasSuffix(base, n) {
			return true
		}
	}
	return false
}

// ParseMarkdownlintInline parses the JSON (or YAML) of a
// markdownlint-configure-file directive into rule settings that apply over
// the file's configuration. Unlike a file it sets the markdownlint group only
// when it has a "default" key, its options add to the configured ones, and a
// rule's options alone do not turn the rule on: {"MD013": {"line_length":
// 120}} relaxes line-length where it is on and leaves it off where it is
// off; true, "error", "warning" or "enabled" turn a rule on.
func ParseMarkdownlintInline(text string) ([]RuleSetting, error) {
	root, err := parseMarkdownlintData("", []byte(text))
	if err != nil {
		var je *jsonError
		if errors.As(err, &je) {
			return nil, &Error{Pos: je.Pos, Msg: "invalid JSON: " + je.Msg}
		}
		return nil, err
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Pos: Pos{Line: root.Line, Col: root.Column}, Msg: "want a JSON object of rule settings"}
	}
	return markdownlintRules(entriesOf(root, ""), true, nil), nil
}

// mdEntry is one key of a markdownlint config object, with the file it comes
// from.
type mdEntry struct {
	key  string
	node *yaml.Node
	file string // "" for the Config's own file
}

// entriesOf lists the keys of a mapping as a JavaScript object holds them: a
// key set twice keeps its first place and its last value.
func entriesOf(m *yaml.Node, file string) []mdEntry {
	var out []mdEntry
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = setEntry(out, mdEntry{key: m.Content[i].Value, node: m.Content[i+1], file: file})
	}
	return out
}

func setEntry(entries []mdEntry, e mdEntry) []mdEntry {
	for i := range entries {
		if entries[i].key == e.key {
			entries[i].node, entries[i].file = e.node, e.file
			return entries
		}
	}
	return append(entries, e)
}

type mdLoader struct {
	cfg  *Config
	seen map[string]bool // files on the current extends chain
}

func (ld *mdLoader) errorf(file string, n *yaml.Node, format string, args ...any) error {
	e := &Error{Path: file, Msg: fmt.Sprintf(format, args...)}
	if n != nil {
		e.Pos = Pos{Line: n.Line, Col: n.Column}
	}
	return e
}

// read parses a markdownlint config file into its root mapping.
func (ld *mdLoader) read(name, abs string) (*yaml.Node, error) {
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("reading markdownlint config: %w", err)
	}
	root, err := parseMarkdownlintData(abs, data)
	if err != nil {
		var je *jsonError
		if errors.As(err, &je) {
			return nil, &Error{Path: name, Pos: je.Pos, Msg: "invalid JSON: " + je.Msg}
		}
		var ce *Error
		if errors.As(err, &ce) {
			ce.Path = name
			return nil, ce
		}
		return nil, &Error{Path: name, Msg: err.Error()}
	}
	if root.Kind != yaml.MappingNode {
		return nil, ld.errorf(name, root, "a markdownlint config must be an object of rule settings")
	}
	return root, nil
}

// parseMarkdownlintData parses JSONC, or YAML for .yaml and .yml names;
// another name is tried as JSONC, then as YAML, as markdownlint does.
func parseMarkdownlintData(path string, data []byte) (*yaml.Node, error) {
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".yaml" || ext == ".yml" {
		return parseYAMLRoot(path, data)
	}
	root, err := parseJSONC(data)
	if err != nil && ext != ".json" && ext != ".jsonc" {
		if y, yerr := parseYAMLRoot(path, data); yerr == nil {
			return y, nil
		}
	}
	return root, err
}

func parseYAMLRoot(path string, data []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, err)
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: root.Line, Column: root.Column}, nil
	}
	return root, nil
}

// file reads a markdownlint config and what it extends.
func (ld *mdLoader) file(name, abs string) ([]mdEntry, error) {
	root, err := ld.read(name, abs)
	if err != nil {
		return nil, err
	}
	return ld.object(name, abs, root)
}

// object flattens a markdownlint config object: the object it extends first,
// then its own keys over them (a JavaScript spread: a key keeps the place it
// had in the extended object).
func (ld *mdLoader) object(name, abs string, root *yaml.Node) ([]mdEntry, error) {
	file := ""
	if name != ld.cfg.Path {
		file = name
	}
	own := entriesOf(root, file)
	var ext *mdEntry
	for i := range own {
		if own[i].key == "extends" {
			ext = &own[i]
		}
	}
	if ext == nil || isFalsy(ext.node) {
		return dropKey(own, "extends"), nil
	}
	if ext.node.Kind != yaml.ScalarNode || ext.node.Tag != "!!str" {
		return nil, ld.errorf(name, ext.node, "extends must be a path to another markdownlint config")
	}
	if ld.seen[abs] {
		return nil, ld.errorf(name, ext.node, "extends makes a cycle: %s extends itself", name)
	}
	ld.seen[abs] = true
	defer delete(ld.seen, abs)
	base, err := ld.extends(name, abs, ext.node)
	if err != nil {
		return nil, err
	}
	for _, e := range dropKey(own, "extends") {
		base = setEntry(base, e)
	}
	return base, nil
}

func dropKey(entries []mdEntry, key string) []mdEntry {
	return slices.DeleteFunc(slices.Clone(entries), func(e mdEntry) bool { return e.key == key })
}

// extends reads the config that name's extends refers to: a path relative to
// name's directory, else a file of an installed package (node_modules, as
// require.resolve finds it), else one of markdownlint's own styles.
func (ld *mdLoader) extends(name, abs string, ref *yaml.Node) ([]mdEntry, error) {
	target := ref.Value
	if strings.HasPrefix(target, "~/") || target == "~" {
		if home, err := os.UserHomeDir(); err == nil {
			target = filepath.Join(home, target[1:])
		}
	}
	dir := filepath.Dir(abs)
	var candidates []string
	if filepath.IsAbs(target) {
		candidates = append(candidates, target)
	} else {
		candidates = append(candidates, filepath.Join(dir, target))
		for d := dir; ; d = filepath.Dir(d) {
			p := filepath.Join(d, "node_modules", filepath.FromSlash(target))
			candidates = append(candidates, p, p+".json")
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, p := range candidates {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			// Named as the config that extends it is: relative to the
			// working directory when that one is.
			shown := p
			if rel, err := filepath.Rel(filepath.Dir(abs), p); err == nil {
				shown = filepath.Join(filepath.Dir(name), rel)
			}
			ld.cfg.Markdownlint.Files = append(ld.cfg.Markdownlint.Files, shown)
			return ld.file(shown, p)
		}
	}
	if style, ok := markdownlintStyles[strings.TrimSuffix(filepath.ToSlash(target), ".json")]; ok {
		root, err := parseJSONC([]byte(style))
		if err != nil {
			panic(err) // a built-in style is valid JSON
		}
		ld.cfg.Markdownlint.Files = append(ld.cfg.Markdownlint.Files, ref.Value+" (built in)")
		return entriesOf(root, name), nil
	}
	return nil, ld.errorf(name, ref, "extends: cannot find %q (looked in %s and in node_modules)", ref.Value, filepath.Dir(name))
}

// cli2 reads a markdownlint-cli2 config: its ignores, and its config (when
// useConfig) with its extends. Other options are listed as ignored.
func (ld *mdLoader) cli2(name, abs string, useConfig bool) ([]mdEntry, error) {
	root, err := ld.read(name, abs)
	if err != nil {
		return nil, err
	}
	var entries []mdEntry
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "config":
			if !useConfig {
				ld.note(filepath.Base(name) + " config (" + filepath.Base(ld.cfg.Path) + " takes precedence)")
				continue
			}
			if v.Kind != yaml.MappingNode {
				return nil, ld.errorf(name, v, "config must be an object of rule settings")
			}
			entries, err = ld.object(name, abs, v)
			if err != nil {
				return nil, err
			}
		case "ignores":
			globs, err := ld.cfg.stringList(v, "ignores")
			if err != nil {
				return nil, ld.errorf(name, v, "ignores must be a list of globs")
			}
			for _, g := range globs {
				g = strings.TrimPrefix(g, "./")
				if !strings.HasPrefix(g, "!") && !strings.HasPrefix(g, "#") {
					ld.cfg.Ignore = append(ld.cfg.Ignore, g)
				} else {
					ld.note("ignores " + strconv.Quote(g))
				}
			}
			if err := ld.cfg.checkGlobs(v, ld.cfg.Ignore); err != nil {
				return nil, err
			}
		case "$schema", "noBanner", "noProgress", "showFound", "outputFormatters":
			// About markdownlint-cli2's own output.
		default:
			ld.note(k.Value)
		}
	}
	return entries, nil
}

func (ld *mdLoader) note(s string) {
	if !slices.Contains(ld.cfg.Markdownlint.Ignored, s) {
		ld.cfg.Markdownlint.Ignored = append(ld.cfg.Markdownlint.Ignored, s)
	}
}

// markdownlintRules translates flattened markdownlint config entries into rule
// settings. The "default" key (the first one, whatever its case) comes first,
// as markdownlint reads it before the others; for a file (not inline) it is
// true when missing. See ParseMarkdownlintInline for what inline changes.
func markdownlintRules(entries []mdEntry, inline bool, ignored *[]string) []RuleSetting {
	var out []RuleSetting
	var def *mdEntry
	for i := range entries {
		if strings.EqualFold(entries[i].key, "default") {
			def = &entries[i]
			break
		}
	}
	if def != nil || !inline {
		s := RuleSetting{Name: "markdownlint", Severity: "error", Replace: true, Lenient: true}
		if def != nil {
			s.Pos = Pos{Line: def.node.Line, Col: def.node.Column, File: def.file}
			s.SevPos = s.Pos
			s.Severity = "off"
			if !isFalsy(def.node) {
				s.Severity = "error"
				if def.node.Kind == yaml.ScalarNode && def.node.Value == "warning" {
					s.Severity = "warning"
				}
			}
		}
		out = append(out, s)
	}
	for _, e := range entries {
		switch {
		case strings.EqualFold(e.key, "default"), e.key == "$schema", e.key == "comment", e.key == "extends":
			continue
		}
		s := RuleSetting{
			Name: e.key, Pos: Pos{Line: e.node.Line, Col: e.node.Column, File: e.file},
			Replace: !inline, Lenient: true,
		}
		s.SevPos = s.Pos
		v := e.node
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		switch {
		case isFalsy(v):
			s.Severity = "off"
		case v.Kind == yaml.MappingNode:
			s.Severity = "error"
			enabled, explicit := true, false
			for i := 0; i+1 < len(v.Content); i += 2 {
				k, ov := v.Content[i], v.Content[i+1]
				switch k.Value {
				case "enabled":
					enabled, explicit = !isFalsy(ov), true
				case "severity":
					explicit = true
					if ov.Kind == yaml.ScalarNode && ov.Value == "warning" {
						s.Severity = "warning"
					}
				default:
					s.Options = append(s.Options, Option{Key: k.Value, Pos: Pos{Line: k.Line, Col: k.Column, File: e.file}, Node: ov})
				}
			}
			switch {
			case !enabled:
				s.Severity = "off"
			case inline && !explicit:
				s.Severity = "" // options only
			}
		case v.Kind == yaml.SequenceNode:
			if ignored != nil {
				*ignored = append(*ignored, e.key+" (a list is not a rule setting)")
			}
			continue
		case v.Kind == yaml.ScalarNode && v.Value == "warning":
			s.Severity = "warning"
		default:
			s.Severity = "error"
		}
		out = append(out, s)
	}
	return out
}

// isFalsy reports whether a value is false in JavaScript: false, null, 0 or
// the empty string.
func isFalsy(n *yaml.Node) bool {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	if n.Kind != yaml.ScalarNode {
		return false
	}
	switch n.Tag {
	case "!!bool":
		return n.Value == "false"
	case "!!null":
		return true
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		return err == nil && f == 0
	case "!!str":
		return n.Value == ""
	}
	return false
}

// markdownlintStyles are the configs markdownlint ships in its style folder,
// for extends: "markdownlint/style/NAME" when the package is not installed.
var markdownlintStyles = map[string]string{
	"markdownlint/style/all": `{"default": true}`,
	"markdownlint/style/relaxed": `{"default": true, "whitespace": false, "line_length": false,
		"ul-indent": false, "no-inline-html": false, "no-bare-urls": false,
		"fenced-code-language": false, "first-line-h1": false}`,
	"markdownlint/style/prettier": `{"blanks-around-fences": false, "blanks-around-headings": false,
		"blanks-around-lists": false, "code-fence-style": false, "emphasis-style": false,
		"heading-start-left": false, "heading-style": false, "hr-style": false, "line-length": false,
		"list-indent": false, "list-marker-space": false, "no-blanks-blockquote": false,
		"no-hard-tabs": false, "no-missing-space-atx": false, "no-missing-space-closed-atx": false,
		"no-multiple-blanks": false, "no-multiple-space-atx": false, "no-multiple-space-blockquote": false,
		"no-multiple-space-closed-atx": false, "no-trailing-spaces": false, "ol-prefix": false,
		"strong-style": false, "ul-indent": false}`,
	"markdownlint/style/cirosantilli": `{"default": true, "MD003": {"style": "atx"}, "MD004": {"style": "dash"},
		"MD007": {"indent": 4}, "MD030": {"ul_multi": 3, "ol_multi": 2}, "MD033": false,
		"MD035": {"style": "---"}}`,
}
