package rules

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/postlint/postlint/internal/bloom"
	"github.com/postlint/postlint/internal/wordlist"
)

// ProductNamesOptions configures product-names.
type ProductNamesOptions struct {
	Names           []string `yaml:"names" doc:"more names, spelled as they must be (\"Vitess\", \"gRPC\"); a name may replace a built-in one"`
	Ignore          []string `yaml:"ignore" doc:"names (any spelling) never reported"`
	FrontMatterKeys []string `yaml:"front-matter-keys" doc:"front matter keys whose string values are prose and checked"`
}

// productName is a shipped name; lower says that the all-lowercase form is
// also right (it names the command or package: mysql, jquery, node.js).
type productName struct {
	name  string
	lower bool
}

// productNames are spelled as their owners spell them. Names that are also
// English words (Go, Rust, Swift, Chrome, Windows, Python) are left out:
// the lowercase word is not a mistake.
var productNames = []productName{
	{"GitHub", false}, {"GitLab", false}, {"Bitbucket", false}, {"JavaScript", false}, {"TypeScript", false},
	{"CoffeeScript", false}, {"ECMAScript", false}, {"ChatGPT", false}, {"OpenAI", false}, {"macOS", false},
	{"iPadOS", false}, {"watchOS", false}, {"tvOS", false}, {"iPhone", false}, {"iPad", false}, {"iPod", false},
	{"iCloud", false}, {"iTunes", false}, {"iMac", false}, {"PostgreSQL", true}, {"MySQL", true},
	{"SQLite", true}, {"MongoDB", true}, {"MariaDB", true}, {"DynamoDB", false}, {"CouchDB", true},
	{"YouTube", false}, {"LinkedIn", false}, {"WordPress", false}, {"PowerShell", true}, {"Node.js", true},
	{"Vue.js", true}, {"Next.js", true}, {"Nuxt.js", true}, {"Express.js", true}, {"D3.js", true},
	{"npm", true}, {"pnpm", true}, {"jQuery", true}, {"OAuth", false}, {"GraphQL", true}, {"WebAssembly", false},
	{"WebSocket", false}, {"WebSockets", false}, {"Xcode", false}, {"TensorFlow", true}, {"PyTorch", true}, {"NumPy", true},
	{"SciPy", true}, {"scikit-learn", true}, {"Matplotlib", true}, {"Jupyter", true}, {"JupyterLab", true},
	{"Kubernetes", true}, {"Linux", false}, {"Ubuntu", false}, {"Debian", false}, {"Fedora", false},
	{"FreeBSD", false}, {"OpenBSD", false}, {"Microsoft", false}, {"Facebook", false}, {"Reddit", false},
	{"Netflix", false}, {"PayPal", false}, {"eBay", false}, {"WhatsApp", false}, {"TikTok", false},
	{"Dropbox", false}, {"Gmail", false}, {"IntelliJ", false}, {"JetBrains", false}, {"Cloudflare", false},
	{"DigitalOcean", false}, {"Elasticsearch", true}, {"RabbitMQ", true}, {"Firefox", true}, {"Netlify", true},
	{"Heroku", true}, {"Terraform", true}, {"Ansible", true}, {"Jekyll", true}, {"Hugo", true},
	{"VS Code", true}, {"Visual Studio", false}, {"PyPI", false}, {"NuGet", true}, {"Homebrew", true},
	{"SharePoint", false}, {"OneDrive", false}, {"LibreOffice", false}, {"OpenStreetMap", false},
	{"Postman", false}, {"Grafana", true}, {"Prometheus", true}, {"Kafka", true}, {"gRPC", true},
	{"WebRTC", false}, {"HashiCorp", false}, {"CircleCI", false}, {"AppVeyor", false}, {"SourceForge", false},
	{"LaTeX", false}, {"BibTeX", true}, {"MATLAB", false},
}

// appendNameKey appends the key of the name text to buf (see nameKey).
func appendNameKey(buf, text []byte) []byte {
	for _, c := range text {
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			buf = append(buf, c)
		case c >= 'A' && c <= 'Z':
			buf = append(buf, c+'a'-'A')
		case c >= utf8.RuneSelf:
			return append(buf[:0], nameKey(string(text))...)
		}
	}
	return buf
}

