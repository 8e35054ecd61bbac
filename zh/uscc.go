package zh

import "sync"

// usccTable holds, by registration-department character, a bit for each
// organisation-category digit allocated under it.
type usccTable [128]uint16

var uscc = sync.OnceValue(loadUSCC)

// loadUSCC decodes uscc.txt (format: internal/refgen buildUSCC).
func loadUSCC() *usccTable {
	const table = "uscc.txt.gz"
	t := &usccTable{}
	var f [2]string
	eachLine(load(table), func(ln int, line string) {
		if fields(line, f[:]) != 2 || len(f[0]) != 1 || f[0][0] >= 128 || f[1] == "" {
			corrupt(table, ln, line)
		}
		for i := 0; i < len(f[1]); i++ {
			c := f[1][i] - '0'
			if c > 9 {
				corrupt(table, ln, line)
			}
			t[f[0][0]] |= 1 << c
		}
	})
	return t
}

// USCCOrgType reports whether dept and category, the first two characters
// of an 18-character unified social credit code (统一社会信用代码, GB
// 32100), form an allocated pair: dept is the registration department ('1'
// 机构编制, '5' 民政, '9' 工商, 'Y' 其他, …) and category the kind of
// organisation under it ('9','1' 企业; '9','2' 个体工商户; '5','1' 社会团体
// …). The characters are case-sensitive, as in the standard. It does not
// allocate.
func USCCOrgType(dept, category byte) bool {
	if dept >= 128 || category-'0' > 9 {
		return false
	}
	return uscc()[dept]&(1<<(category-'0')) != 0
}
