package redact

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/custos-project/custos/extract"
)

// An XLSX workbook is rewritten part by part: the worksheets' cells, with
// the shared-string table written anew, the cell comments and their
// authors, the external targets of hyperlinks, and the document's
// properties (author, title, manager …). Every other part is copied byte
// for byte. A worksheet's rows are read one at a time, each row a record
// under its sheet's header row, as a CSV row is.
//
// Parts that hold copies of the data Custos does not rewrite (pivot caches,
// charts' caches, external links, threaded comments and their people, the
// data model, custom XML with data, text boxes) make the workbook refused, with nothing written:
// a de-identified sheet beside an untouched copy would be no
// de-identification. Images are copied and reported: a portrait is
// personal information Custos cannot judge.

// refusedParts are the part-name prefixes of copies of the data.
var refusedParts = []struct{ prefix, what string }{
	{"xl/pivotCache/", "a pivot table's cache holds a copy of the data"},
	{"xl/charts/", "a chart's cache holds a copy of the values it plots"},
	{"xl/externalLinks/", "an external link holds a copy of another workbook's values"},
	{"xl/threadedComments/", "threaded comments"},
	{"xl/persons/", "the people of threaded comments"},
	{"xl/queryTables/", "a query table"},
	{"xl/slicerCaches/", "a slicer's cache holds a copy of the data"},
	{"xl/timelineCaches/", "a timeline's cache holds a copy of the data"},
	{"xl/model/", "a data model holds a copy of the data"},
}

// maxXLSXRow bounds the XML of one worksheet row, and maxXLSXPart the
// parts read whole (comments, properties, relationships).
const (
	maxXLSXColumns = 16384 // A to XFD
	maxXLSXRow     = 64 << 20
	maxXLSXPart    = 64 << 20
	maxXLSXStrings = 256 << 20
)

// officeWriter rewrites one workbook.
type officeWriter struct {
	ctx  context.Context
	name string
	opt  Options
	res  *Result
	sst  []string // the input's shared strings
	// the output's shared strings: index by text, texts in order, and the
	// number of cells referring to them
	index  map[string]int
	strs   []sstEntry
	refs   int
	hasSST bool
	sstRaw []string    // the input's <si> elements' XML, nil when not kept
	rawIdx map[int]int // input index → output index of the strings kept whole
	// the styles part and, per cell style, whether it formats a number as
	// a date (a birth date 42156 is read as 2015-06-01)
	stylesPart string
	dateStyles []bool
	// minorNames are the names of the minors a document's body showed,
	// true for those under 14 (see knownMinors)
	minorNames map[string]bool
	sheet      string // the worksheet being written
	header     []string
	headRow    int // its header row (0 before it is read)
	rows       int // data rows so far
}

// redactXLSX de-identifies a workbook read from r into w.
func redactXLSX(ctx context.Context, name string, r io.Reader, w io.Writer, opt Options, res *Result) error {
	zr, cleanup, err := openZip(name, r, "XLSX workbook")
	if err != nil {
		return err
	}
	defer cleanup()
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(f.Name, "/")] = f
	}
	if parts["xl/workbook.xml"] == nil {
		return fmt.Errorf("%s: not an XLSX workbook (it has no xl/workbook.xml)", name)
	}
	x := &officeWriter{ctx: ctx, name: name, opt: opt, res: res, index: map[string]int{}, rawIdx: map[int]int{}}
	if err := x.check(zr.File); err != nil {
		return err
	}
	sheets, sstPart, err := x.workbook(parts)
	if err != nil {
		return err
	}
	if x.stylesPart == "" {
		x.stylesPart = "xl/styles.xml"
	}
	if f := parts[x.stylesPart]; f != nil {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %s: %w", name, x.stylesPart, err)
		}
		x.dateStyles, err = extract.DateStyles(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %s: %w", name, x.stylesPart, err)
		}
	}
	if f := parts[sstPart]; f != nil {
		x.hasSST = true
		if x.sst, x.sstRaw, err = readSharedStrings(f); err != nil {
			return fmt.Errorf("%s: %s: %w", name, sstPart, err)
		}
	}
	zw := zip.NewWriter(w)
	for _, f := range zr.File {
		if err := ctx.Err(); err != nil {
			return err
		}
		n := strings.TrimPrefix(f.Name, "/")
		switch {
		case n == sstPart:
			continue // written last, with the strings of the rewritten cells
		case sheets[n] != "":
			x.sheet, x.header, x.headRow, x.rows = sheets[n], nil, 0, 0
			err = x.rewrite(zw, f, x.worksheet)
		case strings.HasPrefix(n, "xl/comments") && strings.HasSuffix(n, ".xml"):
			err = x.rewrite(zw, f, x.whole(x.comments))
		case strings.HasPrefix(n, "xl/worksheets/_rels/"):
			err = x.rewrite(zw, f, x.whole(x.rels))
		default:
			err = x.otherPart(zw, f, n)
		}
		if err != nil {
			return err
		}
	}
	if x.hasSST {
		if err := x.writeSharedStrings(zw, parts[sstPart]); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return nil
}

