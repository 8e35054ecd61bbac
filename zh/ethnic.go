package zh

import (
	"slices"
	"strings"
	"sync"
)

// ethnicTable is the decoded ethnic.txt.
type ethnicTable struct {
	names []string        // GB/T 3304 order
	known map[string]bool // full and short names
}

var ethnic = sync.OnceValue(loadEthnic)

// loadEthnic decodes ethnic.txt (format: internal/refgen
// buildEthnicGroups).
func loadEthnic() *ethnicTable {
	const table = "ethnic.txt.gz"
	t := &ethnicTable{known: make(map[string]bool, 112)}
	eachLine(load(table), func(ln int, line string) {
		short, ok := strings.CutSuffix(line, "族")
		if !ok || short == "" {
			corrupt(table, ln, line)
		}
		t.names = append(t.names, line)
		t.known[line] = true
		t.known[short] = true
	})
	return t
}

// EthnicGroups returns the 56 ethnic groups (民族) of China with the 族
// suffix, in the order of their GB/T 3304 codes: 汉族 (01), 蒙古族 (02), …
// 基诺族 (56). The slice is a new copy on each call.
func EthnicGroups() []string {
	return slices.Clone(ethnic().names)
}

// EthnicGroup reports whether s names one of the 56 ethnic groups, either
// in full ("汉族", "维吾尔族") or in the short form without 族 that resident
// ID cards print ("汉", "维吾尔"). The match is exact: no spaces, no
// traditional characters.
func EthnicGroup(s string) bool {
	return ethnic().known[s]
}
