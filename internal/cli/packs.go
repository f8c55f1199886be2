package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/postlint/postlint/internal/lint"
)

// listPackRules prints the rules of the config's packs and definitions after
// the registered ones, with the file that defines each.
func listPackRules(w io.Writer, linter *lint.Linter) error {
	prs := linter.PackRules()
	if len(prs) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PACK RULE\tFIXABLE\tSEVERITY\tSOURCE\tSUMMARY")
	for _, r := range prs {
		fixable := "no"
		if r.Fixable {
			fixable = "yes"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, fixable, r.Severity, r.Source(), r.Doc.Title)
	}
	return tw.Flush()
}
