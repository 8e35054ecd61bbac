package extract

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Office Open XML: an XLSX workbook or a DOCX document is a zip archive of
// XML parts. Both are read with archive/zip and encoding/xml, part by part,
// each part streamed token by token.
//
// XLSX: every worksheet, hidden ones included, in workbook order, then the
// cell comments (Path "xl/comments1.xml#B2"). The first
// row with a value is the header (unless Options.NoHeader): its cells name
// the columns (else the column letters A, B, …) and are emitted with Row 0.
// Every other non-empty cell is a fragment with Row = its spreadsheet row
// minus the header's, Column = its header, Line = its spreadsheet row and
// Path = its address ("名单!C5"). Shared strings, inline strings, formula
// results and numbers are read as written in the file (a number keeps its
// stored form: 13800138000, or 1.10105199001011E+17 for an ID number typed
// as a number, which Excel has already rounded); booleans and error values
// are not text.
//
// DOCX: the body, then headers, footers, footnotes, endnotes and comments,
// each its own part (Path is the part name). A paragraph is a line; a table
// row is one line with its cells separated by tabs, so a register's name,
// ID number and phone stay one record; deleted text of tracked changes is
// read too (it is in the file, whatever the screen shows). Line counts
// these lines from 1 in each part.
//
// Both: the document properties (author, last editor, title …) in
// docProps/core.xml are fragments with Path "docProps/core.xml#creator" etc.
// An archive has no text offsets: Offset counts the bytes of the text
// emitted before the fragment.

// Bounds that keep memory in check whatever an archive holds (a zip bomb of
// one giant text node compresses a thousandfold).
const (
	// maxSharedStrings bounds the bytes of an XLSX shared-string table,
	// which is held in memory while the sheets are read.
	maxSharedStrings = 256 << 20
	// maxCellText bounds the text kept of one cell, shared string or
	// document property (Excel itself stops at 32,767 characters).
	maxCellText = 1 << 20
	// maxXMLRun bounds the bytes between two tag delimiters ('<', '>'):
	// encoding/xml holds a whole text node or tag in memory.
	maxXMLRun = 16 << 20
)

// writeCapped appends t to b up to maxCellText bytes (cut at a rune
// boundary) and reports whether it had to cut.
func writeCapped(b *strings.Builder, t []byte) (cut bool) {
	room := maxCellText - b.Len()
	if len(t) <= room {
		b.Write(t)
		return false
	}
	if room > 0 {
		k := room
		for k > 0 && !utf8.RuneStart(t[k]) {
			k--
		}
		b.Write(t[:k])
	}
	return true
}

// markupGuard fails a part in which maxXMLRun bytes pass without a '<' or
// '>', so that no text node or tag grows the XML decoder's buffer past it.
type markupGuard struct {
	r   io.Reader
	run int
}

var errXMLRun = fmt.Errorf("over %d MiB of text or tag without markup", maxXMLRun>>20)

func (g *markupGuard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		if c == '<' || c == '>' {
			g.run = 0
		} else if g.run++; g.run > maxXMLRun {
			return i, errXMLRun
		}
	}
	return n, err
}

// readOffice reads an XLSX or DOCX archive; its parts decide which, format
// (from the name or the options) only brought it here. prefix holds the
// first bytes, already read from r. A file
// is read in place; any other reader is first copied to a temporary file,
// so memory stays bounded.
func (rd *reader) readOffice(format Format, prefix []byte, r io.Reader) error {
	ra, size, cleanup, err := randomAccess(prefix, r)
	if err != nil {
		return err
	}
	defer cleanup()
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		rd.problem(&Problem{File: rd.name, Msg: "not a readable zip archive (XLSX or DOCX expected), skipped", Err: err})
		return nil
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	// the parts decide, whatever the name says (a workbook saved as .docx
	// is still read)
	switch {
	case parts["xl/workbook.xml"] != nil:
		format = FormatXLSX
	case parts["word/document.xml"] != nil:
		format = FormatDOCX
	default:
		rd.problem(&Problem{File: rd.name, Msg: "a zip archive that is neither an XLSX workbook nor a DOCX document, skipped"})
		return nil
	}
	o := &officeReader{rd: rd, parts: parts}
	if format == FormatXLSX {
		err = o.readXLSX()
	} else {
		err = o.readDOCX()
	}
	if err != nil {
		return err
	}
	return o.readCoreProperties()
}

