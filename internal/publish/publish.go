// Package publish is postlint's publishing pipeline: it takes posts as their
// writers left them, applies every safe fix in memory, and writes clean copies
// into an output tree — or refuses, file by file, with the reasons. A file is
// written only when it passes the gate: no finding at error severity left,
// valid UTF-8, no byte order mark, prose in NFC, LF line endings, exactly one
// final newline. Inputs are never modified and nothing is written outside the
// output directory; bad input (an unreadable or binary file, a file too big to
// be a post, a symbolic link loop, an output directory inside the input)
// stops the run before anything is left behind.
package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"

	"github.com/postlint/postlint/internal/config"
	"github.com/postlint/postlint/internal/discover"
	"github.com/postlint/postlint/internal/fsutil"
	"github.com/postlint/postlint/internal/lint"
	"github.com/postlint/postlint/internal/markdown"
	"github.com/postlint/postlint/internal/textenc"
	"github.com/postlint/postlint/rules"
)

// DefaultMaxSize is the largest file publish reads: a post is text, and a
// file larger than this is a mistake in the input (a log, a data dump).
const DefaultMaxSize = 32 << 20

// ManifestName is the manifest's file name in the output directory.
const ManifestName = "manifest.json"

// Options is one publish run.
type Options struct {
	Inputs  []string     // files and directories (walked as postlint walks them)
	Out     string       // the output directory; unused with Check
	HTML    bool         // also write NAME.html and NAME.json (front matter) next to each post
	Check   bool         // write nothing; report what publishing would change
	Linter  *lint.Linter // see GateConfig
	Jobs    int          // files processed in parallel
	Version string       // postlint's version, for the manifest
	MaxSize int64        // 0: DefaultMaxSize
}

// GateConfig returns cfg with the rules the gate depends on turned on where
// cfg does not mention them: final-newline (off by default) and line-endings
// with style lf. Their fixes then run, and a file whose only defects they
// repair passes the gate. A rule the config sets explicitly is left as it
// is: the gate then reports what the rule would have fixed.
func GateConfig(cfg *config.Config) (*config.Config, error) {
	if cfg == nil {
		cfg = &config.Config{}
	}
	gate, err := config.Parse("(publish gate)", []byte(`rules:
  invalid-utf8: {severity: error}
  bom: {severity: warning}
  unicode-normalization: {severity: warning}
  line-endings: {severity: warning, style: lf}
  final-newline: {severity: warning}
`))
	if err != nil {
		return nil, err
	}
	out := *cfg
	out.Rules = append([]config.RuleSetting(nil), cfg.Rules...)
	for _, g := range gate.Rules {
		set := false
		for _, s := range cfg.Rules {
			if rules.Lookup(s.Name) == rules.Lookup(g.Name) {
				set = true
			}
		}
		if !set {
			out.Rules = append(out.Rules, g)
		}
	}
	return &out, nil
}

// InputError is a reason not to publish at all: bad input, a bad --out. The
// run stops before writing, or removes what it wrote.
type InputError struct{ Problems []string }

func (e *InputError) Error() string { return strings.Join(e.Problems, "\n") }

// Reason is why a file fails the gate.
type Reason struct {
	Line, Col int    // 1-based, in the fixed text
	Rule      string // the rule of a finding left at error severity; "" for a gate check
	Msg       string
}

func (r Reason) String() string {
	who := "gate"
	if r.Rule != "" {
		who = "error " + r.Rule
	}
	return fmt.Sprintf("%d:%d: %s: %s", r.Line, r.Col, who, r.Msg)
}

// File is the outcome for one input file.
type File struct {
	Input    string         // the path as walked
	Output   string         // slash-separated path under the output directory
	InSHA    string         // sha256 of the input
	OutSHA   string         // sha256 of the output ("" when refused)
	HTML     string         // with Options.HTML: the HTML file's path under the output directory
	HTMLSHA  string         //
	JSON     string         // with Options.HTML: the front matter JSON file's path
	JSONSHA  string         //
	Fixes    map[string]int // fixes applied, per rule
	Changed  bool           // the output differs from the input
	Reasons  []Reason       // why the file fails the gate; none: it passes
	Warnings int            // findings left below error severity
	Notes    []string       // fixes the render-safety proof refused (rule bugs)

	links []localLink // the post's relative links, resolved to file paths
}

