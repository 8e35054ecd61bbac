package zh

import (
	"slices"
	"strings"
	"sync"
)

// BankInfo describes the cards issued under a BIN (the bank identification
// number, the first 3–10 digits of a bank card number).
type BankInfo struct {
	// Bank is the issuer's Chinese name, e.g. "中国工商银行".
	Bank string
	// CardType is "debit" (借记卡), "credit" (贷记卡), "semi-credit"
	// (准贷记卡), "prepaid" (预付费卡) or "" when unknown.
	CardType string
	// Length is the length of the card numbers, 0 when unknown.
	Length int
}

// binTable is the decoded bins.txt: for each BIN length 3–10 the sorted
// distinct BIN values, and for the k-th of them the entries
// infos[start[k]:start[k+1]], in order of preference.
type binTable struct {
	byLen [11]struct {
		keys  []uint64
		start []int32
	}
	infos []BankInfo
}

var bins = sync.OnceValue(loadBINs)

var cardTypes = map[string]string{"d": "debit", "c": "credit", "s": "semi-credit", "p": "prepaid", "-": ""}

// loadBINs decodes bins.txt (format: internal/refgen buildBINs).
func loadBINs() *binTable {
	const table = "bins.txt.gz"
	s := load(table)
	banksText, binsText, ok := strings.Cut(s, "--\n")
	if !ok {
		corrupt(table, 0, "no -- line")
	}
	banks := strings.Split(strings.TrimSuffix(banksText, "\n"), "\n")
	bankLines := len(banks) + 1
	t := &binTable{}
	var f [4]string
	prevLen, prevKey := 0, uint64(0)
	eachLine(binsText, func(ln int, line string) {
		ln += bankLines
		if fields(line, f[:]) != 4 || len(f[0]) < 3 || len(f[0]) > 10 {
			corrupt(table, ln, line)
		}
		var key uint64
		for i := 0; i < len(f[0]); i++ {
			c := f[0][i] - '0'
			if c > 9 {
				corrupt(table, ln, line)
			}
			key = key*10 + uint64(c)
		}
		bank, length := atoi(f[1]), atoi(f[3])
		ctype, okType := cardTypes[f[2]]
		if bank < 0 || bank >= len(banks) || length < 0 || !okType {
			corrupt(table, ln, line)
		}
		n := len(f[0])
		switch {
		case n < prevLen || n == prevLen && key < prevKey:
			corrupt(table, ln, line) // not sorted
		case n != prevLen || key != prevKey:
			bl := &t.byLen[n]
			bl.keys = append(bl.keys, key)
			bl.start = append(bl.start, int32(len(t.infos)))
		}
		prevLen, prevKey = n, key
		t.infos = append(t.infos, BankInfo{Bank: banks[bank], CardType: ctype, Length: length})
	})
	// Close each length's ranges: the entries of a length's last key end
	// where the next length's first key starts.
	end := int32(len(t.infos))
	for n := len(t.byLen) - 1; n >= 0; n-- {
		bl := &t.byLen[n]
		if len(bl.keys) == 0 {
			continue
		}
		bl.start = append(bl.start, end)
		end = bl.start[0]
	}
	return t
}

// LookupBIN returns the issuer of a bank card number by the longest BIN
// its digits start with. Spaces and hyphens between digit groups are
// skipped ("6222 0200 …"); the scan stops at any other character. When
// several issuers or card lengths share the BIN, the one whose card length
// equals the number of digits is preferred, so pass the whole number when
// you have it. It does not allocate.
func LookupBIN(number string) (BankInfo, bool) {
	var prefix [11]uint64 // prefix[n] is the value of the first n digits
	nd := 0
	for i := 0; i < len(number); i++ {
		c := number[i]
		if c == ' ' || c == '-' {
			continue
		}
		if c-'0' > 9 {
			break
		}
		if nd < 10 {
			prefix[nd+1] = prefix[nd]*10 + uint64(c-'0')
		}
		nd++
	}
	t := bins()
	for n := min(nd, 10); n >= 3; n-- {
		bl := &t.byLen[n]
		k, found := slices.BinarySearch(bl.keys, prefix[n])
		if !found {
			continue
		}
		cands := t.infos[bl.start[k]:bl.start[k+1]]
		for _, c := range cands {
			if c.Length == nd {
				return c, true
			}
		}
		return cands[0], true
	}
	return BankInfo{}, false
}