// RandomAccess returns r as a ReaderAt with its size, for a zip archive: a
// regular file or an in-memory reader as it is, any other reader copied to
// a temporary file that cleanup removes.
func RandomAccess(r io.Reader) (io.ReaderAt, int64, func(), error) {
	return randomAccess(nil, r)
}

// randomAccess returns r (whose first bytes, prefix, are already read) as a
// ReaderAt: a regular file or an in-memory reader as it is, anything else
// copied with the prefix to a temporary file that cleanup removes.
func randomAccess(prefix []byte, r io.Reader) (io.ReaderAt, int64, func(), error) {
	if b, ok := r.(interface {
		io.ReaderAt
		Size() int64
	}); ok { // bytes.Reader, strings.Reader: the whole input in memory
		return b, b.Size(), func() {}, nil
	}
	if f, ok := r.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			return f, st.Size(), func() {}, nil
		}
	}
	tmp, err := os.CreateTemp("", "custos-office-*")
	if err != nil {
		return nil, 0, nil, err
	}
	cleanup := func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, io.MultiReader(bytes.NewReader(prefix), r))
	if err != nil {
		cleanup()
		return nil, 0, nil, &errInput{err}
	}
	return tmp, n, cleanup, nil
}

// officeReader holds what the parts of one archive share.
type officeReader struct {
	rd     *reader
	parts  map[string]*zip.File
	offset int64 // bytes of text emitted so far
	tokens int
	// dateStyles says, per cell style index, whether a workbook's style
	// formats a number as a date (see DateStyles)
	dateStyles []bool
}

func (o *officeReader) emit(text string, loc pi.Locator) error {
	loc.File, loc.Offset = o.rd.name, o.offset
	o.offset += int64(len(text))
	return o.rd.emit(Fragment{Text: []byte(text), Loc: loc})
}

// badPart reports a part that cannot be read (the rest of the archive is
// still read).
func (o *officeReader) badPart(name string, dec *xml.Decoder, err error) {
	msg := "unreadable part, the rest of it skipped"
	if dec != nil {
		line, col := dec.InputPos()
		msg = fmt.Sprintf("malformed XML at line %d, column %d, the rest of the part skipped", line, col)
	}
	o.rd.problem(&Problem{File: o.rd.name, Path: name, Msg: msg, Err: err})
}

// walkPart streams the XML tokens of a part to f until f returns an error
// or the part ends. A missing part is no error (walkPart returns false).
func (o *officeReader) walkPart(name string, f func(dec *xml.Decoder, tok xml.Token) error) (bool, error) {
	zf := o.parts[name]
	if zf == nil {
		return false, nil
	}
	rc, err := zf.Open()
	if err != nil {
		o.badPart(name, nil, err)
		return true, nil
	}
	defer rc.Close()
	dec := xml.NewDecoder(&markupGuard{r: rc})
	dec.Strict = false
	for {
		if o.tokens++; o.tokens&4095 == 0 {
			if err := o.rd.ctx.Err(); err != nil {
				return true, err
			}
		}
		tok, err := dec.Token()
		if err == io.EOF {
			return true, nil
		}
		if err != nil {
			o.badPart(name, dec, err)
			return true, nil
		}
		if err := f(dec, tok); err != nil {
			return true, err
		}
	}
}

// relTargets reads a relationships part: id → target part name, resolved
// against dir, and "type:T" → the target of a relationship of type …/T.
func (o *officeReader) relTargets(relsPart, dir string) map[string]string {
	out := map[string]string{}
	o.walkPart(relsPart, func(_ *xml.Decoder, tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "Relationship" {
			id, target := attr(se, "Id"), attr(se, "Target")
			if attr(se, "TargetMode") == "External" || target == "" {
				return nil
			}
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join(dir, target)
			}
			out[id] = target
			if t := attr(se, "Type"); t != "" {
				out["type:"+t[strings.LastIndexByte(t, '/')+1:]] = target
			}
		}
		return nil
	})
	return out
}

func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// --- XLSX ---

type sheetRef struct{ name, part string }

