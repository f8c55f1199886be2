package main

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/rules"
)

// Stand-ins for three markdownlint rules, so that the markdownlint-*.txtar
// scripts (presets, configs, tags, directives) can run before the real rules
// land. Each is registered only when no rule of that name exists: once the
// real rule is in the registry the stand-in is inert. The scripts use inputs
// on which a stand-in and markdownlint agree (one or three trailing spaces, a
// skipped heading level, two blank lines; no code) and check rule names and
// lines, not messages.
var standIns = []*rules.Rule{
	{
		Name: "no-trailing-spaces", Aliases: []string{"MD009"}, Tags: []string{"whitespace"},
		Severity: rules.Warning, Doc: rules.Doc{Title: "stand-in"},
		Options: func() any { return &trailingOptions{BrSpaces: 2} },
		Run: func(p *rules.Pass) error {
			br := rules.OptionsOf[trailingOptions](p).BrSpaces
			for n, start := range p.LineStarts {
				end := len(p.Source)
				if n+1 < len(p.LineStarts) {
					end = p.LineStarts[n+1] - 1
				}
				line := bytes.TrimRight(p.Source[start:max(start, end)], "\r")
				trimmed := bytes.TrimRight(line, " ")
				if k := len(line) - len(trimmed); k > 0 && (k != br || br < 2) {
					p.Reportf(start+len(trimmed), start+len(line), "%d trailing spaces", k)
				}
			}
			return nil
		},
	},
	{
		Name: "heading-increment", Aliases: []string{"MD001"}, Tags: []string{"headings"},
		Severity: rules.Warning, Doc: rules.Doc{Title: "stand-in"},
		Run: func(p *rules.Pass) error {
			prev := 0
			return ast.Walk(p.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if h, ok := n.(*ast.Heading); ok && entering {
					if prev > 0 && h.Level > prev+1 {
						pos := h.Lines().At(0).Start
						p.Reportf(pos, pos, "h%d after h%d", h.Level, prev)
					}
					prev = h.Level
				}
				return ast.WalkContinue, nil
			})
		},
	},
	{
		Name: "no-multiple-blanks", Aliases: []string{"MD012"}, Tags: []string{"whitespace", "blank_lines"},
		Severity: rules.Warning, Doc: rules.Doc{Title: "stand-in"},
		Options: func() any { return &blanksOptions{Maximum: 1} },
		Run: func(p *rules.Pass) error {
			maximum := rules.OptionsOf[blanksOptions](p).Maximum
			blanks := 0
			for n, start := range p.LineStarts {
				end := len(p.Source)
				if n+1 < len(p.LineStarts) {
					end = p.LineStarts[n+1]
				}
				if len(bytes.TrimSpace(p.Source[start:end])) > 0 || start == len(p.Source) {
					blanks = 0
					continue
				}
				if blanks++; blanks > maximum {
					p.Reportf(start, start, "%d blank lines", blanks)
				}
			}
			return nil
		},
	},
}

type blanksOptions struct {
	Maximum int `yaml:"maximum"`
}

type trailingOptions struct {
	BrSpaces int `yaml:"br_spaces"`
}

func init() {
	for _, r := range standIns {
		if rules.Lookup(r.Name) == nil && rules.Lookup(r.Aliases[0]) == nil {
			if err := rules.Register(r); err != nil {
				panic(err)
			}
		}
	}
}