// openZip reads r as a zip archive (a file in place, anything else through
// a temporary file that cleanup removes); what names the format expected.
func openZip(name string, r io.Reader, what string) (*zip.Reader, func(), error) {
	ra, size, cleanup, err := extract.RandomAccess(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		cleanup()
		return nil, nil, fmt.Errorf("%s: not a readable %s: %w", name, what, err)
	}
	return zr, cleanup, nil
}

// check refuses a workbook with copies of its data that are not rewritten,
// and warns of its images.
func (x *officeWriter) check(files []*zip.File) error {
	var refused []string
	for _, f := range files {
		n := strings.TrimPrefix(f.Name, "/")
		for _, p := range refusedParts {
			if strings.HasPrefix(n, p.prefix) {
				refused = append(refused, n+" ("+p.what+")")
			}
		}
		switch {
		case strings.HasPrefix(n, "customXml/"):
			why, err := customXMLData(f)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", x.name, n, err)
			}
			if why != "" {
				refused = append(refused, n+" ("+why+")")
			}
		case strings.HasPrefix(n, "xl/media/"):
			x.res.Warnings = append(x.res.Warnings, n+": an image, copied as it is: a portrait or a scanned document is personal information Custos cannot judge")
		case strings.HasPrefix(n, "xl/drawings/") && strings.HasSuffix(n, ".xml"):
			b, err := readPart(f)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", x.name, n, err)
			}
			if bytes.Contains(b, []byte(":t>")) || bytes.Contains(b, []byte("<t>")) {
				refused = append(refused, n+" (a text box or a shape with text)")
			}
		}
	}
	if len(refused) > 0 {
		return fmt.Errorf("%s: the workbook holds parts Custos cannot rewrite yet: %s; nothing was written: remove them (or save the sheets as CSV) and run again",
			x.name, strings.Join(refused, "; "))
	}
	return nil
}

// workbook returns the worksheets (part → sheet name) and the name of the
// shared-string part, refusing a sheet whose name is personal information.
func (x *officeWriter) workbook(parts map[string]*zip.File) (map[string]string, string, error) {
	rels := map[string]string{}
	sstPart := "xl/sharedStrings.xml"
	if f := parts["xl/_rels/workbook.xml.rels"]; f != nil {
		b, err := readPart(f)
		if err != nil {
			return nil, "", fmt.Errorf("%s: xl/_rels/workbook.xml.rels: %w", x.name, err)
		}
		for _, rel := range elements(b, "Relationship") {
			target := rel.attr("Target")
			if rel.attr("TargetMode") == "External" || target == "" {
				continue
			}
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			rels[rel.attr("Id")] = target
			if strings.HasSuffix(rel.attr("Type"), "/sharedStrings") {
				sstPart = target
			}
			if strings.HasSuffix(rel.attr("Type"), "/styles") {
				x.stylesPart = target
			}
		}
	}
	b, err := readPart(parts["xl/workbook.xml"])
	if err != nil {
		return nil, "", fmt.Errorf("%s: xl/workbook.xml: %w", x.name, err)
	}
	sheets := map[string]string{}
	for _, s := range elements(b, "sheet") {
		name := s.attr("name")
		if p := rels[s.attr("r:id")]; p != "" {
			sheets[p] = name
		}
		fs := x.opt.Engine.Detect([]byte(name), nil)
		if out, _, err := x.opt.Profile.Apply(x.opt.Context, []byte(name), fs); err == nil && string(out) != name && len(fs) > 0 {
			return nil, "", fmt.Errorf("%s: the sheet name %q is personal information (%s): rename the sheet and run again (nothing was written)", x.name, name, fs[0].Type)
		}
	}
	if len(sheets) == 0 {
		return nil, "", fmt.Errorf("%s: xl/workbook.xml lists no worksheet", x.name)
	}
	return sheets, sstPart, nil
}

