package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"strings"
)

const adminDir = "admin-divisions"

// hkmotwCodes are the GB/T 2260 province-level codes of the entries of
// HK-MO-TW.json, which carries names only.
var hkmotwCodes = map[string]int{
	"台湾省":     71,
	"香港特别行政区": 81,
	"澳门特别行政区": 82,
}

// current2023 reads provinces.csv, cities.csv and areas.csv (2023) and
// returns 6-digit code → name. Province codes get "0000" appended and city
// codes "00". A county code equal to its city's code (东莞市 441900) keeps
// the city's entry; both carry the same name.
func current2023(src string, log *slog.Logger) (map[string]string, error) {
	cur := map[string]string{}
	for _, f := range []struct {
		file   string
		digits int
	}{{"provinces.csv", 2}, {"cities.csv", 4}, {"areas.csv", 6}} {
		t, err := readTable(src, adminDir+"/"+f.file, ',')
		if err != nil {
			return nil, err
		}
		c, err := t.cols("code", "name")
		if err != nil {
			return nil, err
		}
		for i, row := range t.rows {
			code, name := field(row, c[0]), field(row, c[1])
			if len(code) != f.digits || !isDigits(code) || name == "" || !clean(name) {
				log.Warn("skipped row", "file", f.file, "line", i+2, "row", row)
				continue
			}
			code += strings.Repeat("0", 6-f.digits)
			if old, dup := cur[code]; dup && old != name {
				log.Warn("code named twice", "file", f.file, "code", code, "names", []string{old, name})
				continue
			}
			cur[code] = name
		}
	}
	return cur, nil
}

// hkmotwProvince is one top-level entry of HK-MO-TW.json, in file order.
type hkmotwProvince struct {
	name   string
	code   int
	cities []hkmotwCity
}

type hkmotwCity struct {
	name      string
	districts []string
}

// readHKMOTW reads HK-MO-TW.json keeping the order of its object keys, which
// encoding/json maps would lose.
func readHKMOTW(src string) ([]hkmotwProvince, error) {
	b, err := readFile(src, adminDir, "HK-MO-TW.json")
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var out []hkmotwProvince
	if err := expectDelim(dec, '{'); err != nil {
		return nil, err
	}
	for dec.More() {
		name, err := stringToken(dec)
		if err != nil {
			return nil, err
		}
		code, ok := hkmotwCodes[name]
		if !ok {
			return nil, fmt.Errorf("HK-MO-TW.json: unknown top-level entry %q", name)
		}
		p := hkmotwProvince{name: name, code: code}
		if err := expectDelim(dec, '{'); err != nil {
			return nil, err
		}
		for dec.More() {
			city, err := stringToken(dec)
			if err != nil {
				return nil, err
			}
			var ds []string
			if err := dec.Decode(&ds); err != nil {
				return nil, fmt.Errorf("HK-MO-TW.json: %s: %w", city, err)
			}
			p.cities = append(p.cities, hkmotwCity{name: city, districts: ds})
		}
		if err := expectDelim(dec, '}'); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	if err := expectDelim(dec, '}'); err != nil {
		return nil, err
	}
	return out, nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return fmt.Errorf("HK-MO-TW.json: %w", err)
	}
	if t != d {
		return fmt.Errorf("HK-MO-TW.json: got %v, want %v", t, d)
	}
	return nil
}

func stringToken(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", fmt.Errorf("HK-MO-TW.json: %w", err)
	}
	s, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("HK-MO-TW.json: got %v, want a string", t)
	}
	return s, nil
}

