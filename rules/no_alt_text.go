package rules

import (
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
)

var (
	htmlAltAttr        = regexp.MustCompile(`(?i)\salt\s*=`)
	htmlAriaHiddenAttr = regexp.MustCompile(`(?i)\saria-hidden\s*=\s*['"]?([^'"\s>]*)`)
)

// NoAltText is markdownlint's MD045.
var NoAltText = &Rule{
	Name:     "no-alt-text",
	Aliases:  []string{"MD045"},
	Tags:     []string{"accessibility", "images"},
	Severity: Warning, // an image without alt text is invisible to screen readers and search engines
	Doc: Doc{
		Title: "Images should have alternate text (alt text)",
		Description: `Reports Markdown images with empty alt text (` + "`![](cat.jpg)`" + `) and HTML ` + "`<img>`" + ` tags without
an ` + "`alt`" + ` attribute. Alt text is what screen readers read and what shows when the image does not
load. An ` + "`<img>`" + ` hidden from assistive technology with ` + "`aria-hidden=\"true\"`" + ` is not reported, nor is
one whose attributes are built by Liquid or Hugo template syntax.

Only the author can say what the image shows: there is no automatic fix.`,
		Examples: []Example{
			{Bad: "![](images/cat.jpg)", Good: "![A cat asleep on a keyboard](images/cat.jpg)"},
			{Bad: `<img src="images/cat.jpg">`, Good: `<img src="images/cat.jpg" alt="A cat asleep on a keyboard">`},
		},
	},
	Run: runNoAltText,
}

func runNoAltText(pass *Pass) error {
	d := pass.Document
	src := d.Source
	inspect(d, func(n ast.Node) bool {
		img, ok := n.(*ast.Image)
		if !ok {
			return true
		}
		p := img.Pos()
		if p < 0 || p+2 >= len(src) || src[p] != '!' || src[p+1] != '[' || src[p+2] != ']' {
			return true
		}
		start, end, ok := mdcSpan(src, img)
		if !ok {
			start, end = p, p+3
		}
		if mdcInTemplate(d, p, p+3) {
			return true // the "![]" is part of template syntax
		}
		pass.Reportf(start, end, "image has no alt text")
		return true
	})
	mdcHTMLTags(d, func(t mdcTag) {
		if t.Close || t.Name != "img" {
			return
		}
		tag := src[t.Start:t.End]
		if htmlAltAttr.Match(tag) || mdcTemplateInTag(tag) || mdcInTemplate(d, t.Start, t.Start+1) {
			return
		}
		if m := htmlAriaHiddenAttr.FindSubmatch(tag); m != nil && strings.EqualFold(string(m[1]), "true") {
			return
		}
		pass.Reportf(t.Start, t.End, "<img> has no alt attribute")
	})
	return nil
}
