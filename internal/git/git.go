// Package git asks git what changed: the merge base with a revision, the
// files changed since it (renames followed) and the lines each change added,
// so that a pull request can be judged on what it touches.
package git

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Repo is a git working tree.
type Repo struct {
	Root string // the top-level directory, absolute, symlinks resolved
}

// Open finds the working tree that contains dir.
func Open(dir string) (*Repo, error) {
	out, err := run(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s is not inside a git working tree: %w", dir, err)
	}
	root := strings.TrimRight(string(out), "\r\n")
	if real, err := filepath.EvalSymlinks(root); err == nil {
		root = real
	}
	return &Repo{Root: root}, nil
}

// Error is a git command that failed, with what it printed.
type Error struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *Error) Error() string {
	msg := strings.TrimSpace(e.Stderr)
	if msg == "" {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("git %s: %s", strings.Join(e.Args, " "), msg)
}

func (e *Error) Unwrap() error { return e.Err }

func run(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.Error
		if errors.As(err, &ee) {
			return nil, fmt.Errorf("git is not installed or not on PATH: %w", err)
		}
		return nil, &Error{Args: args, Stderr: stderr.String(), Err: err}
	}
	return out, nil
}

func (r *Repo) git(args ...string) ([]byte, error) { return run(r.Root, args...) }

