package rules

import (
	"fmt"
)

// SentenceSpacing reports two or more spaces between sentences.
var SentenceSpacing = &Rule{
	Name:     "sentence-spacing",
	Tags:     []string{"prose"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Sentences must be separated by one space",
		Description: `Reports two or more spaces after the end of a sentence (` + "`.`" + `, ` + "`!`" + `, ` + "`?`" + `, and a closing
quote or bracket after them) before the next sentence on the same line, a typewriter habit.
HTML collapses the spaces, so readers never see them: the rule is off by default and is for
projects that want the source consistent (diffs, grep, other renderers). Two spaces at the end
of a line (a Markdown hard line break), spaces in code, and alignment in tables are not
reported. The fix leaves one space.`,
		Examples: []Example{
			{Bad: "It works.  Try it.", Good: "It works. Try it."},
		},
	},
	Run: runSentenceSpacing,
}

func runSentenceSpacing(pass *Pass) error {
	src := pass.Source
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString || c.Kind == TableCell {
			continue
		}
		t := c.Text
		for i := 0; i < len(t); i++ {
			if t[i] != '.' && t[i] != '!' && t[i] != '?' {
				continue
			}
			// The end of a word, not "..." in the middle of a run or a
			// lone dot.
			if i == 0 || t[i-1] == ' ' || t[i-1] == '\n' {
				continue
			}
			j := i + 1
			for j < len(t) && (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']' || t[j] == '*' || t[j] == '_' || t[j] == '.' || t[j] == '!' || t[j] == '?') {
				j++
			}
			k := j
			for k < len(t) && t[k] == ' ' {
				k++
			}
			if k-j < 2 || k >= len(t) || t[k] == '\n' || t[k] == '\r' || !c.Clean(src, i, k+1) {
				continue
			}
			start, end := c.Start+j, c.Start+k
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("%d spaces between sentences", k-j),
				Fix:     &Fix{Message: "leave one space", Edits: []Edit{{Start: start, End: end, NewText: " "}}},
			})
			i = k
		}
	}
	return nil
}
