// Package discover turns the paths on a command line into the Markdown files
// to lint: files as given, directories walked for *.md and *.markdown, with
// .gitignore files honoured and hidden directories and node_modules skipped.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	gitignore "github.com/sabhiram/go-gitignore"
)

// Extensions are the file extensions treated as Markdown when walking.
var Extensions = []string{".md", ".markdown"}

// IsMarkdown reports whether a file name has a Markdown extension.
func IsMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range Extensions {
		if ext == e {
			return true
		}
	}
	return false
}

// Error is a path that cannot be linted.
type Error struct {
	Path string
	Err  error
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %v", e.Path, e.Err) }
func (e *Error) Unwrap() error { return e.Err }

// ErrNoMarkdown is returned for a directory without Markdown files.
var ErrNoMarkdown = errors.New("no Markdown files (*.md, *.markdown) found")

// Files expands paths into files, in a stable order (arguments in order, each
// directory's files sorted), without duplicates. Problems with single paths
// are returned as *Error values alongside the files that could be found.
func Files(paths []string) ([]string, []error) {
	return FilesWith(paths, Options{})
}

// Options changes what Files skips silently.
type Options struct {
	// StrictLinks reports, instead of skipping, symbolic links met while
	// walking that cannot be followed: loops, links to a directory that
	// holds them (which would make a loop if followed), and links named
	// like Markdown files whose target is missing.
	StrictLinks bool
}

// FilesWith is Files with options.
func FilesWith(paths []string, opts Options) ([]string, []error) {
	var files []string
	var errs []error
	seen := make(map[string]bool)
	add := func(p string) {
		key := filepath.Clean(p)
		if !seen[key] {
			seen[key] = true
			files = append(files, p)
		}
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			errs = append(errs, &Error{Path: p, Err: describe(err)})
			continue
		}
		if !st.IsDir() {
			add(p)
			continue
		}
		found, err := walk(p, opts)
		if err != nil {
			errs = append(errs, err)
		}
		if len(found) == 0 && err == nil {
			errs = append(errs, &Error{Path: p, Err: ErrNoMarkdown})
		}
		for _, f := range found {
			add(f)
		}
	}
	return files, errs
}

func describe(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return errors.New("no such file or directory")
	}
	return err
}

// matcher is one .gitignore file and the directory its patterns are relative to.
type matcher struct {
	dir string
	gi  *gitignore.GitIgnore
}

func walk(root string, opts Options) ([]string, error) {
	matchers := parentIgnores(root)
	var files []string
	var walkErr error
	var visit func(dir string, ms []matcher) error
	visit = func(dir string, ms []matcher) error {
		if gi, err := gitignore.CompileIgnoreFile(filepath.Join(dir, ".gitignore")); err == nil {
			ms = append(ms[:len(ms):len(ms)], matcher{dir: dir, gi: gi})
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			return &Error{Path: dir, Err: describe(err)}
		}
		for _, e := range entries {
			name := e.Name()
			p := filepath.Join(dir, name)
			isDir := e.IsDir()
			if e.Type()&fs.ModeSymlink != 0 {
				// Follow links to files; never links to directories (loops).
				st, err := os.Stat(p)
				if opts.StrictLinks {
					if lerr := linkProblem(p, dir, name, st, err); lerr != nil && walkErr == nil {
						walkErr = lerr
					}
				}
				if err != nil || st.IsDir() {
					continue
				}
			}
			if isDir {
				if strings.HasPrefix(name, ".") || name == "node_modules" {
					continue
				}
				if ignored(ms, p, true) {
					continue
				}
				if err := visit(p, ms); err != nil && walkErr == nil {
					walkErr = err
				}
				continue
			}
			if !IsMarkdown(name) || ignored(ms, p, false) {
				continue
			}
			files = append(files, p)
		}
		return nil
	}
	if err := visit(root, matchers); err != nil {
		return nil, err
	}
	sort.Strings(files)
	return files, walkErr
}

func ignored(ms []matcher, p string, dir bool) bool {
	for i := len(ms) - 1; i >= 0; i-- {
		rel, err := filepath.Rel(ms[i].dir, p)
		if err != nil || strings.HasPrefix(rel, "..") {
			continue
		}
		rel = filepath.ToSlash(rel)
		if dir {
			rel += "/"
		}
		if ms[i].gi.MatchesPath(rel) {
			return true
		}
	}
	return false
}

// parentIgnores loads the .gitignore files of the directories above root, up
// to the top of its git work tree (the directory holding .git), so that
// `postlint docs/` honours the repository's root .gitignore.
func parentIgnores(root string) []matcher {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil
	}
	var dirs []string
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		dirs = append(dirs, d)
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			break
		}
		if filepath.Dir(d) == d {
			return nil // not in a git work tree: parents' ignores do not apply
		}
	}
	var ms []matcher
	for i := len(dirs) - 1; i >= 0; i-- {
		if gi, err := gitignore.CompileIgnoreFile(filepath.Join(dirs[i], ".gitignore")); err == nil {
			// Paths are matched relative to the .gitignore's directory; the
			// walk produces paths relative to the working directory, so keep
			// absolute directories and convert.
			ms = append(ms, matcher{dir: relTo(root, abs, dirs[i]), gi: gi})
		}
	}
	return ms
}

// relTo expresses dir (absolute) in the same form as root (as the user gave it).
func relTo(root, absRoot, dir string) string {
	rel, err := filepath.Rel(absRoot, dir)
	if err != nil {
		return dir
	}
	return filepath.Join(root, rel)
}

// linkProblem judges a symbolic link p in dir for StrictLinks: st and err are
// what os.Stat said of it.
func linkProblem(p, dir, name string, st fs.FileInfo, err error) error {
	switch {
	case err != nil && errors.Is(err, syscall.ELOOP):
		return &Error{Path: p, Err: errors.New("symbolic link loop")}
	case err != nil && IsMarkdown(name):
		return &Error{Path: p, Err: fmt.Errorf("broken symbolic link: %w", describe(err))}
	case err == nil && st.IsDir():
		target, terr := filepath.EvalSymlinks(p)
		here, herr := filepath.EvalSymlinks(dir)
		if terr == nil && herr == nil {
			if rel, rerr := filepath.Rel(target, here); rerr == nil && (rel == "." || !strings.HasPrefix(rel, "..")) {
				return &Error{Path: p, Err: fmt.Errorf("symbolic link loop: it points to %s, which contains it", target)}
			}
		}
	}
	return nil
}
