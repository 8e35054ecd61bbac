package extract

import (
	"strings"
	"testing"
	"testing/iotest"
)

// register is a venue sign-in register (invented people).
const register = `姓名,身份证号,手机号,到访时间
张伟,110101199003071234,13800138000,2022-04-10 18:05
王芳,"32010219851112002X",13912345678,2022-04-10 18:30
`

// TestCSVHeaderCells: header cells are fragments too (Row 0), so a table
// whose first row is data loses nothing.
func TestCSVHeaderCells(t *testing.T) {
	res := readString(t, "a.csv", "13800138000,张三\n13912345678,李四\n", Options{})
	checkFrags(t, res.frags, []loc{
		{text: "13800138000", line: 1, col: 0, off: 0, row: 0, column: "13800138000"},
		{text: "张三", line: 1, col: 12, off: 12, row: 0, column: "张三"},
		{text: "13912345678", line: 2, col: 0, off: 19, row: 1, column: "13800138000"},
		{text: "李四", line: 2, col: 12, off: 31, row: 1, column: "张三"},
	})
}

func TestReadCSV(t *testing.T) {
	// at finds a marker in the input: the expected offset of a cell.
	at := func(in, marker string) int64 {
		i := strings.Index(in, marker)
		if i < 0 {
			t.Fatalf("marker %q not in input", marker)
		}
		return int64(i)
	}
	tests := []struct {
		name     string
		file     string
		in       string
		opt      Options
		want     func(in string) []loc
		problems []problemAt
	}{
		{
			name: "sign-in register",
			in:   register,
			want: func(string) []loc {
				return []loc{
					{text: "张伟", line: 2, col: 0, off: 43, row: 1, column: "姓名"},
					{text: "110101199003071234", line: 2, col: 3, off: 50, row: 1, column: "身份证号"},
					{text: "13800138000", line: 2, col: 22, off: 69, row: 1, column: "手机号"},
					{text: "2022-04-10 18:05", line: 2, col: 34, off: 81, row: 1, column: "到访时间"},
					{text: "王芳", line: 3, col: 0, off: 98, row: 2, column: "姓名"},
					{text: "32010219851112002X", line: 3, col: 4, off: 106, row: 2, column: "身份证号"},
					{text: "13912345678", line: 3, col: 24, off: 126, row: 2, column: "手机号"},
					{text: "2022-04-10 18:30", line: 3, col: 36, off: 138, row: 2, column: "到访时间"},
				}
			},
		},
		{
			name: "quoted and multi-line cells",
			in:   "姓名,备注\n\"吴刚\",\"家住\n朝阳区\"\n\"他说\"\"你好\"\"\",\n",
			want: func(in string) []loc {
				return []loc{
					{text: "吴刚", line: 2, col: 1, off: at(in, "吴刚"), row: 1, column: "姓名"},
					{text: "家住\n朝阳区", line: 2, col: 6, off: at(in, "家住"), row: 1, column: "备注"},
					{text: `他说"你好"`, line: 4, col: 1, off: at(in, "他说"), row: 2, column: "姓名"},
				}
			},
		},
		{
			name: "bare quote in the middle",
			in:   "姓名,身份证号,手机号\n张伟,110101199003071234,13800138000\n李\"强,110101199205061234,13700137000\n王芳,32010219851112002X,13912345678\n",
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 2, off: at(in, "张伟"), row: 1, column: "姓名"},
					{text: "110101199003071234", line: 2, col: 3, off: at(in, "110101199003071234"), row: 1, column: "身份证号"},
					{text: "13800138000", line: 2, col: 22, off: at(in, "13800138000"), row: 1, column: "手机号"},
					{text: "李\"强,110101199205061234,13700137000\n", line: 3, off: at(in, "李"), row: 2},
					{text: "王芳", line: 4, off: at(in, "王芳"), row: 3, column: "姓名"},
					{text: "32010219851112002X", line: 4, col: 3, off: at(in, "32010219851112002X"), row: 3, column: "身份证号"},
					{text: "13912345678", line: 4, col: 22, off: at(in, "13912345678"), row: 3, column: "手机号"},
				}
			},
			problems: []problemAt{{line: 3, col: 2, row: 2, contains: `a.csv:3:2: row 2: malformed row, kept as plain text: bare " in non-quoted-field`}},
		},
		{
			name: "unclosed quote to the end of the file",
			in:   "姓名,手机号\n\"赵敏,13800138000\n孙丽,13912345678\n周杰,13700137000\n",
			want: func(in string) []loc {
				return []loc{
					{text: "\"赵敏,13800138000\n", line: 2, off: at(in, "\"赵敏"), row: 1},
					{text: "孙丽", line: 3, off: at(in, "孙丽"), row: 2, column: "姓名"},
					{text: "13912345678", line: 3, col: 3, off: at(in, "13912345678"), row: 2, column: "手机号"},
					{text: "周杰", line: 4, off: at(in, "周杰"), row: 3, column: "姓名"},
					{text: "13700137000", line: 4, col: 3, off: at(in, "13700137000"), row: 3, column: "手机号"},
				}
			},
			problems: []problemAt{{line: 2, row: 1, contains: "malformed row (error on line 4)"}},
		},
		{
			name: "unclosed quote closed by a later row",
			in:   "姓名,手机号\n\"赵敏,13800138000\n孙丽,13912345678\n\"周杰\",13700137000\n",
			want: func(in string) []loc {
				return []loc{
					{text: "\"赵敏,13800138000\n", line: 2, off: at(in, "\"赵敏"), row: 1},
					{text: "孙丽", line: 3, off: at(in, "孙丽"), row: 2, column: "姓名"},
					{text: "13912345678", line: 3, col: 3, off: at(in, "13912345678"), row: 2, column: "手机号"},
					{text: "周杰", line: 4, col: 1, off: at(in, "周杰"), row: 3, column: "姓名"},
					{text: "13700137000", line: 4, col: 5, off: at(in, "13700137000"), row: 3, column: "手机号"},
				}
			},
			problems: []problemAt{{line: 2, row: 1, contains: "extraneous or missing"}},
		},
		{
			name: "ragged rows",
			in:   "姓名,身份证号,手机号\n张伟,110101199003071234\n王芳,32010219851112002X,13912345678,北京市朝阳区\n",
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 2, off: at(in, "张伟"), row: 1, column: "姓名"},
					{text: "110101199003071234", line: 2, col: 3, off: at(in, "110101199003071234"), row: 1, column: "身份证号"},
					{text: "王芳", line: 3, off: at(in, "王芳"), row: 2, column: "姓名"},
					{text: "32010219851112002X", line: 3, col: 3, off: at(in, "32010219851112002X"), row: 2, column: "身份证号"},
					{text: "13912345678", line: 3, col: 22, off: at(in, "13912345678"), row: 2, column: "手机号"},
					{text: "北京市朝阳区", line: 3, col: 34, off: at(in, "北京市"), row: 2, column: "4"},
				}
			},
			problems: []problemAt{
				{line: 2, row: 1, contains: "row 1 has 2 fields, header has 3"},
				{line: 3, row: 2, contains: "row 2 has 4 fields, header has 3"},
			},
		},
		{
			name: "no header",
			in:   "张伟,13800138000\n王芳,13912345678",
			opt:  Options{NoHeader: true},
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 1, row: 1, column: "1"},
					{text: "13800138000", line: 1, col: 3, off: at(in, "138"), row: 1, column: "2"},
					{text: "王芳", line: 2, off: at(in, "王芳"), row: 2, column: "1"},
					{text: "13912345678", line: 2, col: 3, off: at(in, "139"), row: 2, column: "2"},
				}
			},
		},
		{
			name: "blank lines and CRLF",
			in:   "姓名,手机号\r\n\r\n张伟,13800138000\r\n\r\n王芳,\"13912345678\"\r\n",
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 3, off: at(in, "张伟"), row: 1, column: "姓名"},
					{text: "13800138000", line: 3, col: 3, off: at(in, "138"), row: 1, column: "手机号"},
					{text: "王芳", line: 5, off: at(in, "王芳"), row: 2, column: "姓名"},
					{text: "13912345678", line: 5, col: 4, off: at(in, "139"), row: 2, column: "手机号"},
				}
			},
		},
		{
			name: "tsv",
			file: "a.tsv",
			in:   "姓名\t手机号\n张伟\t13800138000\n",
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 2, off: at(in, "张伟"), row: 1, column: "姓名"},
					{text: "13800138000", line: 2, col: 3, off: at(in, "138"), row: 1, column: "手机号"},
				}
			},
		},
		{
			name: "malformed header",
			in:   "姓\"名,手机号\n张伟,13800138000\n",
			want: func(in string) []loc {
				return []loc{
					{text: "姓\"名,手机号\n", line: 1},
					{text: "张伟", line: 2, off: at(in, "张伟"), row: 1, column: "1"},
					{text: "13800138000", line: 2, col: 3, off: at(in, "138"), row: 1, column: "2"},
				}
			},
			problems: []problemAt{{line: 1, col: 2, contains: "a.csv:1:2: malformed header row, kept as plain text; columns are named by index: bare"}},
		},
		{
			name: "empty header cell and spaces around names",
			in:   ", 手机号 \n张伟,13800138000\n",
			want: func(in string) []loc {
				return []loc{
					{text: "张伟", line: 2, off: at(in, "张伟"), row: 1, column: "1"},
					{text: "13800138000", line: 2, col: 3, off: at(in, "138"), row: 1, column: "手机号"},
				}
			},
		},
		{
			name: "header only",
			in:   "姓名,手机号\n",
			want: func(string) []loc { return nil },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := tt.file
			if file == "" {
				file = "a.csv"
			}
			for _, r := range []string{"whole", "one byte"} {
				var res result
				if r == "whole" {
					res = readString(t, file, tt.in, tt.opt)
				} else {
					res = readAll(t, file, iotest.OneByteReader(strings.NewReader(tt.in)), tt.opt)
				}
				if res.err != nil {
					t.Fatal(res.err)
				}
				checkFrags(t, dataRows(res.frags), tt.want(tt.in))
				checkProblems(t, res.problems, tt.problems)
				checkLocs(t, file, []byte(tt.in), res.frags)
				crlf := strings.Contains(tt.in, "\r\n")
				for _, f := range res.frags {
					escaped := strings.Contains(string(f.Text), `"`) && f.Loc.Column != ""
					if !escaped && !(crlf && strings.Contains(string(f.Text), "\n")) && !atOffset([]byte(tt.in), f) {
						t.Errorf("%s: %q is not the input at offset %d", r, f.Text, f.Loc.Offset)
					}
				}
			}
		})
	}
}