// localLink is a relative link of a post to a file: where it is, and the
// cleaned path it leads to.
type localLink struct {
	line, col int
	target    string
}

// Passed reports whether the file passes the gate.
func (f *File) Passed() bool { return len(f.Reasons) == 0 }

// Result is a whole run.
type Result struct {
	Files []*File
	Out   string
}

// Refused counts the files that fail the gate.
func (r *Result) Refused() int {
	n := 0
	for _, f := range r.Files {
		if !f.Passed() {
			n++
		}
	}
	return n
}

// source is one input file and where it goes.
type source struct {
	path string // as walked
	rel  string // slash-separated output path
}

// Run publishes (or, with Check, checks) the inputs. An *InputError means
// nothing was published; otherwise the Result tells per file.
func Run(opts Options) (*Result, error) {
	if opts.MaxSize == 0 {
		opts.MaxSize = DefaultMaxSize
	}
	if opts.Jobs < 1 {
		opts.Jobs = 1
	}
	if !opts.Check && opts.Out == "" {
		return nil, &InputError{[]string{"publish needs --out DIR (or --check)"}}
	}
	srcs, err := collect(opts)
	if err != nil {
		return nil, err
	}
	res := &Result{Out: opts.Out, Files: make([]*File, len(srcs))}
	var st *stage
	if !opts.Check {
		if st, err = newStage(opts.Out); err != nil {
			return nil, err
		}
	}
	var problems []string
	lint.ForEach(len(srcs), opts.Jobs, func(i int) outcome {
		return process(opts, st, srcs[i])
	}, func(i int, o outcome) {
		res.Files[i] = o.file
		if o.err != nil {
			problems = append(problems, o.err.Error())
		}
	})
	if len(problems) > 0 {
		if st != nil {
			st.abort()
		}
		return nil, &InputError{problems}
	}
	if err := closeLinks(res, st); err != nil {
		st.abort() // closeLinks fails only when it withdraws staged files
		return nil, &InputError{[]string{err.Error()}}
	}
	if st != nil {
		m, err := manifest(opts, res)
		if err == nil {
			err = st.write(ManifestName, m)
		}
		if err == nil {
			err = st.commit()
		}
		if err != nil {
			st.abort()
			return nil, &InputError{[]string{err.Error()}}
		}
	}
	return res, nil
}

// collect walks the inputs and checks everything that can be checked before
// reading a file: paths, links, sizes, the output directory's place, names
// that would collide in the output.
func collect(opts Options) ([]source, error) {
	var problems []string
	var srcs []source
	byRel := map[string]string{}
	absOut := ""
	if !opts.Check {
		absOut = resolve(opts.Out)
	}
	for _, in := range opts.Inputs {
		files, errs := discover.FilesWith([]string{in}, discover.Options{StrictLinks: true})
		for _, e := range errs {
			problems = append(problems, e.Error())
		}
		st, err := os.Stat(in)
		if err != nil {
			continue // reported by discover
		}
		absIn := resolve(in)
		if absOut != "" && st.IsDir() && within(absOut, absIn) {
			problems = append(problems, fmt.Sprintf("--out %s is inside the input directory %s: publish would read its own output; choose a directory outside the input", opts.Out, in))
			continue
		}
		for _, f := range files {
			if opts.Linter.Ignored(f) {
				continue
			}
			rel := filepath.Base(f)
			if st.IsDir() {
				if r, err := filepath.Rel(in, f); err == nil {
					rel = r
				}
			}
			rel = filepath.ToSlash(rel)
			if prev, dup := byRel[rel]; dup {
				problems = append(problems, fmt.Sprintf("%s and %s would both be published as %s", prev, f, rel))
				continue
			}
			byRel[rel] = f
			if fi, err := os.Stat(f); err == nil && fi.Size() > opts.MaxSize {
				problems = append(problems, fmt.Sprintf("%s: %s is too large for a post (the limit is %s); move it out of the input", f, size(fi.Size()), size(opts.MaxSize)))
				continue
			}
			if absOut != "" && resolve(filepath.Join(opts.Out, filepath.FromSlash(rel))) == resolve(f) {
				problems = append(problems, fmt.Sprintf("%s: publishing to --out %s would overwrite the input itself; choose another directory", f, opts.Out))
				continue
			}
			srcs = append(srcs, source{path: f, rel: rel})
		}
	}
	if opts.HTML {
		problems = append(problems, htmlCollisions(byRel)...)
	}
	if !opts.Check {
		problems = append(problems, outputConflicts(opts, srcs)...)
	}
	if len(problems) > 0 {
		return nil, &InputError{problems}
	}
	return srcs, nil
}

