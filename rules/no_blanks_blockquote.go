package rules

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
)

// NoBlanksBlockquote is markdownlint's MD028: two blockquotes separated by
// nothing but blank lines.
var NoBlanksBlockquote = &Rule{
	Name:     "no-blanks-blockquote",
	Aliases:  []string{"MD028"},
	Tags:     []string{"blockquote", "whitespace"},
	Severity: Warning,
	Doc: Doc{
		Title: "Blockquotes must not be separated by blank lines only",
		Description: `Two blockquotes with only blank lines between them are read as one blockquote by some
Markdown processors and as two by others (CommonMark, GitHub and Hugo split them; kramdown,
Jekyll's default, joins them). The rule reports the blank lines between them. If they are one
quote, put a ` + "`>`" + ` on the blank line; if they are two, put some text between them. There is no
automatic fix because only the author knows which was meant.

Same semantics as markdownlint's MD028. On by default (warning): the rendering differs between
processors, so a post can change when it moves from Jekyll to Hugo.`,
		Examples: []Example{
			{Bad: "> This is a blockquote\n> which is immediately followed by\n\n> this blockquote.", Good: "> This is a blockquote.\n>\n> This is the same blockquote."},
			{Bad: "> One quote.\n\n> Another quote.", Good: "> One quote.\n\nAnd Jimmy also said:\n\n> Another quote.", Note: "two quotes need something between them"},
		},
	},
	Run: runNoBlanksBlockquote,
}

func runNoBlanksBlockquote(pass *Pass) error {
	v := mdbNewLines(pass.Document)
	var starts []bool
	inspect(pass.Document, func(n ast.Node) bool {
		q, ok := n.(*ast.Blockquote)
		if !ok {
			return true
		}
		next, ok := q.NextSibling().(*ast.Blockquote)
		if !ok {
			return true
		}
		if starts == nil {
			starts = mdbBlockStarts(v)
		}
		var blanks []int
		for i := mdbLastLine(v, q, starts) + 1; i < v.of(next.Pos()); i++ {
			t := v.text(i)
			switch {
			case len(bytes.TrimSpace(t)) == 0:
				blanks = append(blanks, i)
			case len(blanks) == 0 && len(bytes.Trim(t, " \t>")) == 0:
				// A ">" line still belongs to the first blockquote.
			default:
				return true // something between them
			}
		}
		for _, i := range blanks {
			pass.Reportf(v.start(i), v.end(i), "blank line between two blockquotes: some processors join them, others do not; put > on it to join them or text between them to keep them apart")
		}
		return true
	})
	return nil
}
