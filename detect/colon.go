package detect

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// colonFieldWords end the labels whose value is no person (地址：, 诊断：,
// 单位：): after them a surname and two characters are a place, an
// illness or an organization as often as a name.
var colonFieldWords = byteWords("地址", "住址", "籍贯", "单位", "职业", "职务", "民族", "诊断", "原因", "结果", "学校", "班级",
	"类别", "状态", "情况", "方式", "时间", "日期", "地点", "名称", "项目", "病史", "症状", "公司", "学历", "专业", "爱好", "特长",
	"内容", "主题", "标题", "题目", "品牌", "型号", "产品", "商品", "物品", "事由", "意见", "结论", "科室", "病房", "医院",
	"户籍", "国籍", "宗教", "信仰", "面貌", "婚姻", "血型", "去向", "目的地", "出发地", "车次", "航班", "路线", "来源", "用途",
	"名", "号", "码", "费", "额", "价", "址", "区", "市", "省", "县", "镇", "村", "路", "街", "店", "院", "楼", "点", "军", "冠")

// colonPlaceEnds are last characters of places and organizations, which
// no full name a field gives ends with.
const colonPlaceEnds = "市省县区镇村乡路街道园院校局所司厂店场馆站楼号室队组部处科社团会州山河湖江岛井座台桥湾港峰阁寺庙门"

// colonValueEnd reports whether r ends a field's value.
func colonValueEnd(r rune) bool { return strings.ContainsRune("，,、；;（(。\n\r", r) }

// colonNames adds the full name that is the whole value of a form's field
// (晨检异常：林可欣，手部有疱疹): after a colon, a common surname and two
// characters up to the value's end, none of them a common word, where the
// tagger found nothing. The label must not be one whose value is a thing
// (地址：, 诊断：). fs need not be sorted.
func colonNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	if common == nil {
		return fs
	}
	names := newNameAdder(&fs, len(text))
	wide, ascii := bytes.Index(text, []byte("：")), bytes.IndexByte(text, ':')
	for from := 0; from < len(text); {
		// the next colon of either width, each found by a fast search
		// (IndexAny decodes every rune: 3 % of the engine on news)
		if wide >= 0 && wide < from {
			if k := bytes.Index(text[from:], []byte("：")); k >= 0 {
				wide = from + k
			} else {
				wide = -1
			}
		}
		if ascii >= 0 && ascii < from {
			if k := bytes.IndexByte(text[from:], ':'); k >= 0 {
				ascii = from + k
			} else {
				ascii = -1
			}
		}
		at := wide
		if at < 0 || ascii >= 0 && ascii < at {
			at = ascii
		}
		if at < 0 {
			break
		}
		_, n := utf8.DecodeRune(text[at:])
		from = at + n
		start := from
		for start < len(text) && (text[start] == ' ' || bytes.HasPrefix(text[start:], []byte("\u3000"))) {
			if text[start] == ' ' {
				start++
			} else {
				start += len("\u3000")
			}
		}
		end, runes := hanRun(text, start, 4)
		if runes != 3 {
			continue
		}
		if end < len(text) {
			if r, _ := utf8.DecodeRune(text[end:]); !colonValueEnd(r) {
				continue
			}
		}
		label := text[hanRunBefore(text, at):at]
		if len(label) == 0 || hasAnySuffix(label, colonFieldWords) {
			continue
		}
		name := text[start:end]
		if !colonFullName(name, common) {
			continue
		}
		names.add(start, end, 0.7, pi.Evidence{Validator: "rule:field-name", Valid: true, Context: []string{string(label)}})
	}
	return fs
}

// colonFullName reports whether a field's value of three characters reads
// as a full name: a surname of one character a thousand in a million
// people bear, a given name that is no common word and starts with no
// function word, the whole no word and no place.
func colonFullName(name []byte, common func(string) bool) bool {
	sl := zh.SurnameAt(string(name))
	if sl != 3 {
		return false
	}
	if freq, _ := zh.Surname(string(name[:sl])); freq < 1000 {
		return false
	}
	given := name[sl:]
	g1, n1 := utf8.DecodeRune(given)
	last, _ := utf8.DecodeLastRune(name)
	if containsRune(framedNotGiven, g1) || strings.ContainsRune(colonPlaceEnds, last) {
		return false
	}
	return !common(string(name)) && !common(string(given)) && !common(string(name[:sl+n1]))
}
