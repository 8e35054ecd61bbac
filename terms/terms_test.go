package terms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/custos-project/custos/pi"
)

// w describes an expected finding: its type, its exact text and, written
// "key=value", attributes it must carry ("cat=…" checks the category,
// "extra=…" an extra category, "score>=0.8" a minimum score).
type w struct {
	typ   pi.Type
	text  string
	attrs []string
}

func find(text string) []pi.Finding { return Find([]byte(text), nil) }

// has reports whether fs holds a finding matching x.
func has(text string, fs []pi.Finding, x w) (bool, string) {
	for _, f := range fs {
		if f.Type != x.typ || text[f.Start:f.End] != x.text {
			continue
		}
		for _, a := range x.attrs {
			k, v, _ := strings.Cut(a, "=")
			switch {
			case k == "cat":
				if string(f.Category) != v {
					return false, "category " + string(f.Category)
				}
			case k == "extra":
				if !f.HasCategory(pi.Category(v)) {
					return false, "no extra category " + v
				}
			case k == "score>":
				if v2 := parseScore(v); f.Score < v2 {
					return false, "score too low"
				}
			case k == "score<":
				if v2 := parseScore(v); f.Score > v2 {
					return false, "score too high"
				}
			default:
				if f.Attr(k) != v {
					return false, "attr " + k + "=" + f.Attr(k)
				}
			}
		}
		return true, ""
	}
	return false, "missing"
}

func parseScore(s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(err)
	}
	return v
}

type tcase struct {
	name string
	text string
	want []w
	// not lists findings that must not be there; an empty text means no
	// finding of the type at all.
	not []w
}

func runCases(t *testing.T, cases []tcase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fs := find(c.text)
			for _, x := range c.want {
				if ok, why := has(c.text, fs, x); !ok {
					t.Errorf("want %s %q %v: %s\ngot:\n%s", x.typ, x.text, x.attrs, why, formatFindings([]byte(c.text), fs))
				}
			}
			for _, x := range c.not {
				for _, f := range fs {
					if f.Type == x.typ && (x.text == "" || c.text[f.Start:f.End] == x.text) {
						t.Errorf("unwanted %s %q\ngot:\n%s", f.Type, c.text[f.Start:f.End], formatFindings([]byte(c.text), fs))
					}
				}
			}
		})
	}
}

func TestBulletins(t *testing.T) {
	runCases(t, []tcase{
		{"case record", bulletinCases[0], []w{
			{pi.MaskedName, "李某某", []string{"surname=李", "cat=PI.BASIC.NAME"}},
			{pi.Gender, "女", []string{"sex=female"}},
			{pi.Age, "45岁", []string{"years=45", "cat=PI.BASIC.AGE"}},
			{pi.Occupation, "铁路乘务员", nil},
			{pi.Health, "发热", []string{"kind=symptom", "cat=PI.HEALTH", "score>=0.8"}},
			{pi.Health, "咳嗽", []string{"kind=symptom"}},
			{pi.Health, "核酸检测结果呈阳性", []string{"kind=test", "cat=PI.HEALTH.INFECTIOUS"}},
			{pi.Health, "确诊病例", []string{"kind=epidemic_status", "cat=PI.HEALTH.INFECTIOUS"}},
		}, []w{{pi.Health, "阳性", nil}}},
		{"case number first", "第1号确诊病例，谢某某，男，56岁，现居东风街道瑞泰心里城4栋，铁路乘务员。", []w{
			{pi.MaskedName, "谢某某", nil}, {pi.Gender, "男", []string{"sex=male"}}, {pi.Age, "56岁", nil},
			{pi.Occupation, "铁路乘务员", nil},
		}, nil},
		{"trajectory", "1月23日9时到10时间，就诊于同煤医院平旺院区呼吸科，之后又转到同煤医院恒安院区呼吸科。", []w{
			{pi.Place, "同煤医院平旺院区呼吸科", []string{"venue=医院", "score>=0.8", "cat=PI.LOCATION"}},
			{pi.Place, "同煤医院恒安院区呼吸科", nil},
		}, nil},
		{"a masked county is no masked name", "公诉机关某某县人民检察院。李某某县长说，王某某所长表示。", []w{
			{pi.MaskedName, "李某某", nil}, {pi.MaskedName, "王某某", nil},
		}, []w{{pi.MaskedName, "关某某", nil}}},
		{"masked venue", "12月2日晚19：00，在郫都区某超市购物，后乘出租车回家。", []w{
			{pi.Place, "郫都区某超市", []string{"venue=超市"}},
		}, []w{{pi.MaskedName, "", nil}}},
		{"a form's venue label is no place; 妇女儿童 holds no daughter", "出生医院：成都市妇女儿童中心医院\n就诊医院：华西医院", []w{
			{pi.Place, "成都市妇女儿童中心医院", nil},
		}, []w{{pi.Place, "出生医院", nil}, {pi.Place, "就诊医院", nil}, {pi.Place, "童中心医院", nil}}},
		{"fever clinic is a place", "1月25日到巨野县人民医院发热门诊就诊。", []w{
			{pi.Place, "巨野县人民医院发热门诊", nil},
		}, []w{{pi.Health, "发热", nil}}},
		{"age then gender", "2月4日确诊病例63岁女性的密切接触者", []w{
			{pi.Age, "63岁", nil}, {pi.Gender, "女性", nil}, {pi.Health, "密切接触者", []string{"cat=PI.HEALTH.INFECTIOUS"}},
		}, nil},
		{"patient then gender", "患者男，45岁。患者二：女，41岁。病例5男，家住七塘镇。", []w{
			{pi.Gender, "男", nil}, {pi.Age, "45岁", nil}, {pi.Gender, "女", nil}, {pi.Age, "41岁", nil},
		}, nil},
		{"bare age after gender", "确诊病例，冯某，女，50，常住湖北省武汉市。", []w{
			{pi.Age, "50", []string{"years=50"}},
		}, nil},
		{"masks", "患者周xx，女，72岁；王*明，男；赵某荣，男；孙某甲、孙某乙；刘×；陈○○；赵XX；李某某。", []w{
			{pi.MaskedName, "周xx", nil}, {pi.MaskedName, "王*明", nil}, {pi.MaskedName, "赵某荣", nil},
			{pi.MaskedName, "孙某甲", nil}, {pi.MaskedName, "孙某乙", nil}, {pi.MaskedName, "刘×", nil},
			{pi.MaskedName, "陈○○", nil}, {pi.MaskedName, "赵XX", nil}, {pi.MaskedName, "李某某", nil},
		}, nil},
		{"latin initial", "L某，35岁，12月12日高烧就诊。患者W某某与APP某功能无关。", []w{
			{pi.MaskedName, "L某", []string{"surname=L"}}, {pi.MaskedName, "W某某", []string{"surname=W"}},
		}, nil},
		{"compound surname", "欧阳某某，男，33岁。司马先生说。", []w{
			{pi.MaskedName, "欧阳某某", []string{"surname=欧阳"}},
			{pi.PersonName, "司马", []string{"surname=司马", "title=先生"}},
		}, nil},
		{"function surname after an occupation", "21日到健身中心，期间曾与教练于某交谈，司机向某某随后离开。", []w{
			{pi.MaskedName, "于某", []string{"surname=于"}}, {pi.MaskedName, "向某某", []string{"surname=向"}},
		}, nil},
		{"given name then verb", "王某荣获一等奖，张某说他不去。", []w{
			{pi.MaskedName, "王某", nil}, {pi.MaskedName, "张某", nil},
		}, nil},
		{"infant", "男婴，6个月大，其母亲患有乙肝。", []w{
			{pi.Gender, "男婴", nil},
			{pi.Age, "6个月大", []string{"years=0", "months=6", "minor=true", "extra=PI.MINOR_U14"}},
			{pi.Health, "乙肝", nil},
		}, nil},
		{"years and months", "病例56，1岁7个月女童，常住安徽省蚌埠市。", []w{
			{pi.Age, "1岁7个月", []string{"years=1", "months=7"}}, {pi.Gender, "女童", nil},
		}, nil},
		{"temperature", "患者李某，1月25日发病，体温38.8℃，有肺部影像学改变。", []w{
			{pi.Health, "体温38.8℃", []string{"kind=test"}},
		}, nil},
	})
}

