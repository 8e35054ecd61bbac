package risk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/custos-project/custos/detect"
	"github.com/custos-project/custos/extract"
	"github.com/custos-project/custos/pi"
)

// DefaultSampleRows is how many leading rows are kept to choose the
// columns' roles when TableOptions.SampleRows is zero.
const DefaultSampleRows = 1000

// memoLimit bounds the cache from raw cell text to value id that each
// quasi-identifier keeps; past it, new cells are parsed every time.
const memoLimit = 1 << 16

// TableOptions configure ReadTable.
type TableOptions struct {
	// Name names the input in messages; its extension picks CSV, TSV or
	// XLSX (whose first sheet is the table) unless Format is set. "" or
	// "-" is stdin, read as CSV.
	Name     string
	Format   extract.Format
	Encoding string
	NoHeader bool
	// Select says which columns are quasi-identifiers, sensitive or
	// direct identifiers; the rest is chosen from names and content.
	Select Selection
	// Engine runs on the sampled rows of columns neither a flag nor the
	// column name explains. Nil means the content is judged by the value
	// parsers alone.
	Engine *detect.Engine
	// RefDate is the date ages derived from resident ID numbers are
	// computed at; zero means today.
	RefDate time.Time
	// SampleRows is the number of leading rows used to choose columns;
	// 0 means DefaultSampleRows.
	SampleRows int
	// Problem receives each bad piece of input (malformed rows, bad
	// bytes); nil ignores them. Reading goes on.
	Problem func(*extract.Problem)
}

// Table is a table reduced to its equivalence classes at the finest level
// of every quasi-identifier: one entry per distinct tuple of
// quasi-identifier values, with its record count and a histogram of each
// sensitive column's values. Rows are read once and not kept, so memory
// grows with the number of distinct tuples, not with the rows; classes at
// coarser levels are computed from these by aggregation, never by reading
// the input again. A Table is not safe for concurrent use.
type Table struct {
	// Name is the input name.
	Name string
	// Columns are the table's columns with their roles, in order.
	Columns []Column
	// Rows is the number of data rows read (rows with at least one cell).
	Rows int64
	// BadRows is the number of rows that could not be split into cells
	// (reported as problems and left out).
	BadRows int64

	attrs []*attribute
	sens  []*sensitiveColumn

	// the finest classes
	q      int
	tuples []uint32 // class c's value ids are tuples[c*q : c*q+q]
	count  []int64
	index  tupleIndex
	ids    []uint32

	pop     *population
	engine  *detect.Engine // masks direct identifiers in printed labels
	refDate time.Time
	done    bool
	scratch scratch // buffers of rollups on the caller's goroutine
}

// attribute is one quasi-identifier of the analysis: a column, or one of
// the three facts of a resident ID column.
type attribute struct {
	name string
	col  int
	kind Kind
	// part is the resident ID fact this attribute is: 'a' age, 's' sex,
	// 'r' region; 0 for a plain column.
	part byte
	ref  time.Time // ages from resident IDs are computed at ref

	dict   map[string]uint32
	values []string // canonical value by id
	memo   map[string]uint32

	unparsed int64
	empty    int64
	examples []string

	h    *hierarchy
	marg []int64 // records per value id
}

// id returns the id of a canonical value, adding it if new.
func (a *attribute) id(canon string) uint32 {
	if id, ok := a.dict[canon]; ok {
		return id
	}
	id := uint32(len(a.values))
	a.dict[canon] = id
	a.values = append(a.values, canon)
	return id
}

// cell returns the value id of a raw cell of a plain column.
func (a *attribute) cell(raw []byte) uint32 {
	if id, ok := a.memo[string(raw)]; ok {
		return id
	}
	s := string(raw)
	canon, ok := canonical(a.kind, s)
	if !ok {
		a.unparsed++
		if ex := maskLabel(strings.TrimPrefix(canon, unparsedMark)); len(a.examples) < 3 && !slices.Contains(a.examples, ex) {
			a.examples = append(a.examples, ex)
		}
	}
	id := a.id(canon)
	if len(a.memo) < memoLimit && ok {
		a.memo[s] = id // unparsed cells are not memoized, so they are counted
	}
	return id
}

