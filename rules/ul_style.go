package rules

import (
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// ULStyleOptions configures ul-style.
type ULStyleOptions struct {
	Style string `yaml:"style" doc:"consistent (every bullet like the first), asterisk, dash, plus, or sublist (each nesting level its own bullet, different from its parent's)"`
}

var ulStyles = []string{"consistent", "asterisk", "dash", "plus", "sublist"}

// Validate checks the style name.
func (o *ULStyleOptions) Validate() error {
	for _, s := range ulStyles {
		if o.Style == s {
			return nil
		}
	}
	return fmt.Errorf("style %q is not one of %s", o.Style, strings.Join(ulStyles, ", "))
}

// ULStyle is markdownlint's MD004: one bullet character.
var ULStyle = &Rule{
	Name:     "ul-style",
	Costly:   true,
	Aliases:  []string{"MD004"},
	Tags:     []string{"bullet", "ul"},
	Severity: Off,
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Unordered lists should use one bullet style",
		Description: `Reports list items whose bullet (` + "`*`" + `, ` + "`-`" + ` or ` + "`+`" + `) is not the configured one. With
` + "`consistent`" + ` (the default) the first bullet of the document sets the style; with ` + "`sublist`" + ` each
nesting level keeps one bullet, different from the level above. Mixed bullets are harmless to
readers but split one list into several: in CommonMark a new bullet character starts a new list.
The fix replaces the bullet.`,
		Examples: []Example{
			{Bad: "* Item 1\n+ Item 2\n- Item 3", Good: "* Item 1\n* Item 2\n* Item 3"},
		},
	},
	Options: func() any { return &ULStyleOptions{Style: "consistent"} },
	Run:     runULStyle,
}

func bulletStyle(c byte) string {
	switch c {
	case '-':
		return "dash"
	case '+':
		return "plus"
	}
	return "asterisk"
}

func bulletOf(style string) string {
	switch style {
	case "dash":
		return "-"
	case "plus":
		return "+"
	}
	return "*"
}

func runULStyle(pass *Pass) error {
	style := OptionsOf[ULStyleOptions](pass).Style
	expected := style
	var nesting []string // sublist: the bullet style of each nesting level
	v := newStructLines(pass.Document)
	claimed := make(map[int]bool)
	// The diagnostics of each list, and their edits: changing bullets can
	// merge a list with the next one, so fixes are checked to keep the
	// document's structure.
	var groups [][]Diagnostic
	var edits [][]Edit
	for _, l := range v.lists() {
		if l.IsOrdered() {
			continue
		}
		depth := 0
		if style == "sublist" {
			for p := l.Parent(); p != nil; p = p.Parent() {
				if p.Kind() == ast.KindList {
					depth++
				}
			}
			for len(nesting) <= depth {
				nesting = append(nesting, "")
			}
		}
		var ds []Diagnostic
		var es []Edit
		for item := l.FirstChild(); item != nil; item = item.NextSibling() {
			pos := v.markerPos(item)
			if pos < 0 || claimed[pos] {
				continue // no marker found, or another item's (tabs confuse positions)
			}
			claimed[pos] = true
			got := bulletStyle(v.src[pos])
			switch {
			case style == "sublist":
				if nesting[depth] == "" {
					nesting[depth] = got
					if depth > 0 && got == nesting[depth-1] {
						nesting[depth] = differentBullet(got)
					}
				}
				expected = nesting[depth]
			case expected == "consistent":
				expected = got
			}
			if got == expected {
				continue
			}
			e := Edit{Start: pos, End: pos + 1, NewText: bulletOf(expected)}
			ds = append(ds, Diagnostic{
				Start:   pos,
				End:     pos + 1,
				Message: fmt.Sprintf("list bullet %q (%s): expected %q (%s)", v.src[pos:pos+1], got, bulletOf(expected), expected),
				Fix:     &Fix{Message: "use " + bulletOf(expected), Edits: []Edit{e}},
			})
			es = append(es, e)
		}
		if len(ds) > 0 {
			groups = append(groups, ds)
			edits = append(edits, es)
		}
	}
	reportSafe(pass, v, groups, edits, keepBlocks)
	return nil
}

// differentBullet is the bullet a sublist takes when it starts with its
// parent's: markdownlint's order dash → plus → asterisk → dash.
func differentBullet(style string) string {
	switch style {
	case "dash":
		return "plus"
	case "plus":
		return "asterisk"
	}
	return "dash"
}
