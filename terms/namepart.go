package terms

import (
	"strings"
	"unicode/utf8"

	"github.com/custos-project/custos/pi"
)

// The name of a venue or a school is the run of characters before the
// venue word (永辉超市, 犀浦镇某小学, 大同市第四人民医院). The run is cut where
// the name cannot go on: at punctuation, at a preposition or verb (在永辉超市,
// 就读于某小学, 入住如家酒店), at a time (20日永辉超市) and at most at
// maxName characters; a run longer than that is not trusted and the venue
// word stands alone. Determiners (该, 这家, 一所) and generic modifiers (大型,
// 定点, 附近) are not names.

const maxName = 12

// maxLocalName bounds the part of a long name after the divisions that
// open it (阿市乡中心 of 贵州省毕节市七星关区阿市乡中心小学), see divisionName.
const maxLocalName = 8

// divisionName returns the start of a school's name longer than maxName
// that opens with the divisions it is in: a full division name (七星关区, 资中县) ends
// at most maxLocalName characters before the venue or school word at i,
// with no stop between, and the division names right before it go with it
// (贵州省毕节市). False when there is none. Venues do not read so far: the
// address parser reads a venue after divisions and a road (武汉市江岸区球场路
// 江西煨汤餐馆) as an address.
func (s *scan) divisionName(i, floor int) (int, bool) {
	t := s.text
	k := i
	for n := 0; n <= maxLocalName && k > floor; n++ {
		if st := placeStart(t, k, floor); st >= 0 && fullDivision(t[st:k]) {
			for p := placeStart(t, st, floor); p >= 0; p = placeStart(t, st, floor) {
				st = p
			}
			return st, true
		}
		r, size := runeBefore(t, k)
		if !isHan(r) || nameStop[r] {
			return 0, false
		}
		k -= size
	}
	return 0, false
}

// fullDivision reports whether a place name is written with its division
// suffix (毕节市, 七星关区), not short (毕节).
func fullDivision(b []byte) bool {
	r, _ := utf8.DecodeLastRune(b)
	return strings.ContainsRune("省市区县旗州盟", r)
}

// nameStop holds characters that end a name: prepositions, particles and
// verbs of movement.
var nameStop = newRuneSet("在到于去至从与和的及或是为由对把被让给据等了着过将就也还又并而但且即乘坐住入往赴抵离返读念有逛开都说看我你他她获任现原")

// nameKeep are words that start with a stop character but belong to names
// (和平医院, 向阳小学, 经开区医院).
// nameKeepEnd are words that end with a stop character but belong to
// names (首都, 古都); place names (成都, 郫都) are kept too.
var nameKeepEnd = []string{"成都", "首都", "京都", "古都", "帝都", "都都", "魔都", "国都", "旧都", "东都", "西都", "南都", "新都", "丰都", "江都"}

var nameKeep = []string{"和平", "和谐", "向阳", "经开", "经济", "平和", "开元", "开平", "开封", "开发", "开心", "有限", "大有", "万有", "有色",
	"任丘", "获嘉", "现代", "原平", "原阳"}

