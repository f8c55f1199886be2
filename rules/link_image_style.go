package rules

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"

	"github.com/postlint/postlint/internal/markdown"
)

// LinkImageStyleOptions configures link-image-style.
type LinkImageStyleOptions struct {
	Autolink  bool `yaml:"autolink" doc:"allow autolinks: a URL in angle brackets"`
	Inline    bool `yaml:"inline" doc:"allow inline links and images: text in brackets, then the URL in parentheses"`
	Full      bool `yaml:"full" doc:"allow full reference links and images: text in brackets, then a label in brackets"`
	Collapsed bool `yaml:"collapsed" doc:"allow collapsed reference links and images: a label in brackets, then empty brackets"`
	Shortcut  bool `yaml:"shortcut" doc:"allow shortcut reference links and images: a label in brackets alone"`
	URLInline bool `yaml:"url_inline" doc:"allow inline links whose text is their own URL, which could be autolinks"`
}

// LinkImageStyle is markdownlint's MD054.
var LinkImageStyle = &Rule{
	Name:     "link-image-style",
	Aliases:  []string{"MD054"},
	Tags:     []string{"images", "links"},
	Severity: Off, // allows every style unless configured
	Fixable:  true,
	// Its fixes repair structure on purpose (the render-safety proof does not hold them).
	ChangesStructure: true,
	Doc: Doc{
		Title: "Links and images should use the allowed styles",
		Description: `Reports links and images written in a style that the options disallow: autolinks,
inline, full, collapsed or shortcut references, and (with ` + "`url_inline: false`" + `) inline links
whose text is their own URL. Every style is allowed by default, so the rule reports nothing
until configured. Reference links are reported only when their label is defined.

The fix rewrites a reference link or image as an inline one (keeping the definition's title)
when inline links are allowed, and a link whose text is its URL as an autolink when autolinks
are allowed. It never rewrites to a reference style: that needs a label and a place for the
definition. Links and images that use Liquid or Hugo template syntax are left alone.`,
		Examples: []Example{
			{Bad: "[link][url]\n\n[url]: https://example.org", Good: "[link](https://example.org)\n\n[url]: https://example.org", Note: "with full: false"},
			{Bad: "[https://example.org](https://example.org)", Good: "<https://example.org>", Note: "with url_inline: false"},
		},
	},
	Options: func() any {
		return &LinkImageStyleOptions{Autolink: true, Inline: true, Full: true, Collapsed: true, Shortcut: true, URLInline: true}
	},
	Run: runLinkImageStyle,
}

// mdcAutolinkable reports whether dest is an absolute URL that an autolink can
// hold.
func mdcAutolinkable(dest string) bool {
	if dest == "" || strings.ContainsAny(dest, " <>") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && u.Scheme != ""
}

func runLinkImageStyle(pass *Pass) error {
	o := OptionsOf[LinkImageStyleOptions](pass)
	if o.Autolink && o.Inline && o.Full && o.Collapsed && o.Shortcut && o.URLInline {
		return nil
	}
	d := pass.Document
	src := d.Source
	refs := collectRefs(d)
	inspect(d, func(n ast.Node) bool {
		var image bool
		var ref *ast.ReferenceLink
		switch l := n.(type) {
		case *ast.AutoLink:
			start, end, ok := mdcSpan(src, l)
			if ok && !o.Autolink && src[start] == '<' && !mdcInTemplate(d, start, end) {
				pass.Reportf(start, end, "autolinks are not allowed")
			}
			return false
		case *ast.Link:
			ref = l.Reference
		case *ast.Image:
			ref, image = l.Reference, true
		default:
			return true
		}
		start, end, ok := mdcSpan(src, n)
		ts, te, ok2 := linkTextRange(src, n)
		if !ok || !ok2 || mdcInTemplate(d, start, end) || mdcHasTemplate(src[start:end]) {
			return true
		}
		label := string(src[ts:te])
		what := "link"
		if image {
			what = "image"
		}
		var dest, title, kind string
		bad := false
		if ref == nil {
			l, ok := markdown.ParseInlineLink(src, n)
			if !ok {
				return true
			}
			dest = string(src[l.DestStart:l.DestEnd])
			if dest == "" {
				return true
			}
			var t []byte
			if lk, isLink := n.(*ast.Link); isLink {
				t = lk.Title
			} else {
				t = n.(*ast.Image).Title
			}
			kind = "inline"
			bad = !o.Inline
			if !bad && !o.URLInline && o.Autolink && !image && len(t) == 0 && label == dest && mdcAutolinkable(dest) {
				bad, kind = true, "url"
			}
		} else {
			def := refs.defined[normalizeRef(string(ref.Value))]
			if def == nil || def.Node == nil || len(def.Node.Destination) == 0 {
				return true
			}
			dest, title = string(def.Node.Destination), string(def.Node.Title)
			switch ref.Type {
			case ast.ReferenceLinkFull:
				kind, bad = "full reference", !o.Full
			case ast.ReferenceLinkCollapsed:
				kind, bad = "collapsed reference", !o.Collapsed
			default:
				kind, bad = "shortcut reference", !o.Shortcut
			}
		}
		if !bad {
			return true
		}
		msg := fmt.Sprintf("%s %ss are not allowed", kind, what)
		if kind == "url" {
			msg = "a link whose text is its URL should be an autolink"
		}
		diag := Diagnostic{Start: start, End: end, Message: msg}
		if mdcLine(d, start) == mdcLine(d, end-1) {
			canAutolink := o.Autolink && !image && mdcAutolinkable(dest) && label == dest
			switch {
			case o.Inline && strings.TrimSpace(label) != "" && ref != nil && (o.URLInline || !canAutolink):
				prefix := ""
				if image {
					prefix = "!"
				}
				text := prefix + "[" + label + "](" + inlineDestination(dest)
				if title != "" {
					text += " " + mdcQuoteTitle(title)
				}
				text += ")"
				diag.Fix = &Fix{Message: "write it as an inline " + what, Edits: []Edit{{Start: start, End: end, NewText: text}}}
			case canAutolink:
				diag.Fix = &Fix{Message: "write it as an autolink", Edits: []Edit{{Start: start, End: end, NewText: "<" + unescapeDestination(dest) + ">"}}}
			}
		}
		pass.Report(diag)
		return true
	})
	return nil
}

// inlineDestination writes a destination for an inline link: in angle
// brackets when it holds spaces, with unbalanced parentheses escaped.
func inlineDestination(dest string) string {
	if strings.ContainsAny(dest, " \t<>") {
		return "<" + angleEscapes.Replace(dest) + ">"
	}
	if strings.Count(dest, "(") != strings.Count(dest, ")") {
		return parenEscapes.Replace(dest)
	}
	return dest
}

// mdcQuoteTitle quotes a link title with the first quote character it does not
// hold.
func mdcQuoteTitle(t string) string {
	switch {
	case !strings.Contains(t, `"`):
		return `"` + t + `"`
	case !strings.Contains(t, "'"):
		return "'" + t + "'"
	}
	return "(" + parenEscapes.Replace(t) + ")"
}

// Escapes of a destination written in angle brackets or parentheses.
var (
	angleEscapes = strings.NewReplacer("<", `\<`, ">", `\>`)
	parenEscapes = strings.NewReplacer("(", `\(`, ")", `\)`)
)
