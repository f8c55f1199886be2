package rules

import (
	"bytes"
	"fmt"
)

// HeadingIncrementOptions configures heading-increment.
type HeadingIncrementOptions struct {
	FrontMatterTitle string `yaml:"front_matter_title" doc:"regular expression (case-insensitive) for a front matter line that sets the title; when one matches, the title counts as a level 1 heading. \"\" ignores the front matter"`
}

// HeadingIncrement is markdownlint's MD001: heading levels go down one at a
// time.
var HeadingIncrement = &Rule{
	Name:     "heading-increment",
	Aliases:  []string{"MD001"},
	Tags:     []string{"headings"},
	Severity: Warning,
	Doc: Doc{
		Title: "Heading levels should only increment by one level at a time",
		Description: `Reports a heading that is more than one level deeper than the heading before it, such as
a level 3 heading right after a level 1 heading. Headings are the outline of a post: readers
who navigate by headings (screen readers, tables of contents) see a skipped level as a
missing section.

When the front matter sets a title (a line matching ` + "`front_matter_title`" + `), the title is the
level 1 heading and the first heading of the body should be level 2, as themes render the title
as the page's ` + "`<h1>`" + `. Without front matter the first heading may have any level. There is no
automatic fix: whether to promote the heading or add the missing one is the author's choice.`,
		Examples: []Example{
			{Bad: "# Title\n\n### Details", Good: "# Title\n\n## Details"},
			{Bad: "---\ntitle: My post\n---\n\n### Background", Good: "---\ntitle: My post\n---\n\n## Background", Note: "the front matter title is the level 1 heading"},
		},
	},
	Options: func() any {
		return &HeadingIncrementOptions{FrontMatterTitle: `^\s*"?title"?\s*[:=]`}
	},
	Run: runHeadingIncrement,
}

// Validate checks the title regexp once, when the config is loaded.
func (o *HeadingIncrementOptions) Validate() error {
	if o.FrontMatterTitle == "" {
		return nil
	}
	if _, err := slRegexp("(?i)" + o.FrontMatterTitle); err != nil {
		return fmt.Errorf("front_matter_title: %w", err)
	}
	return nil
}

func runHeadingIncrement(pass *Pass) error {
	opts := OptionsOf[HeadingIncrementOptions](pass)
	prev := 0 // no heading yet: any level is fine
	title := frontMatterHasTitle(pass.Document, opts.FrontMatterTitle)
	if title {
		prev = 1
	}
	v := newStructLines(pass.Document)
	for i, h := range v.headings() {
		if prev > 0 && h.level > prev+1 {
			if i == 0 && title {
				pass.Reportf(h.start, v.end(h.line), "heading level %d under the front matter title (level 1): expected level 2", h.level)
			} else {
				pass.Reportf(h.start, v.end(h.line), "heading level %d after level %d: expected level %d", h.level, prev, prev+1)
			}
		}
		prev = h.level
	}
	return nil
}

// frontMatterHasTitle reports whether a line of the front matter matches
// the title pattern (case-insensitive); "" never matches.
func frontMatterHasTitle(doc *Document, pattern string) bool {
	fm := doc.FrontMatter
	if fm == nil || pattern == "" {
		return false
	}
	re, err := slRegexp("(?i)" + pattern)
	if err != nil {
		return false
	}
	for _, line := range bytes.Split(doc.Source[fm.Start:fm.End], []byte("\n")) {
		if re.Match(bytes.TrimRight(line, "\r")) {
			return true
		}
	}
	return false
}