// MergeBase returns the commit where HEAD and ref diverged: the base against
// which a branch's changes are judged.
func (r *Repo) MergeBase(ref string) (string, error) {
	if strings.HasPrefix(ref, "-") {
		return "", fmt.Errorf("%q is not a git revision", ref)
	}
	if _, err := r.git("rev-parse", "--verify", "--quiet", ref+"^{commit}"); err != nil {
		return "", fmt.Errorf("unknown git revision %q: fetch it first (git fetch origin %s); in GitHub Actions, check out with fetch-depth: 0", ref, strings.TrimPrefix(ref, "origin/"))
	}
	out, err := r.git("merge-base", ref, "HEAD")
	if err != nil {
		return "", fmt.Errorf("no merge base between %s and HEAD (a shallow clone? run git fetch --unshallow, or check out with fetch-depth: 0): %w", ref, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// Range is a run of lines, 1-based and inclusive.
type Range struct{ First, Last int }

// File is a file changed since a base.
type File struct {
	Path    string  // relative to the root, slash-separated
	OldPath string  // the path at the base when the file was renamed; "" otherwise
	New     bool    // added or untracked: every line is new
	Added   []Range // the lines added or changed, in order (when not New)
}

// HasLine reports whether line n was added or changed.
func (f *File) HasLine(n int) bool {
	if f.New {
		return true
	}
	i := sort.Search(len(f.Added), func(i int) bool { return f.Added[i].Last >= n })
	return i < len(f.Added) && f.Added[i].First <= n
}

// Changes returns the files that differ between base and the working tree
// (committed, staged or not), renames followed, deleted files left out, with
// the lines each change added; and the untracked files that git does not
// ignore, as new files. The result is sorted by path.
func (r *Repo) Changes(base string) ([]File, error) {
	out, err := r.git("-c", "core.quotePath=false", "diff",
		"--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--ignore-submodules",
		"--src-prefix=a/", "--dst-prefix=b/",
		"-U0", "--find-renames", "--diff-filter=d", base, "--")
	if err != nil {
		return nil, err
	}
	files, err := ParseDiff(out)
	if err != nil {
		return nil, err
	}
	untracked, err := r.git("ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for _, p := range bytes.Split(untracked, []byte{0}) {
		if len(p) > 0 {
			files = append(files, File{Path: string(p), New: true})
		}
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}

// ParseDiff reads the output of git diff -U0 (with a/ and b/ prefixes) into
// the changed files and their added lines.
func ParseDiff(diff []byte) ([]File, error) {
	var files []File
	var cur *File
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	inHeader := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			files = append(files, File{})
			cur = &files[len(files)-1]
			inHeader = true
			if a, b, ok := splitGitLine(strings.TrimPrefix(line, "diff --git ")); ok {
				cur.Path = b
				if a != b {
					cur.OldPath = a
				}
			}
		case cur == nil:
			continue
		case inHeader && strings.HasPrefix(line, "new file mode"):
			cur.New = true
		case inHeader && strings.HasPrefix(line, "rename from "):
			p, err := unquote(strings.TrimSuffix(strings.TrimPrefix(line, "rename from "), "\t"))
			if err != nil {
				return nil, err
			}
			cur.OldPath = p
		case inHeader && strings.HasPrefix(line, "rename to "):
			p, err := unquote(strings.TrimSuffix(strings.TrimPrefix(line, "rename to "), "\t"))
			if err != nil {
				return nil, err
			}
			cur.Path = p
		case inHeader && strings.HasPrefix(line, "+++ "):
			p, err := unquote(strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t"))
			if err != nil {
				return nil, err
			}
			if p != "/dev/null" {
				cur.Path = strings.TrimPrefix(p, "b/")
			}
		case strings.HasPrefix(line, "@@ "):
			inHeader = false
			r, err := parseHunk(line)
			if err != nil {
				return nil, err
			}
			if r.Last >= r.First {
				if n := len(cur.Added); n > 0 && cur.Added[n-1].Last+1 >= r.First {
					cur.Added[n-1].Last = max(cur.Added[n-1].Last, r.Last)
				} else {
					cur.Added = append(cur.Added, r)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for i := range files {
		if files[i].OldPath == files[i].Path {
			files[i].OldPath = ""
		}
		if files[i].Path == "" {
			return nil, errors.New("git diff: a file header without a path")
		}
	}
	return files, nil
}

// parseHunk reads "@@ -a,b +c,d @@": the new side's lines c … c+d-1 (d is 1
// when omitted; 0 for a pure deletion, which adds no line).
func parseHunk(line string) (Range, error) {
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return Range{}, fmt.Errorf("git diff: bad hunk header %q", line)
	}
	spec := strings.TrimPrefix(fields[2], "+")
	startS, countS, hasCount := strings.Cut(spec, ",")
	start, err := strconv.Atoi(startS)
	if err != nil {
		return Range{}, fmt.Errorf("git diff: bad hunk header %q", line)
	}
	count := 1
	if hasCount {
		if count, err = strconv.Atoi(countS); err != nil {
			return Range{}, fmt.Errorf("git diff: bad hunk header %q", line)
		}
	}
	return Range{First: start, Last: start + count - 1}, nil
}

// splitGitLine splits the "a/X b/Y" of a diff --git line when it is
// unambiguous (quoted names, or X == Y as for a file that was not renamed).
func splitGitLine(s string) (a, b string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		end := closingQuote(s)
		if end < 0 {
			return "", "", false
		}
		a, err := unquote(s[:end+1])
		if err != nil {
			return "", "", false
		}
		b, err := unquote(strings.TrimPrefix(s[end+1:], " "))
		if err != nil {
			return "", "", false
		}
		return strings.TrimPrefix(a, "a/"), strings.TrimPrefix(b, "b/"), true
	}
	if !strings.HasPrefix(s, "a/") {
		return "", "", false
	}
	// Unquoted: both halves have the same length when the names are equal.
	if (len(s)-1)%2 != 0 {
		return "", "", false
	}
	half := (len(s) - 1) / 2
	x, y := s[:half], s[half+1:]
	if s[half] != ' ' || !strings.HasPrefix(y, "b/") || x[2:] != y[2:] {
		return "", "", false
	}
	return x[2:], y[2:], true
}

func closingQuote(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return -1
}

// unquote undoes git's C-style quoting of unusual path names.
func unquote(s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	u, err := strconv.Unquote(s)
	if err != nil {
		return "", fmt.Errorf("git diff: cannot read the quoted path %s: %w", s, err)
	}
	return u, nil
}
