package report

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"sort"

	"github.com/custos-project/custos/pi"
)

// sarifWriter writes SARIF 2.1.0 (OASIS), one result per finding, so that
// code-scanning dashboards can show where personal information sits.
type sarifWriter struct {
	w        io.Writer
	results  []sarifResult
	rules    map[pi.Type]bool
	problems []Problem
}

type sarifResult struct {
	RuleID     string          `json:"ruleId"`
	Level      string          `json:"level"`
	Message    sarifText       `json:"message"`
	Locations  []sarifLocation `json:"locations"`
	Properties map[string]any  `json:"properties,omitempty"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
		Region struct {
			StartLine   int   `json:"startLine"`
			StartColumn int   `json:"startColumn"`
			EndColumn   int   `json:"endColumn"`
			ByteOffset  int64 `json:"byteOffset"`
			ByteLength  int   `json:"byteLength"`
		} `json:"region"`
	} `json:"physicalLocation"`
}

func (s *sarifWriter) Write(recs []Record) error {
	if s.rules == nil {
		s.rules = map[pi.Type]bool{}
	}
	for _, r := range recs {
		s.rules[r.Type] = true
		level := "warning"
		if r.Sensitive {
			level = "error"
		}
		if r.Score < 0.5 {
			level = "note"
		}
		res := sarifResult{RuleID: string(r.Type), Level: level,
			Message:    sarifText{fmt.Sprintf("%s (%s) %s, score %.2f", r.Type, r.Category, r.Value, r.Score)},
			Properties: map[string]any{"category": r.Category, "score": r.Score, "sensitive": r.Sensitive}}
		if r.Row > 0 {
			res.Properties["row"] = r.Row
			res.Properties["column"] = r.Column
		}
		if r.Path != "" {
			res.Properties["path"] = r.Path
		}
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = fileURI(r.File)
		reg := &loc.PhysicalLocation.Region
		reg.StartLine, reg.StartColumn, reg.EndColumn = r.Line, r.ColStart+1, r.ColEnd+1
		reg.ByteOffset, reg.ByteLength = r.Offset, r.Length
		res.Locations = []sarifLocation{loc}
		s.results = append(s.results, res)
	}
	return nil
}

func fileURI(p string) string {
	if p == "-" || p == "" {
		return "stdin"
	}
	return (&url.URL{Path: filepath.ToSlash(p)}).String()
}

func (s *sarifWriter) Problem(p Problem) error { s.problems = append(s.problems, p); return nil }

func (s *sarifWriter) Close(sum Summary) error {
	types := make([]string, 0, len(s.rules))
	for t := range s.rules {
		types = append(types, string(t))
	}
	sort.Strings(types)
	rules := []map[string]any{}
	for _, t := range types {
		desc := t
		if info, ok := pi.LookupType(pi.Type(t)); ok {
			desc = info.Description
		}
		rules = append(rules, map[string]any{"id": t, "shortDescription": sarifText{desc}})
	}
	if s.results == nil {
		s.results = []sarifResult{}
	}
	notes := []map[string]any{}
	for _, p := range s.problems {
		notes = append(notes, map[string]any{"level": "error", "message": sarifText{p.Message},
			"locations": []map[string]any{{"physicalLocation": map[string]any{
				"artifactLocation": map[string]string{"uri": fileURI(p.File)},
				"region":           map[string]int{"startLine": max(p.Line, 1)}}}}})
	}
	doc := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []map[string]any{{
			"tool": map[string]any{"driver": map[string]any{
				"name": "custos", "informationUri": "https://github.com/custos-project/custos", "rules": rules}},
			"columnKind": "unicodeCodePoints",
			"results":    s.results,
			"invocations": []map[string]any{{"executionSuccessful": sum.Problems == 0,
				"toolExecutionNotifications": notes}},
		}},
	}
	enc := newEncoder(s.w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}