// rewrite writes part f through fn, compressed.
func (x *officeWriter) rewrite(zw *zip.Writer, f *zip.File, fn func(io.Writer, io.Reader) error) error {
	rc, err := f.Open()
	if err != nil {
		return fmt.Errorf("%s: %s: %w", x.name, f.Name, err)
	}
	defer rc.Close()
	fw, err := newPart(zw, f)
	if err != nil {
		return err
	}
	if err := fn(fw, rc); err != nil {
		return fmt.Errorf("%s: %s: %w", x.name, f.Name, err)
	}
	return nil
}

// newPart starts the output's part of the input part f, compressed.
func newPart(zw *zip.Writer, f *zip.File) (io.Writer, error) {
	return zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: f.Modified})
}

// otherPart writes a part neither format rewrites for itself: the
// document's properties, de-identified, or any other part copied as it is.
func (x *officeWriter) otherPart(zw *zip.Writer, f *zip.File, n string) error {
	if n == "docProps/core.xml" || n == "docProps/app.xml" {
		return x.rewrite(zw, f, x.whole(x.properties))
	}
	return copyPart(zw, f)
}

// whole adapts a rewriter of a part read whole.
func (x *officeWriter) whole(fn func([]byte) ([]byte, error)) func(io.Writer, io.Reader) error {
	return func(w io.Writer, r io.Reader) error {
		b, err := io.ReadAll(io.LimitReader(r, maxXLSXPart+1))
		if err != nil {
			return err
		}
		if len(b) > maxXLSXPart {
			return fmt.Errorf("part over %d MiB", maxXLSXPart>>20)
		}
		out, err := fn(b)
		if err != nil {
			return err
		}
		_, err = w.Write(out)
		return err
	}
}

// copyPart copies a part as it is stored.
func copyPart(zw *zip.Writer, f *zip.File) error {
	h := f.FileHeader
	fw, err := zw.CreateRaw(&h)
	if err != nil {
		return err
	}
	rr, err := f.OpenRaw()
	if err != nil {
		return err
	}
	_, err = io.Copy(fw, rr)
	return err
}

func readPart(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxXLSXPart+1))
	if err == nil && len(b) > maxXLSXPart {
		err = fmt.Errorf("part over %d MiB", maxXLSXPart>>20)
	}
	return b, err
}

// --- worksheets ---

// worksheet copies a worksheet, rewriting its rows one at a time.
func (x *officeWriter) worksheet(w io.Writer, r io.Reader) error {
	br := bufio.NewReaderSize(r, 256<<10)
	bw := bufio.NewWriterSize(w, 256<<10)
	var buf []byte
	eof := false
	fill := func() error {
		chunk := make([]byte, 256<<10)
		n, err := io.ReadFull(br, chunk)
		buf = append(buf, chunk[:n]...)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			eof = true
			return nil
		}
		return err
	}
	checked := false
	for {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		i := rowStart(buf)
		if !checked && (i >= 0 || eof || len(buf) > 64<<10) {
			// the prefixed form (<x:worksheet>) is not read here
			if !bytes.Contains(buf, []byte("<worksheet")) {
				return errors.New("a worksheet in prefixed SpreadsheetML (<x:worksheet>), which Custos cannot rewrite yet")
			}
			checked = true
		}
		if i < 0 {
			if eof {
				bw.Write(buf)
				return bw.Flush()
			}
			keep := min(len(buf), 8) // a "<row" cut at the chunk's end
			bw.Write(buf[:len(buf)-keep])
			buf = append(buf[:0], buf[len(buf)-keep:]...)
			if err := fill(); err != nil {
				return err
			}
			continue
		}
		bw.Write(buf[:i])
		buf = buf[i:]
		end := rowEnd(buf)
		for end < 0 && !eof {
			if len(buf) > maxXLSXRow {
				return fmt.Errorf("a row over %d MiB", maxXLSXRow>>20)
			}
			if err := fill(); err != nil {
				return err
			}
			end = rowEnd(buf)
		}
		if end < 0 {
			return errors.New("a row that does not end (a truncated worksheet)")
		}
		out, err := x.row(buf[:end])
		if err != nil {
			return err
		}
		bw.Write(out)
		buf = buf[end:]
	}
}

