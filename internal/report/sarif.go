package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/postlint/postlint/rules"
)

func init() {
	Register("sarif", func(o Options) Reporter { return SARIF(o.Out, o.Version, rules.All()) })
}

// SARIF returns a reporter that writes one SARIF 2.1.0 log to w when it is
// closed: the tool with the metadata of ruleSet (name, aliases, help text and
// help URI of each rule), a result per finding with its region (columns in
// Unicode code points) and its fix as SARIF fixes. Paths are relative URIs
// against %SRCROOT%, as GitHub code scanning reads them.
func SARIF(w io.Writer, toolVersion string, ruleSet []*rules.Rule) Reporter {
	s := &sarifReporter{w: w, index: make(map[*rules.Rule]int)}
	driver := sarifDriver{
		Name:           "postlint",
		Version:        toolVersion,
		InformationURI: ToolURI,
		Rules:          []sarifRule{},
	}
	for i, r := range ruleSet {
		s.index[r] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(r))
	}
	s.log = sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:       sarifTool{Driver: driver},
			ColumnKind: "unicodeCodePoints",
			Results:    []sarifResult{},
		}},
	}
	return s
}

type sarifReporter struct {
	w     io.Writer
	log   sarifLog
	index map[*rules.Rule]int
}

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	Name                 string            `json:"name"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 sarifText         `json:"help"`
	HelpURI              string            `json:"helpUri"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Aliases []string `json:"aliases,omitempty"`
	Tags    []string `json:"tags,omitempty"`
	Fixable bool     `json:"fixable"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex *int            `json:"ruleIndex,omitempty"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
	Fixes     []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "none"
}

func sarifRuleOf(r *rules.Rule) sarifRule {
	sr := sarifRule{
		ID:                   r.Name,
		Name:                 r.Name,
		ShortDescription:     sarifText{Text: r.Doc.Title},
		HelpURI:              HelpURI(r),
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(r.Severity)},
		Properties:           sarifRuleProperty{Aliases: r.Aliases, Tags: r.Tags, Fixable: r.Fixable},
	}
	desc := strings.TrimSpace(r.Doc.Description)
	if desc != "" {
		sr.FullDescription = &sarifText{Text: desc}
	}
	help := r.Doc.Title + "."
	if desc != "" {
		help += "\n\n" + desc
	}
	sr.Help = sarifText{Text: help, Markdown: help + "\n\nDocumentation: " + HelpURI(r)}
	return sr
}

// sarifURI turns a path into a URI reference: relative paths stay relative
// (against %SRCROOT%), absolute ones become file URIs.
func sarifURI(path string) sarifArtifact {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // a Windows drive letter
		}
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	p = strings.TrimPrefix(p, "./")
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: "%SRCROOT%"}
}

func sarifRegionOf(f *File, start, end int) sarifRegion {
	var r sarifRegion
	r.StartLine, r.StartColumn = f.Lines.Position(start)
	r.EndLine, r.EndColumn = f.Lines.Position(end)
	return r
}

func (s *sarifReporter) File(f *File) error {
	run := &s.log.Runs[0]
	art := sarifURI(f.Path)
	for _, fd := range f.Findings {
		res := sarifResult{
			RuleID:  fd.Rule.Name,
			Level:   sarifLevel(fd.Severity),
			Message: sarifText{Text: fd.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: art,
				Region:           sarifRegionOf(f, fd.Start, fd.End),
			}}},
		}
		if i, ok := s.index[fd.Rule]; ok {
			res.RuleIndex = &i
		}
		if fd.Fix != nil && len(fd.Fix.Edits) > 0 {
			change := sarifArtifactChange{ArtifactLocation: art}
			edits := append([]rules.Edit(nil), fd.Fix.Edits...)
			sort.SliceStable(edits, func(i, j int) bool { return edits[i].Start < edits[j].Start })
			for _, e := range edits {
				rep := sarifReplacement{DeletedRegion: sarifRegionOf(f, e.Start, e.End)}
				if e.NewText != "" {
					rep.InsertedContent = &sarifText{Text: e.NewText}
				}
				change.Replacements = append(change.Replacements, rep)
			}
			desc := fd.Fix.Message
			if desc == "" {
				desc = "apply the fix of " + fd.Rule.Name
			}
			res.Fixes = []sarifFix{{Description: sarifText{Text: desc}, ArtifactChanges: []sarifArtifactChange{change}}}
		}
		run.Results = append(run.Results, res)
	}
	return nil
}

func (s *sarifReporter) Close(Summary) error {
	enc := json.NewEncoder(s.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(s.log)
}
