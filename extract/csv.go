package extract

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/custos-project/custos/pi"
)

// maxRecord bounds the memory one CSV record may take. A longer record is
// reported as malformed — usually it is an unclosed quote swallowing the
// rest of the file.
var maxRecord int64 = 8 << 20 // a variable so tests can lower it

// readCSV reads CSV (sep ',') or TSV (sep '\t').
//
// Parsing is done by encoding/csv, with FieldsPerRecord -1 and strict quotes.
// encoding/csv cannot resume after a malformed record in a useful place: an
// unclosed quote makes it read on, possibly to the end of the file. So the
// csv.Reader reads through a window (see window) that keeps every byte from
// the end of the last good record on. After a malformed record, the
// first physical line of that record is reported, emitted as a plain-text
// fragment (so the personal information in it is still scanned), and a fresh
// csv.Reader starts at the next line, re-reading what the old one had
// swallowed. A record longer than maxRecord is treated the same way.
// Resynchronizing costs nothing on good input: there is one csv.Reader per
// bad record, not per record.
func (rd *reader) readCSV(src io.Reader, sep rune) error {
	w := newWindow(src)
	headerDone := rd.opt.NoHeader
	var header []string
	names := columnNames{}
	row := 0
	start := pos{line: 1}
	for {
		wr := &windowReader{w: w, pos: start.off, limit: start.off + maxRecord}
		cr := csv.NewReader(wr)
		cr.Comma = sep
		cr.FieldsPerRecord = -1
		cr.ReuseRecord = true
		base := start // line numbers of cr count from here
		cur := start  // the end of the last record cr read
		for {
			if err := rd.ctx.Err(); err != nil {
				return err
			}
			rec, err := cr.Read()
			if err == io.EOF {
				return nil
			}
			if err != nil {
				var ie *errInput
				if errors.As(err, &ie) {
					return err
				}
				var pe *csv.ParseError
				if !errors.As(err, &pe) && !errors.Is(err, errRecordTooLong) {
					return err
				}
				isHeader := !headerDone
				if isHeader {
					headerDone = true
				} else {
					row++
				}
				next, err := rd.badRecord(w, cur, base, pe, isHeader, row)
				if err != nil {
					return err
				}
				start = next
				break
			}

			end := base.off + cr.InputOffset()
			if !headerDone {
				headerDone = true
				header = make([]string, len(rec))
				for i, h := range rec {
					header[i] = strings.TrimSpace(h)
				}
				names.header = header
				// Header cells are scanned too: a table without a header
				// loses no data row (the cells get Row 0).
				if err := rd.emitCells(w, cr, rec, base, cur, end, 0, &names); err != nil {
					return err
				}
			} else {
				row++
				if header != nil && len(rec) != len(header) {
					line, _ := cr.FieldPos(0)
					rd.problem(&Problem{
						File: rd.name, Line: base.line + line - 1, Row: row,
						Msg: fmt.Sprintf("row %d has %d fields, header has %d", row, len(rec), len(header)),
					})
				}
				if err := rd.emitCells(w, cr, rec, base, cur, end, row, &names); err != nil {
					return err
				}
			}
			cur.advance(w.slice(cur.off, end))
			w.release(end)
			wr.limit = end + maxRecord
		}
	}
}

// emitCells emits the non-empty cells of a record read by cr. base is where
// cr started reading, cur where the record (or the blank lines before it)
// starts, end where it ends.
func (rd *reader) emitCells(w *window, cr *csv.Reader, rec []string, base, cur pos, end int64, row int, names *columnNames) error {
	// lineStart/line is the physical line being walked; at/runes is how far
	// into it the rune column has been counted.
	line, lineStart := cur.line, cur.off // records start at line starts
	at, runes := cur.off, 0
	for i, cell := range rec {
		l, c := cr.FieldPos(i)
		l += base.line - 1
		for line < l {
			nl := bytes.IndexByte(w.slice(lineStart, end), '\n')
			if nl < 0 {
				break // cannot happen: csv counted this newline
			}
			lineStart += int64(nl) + 1
			line++
			at, runes = lineStart, 0
		}
		off := lineStart + int64(c-1)
		if off < end && w.slice(off, off+1)[0] == '"' {
			off++ // content starts after the opening quote
		}
		runes += runeCount(w.slice(at, off))
		at = off
		if cell == "" {
			continue
		}
		err := rd.emit(Fragment{
			Text: []byte(cell),
			Loc: pi.Locator{
				File: rd.name, Line: l, Col: runes, Offset: off,
				Row: row, Column: names.name(i),
			},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// badRecord handles a record encoding/csv could not parse (pe is nil when
// the record was too long). The record's first non-blank line at or after
// cur is reported, emitted as text, and skipped; badRecord returns the
// position of the next line, where parsing resumes.
func (rd *reader) badRecord(w *window, cur, base pos, pe *csv.ParseError, isHeader bool, row int) (pos, error) {
	// Skip the blank lines encoding/csv skipped before the record.
	for {
		line, err := peekLine(w, cur.off)
		if err != nil {
			return cur, err
		}
		if len(line) == 0 || !isBlankLine(line) || line[len(line)-1] != '\n' {
			break
		}
		cur.advance(line)
	}
	p := &Problem{File: rd.name, Line: cur.line}
	if !isHeader {
		p.Row = row
	}
	if pe != nil {
		p.Msg, p.Err = "malformed row, kept as plain text", pe.Err
		if errLine := base.line + pe.Line - 1; errLine == cur.line {
			line, _ := peekLine(w, cur.off)
			p.Col = runeCount(line[:min(len(line), max(pe.Column-1, 0))]) + 1
		} else {
			p.Msg = fmt.Sprintf("malformed row (error on line %d), first line kept as plain text", errLine)
		}
	} else {
		size := fmt.Sprintf("%d bytes", maxRecord)
		if maxRecord%(1<<20) == 0 {
			size = fmt.Sprintf("%d MiB", maxRecord>>20)
		}
		p.Msg = "row longer than " + size + " (unclosed quote?), first line kept as plain text"
	}
	if isHeader {
		p.Msg = strings.Replace(p.Msg, "malformed row", "malformed header row", 1) + "; columns are named by index"
	}
	rd.problem(p)

	w.release(cur.off)
	ch := rd.chunker(p.Row)
	return ch.run(&windowReader{w: w, pos: cur.off, oneLine: true, release: true}, cur)
}

// peekLine returns the line starting at off, with its newline, reading more
// of the window when needed. It is only used on the slow path, for lines
// the csv.Reader has already read, and it stops at maxRecord bytes.
func peekLine(w *window, off int64) ([]byte, error) {
	for {
		b := w.slice(off, w.end())
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			return b[:i+1], nil
		}
		if int64(len(b)) >= maxRecord {
			return b, nil
		}
		if err := w.fill(); err != nil {
			if err == io.EOF {
				return w.slice(off, w.end()), nil
			}
			return nil, err
		}
	}
}

// isBlankLine reports whether encoding/csv skips line as empty.
func isBlankLine(line []byte) bool {
	return len(line) == 1 || (len(line) == 2 && line[0] == '\r')
}

// columnNames names the columns of a table: the header cell, or the
// 1-based index when there is no header, the header cell is empty, or the row
// has more cells than the header.
type columnNames struct {
	header []string
	index  []string
}

func (c *columnNames) name(i int) string {
	if i < len(c.header) && c.header[i] != "" {
		return c.header[i]
	}
	for len(c.index) <= i {
		c.index = append(c.index, strconv.Itoa(len(c.index)+1))
	}
	return c.index[i]
}