// canonical returns the level-0 value of a cell of kind k; ok is false
// when the cell is not empty and cannot be read as k (the value is then
// the cell's text, marked).
func canonical(k Kind, s string) (string, bool) {
	t := normalizeText(s)
	if t == "" {
		return "", true
	}
	var v string
	ok := true
	switch k {
	case KindAge:
		v, ok = canonicalAge(t)
	case KindSex:
		v, ok = ParseSex(t)
	case KindDate:
		v, ok = canonicalDate(t)
	case KindNumeric:
		v, ok = canonicalNumber(t)
	default:
		v = t
	}
	if !ok {
		return unparsedMark + t, false
	}
	return v, true
}

// sensitiveColumn collects the histogram of a sensitive column's values
// per class. Most classes hold one value, which is kept inline; further
// values go to a map.
type sensitiveColumn struct {
	name    string
	col     int
	numeric bool
	dict    map[string]uint32
	values  []string
	nums    []float64 // value by id, when numeric
	first   []uint32  // per class: value id + 1 of the first value, 0 none
	firstN  []int64
	extra   map[uint64]int64 // class<<32 | value → count

	// after finish: compressed per-class histograms
	off  []int32 // class c's entries are [off[c], off[c+1])
	vals []uint32
	cnts []int64
	tot  []int64 // records per value over the table
}

func (s *sensitiveColumn) add(class int32, raw []byte) {
	id, ok := s.dict[string(raw)] // the cell as written, no allocation
	if !ok {
		t := normalizeText(string(raw))
		if t == "" {
			return // empty sensitive cells are not a value
		}
		if id, ok = s.dict[t]; !ok {
			id = uint32(len(s.values))
			s.dict[t] = id
			s.values = append(s.values, t)
		}
		if len(s.dict) < memoLimit {
			s.dict[string(raw)] = id // the written form too
		}
	}
	for int(class) >= len(s.first) {
		s.first = append(s.first, 0)
		s.firstN = append(s.firstN, 0)
	}
	switch s.first[class] {
	case 0:
		s.first[class], s.firstN[class] = id+1, 1
	case id + 1:
		s.firstN[class]++
	default:
		s.extra[uint64(class)<<32|uint64(id)]++
	}
}

