package detect

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// Pet names. Children and friends are called by one character written
// twice (朵朵, 兔兔, 佳佳) or by one character of their name and 哥 or 姐
// (东哥): in a parent chat, a post or a case note such a name is the
// person's. Doubled characters are also interjections (哈哈, 嘻嘻), adverbs
// (常常, 默默), kin words (妈妈, 姐姐) and emoticon runs ([泪][泪]), so one is
// taken for a name only where the sentence shows a person: after a word
// that addresses or names one (感谢, 叫, 和 …, or a delimiter) and before a
// delimiter or a word that follows names, a word on one side at least.

// doubledNot are doubled characters that name no one (a common word of the
// lexicon counts only where someone is thanked or called by it: 感谢圆圆).
var doubledNot = map[string]bool{"哈哈": true, "嘻嘻": true, "呵呵": true, "嘿嘿": true, "啊啊": true, "哦哦": true, "嗯嗯": true,
	"呜呜": true, "啦啦": true, "哒哒": true, "耶耶": true, "哼哼": true, "泪泪": true, "心心": true, "汗汗": true, "赞赞": true,
	"抱抱": true, "亲亲": true, "好好": true, "看看": true, "试试": true, "谢谢": true, "慢慢": true, "刚刚": true, "常常": true,
	"往往": true, "默默": true, "悄悄": true, "深深": true, "大大": true, "小小": true, "人人": true, "天天": true, "多多": true,
	"明明": true, "包包": true, "了了": true, "开开": true, "转转": true, "对对": true, "我我": true, "你你": true, "他他": true,
	"她她": true, "王王": true, "夹夹": true, "姐姐": true, "哥哥": true, "妹妹": true, "弟弟": true, "妈妈": true, "爸爸": true,
	"爷爷": true, "奶奶": true, "姥姥": true, "姥爷": true, "宝宝": true, "娃娃": true, "太太": true, "星星": true, "猫猫": true,
	"狗狗": true, "猪猪": true, "叔叔": true, "伯伯": true, "舅舅": true, "姑姑": true, "婆婆": true, "公公": true, "嫂嫂": true,
	"个个": true, "家家": true, "年年": true, "月月": true, "日日": true, "处处": true, "时时": true, "事事": true, "步步": true,
	"久久": true, "渐渐": true, "纷纷": true, "连连": true, "频频": true, "稍稍": true, "偏偏": true, "恰恰": true, "仅仅": true,
	"白白": true, "早早": true, "轻轻": true, "静静": true, "甜甜": true, "乖乖": true, "快快": true, "满满": true, "紧紧": true,
	"一一": true, "万万": true, "滚滚": true, "点点": true, "条条": true, "丝丝": true, "层层": true, "重重": true, "种种": true,
	"来来": true, "走走": true, "想想": true, "说说": true, "等等": true, "聊聊": true, "玩玩": true, "听听": true, "笑笑": true,
	"摸摸": true, "拜拜": true, "哇哇": true, "嘛嘛": true, "吧吧": true, "呀呀": true, "噢噢": true, "喔喔": true, "嘤嘤": true}

// doubledBefore are the words after which a doubled character may be a
// name (感谢兔兔, 叫朵朵, 和佳佳).
var doubledBefore = byteWords("感谢", "谢谢", "叫", "和", "跟", "与", "给", "陪", "带", "让", "问", "找", "女儿", "儿子", "孙子",
	"孙女", "外孙", "小朋友", "宝贝", "同学", "闺女", "小名")

// doubledAfter are the words that may follow a doubled name (朵朵说, 朵朵今年).
var doubledAfter = byteWords("说", "今年", "今天", "昨天", "也", "还", "和", "跟", "在", "已经", "妈妈", "爸爸", "奶奶", "爷爷",
	"同学", "小朋友", "生日", "发烧", "生病", "上学", "放学", "哭", "笑", "要", "想", "是")

// doubledNames adds the pet names written as one character twice that
// the context shows to be names (see above). fs need not be sorted.
func doubledNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	names := newNameAdder(&fs, len(text))
	for i := 0; i+5 < len(text); {
		// the same three bytes twice, checked before decoding: this loop
		// sees every character of every text
		if c := text[i]; c < 0xE0 || c >= 0xF0 || text[i] != text[i+3] || text[i+1] != text[i+4] || text[i+2] != text[i+5] {
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if n != 3 || !unicode.Is(unicode.Han, r) {
			i += n
			continue
		}
		start, end := i, i+2*n
		i = end
		w := string(text[start:end])
		if doubledNot[w] {
			continue
		}
		// not three or more in a row (哈哈哈), not inside a word
		if p, _ := utf8.DecodeLastRune(text[:start]); p == r {
			continue
		}
		if q, _ := utf8.DecodeRune(text[end:]); q == r {
			continue
		}
		// a word on one side at least: a delimiter or 的 on both (、酷酷的人物)
		// is an adjective's place as much as a name's
		open, strongOpen := doubledOpens(text[:start])
		closes, strongClose := doubledCloses(text[end:])
		if !open || !closes || !strongOpen && !strongClose {
			continue
		}
		// a common word (圆圆 is round) only when someone is thanked or
		// called by it (感谢圆圆, 叫圆圆)
		if common != nil && common(w) && !hasAnySuffix(text[:start], addressing) {
			continue
		}
		names.add(start, end, 0.7, pi.Evidence{Validator: "rule:doubled-name", Valid: true}, pi.Attr{Key: "nickname", Value: "true"})
	}
	return fs
}