// rowStart returns where the first <row> element of b starts, -1 if none.
func rowStart(b []byte) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte("<row"))
		if i < 0 {
			return -1
		}
		i += from
		if i+4 < len(b) && (b[i+4] == ' ' || b[i+4] == '>' || b[i+4] == '/' || b[i+4] == '\t' || b[i+4] == '\n' || b[i+4] == '\r') {
			return i
		}
		if i+4 >= len(b) {
			return -1 // undecided: wait for more
		}
		from = i + 4 // <rowBreaks>
	}
}

// rowEnd returns the end of the row element b starts with, -1 when b does
// not hold all of it.
func rowEnd(b []byte) int {
	gt := bytes.IndexByte(b, '>')
	if gt < 0 {
		return -1
	}
	if b[gt-1] == '/' {
		return gt + 1 // <row r="3"/>
	}
	if i := bytes.Index(b[gt:], []byte("</row>")); i >= 0 {
		return gt + i + len("</row>")
	}
	return -1
}

// xcell is a cell of a row being rewritten.
type xcell struct {
	start, end int // the element in the row's XML
	tag        tagAttrs
	col        int
	text       string
	hasText    bool
	sst        int // the shared string's index, -1 for none
}

// row rewrites one <row> element.
func (x *officeWriter) row(b []byte) ([]byte, error) {
	gt := bytes.IndexByte(b, '>')
	rowTag := parseTag(b[:gt+1])
	num, _ := strconv.Atoi(rowTag.attr("r"))
	var cells []xcell
	maxCol := -1
	for pos := gt + 1; ; {
		i := cellStart(b[pos:])
		if i < 0 {
			break
		}
		i += pos
		tagEnd := bytes.IndexByte(b[i:], '>')
		if tagEnd < 0 {
			return nil, fmt.Errorf("row %d: a cell that does not end", num)
		}
		tagEnd += i + 1
		c := xcell{start: i, tag: parseTag(b[i:tagEnd]), col: maxCol + 1}
		inner := []byte(nil)
		if b[tagEnd-2] == '/' {
			c.end = tagEnd
		} else {
			j := bytes.Index(b[tagEnd:], []byte("</c>"))
			if j < 0 {
				return nil, fmt.Errorf("row %d: a cell that does not end", num)
			}
			inner = b[tagEnd : tagEnd+j]
			c.end = tagEnd + j + len("</c>")
		}
		if col, _, ok := extract.CellRef(c.tag.attr("r")); ok {
			c.col = col
		}
		if c.col >= maxXLSXColumns {
			return nil, fmt.Errorf("row %d: a cell beyond column XFD (%s)", num, c.tag.attr("r"))
		}
		maxCol = max(maxCol, c.col)
		c.text, c.hasText, c.sst = x.cellText(c.tag.attr("t"), inner)
		if t := c.tag.attr("t"); c.hasText && (t == "" || t == "n") && x.dateStyle(c.tag.attr("s")) {
			if d, ok := extract.SerialDate(c.text); ok {
				c.text = d // read as the date it shows; written back as it was unless it changes
			}
		}
		cells = append(cells, c)
		pos = c.end
	}
	if num == 0 {
		num = x.headRow + x.rows + 1
	}
	rec := make([]string, maxCol+1)
	any := false
	for _, c := range cells {
		if c.hasText && strings.TrimSpace(c.text) != "" {
			rec[c.col] = c.text
			any = true
		}
	}
	out := rec
	if any && x.headRow == 0 && !x.opt.NoHeader {
		x.headRow = num
		x.header = make([]string, len(rec))
		for i, v := range rec {
			x.header[i] = strings.TrimSpace(v)
		}
	} else if any {
		x.rows++
		var changes []Change
		var err error
		out, changes, err = redactRow(x.opt, x.header, rec, x.rows)
		if err != nil {
			return nil, err
		}
		for k := range changes {
			changes[k].Path = x.sheet + "!" + cellName(changes[k].Column, x.header) + strconv.Itoa(num)
		}
		x.res.Changes = append(x.res.Changes, changes...)
	}
	var o bytes.Buffer
	o.Grow(len(b))
	pos := 0
	for _, c := range cells {
		o.Write(b[pos:c.start])
		pos = c.end
		final := c.text
		if rec[c.col] != "" {
			final = out[c.col]
		}
		switch {
		case !c.hasText && c.tag.attr("t") == "s":
			// a shared string that does not exist: the new table has no
			// index for it either
			x.writeStringCell(&o, c.tag, "")
		case !c.hasText:
			o.Write(b[c.start:c.end])
		case c.tag.attr("t") == "s" && final == c.text && x.sstRaw != nil:
			// a string kept: written as it was (rich text and all), at its
			// index in the new table
			i, ok := x.rawIdx[c.sst]
			if !ok {
				i = len(x.strs)
				x.rawIdx[c.sst] = i
				x.strs = append(x.strs, sstEntry{raw: x.sstRaw[c.sst], isRaw: true})
			}
			x.writeCellTag(&o, c.tag)
			x.refs++
			o.WriteString(` t="s"><v>` + strconv.Itoa(i) + "</v></c>")
		case c.tag.attr("t") == "s":
			// every shared string is written anew: the index changes
			x.writeStringCell(&o, c.tag, final)
		case final == c.text:
			o.Write(b[c.start:c.end])
		default:
			x.writeStringCell(&o, c.tag, final)
		}
	}
	o.Write(b[pos:])
	return o.Bytes(), nil
}