// htmlCollisions finds posts whose HTML or JSON files would have the same
// name (a.md and a.markdown), or the manifest's.
func htmlCollisions(byRel map[string]string) []string {
	var problems []string
	stems := map[string]string{}
	rels := make([]string, 0, len(byRel))
	for rel := range byRel {
		rels = append(rels, rel)
	}
	sort.Strings(rels)
	for _, rel := range rels {
		stem := strings.TrimSuffix(rel, path.Ext(rel))
		if stem+".json" == ManifestName {
			problems = append(problems, fmt.Sprintf("%s: its front matter file %s would overwrite the manifest; rename the post", byRel[rel], ManifestName))
		}
		if prev, dup := stems[stem]; dup {
			problems = append(problems, fmt.Sprintf("%s and %s would both be rendered to %s.html", prev, byRel[rel], stem))
		}
		stems[stem] = byRel[rel]
	}
	return problems
}

// outputConflicts finds output paths that exist as directories.
func outputConflicts(opts Options, srcs []source) []string {
	var problems []string
	check := func(rel string) {
		p := filepath.Join(opts.Out, filepath.FromSlash(rel))
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			problems = append(problems, fmt.Sprintf("--out %s: %s is a directory; cannot write a file there", opts.Out, p))
		}
	}
	check(ManifestName)
	for _, s := range srcs {
		check(s.rel)
		if opts.HTML {
			stem := strings.TrimSuffix(s.rel, path.Ext(s.rel))
			check(stem + ".html")
			check(stem + ".json")
		}
	}
	return problems
}

// resolve returns the absolute path of p with the symbolic links of its
// longest existing prefix resolved.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	var rest []string
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(append([]string{r}, rest...)...)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = append([]string{filepath.Base(cur)}, rest...)
		cur = parent
	}
}

// within reports whether p is dir or inside it (both resolved).
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)))
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

type outcome struct {
	file *File
	err  error // bad input: stops the run
}

// process publishes one file: read, fix in memory, gate, stage the outputs.
func process(opts Options, st *stage, s source) outcome {
	f := &File{Input: s.path, Output: s.rel}
	src, err := os.ReadFile(s.path)
	if err != nil {
		return outcome{file: f, err: fmt.Errorf("%s: cannot read: %w", s.path, unwrap(err))}
	}
	if int64(len(src)) > opts.MaxSize {
		return outcome{file: f, err: fmt.Errorf("%s: %s is too large for a post (the limit is %s); move it out of the input", s.path, size(int64(len(src))), size(opts.MaxSize))}
	}
	if binary(src) {
		return outcome{file: f, err: fmt.Errorf("%s: binary file, not Markdown text; move it out of the input", s.path)}
	}
	f.InSHA = sum(src)
	fr := opts.Linter.Fix(s.path, src)
	out := fr.Fixed
	f.Fixes = fr.Applied
	f.Changed = !bytes.Equal(out, src)
	final := fr.Final
	for _, e := range final.Errors {
		var refused *lint.RefusedFixError
		if errors.As(e, &refused) {
			f.Notes = append(f.Notes, e.Error())
			continue
		}
		f.Reasons = append(f.Reasons, Reason{Line: 1, Col: 1, Msg: fmt.Sprintf("postlint could not check the file: %v", e)})
	}
	for _, fd := range final.Findings {
		if fd.Severity == rules.Error {
			line, col := final.Lines.Position(fd.Start)
			f.Reasons = append(f.Reasons, Reason{Line: line, Col: col, Rule: fd.Rule.Name, Msg: fd.Message})
		} else {
			f.Warnings++
		}
	}
	f.Reasons = append(f.Reasons, gate(final)...)
	f.links = localLinks(s.path, final)
	var html, fmJSON []byte
	if opts.HTML && f.Passed() {
		var b bytes.Buffer
		if err := markdown.Render(&b, out, final.Doc.BodyStart); err != nil {
			f.Reasons = append(f.Reasons, Reason{Line: 1, Col: 1, Msg: fmt.Sprintf("cannot render HTML: %v", err)})
		}
		html = b.Bytes()
		j, reason := frontMatterJSON(final)
		if reason != nil {
			f.Reasons = append(f.Reasons, *reason)
		}
		fmJSON = j
	}
	if !f.Passed() {
		return outcome{file: f}
	}
	f.OutSHA = sum(out)
	if opts.HTML {
		stem := strings.TrimSuffix(s.rel, path.Ext(s.rel))
		f.HTML, f.HTMLSHA = stem+".html", sum(html)
		f.JSON, f.JSONSHA = stem+".json", sum(fmJSON)
	}
	if st == nil {
		return outcome{file: f}
	}
	if err := st.write(s.rel, out); err != nil {
		return outcome{file: f, err: err}
	}
	if opts.HTML {
		if err := st.write(f.HTML, html); err != nil {
			return outcome{file: f, err: err}
		}
		if err := st.write(f.JSON, fmJSON); err != nil {
			return outcome{file: f, err: err}
		}
	}
	return outcome{file: f}
}