func TestChildren(t *testing.T) {
	runCases(t, []tcase{
		{"left-behind child", bulletinCases[1], []w{
			{pi.SpecialIdentity, "留守儿童", []string{"label=留守儿童", "cat=PI.SPECIAL_IDENTITY", "score>=0.9"}},
			{pi.Age, "10岁", []string{"years=10", "minor=true", "extra=PI.MINOR_U14"}},
			{pi.School, "某小学四年级", []string{"grade=小学四年级", "age_band=9-10", "level=primary", "minor=true", "extra=PI.MINOR_U14", "cat=PI.EDU_WORK.SCHOOL"}},
		}, nil},
		{"kindergarten", bulletinCases[2], []w{
			{pi.MaskedName, "张某", nil}, {pi.Age, "6岁", nil},
			{pi.School, "犀浦镇某幼儿园大班", []string{"grade=幼儿园大班", "age_band=5-6", "level=kindergarten"}},
		}, nil},
		{"a school checkup", "身高：135cm　体重：38kg　BMI：20.8（超重）\n龋齿：2颗　血压：正常　视力：左4.8　右5.0", []w{
			{pi.Health, "身高：135cm", []string{"kind=physical"}}, {pi.Health, "体重：38kg", nil}, {pi.Health, "BMI：20.8", nil},
			{pi.Health, "龋齿：2", nil}, {pi.Health, "血压", nil}, {pi.Health, "视力：左4.8　右5.0", nil},
		}, nil},
		{"a roster typed as text", "姓名\t性别\t政治面貌\t婚姻状况\t身高\n张三\t男\t群众\t未婚\t135cm\n", []w{
			{pi.Political, "群众", []string{"kind=masses"}}, {pi.MaritalStatus, "未婚", nil}, {pi.Health, "135cm", []string{"kind=physical"}},
		}, nil},
		{"a list title's grade", "2026年春季期末考试成绩公示（七年级）", []w{
			{pi.School, "七年级", []string{"age_band=12-13"}},
		}, nil},
		{"a list's class without brackets", "1 马小龙 七年级3班 一档 建档立卡脱贫户", []w{
			{pi.School, "七年级3班", []string{"grade=初一", "age_band=12-13", "minor=true"}},
		}, nil},
		{"class", "该生就读于北京市第一中学高二(3)班，系低保户。", []w{
			{pi.School, "北京市第一中学高二(3)班", []string{"grade=高二", "age_band=16-17", "minor=true"}},
			{pi.SpecialIdentity, "低保户", []string{"label=低保"}},
		}, nil},
		{"a school level alone, attended", "李某（男，初中在读）盗窃手机。孙某，女，现就读小学。", []w{
			{pi.School, "初中", []string{"level=junior", "age_band=12-15"}},
			{pi.School, "小学", []string{"level=primary", "age_band=6-12"}},
		}, nil},
		{"上 before a school level is the verb", "她的女儿今年上小学一年级。家长关心孩子上小学的问题。", []w{
			{pi.School, "小学一年级", []string{"age_band=6-7"}},
		}, []w{{pi.School, "女儿今年上小学一年级", nil}, {pi.School, "上小学一年级", nil}, {pi.School, "家长关心孩子上小学", nil}}},
		{"check lists: a box not ticked, a question answered no", "姓名：李小红　性别：□男 ☑女　年龄：12岁\n既往史：□高血压 ☑糖尿病 ☐乙肝\n困难类型：☑低保户　□孤儿\n是否残疾：否　是否留守儿童：是　有无传染病史：无\n", []w{
			{pi.Gender, "女", []string{"sex=female"}},
			{pi.Health, "糖尿病", nil},
			{pi.SpecialIdentity, "低保户", nil},
			{pi.SpecialIdentity, "留守儿童", nil},
		}, []w{{pi.Gender, "男", nil}, {pi.Health, "高血压", nil}, {pi.Health, "乙肝", nil}, {pi.SpecialIdentity, "孤儿", nil},
			{pi.Health, "残疾", nil}, {pi.Health, "传染病", nil}}},
		{"a school's name stops at a verb of a career", "1991年获得复旦大学的理学学士学位，曾任深圳大学讲师。1985年原昆明工学院地质系毕业，任丘市第一中学教师。", []w{
			{pi.School, "复旦大学", nil}, {pi.School, "深圳大学", nil}, {pi.School, "昆明工学院地质系", nil}, {pi.School, "任丘市第一中学", nil},
		}, []w{{pi.School, "获得复旦大学", nil}, {pi.School, "任深圳大学", nil}, {pi.School, "原昆明工学院地质系", nil}}},
		{"no school in an education or a title", "王某，男，高中学历，中学高级教师。", nil, []w{{pi.School, "高中学", nil}, {pi.School, "中学", nil}}},
		{"self-harm and a screening's words", "王某，女，14岁，有自伤行为，曾有自杀意念，抑郁量表重度。", []w{
			{pi.Health, "自伤行为", nil}, {pi.Health, "自杀意念", nil}, {pi.Health, "抑郁量表", nil},
		}, nil},
		{"anxiety only of a person", "家长对升学普遍感到焦虑。", nil, []w{{pi.Health, "焦虑", []string{"score>=0.5"}}}},
		{"an orphan grown up is no child", "《海淀区接收成年孤儿安置办法》出台，他是成年孤儿。", []w{
			{pi.SpecialIdentity, "成年孤儿", []string{"age_band=", "label=孤儿", "kind=family"}},
		}, []w{{pi.SpecialIdentity, "孤儿", nil}}},
		{"a label's count of people is nobody's label", "校长陈建华介绍，全校共有学生436人，其中留守儿童211人，建档立卡贫困户学生87人，孤儿共3名。", []w{
			{pi.SpecialIdentity, "留守儿童", []string{"holder=group", "score<=0.45", "age_band="}},
			{pi.SpecialIdentity, "建档立卡贫困户", []string{"holder=group", "score<=0.45"}},
			{pi.SpecialIdentity, "孤儿", []string{"holder=group", "score<=0.45", "age_band="}},
		}, nil},
		{"the law's age bands of a person", "被告人周某某犯罪时已满十六周岁不满十八周岁。张某，男，未满十四周岁。王某作案时已满14周岁未满16周岁。", []w{
			{pi.Age, "已满十六周岁不满十八周岁", []string{"age_band=16-17", "minor=true"}},
			{pi.Age, "未满十四周岁", []string{"age_band=0-13", "extra=PI.MINOR_U14"}},
			{pi.Age, "已满14周岁未满16周岁", []string{"age_band=14-15"}},
		}, []w{{pi.Age, "十八周岁", nil}, {pi.Age, "十四周岁", nil}}},
		{"the law's age bands of a group", "不满十四周岁的未成年人犯罪，已满十六周岁的人犯罪。", nil, []w{{pi.Age, "", nil}}},
		{"an abuse said of its victim", "被告人多次对邻居家女童实施猥亵。小敏遭到家暴。社会各界关注家庭暴力问题。", []w{
			{pi.CriminalRecord, "猥亵", []string{"kind=offence"}}, {pi.CriminalRecord, "家暴", nil},
		}, []w{{pi.CriminalRecord, "家庭暴力", nil}}},
		{"a record denied, an offence after 因", "背景审查：张某无犯罪记录。王某曾因酒驾被罚款，2021年因醉驾被判处拘役。", []w{
			{pi.CriminalRecord, "犯罪记录", []string{"negated=true"}},
			{pi.CriminalRecord, "酒驾", []string{"kind=offence"}},
			{pi.CriminalRecord, "醉驾", nil},
		}, nil},
		{"a grade after a space", "就读学校：台北市立大安国民小学　四年级3班。领有身心障碍手册，为低收入户。", []w{
			{pi.School, "台北市立大安国民小学　四年级3班", []string{"grade=小学四年级", "age_band=9-10"}},
			{pi.Health, "身心障碍手册", []string{"kind=disability"}},
			{pi.SpecialIdentity, "低收入户", []string{"label=低收入户"}},
		}, nil},
		{"a form's figure", "姓名：刘诗雨。目前月薪：7200元，存款: 5万元。月薪普遍上涨。", []w{
			{pi.Financial, "月薪：7200元", []string{"kind=income"}},
			{pi.Financial, "存款: 5万元", nil},
		}, nil},
		{"a relief form's income", "户主姓名：马玉兰。月人均收入：320元。", []w{
			{pi.Financial, "收入：320元", nil},
		}, nil},
		{"an income's amount in a person's sentence", "他的月收入约5000元，收入3倍于去年。", []w{
			{pi.Financial, "月收入约5000元", []string{"kind=income"}},
		}, nil},
		{"a letter to its reader", "尊敬的赵先生，您在我司的借款已逾期45天，欠款本金32000元。", []w{
			{pi.Financial, "借款", []string{"kind=debt"}},
			{pi.Financial, "欠款", nil},
		}, nil},
		{"a Hong Kong pupil", "子女姓名：陈小明　就读学校：九龙华仁书院　班级：中二　出生日期：2012年3月1日\n家庭每月总收入：港币18,500元", []w{
			{pi.School, "九龙华仁书院", []string{"level=secondary"}}, {pi.School, "中二", []string{"age_band=13-14"}},
			{pi.Financial, "收入：港币18,500元", nil},
		}, nil},
		{"no school", "张某，男，现住万科翡翠书院3栋。游客参观岳麓书院。其中一班学生成绩优秀，大小一样。", nil, []w{
			{pi.School, "书院", nil}, {pi.School, "中一班", nil}, {pi.School, "小一", nil},
		}},
		{"the county's school", "儿子马小龙在县一中读高二。十八届三中全会召开。", []w{
			{pi.School, "县一中", []string{"level=secondary"}},
		}, []w{{pi.School, "三中", nil}}},
		{"a grade after the year of entry", "阜阳一中2025级高一（3）班新生名单", []w{
			{pi.School, "阜阳一中2025级高一（3）班", []string{"grade=高一", "age_band=15-16"}},
		}, nil},
		{"a school level alone, not attended", "记者解读小学招生政策，他阅读小学课本。", nil, []w{{pi.School, "", nil}}},
		{"platform handles", "有网友扒出她的微博账号“小赵爱旅行”，抖音号为xz_2024，网名叫「夜空」，昵称：小熊饼干。", []w{
			{pi.PersonName, "小赵爱旅行", []string{"nickname=true", "platform=微博"}},
			{pi.PersonName, "xz_2024", []string{"platform=抖音"}},
			{pi.PersonName, "夜空", []string{"nickname=true", "platform="}},
			{pi.PersonName, "小熊饼干", []string{"nickname=true"}},
		}, nil},
		{"no handle", "昵称很多，网名的含义各不相同，微博名为平安成都的账号发布通报。", nil, []w{{pi.PersonName, "", nil}}},
		{"a nickname field before a wide space", "昵称：阿哲　真实姓名：周哲宇　年龄：24岁", []w{
			{pi.PersonName, "阿哲", []string{"nickname=true"}},
		}, nil},
		{"a prescription", "姓名：吴一帆　性别：男　年龄：6岁\n临床诊断：急性支气管炎；过敏性鼻炎\n阿莫西林克拉维酸钾干混悬剂　0.2286g×6袋", []w{
			{pi.Health, "过敏性鼻炎", []string{"kind=diagnosis"}}, {pi.Health, "阿莫西林克拉维酸钾", []string{"kind=medication"}},
		}, nil},
		{"a mental-health department", "患者李某，就诊科室：心理门诊，后转精神科。", []w{
			{pi.Health, "心理门诊", []string{"kind=treatment"}}, {pi.Health, "精神科", nil},
		}, nil},
		{"an HIV test is a test", "患者张某，HIV检测：阴性", []w{
			{pi.Health, "HIV检测", []string{"kind=test"}}, {pi.Health, "阴性", nil},
		}, []w{{pi.Health, "HIV", nil}}},
		{"a platform's @mention and ID", "大家都去她微博@琪琪不是七七 下面骂她！快手ID：kuaishou123", []w{
			{pi.PersonName, "琪琪不是七七", []string{"nickname=true", "platform=微博"}},
			{pi.PersonName, "kuaishou123", []string{"platform=快手"}},
		}, nil},
		{"no mention of an official account or a sentence", "@剑网3官方微博@剑网3客户服务 @咸阳交警官方微博@今日咸阳该不该维护维护呢？我在微博@大家来看看这件事情到底怎么回事呢。", nil,
			[]w{{pi.PersonName, "剑网3客户服务", nil}, {pi.PersonName, "今日咸阳该不该维护维护呢", nil}, {pi.PersonName, "大家来看看这件事情到底怎么回事呢", nil}}},
		{"a pupil's word", "王某，男，小学生。张某某系某中学初中生。", []w{
			{pi.Occupation, "小学生", []string{"age_band=6-12"}},
			{pi.Occupation, "初中生", []string{"age_band=12-15"}},
			{pi.School, "某中学", nil},
		}, []w{{pi.School, "张某某系某中学", nil}, {pi.School, "系某中学", nil}}},
		{"a school's name opening with its divisions", "他就读于贵州省毕节市七星关区阿市乡中心小学，成绩很好。", []w{
			{pi.School, "贵州省毕节市七星关区阿市乡中心小学", []string{"level=primary"}},
		}, nil},
		{"a long run with no division before the school word", "记者采访了北方某重点工业大学附属外国语实验中学的学生。", nil,
			[]w{{pi.School, "北方某重点工业大学附属外国语实验中学", nil}}},
		{"a verb of staying cuts a school's name", "乡村教师二十年坚守山区小学，扎根阳光小学。", []w{
			{pi.School, "山区小学", nil}, {pi.School, "阳光小学", nil},
		}, []w{{pi.School, "坚守山区小学", nil}, {pi.School, "扎根阳光小学", nil}}},
		{"an illness with its kind", "女儿黄可馨被确诊为急性淋巴细胞白血病，她的父亲有原发性高血压。", []w{
			{pi.Health, "急性淋巴细胞白血病", []string{"kind=diagnosis"}}, {pi.Health, "原发性高血压", nil},
		}, []w{{pi.Health, "白血病", nil}, {pi.Health, "高血压", nil}}},
		{"the marks of a beating are injuries", "她11岁，背部留下明显淤青，手腕有划伤。", []w{
			{pi.Health, "淤青", []string{"kind=injury"}}, {pi.Health, "划伤", []string{"kind=injury"}},
		}, nil},
		{"a vaccine by its full name", "孙若曦，女，2023年6月20日接种脊灰灭活疫苗第1剂，13价肺炎疫苗第2剂。", []w{
			{pi.Health, "脊灰灭活疫苗", []string{"kind=vaccination"}}, {pi.Health, "13价肺炎疫苗", []string{"kind=vaccination"}},
		}, nil},
		{"grade alone", "她在读初二。该生读大班。", []w{
			{pi.School, "初二", []string{"grade=初二", "age_band=13-14", "level=junior"}},
			{pi.School, "大班", []string{"age_band=5-6"}},
		}, nil},
		{"grade number", "小宇（化名），在某小学3年级2班就读。", []w{
			{pi.School, "某小学3年级2班", []string{"grade=小学三年级", "age_band=8-9"}},
		}, nil},
		{"a kindergarten's class", "男孩王梓萱就读幼儿园小二班。女孩李沐阳，中一班。", []w{
			{pi.School, "幼儿园小二班", []string{"grade=幼儿园小班", "age_band=3-4", "minor=true"}},
			{pi.School, "中一班", []string{"age_band=4-5", "kind=grade"}},
		}, nil},
		{"a class heading a roster", "一年级（1）班：张小雨、李浩然", []w{
			{pi.School, "一年级（1）班", []string{"age_band=6-7", "kind=grade"}},
		}, nil},
		{"no grade alone about nobody", "三年级的课程改革已经开始。", nil, []w{
			{pi.School, "三年级", nil},
		}},
		{"labels anywhere", "民政部门开展困境儿童、事实无人抚养儿童和孤儿的关爱服务。", []w{
			{pi.SpecialIdentity, "困境儿童", []string{"score>=0.8", "age_band=0-17"}},
			{pi.SpecialIdentity, "事实无人抚养儿童", []string{"age_band=0-17"}},
			{pi.SpecialIdentity, "孤儿", []string{"age_band=0-17"}},
		}, nil},
		{"a child's label implies an age band", "王某系留守儿童，其父为服刑人员子女，其母为低保户。", []w{
			{pi.SpecialIdentity, "留守儿童", []string{"age_band=0-15"}},
			{pi.SpecialIdentity, "服刑人员子女", []string{"age_band="}},
			{pi.SpecialIdentity, "低保户", []string{"age_band="}},
		}, nil},
		{"university faculty", "李某，男，20岁，北京大学法学院大三学生。", []w{
			{pi.School, "北京大学法学院大三", []string{"level=university", "grade=大三", "age_band=20-21"}},
		}, nil},
	})
}

