package markdown

import (
	"io"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Render writes the HTML of src, parsed from offset body on (past the front
// matter) with the shared configuration, as postlint publish renders posts:
// GFM and footnotes, raw HTML kept, every heading given an id as goldmark's
// auto heading ids do ("Hello, World" becomes id="hello-world"; repeats get
// -1, -2 …). Template syntax is not special here: it is rendered as the text
// it is.
func Render(w io.Writer, src []byte, body int) error {
	pc := parser.NewContext()
	root := md.Parser().Parse(bodyReader(src, body), parser.WithContext(pc))
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		// What parser.WithAutoHeadingID does: an id from the heading's
		// last source line, unique in the document. The parser is shared
		// with linting, which needs no ids, so they are added here.
		var line []byte
		if lines := h.Lines(); lines.Len() > 0 {
			last := lines.At(lines.Len() - 1)
			line = last.Value(src)
		}
		h.SetAttribute([]byte("id"), pc.IDs().Generate(line, ast.KindHeading))
		return ast.WalkSkipChildren, nil
	})
	return md.Renderer().Render(w, src, root)
}
