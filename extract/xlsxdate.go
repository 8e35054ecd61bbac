package extract

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// Workbooks store dates as numbers, days since 1899-12-30 (a birth date
// 2015-06-01 is the cell value 42156), and say they are dates only in the
// number format of the cell's style. A register's 出生日期 column read as
// 42156 would give no birth date and no age, so the readers turn such
// numbers into dates (2015-06-01, or 2015-06-01 12:30 with a time).

// DateStyles reads a workbook's styles part (xl/styles.xml) and returns,
// per cell style index (a cell's s attribute), whether the style formats
// a number as a date or a time.
func DateStyles(r io.Reader) ([]bool, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	custom := map[int]bool{} // numFmtId → a date format
	var out []bool
	inCellXfs := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		switch e := tok.(type) {
		case xml.StartElement:
			switch e.Name.Local {
			case "numFmt":
				id, err := strconv.Atoi(attr(e, "numFmtId"))
				if err == nil {
					custom[id] = dateFormat(attr(e, "formatCode"))
				}
			case "cellXfs":
				inCellXfs = true
			case "xf":
				if inCellXfs {
					id, err := strconv.Atoi(attr(e, "numFmtId"))
					date := err == nil && (builtinDate(id) || custom[id])
					out = append(out, date)
				}
			}
		case xml.EndElement:
			if e.Name.Local == "cellXfs" {
				inCellXfs = false
			}
		}
	}
}

// builtinDate reports the built-in number formats that are dates or times
// (14-22, 45-47, and the CJK ones 27-36, 50-58).
func builtinDate(id int) bool {
	return id >= 14 && id <= 22 || id >= 27 && id <= 36 || id >= 45 && id <= 47 || id >= 50 && id <= 58
}

// dateFormat reports whether a custom number format code is a date or a
// time: after its quoted text, escaped characters and [bracketed] parts are
// left out, it holds y or d, or h or s beside a colon (yyyy"年"m"月"d"日",
// yyyy/mm/dd, hh:mm).
func dateFormat(code string) bool {
	var b strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case bracket:
		case c == '\\' || c == '_' || c == '*':
			i++ // the next character is literal (or padding)
		default:
			b.WriteByte(c)
		}
	}
	s := strings.ToLower(b.String())
	return strings.ContainsAny(s, "yd") || strings.Contains(s, ":") && strings.ContainsAny(s, "hs")
}

// excelEpoch is day 0 of the 1900 date system (serial 60 is the 1900-02-29
// that did not exist; no birth date is that early).
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// SerialDate writes the date a workbook's serial number stands for:
// 42156 → 2015-06-01, 42156.5208 → 2015-06-01 12:30; ok is false for text
// that is no serial number of a date from 1900 to 9999.
func SerialDate(v string) (string, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 1 || f >= 2958466 || math.IsNaN(f) {
		return "", false
	}
	days := math.Floor(f)
	t := excelEpoch.AddDate(0, 0, int(days))
	mins := int(math.Round((f - days) * 24 * 60))
	if mins == 0 || mins == 24*60 {
		if mins == 24*60 {
			t = t.AddDate(0, 0, 1)
		}
		return t.Format("2006-01-02"), true
	}
	return t.Add(time.Duration(mins) * time.Minute).Format("2006-01-02 15:04"), true
}
