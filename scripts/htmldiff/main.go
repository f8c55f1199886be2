// Command htmldiff checks a postlint publish run against its input: for every
// published post in OUT/manifest.json it renders the input and the output
// with the renderer of publish --html and compares the HTML. Files without
// fixes must render byte for byte the same; files with fixes may differ, and
// are counted by the rules that fixed them. It exits 1 when a file without
// fixes renders differently, or when an output's sha256 does not match the
// manifest. scripts/publish-corpus.sh runs it.
//
//	go run ./scripts/htmldiff [-v] OUT    (-v lists the files whose HTML differs)
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/postlint/postlint/internal/document"
	"github.com/postlint/postlint/internal/markdown"
)

type manifest struct {
	Files []struct {
		Input        string         `json:"input"`
		InputSHA256  string         `json:"input_sha256"`
		Status       string         `json:"status"`
		Output       string         `json:"output"`
		OutputSHA256 string         `json:"output_sha256"`
		Fixes        map[string]int `json:"fixes"`
	} `json:"files"`
}

func render(path string, src []byte) []byte {
	var b bytes.Buffer
	if err := markdown.Render(&b, src, document.Load(path, src).BodyStart); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", path, err)
		os.Exit(2)
	}
	return b.Bytes()
}

func main() {
	verbose := flag.Bool("v", false, "list the files whose HTML differs")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: htmldiff [-v] OUT")
		os.Exit(2)
	}
	out := flag.Arg(0)
	data, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var published, unchanged, changed, sameHTML, diffHTML, bad int
	why := map[string]int{}     // rules that fixed a file whose HTML changed
	silent := map[string]int{}  // rules that fixed a file whose HTML did not change
	perRule := map[string]int{} // fixes per rule over the run
	for _, f := range m.Files {
		for r, n := range f.Fixes {
			perRule[r] += n
		}
		if f.Status != "published" {
			continue
		}
		published++
		in, err := os.ReadFile(f.Input)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		o, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(f.Output)))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if sum(o) != f.OutputSHA256 || sum(in) != f.InputSHA256 {
			fmt.Printf("FAIL %s: sha256 does not match the manifest\n", f.Input)
			bad++
			continue
		}
		if bytes.Equal(in, o) {
			unchanged++
			continue
		}
		changed++
		rules := make([]string, 0, len(f.Fixes))
		for r := range f.Fixes {
			rules = append(rules, r)
		}
		sort.Strings(rules)
		key := strings.Join(rules, "+")
		hin, hout := render(f.Input, in), render(f.Output, o)
		if bytes.Equal(hin, hout) {
			sameHTML++
			silent[key]++
			continue
		}
		// Fixes of line endings and of the end of the file may change the
		// HTML only there: inside code blocks and raw HTML, which keep
		// their bytes. Nothing else may differ.
		if whitespaceOnly(f.Fixes) && !bytes.Equal(normalize(hin), normalize(hout)) {
			fmt.Printf("FAIL %s: renders differently beyond its line endings\n", f.Input)
			bad++
		}
		diffHTML++
		why[key]++
		if *verbose {
			fmt.Printf("differs: %s (%s)\n", f.Input, key)
		}
		if len(f.Fixes) == 0 {
			fmt.Printf("FAIL %s: renders differently but no fix applied\n", f.Input)
			bad++
		}
	}
	fmt.Printf("%d published: %d unchanged, %d changed (%d render the same HTML, %d render differently)\n", published, unchanged, changed, sameHTML, diffHTML)
	print := func(title string, counts map[string]int) {
		if len(counts) == 0 {
			return
		}
		fmt.Println(title)
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			return counts[keys[i]] > counts[keys[j]] || counts[keys[i]] == counts[keys[j]] && keys[i] < keys[j]
		})
		for _, k := range keys {
			fmt.Printf("  %5d  %s\n", counts[k], k)
		}
	}
	print("HTML differs, fixed by:", why)
	print("HTML the same, fixed by:", silent)
	print("fixes per rule:", perRule)
	if bad > 0 {
		fmt.Printf("FAIL: %d files\n", bad)
		os.Exit(1)
	}
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func whitespaceOnly(fixes map[string]int) bool {
	for r := range fixes {
		switch r {
		case "line-endings", "final-newline", "bom", "trailing-whitespace":
		default:
			return false
		}
	}
	return true
}

// normalize drops carriage returns and the whitespace at the end.
func normalize(html []byte) []byte {
	return bytes.TrimRight(bytes.ReplaceAll(html, []byte("\r"), nil), " \t\n")
}