func (o *officeReader) readXLSX() error {
	rels := o.relTargets("xl/_rels/workbook.xml.rels", "xl")
	var sheets []sheetRef
	o.walkPart("xl/workbook.xml", func(_ *xml.Decoder, tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "sheet" {
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			if p := rels[id]; p != "" {
				sheets = append(sheets, sheetRef{name: attr(se, "name"), part: p})
			} else {
				o.rd.problem(&Problem{File: o.rd.name, Path: "xl/workbook.xml", Msg: fmt.Sprintf("sheet %q has no part, skipped", attr(se, "name"))})
			}
		}
		return nil
	})
	if len(sheets) == 0 {
		// no workbook listing: read the worksheets in name order
		var names []string
		for n := range o.parts {
			if strings.HasPrefix(n, "xl/worksheets/") && strings.HasSuffix(n, ".xml") {
				names = append(names, n)
			}
		}
		sort.Strings(names)
		for _, n := range names {
			sheets = append(sheets, sheetRef{name: strings.TrimSuffix(path.Base(n), ".xml"), part: n})
		}
	}
	sstPart := rels["type:sharedStrings"]
	if sstPart == "" {
		sstPart = "xl/sharedStrings.xml"
	}
	sst, err := o.sharedStrings(sstPart)
	if err != nil {
		return err
	}
	stylesPart := rels["type:styles"]
	if stylesPart == "" {
		stylesPart = "xl/styles.xml"
	}
	if f := o.parts[stylesPart]; f != nil {
		if rc, err := f.Open(); err == nil {
			o.dateStyles, err = DateStyles(rc)
			rc.Close()
			if err != nil {
				o.badPart(stylesPart, nil, err)
			}
		}
	}
	for _, s := range sheets {
		if err := o.readSheet(s, sst); err != nil {
			return err
		}
	}
	return o.readComments()
}

