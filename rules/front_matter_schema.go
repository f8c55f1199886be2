package rules

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// FrontMatterSchemaOptions configures front-matter-schema.
type FrontMatterSchemaOptions struct {
	Required           []string                  `yaml:"required" doc:"keys every post must have (dotted paths for nested keys: author.name)"`
	Keys               map[string]FrontMatterKey `yaml:"keys" doc:"what a key's value must be, by key: type (string, integer, number, bool, date, list, map), format (a date layout: YYYY-MM-DD, YYYY-MM-DD hh:mm:ss, or Go's 2006-01-02), allowed (a list of values), pattern (a regular expression a string must match)"`
	RequireFrontMatter bool                      `yaml:"require-front-matter" doc:"report files that have no front matter (otherwise they are not checked)"`
}

// FrontMatterKey is the schema of one front matter key.
type FrontMatterKey struct {
	Type    string   `yaml:"type"`
	Format  string   `yaml:"format"`
	Allowed []string `yaml:"allowed"`
	Pattern string   `yaml:"pattern"`
}

var frontMatterKeyFields = []string{"type", "format", "allowed", "pattern"}

// UnmarshalYAML rejects unknown fields, so that a typo in the schema is an
// error rather than a check that silently does nothing.
func (k *FrontMatterKey) UnmarshalYAML(unmarshal func(any) error) error {
	var raw map[string]any
	if err := unmarshal(&raw); err != nil {
		return fmt.Errorf("a key's schema is a mapping with %s", strings.Join(frontMatterKeyFields, ", "))
	}
	for f := range raw {
		known := false
		for _, g := range frontMatterKeyFields {
			known = known || f == g
		}
		if !known {
			return fmt.Errorf("unknown field %q in a key's schema (fields: %s)", f, strings.Join(frontMatterKeyFields, ", "))
		}
	}
	type plain FrontMatterKey
	return unmarshal((*plain)(k))
}

var frontMatterTypes = []string{"string", "integer", "number", "bool", "date", "list", "map"}

// Validate checks types, formats and patterns.
func (o *FrontMatterSchemaOptions) Validate() error {
	names := make([]string, 0, len(o.Keys))
	for k := range o.Keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		k := o.Keys[name]
		if k.Type != "" && !contains(frontMatterTypes, k.Type) {
			return fmt.Errorf("key %s: unknown type %q (types: %s)", name, k.Type, strings.Join(frontMatterTypes, ", "))
		}
		if k.Format != "" && k.Type != "date" && k.Type != "" {
			return fmt.Errorf("key %s: format applies to dates only (type: date)", name)
		}
		if k.Pattern != "" {
			if _, err := regexp.Compile(k.Pattern); err != nil {
				return fmt.Errorf("key %s: pattern: %w", name, err)
			}
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// FrontMatterSchema checks front matter against a schema declared in the
// config.
var FrontMatterSchema = &Rule{
	Name:     "front-matter-schema",
	Tags:     []string{"front-matter"},
	Severity: Off,
	Doc: Doc{
		Title: "Front matter must follow the schema declared in the config",
		Description: `A site's templates expect some front matter keys, of some types: a post without a ` + "`title`" + `,
a ` + "`date`" + ` that is not a date, a ` + "`layout`" + ` that does not exist, ` + "`tags`" + ` written as a string instead of a
list. The rule checks each post against a schema declared in ` + "`.postlint.yml`" + `: required keys, and
per key its type, its date format, its allowed values and a pattern.

It is off until configured (configuring it turns it on). Use ` + "`overrides`" + ` to give different
folders different schemas. Files without front matter are not checked unless
` + "`require-front-matter`" + ` is set.`,
		Examples: []Example{
			{Bad: "---\nlayout: psot\ndate: 24/01/2024\ntags: go\n---", Good: "---\ntitle: Hello\nlayout: post\ndate: 2024-01-24\ntags: [go]\n---",
				Note: "with required: [title] and keys: {layout: {allowed: [post, page]}, date: {type: date, format: YYYY-MM-DD}, tags: {type: list}}"},
		},
	},
	Options: func() any { return &FrontMatterSchemaOptions{} },
	Run:     runFrontMatterSchema,
}

func runFrontMatterSchema(pass *Pass) error {
	opts := OptionsOf[FrontMatterSchemaOptions](pass)
	fm := pass.FrontMatter
	if fm == nil {
		if opts.RequireFrontMatter && (len(opts.Required) > 0 || len(opts.Keys) > 0) {
			end := pass.BodyStart
			if len(pass.LineStarts) > 1 {
				end = max(end, pass.LineStarts[1]-1)
			}
			pass.Reportf(pass.BodyStart, max(pass.BodyStart, min(end, len(pass.Source))), "no front matter (required: %s)", strings.Join(opts.Required, ", "))
		}
		return nil
	}
	if fm.Err != nil {
		return nil // a syntax error: the front matter rule's business
	}
	open := fm.Start + 3
	if fm.Format == "json" {
		open = fm.Start + 1
	}
	for _, key := range opts.Required {
		if _, ok := lookupPath(fm.Data, strings.Split(key, ".")); !ok {
			pass.Reportf(fm.Start, min(open, fm.End), "front matter has no %q (required)", key)
		}
	}
	names := make([]string, 0, len(opts.Keys))
	for k := range opts.Keys {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		schema := opts.Keys[name]
		path := strings.Split(name, ".")
		v, ok := lookupPath(fm.Data, path)
		if !ok || v == nil {
			continue // absence is what required is for; an empty value is empty-front-matter-value's
		}
		start, end, raw := valueRange(pass, fm, path)
		if msg := checkFrontMatterValue(name, v, raw, schema); msg != "" {
			pass.Reportf(start, end, "%s", msg)
		}
	}
	return nil
}

// lookupPath finds a dotted path in decoded front matter.
func lookupPath(data map[string]any, path []string) (any, bool) {
	var cur any = data
	for _, p := range path {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, false
		}
		if cur, ok = m[p]; !ok {
			return nil, false
		}
	}
	return cur, true
}

// valueRange returns where the value at path is written: the scalar, or
// the key of a list or map; raw is the scalar as written ("" otherwise).
func valueRange(pass *Pass, fm *FrontMatter, path []string) (start, end int, raw string) {
	joined := strings.Join(path, "\x00")
	for _, v := range fm.Values {
		if strings.Join(v.Path, "\x00") == joined {
			if v.End > v.Start {
				return v.Start, v.End, string(pass.Source[v.Start:v.End])
			}
			return v.KeyStart, v.KeyEnd, ""
		}
	}
	// A list or a map: find its key in the block.
	key := path[len(path)-1]
	block := string(pass.Source[fm.Start:fm.End])
	for _, quote := range []string{"", `"`, "'"} {
		needle := quote + key + quote
		for i := 0; ; {
			j := strings.Index(block[i:], needle)
			if j < 0 {
				break
			}
			at := i + j
			lineStart := at == 0 || block[at-1] == '\n' || strings.TrimSpace(block[strings.LastIndexByte(block[:at], '\n')+1:at]) == "" || strings.HasSuffix(strings.TrimRight(block[:at], " \t"), "{") || strings.HasSuffix(strings.TrimRight(block[:at], " \t"), ",")
			rest := strings.TrimLeft(block[at+len(needle):], " \t")
			if lineStart && (strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, "=")) {
				return fm.Start + at, fm.Start + at + len(needle), ""
			}
			i = at + len(needle)
		}
	}
	return fm.Start, min(fm.Start+3, fm.End), ""
}

