package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The common-word list comes from the jieba segmenter's dictionary (MIT), as
// the Go module github.com/go-ego/gse ships it (Apache-2.0): 352,279 entries
// of word, frequency and part of speech. The Go module proxy serves it, so
// regenerating needs nothing beyond it; the module is not a dependency of
// the build, which embeds the derived list.
const (
	gseModule  = "github.com/go-ego/gse@v0.80.3"
	jiebaPath  = "data/dict/zh/s_1.txt"
	minWordLen = 2  // runes: single characters are the tagger's own features
	minWordTF  = 10 // jieba frequency: rarer words are mostly long compounds
)

// wordsNotCommon are the parts of speech of proper names: persons (nr,
// nrt), places (ns) and organizations (nt). The list is of the words that
// are not names, so that a name's characters forming a word of their own
// can tell the tagger where a name stops (张兰|花费).
var wordsNotCommon = map[string]bool{"nr": true, "nrt": true, "ns": true, "nt": true}

// gseDir is the directory of the gse module, whose dictionary and licence
// buildWords reads; main sets it (flag -gse, or the module cache,
// downloading the module when missing).
var gseDir string

// moduleDir returns the directory of a module version in the module cache,
// downloading it through the Go module proxy when download is set.
func moduleDir(module string, download bool) (string, error) {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMODCACHE: %w", err)
	}
	dir := filepath.Join(strings.TrimSpace(string(out)), filepath.FromSlash(module))
	if _, err := os.Stat(dir); err == nil || !download {
		return dir, err
	}
	cmd := exec.Command("go", "mod", "download", module)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go mod download %s: %w", module, err)
	}
	return dir, nil
}

// buildWords writes words.txt, the common words of two characters or more,
// one per line in byte order:
//
//	word
//
// Entries of a proper-name part of speech, below minWordTF or shorter than
// minWordLen runes are left out; the file also carries the two licences.
func buildWords(_ string, log *slog.Logger) ([]file, error) {
	if gseDir == "" {
		return nil, errors.New("no gse module directory (flag -gse)")
	}
	dict := filepath.Join(gseDir, filepath.FromSlash(jiebaPath))
	b, err := os.ReadFile(dict)
	if err != nil {
		return nil, err
	}
	var words []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	ln, skipped := 0, 0
	for sc.Scan() {
		ln++
		f := strings.Fields(sc.Text())
		if len(f) != 3 {
			skipped++
			log.Debug("not word, frequency, part of speech; skipped", "line", ln)
			continue
		}
		tf, err := strconv.Atoi(f[1])
		if err != nil {
			skipped++
			log.Debug("bad frequency; skipped", "line", ln)
			continue
		}
		w := f[0]
		if tf < minWordTF || wordsNotCommon[f[2]] || utf8.RuneCountInString(w) < minWordLen || !utf8.ValidString(w) || seen[w] {
			continue
		}
		seen[w] = true
		words = append(words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if skipped > 0 {
		log.Info("malformed lines skipped", "count", skipped)
	}
	if len(words) < 10000 {
		return nil, fmt.Errorf("%s: only %d words: not the jieba dictionary", dict, len(words))
	}
	slices.Sort(words)
	log.Info("common words", "count", len(words))
	files, err := listWithLicence("words.txt.gz", words, gseDir, "licenses/LICENSE.gse.txt")
	if err != nil {
		return nil, err
	}
	return append(files, file{name: "licenses/LICENSE.jieba.txt", data: []byte(jiebaLicence)}), nil
}

// listWithLicence returns the gzip file of lines and the licence of the
// module in dir, copied to licence.
func listWithLicence(name string, lines []string, dir, licence string) ([]file, error) {
	l, err := os.ReadFile(filepath.Join(dir, "LICENSE"))
	if err != nil {
		return nil, fmt.Errorf("%s: licence: %w", name, err)
	}
	return []file{
		{name: name, data: []byte(strings.Join(lines, "\n") + "\n"), gzip: true},
		{name: licence, data: l},
	}, nil
}

// jiebaLicence is the licence of fxsjy/jieba, whose dict.txt gse's
// dictionary is (the module ships gse's licence, not jieba's).
const jiebaLicence = `The MIT License (MIT)

Copyright (c) 2013 Sun Junyi

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`