func TestRegistersAndLabels(t *testing.T) {
	runCases(t, []tcase{
		{"a register of scores typed as text", "学号 姓名 语文 数学 总分\n01 李梓萱 98 97 195\n02 刘欣然 60 58 118\n", []w{
			{pi.AcademicRecord, "98", nil}, {pi.AcademicRecord, "58", nil}, {pi.AcademicRecord, "195", nil},
		}, nil},
		{"labels", "性别：女，民族：汉，国籍：美国，职业：司机，年龄：45。", []w{
			{pi.Gender, "女", []string{"score>=0.95"}},
			{pi.Ethnicity, "汉", []string{"group=汉族"}},
			{pi.Nationality, "美国", []string{"country=美国"}},
			{pi.Occupation, "司机", nil},
			{pi.Age, "45", []string{"years=45"}},
		}, nil},
		{"register", bulletinCases[6], []w{
			{pi.Gender, "男", nil},
		}, nil},
		{"ethnic group", "张某，男，维吾尔族，1990年出生。", []w{
			{pi.Ethnicity, "维吾尔族", []string{"group=维吾尔族", "score>=0.9"}},
		}, nil},
		{"nationality", "其父亲李某某，美国籍；其母亲，美籍华人；另一人为外籍人员。", []w{
			{pi.Nationality, "美国籍", []string{"country=美国"}},
			{pi.Nationality, "美籍", []string{"country=美国"}},
			{pi.Nationality, "外籍", []string{"foreign=true"}},
		}, nil},
		{"nationality as a field", "李某，男，日本人，住某酒店。", []w{
			{pi.Nationality, "日本人", []string{"country=日本"}},
		}, nil},
		{"occupations", "他是一名快递员，系某公司员工，张某，男，32岁，个体户。", []w{
			{pi.Occupation, "快递员", nil}, {pi.Occupation, "员工", nil}, {pi.Occupation, "个体户", nil},
		}, nil},
		{"titles", "王先生说，李女士和张老师都来了，刘医生也在。", []w{
			{pi.PersonName, "王", []string{"title=先生"}}, {pi.PersonName, "李", []string{"title=女士"}},
			{pi.PersonName, "张", []string{"title=老师"}}, {pi.PersonName, "刘", []string{"title=医生"}},
		}, nil},
		{"familiar names", "老王说他明天来，小李的妈妈也来。", []w{
			{pi.PersonName, "老王", []string{"title=老"}}, {pi.PersonName, "小李", []string{"title=小"}},
		}, nil},
		{"nicknames with context", "初二学生小刚患有抑郁症，女孩小芳的父亲是服刑人员，小明（化名）今年10岁，他叫小明明。", []w{
			{pi.PersonName, "小刚", []string{"nickname=true"}}, {pi.PersonName, "小芳", nil},
			{pi.PersonName, "小明", nil}, {pi.PersonName, "小明明", nil},
		}, nil},
		{"a sibling's nickname", "哥哥小刚在县城读初中，姐姐小时候很调皮。", []w{
			{pi.PersonName, "小刚", []string{"nickname=true"}},
		}, []w{{pi.PersonName, "小时", nil}}},
		{"a nickname after an age", "今年9岁的小刚在村小学读书，十二岁的小芳也是。", []w{
			{pi.PersonName, "小刚", []string{"nickname=true"}}, {pi.PersonName, "小芳", []string{"nickname=true"}},
		}, nil},
		{"a nickname before a titled name later in the sentence", "关于你女儿小雨（8岁）在学校被同学欺凌、班主任周老师未及时处理的问题。", []w{
			{pi.PersonName, "小雨", []string{"nickname=true"}}, {pi.PersonName, "周", []string{"title=老师"}},
		}, nil},
		{"a full name after an age", "记者见到了10岁的王子涵，十二岁的李浩然也在。3岁的孩子和5岁的女儿。", []w{
			{pi.PersonName, "王子涵", []string{"score>=0.8"}}, {pi.PersonName, "李浩然", nil},
		}, nil},
		{"a nickname opening a clause before a verb of saying, or thanked", "小右说他明天来。感谢小雅，她帮了大忙。", []w{
			{pi.PersonName, "小右", []string{"nickname=true"}}, {pi.PersonName, "小雅", nil},
		}, nil},
		{"no nickname after a number that is no age", "去年的小麦收成好，三岁的小区。", nil, []w{
			{pi.PersonName, "小麦", nil},
		}},
		{"no nickname without context", "这个小区的小孩小时候在小学读书，小组长说小型车辆。", nil, []w{
			{pi.PersonName, "小区", nil}, {pi.PersonName, "小孩", nil}, {pi.PersonName, "小时", nil},
			{pi.PersonName, "小组", nil}, {pi.PersonName, "小型", nil},
		}},
		{"position before a name", "社科院教授黎友焕表示，副总经理薛志勇说，营销总监邹墨远致辞。", []w{
			{pi.Occupation, "教授", []string{"score>=0.8"}}, {pi.Occupation, "副总经理", nil}, {pi.Occupation, "营销总监", nil},
		}, nil},
		{"a list of positions", "历任新疆锂盐厂车间技术员、工段长、设备副主任，后来他到北京。", []w{
			{pi.Occupation, "技术员", []string{"score>=0.8"}}, {pi.Occupation, "副主任", nil},
		}, nil},
		{"no list after a stop", "历任技术员。主任高度评价了这项工作。", nil, []w{
			{pi.Occupation, "主任", nil},
		}},
		{"foreign names after a position", "认定主裁判阿特金森是米老鼠，法国画家塞尚、莫奈等大师，西汉姆主教练科比什利卸任，德国财政部长佩尔·施泰因布吕克说。", []w{
			{pi.Occupation, "主裁判", nil}, {pi.PersonName, "阿特金森", []string{"score>=0.7"}},
			{pi.Occupation, "画家", nil}, {pi.PersonName, "塞尚", nil}, {pi.PersonName, "莫奈", nil},
			{pi.Occupation, "主教练", nil}, {pi.PersonName, "科比什利", nil},
			{pi.PersonName, "佩尔·施泰因布吕克", nil},
		}, nil},
		{"no foreign name after a position", "选手比赛中场休息，记者西安报道，后卫巴西队。", nil, []w{
			{pi.PersonName, "比赛", nil}, {pi.PersonName, "西安", nil}, {pi.PersonName, "巴西", nil}, {pi.Occupation, "中场", nil},
		}},
		{"names as fields of a row", "1. 三年级（2）班 刘子涵 孤儿\n3. 初二（3）班\t赵一鸣\t残疾", []w{
			{pi.School, "三年级（2）班", []string{"age_band=8-9"}}, {pi.PersonName, "刘子涵", []string{"score>=0.7"}},
			{pi.SpecialIdentity, "孤儿", nil}, {pi.School, "初二（3）班", nil}, {pi.PersonName, "赵一鸣", nil},
		}, nil},
		{"no names in a row of words", "姓名 班级 类别 高级 班主任\n序号 王者 说明", nil, []w{
			{pi.PersonName, "高级", nil}, {pi.PersonName, "班级", nil}, {pi.PersonName, "王者", nil}, {pi.PersonName, "班主任", nil},
		}},
		{"no names in a row's places", "1  周建国  36.5  邵阳市\n2  吴婷  36.8  武汉\n3  林小燕  37.6  长沙县", []w{
			{pi.PersonName, "周建国", nil},
		}, []w{{pi.PersonName, "邵阳市", nil}, {pi.PersonName, "武汉", nil}, {pi.PersonName, "长沙县", nil}}},
		{"numbered middle schools after a place", "其子王某某，16岁，就读于阜阳一中高一（5）班，他的表哥在北京四中。", []w{
			{pi.School, "阜阳一中高一（5）班", []string{"age_band=15-16"}}, {pi.School, "北京四中", nil},
		}, nil},
		{"no numbered school without a place", "其中一中年男子说，十一届三中全会召开，统一中国，在第一中心医院就诊。", nil, []w{
			{pi.School, "其中一中", nil}, {pi.School, "三中", nil}, {pi.School, "一中", nil}, {pi.School, "第一中心", nil},
		}},
		{"shops named before their word", "她在春熙路某美甲店上班，12月1日到建设路某奶茶店买奶茶。", []w{
			{pi.Place, "春熙路某美甲店", nil}, {pi.Place, "建设路某奶茶店", nil},
		}, nil},
		{"negated health facts", "患者否认高血压、糖尿病史，无发热、咳嗽，无明显诱因出现腹泻，为无症状感染者。", []w{
			{pi.Health, "高血压", []string{"negated=true"}}, {pi.Health, "糖尿病", []string{"negated=true"}},
			{pi.Health, "无发热", []string{"negated=true"}}, {pi.Health, "咳嗽", []string{"negated=true"}},
			{pi.Health, "腹泻", []string{"negated="}}, {pi.Health, "无症状感染者", []string{"negated="}},
		}, nil},
		{"Latin names after a position", "执行副总裁FrankPearce表示，编剧CoreyMay说，董事长Tim Cook称。", []w{
			{pi.PersonName, "FrankPearce", nil}, {pi.PersonName, "CoreyMay", nil}, {pi.PersonName, "Tim Cook", nil},
			{pi.Occupation, "编剧", nil},
		}, nil},
		{"no Latin name from an acronym or a product", "总裁CEO表示，选手CryEngine3亮相，教练Apple说。", nil, []w{
			{pi.PersonName, "CEO", nil}, {pi.PersonName, "CryEngine", nil}, {pi.PersonName, "Apple", nil},
		}},
		{"offences of a defendant, a pupil's school after 系", "被告人张某，男，汉族。2019年5月因犯盗窃罪被判处有期徒刑。因涉嫌诈骗罪被逮捕。被害人李某某，系某中学初一学生。", []w{
			{pi.CriminalRecord, "盗窃罪", []string{"kind=offence"}}, {pi.CriminalRecord, "诈骗罪", nil},
			{pi.School, "某中学初一", nil},
		}, nil},
		{"no offence in a text about the law", "盗窃罪的量刑标准由法律规定。以案释法：诈骗罪的认定。", nil, []w{
			{pi.CriminalRecord, "盗窃罪", nil}, {pi.CriminalRecord, "诈骗罪", nil},
		}},
		{"a person described by the surname", "听说那个姓刘的女的核酸阳性了，一名姓欧阳的男子，他姓张，40多岁。", []w{
			{pi.PersonName, "刘", []string{"surname=刘"}}, {pi.PersonName, "欧阳", nil}, {pi.PersonName, "张", nil},
		}, nil},
		{"no surname in 姓名, 百姓, 贵姓", "请填写姓名，老百姓的生活，您贵姓，姓氏文化。", nil, []w{
			{pi.PersonName, "名", nil}, {pi.PersonName, "的", nil}, {pi.PersonName, "氏", nil},
		}},
		{"no position without a name", "院长高度评价了这项工作，医生提醒广大市民。", nil, []w{
			{pi.Occupation, "院长", nil}, {pi.Occupation, "医生", nil},
		}},
		{"approximate ages", "八旬老人王某，七十多岁的李某，十七八岁的少年张某，70余岁的赵某。", []w{
			{pi.Age, "八旬", []string{"years=80", "approx=true"}},
			{pi.Age, "七十多岁", []string{"years=70", "approx=true", "years_max=79"}},
			{pi.Age, "十七八岁", []string{"years=17", "years_max=18", "approx=true"}},
			{pi.Age, "70余岁", []string{"approx=true"}},
		}, nil},
		{"chinese numerals", "十二岁的孙某和一百零二岁的周某。", []w{
			{pi.Age, "十二岁", []string{"years=12", "extra=PI.MINOR_U14"}},
			{pi.Age, "一百零二岁", []string{"years=102"}},
		}, nil},
	})
}

