package detect

import (
	"strings"
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestAcademicRecords: scores after a subject or a word of results, a fail
// in a sentence about an exam, a rank in a class, and the score after a
// pupil's name in a line of results are academic records; minutes, a
// league's rank and a product's fail are not.
func TestAcademicRecords(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string
	}{
		{"小明这次语文98分，数学考了58分，期末考试不及格，全班第30名。", []string{"98分", "58分", "不及格", "全班第30名"}},
		{"语文：李梓萱98、王子睿95\n", []string{"98", "95"}},
		{"他的总分为612.5分，年级排名第十二。", []string{"612.5分", "年级排名第十二"}},
		{"会议持续了30分钟，部分代表发言。", nil},
		{"目前两队均在国内联赛中排名第三。", nil},
		{"这批产品抽检不及格，已下架。", nil},
		{"李梓萱98岁的奶奶", nil},
		{"詹姆斯本场得分32分。", nil},
	} {
		var got []string
		for _, f := range allEngine.Detect([]byte(tt.text), nil) {
			if f.Type == pi.AcademicRecord {
				got = append(got, tt.text[f.Start:f.End])
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}
