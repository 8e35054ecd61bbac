package main

import (
	"encoding/binary"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

const (
	mobileBase  = 1300000 // first 7-digit prefix indexed
	mobileCount = 700000  // prefixes 1300000–1999999
)

// phoneRow is one row of phone_segments.derived.tsv.gz.
type phoneRow struct {
	prefix   int // 7 digits
	province string
	city     string
	areaCode string
	ctype    int // carrier type 1–8 as in phone.dat
	carrier  string
}

func readPhoneRows(src string, log *slog.Logger) ([]phoneRow, error) {
	b, err := readGzip(src, "phone-segments", "phone_segments.derived.tsv.gz")
	if err != nil {
		return nil, err
	}
	t, err := parseTable("phone_segments.derived.tsv", b, '\t', true)
	if err != nil {
		return nil, err
	}
	c, err := t.cols("prefix7", "province", "city", "area_code", "carrier_type", "carrier")
	if err != nil {
		return nil, err
	}
	rows := make([]phoneRow, 0, len(t.rows))
	for i, r := range t.rows {
		p, err1 := strconv.Atoi(field(r, c[0]))
		ct, err2 := strconv.Atoi(field(r, c[4]))
		row := phoneRow{prefix: p, province: field(r, c[1]), city: field(r, c[2]),
			areaCode: field(r, c[3]), ctype: ct, carrier: field(r, c[5])}
		if err1 != nil || err2 != nil || p < mobileBase || p >= mobileBase+mobileCount ||
			row.province == "" || row.carrier == "" || ct < 1 || ct > 15 ||
			!clean(row.province) || !clean(row.city) || !clean(row.carrier) ||
			(row.areaCode != "" && !isDigits(row.areaCode)) {
			log.Warn("skipped row", "file", t.name, "line", i+2, "row", r)
			continue
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// buildMobile writes mobile.bin, a binary file of unsigned varints (uv) and
// length-prefixed strings (str = uv length, bytes):
//
//	"ZHM1"
//	uv base, uv count                 prefixes base … base+count-1
//	uv nCarriers, nCarriers × str     carrier names, index 1…
//	uv nLocs, nLocs × (str province, str city, str areaCode)   index 1…
//	uv nCarrierRuns, nCarrierRuns × (uv length, uv carrier)
//	uv nLocRuns, nLocRuns × uv length, nLocRuns × uv loc
//
// Runs cover the prefixes in order; index 0 means "not in the table".
// Locations are numbered by how many runs use them, most first, so the
// common ones take one byte; lengths and locations are stored as two
// columns because each compresses better alone.
func buildMobile(src string, log *slog.Logger) ([]file, error) {
	rows, err := readPhoneRows(src, log)
	if err != nil {
		return nil, err
	}
	type loc struct{ province, city, areaCode string }
	carrierName := map[int]string{}
	locOf := make([]int32, mobileCount) // temporary location ids, -1 none
	carOf := make([]uint8, mobileCount)
	for i := range locOf {
		locOf[i] = -1
	}
	var locs []loc
	locID := map[loc]int32{}
	seen := make([]bool, mobileCount)
	for _, r := range rows {
		i := r.prefix - mobileBase
		if seen[i] {
			log.Warn("prefix listed twice; kept the first", "prefix", r.prefix)
			continue
		}
		seen[i] = true
		if old, ok := carrierName[r.ctype]; ok && old != r.carrier {
			return nil, fmt.Errorf("carrier type %d named %q and %q", r.ctype, old, r.carrier)
		}
		carrierName[r.ctype] = r.carrier
		l := loc{r.province, r.city, r.areaCode}
		id, ok := locID[l]
		if !ok {
			id = int32(len(locs))
			locs = append(locs, l)
			locID[l] = id
		}
		locOf[i] = id
		carOf[i] = uint8(r.ctype)
	}

	// Carriers: index = carrier type, so the decoder's table is dense.
	maxType := 0
	for t := range carrierName {
		maxType = max(maxType, t)
	}
	// Location order: by number of runs, then by name for a stable order.
	runUses := make([]int, len(locs))
	for i := 0; i < mobileCount; i++ {
		if locOf[i] >= 0 && (i == 0 || locOf[i-1] != locOf[i]) {
			runUses[locOf[i]]++
		}
	}
	order := make([]int32, len(locs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if runUses[a] != runUses[b] {
			return runUses[b] - runUses[a]
		}
		la, lb := locs[a], locs[b]
		return strings.Compare(la.province+"\x00"+la.city+"\x00"+la.areaCode, lb.province+"\x00"+lb.city+"\x00"+lb.areaCode)
	})
	rank := make([]uint64, len(locs)) // temporary id → file index (1…)
	for r, id := range order {
		rank[id] = uint64(r + 1)
	}

	var b []byte
	b = append(b, "ZHM1"...)
	b = binary.AppendUvarint(b, mobileBase)
	b = binary.AppendUvarint(b, mobileCount)
	b = binary.AppendUvarint(b, uint64(maxType))
	for t := 1; t <= maxType; t++ {
		b = appendStr(b, carrierName[t])
	}
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, id := range order {
		l := locs[id]
		b = appendStr(b, l.province)
		b = appendStr(b, l.city)
		b = appendStr(b, l.areaCode)
	}

	carRuns := runs(mobileCount, func(i int) uint64 { return uint64(carOf[i]) })
	b = binary.AppendUvarint(b, uint64(len(carRuns)))
	for _, r := range carRuns {
		b = binary.AppendUvarint(b, uint64(r.n))
		b = binary.AppendUvarint(b, r.v)
	}
	locRuns := runs(mobileCount, func(i int) uint64 {
		if locOf[i] < 0 {
			return 0
		}
		return rank[locOf[i]]
	})
	b = binary.AppendUvarint(b, uint64(len(locRuns)))
	for _, r := range locRuns {
		b = binary.AppendUvarint(b, uint64(r.n))
	}
	for _, r := range locRuns {
		b = binary.AppendUvarint(b, r.v)
	}
	log.Info("mobile", "prefixes", len(rows), "locations", len(locs), "carriers", len(carrierName),
		"carrier runs", len(carRuns), "location runs", len(locRuns))
	return []file{{name: "mobile.bin.gz", data: b, gzip: true}}, nil
}

type valueRun struct {
	n int
	v uint64
}

// runs run-length encodes the values v(0) … v(n-1).
func runs(n int, v func(int) uint64) []valueRun {
	var out []valueRun
	for i := 0; i < n; {
		j := i + 1
		for j < n && v(j) == v(i) {
			j++
		}
		out = append(out, valueRun{n: j - i, v: v(i)})
		i = j
	}
	return out
}

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// segmentTokens match the 号段 notations of regex.phone.zh_CN: "138",
// "1703", "134-0~8", "174-9", "174-00~05", "1440X", "148XX".
var (
	segPlain    = regexp.MustCompile(`^1\d{2,4}$`)
	segRange    = regexp.MustCompile(`^(1\d{2})-(\d+)~(\d+)$`)
	segSingle   = regexp.MustCompile(`^(1\d{2})-(\d+)$`)
	segWildcard = regexp.MustCompile(`^(1\d{2,4})X+$`)
	segLength   = regexp.MustCompile(`号码长度\s*(\d+)\s*位`)
)

// segmentPrefixes expands one 号段 token into the digit prefixes it covers.
func segmentPrefixes(tok string) ([]string, bool) {
	switch {
	case segPlain.MatchString(tok):
		return []string{tok}, true
	case segWildcard.MatchString(tok):
		m := segWildcard.FindStringSubmatch(tok)
		if len(tok) > 5 {
			return nil, false
		}
		return []string{m[1]}, true
	case segSingle.MatchString(tok):
		m := segSingle.FindStringSubmatch(tok)
		return []string{m[1] + m[2]}, true
	case segRange.MatchString(tok):
		m := segRange.FindStringSubmatch(tok)
		if len(m[2]) != len(m[3]) {
			return nil, false
		}
		lo, _ := strconv.Atoi(m[2])
		hi, _ := strconv.Atoi(m[3])
		if lo > hi {
			return nil, false
		}
		var out []string
		for v := lo; v <= hi; v++ {
			out = append(out, fmt.Sprintf("%s%0*d", m[1], len(m[2]), v))
		}
		return out, true
	}
	return nil, false
}

// buildSegments writes segments.txt: the allocated 5-digit mobile prefixes
// as ranges, one per line, sorted:
//
//	first TAB last TAB length
//
// where length is the number of digits of the numbers in the range (11,
// or 13 for IoT data cards). A prefix is allocated when the 7-digit table
// holds a number under it or regex.phone.zh_CN lists its segment; the
// length comes from the regex file's section ("号码长度 13 位") and is 11
// for prefixes only the table knows.
func buildSegments(src string, log *slog.Logger) ([]file, error) {
	var length [100000]uint8 // by 5-digit prefix
	rows, err := readPhoneRows(src, log)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		length[r.prefix/100] = 11
	}
	b, err := readFile(src, "d18n-corpus", "regex.phone.zh_CN")
	if err != nil {
		return nil, err
	}
	numLen := 0
	inTable := false
	tokens := 0
	for i, l := range lines(b) {
		l = strings.TrimSpace(l)
		if m := segLength.FindStringSubmatch(l); m != nil {
			numLen, _ = strconv.Atoi(m[1])
			continue
		}
		if l == "" || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "^") {
			inTable = false
			continue
		}
		cols := strings.Split(l, "\t")
		if len(cols) < 2 {
			inTable = false
			continue
		}
		if strings.HasPrefix(cols[0], "运营商") {
			inTable = true
			continue
		}
		if !inTable {
			continue
		}
		if numLen != 11 && numLen != 13 {
			return nil, fmt.Errorf("regex.phone.zh_CN line %d: table without a known number length", i+1)
		}
		for _, tok := range strings.Split(cols[1], "/") {
			tok = strings.TrimSpace(tok)
			ps, ok := segmentPrefixes(tok)
			if !ok {
				log.Warn("skipped segment", "file", "regex.phone.zh_CN", "line", i+1, "token", tok)
				continue
			}
			tokens++
			for _, p := range ps {
				lo, _ := strconv.Atoi(p)
				n := 1
				for d := len(p); d < 5; d++ {
					lo *= 10
					n *= 10
				}
				for v := lo; v < lo+n; v++ {
					if length[v] == 11 && numLen == 13 {
						log.Debug("table prefix in an IoT segment", "prefix", v)
					}
					// The regex file's length wins: the 7-digit table
					// cannot tell 11- from 13-digit numbers.
					length[v] = uint8(numLen)
				}
			}
		}
	}
	if tokens == 0 {
		return nil, fmt.Errorf("regex.phone.zh_CN: no segments found")
	}
	var out textBuilder
	nRanges := 0
	for v := 0; v < len(length); {
		if length[v] == 0 {
			v++
			continue
		}
		w := v
		for w+1 < len(length) && length[w+1] == length[v] {
			w++
		}
		out.row(strconv.Itoa(v), strconv.Itoa(w), strconv.Itoa(int(length[v])))
		nRanges++
		v = w + 1
	}
	log.Info("segments", "tokens", tokens, "ranges", nRanges)
	return []file{{name: "segments.txt.gz", data: out.Bytes(), gzip: true}}, nil
}

// buildAreaCodes writes areacodes.txt: every landline area code, sorted,
// one per line:
//
//	code TAB city
//
// city is the city most 7-digit mobile prefixes with that area code belong
// to (ties broken by name), empty for codes only TelephoneAreaCode.zh_CN
// lists. Codes must be 3 or 4 digits starting with 0; the d18n list's 852,
// 853 and 886 are country calling codes (+852 …) and are left out.
func buildAreaCodes(src string, log *slog.Logger) ([]file, error) {
	rows, err := readPhoneRows(src, log)
	if err != nil {
		return nil, err
	}
	valid := func(c string) bool { return (len(c) == 3 || len(c) == 4) && c[0] == '0' && isDigits(c) }
	count := map[string]map[string]int{} // code → city → prefixes
	for _, r := range rows {
		if r.areaCode == "" {
			continue
		}
		if !valid(r.areaCode) {
			log.Warn("skipped area code", "prefix", r.prefix, "code", r.areaCode)
			continue
		}
		m := count[r.areaCode]
		if m == nil {
			m = map[string]int{}
			count[r.areaCode] = m
		}
		m[r.city]++
	}
	b, err := readFile(src, "d18n-corpus", "TelephoneAreaCode.zh_CN")
	if err != nil {
		return nil, err
	}
	for _, l := range lines(b) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if !valid(l) {
			log.Warn("skipped area code", "file", "TelephoneAreaCode.zh_CN", "code", l)
			continue
		}
		if count[l] == nil {
			count[l] = map[string]int{}
		}
	}
	codes := make([]string, 0, len(count))
	for c := range count {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var out textBuilder
	for _, c := range codes {
		best, bestN := "", 0
		for city, n := range count[c] {
			if n > bestN || n == bestN && city < best {
				best, bestN = city, n
			}
		}
		out.row(c, best)
	}
	log.Info("area codes", "codes", len(codes))
	return []file{{name: "areacodes.txt.gz", data: out.Bytes(), gzip: true}}, nil
}