func checkFrontMatterValue(name string, v any, raw string, s FrontMatterKey) string {
	typ := s.Type
	if typ == "" && s.Format != "" {
		typ = "date"
	}
	switch typ {
	case "string":
		if _, ok := v.(string); !ok {
			return fmt.Sprintf("front matter %q must be a string, not %s", name, describeValue(v))
		}
	case "integer":
		ok := false
		switch n := v.(type) {
		case int, int64:
			ok = true
		case float64:
			ok = n == math.Trunc(n)
		}
		if !ok {
			return fmt.Sprintf("front matter %q must be an integer, not %s", name, describeValue(v))
		}
	case "number":
		switch v.(type) {
		case int, int64, float64:
		default:
			return fmt.Sprintf("front matter %q must be a number, not %s", name, describeValue(v))
		}
	case "bool":
		if _, ok := v.(bool); !ok {
			return fmt.Sprintf("front matter %q must be true or false, not %s", name, describeValue(v))
		}
	case "list":
		if _, ok := v.([]any); !ok {
			return fmt.Sprintf("front matter %q must be a list, not %s", name, describeValue(v))
		}
	case "map":
		if _, ok := v.(map[string]any); !ok {
			return fmt.Sprintf("front matter %q must be a mapping, not %s", name, describeValue(v))
		}
	case "date":
		text := raw
		if text == "" {
			if str, ok := v.(string); ok {
				text = str
			}
		}
		text = strings.Trim(text, `"'`)
		if s.Format != "" {
			layout := dateLayout(s.Format)
			if _, err := time.Parse(layout, text); err != nil {
				return fmt.Sprintf("front matter %q is %q, not a date in the format %s", name, text, s.Format)
			}
		} else if _, isTime := v.(time.Time); !isTime && !anyDate(text) {
			return fmt.Sprintf("front matter %q must be a date, not %s", name, describeValue(v))
		}
	}
	if len(s.Allowed) > 0 {
		str := fmt.Sprint(v)
		if !contains(s.Allowed, str) {
			return fmt.Sprintf("front matter %q is %q; allowed: %s", name, str, strings.Join(s.Allowed, ", "))
		}
	}
	if s.Pattern != "" {
		if str, ok := v.(string); ok {
			if re := compiledPattern(s.Pattern); re != nil && !re.MatchString(str) {
				return fmt.Sprintf("front matter %q is %q, which does not match %s", name, str, s.Pattern)
			}
		}
	}
	return ""
}

func describeValue(v any) string {
	switch x := v.(type) {
	case string:
		return fmt.Sprintf("the string %q", x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case int, int64, float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case time.Time:
		return "a date"
	}
	return fmt.Sprintf("%v", v)
}

var patterns sync.Map // pattern -> *regexp.Regexp

func compiledPattern(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil
	}
	patterns.Store(p, re)
	return re
}

// dateLayout turns YYYY-MM-DD style formats into Go layouts; a Go layout
// (2006-01-02) is returned as it is.
func dateLayout(f string) string {
	r := strings.NewReplacer("YYYY", "2006", "MM", "01", "DD", "02", "hh", "15", "HH", "15", "mm", "04", "ss", "05", "Z", "Z07:00")
	return r.Replace(f)
}

var dateLayouts = []string{"2006-01-02", "2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02 15:04:05 Z07:00", "01/02/2006", "2006/01/02"}

func anyDate(s string) bool {
	for _, l := range dateLayouts {
		if _, err := time.Parse(l, s); err == nil {
			return true
		}
	}
	return false
}