// nameKey is the spelling-free form of a name: lowercase letters and digits.
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// ProductNames reports product and technology names not spelled as their
// owners spell them.
var ProductNames = &Rule{
	Name:     "product-names",
	Costly:   true,
	Tags:     []string{"prose"},
	Severity: Warning,
	Fixable:  true,
	Doc: Doc{
		Title: "Product and technology names must be spelled as their owners spell them",
		Description: `Reports names such as ` + "`Github`" + `, ` + "`Javascript`" + `, ` + "`chatGPT`" + `, ` + "`MacOS`" + `, ` + "`Postgresql`" + `,
` + "`Nodejs`" + ` or ` + "`Youtube`" + ` and fixes them to the spelling their owners use (` + "`GitHub`" + `, ` + "`JavaScript`" + `,
` + "`ChatGPT`" + `, ` + "`macOS`" + `, ` + "`PostgreSQL`" + `, ` + "`Node.js`" + `, ` + "`YouTube`" + `). The shipped list holds about a
hundred names; the ` + "`names`" + ` option adds the project's own.

Only whole words of prose are read: never code, URLs, domain names (` + "`github.com`" + `), file
names (` + "`javascript.md`" + `), paths, slugs (` + "`github-actions`" + `) or identifiers. The all-lowercase
form of a name that is also a command or package (` + "`mysql`" + `, ` + "`jquery`" + `, ` + "`node.js`" + `, ` + "`npm`" + `) is
accepted, and so is any name in all capitals (a shouted heading). Names that are English words
(Go, Rust, Swift, Python, Chrome, Windows) are not in the list.

This rule is not markdownlint's MD044 ` + "`proper-names`" + ` (which checks a configured list,
code included); use either or both.`,
		Examples: []Example{
			{Bad: "Ask chatGPT, then push to Github from MacOS.", Good: "Ask ChatGPT, then push to GitHub from macOS."},
		},
	},
	Options: func() any {
		return &ProductNamesOptions{FrontMatterKeys: []string{"title", "description", "summary", "excerpt", "subtitle"}}
	},
	Run: runProductNames,
}

// productIndex is the names a configuration checks, by key, with a Bloom
// filter of the keys: nearly no word of prose is a name.
type productIndex struct {
	names  map[string]productName
	filter *bloom.Filter
}

// productIndexes caches the index of each options value (one per
// configuration or override, shared by every document it applies to; a
// file's own markdownlint-configure-file settings make more, so the cache
// is bounded).
var productIndexes struct {
	sync.Mutex
	m map[*ProductNamesOptions]*productIndex
}

func productIndexOf(opts *ProductNamesOptions) *productIndex {
	productIndexes.Lock()
	ix, ok := productIndexes.m[opts]
	productIndexes.Unlock()
	if ok {
		return ix
	}
	names := make(map[string]productName, len(productNames)+len(opts.Names))
	for _, n := range productNames {
		names[nameKey(n.name)] = n
	}
	for _, n := range opts.Names {
		names[nameKey(n)] = productName{name: n, lower: strings.ToLower(n) == n}
	}
	for _, n := range opts.Ignore {
		delete(names, nameKey(n))
	}
	ix = &productIndex{names: names, filter: bloom.New(len(names))}
	for k := range names {
		ix.filter.AddString(k)
	}
	productIndexes.Lock()
	if productIndexes.m == nil {
		productIndexes.m = make(map[*ProductNamesOptions]*productIndex)
	}
	if len(productIndexes.m) < 64 {
		productIndexes.m[opts] = ix
	}
	productIndexes.Unlock()
	return ix
}

func runProductNames(pass *Pass) error {
	opts := OptionsOf[ProductNamesOptions](pass)
	ix := productIndexOf(opts)
	names := ix.names
	keys := make(map[string]bool, len(opts.FrontMatterKeys))
	for _, k := range opts.FrontMatterKeys {
		keys[k] = true
	}
	src := pass.Source
	// A heading that is nothing but one spelling of a name ("#### Mysql")
	// names a variable or a setting: that spelling is an identifier here.
	labels := make(map[string]bool)
	for ci := range pass.Prose {
		if c := &pass.Prose[ci]; c.Kind == Heading {
			if t := strings.TrimSpace(string(c.Text)); !strings.ContainsAny(t, " \t") {
				labels[t] = true
			}
		}
	}
	for ci := range pass.Prose {
		c := &pass.Prose[ci]
		if c.Kind == FrontMatterString && !keys[c.Key] {
			continue
		}
		var buf [64]byte
		forEachNameToken(c.Text, func(i, j int) {
			if j-i > 40 {
				return
			}
			key := appendNameKey(buf[:0], c.Text[i:j])
			if !ix.filter.MayContain(key) {
				return
			}
			n, ok := names[string(key)]
			if !ok {
				return
			}
			tok := string(c.Text[i:j])
			if strings.ToLower(tok) == tok && lowercaseList(c.Text, i, j, names) {
				return // "github, gitlab, jekyll": values of a setting
			}
			if tok == n.name || n.lower && strings.ToLower(tok) == tok || allCapitals(tok) || pass.Words[strings.ToLower(tok)] || labels[tok] {
				return
			}
			if !c.Clean(src, i, j) || quoted(c.Text, i, j) {
				return
			}
			start, end := c.Start+i, c.Start+j
			pass.Report(Diagnostic{
				Start:   start,
				End:     end,
				Message: fmt.Sprintf("%q is spelled %q", tok, n.name),
				Fix: &Fix{
					Message: fmt.Sprintf("replace with %q", n.name),
					Edits:   []Edit{{Start: start, End: end, NewText: n.name}},
				},
			})
		})
	}
	return nil
}

