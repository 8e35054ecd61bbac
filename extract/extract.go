package extract

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"github.com/custos-project/custos/pi"
)

// Fragment is a piece of UTF-8 text and where it came from. The receiver owns
// Text: it may keep it, and the reader never writes to it again.
type Fragment struct {
	Text []byte
	Loc  pi.Locator
}

// Format names an input format.
type Format string

// The formats Read understands. FormatAuto picks one from the file extension
// (.csv, .tsv, .json, .jsonl, .ndjson, .xlsx, .docx, .html, .htm; any other
// extension is text); stdin ("-" or "") and names without an extension are
// sniffed from the first bytes: a zip archive holding a workbook or a Word
// document is XLSX or DOCX, a first non-space byte '{' or '[' that starts
// well-formed JSON means JSON, or JSONL when the first line is a complete
// value and the next line another one, a document starting with <!DOCTYPE
// html or <html is HTML; anything else is text.
const (
	FormatAuto  Format = ""
	FormatText  Format = "text"
	FormatCSV   Format = "csv"
	FormatTSV   Format = "tsv"
	FormatJSON  Format = "json"
	FormatJSONL Format = "jsonl"
	FormatXLSX  Format = "xlsx"
	FormatDOCX  Format = "docx"
	FormatHTML  Format = "html"
)

// DefaultMaxFragment is the target size of a text fragment when
// Options.MaxFragment is zero. 64 KiB: the findings of a fragment wait in
// memory until it is reported, and a dense one (a register: a finding
// every 8 bytes) at 256 KiB held some 45 MB of records per fragment in
// flight (a 20,000-row register peaked at 176 MiB; 111 MiB at 64 KiB, and
// faster), while prose runs as fast either way.
const DefaultMaxFragment = 64 << 10

// minMaxFragment keeps the line-splitting window larger than any rune.
const minMaxFragment = 16

// sniffSize is how much of an input is examined to detect its encoding and
// format.
const sniffSize = 64 << 10

// Options say how to read an input. The zero value detects everything.
type Options struct {
	// Format is the input format; FormatAuto detects it.
	Format Format
	// Encoding is "" to detect, or one of "utf-8", "gb18030" (also "gbk",
	// "gb2312", read as GB18030, their superset), "utf-16le", "utf-16be",
	// "utf-16" (byte order from the BOM, little-endian without one). Case
	// does not matter. A BOM matching the encoding is skipped.
	Encoding string
	// NoHeader says the first CSV/TSV row is data; columns are then named by
	// their 1-based index ("1", "2", …).
	NoHeader bool
	// MaxFragment is the target size in bytes of a text fragment;
	// 0 means DefaultMaxFragment, values below 16 are raised to 16. A line
	// longer than 4×MaxFragment is split inside the line.
	MaxFragment int
}

// Problem is a bad piece of input: an unreadable file or directory, an
// invalid byte sequence, a malformed CSV row or JSON value. The reader
// reports it and goes on with the rest of the input whenever it can.
type Problem struct {
	// File is the input name given to Read or the path given to Walk.
	File string
	// Line is the 1-based line in the decoded text, 0 when unknown.
	Line int
	// Col is the 1-based rune column in that line, 0 when unknown.
	Col int
	// Row is the 1-based CSV data row or JSON/JSONL record, 0 when unknown.
	Row int
	// Path is the JSON path of the value being read, "" when none.
	Path string
	// Msg says what is wrong, in lower case.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error renders the problem as "file:line:col: row N: path: msg: err",
// leaving out the parts that are unknown.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		b.WriteByte(':')
		b.WriteString(strconv.Itoa(p.Line))
		if p.Col > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(p.Col))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if p.Row > 0 {
		b.WriteString("row ")
		b.WriteString(strconv.Itoa(p.Row))
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Msg)
	if p.Err != nil {
		b.WriteString(": ")
		b.WriteString(p.Err.Error())
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (p *Problem) Unwrap() error { return p.Err }

// reader carries what every format reader needs for one input.
type reader struct {
	ctx     context.Context
	name    string
	opt     Options
	emit    func(Fragment) error
	problem func(*Problem)
}

var (
	prefixPool = sync.Pool{New: func() any { b := make([]byte, sniffSize); return &b }}
	bufioPool  = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, sniffSize) }}
)

