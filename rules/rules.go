// Package rules is postlint's public rule API and its built-in rules.
//
// A Rule is a plain value: a name, documentation, a default severity, typed
// options and a Run function. Run receives a Pass — the document being
// linted, already parsed once and shared read-only — and reports Diagnostics
// through it. A Diagnostic is a byte range of the source, a message and an
// optional Fix made of byte-range edits against the unchanged source. Rules
// never write; the driver decides what is reported and what is applied.
//
// Positions are byte offsets into Pass.Source everywhere. Lines and columns
// exist only in reporters.
package rules

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
)

// Severity is how much a finding matters. The zero value is Off.
type Severity uint8

// Severities, in increasing order.
const (
	Off Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Off:
		return "off"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// ParseSeverity parses "off", "warning" (or "warn") and "error".
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "false":
		return Off, nil
	case "warning", "warn":
		return Warning, nil
	case "error", "on", "true":
		return Error, nil
	}
	return Off, fmt.Errorf("unknown severity %q (want off, warning or error)", s)
}

// Example is a pair of snippets that shows what a rule reports and the text
// it expects instead.
type Example struct {
	Bad, Good string
	Note      string // optional explanation
}

// Doc documents a rule; postlint rules, postlint explain and docs/rules are
// made from it.
type Doc struct {
	Title       string // one line, no final period
	Description string // Markdown paragraphs: what is reported, why, and what the fix does
	Examples    []Example
}

// Rule is a lint rule. Rules are values: a Rule holds no state between runs
// and Run may be called concurrently on different passes.
type Rule struct {
	Name     string   // kebab-case, unique
	Aliases  []string // other names accepted in config, flags and directives
	Tags     []string // groups for selection in config (markdownlint tags such as "headings", "whitespace")
	Doc      Doc
	Severity Severity // default severity
	Fixable  bool     // whether Run may attach fixes to its diagnostics
	// ChangesStructure says the rule's fixes change the document's structure
	// on purpose (they turn text into a link, say). The render-safety proof
	// refuses any other fix that changes how the document renders.
	ChangesStructure bool
	// Options returns a pointer to a new options struct holding the defaults,
	// or nil when the rule has none. Fields are configured by their `yaml` tag
	// name and documented by their `doc` tag.
	Options func() any
	// Run inspects pass and reports through it. An error aborts the rule for
	// this document only and is shown to the user as an internal error.
	Run func(pass *Pass) error
	// Costly marks a rule that does much more work per byte than most: it
	// looks up every word of the prose, resolves every link, or parses the
	// document again to check its fixes. When the rules of one large file
	// run on several cores, the driver starts the costly ones first, so
	// that cheap rules fill the gaps at the end instead of a costly rule
	// running alone.
	Costly bool
	// Prepare, when set, builds what Run will need for an options value
	// (a dictionary) ahead of the first document: the driver calls it in
	// the background as a run starts, so that the work overlaps finding,
	// reading and parsing the files. Run must not rely on it having been
	// called or having finished.
	Prepare func(options any)
}

// Edit replaces Source[Start:End] with NewText. An insertion has Start == End.
type Edit struct {
	Start, End int
	NewText    string
}

// Fix is a set of edits that are applied together or not at all.
type Fix struct {
	Message string // what the fix does, e.g. `replace with "the"`
	Edits   []Edit
	// Unsafe marks a fix that may change what the text means (a spelling
	// correction, a change of case): the driver applies it only when the
	// user asks for unsafe fixes (--unsafe-fixes) and otherwise reports the
	// diagnostic without a fix.
	Unsafe bool
}

// Diagnostic is one finding: Source[Start:End] is what is wrong. Every edit
// of its fix must lie within [Start, End]: a fix never changes anything its
// diagnostic does not report.
type Diagnostic struct {
	Start, End int
	Message    string
	Fix        *Fix
}

