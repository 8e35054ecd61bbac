package zh

import (
	"encoding/binary"
	"fmt"
	"sync"
)

// MobileInfo is where a mobile number was registered and who operates it,
// as the segment table (号段库, 447,893 seven-digit prefixes) gives it.
type MobileInfo struct {
	// Province is the short province name, e.g. "北京", "广东", "内蒙古".
	Province string
	// City is the short city name, e.g. "北京", "深圳"; for some
	// autonomous prefectures the table names the prefecture, for others
	// its seat.
	City string
	// Carrier is the operator as the table names it: 移动, 联通, 电信, or
	// 移动虚拟运营商, 联通虚拟运营商, 电信虚拟运营商 for numbers resold by
	// virtual operators on that network.
	Carrier string
	// AreaCode is the landline area code of the city, e.g. "010".
	AreaCode string
}

// mobileTable is the decoded mobile.bin.
type mobileTable struct {
	base  int
	ids   []uint16     // by prefix - base; 0 = not in the table
	infos []MobileInfo // infos[0] is unused
}

var mobile = sync.OnceValue(loadMobile)

// loadMobile decodes mobile.bin (format: internal/refgen buildMobile).
func loadMobile() *mobileTable {
	const table = "mobile.bin.gz"
	b, err := loadBytes(table)
	if err == nil {
		var t *mobileTable
		if t, err = decodeMobile(b); err == nil {
			return t
		}
	}
	panic(fmt.Sprintf("zh: embedded table %s: %v", table, err))
}

// byteReader reads the varints and strings of the binary tables.
type byteReader struct {
	b   []byte
	err error
}

func (r *byteReader) uvarint() int {
	if len(r.b) > 0 && r.b[0] < 0x80 { // most values fit one byte
		v := r.b[0]
		r.b = r.b[1:]
		return int(v)
	}
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > 1<<31 {
		r.err = fmt.Errorf("bad varint at %d bytes from the end", len(r.b))
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *byteReader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > len(r.b) {
		r.err = fmt.Errorf("string of %d bytes past the end", n)
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func decodeMobile(b []byte) (*mobileTable, error) {
	if len(b) < 4 || string(b[:4]) != "ZHM1" {
		return nil, fmt.Errorf("bad magic")
	}
	r := &byteReader{b: b[4:]}
	t := &mobileTable{base: r.uvarint()}
	count := r.uvarint()
	nCar := r.uvarint()
	if r.err != nil || count > 1e7 || nCar > 255 {
		return nil, fmt.Errorf("bad header")
	}
	carriers := make([]string, nCar+1)
	for i := 1; i <= nCar; i++ {
		carriers[i] = r.str()
	}
	nLoc := r.uvarint()
	if r.err != nil || nLoc > 1<<16/(nCar+1)-1 {
		return nil, fmt.Errorf("bad location count %d", nLoc)
	}
	type loc struct{ province, city, area string }
	locs := make([]loc, nLoc+1)
	for i := 1; i <= nLoc; i++ {
		locs[i] = loc{r.str(), r.str(), r.str()}
	}

	// The carrier runs and the location runs cover the same prefixes;
	// walk both at once and give each (location, carrier) pair one
	// deduplicated MobileInfo.
	nCarRuns := r.uvarint()
	if r.err != nil || nCarRuns > count {
		return nil, fmt.Errorf("bad carrier run count")
	}
	cr := &byteReader{b: r.b}
	for range 2 * nCarRuns {
		r.uvarint()
	}
	nRuns := r.uvarint()
	if r.err != nil || nRuns > count {
		return nil, fmt.Errorf("bad location run count")
	}
	lr := &byteReader{b: r.b} // lengths column
	for range nRuns {
		r.uvarint()
	}
	// r now reads the locations column.
	t.ids = make([]uint16, count)
	pair := make([]uint16, (nLoc+1)*(nCar+1)) // info index of a pair
	t.infos = append(make([]MobileInfo, 0, 2048), MobileInfo{})
	pos, carLeft, car, carRuns := 0, 0, 0, 0
	for range nRuns {
		n, l := lr.uvarint(), r.uvarint()
		if r.err != nil || lr.err != nil || l > nLoc || n > count-pos {
			return nil, fmt.Errorf("bad location run at %d", pos)
		}
		for n > 0 {
			if carLeft == 0 {
				carLeft, car = cr.uvarint(), cr.uvarint()
				carRuns++
				if cr.err != nil || carLeft == 0 || car > nCar || carRuns > nCarRuns {
					return nil, fmt.Errorf("bad carrier run at %d", pos)
				}
			}
			k := min(n, carLeft)
			if l != 0 {
				if car == 0 {
					return nil, fmt.Errorf("prefix %d has a location but no carrier", t.base+pos)
				}
				p := &pair[l*(nCar+1)+car]
				if *p == 0 {
					lc := locs[l]
					t.infos = append(t.infos, MobileInfo{Province: lc.province, City: lc.city, Carrier: carriers[car], AreaCode: lc.area})
					*p = uint16(len(t.infos) - 1)
				}
				id := *p
				ids := t.ids[pos : pos+k]
				for i := range ids {
					ids[i] = id
				}
			}
			pos += k
			n -= k
			carLeft -= k
		}
	}
	if r.err != nil || pos != count || carLeft != 0 || carRuns != nCarRuns || len(r.b) != 0 {
		return nil, fmt.Errorf("runs cover %d of %d prefixes, %d bytes left", pos, count, len(r.b))
	}
	return t, nil
}

// LookupMobile returns the home location and operator of a mobile number
// from its first seven digits (the number must start with at least seven
// ASCII digits; the rest is not read, so a seven-digit prefix works too).
// It reports false for prefixes the table does not hold, which include
// segments allocated after it was made (190, 192, 193, 196, 197); use
// MobileSegment to check a number's segment. It does not allocate.
func LookupMobile(number string) (MobileInfo, bool) {
	if len(number) < 7 {
		return MobileInfo{}, false
	}
	v, ok := digits(number[:7], 7)
	if !ok {
		return MobileInfo{}, false
	}
	t := mobile()
	i := v - t.base
	if i < 0 || i >= len(t.ids) {
		return MobileInfo{}, false
	}
	id := t.ids[i]
	if id == 0 {
		return MobileInfo{}, false
	}
	return t.infos[id], true
}