func TestSensitive(t *testing.T) {
	runCases(t, []tcase{
		{"religion", "他信仰伊斯兰教，是穆斯林，每周五做礼拜。", []w{
			{pi.Religion, "信仰伊斯兰教", []string{"cat=PI.RELIGION"}}, {pi.Religion, "穆斯林", nil}, {pi.Religion, "做礼拜", nil},
		}, nil},
		{"several", "张某系同性恋者，曾有犯罪前科，刑满释放后办理了残疾证，系低保户。", []w{
			{pi.SexualOrientation, "同性恋者", []string{"cat=PI.OTHER_SENSITIVE"}},
			{pi.CriminalRecord, "犯罪前科", []string{"cat=PI.OTHER_SENSITIVE"}},
			{pi.CriminalRecord, "刑满释放", nil},
			{pi.Health, "残疾证", []string{"kind=disability"}},
			{pi.SpecialIdentity, "低保户", nil},
		}, nil},
		{"Hong Kong's assistance", "家庭领取综援，父亲是综援户。", []w{
			{pi.SpecialIdentity, "综援", []string{"kind=relief"}}, {pi.SpecialIdentity, "综援户", nil},
		}, nil},
		{"disability grades", "陈思远，男，10岁，肢体二级残疾；王某视力一级，智力残疾三级。", []w{
			{pi.Health, "肢体二级残疾", []string{"kind=disability"}}, {pi.Health, "视力一级", nil}, {pi.Health, "智力残疾三级", nil},
		}, nil},
		{"financial with an owner", "其存款余额为20万元，张某的贷款逾期，名下房产两套。", []w{
			{pi.Financial, "存款", []string{"cat=PI.PROPERTY"}}, {pi.Financial, "贷款", nil}, {pi.Financial, "房产", nil},
		}, nil},
		{"biometric in prose", "据悉，该公司人脸识别系统采集了用户的指纹和声纹信息。", []w{
			{pi.Biometric, "人脸识别", []string{"cat=PI.BIO.FACE", "score<=0.5"}},
			{pi.Biometric, "指纹", []string{"cat=PI.BIO"}},
		}, nil},
		{"epidemic prose scores low", "全市累计报告本土确诊病例35例。", []w{
			{pi.Health, "确诊病例", []string{"score<=0.5"}},
		}, nil},
		{"status fields", "政治面貌：群众；婚姻状况：未婚。", []w{
			{pi.Political, "群众", []string{"kind=masses", "cat=PI.BASIC"}},
			{pi.MaritalStatus, "未婚", []string{"cat=PI.OTHER_SENSITIVE"}},
		}, nil},
		{"a cadre's profile", "张三，男，汉族，1975年生，中共党员，大学学历。", []w{
			{pi.Political, "中共党员", []string{"kind=party"}},
		}, nil},
		{"marital history in prose", "她离异多年，独自抚养女儿。", []w{
			{pi.MaritalStatus, "离异", []string{"score>=0.8"}},
		}, nil},
		{"minority names", "家长阿依古丽称，孩子三天没回家。藏族学生扎西多吉今年12岁。彝族女孩吉克阿依的父亲外出务工。学生努尔艾力和同学阿依古丽一起去了图书馆。牧民巴特尔的儿子苏和今年8岁。由爷爷吉克木呷抚养。", []w{
			{pi.PersonName, "阿依古丽", []string{"score>=0.7"}}, {pi.PersonName, "扎西多吉", nil}, {pi.PersonName, "吉克阿依", nil},
			{pi.PersonName, "努尔艾力", nil}, {pi.PersonName, "苏和", nil}, {pi.PersonName, "吉克木呷", nil},
		}, nil},
		{"an infant's age after the child", "患儿6个月，发热。患儿（8个月）咳嗽。", []w{
			{pi.Age, "6个月", []string{"months=6", "minor=true"}}, {pi.Age, "8个月", []string{"months=8"}},
		}, nil},
		{"a divorce case", "原告张秀兰与被告王建设离婚纠纷一案。原、被告于1990年登记结婚。", []w{
			{pi.MaritalStatus, "离婚纠纷", nil}, {pi.MaritalStatus, "登记结婚", nil},
		}, nil},
		{"a school's incident report", "经医院诊断，张子豪面部软组织挫伤，鉴定为轻微伤。对张子豪开展心理疏导。", []w{
			{pi.Health, "软组织挫伤", []string{"kind=injury"}}, {pi.Health, "轻微伤", nil}, {pi.Health, "心理疏导", []string{"kind=treatment"}},
		}, nil},
		{"a drug tells the condition", "患者王某长期服用二甲双胍，每日注射胰岛素。", []w{
			{pi.Health, "二甲双胍", []string{"kind=medication"}}, {pi.Health, "胰岛素", []string{"kind=medication"}},
		}, nil},
		{"worship", "杨秀英，女，佛教居士，每月初一到普济寺礼佛。马德福，男，现任清真大寺教长。", []w{
			{pi.Religion, "礼佛", []string{"kind=activity"}}, {pi.Religion, "教长", []string{"kind=identity"}},
		}, nil},
		{"no imam in 任教长达", "他在该校任教长达二十年。", nil, []w{{pi.Religion, "教长", nil}}},
		{"a course of treatment", "入院诊断：支气管肺炎。诊疗经过：予布地奈德雾化治疗。", []w{
			{pi.Health, "支气管肺炎", nil}, {pi.Health, "布地奈德", []string{"kind=medication", "score<=0.5"}},
		}, nil},
		{"a veteran's disability", "郝建军，男，伤残等级：七级（因战），系伤残军人。残疾类别：肢体　残疾等级：二级", []w{
			{pi.Health, "伤残等级：七级", []string{"kind=disability"}}, {pi.Health, "伤残军人", nil},
			{pi.Health, "残疾类别：肢体", nil}, {pi.Health, "残疾等级：二级", nil},
		}, nil},
		{"an old woman living alone", "户主：邱桂芳（独居老人，82岁，患阿尔茨海默病）", []w{
			{pi.SpecialIdentity, "独居老人", nil}, {pi.Health, "阿尔茨海默病", nil},
		}, nil},
		{"a station named after its city", "黄子健您已购G1975次，成都东站14:35开。足球：沙尔克主场不败切尔西站稳脚跟。", []w{
			{pi.Place, "成都东站", []string{"venue=东站"}},
		}, []w{{pi.Place, "切尔西站", nil}}},
		{"no masked name in an address's unit", "在红星路二段某KTV门口打架，3号楼某房间漏水。", nil, []w{{pi.MaskedName, "", nil}}},
		{"a newborn's measures", "新生儿姓名：陈沐阳　出生体重：3350克　身长：50厘米　头围：34cm", []w{
			{pi.Health, "出生体重：3350克", []string{"kind=physical"}}, {pi.Health, "身长：50厘米", nil}, {pi.Health, "头围：34cm", nil},
		}, nil},
		{"a notifiable disease on a report card", "疾病名称：乙类传染病——猩红热\n病例分类：临床诊断病例\n另有流行性腮腺炎、百日咳各1例。", []w{
			{pi.Health, "猩红热", []string{"cat=PI.HEALTH.INFECTIOUS"}}, {pi.Health, "临床诊断病例", []string{"kind=epidemic_status"}},
			{pi.Health, "流行性腮腺炎", nil}, {pi.Health, "百日咳", nil},
		}, nil},
		{"a depression's grade", "结果：SDS标准分68分，提示中度抑郁；有自伤念头。", []w{
			{pi.Health, "中度抑郁", nil}, {pi.Health, "自伤念头", nil},
		}, nil},
		{"a household's child is not the householder", "业主：蒙小红，家有残疾儿童，需关照。", []w{
			{pi.SpecialIdentity, "残疾儿童", []string{"holder=household", "age_band="}},
		}, nil},
		{"admission categories", "韦浩宇　随迁子女\n陆子墨　烈士子女优待", []w{
			{pi.SpecialIdentity, "随迁子女", []string{"label=流动儿童", "age_band=0-17"}},
			{pi.SpecialIdentity, "烈士子女", []string{"label=烈士家属", "age_band="}},
		}, nil},
		{"a child's cancer", "我的女儿罗思雨今年5岁，被确诊为神经母细胞瘤四期。", []w{
			{pi.Health, "神经母细胞瘤", []string{"kind=diagnosis"}}, {pi.Health, "确诊", []string{"kind=diagnosis"}},
		}, nil},
		{"a COVID diagnosis", "患者王某确诊为新冠肺炎。", []w{
			{pi.Health, "确诊", []string{"kind=epidemic_status"}},
		}, nil},
		{"a missing child's height", "周子轩，男，2016年8月出生，身高约130厘米，偏瘦。", []w{
			{pi.Health, "身高约130厘米", []string{"kind=physical"}},
		}, nil},
		{"a checkup's readings", "姓名：邓思远\n血压：145/95mmHg（偏高）　空腹血糖：7.8mmol/L（↑）\n胸部CT：右肺上叶见一5mm磨玻璃结节。", []w{
			{pi.Health, "血压：145/95mmHg", []string{"kind=physical"}}, {pi.Health, "空腹血糖：7.8mmol/L", nil},
			{pi.Health, "磨玻璃结节", []string{"kind=diagnosis"}},
		}, nil},
		{"a comparison is no one's sex", "因为我性格比较像男孩子吧，所以兴趣也比较像男孩子，拱顶神学院就是霍格沃兹医院。", nil, []w{
			{pi.Gender, "男孩子", nil},
		}},
		{"a left-behind girl", "留守女孩小雨在贵州医科大学附属医院接受化疗，她想考北京大学。", []w{
			{pi.SpecialIdentity, "留守女孩", []string{"label=留守儿童", "age_band=0-15"}}, {pi.School, "北京大学", nil},
		}, []w{{pi.School, "贵州医科大学", nil}}},
		{"a blood type", "患者李某，男，血型：O型RH阴性，俗称熊猫血。", []w{
			{pi.Health, "血型：O型RH阴性", []string{"kind=physical"}}, {pi.Health, "熊猫血", nil},
		}, nil},
		{"blood types about no one", "血型与性格无关，ABC三类。", nil, []w{{pi.Health, "血型", nil}}},
		{"a child's condition told by the mother", "陈女士说，孩子性格内向，有轻度抑郁。事后孩子被诊断为脑震荡。", []w{
			{pi.Health, "轻度抑郁", []string{"age_band=0-17"}}, {pi.Health, "脑震荡", []string{"age_band=0-17"}},
		}, nil},
		{"a child's condition clauses on", "陈女士说，孩子性格内向，平时不爱说话，有轻度抑郁。孩子在家，母亲患有高血压。", []w{
			{pi.Health, "轻度抑郁", []string{"age_band=0-17"}}, {pi.Health, "高血压", []string{"age_band="}},
		}, nil},
		{"an adult's condition beside a child", "王某带着孩子，确诊为新冠肺炎。孩子的父亲患有高血压。", []w{
			{pi.Health, "新冠肺炎", []string{"age_band="}}, {pi.Health, "高血压", []string{"age_band="}},
		}, nil},
		{"an obstetric record", "患者何某，女，28岁。主诉：停经8周。初步诊断：先兆流产。处理：黄体酮口服。", []w{
			{pi.Health, "停经", []string{"kind=pregnancy"}}, {pi.Health, "先兆流产", nil}, {pi.Health, "黄体酮", []string{"kind=medication"}},
		}, nil},
		{"a child's attention disorder", "患儿林某，诊断：注意力不足过动症（ADHD）、抽动症。", []w{
			{pi.Health, "注意力不足过动症", []string{"kind=diagnosis"}}, {pi.Health, "ADHD", nil}, {pi.Health, "抽动症", nil},
		}, nil},
		{"a drug about no one", "胰岛素集采价格平均降幅48%。", nil, []w{{pi.Health, "胰岛素", nil}}},
		{"a bulletin's visits joined by 和", "李某某，男，45岁，到过永辉超市和浴室。", []w{
			{pi.Place, "永辉超市", []string{"score>=0.85"}}, {pi.Place, "浴室", []string{"score>=0.45"}},
		}, nil},
		{"a social worker's client", "服务对象存在自卑、厌学情绪，曾有自伤行为。", []w{
			{pi.Health, "自伤行为", []string{"score>=0.8"}},
		}, nil},
		{"inherited context", "病例2：王某，男。1月20日出现发热。", []w{
			{pi.Health, "发热", []string{"score>=0.8", "score<=0.8"}},
		}, nil},
	})
}

