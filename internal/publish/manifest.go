package publish

import (
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"sort"

	"github.com/postlint/postlint/internal/lint"
)

// The manifest lists every input with its output, the sha256 of both, and the
// fixes applied per rule; refused inputs have their reasons instead of an
// output. It holds no time stamps: publishing the same inputs again writes the
// same manifest.
type manifestDoc struct {
	Version int            `json:"version"`
	Tool    manifestTool   `json:"tool"`
	Files   []manifestFile `json:"files"`
	Summary manifestSum    `json:"summary"`
}

type manifestTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

type manifestFile struct {
	Input        string         `json:"input"`
	InputSHA256  string         `json:"input_sha256"`
	Status       string         `json:"status"` // "published" or "refused"
	Output       string         `json:"output,omitempty"`
	OutputSHA256 string         `json:"output_sha256,omitempty"`
	HTML         string         `json:"html,omitempty"`
	HTMLSHA256   string         `json:"html_sha256,omitempty"`
	JSON         string         `json:"json,omitempty"`
	JSONSHA256   string         `json:"json_sha256,omitempty"`
	Fixes        map[string]int `json:"fixes"`
	Reasons      []string       `json:"reasons,omitempty"`
}

type manifestSum struct {
	Files     int `json:"files"`
	Published int `json:"published"`
	Refused   int `json:"refused"`
	Changed   int `json:"changed"`
	Fixes     int `json:"fixes"`
}

func manifest(opts Options, res *Result) ([]byte, error) {
	m := manifestDoc{Version: 1, Tool: manifestTool{Name: "postlint", Version: opts.Version}, Files: []manifestFile{}}
	for _, f := range res.Files {
		e := manifestFile{
			Input:       filepath.ToSlash(f.Input),
			InputSHA256: f.InSHA,
			Fixes:       f.Fixes,
		}
		if e.Fixes == nil {
			e.Fixes = map[string]int{}
		}
		m.Summary.Files++
		for _, n := range f.Fixes {
			m.Summary.Fixes += n
		}
		if f.Passed() {
			e.Status = "published"
			e.Output, e.OutputSHA256 = f.Output, f.OutSHA
			e.HTML, e.HTMLSHA256, e.JSON, e.JSONSHA256 = f.HTML, f.HTMLSHA, f.JSON, f.JSONSHA
			m.Summary.Published++
			if f.Changed {
				m.Summary.Changed++
			}
		} else {
			e.Status = "refused"
			for _, r := range f.Reasons {
				e.Reasons = append(e.Reasons, r.String())
			}
			m.Summary.Refused++
		}
		m.Files = append(m.Files, e)
	}
	out, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("writing the manifest: %w", err)
	}
	return append(out, '\n'), nil
}

// frontMatterJSON returns the front matter of a post as a JSON object ({}
// without front matter), or why it cannot.
func frontMatterJSON(res *lint.Result) ([]byte, *Reason) {
	fm := res.Doc.FrontMatter
	if fm == nil {
		return []byte("{}\n"), nil
	}
	if fm.Err != nil {
		line, col := res.Lines.Position(fm.Start)
		return nil, &Reason{Line: line, Col: col, Msg: fmt.Sprintf("the front matter does not parse, so it cannot be written as JSON: %v", fm.Err)}
	}
	out, err := json.MarshalIndent(jsonSafe(fm.Data), "", "  ")
	if err != nil {
		line, col := res.Lines.Position(fm.Start)
		return nil, &Reason{Line: line, Col: col, Msg: fmt.Sprintf("the front matter cannot be written as JSON: %v", err)}
	}
	return append(out, '\n'), nil
}

// jsonSafe replaces what JSON cannot hold: floats that are not numbers
// (.nan, .inf in YAML) become strings.
func jsonSafe(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out[k] = jsonSafe(v[k])
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = jsonSafe(x)
		}
		return out
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Sprint(v)
		}
	}
	return v
}
