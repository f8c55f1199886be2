package cli

import (
	"os"

	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/spelling"
)

// runWords is the pre-pass of a run over several files when the spelling
// rule is on: it counts the files that use each word the dictionary does
// not know, so that a project's own vocabulary (names, jargon) is not
// reported as misspelled. Rules still lint one file at a time; they read
// the counts from rules.Pass.RunWords.
func runWords(files []string, jobs int) map[string]int {
	v := spelling.NewVocabulary()
	lint.ForEach(len(files), jobs, func(i int) struct{} {
		if src, err := os.ReadFile(files[i]); err == nil && !isBinary(src) {
			v.Add(src)
		}
		return struct{}{}
	}, func(int, struct{}) {})
	return v.Counts()
}