// Pass is one rule's view of one document.
type Pass struct {
	*Document
	Rule    *Rule
	Options any                // the rule's options (the value returned by Rule.Options, configured)
	Words   map[string]bool    // project vocabulary from the config (lowercase): never report these as misspelled
	Report  func(d Diagnostic) // set by the driver
	// Lookup finds a rule of this run by name or alias: the registered
	// rules and those compiled from the config's rule packs. Set by the
	// driver; nil means the registry alone (see [Lookup]).
	Lookup func(name string) *Rule
	// RunWords counts, for each word (lowercase) that the English word list
	// does not know, the files of this run that use it, identical copies of a
	// line counting once. A command-line run over several files fills it in a
	// pre-pass before linting; it is nil for one file or standard input.
	// Words a project uses in several files are its vocabulary.
	RunWords map[string]int
}

// LookupRule finds a rule of this pass's run by name or alias (pack rules
// included when the driver set Lookup).
func (p *Pass) LookupRule(name string) *Rule {
	if p.Lookup != nil {
		return p.Lookup(name)
	}
	return Lookup(name)
}

// Reportf reports a diagnostic without a fix.
func (p *Pass) Reportf(start, end int, format string, args ...any) {
	p.Report(Diagnostic{Start: start, End: end, Message: fmt.Sprintf(format, args...)})
}

// OptionsOf returns the configured options of a pass as *T; it panics if the
// rule's Options function returns another type (a programming error).
func OptionsOf[T any](p *Pass) *T {
	return p.Options.(*T)
}

// Document is a parsed Markdown file. It is built once per pass of the driver
// and shared read-only by every rule.
type Document struct {
	Path      string
	Source    []byte // the file's bytes, never modified
	BOM       bool   // Source starts with a UTF-8 byte order mark
	ValidUTF8 bool
	// FrontMatter is nil when the document has none.
	FrontMatter *FrontMatter
	BodyStart   int // offset where the Markdown body starts (after the BOM and front matter)
	// LineStarts holds the offset of the first byte of each line: line n
	// (1-based) is Source[LineStarts[n-1]:LineStarts[n]] (or to the end).
	// For line-oriented rules; report byte offsets, never lines.
	LineStarts []int
	AST        ast.Node // goldmark document; its segments index Source
	// References holds the link reference definitions of the document by
	// normalized label (see NormalizeLabel), with their destinations.
	References map[string]string
	// Prose holds the text that prose rules read, with everything that is
	// not prose masked.
	Prose []Chunk
	// Templates are the Liquid and Hugo constructs and opaque block bodies,
	// in source order. Nothing in them is prose.
	Templates []Template

	// derived holds what rules compute from the document and share (the
	// words of the prose, the line view of the blocks): see derive.
	derived derivedValues
}

// derivedValues are the values computed from one document for several
// rules, each computed once. Rules of a document may run concurrently.
type derivedValues struct {
	mu sync.Mutex
	m  map[*derivedKey]*derivedValue
}

// derivedValue is one value, computed by the first rule that asks; a rule
// that asks while it is being computed waits for it rather than computing
// it again (the rules of a large file run on several cores, and the prose
// words are asked for by several of them at once).
type derivedValue struct {
	once sync.Once
	v    any
	ok   bool // compute returned (it may have panicked instead)
}

// A derivedKey names a value derived from a document.
type derivedKey struct{ name string }

// derive returns the value of key for d, computing it on first use. The
// value lives as long as the document: nothing is shared between documents.
// compute must not derive key itself.
func derive[T any](d *Document, key *derivedKey, compute func() T) T {
	d.derived.mu.Lock()
	e := d.derived.m[key]
	if e == nil {
		if d.derived.m == nil {
			d.derived.m = make(map[*derivedKey]*derivedValue)
		}
		e = &derivedValue{}
		d.derived.m[key] = e
	}
	d.derived.mu.Unlock()
	e.once.Do(func() { e.v, e.ok = compute(), true })
	if !e.ok {
		panic("computing the document's " + key.name + " failed in another rule")
	}
	return e.v.(T)
}

// InTemplate reports whether [start, end) overlaps template syntax (for an
// empty range: whether start lies inside it), in logarithmic time.
func (d *Document) InTemplate(start, end int) bool {
	if len(d.Templates) == 0 {
		return false
	}
	if end <= start {
		end = start + 1
	}
	ix := d.templateIndex()
	k := sort.SearchInts(ix.starts, end) // the templates that start before end
	return k > 0 && ix.maxEnd[k-1] > start
}

