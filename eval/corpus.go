package eval

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
)

// Span is an annotated or predicted entity: byte offsets into Doc.Text
// (End exclusive) and a label. Gold spans carry the corpus's label,
// predictions a Custos type.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Label string `json:"label"`
}

// Doc is one annotated text.
type Doc struct {
	// ID names the document: the corpus's own id when it has one, otherwise
	// "file:line" of the document's first line.
	ID   string `json:"id"`
	Text string `json:"text"`
	// Gold holds the annotated spans sorted by Start, End and Label, without
	// duplicates, including derived spans (see the package documentation).
	Gold []Span `json:"gold"`
}

// Corpus formats understood by ParseCorpus.
const (
	// FormatBMES is one character per line, "char tag", with BMES, BIOES or
	// BIO tags and a blank line between sentences (resume-ner,
	// covid-trajectory-bmes).
	FormatBMES = "bmes"
	// FormatBIO is an alias of FormatBMES: the reader accepts every scheme.
	FormatBIO = "bio"
	// FormatCoNLL is the Weibo NER layout: "char<digit>\ttag", where the
	// digits after the character give its position in a segmented word and
	// are stripped.
	FormatCoNLL = "conll"
	// FormatCLUENER is CLUENER2020: JSON objects, one per line or
	// pretty-printed one after another, {"text":…, "label":{label:{surface:
	// [[start, end]]}}} with end-inclusive rune offsets.
	FormatCLUENER = "cluener"
	// FormatECR is ECR-COVID-19: JSON lines {"doc_id":…, "text":…,
	// "entities":[[start, end, label]]} with end-exclusive rune offsets.
	FormatECR = "ecr"
	// FormatAddress is the Chinese address parsing corpus: "token tag" BIO
	// lines where a token may be several characters (a run of digits is one
	// token). Labels are lower-cased (devZone → devzone).
	FormatAddress = "address"
	// FormatCustos is Custos's own synthetic format: JSON lines {"id":…,
	// "text":…, "spans":[{"start":…, "end":…, "type":…}]} with end-exclusive
	// byte offsets and Custos types as labels.
	FormatCustos = "custos"
)

// Formats returns the format names ParseCorpus accepts.
func Formats() []string {
	return []string{FormatAddress, FormatBIO, FormatBMES, FormatCLUENER, FormatCoNLL, FormatCustos, FormatECR}
}

// maxErrors bounds the problems reported for one input, so that feeding the
// wrong file to a reader gives a readable error rather than one per line.
const maxErrors = 50

// ReadCorpus reads all documents of a corpus file. See ParseCorpus.
func ReadCorpus(format, path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read corpus: %w", err)
	}
	defer f.Close()
	return ParseCorpus(format, f, path)
}

// ParseCorpus reads all documents of a corpus in the given format from r;
// name is used in error messages. Offsets given in characters (runes) are
// converted to byte offsets. Every bad line or object becomes an error
// "name:line: problem" and its document is dropped; the documents that
// could be read are returned together with the problems joined by
// errors.Join (at most 50 are listed). An unknown format or a read error
// returns no documents.
func ParseCorpus(format string, r io.Reader, name string) ([]Doc, error) {
	var parse func(data []byte, p *parser) []Doc
	switch format {
	case FormatBMES, FormatBIO, FormatCoNLL, FormatAddress:
		parse = func(data []byte, p *parser) []Doc { return parseTagged(format, data, p) }
	case FormatCLUENER:
		parse = parseCLUENER
	case FormatECR:
		parse = parseECR
	case FormatCustos:
		parse = parseCustos
	default:
		return nil, fmt.Errorf("parse corpus %s: unknown format %q (want one of %v)", name, format, Formats())
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("parse corpus %s: %w", name, err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	p := &parser{name: name}
	docs := parse(data, p)
	for i := range docs {
		normalize(&docs[i])
	}
	return docs, p.err()
}

// LineError is a problem at one line of a corpus.
type LineError struct {
	File string
	Line int
	Err  error
}

// Error formats the problem as "file:line: problem".
func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

// Unwrap returns the underlying problem.
func (e *LineError) Unwrap() error { return e.Err }

// parser collects the problems of one input.
type parser struct {
	name    string
	errs    []error
	dropped int
}

func (p *parser) errorf(line int, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		p.dropped++
		return
	}
	p.errs = append(p.errs, &LineError{File: p.name, Line: line, Err: fmt.Errorf(format, args...)})
}

func (p *parser) err() error {
	if p.dropped > 0 {
		return errors.Join(append(p.errs, fmt.Errorf("%s: %d more problems not shown", p.name, p.dropped))...)
	}
	return errors.Join(p.errs...)
}

// normalize sorts the gold spans and removes exact duplicates.
func normalize(d *Doc) {
	slices.SortFunc(d.Gold, compareSpans)
	d.Gold = slices.Compact(d.Gold)
}

func compareSpans(a, b Span) int {
	if c := cmp.Compare(a.Start, b.Start); c != 0 {
		return c
	}
	if c := cmp.Compare(a.End, b.End); c != 0 {
		return c
	}
	return cmp.Compare(a.Label, b.Label)
}

// runeOffsets returns the byte offset of every rune of s, plus len(s), so
// that rune offset i maps to byte offset off[i].
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}
