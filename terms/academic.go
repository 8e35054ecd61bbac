package terms

import (
	"strings"

	"github.com/custos-project/custos/internal/memo"
)

// Academic records: a pupil's or student's results, which the catalogue
// lists under PI.EDU_WORK (transcripts) and the 2025 Measures forbid
// disclosing in a school's lists of aid or awards. Under a column of
// results (成绩, 总分, 排名) or of a school subject (语文, 数学), a score
// (98, 98.5分), a grade (优秀, 不及格, A-) or a rank (第3名) is one.

// scoreLabels are the words of column names and keys whose cells are
// results; schoolSubjects the subjects whose columns hold scores.
var (
	scoreLabels = []string{"成绩", "分数", "总分", "绩点", "等第", "班级排名", "年级排名", "班级名次", "年级名次", "score", "Score", "gpa",
		"GPA"}
	// notScores are the words of columns of an employee's or a product's
	// scores (绩效得分, 考核分数, 满意度评分)
	notScores      = []string{"绩效", "考核", "满意度", "评分", "信用"}
	schoolSubjects = map[string]bool{"语文": true, "数学": true, "英语": true, "物理": true, "化学": true, "生物": true, "历史": true,
		"地理": true, "政治": true, "道德与法治": true, "科学": true, "体育": true, "音乐": true, "美术": true, "信息技术": true}
)

// scoreColumnMemo answers once per label whether its cells are results.
var scoreColumnMemo = memo.New(func(label string) bool {
	return (containsAny(label, scoreLabels) || schoolSubjects[strings.TrimSpace(label)]) && !containsAny(label, notScores)
})

// ScoreColumn reports whether a column name or key labels results (成绩,
// 总分, 语文, score).
func ScoreColumn(label string) bool { return scoreColumnMemo.Get(label) }

// gradeWords are the results written as words or letters.
var gradeWords = map[string]bool{"优秀": true, "良好": true, "合格": true, "不合格": true, "及格": true, "不及格": true, "优": true,
	"良": true, "中": true, "差": true, "A+": true, "A": true, "A-": true, "B+": true, "B": true, "B-": true, "C+": true, "C": true,
	"C-": true, "D": true, "E": true, "F": true}

// ScoreValue reports whether a cell reads as a result: a score of at most
// three digits with a half or a decimal and 分 or not, a grade word or
// letter, or a rank (第3名, 3名).
func ScoreValue(cell string) bool {
	if gradeWords[cell] {
		return true
	}
	c := strings.TrimSuffix(cell, "分")
	if r, ok := strings.CutPrefix(c, "第"); ok {
		c = strings.TrimSuffix(r, "名")
	} else if r, ok := strings.CutSuffix(c, "名"); ok {
		c = r
	}
	whole, frac, _ := strings.Cut(c, ".")
	if whole == "" || len(whole) > 3 || len(frac) > 2 {
		return false
	}
	for _, d := range whole + frac {
		if d < '0' || d > '9' {
			return false
		}
	}
	return true
}