// TemplatesFrom returns the templates from the first that ends after start,
// in source order, found in logarithmic time: a caller interested in
// [start, end) reads them until one starts at or after end.
func (d *Document) TemplatesFrom(start int) []Template {
	if len(d.Templates) == 0 {
		return nil
	}
	ix := d.templateIndex()
	k := sort.Search(len(ix.maxEnd), func(j int) bool { return ix.maxEnd[j] > start })
	return d.Templates[k:]
}

// templateIndex holds the starts of the templates and the running maximum
// of their ends, for binary searches.
type templateIndex struct{ starts, maxEnd []int }

var templateIndexKey = &derivedKey{"template index"}

func (d *Document) templateIndex() *templateIndex {
	return derive(d, templateIndexKey, func() *templateIndex {
		ix := &templateIndex{starts: make([]int, len(d.Templates)), maxEnd: make([]int, len(d.Templates))}
		end := 0
		for i, t := range d.Templates {
			end = max(end, t.End)
			ix.starts[i], ix.maxEnd[i] = t.Start, end
		}
		return ix
	})
}

// Template is one template construct (or the body of a block whose content is
// not Markdown, such as {% raw %}).
type Template struct {
	Start, End int
	Kind       string // "output", "tag", "shortcode" or "body"
	Name       string // tag or shortcode name ("include", "raw", "figure")
}

// ChunkKind says where a prose chunk comes from.
type ChunkKind uint8

// Chunk kinds.
const (
	Paragraph         ChunkKind = iota + 1 // a paragraph or the text of a tight list item
	Heading                                // an ATX or setext heading
	TableCell                              // a GFM table cell
	FrontMatterString                      // a string value in the front matter
)

func (k ChunkKind) String() string {
	switch k {
	case Paragraph:
		return "paragraph"
	case Heading:
		return "heading"
	case TableCell:
		return "table cell"
	case FrontMatterString:
		return "front matter value"
	}
	return "unknown"
}

// Chunk is a stretch of prose: Text has the length of Source[Start:End], with
// every byte that is not prose (code spans, raw HTML, autolinks and URLs, link
// destinations, template syntax, container markers, escapes, quoting) replaced
// by a space; newlines are kept. A match at Text[i:j] is Source[Start+i:Start+j].
type Chunk struct {
	Kind       ChunkKind
	Start, End int
	Text       []byte
	Node       ast.Node // the block the chunk comes from; nil for front matter values
	Key        string   // front matter key path, dot-separated ("title", "author.name")
}

// Clean reports whether Text[i:j] is all prose: no byte in it was masked.
// Offer a fix only for a clean range.
func (c *Chunk) Clean(src []byte, i, j int) bool {
	for k := i; k < j; k++ {
		if c.Text[k] != src[c.Start+k] {
			return false
		}
	}
	return true
}

// FrontMatter is the metadata block at the top of a post.
type FrontMatter struct {
	Format     string // "yaml", "toml" or "json"
	Start, End int    // the whole block with its delimiters
	Data       map[string]any
	Values     []FrontMatterValue // every scalar, in source order
	Err        error              // a syntax error in the block, or nil
}

// FrontMatterValue is one scalar of the front matter.
type FrontMatterValue struct {
	Path             []string // key path; sequence items by index ("tags", "0")
	KeyStart, KeyEnd int      // the key's range, or -1
	Start, End       int      // the raw value text (inside quotes for quoted strings)
	Kind             string   // "string", "int", "float", "bool", "time", "null"
	Text             string   // the decoded value
	Escapes          [][2]int // escape sequences inside [Start, End): never edit them
}

// NormalizeLabel normalizes a link reference label as CommonMark matches
// them: case-folded, inner whitespace collapsed, trimmed.
func NormalizeLabel(label string) string {
	return strings.ToLower(strings.Join(strings.Fields(label), " "))
}
