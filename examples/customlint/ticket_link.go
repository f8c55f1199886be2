package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/postlint/postlint/rules"
)

// TicketLinkOptions configures ticket-link (in .postlint.yml under
// rules: ticket-link:).
type TicketLinkOptions struct {
	Tracker  string   `yaml:"tracker" doc:"the tracker's URL for one ticket, with {key} where the key goes"`
	Projects []string `yaml:"projects" doc:"project keys to look for (PROJ in PROJ-123); empty: any key of 2 to 10 capitals"`
}

var ticketKey = regexp.MustCompile(`\b([A-Z][A-Z0-9]{1,9})-[1-9][0-9]{0,6}\b`)

// TicketLink reports ticket keys written as plain text and links them.
var TicketLink = &rules.Rule{
	Name:     "ticket-link",
	Severity: rules.Warning,
	Fixable:  true,
	Doc: rules.Doc{
		Title:       "Ticket keys must link to the tracker",
		Description: "Reports ticket keys such as `PROJ-123` written as plain text in prose, and links them to the tracker (option `tracker`). Keys in code, links and URLs are not prose and are left alone.",
		Examples:    []rules.Example{{Bad: "Fixed in PROJ-123.", Good: "Fixed in [PROJ-123](https://tracker.example.com/browse/PROJ-123)."}},
	},
	Options: func() any {
		return &TicketLinkOptions{Tracker: "https://tracker.example.com/browse/{key}"}
	},
	Run: runTicketLink,
}

func runTicketLink(pass *rules.Pass) error {
	opts := rules.OptionsOf[TicketLinkOptions](pass)
	projects := make(map[string]bool)
	for _, p := range opts.Projects {
		projects[p] = true
	}
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == rules.FrontMatterString {
			continue
		}
		for _, m := range ticketKey.FindAllSubmatchIndex(c.Text, -1) {
			i, j := m[0], m[1]
			if len(projects) > 0 && !projects[string(c.Text[m[2]:m[3]])] {
				continue
			}
			// Prose only as written (no masked code or markup inside), and
			// not already the text of a link.
			if !c.Clean(pass.Source, i, j) || insideLink(pass.Source, c.Start+i, c.Start+j) {
				continue
			}
			key := string(c.Text[i:j])
			link := fmt.Sprintf("[%s](%s)", key, strings.ReplaceAll(opts.Tracker, "{key}", key))
			start, end := c.Start+i, c.Start+j
			pass.Report(rules.Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("ticket %s is not linked", key),
				Fix:     &rules.Fix{Message: "link it to the tracker", Edits: []rules.Edit{{Start: start, End: end, NewText: link}}},
			})
		}
	}
	return nil
}

// insideLink reports whether [start, end) sits between brackets on its
// line: the text of a link.
func insideLink(src []byte, start, end int) bool {
	lineStart := strings.LastIndexByte(string(src[:start]), '\n') + 1
	before := string(src[lineStart:start])
	after := string(src[end:])
	if k := strings.IndexByte(after, '\n'); k >= 0 {
		after = after[:k]
	}
	return strings.Count(before, "[") > strings.Count(before, "]") && strings.Contains(after, "]")
}
