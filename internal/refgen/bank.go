package main

import (
	"fmt"
	"log/slog"
	"slices"
	"strconv"
)

// bcbcTypes and d18nTypes map the sources' card-type notations to the
// letters of bins.txt: d debit, c credit, s semi-credit (准贷记卡),
// p prepaid.
var (
	bcbcTypes = map[string]string{"DC": "d", "CC": "c", "SCC": "s", "PC": "p"}
	d18nTypes = map[string]string{"借记卡": "d", "储蓄卡": "d", "贷记卡": "c", "信用卡": "c", "准贷记卡": "s", "预付费卡": "p"}
)

type binEntry struct {
	bin    string
	bank   string
	ctype  string // d, c, s, p or -
	length int    // card number length, 0 unknown
}

// buildBINs writes bins.txt: the bank names, sorted, one per line, then a
// line "--", then the BINs sorted by length and value, one per line:
//
//	bin TAB bank index (0-based) TAB type TAB card length
//
// type is d, c, s, p or - (unknown), card length 0 when unknown. A BIN may
// appear on several lines (several issuers or card lengths); they keep the
// sources' order, bcbc first, which is the order of preference. d18n rows
// are used only for BINs bcbc lacks.
func buildBINs(src string, log *slog.Logger) ([]file, error) {
	nt, err := readTable(src, "bank-bin/bcbc_bank_name.csv", ',')
	if err != nil {
		return nil, err
	}
	nc, err := nt.cols("bank", "name")
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, r := range nt.rows {
		names[field(r, nc[0])] = field(r, nc[1])
	}
	bt, err := readTable(src, "bank-bin/bcbc_bin.csv", ',')
	if err != nil {
		return nil, err
	}
	bc, err := bt.cols("bin", "bank", "type", "length")
	if err != nil {
		return nil, err
	}
	var entries []binEntry
	have := map[string]bool{}
	seen := map[binEntry]bool{}
	add := func(e binEntry) {
		if seen[e] {
			return
		}
		seen[e] = true
		entries = append(entries, e)
	}
	validBIN := func(s string) bool { return len(s) >= 3 && len(s) <= 10 && isDigits(s) }
	for i, r := range bt.rows {
		bin, bank := field(r, bc[0]), names[field(r, bc[1])]
		ctype, ok := bcbcTypes[field(r, bc[2])]
		if !ok {
			ctype = "-"
		}
		n, _ := strconv.Atoi(field(r, bc[3]))
		if !validBIN(bin) || bank == "" || !clean(bank) {
			log.Warn("skipped row", "file", bt.name, "line", i+2, "row", r)
			continue
		}
		add(binEntry{bin, bank, ctype, n})
		have[bin] = true
	}
	dt, err := readTable(src, "bank-bin/d18n_BIN.zh_CN.csv", ',')
	if err != nil {
		return nil, err
	}
	dc, err := dt.cols("BIN号", "银行名称", "卡种", "位数")
	if err != nil {
		return nil, err
	}
	added := 0
	for i, r := range dt.rows {
		bin, bank := field(r, dc[0]), field(r, dc[1])
		ctype, ok := d18nTypes[field(r, dc[2])]
		if !ok {
			ctype = "-"
		}
		n, _ := strconv.Atoi(field(r, dc[3]))
		if !validBIN(bin) || bank == "" || !clean(bank) {
			log.Warn("skipped row", "file", dt.name, "line", i+2, "row", r)
			continue
		}
		if have[bin] {
			continue
		}
		add(binEntry{bin, bank, ctype, n})
		added++
	}
	slices.SortStableFunc(entries, func(a, b binEntry) int {
		if len(a.bin) != len(b.bin) {
			return len(a.bin) - len(b.bin)
		}
		if a.bin < b.bin {
			return -1
		}
		if a.bin > b.bin {
			return 1
		}
		return 0
	})
	banks := map[string]int{}
	var bankList []string
	for _, e := range entries {
		if _, ok := banks[e.bank]; !ok {
			banks[e.bank] = 0
			bankList = append(bankList, e.bank)
		}
	}
	slices.Sort(bankList)
	for i, b := range bankList {
		banks[b] = i
	}
	var out textBuilder
	for _, b := range bankList {
		out.row(b)
	}
	out.row("--")
	multi := 0
	for i, e := range entries {
		if i > 0 && entries[i-1].bin == e.bin {
			multi++
		}
		out.row(e.bin, strconv.Itoa(banks[e.bank]), e.ctype, strconv.Itoa(e.length))
	}
	log.Info("bins", "entries", len(entries), "banks", len(bankList), "from d18n", added, "repeated BINs", multi)
	if len(entries) == 0 {
		return nil, fmt.Errorf("no BINs")
	}
	return []file{{name: "bins.txt.gz", data: out.Bytes(), gzip: true}}, nil
}
