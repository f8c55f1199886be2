package rules

import (
	"fmt"
	"strings"
)

// NoTodoOptions configures no-todo.
type NoTodoOptions struct {
	Markers []string `yaml:"markers" doc:"the words reported, matched in capitals as whole words"`
}

// NoTodo reports TODO, FIXME and TBD left in published prose.
var NoTodo = &Rule{
	Name:     "no-todo",
	Tags:     []string{"prose"},
	Severity: Warning,
	Doc: Doc{
		Title: "Prose must not carry TODO, FIXME or TBD markers",
		Description: `Reports the markers writers leave for themselves — ` + "`TODO`" + `, ` + "`FIXME`" + `, ` + "`TBD`" + `, ` + "`XXX`" + ` — when
they are in the text readers see: paragraphs, headings, table cells, link text, and the front
matter title and description. Markers inside code, HTML comments and template tags are not
prose and are not reported. A marker is matched in capitals and as a whole word, so
"a todo app" and "ToDo list" are not reported. Only a marker that is used is reported: at the
start of the text, a sentence, a bracket or a table cell, or followed by a colon (` + "`TODO: explain`" + `,
` + "`(TBD)`" + `); one that is mentioned (` + "`remove the old FIXME`" + `, ` + "`\"TODO\"`" + `, ` + "`db-config-XXX`" + `) is not.`,
		Examples: []Example{
			{Bad: "The API returns a token. TODO: explain refresh.", Good: "The API returns a token that expires after an hour."},
		},
	},
	Options: func() any { return &NoTodoOptions{Markers: []string{"TODO", "FIXME", "TBD", "XXX", "TKTK"}} },
	Run:     runNoTodo,
}

// markerUse reports whether the marker text[i:j] is used rather than
// mentioned: it starts the text, a sentence, a bracket or a clause (TODO,
// "(TBD)", "— FIXME"), or a colon follows it ("TODO: explain"). "Remove the
// old FIXME", "NA and TBD" and "db-config-XXX" mention markers.
func markerUse(text []byte, i, j int) bool {
	if i > 0 && text[i-1] == '-' || j < len(text) && text[j] == '-' {
		return false
	}
	k := j
	for k < len(text) && text[k] == ' ' {
		k++
	}
	if k < len(text) && text[k] == ':' {
		return true
	}
	p := strings.TrimRight(string(text[:i]), " \t\r\n")
	if p == "" {
		return true
	}
	for _, end := range []string{".", "!", "?", "(", "[", ":", "—", "–", "|", "*", "_"} {
		if strings.HasSuffix(p, end) {
			return true
		}
	}
	return false
}

func runNoTodo(pass *Pass) error {
	opts := OptionsOf[NoTodoOptions](pass)
	markers := make(map[string]bool, len(opts.Markers))
	for _, m := range opts.Markers {
		markers[m] = true
	}
	src := pass.Source
	words := chunkWords(pass)
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString && c.Key != "title" && c.Key != "description" && c.Key != "summary" {
			continue
		}
		for _, w := range words[ci] {
			i, j := w.I, w.J
			if !markers[w.Text] || !c.Clean(src, i, j) || quoted(c.Text, i, j) || !markerUse(c.Text, i, j) {
				continue
			}
			pass.Report(Diagnostic{Start: c.Start + i, End: c.Start + j, Message: fmt.Sprintf("%s left in the text", strings.ToUpper(w.Text))})
		}
	}
	return nil
}