// dateStyle reports whether the cell style s formats a number as a date.
func (x *officeWriter) dateStyle(s string) bool {
	i, err := strconv.Atoi(s)
	return err == nil && i >= 0 && i < len(x.dateStyles) && x.dateStyles[i]
}

// cellName returns the column letters of the changed cell in column col
// (a header name or a 1-based number, as columnName writes it).
func cellName(col string, header []string) string {
	i := slices.Index(header, col)
	if i < 0 {
		if n, err := strconv.Atoi(col); err == nil {
			i = n - 1
		}
	}
	if i < 0 {
		return col
	}
	return extract.ColName(i)
}

// cellStart returns where the first <c> element of b starts, -1 if none.
func cellStart(b []byte) int {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte("<c"))
		if i < 0 {
			return -1
		}
		i += from
		if i+2 < len(b) && (b[i+2] == ' ' || b[i+2] == '>' || b[i+2] == '/') {
			return i
		}
		from = i + 2
	}
}

// cellText returns the text of a cell of type typ with inner XML inner:
// a shared string, an inline string, or the value as written (numbers,
// formula results, dates); booleans and errors have none.
func (x *officeWriter) cellText(typ string, inner []byte) (string, bool, int) {
	if typ == "b" || typ == "e" || len(inner) == 0 {
		return "", false, -1
	}
	var v, t strings.Builder
	in, skip := "", 0
	dec := xml.NewDecoder(io.MultiReader(strings.NewReader("<x>"), bytes.NewReader(inner), strings.NewReader("</x>")))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "rPh":
				skip++
			case "v", "t":
				in = e.Name.Local
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "rPh":
				skip--
			case "v", "t":
				in = ""
			}
		case xml.CharData:
			switch {
			case in == "v":
				v.Write(e)
			case in == "t" && skip == 0:
				t.Write(e)
			}
		}
	}
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v.String()))
		if err != nil || i < 0 || i >= len(x.sst) {
			return "", false, -1
		}
		return x.sst[i], true, i
	case "inlineStr":
		return t.String(), true, -1
	}
	return v.String(), v.Len() > 0, -1
}