// localLinks returns the relative links and images of a post that lead to a
// file (no scheme, not site-absolute), resolved against the post's directory.
func localLinks(path string, res *lint.Result) []localLink {
	var out []localLink
	_ = ast.Walk(res.Doc.AST, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
		default:
			return ast.WalkContinue, nil
		}
		u, err := url.Parse(string(dest))
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
			return ast.WalkContinue, nil
		}
		line, col := res.Lines.Position(max(n.Pos(), 0))
		target := filepath.Clean(filepath.Join(filepath.Dir(path), filepath.FromSlash(u.Path)))
		out = append(out, localLink{line: line, col: col, target: target})
		return ast.WalkContinue, nil
	})
	return out
}

// closeLinks refuses, until none is left, the posts that link to a post
// refused in the same run: published, the link would lead nowhere. Their
// staged outputs are withdrawn.
func closeLinks(res *Result, st *stage) error {
	refused := map[string]string{} // cleaned input path → as given
	for _, f := range res.Files {
		if !f.Passed() {
			refused[filepath.Clean(f.Input)] = f.Input
		}
	}
	for changed := len(refused) > 0; changed; {
		changed = false
		for _, f := range res.Files {
			if !f.Passed() {
				continue
			}
			for _, l := range f.links {
				if to, ok := refused[l.target]; ok {
					f.Reasons = append(f.Reasons, Reason{Line: l.line, Col: l.col, Msg: fmt.Sprintf("links to %s, which is not published", to)})
					refused[filepath.Clean(f.Input)] = f.Input
					changed = true
					break
				}
			}
			if !f.Passed() && st != nil {
				if err := st.withdraw(f.Output, f.HTML, f.JSON); err != nil {
					return err
				}
				f.OutSHA, f.HTMLSHA, f.JSONSHA, f.HTML, f.JSON = "", "", "", "", ""
			}
		}
	}
	return nil
}

// gate checks the bytes of the fixed text, whatever the rules said.
func gate(res *lint.Result) []Reason {
	src := res.Doc.Source
	at := func(off int, format string, args ...any) Reason {
		line, col := res.Lines.Position(off)
		return Reason{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
	}
	if u, ok := textenc.DetectUTF16(src); ok {
		return []Reason{at(0, "the file is UTF-16 (%s), not UTF-8", u.Order)}
	}
	var out []Reason
	if runs := textenc.InvalidRuns(src); len(runs) > 0 {
		out = append(out, at(runs[0].Start, "not valid UTF-8 (byte 0x%02X)", src[runs[0].Start]))
	}
	if bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}) {
		out = append(out, at(0, "the file starts with a byte order mark"))
	}
	if i := bytes.IndexByte(src, '\r'); i >= 0 {
		out = append(out, at(i, "line endings are not LF (a carriage return)"))
	}
	if r, ok := finalNewline(src); !ok {
		out = append(out, at(r, "the file does not end with exactly one newline"))
	}
	for _, c := range res.Doc.Prose {
		if !norm.NFC.IsNormal(c.Text) {
			i := norm.NFC.QuickSpan(c.Text)
			out = append(out, at(c.Start+i, "text not in Unicode NFC"))
			break
		}
	}
	return out
}

