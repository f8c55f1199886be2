// Package packs compiles declarative rules — existence, substitution,
// occurrence, repetition, capitalization and consistency — written in YAML,
// into ordinary *rules.Rule values. They come from rule packs (directories of
// YAML files, one rule per file, named in the config's packs list), from the
// built-in packs embedded in the binary (rules/packs), and from the config's
// own define section. Everything is compiled once, when the driver resolves
// the config; a broken definition is an error that names the file, the line
// and the reason.
//
// A compiled rule runs, takes severities and is toggled by directives exactly
// as a built-in rule: the driver cannot tell them apart.
package packs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/rules"
	shipped "github.com/postlint/postlint/rules/packs"
)

// Rule is a compiled declarative rule and where it was defined.
type Rule struct {
	*rules.Rule
	Pack string // the pack's name; "" for a rule defined in the config
	File string // the YAML file (for a built-in pack, its path in the module)
	Line int    // where the definition starts in File
}

// Source is "file:line" of the definition.
func (r Rule) Source() string { return fmt.Sprintf("%s:%d", r.File, r.Line) }

// Builtin returns the names of the packs shipped in the binary, sorted.
func Builtin() []string {
	entries, _ := fs.ReadDir(shipped.FS, ".")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Load compiles the packs named by cfg and the rules it defines, in that
// order. Pack rules are named PACK/FILE (house/click-here); rules defined in
// the config keep their own names. Names must not clash with each other nor
// with registered rules.
func Load(cfg *config.Config) ([]Rule, error) {
	if cfg == nil {
		return nil, nil
	}
	var out []Rule
	seenPack := make(map[string]string)
	for _, ref := range cfg.Packs {
		rs, name, where, err := loadPack(cfg, ref)
		if err != nil {
			return nil, err
		}
		if prev, ok := seenPack[name]; ok {
			return nil, cfg.Errorf(ref.Pos, "pack %q is listed twice (%s and %s): pack names (the directory names) must differ", name, prev, where)
		}
		seenPack[name] = where
		out = append(out, rs...)
	}
	if cfg.Define != nil {
		rs, err := loadDefine(cfg)
		if err != nil {
			return nil, err
		}
		out = append(out, rs...)
	}
	return out, checkNames(cfg, out)
}

func checkNames(cfg *config.Config, rs []Rule) error {
	seen := make(map[string]Rule)
	for _, r := range rs {
		key := strings.ToLower(r.Name)
		if old := rules.Lookup(key); old != nil {
			return &config.Error{Path: r.File, Pos: config.Pos{Line: r.Line, Col: 1}, Msg: fmt.Sprintf("rule %s: the name is taken by the built-in rule %s", r.Name, old.Name)}
		}
		if old, ok := seen[key]; ok {
			return &config.Error{Path: r.File, Pos: config.Pos{Line: r.Line, Col: 1}, Msg: fmt.Sprintf("rule %s is defined twice (first at %s)", r.Name, old.Source())}
		}
		seen[key] = r
	}
	_ = cfg
	return nil
}

// isPath reports whether a packs entry names a directory rather than a
// built-in pack.
func isPath(s string) bool {
	return strings.HasPrefix(s, ".") || strings.ContainsAny(s, `/\`) || filepath.IsAbs(s)
}

func loadPack(cfg *config.Config, ref config.Ref) (rs []Rule, name, where string, err error) {
	if !isPath(ref.Value) {
		name = ref.Value
		if _, err := fs.Stat(shipped.FS, name); err != nil {
			hint := ""
			if m := config.Suggest(name, Builtin()); m != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", m)
			}
			return nil, "", "", cfg.Errorf(ref.Pos, "unknown built-in pack %q%s; built-in packs: %s; a directory of rule files is written as a path (./%s)", name, hint, strings.Join(Builtin(), ", "), name)
		}
		files, _ := fs.Glob(shipped.FS, name+"/*.yml")
		for _, f := range files {
			data, _ := fs.ReadFile(shipped.FS, f)
			r, err := compileFile(path.Join("rules/packs", f), name, data)
			if err != nil {
				return nil, "", "", err
			}
			rs = append(rs, r)
		}
		return rs, name, "built-in", nil
	}
	dir := filepath.FromSlash(ref.Value)
	if !filepath.IsAbs(dir) && cfg.Dir != "" {
		dir = filepath.Join(cfg.Dir, dir)
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		why := "not a directory"
		if errors.Is(err, fs.ErrNotExist) {
			why = "no such directory"
		} else if err != nil {
			why = err.Error()
		}
		return nil, "", "", cfg.Errorf(ref.Pos, "pack %s: %s (a pack is a directory of YAML rule files, relative to the config file)", ref.Value, why)
	}
	name = filepath.Base(filepath.Clean(dir))
	var files []string
	for _, pat := range []string{"*.yml", "*.yaml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, "", "", cfg.Errorf(ref.Pos, "pack %s has no rule files (*.yml)", ref.Value)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, "", "", fmt.Errorf("pack %s: %w", ref.Value, err)
		}
		r, err := compileFile(displayPath(f), name, data)
		if err != nil {
			return nil, "", "", err
		}
		rs = append(rs, r)
	}
	return rs, name, ref.Value, nil
}

// displayPath makes a path relative to the working directory when it is
// below it, for messages.
func displayPath(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return p
}

// compileFile compiles one rule file of a pack: the rule is named after the
// file.
func compileFile(file, pack string, data []byte) (Rule, error) {
	base := path.Base(filepath.ToSlash(file))
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".yml"), ".yaml")
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Rule{}, config.YAMLError(file, err)
	}
	if len(doc.Content) == 0 {
		return Rule{}, &config.Error{Path: file, Msg: "empty rule file: want a mapping with kind: existence, substitution, occurrence, repetition, capitalization or consistency"}
	}
	p := &parser{file: file}
	if !kebab(base) {
		return Rule{}, p.errorf(doc.Content[0], "the file name %q is the rule's name and must be kebab-case (lowercase words joined by hyphens)", base)
	}
	r, err := p.compile(pack+"/"+base, pack, doc.Content[0], string(data))
	if err != nil {
		return Rule{}, err
	}
	return Rule{Rule: r, Pack: pack, File: file, Line: doc.Content[0].Line}, nil
}

func loadDefine(cfg *config.Config) ([]Rule, error) {
	p := &parser{file: cfg.Path}
	shown := displayPath(cfg.Path)
	n := cfg.Define
	var out []Rule
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if !kebab(k.Value) {
			return nil, p.errorf(k, "rule name %q must be kebab-case (lowercase words joined by hyphens)", k.Value)
		}
		text, _ := yaml.Marshal(v)
		r, err := p.compile(k.Value, "", v, string(text))
		if err != nil {
			return nil, err
		}
		out = append(out, Rule{Rule: r, File: shown, Line: k.Line})
	}
	return out, nil
}

func kebab(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
