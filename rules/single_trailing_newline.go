package rules

import (
	"bytes"
	"unicode/utf8"
)

// SingleTrailingNewline is markdownlint's MD047.
var SingleTrailingNewline = &Rule{
	Name:     "single-trailing-newline",
	Aliases:  []string{"MD047"},
	Tags:     []string{"blank_lines"},
	Severity: Off, // final-newline (on by default) reports the same thing; on in --preset markdownlint
	Fixable:  true,
	Doc: Doc{
		Title: "Files should end with a single newline character",
		Description: `Reports a file whose last line does not end with a newline. Many tools (cat, diff, git,
concatenating build steps) handle such a file badly. As in markdownlint, a last line that holds
only whitespace or an HTML comment counts as ended (extra blank lines at the end are the
business of ` + "`no-multiple-blanks`" + `). The fix appends the file's line ending.`,
		Examples: []Example{
			{Bad: "# Heading\n\nThis file ends without a newline.[EOF]", Good: "# Heading\n\nThis file ends with a newline.\n[EOF]", Note: "[EOF] marks the end of the file"},
		},
	},
	Run: runSingleTrailingNewline,
}

func runSingleTrailingNewline(pass *Pass) error {
	src := pass.Source
	if len(src) == 0 || len(src) <= pass.BodyStart {
		return nil
	}
	last := bytes.LastIndexAny(src, "\r\n") + 1
	if mdcBlankLine(src[last:]) {
		return nil
	}
	end := len(src)
	_, size := utf8.DecodeLastRune(src)
	pass.Report(Diagnostic{
		Start:   end - size,
		End:     end,
		Message: "file should end with a single newline character",
		Fix:     &Fix{Message: "add a newline at the end", Edits: []Edit{{Start: end, End: end, NewText: mdcNewline(src)}}},
	})
	return nil
}