// finalNewline reports whether src ends with exactly one newline after its
// last line of text (an empty or blank file passes), and where the fault is.
func finalNewline(src []byte) (int, bool) {
	k := len(src)
	for k > 0 && (src[k-1] == ' ' || src[k-1] == '\t' || src[k-1] == '\n' || src[k-1] == '\r') {
		k--
	}
	if k == 0 {
		return 0, true
	}
	for k < len(src) && (src[k] == ' ' || src[k] == '\t') {
		k++
	}
	tail := string(src[k:])
	if tail == "" {
		_, size := utf8.DecodeLastRune(src)
		return len(src) - size, false
	}
	return k, tail == "\n"
}

func binary(src []byte) bool {
	if bytes.IndexByte(src[:min(len(src), 8000)], 0) < 0 {
		return false
	}
	_, ok := textenc.DetectUTF16(src)
	return !ok
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// stage collects the outputs in a hidden directory inside the output
// directory, then moves them into place: a run that fails leaves nothing
// behind, and every file appears whole.
type stage struct {
	out     string
	dir     string // the staging directory, inside out
	created string // the topmost directory created for out; "" when out existed
	mu      sync.Mutex
	files   []string // staged, slash-separated paths under out
}

func newStage(out string) (*stage, error) {
	s := &stage{out: out}
	st, err := os.Stat(out)
	switch {
	case err == nil && !st.IsDir():
		return nil, &InputError{[]string{fmt.Sprintf("--out %s is a file, not a directory", out)}}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, &InputError{[]string{fmt.Sprintf("--out %s: %v", out, unwrap(err))}}
	case err != nil:
		s.created = topMissing(out)
		if err := os.MkdirAll(out, 0o755); err != nil {
			s.abort()
			return nil, &InputError{[]string{fmt.Sprintf("--out %s: cannot create it: %v", out, unwrap(err))}}
		}
	}
	dir, err := os.MkdirTemp(out, ".postlint-publish-")
	if err != nil {
		s.abort()
		return nil, &InputError{[]string{fmt.Sprintf("--out %s: cannot write there: %v", out, unwrap(err))}}
	}
	s.dir = dir
	return s, nil
}

// topMissing returns the topmost ancestor of p (or p) that does not exist.
func topMissing(p string) string {
	p = filepath.Clean(p)
	top := p
	for cur := p; ; {
		if _, err := os.Lstat(cur); err == nil {
			return top
		}
		top = cur
		parent := filepath.Dir(cur)
		if parent == cur {
			return top
		}
		cur = parent
	}
}

func (s *stage) write(rel string, data []byte) error {
	p := filepath.Join(s.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot write %s: %w", s.out, rel, unwrap(err))
	}
	// Written whole and synced; moved into place by commit.
	if err := fsutil.WriteFileAtomic(p, data, 0o644); err != nil {
		return fmt.Errorf("--out %s: cannot write %s: %w", s.out, rel, errors.Unwrap(err))
	}
	s.mu.Lock()
	s.files = append(s.files, rel)
	s.mu.Unlock()
	return nil
}

// withdraw removes staged files (empty names are skipped).
func (s *stage) withdraw(rels ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, rel := range rels {
		if rel == "" {
			continue
		}
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil {
			return fmt.Errorf("--out %s: cannot withdraw %s: %w", s.out, rel, unwrap(err))
		}
		for i, f := range s.files {
			if f == rel {
				s.files = append(s.files[:i], s.files[i+1:]...)
				break
			}
		}
	}
	return nil
}

// commit renames the staged files into place, the manifest last; then
// removes the staging directory.
func (s *stage) commit() error {
	files := append([]string(nil), s.files...)
	sort.SliceStable(files, func(i, j int) bool {
		mi, mj := files[i] == ManifestName, files[j] == ManifestName
		if mi != mj {
			return mj
		}
		return files[i] < files[j]
	})
	for _, rel := range files {
		from := filepath.Join(s.dir, filepath.FromSlash(rel))
		to := filepath.Join(s.out, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return fmt.Errorf("--out %s: cannot create the directory of %s: %w", s.out, rel, unwrap(err))
		}
		if err := os.Rename(from, to); err != nil {
			return fmt.Errorf("--out %s: cannot move %s into place: %w", s.out, rel, unwrap(err))
		}
	}
	return os.RemoveAll(s.dir)
}

// abort removes the staging directory, and the output directory when this
// run created it.
func (s *stage) abort() {
	if s.dir != "" {
		_ = os.RemoveAll(s.dir)
	}
	if s.created != "" {
		_ = os.RemoveAll(s.created)
	}
}