// writeStringCell writes a cell holding text s, with the attributes of
// tag except its type: a shared string, or an inline one when the
// workbook has no shared-string table. A formula is dropped: its result
// is what was de-identified.
func (x *officeWriter) writeStringCell(o *bytes.Buffer, tag tagAttrs, s string) {
	x.writeCellTag(o, tag)
	if s == "" {
		o.WriteString("/>")
		return
	}
	if x.hasSST {
		i, ok := x.index[s]
		if !ok {
			i = len(x.strs)
			x.index[s] = i
			x.strs = append(x.strs, sstEntry{text: s})
		}
		x.refs++
		o.WriteString(` t="s"><v>` + strconv.Itoa(i) + "</v></c>")
		return
	}
	o.WriteString(` t="inlineStr"><is><t xml:space="preserve">`)
	xml.EscapeText(o, []byte(s))
	o.WriteString("</t></is></c>")
}

// writeCellTag writes the start of a cell's tag with the attributes of tag
// except its type.
func (x *officeWriter) writeCellTag(o *bytes.Buffer, tag tagAttrs) {
	o.WriteString("<c")
	for _, a := range tag {
		if a.name != "t" {
			o.WriteString(" " + a.name + `="` + a.raw + `"`)
		}
	}
}

// --- shared strings ---

// sstEntry is a string of the output's table: a text, or an input's <si>
// kept whole (its XML, rich text and phonetic runs included).
type sstEntry struct {
	text, raw string
	isRaw     bool
}

// readSharedStrings reads the text of each <si> (phonetic runs left out)
// and, when the table is written without a namespace prefix, the XML
// inside each, to write the strings kept as they were.
func readSharedStrings(f *zip.File) ([]string, []string, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, 2*maxXLSXStrings+1))
	if err != nil {
		return nil, nil, err
	}
	if len(b) > 2*maxXLSXStrings {
		return nil, nil, fmt.Errorf("shared strings over %d MiB", 2*maxXLSXStrings>>20)
	}
	dec := xml.NewDecoder(bytes.NewReader(b))
	dec.Strict = false
	var out, raw []string
	keepRaw := true
	var cur strings.Builder
	inT, skip, total, from := false, 0, 0, int64(0)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			if !keepRaw || len(raw) != len(out) {
				raw = nil
			}
			return out, raw, nil
		}
		if err != nil {
			return nil, nil, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "si":
				cur.Reset()
				from = dec.InputOffset()
			case "rPh":
				skip++
			case "t":
				inT = skip == 0
			}
		case xml.EndElement:
			switch e.Name.Local {
			case "si":
				out = append(out, cur.String())
				if total += cur.Len(); total > maxXLSXStrings {
					return nil, nil, fmt.Errorf("shared strings over %d MiB", maxXLSXStrings>>20)
				}
				to := dec.InputOffset()
				switch {
				case to == from: // <si/>
					raw = append(raw, "")
				case to-from >= 5 && string(b[to-5:to]) == "</si>":
					raw = append(raw, string(b[from:to-5]))
				default:
					keepRaw = false // <x:si>: written anew
				}
			case "rPh":
				skip--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(e)
			}
		}
	}
}

// writeSharedStrings writes the output's shared strings under the input
// part's name: only the texts the rewritten cells hold.
func (x *officeWriter) writeSharedStrings(zw *zip.Writer, f *zip.File) error {
	fw, err := newPart(zw, f)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(fw, 256<<10)
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, x.refs, len(x.strs))
	for _, s := range x.strs {
		if s.isRaw {
			bw.WriteString("<si>" + s.raw + "</si>")
			continue
		}
		bw.WriteString(`<si><t xml:space="preserve">`)
		xml.EscapeText(bw, []byte(s.text))
		bw.WriteString("</t></si>")
	}
	bw.WriteString("</sst>")
	return bw.Flush()
}

// --- comments, relationships, properties ---

// comments de-identifies the authors and the text of cell comments.
func (x *officeWriter) comments(b []byte) ([]byte, error) {
	b, err := x.replaceElements(b, "author", func(s string) (string, error) { return x.value(s, "姓名", "comments") })
	if err != nil {
		return nil, err
	}
	return x.replaceRich(b, "text", func(s string) (string, error) { return x.text(s, "comments") })
}

