package main

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestOutputUpToDate regenerates the tables and compares them with the
// committed zh/data. It needs the shared reference tables, which a fresh
// clone or CI may lack; it is skipped then and in -short mode.
func TestOutputUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("regenerating the tables takes a few seconds")
	}
	src := filepath.Join("..", "..", "..", "shared", "data", "reference")
	if _, err := os.Stat(src); err != nil {
		t.Skipf("reference tables not available: %v", err)
	}
	// the common words come from a module the build does not need: compare
	// them only where the module cache has it
	dir, err := moduleDir(gseModule, false)
	cc, ccErr := moduleDir(openccModule, false)
	if err != nil || ccErr != nil {
		t.Logf("%s or %s not in the module cache: words.txt.gz, t2s.txt.gz and s2t.txt.gz not checked", gseModule, openccModule)
		defer func(b []struct {
			name  string
			build builder
		}) {
			builders = b
		}(builders)
		builders = slices.DeleteFunc(slices.Clone(builders), func(b struct {
			name  string
			build builder
		}) bool {
			return b.name == "common words" || b.name == "traditional characters" || b.name == "simplified characters"
		})
	}
	gseDir, openccDir = dir, cc
	files, err := buildAll(src, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(filepath.Join("..", "..", "zh", "data", filepath.FromSlash(f.name)))
		if err != nil {
			t.Errorf("%s: %v (run go generate ./zh)", f.name, err)
			continue
		}
		if !bytes.Equal(got, f.data) {
			t.Errorf("zh/data/%s is out of date (run go generate ./zh)", f.name)
		}
	}
}

func TestSegmentPrefixes(t *testing.T) {
	tests := []struct {
		tok  string
		want []string
	}{
		{"138", []string{"138"}},
		{"1703", []string{"1703"}},
		{"134-0~8", []string{"1340", "1341", "1342", "1343", "1344", "1345", "1346", "1347", "1348"}},
		{"134-9", []string{"1349"}},
		{"174-00~05", []string{"17400", "17401", "17402", "17403", "17404", "17405"}},
		{"174-06~12", []string{"17406", "17407", "17408", "17409", "17410", "17411", "17412"}},
		{"1440X", []string{"1440"}},
		{"148XX", []string{"148"}},
		{"174-1~02", nil},
		{"中国移动", nil},
		{"", nil},
	}
	for _, tt := range tests {
		got, ok := segmentPrefixes(tt.tok)
		if ok != (tt.want != nil) || !slices.Equal(got, tt.want) {
			t.Errorf("segmentPrefixes(%q) = %v, %v; want %v", tt.tok, got, ok, tt.want)
		}
	}
}

func TestPlateProvince(t *testing.T) {
	provinces := []string{"北京市", "天津市", "内蒙古自治区"}
	tests := []struct {
		header, abbrev, prefix string
		want                   string
		ok                     bool
	}{
		{"天津市", "津", "津", "天津市", true},
		{"北京地区", "", "京", "北京市", true},
		{"内蒙古自治区", "蒙", "蒙", "内蒙古自治区", true},
		{"天津市", "津", "京", "", false},
		{"", "", "京", "", false},
		{"上海市", "沪", "沪", "", false},
	}
	for _, tt := range tests {
		got, err := plateProvince(tt.header, tt.abbrev, tt.prefix, provinces)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("plateProvince(%q, %q, %q) = %q, %v", tt.header, tt.abbrev, tt.prefix, got, err)
		}
	}
}

func TestGzipDeterministic(t *testing.T) {
	a, err := gzipBytes([]byte("区划\n"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := gzipBytes([]byte("区划\n"))
	if !bytes.Equal(a, b) {
		t.Fatal("gzip output differs between runs")
	}
	// Header: magic, deflate, no flags, mtime 0.
	if !bytes.Equal(a[:8], []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0}) {
		t.Errorf("gzip header % x", a[:10])
	}
}
