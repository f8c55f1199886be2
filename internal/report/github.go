package report

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/postlint/postlint/rules"
)

func init() {
	Register("github", func(o Options) Reporter {
		return GitHub(o.Out, o.Summary, o.Getenv("GITHUB_STEP_SUMMARY"))
	})
}

// GitHub returns a reporter that writes GitHub Actions workflow commands
// (::error file=…,line=…::message), which the runner turns into annotations
// on the pull request. The one-line text summary goes to summary (nil for
// none). When stepSummary names a file (the runner's GITHUB_STEP_SUMMARY),
// a Markdown summary is appended to it on Close: counts per rule and per
// file and the first findings.
func GitHub(w, summary io.Writer, stepSummary string) Reporter {
	return &githubReporter{w: bufio.NewWriter(w), summary: summary, stepSummary: stepSummary,
		byRule: make(map[*rules.Rule]*counts), byFile: make(map[string]*counts)}
}

// stepSummaryFindings is how many findings the step summary lists.
const stepSummaryFindings = 50

// stepSummaryFiles is how many files the step summary's table lists.
const stepSummaryFiles = 30

type counts struct{ errors, warnings int }

func (c *counts) add(s rules.Severity) {
	if s == rules.Error {
		c.errors++
	} else {
		c.warnings++
	}
}

type listed struct {
	path      string
	line, col int
	rule      *rules.Rule
	severity  rules.Severity
	message   string
}

type githubReporter struct {
	w           *bufio.Writer
	summary     io.Writer
	stepSummary string
	byRule      map[*rules.Rule]*counts
	byFile      map[string]*counts
	files       []string // with findings, in report order
	first       []listed
}

func (g *githubReporter) File(f *File) error {
	for _, fd := range f.Findings {
		line, col := f.Lines.Position(fd.Start)
		endLine, endCol := f.Lines.Position(fd.End)
		cmd := "error"
		if fd.Severity != rules.Error {
			cmd = "warning"
		}
		props := []string{
			"file=" + escapeProperty(f.Path),
			fmt.Sprintf("line=%d", line),
			fmt.Sprintf("col=%d", col),
			fmt.Sprintf("endLine=%d", endLine),
			fmt.Sprintf("endColumn=%d", endCol),
			"title=" + escapeProperty("postlint ("+fd.Rule.Name+")"),
		}
		msg := fd.Message
		if fd.Fix != nil {
			msg += " (fixable with postlint --fix)"
		}
		fmt.Fprintf(g.w, "::%s %s::%s\n", cmd, strings.Join(props, ","), escapeData(msg))

		rc := g.byRule[fd.Rule]
		if rc == nil {
			rc = &counts{}
			g.byRule[fd.Rule] = rc
		}
		rc.add(fd.Severity)
		fc := g.byFile[f.Path]
		if fc == nil {
			fc = &counts{}
			g.byFile[f.Path] = fc
			g.files = append(g.files, f.Path)
		}
		fc.add(fd.Severity)
		if len(g.first) < stepSummaryFindings {
			g.first = append(g.first, listed{path: f.Path, line: line, col: col, rule: fd.Rule, severity: fd.Severity, message: fd.Message})
		}
	}
	return g.w.Flush()
}

// escapeData escapes a workflow command's message as the Actions toolkit
// does: %, CR and LF.
func escapeData(s string) string {
	return dataEscapes.Replace(s)
}

// escapeProperty escapes a workflow command's property value: the data
// escapes plus ':' and ','.
func escapeProperty(s string) string {
	return propertyEscapes.Replace(s)
}

func (g *githubReporter) Close(s Summary) error {
	if err := g.w.Flush(); err != nil {
		return err
	}
	if g.summary != nil {
		if err := Text(io.Discard, g.summary, TextOptions{}).Close(s); err != nil {
			return err
		}
	}
	if g.stepSummary == "" {
		return nil
	}
	f, err := os.OpenFile(g.stepSummary, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	_, err = io.WriteString(f, g.markdown(s))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("GITHUB_STEP_SUMMARY: %w", err)
	}
	return nil
}

// markdown renders the job summary.
func (g *githubReporter) markdown(s Summary) string {
	var b strings.Builder
	b.WriteString("### postlint\n\n")
	n := s.Errors + s.Warnings
	var head []string
	if s.FixMode {
		head = append(head, fmt.Sprintf("Fixed %s.", plural(s.Fixed, "problem")))
	}
	if n == 0 {
		head = append(head, fmt.Sprintf(":white_check_mark: No problems in %s.", plural(s.Files, "file")))
		b.WriteString(strings.Join(head, " ") + "\n\n")
		return b.String()
	}
	mark := ":warning:"
	if s.Errors > 0 {
		mark = ":x:"
	}
	line := fmt.Sprintf("%s **%s** (%s, %s) in %d of %s", mark, plural(n, "problem"), plural(s.Errors, "error"), plural(s.Warnings, "warning"), len(g.files), plural(s.Files, "file"))
	if s.Fixable > 0 && !s.FixMode {
		line += fmt.Sprintf("; %d fixable with `postlint --fix`", s.Fixable)
	}
	head = append(head, line+".")
	b.WriteString(strings.Join(head, " ") + "\n\n")

	type ruleRow struct {
		r *rules.Rule
		c *counts
	}
	var rows []ruleRow
	for r, c := range g.byRule {
		rows = append(rows, ruleRow{r, c})
	}
	sort.Slice(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		if ta, tb := a.c.errors+a.c.warnings, b.c.errors+b.c.warnings; ta != tb {
			return ta > tb
		}
		return a.r.Name < b.r.Name
	})
	b.WriteString("| rule | errors | warnings |\n|---|--:|--:|\n")
	for _, row := range rows {
		fmt.Fprintf(&b, "| [%s](%s) | %d | %d |\n", mdEscape(row.r.Name), HelpURI(row.r), row.c.errors, row.c.warnings)
	}

	b.WriteString("\n| file | errors | warnings |\n|---|--:|--:|\n")
	for i, p := range g.files {
		if i == stepSummaryFiles {
			fmt.Fprintf(&b, "| … and %s more | | |\n", plural(len(g.files)-i, "file"))
			break
		}
		c := g.byFile[p]
		fmt.Fprintf(&b, "| %s | %d | %d |\n", mdEscape(p), c.errors, c.warnings)
	}

	if n > len(g.first) {
		fmt.Fprintf(&b, "\nThe first %d findings:\n\n", len(g.first))
	} else {
		b.WriteString("\nFindings:\n\n")
	}
	b.WriteString("| location | severity | rule | message |\n|---|---|---|---|\n")
	for _, l := range g.first {
		fmt.Fprintf(&b, "| %s:%d:%d | %s | %s | %s |\n", mdEscape(l.path), l.line, l.col, l.severity, mdEscape(l.rule.Name), mdEscape(l.message))
	}
	b.WriteString("\n")
	return b.String()
}

// mdEscape makes text safe inside a Markdown table cell: no line breaks, no
// pipes, no emphasis, links, code or HTML.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\r', '\n':
			b.WriteByte(' ')
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The escapes of workflow command data and properties.
var (
	dataEscapes     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	propertyEscapes = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