// TestProse: ordinary news prose with the same words, where nothing (or
// nothing of the listed types) is personal information.
func TestProse(t *testing.T) {
	none := func(types ...pi.Type) []w {
		var out []w
		for _, ty := range types {
			out = append(out, w{ty, "", nil})
		}
		return out
	}
	runCases(t, []tcase{
		{"doctors remind", "医生提醒广大市民，教师节前夕，学生会组织了活动。", nil, none(pi.Occupation, pi.PersonName)},
		{"gender words in prose", "男女平等是基本国策，女性健康讲座和男子篮球比赛同期举行。", nil, none(pi.Gender)},
		{"某 as a determiner", "某些地区，某种程度上，向某公司借款，某小区，于某日，江苏某律师事务所，佛山某保险公司。", nil, none(pi.MaskedName)},
		{"not religion", "佛山市道路交通，礼拜天休息。", nil, none(pi.Religion)},
		{"not ethnicity", "民族团结，上班族，宁夏回族自治区，恩施土家族苗族自治州，水族馆。", nil, none(pi.Ethnicity)},
		{"age limits", "60岁以上老人和14周岁以下儿童，年满18周岁的公民，18至25岁的青年，3-6岁儿童，2020岁末。", nil, none(pi.Age)},
		{"months as duration", "6个月内完成整改，3个月后复查。", nil, none(pi.Age)},
		{"other words", "阳性率下降，转基因食品，女同事，存款利率上调，中小学，大学城。", nil,
			none(pi.Health, pi.Biometric, pi.SexualOrientation, pi.Financial, pi.School)},
		{"not titles", "银监会新闻处人士向记者表示，他的语文老师很严格，基金经理说。", nil, none(pi.PersonName)},
		{"lunar dates", "正月初一，大年初二，高一点。", nil, none(pi.School)},
		{"name parts in words", "格桑花开满山坡，拉萨的天很蓝，哈达献给客人，乌兰察布的风很大。", nil, none(pi.PersonName)},
		{"a run of name parts too long for a name", "学生" + strings.Repeat("买买提江", 500) + "说。", nil, none(pi.PersonName)},
		{"status words of no one", "调查显示已婚人群比例上升，全体党员参加学习，团员青年踊跃报名，人民群众满意，需求主要分居民用油和工业用油，全市学生平均身高增长2厘米，肥胖率下降。", nil,
			none(pi.MaritalStatus, pi.Political, pi.Health)},
		{"case counts", "医院收治患者120名。", nil, none(pi.Gender, pi.Age)},
		{"the label of a hospital's number", "住院号：2020012345，门诊编号123，就诊卡号456。", nil, none(pi.Health)},
		{"a verb before a school word", "如有异议，请联系学校德育处；请咨询北京大学招生办。",
			[]w{{pi.School, "北京大学", nil}}, []w{{pi.School, "请联系学校", nil}, {pi.School, "联系学校", nil}}},
		{"a verb of telling before a school word", "物业已经通知学校了，请及时报告学校。", nil,
			[]w{{pi.School, "通知学校", nil}, {pi.School, "报告学校", nil}}},
		{"places of names", "北京市第四人民医院", []w{{pi.Place, "北京市第四人民医院", []string{"score<=0.5"}}}, nil},
	})
}

