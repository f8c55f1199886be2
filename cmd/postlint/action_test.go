package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitHub Action (action.yml at the repository root), run as far as this
// machine allows: its run steps' shell, with the runner's environment
// simulated (GITHUB_ACTIONS, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT, GITHUB_PATH,
// GITHUB_BASE_REF, RUNNER_TEMP) and its ${{ }} expressions evaluated, against
// a pull request built in a temporary git repository.

type actionFile struct {
	Name        string
	Description string
	Author      string
	Branding    struct{ Icon, Color string }
	Inputs      map[string]struct{ Description, Default string }
	Outputs     map[string]struct{ Description, Value string }
	Runs        struct {
		Using string
		Steps []actionStep
	}
}

type actionStep struct {
	Name             string
	ID               string
	Uses             string
	With             map[string]string
	Shell            string
	Run              string
	Env              map[string]string
	WorkingDirectory string `yaml:"working-directory"`
}

func loadAction(t *testing.T) (*actionFile, string) {
	t.Helper()
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(root, "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	return &a, root
}

// actionRun is one run of the action.
type actionRun struct {
	status  int               // of the last step run
	stdout  string            // of the run steps
	outputs map[string]string // the action's outputs
	summary string            // GITHUB_STEP_SUMMARY
}

var expr = regexp.MustCompile(`\$\{\{\s*([^}]*?)\s*\}\}`)

// runAction runs the action's steps in workspace with inputs as a runner
// would, stopping at the first failing step.
func runAction(t *testing.T, a *actionFile, root, workspace string, inputs map[string]string, baseRef string) actionRun {
	t.Helper()
	temp := t.TempDir()
	files := map[string]string{}
	for _, name := range []string{"GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_ENV"} {
		files[name] = filepath.Join(temp, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	runnerTemp := filepath.Join(temp, "runner")
	if err := os.Mkdir(runnerTemp, 0o755); err != nil {
		t.Fatal(err)
	}
	in := func(name string) string {
		def, ok := a.Inputs[name]
		if !ok {
			t.Fatalf("action.yml uses the undeclared input %q", name)
		}
		if v, ok := inputs[name]; ok {
			return v
		}
		return def.Default
	}
	for name := range inputs {
		if _, ok := a.Inputs[name]; !ok {
			t.Fatalf("the test sets the undeclared input %q", name)
		}
	}
	stepOutputs := map[string]map[string]string{}
	eval := func(s string) string {
		return expr.ReplaceAllStringFunc(s, func(m string) string {
			e := expr.FindStringSubmatch(m)[1]
			switch {
			case strings.HasPrefix(e, "inputs."):
				return in(strings.TrimPrefix(e, "inputs."))
			case e == "github.action_path":
				return root
			case e == "github.base_ref":
				return baseRef
			case e == "runner.temp":
				return runnerTemp
			case strings.HasPrefix(e, "steps."):
				parts := strings.Split(e, ".")
				if len(parts) != 4 || parts[2] != "outputs" {
					t.Fatalf("unsupported expression %q", e)
				}
				return stepOutputs[parts[1]][parts[3]]
			}
			t.Fatalf("action.yml: the test cannot evaluate ${{ %s }}", e)
			return ""
		})
	}
	path := os.Getenv("PATH")
	env := []string{
		"GITHUB_ACTIONS=true", "CI=true",
		"GITHUB_WORKSPACE=" + workspace,
		"GITHUB_ACTION_PATH=" + root,
		"GITHUB_BASE_REF=" + baseRef,
		"RUNNER_TEMP=" + runnerTemp,
		"HOME=" + os.Getenv("HOME"),
		"GOPATH=" + os.Getenv("GOPATH"),
		"GOCACHE=" + goEnv(t, "GOCACHE"),
		"GOMODCACHE=" + goEnv(t, "GOMODCACHE"),
		"GOFLAGS=" + os.Getenv("GOFLAGS"),
		"GOPROXY=" + os.Getenv("GOPROXY"),
		"GOTOOLCHAIN=" + os.Getenv("GOTOOLCHAIN"),
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
	}
	for name, f := range files {
		env = append(env, name+"="+f)
	}
	var run actionRun
	var stdout strings.Builder
	for _, st := range a.Runs.Steps {
		if st.Uses != "" {
			// actions/setup-go: Go is on this machine's PATH already.
			if !strings.HasPrefix(st.Uses, "actions/setup-go@") || st.With["go-version-file"] != "${{ github.action_path }}/go.mod" {
				t.Fatalf("unexpected step %q uses %s with %v", st.Name, st.Uses, st.With)
			}
			continue
		}
		if st.Shell != "bash" {
			t.Fatalf("step %q: shell %q, want bash", st.Name, st.Shell)
		}
		script := filepath.Join(temp, "step.sh")
		if err := os.WriteFile(script, []byte(eval(st.Run)), 0o644); err != nil {
			t.Fatal(err)
		}
		// As the runner runs shell: bash.
		cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
		cmd.Dir = filepath.Join(workspace, eval(st.WorkingDirectory))
		cmd.Env = append(append([]string{}, env...), "PATH="+path)
		for k, v := range st.Env {
			cmd.Env = append(cmd.Env, k+"="+eval(v))
		}
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		err := cmd.Run()
		stdout.WriteString(out.String())
		run.status = cmd.ProcessState.ExitCode()
		if run.status < 0 {
			t.Fatalf("step %q: %v", st.Name, err)
		}
		t.Logf("step %q: exit %d\n%s%s", st.Name, run.status, out.String(), errb.String())
		// The runner's files: GITHUB_PATH prepends to PATH, GITHUB_OUTPUT sets outputs.
		for _, p := range readLines(t, files["GITHUB_PATH"]) {
			path = p + string(os.PathListSeparator) + path
		}
		if err := os.WriteFile(files["GITHUB_PATH"], nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if st.ID != "" {
			stepOutputs[st.ID] = parseOutputs(t, files["GITHUB_OUTPUT"])
		}
		if err := os.WriteFile(files["GITHUB_OUTPUT"], nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if run.status != 0 {
			break
		}
	}
	run.stdout = stdout.String()
	run.outputs = map[string]string{}
	for name, o := range a.Outputs {
		run.outputs[name] = eval(o.Value)
	}
	b, err := os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	run.summary = string(b)
	return run
}

func goEnv(t *testing.T, name string) string {
	t.Helper()
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// parseOutputs reads a GITHUB_OUTPUT file: name=value lines and
// name<<DELIMITER blocks.
func parseOutputs(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var val []string
			for sc.Scan() && sc.Text() != delim {
				val = append(val, sc.Text())
			}
			out[name] = strings.Join(val, "\n")
			continue
		}
		name, val, ok := strings.Cut(line, "=")
		if !ok {
			t.Fatalf("GITHUB_OUTPUT: bad line %q", line)
		}
		out[name] = val
	}
	return out
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func write(t *testing.T, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pullRequest makes an origin repository with a main branch and a clone of
// it on a feature branch, as actions/checkout leaves a pull request.
func pullRequest(t *testing.T) string {
	t.Helper()
	origin := filepath.Join(t.TempDir(), "origin")
	if err := os.Mkdir(origin, 0o755); err != nil {
		t.Fatal(err)
	}
	git(t, origin, "init", "-q", "-b", "main")
	write(t, origin, ".postlint.yml", "rules:\n  placeholder-link: warning\n")
	write(t, origin, "docs/legacy.md", "# Legacy\n\nAn old teh nobody touches.\n\nMore old text.\n")
	write(t, origin, "docs/other.md", "# Other\n\nAn old [link](url) here, and teh.\n")
	git(t, origin, "add", "-A")
	git(t, origin, "commit", "-qm", "base")

	ws := filepath.Join(t.TempDir(), "workspace")
	git(t, filepath.Dir(ws), "clone", "-q", origin, ws)
	git(t, ws, "checkout", "-qb", "feature")
	write(t, ws, "docs/legacy.md", "# Legacy\n\nAn old teh nobody touches.\n\nMore old text, and a new [draft](TODO) link.\n")
	write(t, ws, "docs/new.md", "# New\n\nA new post with recieved and cafÃ©.\n")
	git(t, ws, "add", "-A")
	git(t, ws, "commit", "-qm", "feature")
	// main moves on after the branch.
	write(t, origin, "docs/other.md", "# Other\n\nChanged on main, with seperately.\n")
	git(t, origin, "commit", "-qam", "main moves")
	return ws
}

var annotation = regexp.MustCompile(`(?m)^::(error|warning) file=([^,]+),line=(\d+),col=\d+,endLine=\d+,endColumn=\d+,title=postlint \(([a-z-]+)\)::`)

func annotations(stdout string) []string {
	var out []string
	for _, m := range annotation.FindAllStringSubmatch(stdout, -1) {
		out = append(out, fmt.Sprintf("%s %s:%s %s", m[1], m[2], m[3], m[4]))
	}
	return out
}

func TestAction(t *testing.T) {
	if testing.Short() {
		t.Skip("builds postlint through the action")
	}
	for _, tool := range []string{"bash", "git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	a, root := loadAction(t)
	if a.Runs.Using != "composite" {
		t.Fatalf("runs.using = %q, want composite", a.Runs.Using)
	}
	for _, name := range []string{"paths", "fix", "format", "fail-on", "changed-since", "config", "sarif-file"} {
		if _, ok := a.Inputs[name]; !ok {
			t.Errorf("action.yml has no input %q", name)
		}
	}

	t.Run("pull request", func(t *testing.T) {
		ws := pullRequest(t)
		r := runAction(t, a, root, ws, map[string]string{"sarif-file": "postlint.sarif"}, "main")
		// The files the branch changed, every finding in them; nothing of
		// other.md, which only main changed.
		want := []string{
			"error docs/legacy.md:3 misspelling",
			"warning docs/legacy.md:5 placeholder-link",
			"error docs/new.md:3 misspelling",
			"error docs/new.md:3 mojibake",
		}
		if got := annotations(r.stdout); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("annotations:\n%s\nwant\n%s\nstdout:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), r.stdout)
		}
		if r.status != 1 {
			t.Errorf("exit status %d, want 1 (errors, fail-on error)", r.status)
		}
		wantOut := map[string]string{"errors": "3", "warnings": "1", "files": "2", "exit-code": "1", "sarif-file": "postlint.sarif"}
		for k, v := range wantOut {
			if r.outputs[k] != v {
				t.Errorf("output %s = %q, want %q", k, r.outputs[k], v)
			}
		}
		for _, s := range []string{"### postlint", "**4 problems** (3 errors, 1 warning) in 2 of 2 files", "| docs/new.md | 2 | 0 |", "[placeholder-link](https://github.com/postlint/postlint/blob/main/docs/rules/placeholder-link.md)"} {
			if !strings.Contains(r.summary, s) {
				t.Errorf("the job summary lacks %q:\n%s", s, r.summary)
			}
		}
		b, err := os.ReadFile(filepath.Join(ws, "postlint.sarif"))
		if err != nil {
			t.Fatal(err)
		}
		var log struct {
			Version string
			Runs    []struct{ Results []struct{ RuleID string } }
		}
		if err := json.Unmarshal(b, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) != 4 {
			t.Errorf("SARIF file: %v %+v", err, log)
		}
	})

	t.Run("new only, fail on warning", func(t *testing.T) {
		ws := pullRequest(t)
		r := runAction(t, a, root, ws, map[string]string{"new-only": "true", "fail-on": "warning", "paths": "docs/legacy.md"}, "main")
		if got := annotations(r.stdout); strings.Join(got, ",") != "warning docs/legacy.md:5 placeholder-link" {
			t.Errorf("annotations %q, want only the new warning\n%s", got, r.stdout)
		}
		if r.status != 1 || r.outputs["errors"] != "0" || r.outputs["warnings"] != "1" || r.outputs["exit-code"] != "0" {
			t.Errorf("status %d, outputs %v: want 1 (a warning, fail-on warning), 0 errors, 1 warning, postlint exit 0", r.status, r.outputs)
		}
	})

	t.Run("fail on never, every file, text format", func(t *testing.T) {
		ws := pullRequest(t)
		r := runAction(t, a, root, ws, map[string]string{"fail-on": "never", "changed-since": "none", "format": "text"}, "main")
		if r.status != 0 || r.outputs["errors"] != "4" || r.outputs["warnings"] != "2" || r.outputs["files"] != "3" || r.outputs["exit-code"] != "1" {
			t.Errorf("status %d, outputs %v: want 0, 4 errors and 2 warnings in 3 files, postlint exit 1", r.status, r.outputs)
		}
		if !strings.Contains(r.stdout, "docs/other.md:3:30: error misspelling") || len(annotations(r.stdout)) != 0 {
			t.Errorf("want text findings, no annotations:\n%s", r.stdout)
		}
		if r.summary != "" {
			t.Errorf("a job summary without the github format:\n%s", r.summary)
		}
	})

	t.Run("fix", func(t *testing.T) {
		ws := pullRequest(t)
		r := runAction(t, a, root, ws, map[string]string{"fix": "true", "config": ".postlint.yml"}, "main")
		b, err := os.ReadFile(filepath.Join(ws, "docs", "new.md"))
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != "# New\n\nA new post with received and café.\n" {
			t.Errorf("docs/new.md after fix: %q", b)
		}
		// The placeholder link cannot be fixed: a warning remains.
		if got := annotations(r.stdout); strings.Join(got, ",") != "warning docs/legacy.md:5 placeholder-link" {
			t.Errorf("annotations after fixing: %q\n%s", got, r.stdout)
		}
		if r.status != 0 || r.outputs["errors"] != "0" {
			t.Errorf("status %d, outputs %v: want 0 and no errors after fixing", r.status, r.outputs)
		}
	})

	t.Run("mistakes", func(t *testing.T) {
		ws := pullRequest(t)
		r := runAction(t, a, root, ws, map[string]string{"fail-on": "sometimes"}, "main")
		if r.status != 2 || !strings.Contains(r.stdout, "::error title=postlint::fail-on is \"sometimes\"") {
			t.Errorf("bad fail-on: status %d\n%s", r.status, r.stdout)
		}
		r = runAction(t, a, root, ws, map[string]string{"changed-since": "origin/nope"}, "main")
		if r.status != 2 || r.outputs["exit-code"] != "2" {
			t.Errorf("unknown ref: status %d, outputs %v", r.status, r.outputs)
		}
	})
}