// ReadTable reads a CSV or TSV table from r once and returns its classes.
// The first rows (TableOptions.SampleRows) are kept to choose the columns'
// roles; then every row is reduced to its quasi-identifier tuple at once.
// Bad rows are reported to opt.Problem and left out; ReadTable fails only
// when the input cannot be read at all, the selection names unknown
// columns, or ctx is cancelled.
func ReadTable(ctx context.Context, r io.Reader, opt TableOptions) (*Table, error) {
	t := &Table{Name: opt.Name, refDate: opt.RefDate, engine: opt.Engine}
	if t.refDate.IsZero() {
		t.refDate = time.Now().UTC()
	}
	sampleN := opt.SampleRows
	if sampleN <= 0 {
		sampleN = DefaultSampleRows
	}
	var sample [][]string
	planned := false
	plan := func(names []string) error {
		planned = true
		if err := t.plan(names, sample, opt); err != nil {
			return err
		}
		for _, row := range sample {
			t.addStrings(row)
		}
		sample = nil
		return nil
	}
	// The reader (decoding, CSV parsing, cells) runs on its own goroutine
	// and hands rows over in batches; this one reduces them to classes.
	var names []string
	bad, header, err := readRows(ctx, r, opt, func(b *rowBatch) error {
		names = b.names
		for i := range b.ends {
			cells := b.row(i)
			t.Rows++
			if planned {
				t.add(cells)
				continue
			}
			row := make([]string, len(cells))
			for i, c := range cells {
				row[i] = string(c)
			}
			sample = append(sample, row)
			if len(sample) >= sampleN {
				if err := plan(names); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if !planned {
		if names == nil {
			names = header // a table of a header and no rows
		}
		if err := plan(names); err != nil {
			return nil, err
		}
	}
	t.BadRows = bad
	t.finish()
	return t, nil
}

// rowBatch is a run of rows handed from the reading goroutine: row i's
// cells are cells[ends[i-1]:ends[i]]. names are the column names known
// when the batch was sent.
type rowBatch struct {
	cells [][]byte
	ends  []int
	names []string
}

func (b *rowBatch) row(i int) [][]byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.cells[start:b.ends[i]]
}

// batchRows is the number of rows in a batch.
const batchRows = 512

// readRows reads the table on a separate goroutine and calls use for each
// batch of rows, in order, on the calling goroutine. It returns the
// number of malformed rows and the column names. An error from use stops
// the reading.
func readRows(ctx context.Context, r io.Reader, opt TableOptions, use func(*rowBatch) error) (int64, []string, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	full := make(chan *rowBatch, 4)
	free := make(chan *rowBatch, 6)
	for range cap(free) {
		free <- &rowBatch{}
	}
	rd := newRowReader(opt)
	var cur *rowBatch
	send := func() error {
		cur.names = rd.names
		select {
		case full <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		cur = nil
		return nil
	}
	rd.row = func(cells [][]byte) error {
		if cur == nil {
			select {
			case cur = <-free:
			case <-ctx.Done():
				return ctx.Err()
			}
			cur.cells, cur.ends = cur.cells[:0], cur.ends[:0]
		}
		cur.cells = append(cur.cells, cells...)
		cur.ends = append(cur.ends, len(cur.cells))
		if len(cur.ends) >= batchRows {
			return send()
		}
		return nil
	}
	errc := make(chan error, 1)
	go func() {
		err := rd.read(ctx, r)
		if err == nil && cur != nil {
			err = send()
		}
		close(full)
		errc <- err
	}()
	var useErr error
	for b := range full {
		if useErr == nil {
			if useErr = use(b); useErr != nil {
				cancel() // stop the reader; drain what it sent
			}
		}
		for i := range b.cells {
			b.cells[i] = nil // let the cell texts go
		}
		free <- b
	}
	readErr := <-errc
	if useErr != nil {
		return rd.bad, rd.names, useErr
	}
	return rd.bad, rd.names, readErr
}

// rowReader turns extract's cell fragments back into rows.
type rowReader struct {
	opt    TableOptions
	names  []string
	header map[string]bool
	slots  map[string]int
	cells  [][]byte
	cur    int // current row number, 0 before the first
	bad    int64
	badAt  int
	row    func(cells [][]byte) error
	fixed  bool // no new columns after the sample
}

func newRowReader(opt TableOptions) *rowReader {
	return &rowReader{opt: opt, slots: map[string]int{}}
}

func (rd *rowReader) slot(name string) int {
	if i, ok := rd.slots[name]; ok {
		return i
	}
	if rd.fixed {
		return -1
	}
	i := len(rd.names)
	rd.names = append(rd.names, name)
	rd.slots[name] = i
	return i
}

func (rd *rowReader) flush() error {
	if rd.cur == 0 {
		return nil
	}
	any := false
	for _, c := range rd.cells {
		if c != nil {
			any = true
			break
		}
	}
	rd.cur = 0
	if !any {
		return nil
	}
	err := rd.row(rd.cells)
	for i := range rd.cells {
		rd.cells[i] = nil
	}
	return err
}

func (rd *rowReader) read(ctx context.Context, r io.Reader) error {
	opt := extract.Options{Format: rd.opt.Format, Encoding: rd.opt.Encoding, NoHeader: rd.opt.NoHeader}
	name := rd.opt.Name
	if opt.Format == extract.FormatAuto {
		opt.Format = extract.FormatCSV
		switch ext := strings.ToLower(filepath.Ext(name)); ext {
		case ".tsv":
			opt.Format = extract.FormatTSV
		case ".xlsx", ".xlsm":
			opt.Format = extract.FormatXLSX
		}
	}
	if opt.Format != extract.FormatCSV && opt.Format != extract.FormatTSV && opt.Format != extract.FormatXLSX {
		return fmt.Errorf("%s: a table must be CSV, TSV or XLSX, not %s", name, opt.Format)
	}
	sheet := "" // XLSX: the first sheet is the table
	emit := func(f extract.Fragment) error {
		loc := &f.Loc
		if opt.Format == extract.FormatXLSX {
			s, _, ok := strings.Cut(loc.Path, "!")
			if !ok {
				return nil // document properties
			}
			if sheet == "" {
				sheet = s
			}
			if s != sheet {
				return nil
			}
		}
		if loc.Row == 0 {
			// a header cell; a repeated name gets a numbered slot
			name := loc.Column
			for k := 2; rd.header[name]; k++ {
				name = loc.Column + "#" + strconv.Itoa(k)
			}
			if rd.header == nil {
				rd.header = map[string]bool{}
			}
			rd.header[name] = true
			rd.slot(name)
			return nil
		}
		if loc.Row != rd.cur {
			if err := rd.flush(); err != nil {
				return err
			}
			rd.cur = loc.Row
		}
		if loc.Column == "" {
			// a malformed row, emitted as text: not analysable
			if rd.badAt != loc.Row {
				rd.bad++
				rd.badAt = loc.Row
			}
			return nil
		}
		i := rd.slot(loc.Column)
		for k := 2; i >= 0 && i < len(rd.cells) && rd.cells[i] != nil; k++ {
			// the same column name again in this row: the next column
			// of that name
			i = rd.slot(loc.Column + "#" + strconv.Itoa(k))
		}
		if i < 0 {
			return nil
		}
		for len(rd.cells) <= i {
			rd.cells = append(rd.cells, nil)
		}
		rd.cells[i] = f.Text
		return nil
	}
	problem := rd.opt.Problem
	if problem == nil {
		problem = func(*extract.Problem) {}
	}
	if err := extract.Read(ctx, name, r, opt, emit, problem); err != nil {
		return err
	}
	return rd.flush()
}

// plan chooses the columns' roles from the selection, names and sample,
// and sets up the attributes.
func (t *Table) plan(names []string, sample [][]string, opt TableOptions) error {
	stats := make([]*sampleStats, len(names))
	undecided := make([]bool, len(names))
	explicit := map[string]bool{}
	for _, list := range [][]string{opt.Select.QI, opt.Select.Sensitive, opt.Select.ID} {
		for _, it := range list {
			n, spec, _ := strings.Cut(it, ":")
			explicit[strings.TrimSpace(n)] = spec != ""
		}
	}
	for i, n := range names {
		stats[i] = newSampleStats()
		hasKind, flagged := explicit[n]
		_, _, named := byName(n)
		undecided[i] = !(flagged && hasKind) && !named
	}
	var fs []pi.Finding
	for _, row := range sample {
		for i, cell := range row {
			if i >= len(stats) {
				break
			}
			var eng *detect.Engine
			if undecided[i] {
				eng = opt.Engine
			}
			fs = stats[i].observe(cell, names[i], eng, fs)
		}
	}
	cols, err := choose(names, opt.Select, stats)
	if err != nil {
		return err
	}
	t.Columns = cols
	for _, c := range cols {
		switch c.Role {
		case RoleQuasi:
			if c.Kind == KindResidentID {
				for _, p := range []struct {
					part byte
					kind Kind
					sfx  string
				}{{'a', KindAge, "age"}, {'s', KindSex, "sex"}, {'r', KindRegion, "region"}} {
					a := newAttribute(c.Name+":"+p.sfx, c.Index, p.kind, p.part)
					a.ref = t.refDate
					t.attrs = append(t.attrs, a)
				}
				continue
			}
			t.attrs = append(t.attrs, newAttribute(c.Name, c.Index, c.Kind, 0))
		case RoleSensitive:
			t.sens = append(t.sens, &sensitiveColumn{name: c.Name, col: c.Index, numeric: c.Numeric,
				dict: map[string]uint32{}, extra: map[uint64]int64{}})
		}
	}
	t.q = len(t.attrs)
	t.ids = make([]uint32, t.q)
	return nil
}

func newAttribute(name string, col int, kind Kind, part byte) *attribute {
	return &attribute{name: name, col: col, kind: kind, part: part, dict: map[string]uint32{}, memo: map[string]uint32{}}
}

// addStrings adds a sampled row.
func (t *Table) addStrings(row []string) {
	cells := make([][]byte, len(row))
	for i, s := range row {
		if s != "" {
			cells[i] = []byte(s)
		}
	}
	t.add(cells)
}

// add reduces one row to its class.
func (t *Table) add(cells [][]byte) {
	class := t.classOf(cells, &t.index, &t.tuples, &t.count, 1)
	for _, s := range t.sens {
		if s.col < len(cells) && cells[s.col] != nil {
			s.add(class, cells[s.col])
		}
	}
}

// classOf finds (or adds) the class of a row in index/tuples/count and
// adds weight to its count.
func (t *Table) classOf(cells [][]byte, index *tupleIndex, tuples *[]uint32, count *[]int64, weight int64) int32 {
	t.rowIDs(cells)
	c := index.find(*tuples, t.q, t.ids)
	if c < 0 {
		c = int32(len(*count))
		*tuples = append(*tuples, t.ids...)
		*count = append(*count, 0)
		index.add(*tuples, t.q, t.ids, c)
	}
	(*count)[c] += weight
	return c
}

// rowIDs reads a row's quasi-identifier values into t.ids. Once the
// hierarchies are built, ok is false when some value is new to them.
func (t *Table) rowIDs(cells [][]byte) (ok bool) {
	cell := func(i int) []byte {
		if i < len(cells) {
			return cells[i]
		}
		return nil
	}
	ok = true
	var id IDFacts
	idCol, idOK := -1, false
	for k, a := range t.attrs {
		switch {
		case a.part == 0:
			if c := cell(a.col); len(c) == 0 {
				a.empty++
				t.ids[k] = a.id("")
			} else {
				t.ids[k] = a.cell(c)
			}
		default:
			if idCol != a.col {
				idCol = a.col
				id, idOK = IDFacts{}, false
				if c := cell(a.col); len(c) > 0 {
					id, idOK = ParseResidentID(string(c))
				}
			}
			t.ids[k] = a.id(a.idValue(id, idOK, len(cell(a.col)) == 0))
		}
		if a.h != nil && int(t.ids[k]) >= len(a.h.label[0]) {
			ok = false
		}
	}
	return ok
}

// idValue is the canonical value of a resident ID fact.
func (a *attribute) idValue(id IDFacts, ok, empty bool) string {
	switch {
	case empty:
		a.empty++
		return ""
	case !ok:
		a.unparsed++
		if len(a.examples) == 0 {
			a.examples = append(a.examples, "(not a valid resident ID number)")
		}
		return unparsedMark + "(invalid ID)"
	}
	switch a.part {
	case 'a':
		return strconv.Itoa(max(0, ageAt(id.Birth, a.ref)))
	case 's':
		if id.Male {
			return "男"
		}
		return "女"
	}
	return codeMark + id.Region
}

// finish builds the hierarchies, marginals and histograms once the table
// has been read.
func (t *Table) finish() {
	for k, a := range t.attrs {
		a.h = buildHierarchy(a.kind, a.values)
		a.marg = make([]int64, len(a.values))
		for c, n := range t.count {
			a.marg[t.tuples[c*t.q+k]] += n
		}
	}
	for _, s := range t.sens {
		s.finish(len(t.count))
	}
	t.done = true
}

func (s *sensitiveColumn) finish(classes int) {
	for len(s.first) < classes {
		s.first = append(s.first, 0)
		s.firstN = append(s.firstN, 0)
	}
	if s.numeric {
		s.nums = make([]float64, len(s.values))
		for i, v := range s.values {
			x, ok := ParseNumber(v)
			if !ok {
				s.numeric = false // not all numbers after all
				s.nums = nil
				break
			}
			s.nums[i] = x
		}
	}
	perClass := make([]int32, classes+1)
	for c := range s.first {
		if s.first[c] != 0 {
			perClass[c+1]++
		}
	}
	for k := range s.extra {
		perClass[k>>32+1]++
	}
	for c := 1; c <= classes; c++ {
		perClass[c] += perClass[c-1]
	}
	n := perClass[classes]
	s.off = perClass
	s.vals = make([]uint32, n)
	s.cnts = make([]int64, n)
	fill := slices.Clone(perClass[:classes])
	for c := range s.first {
		if s.first[c] != 0 {
			s.vals[fill[c]], s.cnts[fill[c]] = s.first[c]-1, s.firstN[c]
			fill[c]++
		}
	}
	for k, v := range s.extra {
		c := k >> 32
		s.vals[fill[c]], s.cnts[fill[c]] = uint32(k), v
		fill[c]++
	}
	s.tot = make([]int64, len(s.values))
	for i, v := range s.vals {
		s.tot[v] += s.cnts[i]
	}
	s.first, s.firstN, s.extra, s.dict = nil, nil, nil, nil
}

// Classes returns the number of distinct quasi-identifier tuples at the
// finest level.
func (t *Table) Classes() int { return len(t.count) }

// QuasiIdentifiers returns the names of the quasi-identifiers analysed (a
// resident ID column gives three: "col:age", "col:sex", "col:region").
func (t *Table) QuasiIdentifiers() []string {
	out := make([]string, len(t.attrs))
	for i, a := range t.attrs {
		out[i] = a.name
	}
	return out
}

// ErrNoQI is returned when a table has no quasi-identifier to analyse
// (wrapped with the input's name).
var ErrNoQI = errors.New("no quasi-identifier column: name them with --qi")
