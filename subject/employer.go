package subject

import (
	"bytes"

	"github.com/custos-project/custos/pi"
)

// Employers: an organization becomes a person's employer when the words
// around it say so — 就职于XX公司, 在XX医院工作, 系XX公司员工, XX公司职工,
// 工作单位为XX公司. The
// finding's type changes to employer (PI.EDU_WORK), which de-identification
// treats as identifying in a way a company named in news is not.

var employerBefore = [][]byte{[]byte("就职于"), []byte("供职于"), []byte("任职于"), []byte("工作于"), []byte("受雇于"),
	[]byte("就业于"), []byte("上班于"), []byte("就职"), []byte("任职"), []byte("供职"), []byte("工作单位为"),
	[]byte("工作单位是"), []byte("工作单位："), []byte("工作单位:"), []byte("工作单位"), []byte("单位为"), []byte("单位是")}

var employerAfter = [][]byte{[]byte("工作"), []byte("上班"), []byte("员工"), []byte("职工"), []byte("职员"), []byte("工人"),
	[]byte("干部"), []byte("教师"), []byte("医生"), []byte("护士"), []byte("任职"), []byte("就职"), []byte("实习"),
	[]byte("记者"), []byte("编辑"), []byte("律师"), []byte("会计"), []byte("司机"), []byte("民警"), []byte("辅警"), []byte("保安")}

// employerBeforeLen is the longest of employerBefore, in bytes: the window
// read before an organization.
var employerBeforeLen = func() int {
	n := 0
	for _, w := range employerBefore {
		n = max(n, len(w))
	}
	return n
}()

// Employers retypes organization findings that the context marks as a
// workplace. fs are the findings of text.
func Employers(text []byte, fs []pi.Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Type != pi.Organization && f.Type != pi.Place {
			continue // a place too: 在杭州某科技公司上班 is the workplace the tagger read as a place
		}
		before := text[max(0, f.Start-employerBeforeLen):f.Start]
		after := text[f.End:min(len(text), f.End+9)]
		ok := false
		for _, w := range employerBefore {
			if bytes.HasSuffix(before, w) {
				ok = true
			}
		}
		for _, w := range employerAfter {
			if bytes.HasPrefix(after, w) {
				ok = true
			}
		}
		// 在XX公司工作: 在 before, 工作 within a few characters after
		if !ok && bytes.HasSuffix(before, []byte("在")) {
			for _, w := range [][]byte{[]byte("工作"), []byte("上班"), []byte("任职"), []byte("担任"), []byte("任")} {
				if bytes.Contains(after, w) {
					ok = true
				}
			}
		}
		if ok {
			f.Type, f.Category = pi.Employer, pi.CatEduWork
			f.Evidence.Context = append(f.Evidence.Context, "workplace")
		}
	}
}