// quoted reports whether text[i:j] is enclosed in quotation marks: a
// spelling mentioned, not used ("never write \"VSCode\"").
func quoted(text []byte, i, j int) bool {
	if i == 0 || j >= len(text) {
		return false
	}
	open, _ := utf8.DecodeLastRune(text[:i])
	closing, _ := utf8.DecodeRune(text[j:])
	switch open {
	case '"', '\'':
		return closing == open
	case '“':
		return closing == '”'
	case '‘':
		return closing == '’'
	}
	return false
}

// lowercaseList reports whether the lowercase token text[i:j] is an item of
// a comma-separated list whose neighbouring item is a lowercase name or
// word the dictionary does not know: a list of identifiers or option values
// ("github, gitlab, jekyll"), not prose about the products.
func lowercaseList(text []byte, i, j int, names map[string]productName) bool {
	var neighbours []string
	if p := strings.TrimRight(string(text[:i]), " \n"); strings.HasSuffix(p, ",") || strings.HasSuffix(p, ";") {
		neighbours = append(neighbours, neighbourWord(text, len(p)-1, -1))
	}
	if k := strings.IndexFunc(string(text[j:]), func(r rune) bool { return r != ' ' }); k >= 0 && (text[j+k] == ',' || text[j+k] == ';') {
		neighbours = append(neighbours, neighbourWord(text, j+k, 1))
	}
	for _, w := range neighbours {
		if w == "" || strings.ToLower(w) != w {
			continue
		}
		if _, ok := names[nameKey(w)]; ok || !wordlist.Contains(w) {
			return true
		}
	}
	return false
}

// allCapitals reports whether s has letters and none in lowercase.
func allCapitals(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// forEachNameToken calls fn for each token of text that may be a name: a run
// of letters and digits, joined by single dots, hyphens or one space before
// a capital ("VS Code") only where a name could continue, standing alone
// (not part of a path, an address, a file name with an extension, an
// identifier). Tokens with a dot or hyphen are whole: "github.com" and
// "github-actions" are not "github".
func forEachNameToken(text []byte, fn func(i, j int)) {
	for i := 0; i < len(text); {
		if b := text[i]; b < utf8.RuneSelf {
			if !mdbASCIILetter(b) {
				i++ // the common case, inlined
				continue
			}
		} else if !letterAt(text, i) {
			i += runeSize(text, i)
			continue
		}
		start := i
		for i < len(text) {
			if b := text[i]; b < utf8.RuneSelf {
				if mdbASCIILetter(b) || '0' <= b && b <= '9' {
					i++ // the common case, inlined
					continue
				}
			} else if alnumAt(text, i) {
				i += runeSize(text, i)
				continue
			}
			if b := text[i]; (b == '.' || b == '-') && i+1 < len(text) && alnumAt(text, i+1) {
				i++
				continue
			}
			break
		}
		end := i
		if nameStandsAlone(text, start, end) {
			fn(start, end)
			// A two-word name: "VS Code", "Visual Studio". Only their first
			// words start one.
			if end+1 < len(text) && text[end] == ' ' && letterAt(text, end+1) && twoWordStart(text[start:end]) {
				k := end + 1
				for k < len(text) && alnumAt(text, k) {
					k += runeSize(text, k)
				}
				if k-start <= 20 && nameStandsAlone(text, start, k) && isTwoWordName(string(text[start:k])) {
					fn(start, k)
				}
			}
		}
	}
}

// twoWordStart reports whether w can start a two-word name (isTwoWordName).
func twoWordStart(w []byte) bool {
	return len(w) == 2 && bytes.EqualFold(w, []byte("vs")) || len(w) == 6 && bytes.EqualFold(w, []byte("visual"))
}

// alnumAt reports whether text[i:] starts with a letter or a digit.
func alnumAt(text []byte, i int) bool {
	if b := text[i]; b < utf8.RuneSelf {
		return mdbASCIILetter(b) || '0' <= b && b <= '9'
	}
	r, _ := utf8.DecodeRune(text[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// runeSize is the length of the (possibly invalid) UTF-8 sequence at
// text[i:].
func runeSize(text []byte, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, size := utf8.DecodeRune(text[i:])
	return size
}

func isTwoWordName(s string) bool {
	k := nameKey(s)
	return k == "vscode" || k == "visualstudio"
}

func nameStandsAlone(text []byte, start, end int) bool {
	if start > 0 {
		p, _ := utf8.DecodeLastRune(text[:start])
		if unicode.IsDigit(p) || isJoiner(p) || p == '`' || p == '.' || p == '-' {
			return false
		}
	}
	if end < len(text) {
		n, _ := utf8.DecodeRune(text[end:])
		if unicode.IsDigit(n) || isJoiner(n) || n == '`' || n == '(' {
			return false
		}
	}
	return true
}