func TestPersonContext(t *testing.T) {
	text := []byte("全市累计报告确诊病例35例。病例3：李某某，女，45岁。1月20日出现发热。\n他说。\n医生提醒。")
	for _, c := range []struct {
		at        string
		person    bool
		inherited bool
	}{
		{"全市", false, false},
		{"李某某", true, false},
		{"1月20日", true, true},
		{"他说", true, false},
		{"医生提醒", false, false},
	} {
		i := strings.Index(string(text), c.at)
		got := PersonContext(text, i)
		if got.Person != c.person || got.Inherited != c.inherited {
			t.Errorf("PersonContext at %q = %+v, want person=%v inherited=%v", c.at, got, c.person, c.inherited)
		}
		if got.Person && got.Cue == "" {
			t.Errorf("PersonContext at %q: no cue", c.at)
		}
	}
	if c := PersonContext(text, -1); c.Person {
		t.Error("PersonContext(-1) has a person")
	}
}

// TestLists checks the embedded lists: they parse, and every term is found
// as its type in a sentence about a person.
func TestLists(t *testing.T) {
	if _, err := checkLists(); err != nil {
		t.Fatal(err)
	}
	all, _ := loadEntries()
	n := 0
	defer func() { t.Logf("%d terms checked", n) }()
	for _, e := range all {
		var text, want string
		switch e.role {
		case roleSensitive:
			text, want = "患者李某，"+e.term+"。", e.term
		case roleOccupation:
			text, want = "李某，男，45岁，"+e.term+"。", e.term
		case roleVenue:
			text, want = "李某，男，到明珠"+e.term+"。", "明珠"+e.term
			if compassStations[e.term] {
				text, want = "李某，男，到阜阳"+e.term+"。", "阜阳"+e.term // after a place only
			}
		case roleSchool:
			text, want = "李某，男，就读于明珠"+e.term+"。", "明珠"+e.term
			if numberedSchool(e.term) {
				text, want = "李某，男，就读于阜阳"+e.term+"。", "阜阳"+e.term // after a place only
			}
		case roleGrade:
			text, want = "李某，男，就读于明珠学校"+e.term+"。", "明珠学校"+e.term
		case roleTitle:
			text, want = "王"+e.term+"说。", "王" // the surname; the title is an attribute
		case roleEthnic:
			text, want = "李某，男，"+e.term+"。", e.term
		case roleNationality:
			text, want = "李某，男，"+e.term+"。", e.term
		default:
			continue
		}
		n++
		fs := find(text)
		if ok, _ := has(text, fs, w{typ: e.typ, text: want}); !ok {
			t.Errorf("%s %q: want %s %q in %q, got:\n%s", e.list, e.term, e.typ, want, text, formatFindings([]byte(text), fs))
		}
	}
}

func TestListErrors(t *testing.T) {
	_, errs := parseList(listFiles[0], "[kind=x cat=PI.NOPE]\n发热 colour=red\n[oops\n好 weird\n")
	if len(errs) != 4 {
		t.Fatalf("want 4 errors, got %d: %v", len(errs), errs)
	}
	for _, e := range errs {
		if !strings.HasPrefix(e.Error(), "data/health.txt:") {
			t.Errorf("error without file and line: %v", e)
		}
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		in      string
		val, hi int
		ok      bool
	}{
		{"45", 45, 45, true}, {"４５", 45, 45, true}, {"十二", 12, 12, true}, {"二十", 20, 20, true},
		{"一百零二", 102, 102, true}, {"两", 2, 2, true}, {"七八", 7, 8, true}, {"十七八", 17, 18, true},
		{"十几", 10, 19, true}, {"二十几", 20, 29, true}, {"几十", 0, 0, false}, {"几", 0, 0, false},
		{"二〇二〇", 0, 0, false}, {"零", 0, 0, false}, {"百", 0, 0, false},
	} {
		n, ok := parseNumber([]byte(c.in), 0, len(c.in))
		if ok != c.ok || ok && (n.val != c.val || n.hi != c.hi) {
			t.Errorf("parseNumber(%q) = %+v %v, want %d-%d %v", c.in, n, ok, c.val, c.hi, c.ok)
		}
	}
}