// nameCut are words that end before a name: verbs, time words, nouns for
// people, quantities.
var nameCut = newWordSet("就读", "就诊", "前往", "途经", "位于", "来自", "毕业", "参观", "访问", "走访", "光顾", "包括",
	"例如", "比如", "以及", "或者", "还是", "联合", "组织", "举办", "举行", "表示", "介绍", "发布", "公布", "宣布",
	"通报", "要求", "提醒", "其中", "目前", "同时", "当天", "随后", "之后", "然后", "后来", "今天", "昨天", "上午",
	"下午", "晚上", "中午", "早上", "凌晨", "傍晚", "时许", "左右", "期间", "分别", "先后", "一起", "陪同", "驾车",
	"步行", "打车", "乘车", "骑车", "开车", "搭乘", "转至", "转入", "送至", "送往", "收治", "隔离", "治疗", "检查",
	"就医", "看病", "购买", "消费", "用餐", "吃饭", "聚餐", "上班", "工作", "任职", "任教", "学习", "考入", "考上",
	"进入", "走进", "来到", "回到", "返回", "抵达", "到达", "离开", "经过", "路过", "住进", "转到", "转往", "就职",
	"供职", "发现", "出现", "据悉", "记者", "患者", "病例", "市民", "居民", "家属", "同事", "朋友", "家人", "全市",
	"全省", "全国", "全区", "本市", "我市", "我省", "我区", "辖区", "各地", "多地", "此外", "另外", "而且", "但是",
	"因为", "所以", "目前", "已经", "正在", "曾经", "一直", "分钟", "小时", "在内", "内的", "每天", "每日", "近日",
	"日前", "近期", "前期", "当日", "次日", "当晚", "来自", "出发", "乘坐", "返家", "回家", "到家", "进行", "开展",
	"参加", "参与", "成立", "担任", "现任", "曾任", "开业", "开设", "设立", "新建", "改建", "投资", "管理", "服务", "推荐",
	"建议", "打造", "成为", "作为", "称为", "叫做", "名为", "经营", "创办", "拥有", "一共", "共有", "还有", "只有",
	"没有", "设有", "部分", "附近的", "周边的", "当地的", "一些", "参观了", "游览", "观看", "欣赏", "展出", "展示",
	"一家", "一所", "一个", "这家", "那家", "两家", "该家", "这所", "号线", "诚邀", "邀请", "保送", "虚构", "距离", "西距", "东距", "南距", "北距", "毗邻", "紧邻", "靠近", "临近",
	"今年", "去年", "明年", "当年", "每年", "孩子", "女儿", "儿子", "家长", "坚守", "扎根", "驻守", "奔赴", "调入", "调到", "分配到",
	"获得", "考取", "想考", "报考", "要考", "历任", "请求", "今任", "兼任", "出任", "就任", "升任", "颁授", "授予", "取得",
	"联系", "咨询", "致电", "拨打", "询问", "告知", "请", "通知", "报告", "上报", "反映", "告诉")

// visitWords are the cuts that say a person went to the place.
var visitWords = map[string]bool{"在": true, "到": true, "于": true, "去": true, "至": true, "赴": true, "往": true,
	"抵": true, "住": true, "入": true, "前往": true, "途经": true, "就诊": true, "就医": true, "光顾": true,
	"来到": true, "回到": true, "返回": true, "抵达": true, "到达": true, "进入": true, "走进": true, "转至": true,
	"转入": true, "送至": true, "送往": true, "住进": true, "转到": true, "转往": true, "看病": true, "路过": true,
	"经过": true, "购物": true, "用餐": true, "聚餐": true, "就读": true, "考入": true, "考上": true, "任教": true,
	"工作": true, "上班": true}

// nameDeterminers are stripped from the start of a name.
var nameDeterminers = newWordSet("这一", "一些", "某些", "这些", "那些", "一所", "一家", "一个", "一间", "一座", "这家",
	"那家", "这所", "那所", "该所", "该家", "各家", "多家", "多所", "两家", "两所", "几家", "几所", "数家", "每家",
	"这个", "那个", "这座", "那座", "各个", "所有", "其他", "其它", "个", "很多", "许多", "不少", "多个", "各大", "众多", "本", "该", "此", "这", "那", "各", "每", "其")

// genericNames are modifiers, not names (大型超市, 定点医院, 附近药店).
var genericNames = map[string]bool{"大型": true, "小型": true, "中型": true, "综合": true, "定点": true, "附近": true,
	"三甲": true, "二甲": true, "公立": true, "私立": true, "民营": true, "当地": true, "本地": true, "周边": true,
	"大": true, "小": true, "中": true, "新": true, "各级": true, "基层": true, "专科": true, "正规": true, "上": true,
	"重点": true, "普通": true, "公办": true, "民办": true, "寄宿": true, "示范": true, "名牌": true, "知名": true,
	"一流": true, "高等": true, "各类": true, "级": true, "大中": true, "中小": true, "大中小": true, "城区": true,
	"社区": true, "乡镇": true, "农村": true, "城市": true, "县级": true, "市级": true, "省级": true, "国家级": true,
	"医疗": true, "指定": true, "就近": true, "最近": true, "大型连锁": true, "连锁": true, "24小时": true, "网上": true,
	"线上": true, "实体": true, "国外": true, "国内": true, "外地": true, "省外": true, "境外": true, "海外": true,
	"美国": true, "中国": true, "世界": true, "全球": true, "一流的": true, "好": true, "老": true, "女子": true,
	"男子": true, "儿童": true, "妇幼": true, "特殊": true, "职业": true, "技工": true, "成人": true, "开放": true,
	"部属": true, "重点的": true, "全日制": true, "师范": true, "医科": true, "理工": true, "部分": true, "哪": true,
	"哪个": true, "哪所": true, "哪家": true, "什么": true, "任何": true, "别的": true, "同一": true, "同一家": true}

