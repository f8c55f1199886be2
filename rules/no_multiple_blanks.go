package rules

import (
	"bytes"
	"fmt"
)

// NoMultipleBlanksOptions configures no-multiple-blanks.
type NoMultipleBlanksOptions struct {
	Maximum int `yaml:"maximum" doc:"consecutive blank lines allowed"`
}

// Validate checks the number.
func (o *NoMultipleBlanksOptions) Validate() error {
	if o.Maximum < 1 {
		return fmt.Errorf("maximum must be at least 1")
	}
	return nil
}

// NoMultipleBlanks is markdownlint's MD012.
var NoMultipleBlanks = &Rule{
	Name:     "no-multiple-blanks",
	Aliases:  []string{"MD012"},
	Tags:     []string{"whitespace", "blank_lines"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "There should not be several blank lines in a row",
		Description: `Reports each blank line beyond ` + "`maximum`" + ` (1 by default) in a row. Outside code blocks
extra blank lines do not render; they only make the source look unfinished. Blank lines in code
blocks, in the bodies of ` + "`{% raw %}`" + ` and ` + "`{% highlight %}`" + ` blocks and in front matter are not
counted. As in markdownlint, the empty line after the last line break counts too: a file ending
in two line breaks ends with two blank lines. The fix deletes the extra lines, except that
empty last line, which has nothing to delete (remove the extra line break before it by hand),
and blank lines inside an HTML block that runs to its end tag (a comment, say), which are part
of the HTML.`,
		Examples: []Example{
			{Bad: "Some text here\n\n\nSome more text here", Good: "Some text here\n\nSome more text here"},
		},
	},
	Options: func() any { return &NoMultipleBlanksOptions{Maximum: 1} },
	Run:     runNoMultipleBlanks,
}

func runNoMultipleBlanks(pass *Pass) error {
	maximum := OptionsOf[NoMultipleBlanksOptions](pass).Maximum
	v := newStructLines(pass.Document)
	count := 0
	for i := 0; i < v.n(); i++ {
		if !v.body(i) || v.kinds[i]&slCode != 0 || !v.blank(i) {
			count = 0
			continue
		}
		count++
		if count <= maximum {
			continue
		}
		s, e := v.start(i), v.next(i)
		if pass.InTemplate(s, max(e, s+1)) {
			continue
		}
		d := Diagnostic{
			Start:   s,
			End:     e,
			Message: fmt.Sprintf("%d blank lines in a row (at most %d)", count, maximum),
		}
		switch {
		case v.kinds[i]&slHTML != 0:
			// Inside an HTML block that runs to its end tag ("<!--",
			// "<!X", "<?", "<script>"…), a blank line is part of the block:
			// deleting it changes the HTML. Report it, fix it by hand.
			d.Message += " inside an HTML block"
		case len(bytes.Trim(v.text(i), " \t")) > 0:
			// Blank for markdownlint, not for CommonMark: a vertical tab
			// or form feed is text to goldmark. Report it, fix it by hand.
		case s < e:
			d.Fix = &Fix{Message: "delete the blank line", Edits: []Edit{{Start: s, End: e}}}
		default:
			// The empty line after the final line break has nothing to
			// delete; the line break before it lies outside the finding.
			d.Message += " at the end of the file"
		}
		pass.Report(d)
	}
	return nil
}