// rels de-identifies the external targets of a worksheet's relationships
// (a hyperlink's mailto: address).
func (x *officeWriter) rels(b []byte) ([]byte, error) {
	return replaceAttr(b, "Relationship", "Target", func(e element) bool { return e.attr("TargetMode") == "External" },
		func(v string) (string, error) { return x.text(v, "hyperlinks") })
}

// replaceAttr rewrites with fn the value of attribute attr of every <elem>
// of b that keep accepts.
func replaceAttr(b []byte, elem, attr string, keep func(element) bool, fn func(string) (string, error)) ([]byte, error) {
	var o bytes.Buffer
	pos := 0
	for _, e := range elements(b, elem) {
		if !keep(e) {
			continue
		}
		for _, a := range e.tag {
			if a.name != attr {
				continue
			}
			v := unescapeAttr(a.raw)
			out, err := fn(v)
			if err != nil {
				return nil, err
			}
			if out != v {
				at := e.start + a.at
				o.Write(b[pos:at])
				o.WriteString(escapeAttr(out))
				pos = at + len(a.raw)
			}
		}
	}
	o.Write(b[pos:])
	return o.Bytes(), nil
}

// propertyFields are the document properties that may name a person (the
// author) or hold text about one (title, subject, description …).
var propertyFields = []struct{ elem, label string }{
	{"dc:creator", "姓名"}, {"cp:lastModifiedBy", "姓名"}, {"Manager", "姓名"},
	{"dc:title", ""}, {"dc:subject", ""}, {"dc:description", ""}, {"cp:keywords", ""}, {"cp:category", ""},
}

// properties de-identifies the document properties.
func (x *officeWriter) properties(b []byte) ([]byte, error) {
	var err error
	for _, p := range propertyFields {
		label := p.label
		b, err = x.replaceElements(b, p.elem, func(s string) (string, error) {
			if label != "" {
				return x.value(s, label, "properties")
			}
			return x.text(s, "properties")
		})
		if err != nil {
			return nil, err
		}
	}
	return b, nil
}

// value de-identifies a short value as a cell under label; where names
// the part for the changes.
func (x *officeWriter) value(s, label, where string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return s, nil
	}
	fs := valueFindings(x.opt.Engine, []byte(s), label)
	out, changes, err := x.opt.Profile.Apply(x.opt.Context, []byte(s), fs)
	if err != nil {
		return "", err
	}
	x.note(changes, where)
	return string(out), nil
}

// text de-identifies free text (a comment).
func (x *officeWriter) text(s, where string) (string, error) {
	if strings.TrimSpace(s) == "" {
		return s, nil
	}
	fs := x.opt.Engine.Detect([]byte(s), nil)
	out, changes, err := x.opt.Profile.Apply(x.opt.Context, []byte(s), fs)
	if err != nil {
		return "", err
	}
	x.note(changes, where)
	return string(out), nil
}

func (x *officeWriter) note(changes []Change, where string) {
	for k := range changes {
		changes[k].Path = where
	}
	x.res.Changes = append(x.res.Changes, changes...)
}

// replaceElements rewrites the text of every <elem>…</elem> of b whose
// content is text alone.
func (x *officeWriter) replaceElements(b []byte, elem string, fn func(string) (string, error)) ([]byte, error) {
	return x.replaceInner(b, elem, func(inner []byte, o *bytes.Buffer) (bool, error) {
		if bytes.IndexByte(inner, '<') >= 0 {
			return false, nil
		}
		v := unescapeText(inner)
		out, err := fn(v)
		if err != nil || out == v {
			return false, err
		}
		xml.EscapeText(o, []byte(out))
		return true, nil
	})
}

// replaceRich rewrites every <elem>…</elem> of b holding rich text (runs
// of <t>): when its text changes, the runs become one.
func (x *officeWriter) replaceRich(b []byte, elem string, fn func(string) (string, error)) ([]byte, error) {
	return x.replaceInner(b, elem, func(inner []byte, o *bytes.Buffer) (bool, error) {
		v, _, _ := x.cellText("inlineStr", inner)
		out, err := fn(v)
		if err != nil || out == v {
			return false, err
		}
		o.WriteString(`<t xml:space="preserve">`)
		xml.EscapeText(o, []byte(out))
		o.WriteString("</t>")
		return true, nil
	})
}