// buildRegions writes regions.txt: every 6-digit code known from the 2023
// table, the 1980–2020 history and the d18n 2011 list, one line each, sorted:
//
//	code TAB current TAB first TAB last TAB name TAB province TAB city
//
// current is 1 for codes in the 2023 table (including the province-level
// codes of HK-MO-TW.json), first and last are the first and last year the
// code appears in the history (0 if never), name is the code's own name
// (2023 name if current, else the name in its last history year; empty
// for codes known only from the d18n list). province and city are empty
// when the decoder should take the name of the code's province (XX0000) or
// city (XXYY00) entry in this file; otherwise they give the name that
// applied in the code's last year, "-" meaning none (a county directly
// under its province that year).
func buildRegions(src string, log *slog.Logger) ([]file, error) {
	cur, err := current2023(src, log)
	if err != nil {
		return nil, err
	}
	hk, err := readHKMOTW(src)
	if err != nil {
		return nil, err
	}
	for _, p := range hk {
		cur[fmt.Sprintf("%02d0000", p.code)] = p.name
	}

	// history: code → year → name; the first name of a (year, code) pair
	// wins (1982 names eleven codes twice).
	hb, err := readFile(src, adminDir, "address_code_history_1980_2020.csv")
	if err != nil {
		return nil, err
	}
	ht, err := parseTable("address_code_history_1980_2020.csv", hb, ',', false)
	if err != nil {
		return nil, err
	}
	hist := map[string]map[int]string{}
	dups := 0
	for i, row := range ht.rows {
		y, err := strconv.Atoi(field(row, 0))
		code, name := field(row, 1), field(row, 2)
		if err != nil || y < 1949 || y > 2100 || len(code) != 6 || !isDigits(code) || name == "" || !clean(name) {
			log.Warn("skipped row", "file", ht.name, "line", i+1, "row", row)
			continue
		}
		m := hist[code]
		if m == nil {
			m = map[int]string{}
			hist[code] = m
		}
		if old, dup := m[y]; dup {
			if old != name {
				dups++
				log.Debug("code named twice in one year", "year", y, "code", code, "kept", old, "dropped", name)
			}
			continue
		}
		m[y] = name
	}
	if dups > 0 {
		log.Warn("history names codes twice in one year; kept the first", "pairs", dups)
	}

	db, err := readFile(src, "d18n-corpus", "IDDevisionCode.zh_CN")
	if err != nil {
		return nil, err
	}
	d18n := map[string]bool{}
	for i, l := range lines(db) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if len(l) != 6 || !isDigits(l) {
			log.Warn("skipped row", "file", "IDDevisionCode.zh_CN", "line", i+1, "row", l)
			continue
		}
		d18n[l] = true
	}

	codes := map[string]bool{}
	for c := range cur {
		codes[c] = true
	}
	for c := range hist {
		codes[c] = true
	}
	for c := range d18n {
		codes[c] = true
	}
	sorted := make([]string, 0, len(codes))
	for c := range codes {
		sorted = append(sorted, c)
	}
	slices.Sort(sorted)

	years := func(c string) (first, last int) {
		for y := range hist[c] {
			if first == 0 || y < first {
				first = y
			}
			if y > last {
				last = y
			}
		}
		return
	}
	// lastName is what the decoder resolves a prefix code to: the name
	// field written for that code.
	lastName := func(c string) string {
		if n, ok := cur[c]; ok {
			return n
		}
		if _, last := years(c); last > 0 {
			return hist[c][last]
		}
		return ""
	}
	// nameIn is the name of c in year y of the history; for y == 0 (a
	// current code, or one known only from the d18n list) its last name.
	nameIn := func(c string, y int) string {
		if y == 0 {
			return lastName(c)
		}
		return hist[c][y]
	}

	var out textBuilder
	var nCur, nHist, nD18n int
	for _, c := range sorted {
		_, isCur := cur[c]
		first, last := years(c)
		switch {
		case isCur:
			nCur++
		case last > 0:
			nHist++
		default:
			nD18n++
		}
		ref := last // the year whose names apply
		if isCur {
			ref = 0
		}
		override := func(prefix string) string {
			if prefix == c {
				return ""
			}
			want := nameIn(prefix, ref)
			if want == lastName(prefix) {
				return ""
			}
			if want == "" {
				return "-"
			}
			return want
		}
		prov := override(c[:2] + "0000")
		city := ""
		if !strings.HasSuffix(c, "00") {
			city = override(c[:4] + "00")
		}
		cflag := "0"
		if isCur {
			cflag = "1"
		}
		out.row(c, cflag, strconv.Itoa(first), strconv.Itoa(last), lastName(c), prov, city)
	}
	log.Info("regions", "codes", len(sorted), "current", nCur, "historical", nHist, "d18n only", nD18n)
	return []file{{name: "regions.txt.gz", data: out.Bytes(), gzip: true}}, nil
}

// division is one entry of the 2023 four-level tree.
type division struct {
	code  string // 6 digits for levels 1–3, 9 for level 4
	level int
	local int // the entry's own digits: 2 (levels 1–3) or 3 (level 4)
	name  string
}

