package zh

import "sync"

// segmentTable is the decoded segments.txt: the number length (11, 13 or 0
// for unallocated) of every prefix 1xx, 1xxx and 1xxxx. A shorter prefix
// whose extensions differ holds mixed, meaning "read one more digit".
type segmentTable struct {
	len3 [100]uint8
	len4 [1000]uint8
	len5 [10000]uint8
}

const mixed = 0xff

var segments = sync.OnceValue(loadSegments)

// loadSegments decodes segments.txt (format: internal/refgen
// buildSegments).
func loadSegments() *segmentTable {
	const table = "segments.txt.gz"
	t := &segmentTable{}
	var f [3]string
	eachLine(load(table), func(ln int, line string) {
		if fields(line, f[:]) != 3 {
			corrupt(table, ln, line)
		}
		lo, hi, n := atoi(f[0]), atoi(f[1]), atoi(f[2])
		if lo < 10000 || hi < lo || hi > 19999 || n != 11 && n != 13 {
			corrupt(table, ln, line)
		}
		for v := lo; v <= hi; v++ {
			t.len5[v-10000] = uint8(n)
		}
	})
	for i := range t.len4 {
		t.len4[i] = same(t.len5[i*10 : i*10+10])
	}
	for i := range t.len3 {
		t.len3[i] = same(t.len4[i*10 : i*10+10])
	}
	return t
}

// same returns the common value of s, or mixed.
func same(s []uint8) uint8 {
	for _, v := range s[1:] {
		if v != s[0] {
			return mixed
		}
	}
	return s[0]
}

// MobileNumberLength returns the length of the numbers of the mobile
// segment number starts with: 11 for phone, virtual-operator and data
// cards, 13 for IoT cards (1410, 1440, 1441, 146, 148), 0 when the segment
// is not allocated or number does not start with enough digits to tell.
// It reads three digits, or four or five where only part of a segment is
// allocated (141: 1410 only; 174: 17400–17412 and 1749 only). It does not
// allocate.
func MobileNumberLength(number string) int {
	if len(number) < 3 || number[0] != '1' {
		return 0
	}
	d1, d2 := number[1]-'0', number[2]-'0'
	if d1 > 9 || d2 > 9 {
		return 0
	}
	t := segments()
	i := int(d1)*10 + int(d2)
	if n := t.len3[i]; n != mixed {
		return int(n)
	}
	if len(number) < 4 || number[3]-'0' > 9 {
		return 0
	}
	i = i*10 + int(number[3]-'0')
	if n := t.len4[i]; n != mixed {
		return int(n)
	}
	if len(number) < 5 || number[4]-'0' > 9 {
		return 0
	}
	return int(t.len5[i*10+int(number[4]-'0')])
}

// MobileSegment reports whether number starts with an allocated mobile
// network segment (号段): one the segment table holds numbers under or
// the operators' published segment list names, such as 138, 166, 199,
// 1349 (split from 134), 1700–1709 (virtual operators) or 17400–17412. number
// is the national number without +86; only its first three to five digits
// are read (see MobileNumberLength, which also tells 11-digit numbers from
// 13-digit IoT ones). It does not allocate.
func MobileSegment(number string) bool {
	return MobileNumberLength(number) != 0
}
