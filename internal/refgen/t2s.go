package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// The traditional-to-simplified character table comes from OpenCC's
// TSCharacters.txt (BYVoid/OpenCC, Apache-2.0) as the Go module
// github.com/longbridgeapp/opencc ships it (Apache-2.0), fetched through the
// Go module proxy like the word list; the build embeds the derived table.
const (
	openccModule = "github.com/longbridgeapp/opencc@v0.3.13"
	tsPath       = "dictionary/TSCharacters.txt"
	stPath       = "dictionary/STCharacters.txt"
)

// openccDir is the directory of the opencc module (flag -opencc).
var openccDir string

// buildT2S writes t2s.txt, the traditional characters that have one
// simplified form of the same UTF-8 length, one pair per line in byte
// order of the traditional character:
//
//	traditional TAB simplified
//
// Left out, so that simplified text is never changed: a character that is
// also a simplified one (a key of STCharacters: 乾, 於), one whose
// candidates include itself (著 → 着 著), and one that occurs in the common
// words of simplified text (the jieba list: 昇, 吒). Replacing a character by
// one of the same length keeps every byte offset, so findings on the
// simplified text are findings on the original.
func buildT2S(_ string, log *slog.Logger) ([]file, error) {
	if openccDir == "" || gseDir == "" {
		return nil, errors.New("no opencc or gse module directory (flags -opencc, -gse)")
	}
	simplified := map[string]bool{}
	st, err := os.ReadFile(filepath.Join(openccDir, filepath.FromSlash(stPath)))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(st), "\n") {
		if k, _, ok := strings.Cut(line, "\t"); ok {
			simplified[k] = true
		}
	}
	used := map[rune]bool{} // characters of simplified words
	dict, err := os.ReadFile(filepath.Join(gseDir, filepath.FromSlash(jiebaPath)))
	if err != nil {
		return nil, err
	}
	for _, line := range strings.Split(string(dict), "\n") {
		w, _, _ := strings.Cut(line, " ")
		for _, r := range w {
			used[r] = true
		}
	}
	ts, err := os.ReadFile(filepath.Join(openccDir, filepath.FromSlash(tsPath)))
	if err != nil {
		return nil, err
	}
	var pairs []string
	sc := bufio.NewScanner(bytes.NewReader(ts))
	skipped := 0
	for sc.Scan() {
		t, cands, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		c := strings.Fields(cands)
		if len(c) == 0 || utf8.RuneCountInString(t) != 1 || utf8.RuneCountInString(c[0]) != 1 || len(t) != 3 || len(c[0]) != 3 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t)
		if simplified[t] || slices.Contains(c, t) || used[r] {
			skipped++
			continue
		}
		pairs = append(pairs, t+"\t"+c[0])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(pairs) < 2000 {
		return nil, fmt.Errorf("%s: only %d pairs: not OpenCC's table", tsPath, len(pairs))
	}
	slices.Sort(pairs)
	log.Info("traditional characters", "pairs", len(pairs), "left out", skipped)
	return listWithLicence("t2s.txt.gz", pairs, openccDir, "licenses/LICENSE.opencc.txt")
}

// buildS2T writes s2t.txt, the simplified characters whose usual
// traditional form (OpenCC's first candidate in STCharacters.txt) differs
// from them, one pair per line in byte order:
//
//	simplified TAB traditional
//
// It is for the words Custos writes into a document in traditional
// characters (未满十四周岁 → 未滿十四周歲); a character whose first
// candidate is itself (周: 周 週 賙) stays.
func buildS2T(_ string, log *slog.Logger) ([]file, error) {
	if openccDir == "" {
		return nil, errors.New("no opencc module directory (flag -opencc)")
	}
	st, err := os.ReadFile(filepath.Join(openccDir, filepath.FromSlash(stPath)))
	if err != nil {
		return nil, err
	}
	var pairs []string
	for _, line := range strings.Split(string(st), "\n") {
		s, cands, ok := strings.Cut(line, "\t")
		c := strings.Fields(cands)
		if !ok || len(c) == 0 || utf8.RuneCountInString(s) != 1 || utf8.RuneCountInString(c[0]) != 1 || c[0] == s {
			continue
		}
		pairs = append(pairs, s+"\t"+c[0])
	}
	if len(pairs) < 2000 {
		return nil, fmt.Errorf("%s: only %d pairs: not OpenCC's table", stPath, len(pairs))
	}
	slices.Sort(pairs)
	log.Info("simplified characters", "pairs", len(pairs))
	return listWithLicence("s2t.txt.gz", pairs, openccDir, "licenses/LICENSE.opencc.txt")
}