// readComments reads the cell comments (notes, and threaded comments) of a
// workbook: each comment is a fragment with Path "xl/comments1.xml#B2".
func (o *officeReader) readComments() error {
	var names []string
	for n := range o.parts {
		if strings.HasSuffix(n, ".xml") && (strings.HasPrefix(n, "xl/comments") || strings.HasPrefix(n, "xl/threadedComments/")) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		var cur strings.Builder
		ref, in, inT := "", false, false
		_, err := o.walkPart(name, func(_ *xml.Decoder, tok xml.Token) error {
			switch t := tok.(type) {
			case xml.StartElement:
				switch t.Name.Local {
				case "comment", "threadedComment":
					ref, in = attr(t, "ref"), true
					cur.Reset()
				case "t", "text":
					inT = in
				}
			case xml.EndElement:
				switch t.Name.Local {
				case "comment", "threadedComment":
					in = false
					if text := cur.String(); strings.TrimSpace(text) != "" {
						return o.emit(text, pi.Locator{Path: name + "#" + ref})
					}
				case "t", "text":
					inT = false
				}
			case xml.CharData:
				if inT {
					writeCapped(&cur, t)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// sharedStrings reads the shared-string table: the text of each <si>,
// without phonetic runs (<rPh>).
func (o *officeReader) sharedStrings(name string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inT, skip, total, cut := false, 0, 0, false
	_, err := o.walkPart(name, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				cur.Reset()
			case "rPh":
				skip++
			case "t":
				inT = skip == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if cut {
					o.rd.problem(&Problem{File: o.rd.name, Path: name, Msg: fmt.Sprintf("shared string %d over %d MiB, the rest of it skipped", len(out), maxCellText>>20)})
					cut = false
				}
				out = append(out, cur.String())
				total += cur.Len()
				if total > maxSharedStrings {
					return fmt.Errorf("read %s: %s: shared strings over %d MiB", o.rd.name, name, maxSharedStrings>>20)
				}
			case "rPh":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT && writeCapped(&cur, t) {
				cut = true
			}
		}
		return nil
	})
	return out, err
}

// CellRef splits a cell reference (C5) into its column (0-based) and row.
func CellRef(ref string) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && ref[i] >= 'A' && ref[i] <= 'Z' {
		col = col*26 + int(ref[i]-'A'+1)
		i++
		if col > 1<<20 {
			return 0, 0, false
		}
	}
	if i == 0 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(ref[i:])
	if err != nil || row < 1 {
		return 0, 0, false
	}
	return col - 1, row, true
}

// ColName writes a 0-based column index as letters: 0 → A, 27 → AB.
func ColName(c int) string {
	var b []byte
	for c++; c > 0; c = (c - 1) / 26 {
		b = append(b, byte('A'+(c-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// xlsxCell is the cell being read.
type xlsxCell struct {
	col, row int
	typ      string
	date     bool // its style formats a number as a date
	v        strings.Builder
	is       strings.Builder
	inV, inT bool
	skip     int  // depth inside <rPh>
	cut      bool // the text was cut at maxCellText
}

func (o *officeReader) readSheet(s sheetRef, sst []string) error {
	headerRow := 0
	var header []string
	type cell struct {
		col  int
		text string
	}
	var rowCells []cell
	row, col := 0, -1
	var c xlsxCell
	flushRow := func() error {
		if len(rowCells) == 0 {
			return nil
		}
		defer func() { rowCells = rowCells[:0] }()
		if headerRow == 0 && !o.rd.opt.NoHeader {
			headerRow = row
			for _, x := range rowCells {
				for len(header) <= x.col {
					header = append(header, "")
				}
				header[x.col] = strings.TrimSpace(x.text)
			}
			for _, x := range rowCells {
				if err := o.emit(x.text, pi.Locator{Line: row, Row: 0, Column: o.column(header, x.col), Path: s.name + "!" + ColName(x.col) + strconv.Itoa(row)}); err != nil {
					return err
				}
			}
			return nil
		}
		for _, x := range rowCells {
			if err := o.emit(x.text, pi.Locator{Line: row, Row: row - headerRow, Column: o.column(header, x.col), Path: s.name + "!" + ColName(x.col) + strconv.Itoa(row)}); err != nil {
				return err
			}
		}
		return nil
	}
	_, err := o.walkPart(s.part, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				if err := flushRow(); err != nil {
					return err
				}
				if r, err := strconv.Atoi(attr(t, "r")); err == nil && r > row {
					row = r
				} else {
					row++
				}
				col = -1
			case "c":
				c = xlsxCell{typ: attr(t, "t"), col: col + 1}
				if si, err := strconv.Atoi(attr(t, "s")); err == nil && si >= 0 && si < len(o.dateStyles) {
					c.date = o.dateStyles[si]
				}
				if cc, _, ok := CellRef(attr(t, "r")); ok {
					c.col = cc
				}
				col = c.col
			case "v":
				c.inV = true
			case "t":
				c.inT = c.skip == 0
			case "rPh":
				c.skip++
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "v":
				c.inV = false
			case "t":
				c.inT = false
			case "rPh":
				c.skip--
			case "c":
				text := ""
				switch c.typ {
				case "s":
					if i, err := strconv.Atoi(strings.TrimSpace(c.v.String())); err == nil && i >= 0 && i < len(sst) {
						text = sst[i]
					} else {
						o.rd.problem(&Problem{File: o.rd.name, Line: row, Path: s.name + "!" + ColName(c.col) + strconv.Itoa(row), Msg: fmt.Sprintf("shared string %q does not exist, cell skipped", c.v.String())})
					}
				case "inlineStr":
					text = c.is.String()
				case "b", "e":
				default: // n, str, d
					text = c.v.String()
					if c.date && (c.typ == "" || c.typ == "n") {
						if d, ok := SerialDate(text); ok {
							text = d // 42156 under a date format is 2015-06-01
						}
					}
				}
				if c.cut {
					o.rd.problem(&Problem{File: o.rd.name, Line: row, Path: s.name + "!" + ColName(c.col) + strconv.Itoa(row), Msg: fmt.Sprintf("cell text over %d MiB, the rest of it skipped", maxCellText>>20)})
				}
				if strings.TrimSpace(text) != "" {
					rowCells = append(rowCells, cell{c.col, text})
				}
			case "sheetData":
				return flushRow()
			}
		case xml.CharData:
			switch {
			case c.inV:
				c.cut = writeCapped(&c.v, t) || c.cut
			case c.inT:
				c.cut = writeCapped(&c.is, t) || c.cut
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return flushRow()
}

// column names a column by its header, else by its letters.
func (o *officeReader) column(header []string, col int) string {
	if col < len(header) && header[col] != "" {
		return header[col]
	}
	return ColName(col)
}

// --- DOCX ---

// docxPartPrefixes name the parts of a document with text besides the body,
// read after it in name order.
var docxPartPrefixes = []string{"word/header", "word/footer", "word/footnotes", "word/endnotes", "word/comments"}

func (o *officeReader) readDOCX() error {
	if err := o.readDocxPart("word/document.xml"); err != nil {
		return err
	}
	var names []string
	for n := range o.parts {
		for _, p := range docxPartPrefixes {
			if strings.HasPrefix(n, p) && strings.HasSuffix(n, ".xml") && !strings.Contains(n[len("word/"):], "/") {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	for _, n := range names {
		if err := o.readDocxPart(n); err != nil {
			return err
		}
	}
	return nil
}

// readDocxPart emits the text of one part as lines (paragraphs, table
// rows), in fragments of about MaxFragment bytes cut at line ends.
func (o *officeReader) readDocxPart(name string) error {
	var buf, line strings.Builder
	lineNo, fragLine := 1, 1
	inText := false
	inRow, inCell := 0, 0 // table row and cell depth
	cellStart := true
	flush := func() error {
		if buf.Len() == 0 {
			return nil
		}
		text := buf.String()
		buf.Reset()
		if strings.TrimSpace(text) == "" {
			return nil
		}
		return o.emit(text, pi.Locator{Line: fragLine, Path: name})
	}
	endLine := func() error {
		if buf.Len() == 0 {
			fragLine = lineNo
		}
		buf.WriteString(line.String())
		buf.WriteByte('\n')
		line.Reset()
		lineNo++
		if buf.Len() >= o.rd.opt.MaxFragment {
			return flush()
		}
		return nil
	}
	// cutLine emits a line grown past 4×MaxFragment up to a rune boundary;
	// the rest stays on the same line.
	cutLine := func() error {
		if buf.Len() == 0 {
			fragLine = lineNo
		}
		l := line.String()
		n := splitPoint([]byte(l[:min(len(l), 4*o.rd.opt.MaxFragment)]))
		buf.WriteString(l[:n])
		line.Reset()
		line.WriteString(l[n:])
		if err := flush(); err != nil {
			return err
		}
		fragLine = lineNo
		return nil
	}
	fallback := 0 // depth inside <mc:Fallback>, which repeats the <mc:Choice> before it
	_, err := o.walkPart(name, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "Fallback" || fallback > 0 {
				fallback++
				return nil
			}
		case xml.EndElement:
			if fallback > 0 {
				fallback--
				return nil
			}
		case xml.CharData:
			if fallback > 0 {
				return nil
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t", "delText":
				inText = true
			case "tab", "ptab":
				line.WriteByte('\t')
			case "br", "cr":
				if inCell > 0 {
					line.WriteByte(' ')
				} else if err := endLine(); err != nil {
					return err
				}
			case "tr":
				inRow++
			case "tc":
				inCell++
				if !cellStart {
					line.WriteByte('\t')
				}
				cellStart = false
			case "p":
				if inCell > 0 && line.Len() > 0 && !strings.HasSuffix(line.String(), "\t") {
					line.WriteByte(' ') // paragraphs inside a cell
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t", "delText":
				inText = false
			case "p":
				if inRow == 0 {
					return endLine()
				}
			case "tc":
				inCell--
			case "tr":
				inRow--
				cellStart = true
				if inRow == 0 {
					return endLine()
				}
			}
		case xml.CharData:
			if inText {
				line.Write(t)
				for line.Len() >= 4*o.rd.opt.MaxFragment {
					if err := cutLine(); err != nil {
						return err
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if line.Len() > 0 {
		if err := endLine(); err != nil {
			return err
		}
	}
	return flush()
}

// --- document properties ---

// coreProperties are the docProps/core.xml elements that may name people.
var coreProperties = map[string]bool{"creator": true, "lastModifiedBy": true, "title": true, "subject": true,
	"description": true, "keywords": true}

func (o *officeReader) readCoreProperties() error {
	const part = "docProps/core.xml"
	var cur strings.Builder
	in := ""
	_, err := o.walkPart(part, func(_ *xml.Decoder, tok xml.Token) error {
		switch t := tok.(type) {
		case xml.StartElement:
			if coreProperties[t.Name.Local] {
				in = t.Name.Local
				cur.Reset()
			}
		case xml.EndElement:
			if t.Name.Local == in {
				in = ""
				if text := cur.String(); strings.TrimSpace(text) != "" {
					return o.emit(text, pi.Locator{Path: part + "#" + t.Name.Local})
				}
			}
		case xml.CharData:
			if in != "" {
				writeCapped(&cur, t)
			}
		}
		return nil
	})
	return err
}