// doubledOpens reports whether what comes before may open a name (the
// text's start, a delimiter but a title's bracket) and whether it is a word
// of doubledBefore.
func doubledOpens(before []byte) (ok, strong bool) {
	p, _ := utf8.DecodeLastRune(before)
	if len(before) == 0 {
		return true, false
	}
	if !unicode.Is(unicode.Han, p) {
		return !unicode.IsLetter(p) && !unicode.IsDigit(p) && p != '《' && p != '〈', false
	}
	if hasAnySuffix(before, doubledBefore) {
		return true, true
	}
	return false, false
}

// doubledCloses reports whether what follows may close a name (the text's
// end, a delimiter, 的) and whether it is a word of doubledAfter.
func doubledCloses(after []byte) (ok, strong bool) {
	q, _ := utf8.DecodeRune(after)
	if len(after) == 0 {
		return true, false
	}
	if !unicode.Is(unicode.Han, q) {
		return !unicode.IsLetter(q) && !unicode.IsDigit(q) && q != '》' && q != '〉', false
	}
	if q == '的' {
		return true, false
	}
	return hasAnyPrefix(after, doubledAfter), true
}

// addressing are the words that speak to or of a person by name.
var addressing = byteWords("感谢", "谢谢", "叫", "小名", "名叫", "取名")

// byteWords returns ws as byte slices.
func byteWords(ws ...string) [][]byte {
	out := make([][]byte, len(ws))
	for i, w := range ws {
		out[i] = []byte(w)
	}
	return out
}

// siblingNameBefore are the words after which a character and 哥 or 姐 is
// what someone is called (你们说东哥, 听到泽哥的声音, 感谢莉姐).
var siblingNameBefore = byteWords("说", "説", "和", "跟", "给", "叫", "到", "感谢", "谢谢", "让", "被", "对", "找", "问", "是", "的", "请", "陪")

// siblingNot are the characters before 哥 or 姐 that make a word, not a
// name (大哥, 表姐, 帅哥, 二哥).
const siblingNot = "一二三四五六七八九十大小老帅表堂师学家亲干姐哥靓美御富长幺妻夫舅姨姑叔伯和与及跟"

// siblingNext are the characters that may follow such a name: particles
// and verbs (东哥的, 泽哥说).
const siblingNext = "的说也都在是和给去来要会还就又呢吧啊呀让带请"

// siblingNames adds what someone is called with one character of the
// name and 哥 or 姐 (东哥, 泽哥): a character that makes no word with 哥 or
// 姐 (common may be nil), after a delimiter or a word of
// siblingNameBefore. fs need not be sorted.
func siblingNames(text []byte, fs []pi.Finding, common func(string) bool) []pi.Finding {
	names := newNameAdder(&fs, len(text))
	for at := 3; at+3 <= len(text); at++ {
		// 哥 is E5 93 A5, 姐 E5 A7 90: one pass over the bytes
		if text[at] != 0xE5 || !(text[at+1] == 0x93 && text[at+2] == 0xA5 || text[at+1] == 0xA7 && text[at+2] == 0x90) {
			continue
		}
		kin := text[at : at+3]
		x, n := utf8.DecodeLastRune(text[:at])
		if n != 3 || !unicode.Is(unicode.Han, x) || strings.ContainsRune(siblingNot, x) {
			continue
		}
		start, end := at-n, at+3
		if q, _ := utf8.DecodeRune(text[end:]); unicode.Is(unicode.Han, q) && !strings.ContainsRune(siblingNext, q) {
			continue // 姐夫, 哥们: a word goes on
		}
		if common != nil && common(string(text[start:end])) || string(text[start:end]) == "吴哥" {
			continue // 吴哥 is Angkor
		}
		before := text[:start]
		if p, _ := utf8.DecodeLastRune(before); len(before) > 0 && (unicode.Is(unicode.Han, p) && !hasAnySuffix(before, siblingNameBefore) || unicode.IsLetter(p) && !unicode.Is(unicode.Han, p) || unicode.IsDigit(p)) {
			continue
		}
		names.add(start, end, 0.65, pi.Evidence{Validator: "rule:sibling-name", Valid: true, Context: []string{string(kin)}},
			pi.Attr{Key: "nickname", Value: "true"})
	}
	return fs
}