func TestAppendsAndSorts(t *testing.T) {
	text := []byte(strings.Join(bulletinCases, "\n"))
	prev := []pi.Finding{{Type: "x", Start: 99}}
	fs := Find(text, prev)
	if fs[0].Type != "x" {
		t.Fatal("Find overwrote dst")
	}
	fs = fs[1:]
	if len(fs) < 20 {
		t.Fatalf("only %d findings", len(fs))
	}
	if !slices.IsSortedFunc(fs, func(a, b pi.Finding) int { return a.Start - b.Start }) {
		t.Error("not sorted by Start")
	}
	for _, f := range fs {
		if f.Source != Source || !f.Category.Valid() || f.Score <= 0 || f.Score > 1 || f.Evidence.Validator == "" {
			t.Errorf("bad finding %+v", f)
		}
		if info, ok := pi.LookupType(f.Type); !ok || !strings.HasPrefix(string(f.Category), string(info.Category)) {
			t.Errorf("%s has category %s", f.Type, f.Category)
		}
	}
}

func TestConcurrent(t *testing.T) {
	text := []byte(strings.Join(bulletinCases, "\n"))
	want := formatFindings(text, Find(text, nil))
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if got := formatFindings(text, Find(text, nil)); got != want {
					t.Error("concurrent Find differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestChineseNumeralDates(t *testing.T) {
	runCases(t, []tcase{
		{"full date", "二〇二〇年三月五日，患者到医院就诊。", []w{
			{pi.Date, "二〇二〇年三月五日", []string{"normalized=2020-03-05", "format=chinese-numerals", "cat=PI.BASIC.DATE", "score>=0.9"}},
		}, nil},
		{"零 for zero, 号 for the day", "二零一九年十二月二十三号", []w{
			{pi.Date, "二零一九年十二月二十三号", []string{"normalized=2019-12-23"}},
		}, nil},
		{"month and day", "三月五日下午，他去了超市。", []w{
			{pi.Date, "三月五日", []string{"normalized=--03-05", "score>=0.85"}},
		}, nil},
		{"year and month", "二〇二一年十月，该校组织了体检。", []w{
			{pi.Date, "二〇二一年十月", []string{"normalized=2021-10", "score<=0.7"}},
		}, nil},
		{"digits for the year", "2020年三月五日", []w{
			{pi.Date, "2020年三月五日", []string{"normalized=2020-03-05"}},
		}, nil},
		{"birth date", "张某，出生于二〇一五年六月一日，现就读于某小学。", []w{
			{pi.Date, "二〇一五年六月一日", []string{"kind=birth", "cat=PI.BASIC.AGE"}},
		}, nil},
		{"not dates", "三月很冷。住院三个月。十三月五日。二月三十日。两月一日。第一个月五日。", nil, []w{{pi.Date, "", nil}}},
		{"a year inside a longer number", "一二〇二〇年三月", nil, []w{{pi.Date, "一二〇二〇年三月", nil}}},
	})
}

// TestFindDates: FindDates finds exactly the dates Find does.
func TestFindDates(t *testing.T) {
	for _, text := range []string{
		"二〇二〇年三月五日，他出生于一九九〇年十二月二十三日。",
		"三月五日到超市；十二月二十三号返回。三个月后，三月。",
		"2020年三月五日出生，二零二零年十二月。",
		"病例1：李某，男，二〇二〇年二月三十日就诊。\n二月三日发病",
		"没有日期的句子。",
	} {
		var want []pi.Finding
		for _, f := range Find([]byte(text), nil) {
			if f.Type == pi.Date {
				want = append(want, f)
			}
		}
		got := FindDates([]byte(text), nil)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q:\n got %v\nwant %v", text, got, want)
		}
	}
}

func TestPositionBefore(t *testing.T) {
	for _, tt := range []struct {
		text, name, want string
	}{
		{"商务部部长陈德铭办公桌", "陈德铭", "部长"},
		{"龙湖置业有限公司营销总监邹墨远", "邹墨远", "营销总监"},
		{"研究会常务副会长顾云昌", "顾云昌", "常务副会长"},
		{"记者蔡早勤", "蔡早勤", "记者"},
		{"今天陈德铭来了", "陈德铭", ""},
	} {
		i := strings.Index(tt.text, tt.name)
		got := ""
		if s := PositionBefore([]byte(tt.text), i); s >= 0 {
			got = tt.text[s:i]
		}
		if got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFindLabeled: under a field name of a person's record a cell is that
// field of the person; under another column it is plain text.
func TestFindLabeled(t *testing.T) {
	for _, tt := range []struct {
		text, label string
		typ         pi.Type
		minScore    float64
	}{
		{"汉族", "民族", pi.Ethnicity, 0.85},
		{"发热", "体温", pi.Health, 0.85},
		{"快递员", "职业", pi.Occupation, 0.8},
		{"9", "年龄", pi.Age, 0.85},
		{" 45 ", "年龄（岁）", pi.Age, 0.85},
		{"十二", "年龄", pi.Age, 0.85},
		{"三年级（2）班", "班级", pi.School, 0.7},
		{"M", "性别", pi.Gender, 0.85},
		{"Female", "gender", pi.Gender, 0.85},
		{"高级工程师", "职位", pi.Occupation, 0.85},
		{"Sales Manager", "position", pi.Occupation, 0.85},
		{"Zhang Wei", "姓名", pi.PersonName, 0.85},
		{"钱多多", "姓名", pi.PersonName, 0.85},
		{"欧阳娜娜", "学生姓名", pi.PersonName, 0.85},
		{"Mary Anne O'Brien", "guardian_name", pi.PersonName, 0.85},
		{"Li Na", "name", pi.PersonName, 0.6},
		{"小熊饼干", "昵称", pi.PersonName, 0.8},
		{"Cookie Bear 2020", "nickName", pi.PersonName, 0.8},
		{"阳性", "检测结果", pi.Health, 0.85},
		{"阴性", "核酸结果", pi.Health, 0.85},
		{"Negative", "testResult", pi.Health, 0.85},
		{"阳性", "乙肝表面抗原", pi.Health, 0.85},
		{"阴性", "HIV抗体", pi.Health, 0.85},
		{"是", "是否低保户", pi.SpecialIdentity, 0.85},
		{"√", "是否为孤儿", pi.SpecialIdentity, 0.85},
		{"有", "有无传染病史", pi.Health, 0.85},
		{"是", "低保户", pi.SpecialIdentity, 0.85},
		{"群众", "政治面貌", pi.Political, 0.85},
		{"中国民主同盟盟员", "政治面貌", pi.Political, 0.85},
		{"未婚", "婚姻状况", pi.MaritalStatus, 0.85},
		{"离异", "婚否", pi.MaritalStatus, 0.85},
		{"已婚", "maritalStatus", pi.MaritalStatus, 0.85},
		{"群众", "political_status", pi.Political, 0.85},
		{"135cm", "身高", pi.Health, 0.85},
		{"120/80", "血压（mmHg）", pi.Health, 0.85},
		{"A型RH阳性", "血型", pi.Health, 0.85},
		{"花生", "过敏史", pi.Health, 0.85},
		{"peanuts", "allergies", pi.Health, 0.85},
		{"二甲双胍", "用药", pi.Health, 0.85},
		{"19830.40", "实发工资", pi.Financial, 0.85},
		{"SMITH", "英文姓", pi.PersonName, 0.85},
		{"Yuki", "firstName", pi.PersonName, 0.85},
		{"美国", "国籍", pi.Nationality, 0.85},
		{"日本国籍", "nationality", pi.Nationality, 0.85},
		{"¥5,000元", "救助金额（元）", pi.Financial, 0.85},
		{"120000", "贷款余额", pi.Financial, 0.85},
		{"AB", "血型", pi.Health, 0.85},
	} {
		var got *pi.Finding
		fs := FindLabeled([]byte(tt.text), tt.label, nil)
		for i := range fs {
			if fs[i].Type == tt.typ {
				got = &fs[i]
			}
		}
		if got == nil || got.Score < tt.minScore {
			t.Errorf("%s under %s: %v, want %s scoring %v or more", tt.text, tt.label, fs, tt.typ, tt.minScore)
		}
		if tt.typ == pi.Age && (got == nil || got.Attr("years") != map[string]string{"十二": "12"}[tt.text] && got.Attr("years") != strings.TrimSpace(tt.text)) {
			t.Errorf("%s under %s: years %v", tt.text, tt.label, got)
		}
		for _, f := range FindLabeled([]byte(tt.text), "备注", nil) {
			if f.Score >= tt.minScore {
				t.Errorf("%s under 备注: %s scores %v", tt.text, f.Type, f.Score)
			}
		}
	}
}

// TestLabeledFieldsNot: what a cell under such a column holds that is not
// the field.
func TestLabeledFieldsNot(t *testing.T) {
	for _, tt := range []struct{ text, label string }{
		{"X", "性别"}, {"Zhangwei", "姓名"}, {"Peking University", "学校名称"}, {"Admin User", "用户名"},
		{"Blue widget", "name"}, {"无", "职位"}, {"2级", "职称"}, {"负责华东区销售，兼管售后服务和培训工作", "职位"},
		{"无", "昵称"}, {"N/A", "nickName"}, {"A", "绩效"}, {"6222021001112345671", "工资卡号"}, {"见附件", "月收入"}, {"L", "英文名"}, {"美国队长", "国籍"}, {"smith", "surname"}, {"多多", "姓名"}, {"阳光小学", "单位名称"}, {"否", "是否低保户"}, {"无", "有无传染病史"}, {"是", "是否同意"}, {"是", "备注"}, {"偏高", "身高"}, {"见附件", "体重"}, {"Apple", "血型"}, {"待查", "血型"}, {"无", "过敏史"}, {"正常", "既往病史"}, {"花生", "是否过敏"},
	} {
		for _, f := range FindLabeled([]byte(tt.text), tt.label, nil) {
			if f.Score >= 0.5 && f.Evidence.Validator != "" && strings.HasPrefix(f.Evidence.Validator, "column:") {
				t.Errorf("%q under %s: %s", tt.text, tt.label, f.Type)
			}
		}
	}
}

// TestBareNumberAge: only a plain number of years under 年龄 is an age.
func TestBareNumberAge(t *testing.T) {
	for _, text := range []string{"abc", "200", "1.5", "十几", ""} {
		for _, f := range FindLabeled([]byte(text), "年龄", nil) {
			if f.Type == pi.Age {
				t.Errorf("%q under 年龄: age %v", text, f)
			}
		}
	}
}

// TestInfantCellAge: under an age column an infant's months and days
// are an age of 0 years (a clinic's register writes 8月, 20天), in a table's
// cell and in a register typed as text; months past three years, a day
// count past two months or a month without a number are none.
func TestInfantCellAge(t *testing.T) {
	for _, tt := range []struct{ text, months string }{{"8月", "8"}, {"8个月", "8"}, {"20天", "0"}, {"36月", "36"}} {
		fs := FindLabeled([]byte(tt.text), "年龄", nil)
		if len(fs) != 1 || fs[0].Type != pi.Age || fs[0].Attr("years") != "0" || fs[0].Attr("months") != tt.months {
			t.Errorf("%q under 年龄: %v, want 0 years %s months", tt.text, fs, tt.months)
		}
	}
	for _, text := range []string{"40月", "90天", "月", "八月份"} {
		for _, f := range FindLabeled([]byte(text), "年龄", nil) {
			if f.Type == pi.Age {
				t.Errorf("%q under 年龄: age %v", text, f)
			}
		}
	}
	reg := "姓名　性别　年龄　诊断\n陈思　女　8月　婴儿湿疹\n"
	var got []string
	for _, f := range Find([]byte(reg), nil) {
		if f.Type == pi.Age {
			got = append(got, reg[f.Start:f.End]+" months="+f.Attr("months"))
		}
	}
	if len(got) != 1 || got[0] != "8月 months=8" {
		t.Errorf("register: ages %q, want 8月 of 8 months", got)
	}
}

// TestRegisterHeaderRow: a register's header row names columns (体温 there
// is no test result); a form written on one line (姓名 张三 性别 男) is not a
// header.
func TestRegisterHeaderRow(t *testing.T) {
	header := "序号 姓名 身份证号 联系电话 体温 来访事由\n1 王某 13812345678 37.8 发热"
	var types []string
	for _, f := range Find([]byte(header), nil) {
		if f.Start < strings.Index(header, "\n") {
			types = append(types, string(f.Type)+":"+header[f.Start:f.End])
		}
	}
	if len(types) > 0 {
		t.Errorf("header row findings %v", types)
	}
	form := "姓名 张三 性别 男 年龄 45"
	got := map[pi.Type]bool{}
	for _, f := range Find([]byte(form), nil) {
		got[f.Type] = true
	}
	if !got[pi.Gender] || !got[pi.Age] {
		t.Errorf("form: %v, want gender and age", got)
	}
}

// TestRegisterColumns: under the header row of a text register, a field is
// read as its column says — any name under 姓名, a bare number under 年龄
// or 体温 — when the row has as many fields as the header.
func TestRegisterColumns(t *testing.T) {
	text := "日期 姓名 年龄 身份证号 体温 来访事由\n11月20日 禤小娜 9 110105201605120021 37.8 探视\n备注 见附件 37.8"
	got := map[string]string{}
	for _, f := range Find([]byte(text), nil) {
		v := text[f.Start:f.End]
		got[v] = string(f.Type)
		if v == "37.8" && f.Start > strings.LastIndex(text, "\n") {
			t.Errorf("a line of another shape read as a row: %v", f)
		}
		if f.Type == pi.Health && f.Attr("fever") != "true" {
			t.Errorf("37.8 is a fever: %v", f.Attrs)
		}
	}
	for v, typ := range map[string]string{"禤小娜": "person_name", "9": "age", "37.8": "health"} {
		if got[v] != typ {
			t.Errorf("%s: %q, want %s (all: %v)", v, got[v], typ, got)
		}
	}
}

func TestCanonicalLabel(t *testing.T) {
	for in, want := range map[string]string{
		"age": "年龄", "Age": "年龄", "student_age": "年龄", "homeAddress": "住址", "home-address": "住址",
		"page": "page", "usage": "usage", "message": "message", "ip_address": "ip_address", "macAddress": "macAddress",
		"email_address": "email_address", "cpu_temp": "cpu_temp", "年龄": "年龄", "": "", "class": "班级", "subclass": "subclass",
	} {
		if got := CanonicalLabel(in); got != want {
			t.Errorf("CanonicalLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRegisterCells: the fields of a text register's rows carry their
// column's name, up to a line that is no row of that header.
func TestRegisterCells(t *testing.T) {
	text := "进店登记\n序号  姓名    住址      体温\n1     周建国  幸福里3栋  36.5\n2     林小燕  东风村    37.6\n共2人\n3     王五  西村  36.6\n"
	var got []string
	for _, c := range RegisterCells([]byte(text)) {
		got = append(got, c.Label+"="+text[c.Start:c.End])
	}
	want := []string{"序号=1", "姓名=周建国", "住址=幸福里3栋", "体温=36.5", "序号=2", "姓名=林小燕", "住址=东风村", "体温=37.6"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v\nwant %v", got, want)
	}
	for _, s := range []string{"姓名 张三 性别 男", "1 2 3\n4 5 6", "刘子涵 孤儿 三年级"} {
		if cs := RegisterCells([]byte(s)); cs != nil {
			t.Errorf("%q: cells %v", s, cs)
		}
	}
	// a mobile number in groups is one field; a row without its last
	// (blank) fields still reads under the header
	text = "序号 姓名 联系电话 来自 备注\n1 刘德明 138 0713 4567 武汉 发热\n2 王强 15971234567 广州\n"
	got = got[:0]
	for _, c := range RegisterCells([]byte(text)) {
		got = append(got, c.Label+"="+text[c.Start:c.End])
	}
	want = []string{"序号=1", "姓名=刘德明", "联系电话=138 0713 4567", "来自=武汉", "备注=发热", "序号=2", "姓名=王强", "联系电话=15971234567", "来自=广州"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v\nwant %v", got, want)
	}
	// a register cut into two texts: the second goes on under the
	// header the first leaves open; a blank line closes it
	first, second := "序号 姓名 年龄\n1 刘德明 56\n", "2 王强 34\n3 张伟 8\n"
	header := OpenHeader([]byte(first), nil)
	if strings.Join(header, " ") != "序号 姓名 年龄" {
		t.Fatalf("open header %q", header)
	}
	got = got[:0]
	for _, c := range RegisterCellsFrom([]byte(second), header) {
		got = append(got, c.Label+"="+second[c.Start:c.End])
	}
	if strings.Join(got, " ") != "序号=2 姓名=王强 年龄=34 序号=3 姓名=张伟 年龄=8" {
		t.Errorf("second part: %v", got)
	}
	if h := OpenHeader([]byte("4 李四 20\n\n注：以上为登记名单\n"), header); h != nil {
		t.Errorf("a blank line and a remark left the header open: %q", h)
	}
	var ages []string
	for _, f := range FindLabeledFrom([]byte(second), "", header, nil) {
		if f.Type == pi.Age {
			ages = append(ages, second[f.Start:f.End])
		}
	}
	if strings.Join(ages, " ") != "34 8" {
		t.Errorf("ages under the carried header: %v", ages)
	}
}

// TestScoreCells: under a column of results or of a school subject a
// score, a grade or a rank is an academic record; not under an employee's
// appraisal, nor a cell that is no result.
func TestScoreCells(t *testing.T) {
	for _, tt := range []struct {
		label, cell string
		want        bool
	}{
		{"语文", "98", true}, {"总分", "612.5", true}, {"成绩", "不及格", true}, {"期末成绩", "A-", true}, {"年级排名", "第12名", true},
		{"score", "87", true}, {"绩效得分", "95", false}, {"考核分数", "88", false}, {"语文", "请假", false}, {"总分", "1000000", false},
		{"备注", "98", false},
	} {
		got := false
		for _, f := range FindLabeled([]byte(tt.cell), tt.label, nil) {
			got = got || f.Type == pi.AcademicRecord
		}
		if got != tt.want {
			t.Errorf("%s under %s: academic record %v, want %v", tt.cell, tt.label, got, tt.want)
		}
	}
}