// replaceInner calls fn with the content of every <elem>…</elem> of b;
// fn writes the new content to o and reports true, or false to keep it.
func (x *officeWriter) replaceInner(b []byte, elem string, fn func(inner []byte, o *bytes.Buffer) (bool, error)) ([]byte, error) {
	open, close := []byte("<"+elem), []byte("</"+elem+">")
	var o bytes.Buffer
	pos, from := 0, 0 // written up to pos; searching from from
	for {
		i := bytes.Index(b[from:], open)
		if i < 0 {
			break
		}
		i += from + len(open)
		from = i
		// the start tag, attributes and all (<dc:creator xmlns:dc="…">);
		// not a longer name (<authors> for <author>) nor an empty element
		if i >= len(b) {
			break
		}
		if c := b[i]; c != '>' && c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			continue
		}
		gt := bytes.IndexByte(b[i:], '>')
		if gt < 0 {
			break
		}
		if b[i+gt-1] == '/' {
			from = i + gt + 1
			continue
		}
		i += gt + 1
		j := bytes.Index(b[i:], close)
		if j < 0 {
			break
		}
		j += i
		o.Write(b[pos:i])
		changed, err := fn(b[i:j], &o)
		if err != nil {
			return nil, err
		}
		if !changed {
			o.Write(b[i:j])
		}
		pos, from = j, j
	}
	o.Write(b[pos:])
	return o.Bytes(), nil
}

// --- small XML helpers ---

// tagAttr is an attribute of a start tag: its name, its value as written
// (escaped) and the value's offset in the tag.
type tagAttr struct {
	name, raw string
	at        int
}

type tagAttrs []tagAttr

func (t tagAttrs) attr(name string) string {
	for _, a := range t {
		if a.name == name {
			return unescapeAttr(a.raw)
		}
	}
	return ""
}

// parseTag reads the attributes of a start tag (<c r="A1" s="3" t="s">).
func parseTag(b []byte) tagAttrs {
	var out tagAttrs
	i := bytes.IndexAny(b, " \t\r\n")
	if i < 0 {
		return nil
	}
	for i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
			i++
		}
		eq := bytes.IndexByte(b[i:], '=')
		if eq < 0 {
			break
		}
		name := string(bytes.TrimSpace(b[i : i+eq]))
		i += eq + 1
		for i < len(b) && b[i] != '"' && b[i] != '\'' {
			i++
		}
		if i >= len(b) {
			break
		}
		q := b[i]
		end := bytes.IndexByte(b[i+1:], q)
		if end < 0 {
			break
		}
		out = append(out, tagAttr{name: name, raw: string(b[i+1 : i+1+end]), at: i + 1})
		i += end + 2
	}
	return out
}

// element is a start tag found in a part, with its offset.
type element struct {
	start int
	tag   tagAttrs
}

func (e element) attr(name string) string { return e.tag.attr(name) }

// elements returns the start tags <name …> of b.
func elements(b []byte, name string) []element {
	var out []element
	open := []byte("<" + name)
	for pos := 0; ; {
		i := bytes.Index(b[pos:], open)
		if i < 0 {
			return out
		}
		i += pos
		k := i + len(open)
		if k < len(b) && (b[k] == ' ' || b[k] == '\t' || b[k] == '\n' || b[k] == '\r' || b[k] == '>' || b[k] == '/') {
			if gt := bytes.IndexByte(b[k:], '>'); gt >= 0 {
				out = append(out, element{start: i, tag: parseTag(b[i : k+gt+1])})
			}
		}
		pos = k
	}
}

func unescapeText(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var s strings.Builder
	dec := xml.NewDecoder(io.MultiReader(strings.NewReader("<x>"), bytes.NewReader(b), strings.NewReader("</x>")))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return s.String()
		}
		if c, ok := tok.(xml.CharData); ok {
			s.Write(c)
		}
	}
}

func unescapeAttr(s string) string { return unescapeText([]byte(s)) }

func escapeAttr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&quot;")
}