// Read reads one input named name from r and calls emit for each fragment,
// in input order, and problem (which may be nil) for each bad piece of input.
// It returns a non-nil error only when it cannot go on: bad options, emit
// returned an error (returned as is), ctx was cancelled, or reading r
// failed. Problems that let it go on go to problem.
func Read(ctx context.Context, name string, r io.Reader, opt Options, emit func(Fragment) error, problem func(*Problem)) error {
	format, err := checkFormat(opt.Format)
	if err != nil {
		return err
	}
	forced, err := checkEncoding(opt.Encoding)
	if err != nil {
		return err
	}
	if problem == nil {
		problem = func(*Problem) {}
	}
	if opt.MaxFragment <= 0 {
		opt.MaxFragment = DefaultMaxFragment
	}
	opt.MaxFragment = max(opt.MaxFragment, minMaxFragment)
	if err := ctx.Err(); err != nil {
		return err
	}

	pp := prefixPool.Get().(*[]byte)
	defer prefixPool.Put(pp)
	prefix, err := readPrefix(r, *pp)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	byName := format
	if byName == FormatAuto {
		byName = formatFromName(name)
	}
	if byName == FormatXLSX || byName == FormatDOCX || (byName == FormatAuto && isZip(prefix)) {
		rd := &reader{ctx: ctx, name: name, opt: opt, emit: emit, problem: problem}
		return rd.wrapErr(rd.readOffice(byName, prefix, r))
	}

	enc, bom := forced, 0
	if enc == "" {
		enc, bom = DetectEncoding(prefix)
	} else {
		bom = matchingBOM(enc, prefix)
		if enc == "utf-16" {
			enc = "utf-16le"
			if bytes.HasPrefix(prefix, []byte{0xFE, 0xFF}) {
				enc = "utf-16be"
			}
		}
	}
	if enc == encBinary {
		problem(&Problem{File: name, Msg: "binary data (NUL bytes in the first 64 KiB), skipped; set an encoding to read it anyway"})
		return nil
	}
	san := newSanitizer(name, enc, decoder(enc, io.MultiReader(bytes.NewReader(prefix[bom:]), r)), problem)
	br := bufioPool.Get().(*bufio.Reader)
	br.Reset(san)
	defer func() {
		br.Reset(nil)
		bufioPool.Put(br)
	}()

	if format == FormatAuto {
		format = formatFromName(name)
	}
	if format == FormatAuto {
		head, err := br.Peek(sniffSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return fmt.Errorf("read %s: %w", name, err)
		}
		format = sniffFormat(head, len(head) == sniffSize)
	}

	rd := &reader{ctx: ctx, name: name, opt: opt, emit: emit, problem: problem}
	switch format {
	case FormatCSV:
		err = rd.readCSV(br, ',')
	case FormatTSV:
		err = rd.readCSV(br, '\t')
	case FormatJSON:
		err = rd.readJSON(br)
	case FormatJSONL:
		err = rd.readJSONL(br)
	case FormatHTML:
		err = rd.readHTML(br)
	default:
		ch := rd.chunker(0)
		_, err = ch.run(br, pos{line: 1})
	}
	return rd.wrapErr(err)
}

// readPrefix fills buf from r as far as r goes, like io.ReadFull, but gives
// up on a reader that keeps returning nothing.
func readPrefix(r io.Reader, buf []byte) ([]byte, error) {
	n := 0
	for empty := 0; n < len(buf); {
		k, err := r.Read(buf[n:])
		n += k
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if k > 0 {
			empty = 0
		} else if empty++; empty > 100 {
			return nil, io.ErrNoProgress
		}
	}
	return buf[:n], nil
}

// errInput marks an error from the input reader, so it can be told apart
// from emit's own errors and from context errors.
type errInput struct{ err error }

func (e *errInput) Error() string { return e.err.Error() }
func (e *errInput) Unwrap() error { return e.err }

// wrapErr names the input in read errors and passes others through.
func (rd *reader) wrapErr(err error) error {
	var ie *errInput
	if errors.As(err, &ie) {
		return fmt.Errorf("read %s: %w", rd.name, ie.err)
	}
	return err
}

func checkFormat(f Format) (Format, error) {
	switch Format(strings.ToLower(string(f))) {
	case FormatAuto:
		return FormatAuto, nil
	case FormatText, "txt":
		return FormatText, nil
	case FormatCSV:
		return FormatCSV, nil
	case FormatTSV:
		return FormatTSV, nil
	case FormatJSON:
		return FormatJSON, nil
	case FormatJSONL, "ndjson":
		return FormatJSONL, nil
	case FormatXLSX:
		return FormatXLSX, nil
	case FormatDOCX:
		return FormatDOCX, nil
	case FormatHTML, "htm":
		return FormatHTML, nil
	}
	return "", fmt.Errorf("unknown format %q (want %s)", f, FormatNames)
}

// formatFromName picks the format from the file extension; FormatAuto means
// the content must decide.
func formatFromName(name string) Format {
	if name == "" || name == "-" {
		return FormatAuto
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case "":
		return FormatAuto
	case ".csv":
		return FormatCSV
	case ".tsv":
		return FormatTSV
	case ".json":
		return FormatJSON
	case ".jsonl", ".ndjson":
		return FormatJSONL
	case ".xlsx", ".xlsm":
		return FormatXLSX
	case ".docx", ".docm":
		return FormatDOCX
	case ".html", ".htm", ".xhtml":
		return FormatHTML
	}
	return FormatText
}

// FormatNames lists the formats for messages.
const FormatNames = "text, csv, tsv, json, jsonl, xlsx, docx or html"