// namePart returns the start of the name that ends at i, the cut before
// it ("" at punctuation or the sentence start) and whether the name is
// usable (false when the run was too long to trust). A start equal to i
// means no name.
func (s *scan) namePart(i int) (start int, cut string, ok bool) {
	t := s.text
	pos := i
	floor := max(s.sentStart, s.termEnd)
	// a name found before the word ends the part (张某某系某中学: 某中学)
	for _, f := range s.out {
		if isNameType(f.Type) && f.End <= i && f.End > floor {
			floor = f.End
		}
	}
	for n := 0; ; n++ {
		if pos <= floor {
			break
		}
		if k := nameCut.suffix(t, pos, floor); k > 0 && !(hasPrefixAt(t, pos, "童") && string(t[pos-k:pos]) == "女儿") {
			// (not 女儿 of 妇女儿童: 成都市妇女儿童中心医院 is one name)
			cut = string(t[pos-k : pos])
			break
		}
		r, size := runeBefore(t, pos)
		if r == '上' && pos == i && !placeBefore(t, pos, floor) {
			// the verb: 上小学, 上医院 (but 海上 … of a place name stays)
			return pos, "上", true
		}
		switch {
		case isDigit(r):
			// Digits belong to a name only right before the venue word or
			// after 第 (101中学, 第2人民医院); 20日永辉超市 is cut at 日 below.
			a, _, _ := numberBefore(t, pos, s.sentStart)
			if p, _ := runeBefore(t, a); pos == i || p == '第' {
				pos = a
				continue
			}
			return pos, cut, true
		case isHan(r):
			if nameStop[r] {
				if k := prefixIn(t, pos-size, nameKeep); k > 0 && pos-size+k <= i {
					pos -= size
					continue
				}
				if suffixIn(t, pos, nameKeepEnd) > 0 || placeBefore(t, pos, floor) {
					pos -= size
					continue
				}
				cut = string(r)
				return s.trimName(pos, i), cut, true
			}
			// A time cuts the name: 20日, 9时, 3号.
			if r == '日' || r == '时' || r == '分' || r == '月' || r == '号' || r == '点' || r == '许' || r == '天' || r == '年' {
				if p, _ := runeBefore(t, pos-size); isNumeralRune(p) {
					return s.trimName(pos, i), string(r), true
				}
			}
		case isASCIIAlnum(r) || r == '·' || r == '&':
		default:
			return s.trimName(pos, i), cut, true
		}
		if n >= maxName {
			return i, "", false
		}
		pos -= size
	}
	return s.trimName(pos, i), cut, true
}

// trimName strips determiners from the start of the name [a, i) and
// returns the new start; i when nothing but determiners and generic
// modifiers remain.
func (s *scan) trimName(a, i int) int {
	t := s.text
	// 系 opening a clause or right after a name is the copula (，系某中学初一
	// 学生; 张某某系某中学)
	if hasPrefixAt(t, a, "系") && a+len("系") < i {
		if p, _ := runeBefore(t, a); p == -1 || isDelim(p) || s.nameEndsAt(a) {
			a += len("系")
		}
	}
	// A quantity: 两个酒店, 四家酒店, 3家超市.
	if na, nb, ok := numberAfter(t, a, i); ok && na == a && nb < i {
		if r, n := runeAt(t, nb); r == '个' || r == '家' || r == '所' || r == '座' || r == '间' || r == '处' || r == '名' || r == '大' || r == '栋' || r == '幢' || r == '些' {
			a = nb + n
		}
	}
	for k := 0; k < 3 && a < i; k++ {
		n := nameDeterminers.prefix(t, a, i)
		if n == 0 || a+n > i {
			break
		}
		// 一中 (No. 1 Middle School), 二中: a numeral right before the
		// school word is the name.
		if a+n == i {
			if r, _ := runeAt(t, a); r == '一' || r == '两' {
				break
			}
		}
		a += n
	}
	if a < i && genericNames[string(t[a:i])] {
		return i
	}
	return a
}

func isNameType(t pi.Type) bool { return t == pi.PersonName || t == pi.MaskedName }

// nameEndsAt reports whether a name found in the sentence ends at i.
func (s *scan) nameEndsAt(i int) bool {
	for _, f := range s.out {
		if isNameType(f.Type) && f.End == i {
			return true
		}
	}
	return false
}
