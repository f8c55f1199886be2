package rules

import (
	"bytes"
	"fmt"
	"slices"

	"github.com/yuin/goldmark/ast"
)

// FencedCodeLanguageOptions configures fenced-code-language.
type FencedCodeLanguageOptions struct {
	AllowedLanguages []string `yaml:"allowed_languages" doc:"the languages a fence may name (case-sensitive); empty allows any"`
	LanguageOnly     bool     `yaml:"language_only" doc:"report info strings with more than the language (\"ruby startline=3\")"`
}

// FencedCodeLanguage is markdownlint's MD040: fenced code blocks name their
// language.
var FencedCodeLanguage = &Rule{
	Name:     "fenced-code-language",
	Aliases:  []string{"MD040"},
	Tags:     []string{"code", "language"},
	Severity: Off,
	Doc: Doc{
		Title: "Fenced code blocks must name their language",
		Description: `Reports a fenced code block whose opening fence names no language: without one, the code
is not highlighted, or is highlighted by guess. Use ` + "`text`" + ` for plain text. With
` + "`allowed_languages`" + ` the language must be one of the list; with ` + "`language_only`" + ` the info string
may hold nothing but the language. No automatic fix: only the author knows the language.

Same semantics and options as markdownlint's MD040. Off by default: many posts have plain
output blocks, and a missing language does not break the rendering.`,
		Examples: []Example{
			{Bad: "```\n#!/bin/bash\necho Hello world\n```", Good: "```bash\n#!/bin/bash\necho Hello world\n```"},
		},
	},
	Options: func() any { return &FencedCodeLanguageOptions{AllowedLanguages: []string{}} },
	Run:     runFencedCodeLanguage,
}

func runFencedCodeLanguage(pass *Pass) error {
	opts := OptionsOf[FencedCodeLanguageOptions](pass)
	src := pass.Source
	v := mdbNewLines(pass.Document)
	inspect(pass.Document, func(n ast.Node) bool {
		f, ok := n.(*ast.FencedCodeBlock)
		if !ok {
			return true
		}
		start := f.Pos()
		end := v.end(v.of(start))
		k := start
		for k < end && src[k] == src[start] {
			k++
		}
		info := bytes.TrimSpace(src[k:end])
		lang, meta := info, []byte(nil)
		if i := bytes.IndexAny(info, " \t"); i >= 0 {
			lang, meta = info[:i], bytes.TrimSpace(info[i:])
		}
		if v.inTemplate(start, end) {
			return false
		}
		switch {
		case len(lang) == 0:
			pass.Reportf(start, end, "fenced code block without a language; name it after the fence (text for plain text)")
		case len(opts.AllowedLanguages) > 0 && !slices.Contains(opts.AllowedLanguages, string(lang)):
			pass.Reportf(start, end, "fenced code block language %q is not one of allowed_languages", lang)
		}
		if opts.LanguageOnly && len(meta) > 0 {
			pass.Reportf(start, end, "fenced code block info string has more than the language: %q", fmt.Sprint(string(info)))
		}
		return false
	})
	return nil
}