// TestCSVRecordTooLong lowers the record limit so that an unclosed quote
// hits it, and expects parsing to resume at the next line.
func TestCSVRecordTooLong(t *testing.T) {
	defer func(old int64) { maxRecord = old }(maxRecord)
	maxRecord = 64
	in := "姓名,手机号\n\"赵敏,13800138000\n" + strings.Repeat("孙丽,13912345678\n", 10)
	res := readString(t, "a.csv", in, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	checkProblems(t, res.problems, []problemAt{{line: 2, row: 1, contains: "row longer than 64 bytes (unclosed quote?)"}})
	res.frags = dataRows(res.frags)
	if len(res.frags) != 21 {
		t.Fatalf("%d fragments, want 21", len(res.frags))
	}
	if f := res.frags[0]; string(f.Text) != "\"赵敏,13800138000\n" || f.Loc.Row != 1 {
		t.Errorf("first fragment %+v, want the bad line as text", locOf(f))
	}
	if f := res.frags[20]; string(f.Text) != "13912345678" || f.Loc.Row != 11 || f.Loc.Line != 12 || f.Loc.Column != "手机号" {
		t.Errorf("last fragment %+v", locOf(f))
	}
	checkLocs(t, "a.csv", []byte(in), res.frags)
}

// TestCSVManyBadRows makes sure a file of nothing but bad rows still ends,
// row numbers keep counting, and every line is kept.
func TestCSVManyBadRows(t *testing.T) {
	in := "姓名,手机号\n" + strings.Repeat("a\"b,1\n\"c\"d,2\n", 200) + "张伟,13800138000\n"
	res := readString(t, "a.csv", in, Options{})
	if res.err != nil {
		t.Fatal(res.err)
	}
	if len(res.problems) != 400 {
		t.Errorf("%d problems, want 400", len(res.problems))
	}
	last := res.frags[len(res.frags)-1]
	if string(last.Text) != "13800138000" || last.Loc.Row != 401 || last.Loc.Line != 402 {
		t.Errorf("last fragment %+v", locOf(last))
	}
	checkLocs(t, "a.csv", []byte(in), res.frags)
}