// buildDivisions writes divisions.txt: the 2023 tree of provinces, cities,
// counties and townships plus HK-MO-TW.json, in code order (a pre-order
// walk), one line per division:
//
//	<level><local> TAB name
//
// level is 1–4; local is the division's own number within its parent (the
// last two digits of its level's part of the code, three for level 4),
// left out when it is one more than the previous sibling's (the first
// child's predecessor counts as 0). Placeholder entries (市辖区, 县, …) are
// kept so every code can be rebuilt; the decoder drops them. HK-MO-TW.json
// has no codes below province level: its cities and districts are numbered
// 1, 2, … in file order.
func buildDivisions(src string, log *slog.Logger) ([]file, error) {
	var ds []division
	for _, f := range []struct {
		file   string
		digits int
		level  int
	}{{"provinces.csv", 2, 1}, {"cities.csv", 4, 2}, {"areas.csv", 6, 3}, {"streets.csv", 9, 4}} {
		t, err := readTable(src, adminDir+"/"+f.file, ',')
		if err != nil {
			return nil, err
		}
		c, err := t.cols("code", "name")
		if err != nil {
			return nil, err
		}
		for i, row := range t.rows {
			code, name := field(row, c[0]), field(row, c[1])
			if len(code) != f.digits || !isDigits(code) || name == "" || !clean(name) {
				log.Warn("skipped row", "file", f.file, "line", i+2, "row", row)
				continue
			}
			own := 2 // digits of the entry's own number
			if f.digits == 9 {
				own = 3
			}
			local, _ := strconv.Atoi(code[len(code)-own:])
			if f.digits < 9 {
				code += strings.Repeat("0", 6-f.digits)
			}
			ds = append(ds, division{code: code, level: f.level, local: local, name: name})
		}
	}
	hk, err := readHKMOTW(src)
	if err != nil {
		return nil, err
	}
	for _, p := range hk {
		pc := fmt.Sprintf("%02d", p.code)
		ds = append(ds, division{code: pc + "0000", level: 1, local: p.code, name: p.name})
		for i, c := range p.cities {
			if i+1 > 99 {
				return nil, fmt.Errorf("HK-MO-TW.json: %s has more than 99 cities", p.name)
			}
			cc := fmt.Sprintf("%s%02d", pc, i+1)
			ds = append(ds, division{code: cc + "00", level: 2, local: i + 1, name: c.name})
			for j, d := range c.districts {
				if j+1 > 99 {
					return nil, fmt.Errorf("HK-MO-TW.json: %s has more than 99 districts", c.name)
				}
				if d == "" || !clean(d) {
					log.Warn("skipped district", "city", c.name, "name", d)
					continue
				}
				ds = append(ds, division{code: fmt.Sprintf("%s%02d", cc, j+1), level: 3, local: j + 1, name: d})
			}
		}
	}
	slices.SortStableFunc(ds, func(a, b division) int {
		if c := strings.Compare(a.code, b.code); c != 0 {
			return c
		}
		return a.level - b.level
	})

	// Check that the pre-order walk rebuilds every code: the decoder
	// derives codes from the parent chain.
	var out textBuilder
	var prev [5]int     // previous sibling's local number per level
	var chain [5]string // code of the current entry at each level
	counts := [5]int{}
	for i, d := range ds {
		if i > 0 && ds[i-1].code == d.code && ds[i-1].level == d.level {
			return nil, fmt.Errorf("division %s listed twice", d.code)
		}
		if d.level > 1 && chain[d.level-1] == "" {
			return nil, fmt.Errorf("division %s (%s) has no parent", d.code, d.name)
		}
		var want string
		switch d.level {
		case 1:
			want = fmt.Sprintf("%02d0000", d.local)
		case 2:
			want = fmt.Sprintf("%s%02d00", chain[1][:2], d.local)
		case 3:
			want = fmt.Sprintf("%s%02d", chain[2][:4], d.local)
		case 4:
			want = fmt.Sprintf("%s%03d", chain[3], d.local)
		}
		if want != d.code {
			return nil, fmt.Errorf("division %s (%s) does not follow its parent (rebuilt %s)", d.code, d.name, want)
		}
		chain[d.level] = d.code
		num := strconv.Itoa(d.local)
		if d.local == prev[d.level]+1 {
			num = ""
		}
		prev[d.level] = d.local
		for l := d.level + 1; l <= 4; l++ {
			prev[l] = 0
			chain[l] = ""
		}
		counts[d.level]++
		out.row(strconv.Itoa(d.level)+num, d.name)
	}
	log.Info("divisions", "provinces", counts[1], "cities", counts[2], "counties", counts[3], "townships", counts[4])
	return []file{{name: "divisions.txt.gz", data: out.Bytes(), gzip: true}}, nil
}
