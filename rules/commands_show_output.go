package rules

import "bytes"

// CommandsShowOutput is markdownlint's MD014.
var CommandsShowOutput = &Rule{
	Name:     "commands-show-output",
	Aliases:  []string{"MD014"},
	Tags:     []string{"code"},
	Severity: Off,
	Fixable:  true,
	Doc: Doc{
		Title: "Dollar signs should not precede commands that show no output",
		Description: `Reports the ` + "`$`" + ` prompts of a code block in which every line is a command starting with
` + "`$ `" + `. With no output to tell commands from results, the prompt only gets in the way: readers
who copy the block paste the dollar signs too. A block that shows output after some commands is
fine. The fix removes the prompts.`,
		Examples: []Example{
			{Bad: "```sh\n$ ls\n$ cat foo\n```", Good: "```sh\nls\ncat foo\n```"},
			{Bad: "```sh\n$ ls\n$ cat foo\n```", Good: "```sh\n$ ls\nfoo\n$ cat foo\nHello world\n```", Note: "or show the output"},
		},
	},
	Run: runCommandsShowOutput,
}

func runCommandsShowOutput(pass *Pass) error {
	src := pass.Source
	v := newStructLines(pass.Document)
	for _, n := range v.codeBlocks {
		type prompt struct{ start, end, lineEnd int }
		var prompts []prompt
		all := true
		lines := n.Lines()
		for k := 0; k < lines.Len() && all; k++ {
			seg := lines.At(k)
			s, e := seg.Start, seg.Stop
			for e > s && (src[e-1] == '\n' || src[e-1] == '\r') {
				e--
			}
			if e == s && seg.Padding == 0 {
				continue // an empty line is no command
			}
			i := s
			for i < e && (src[i] == ' ' || src[i] == '\t') {
				i++
			}
			if i+1 >= e || src[i] != '$' || !jsSpace(rune(src[i+1])) {
				all = false
				break
			}
			j := i + 1
			for j < e && jsSpace(rune(src[j])) {
				j++
			}
			prompts = append(prompts, prompt{i, j, e})
		}
		if !all {
			continue
		}
		for _, p := range prompts {
			if pass.InTemplate(p.start, p.end) {
				continue
			}
			d := Diagnostic{
				Start:   p.start,
				End:     p.end,
				Message: "dollar sign before a command that shows no output",
			}
			rest := src[p.end:p.lineEnd]
			if len(rest) > 0 && !bytes.HasPrefix(rest, []byte("```")) && !bytes.HasPrefix(rest, []byte("~~~")) {
				// A prompt with no command after it, or before a fence, is
				// not removed: the emptied line could end the code block
				// (a trailing empty line is not part of it), and a fence
				// at the start of a line closes it.
				d.Fix = &Fix{Message: "remove the prompt", Edits: []Edit{{Start: p.start, End: p.end}}}
			}
			pass.Report(d)
		}
	}
	return nil
}
