package extract

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// genReader generates n bytes of input on the fly, line after line, so that
// huge inputs can be read without holding them anywhere.
type genReader struct {
	n    int64
	line func(dst []byte, i int) []byte
	i    int
	buf  []byte
	head []byte // written once before the lines
	tail []byte // written once after them
}

func (g *genReader) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		if len(g.buf) == 0 {
			switch {
			case g.head != nil:
				g.buf, g.head = g.head, nil
			case g.n > 0:
				g.buf = g.line(g.buf[:0], g.i)
				g.i++
				g.n -= int64(len(g.buf))
			case g.tail != nil:
				g.buf, g.tail = g.tail, nil
			default:
				if n == 0 {
					return 0, io.EOF
				}
				return n, nil
			}
		}
		k := copy(p[n:], g.buf)
		g.buf = g.buf[k:]
		n += k
	}
	return n, nil
}

// Generators of realistic lines: a bulletin sentence, a register row, a
// patient record.
func textLine(dst []byte, i int) []byte {
	dst = append(dst, "病例"...)
	dst = strconv.AppendInt(dst, int64(i), 10)
	dst = append(dst, "，男，38岁，身份证号110105198403150036，住朝阳区望京街道某小区3号楼，联系电话"...)
	dst = strconv.AppendInt(dst, 13900000000+int64(i%100000000), 10)
	return append(dst, "。\n"...)
}

func csvLine(dst []byte, i int) []byte {
	dst = append(dst, "张伟"...)
	dst = strconv.AppendInt(dst, int64(i), 10)
	dst = append(dst, ",110101199003071234,"...)
	dst = strconv.AppendInt(dst, 13800000000+int64(i%100000000), 10)
	return append(dst, ",\"北京市朝阳区望京街道\",2022-04-10 18:05\n"...)
}

func jsonRecord(dst []byte, i int) []byte {
	if i > 0 {
		dst = append(dst, ",\n"...)
	}
	dst = append(dst, `{"患者": {"姓名": "李明`...)
	dst = strconv.AppendInt(dst, int64(i), 10)
	dst = append(dst, `", "身份证号": "110101199003071234", "电话": `...)
	dst = strconv.AppendInt(dst, 13800000000+int64(i%100000000), 10)
	return append(dst, `, "病史": ["高血压", "糖尿病"], "住址": "北京市海淀区中关村大街1号"}}`...)
}

func jsonlRecord(dst []byte, i int) []byte {
	return append(jsonRecord(dst, 0), '\n')
}

func generate(n int64, line func([]byte, int) []byte) []byte {
	b, _ := io.ReadAll(&genReader{n: n, line: line})
	return b
}

func benchRead(b *testing.B, name string, data []byte, opt Options) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	discard := func(Fragment) error { return nil }
	for b.Loop() {
		if err := Read(context.Background(), name, bytes.NewReader(data), opt, discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadText(b *testing.B) {
	chinese := generate(32<<20, textLine)
	ascii := generate(32<<20, func(dst []byte, i int) []byte {
		dst = append(dst, "2022-04-10T18:05:00Z INFO login user=zhangwei phone="...)
		dst = strconv.AppendInt(dst, 13800000000+int64(i), 10)
		return append(dst, " ip=10.1.2.3 ok\n"...)
	})
	b.Run("utf-8 chinese", func(b *testing.B) { benchRead(b, "a.txt", chinese, Options{}) })
	b.Run("utf-8 ascii", func(b *testing.B) { benchRead(b, "a.txt", ascii, Options{}) })
	gbk := generate(8<<20, textLine)
	gbk, _ = simplifiedchinese.GBK.NewEncoder().Bytes(gbk)
	b.Run("gbk chinese", func(b *testing.B) { benchRead(b, "a.txt", gbk, Options{}) })
	longLine := bytes.ReplaceAll(chinese[:8<<20], []byte("\n"), []byte(" "))
	b.Run("one long line", func(b *testing.B) { benchRead(b, "a.txt", longLine, Options{}) })
}

func BenchmarkReadCSV(b *testing.B) {
	data := append([]byte("姓名,身份证号,手机号,住址,到访时间\n"), generate(8<<20, csvLine)...)
	benchRead(b, "a.csv", data, Options{})
}

func BenchmarkReadJSON(b *testing.B) {
	data := append(append([]byte("[\n"), generate(8<<20, jsonRecord)...), "\n]\n"...)
	benchRead(b, "a.json", data, Options{})
}

func BenchmarkReadJSONL(b *testing.B) {
	data := generate(8<<20, jsonlRecord)
	benchRead(b, "a.jsonl", data, Options{})
}

// heapWatch samples the heap in use while a reader runs.
type heapWatch struct {
	n    int
	peak uint64
}

func (h *heapWatch) sample() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	h.peak = max(h.peak, ms.HeapInuse)
}

// TestBoundedMemory reads inputs larger than a memory bound, generated on
// the fly, and checks that the heap in use stays under it: nothing holds the
// input. (The peak is about 4 MiB for every format; the bounds leave room
// for the garbage collector's pacing. The streams are sized to run in a few
// seconds under -race.)
func TestBoundedMemory(t *testing.T) {
	tests := []struct {
		name        string
		size, bound uint64
		gen         *genReader
	}{
		{name: "text.txt", size: 96 << 20, bound: 64 << 20, gen: &genReader{line: textLine}},
		{name: "one-line.txt", size: 48 << 20, bound: 32 << 20, gen: &genReader{line: func(dst []byte, i int) []byte {
			dst = textLine(dst, i)
			dst[len(dst)-1] = ' ' // no newline: one 48 MiB line
			return dst
		}}},
		{name: "register.csv", size: 24 << 20, bound: 16 << 20, gen: &genReader{line: csvLine, head: []byte("姓名,身份证号,手机号,住址,到访时间\n")}},
		{name: "records.json", size: 20 << 20, bound: 16 << 20, gen: &genReader{line: jsonRecord, head: []byte("[\n"), tail: []byte("\n]\n")}},
	}
	if testing.Short() {
		t.Skip("reads 188 MiB")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GC()
			tt.gen.n = int64(tt.size)
			var h heapWatch
			var total int64
			frags := 0
			err := Read(context.Background(), tt.name, tt.gen, Options{}, func(f Fragment) error {
				total += int64(len(f.Text))
				if frags++; frags%64 == 0 {
					h.sample()
				}
				return nil
			}, func(p *Problem) { t.Errorf("problem: %v", p) })
			if err != nil {
				t.Fatal(err)
			}
			h.sample()
			t.Logf("%d fragments, %d MiB of text, peak heap in use %.1f MiB", frags, total>>20, float64(h.peak)/(1<<20))
			if h.peak >= tt.bound {
				t.Errorf("peak heap in use %d MiB, want < %d MiB", h.peak>>20, tt.bound>>20)
			}
		})
	}
}

// BenchmarkReadXLSX reads a register of 8 MiB of CSV text as a workbook:
// names and addresses as shared strings, ID numbers as inline strings,
// phones as numbers. MB/s counts the cells' text, as for CSV.
func BenchmarkReadXLSX(b *testing.B) {
	csv := generate(8<<20, csvLine)
	var sheet, sst bytes.Buffer
	sheet.WriteString(xmlHead + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	sst.WriteString(xmlHead + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	sheet.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>手机号</t></is></c><c r="D1" t="inlineStr"><is><t>住址</t></is></c></row>`)
	n := 0
	for i, line := range bytes.Split(bytes.TrimSuffix(csv, []byte("\n")), []byte("\n")) {
		f := bytes.Split(line, []byte(","))
		r := i + 2
		fmt.Fprintf(&sst, `<si><t>%s</t></si><si><t>%s</t></si>`, f[0], bytes.Trim(f[3], `"`))
		fmt.Fprintf(&sheet, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>%s</t></is></c><c r="C%d"><v>%s</v></c><c r="D%d" t="s"><v>%d</v></c></row>`,
			r, r, n, r, f[1], r, f[2], r, n+1)
		n += 2
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	sst.WriteString(`</sst>`)
	data := zipOf(b, map[string]string{
		"xl/workbook.xml":            xmlHead + `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="登记" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
		"xl/sharedStrings.xml":       sst.String(),
		"xl/worksheets/sheet1.xml":   sheet.String(),
	})
	b.SetBytes(int64(len(csv)))
	b.ReportAllocs()
	discard := func(Fragment) error { return nil }
	for b.Loop() {
		if err := Read(context.Background(), "a.xlsx", bytes.NewReader(data), Options{}, discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}
