package detect

// Context words. A recognizer asks whether words of a group occur in a rune
// window around its candidate: words before the value (the usual Chinese
// order: 身份证号：…, 手机 …) and a few after it (…次列车, …航班). The
// negative group holds words that make a number something else: order,
// invoice and tracking numbers, versions, amounts.
//
// Groups are bits in a uint64, so one automaton walk over the window answers
// every recognizer at once.

type ctxGroup uint8

const (
	ctxID ctxGroup = iota
	ctxPhone
	ctxLandline
	ctxBank
	ctxPassport
	ctxHKMacau
	ctxTaiwanPermit
	ctxHKID
	ctxTaiwanID
	ctxMacaoID
	ctxQQ
	ctxWeChat
	ctxIMEI
	ctxMAC
	ctxIP
	ctxGPS
	ctxTrain
	ctxFlight
	ctxSeat
	ctxVIN
	ctxPlate
	ctxUSCC
	ctxBirth
	ctxDate
	ctxEmail
	ctxURL
	ctxMedical
	ctxPersonNumber
	ctxDevice
	ctxNegative // order, invoice, tracking, serial numbers
	ctxVersion  // version strings, model numbers
	ctxAmount   // money
	ctxTrainAfter
	ctxFlightAfter
	numCtxGroups
)

func (g ctxGroup) bit() uint64 { return 1 << uint(g) }

// contextWords lists each group's words. Keep them specific: a word that is
// common in prose with no identifier near it only adds noise to the score.
var contextWords = map[ctxGroup][]string{
	ctxID: {"身份证", "身份证号", "身份证号码", "公民身份号码", "身份号码", "证件号", "证件号码", "居民身份证",
		"idcard", "id card", "id no", "id number", "sfz", "证件", "身份證", "身份證號碼", "證件號碼"},
	ctxPhone: {"手机", "电话", "手机号", "手机号码", "联系电话", "联系方式", "电话号码", "号码", "致电", "拨打",
		"来电", "热线", "短信", "tel", "phone", "mobile", "cell", "联系人", "微信同号",
		// traditional characters, for the identifier-only engine, which does
		// not convert them (the whole engine reads 電話 as 电话)
		"手機", "電話", "聯絡電話", "聯繫電話", "號碼", "行動電話"},
	ctxLandline: {"电话", "座机", "固话", "传真", "热线", "办公电话", "联系电话", "tel", "fax", "总机", "分机"},
	ctxBank: {"银行卡", "卡号", "账号", "帐号", "账户", "帐户", "储蓄卡", "信用卡", "借记卡", "开户行", "银行",
		"转账", "汇款", "收款", "社保卡", "工资卡", "银联", "card no", "account"},
	ctxPassport:     {"护照", "护照号", "护照号码", "passport", "旅行证件"},
	ctxHKMacau:      {"港澳通行证", "往来港澳", "回乡证", "来往内地通行证", "港澳居民", "通行证"},
	ctxTaiwanPermit: {"台胞证", "往来台湾", "台湾通行证", "来往大陆通行证", "台湾居民", "通行证", "大通证"},
	ctxHKID:         {"香港身份证", "身份证", "hkid", "香港居民"},
	ctxTaiwanID:     {"台湾身份证", "身份证", "身分證", "台湾居民", "国民身份证"},
	ctxMacaoID:      {"澳门身份证", "澳门居民身份证", "澳门永久性居民", "澳门非永久性居民", "身份证", "澳门", "bir"},
	ctxQQ:           {"qq", "qq号", "qq号码", "扣扣", "企鹅号", "q号", "qq群"},
	ctxWeChat:       {"微信", "微信号", "wechat", "weixin", "vx", "wx", "v信", "威信", "加v", "加微"},
	ctxIMEI:         {"imei", "串号", "设备号", "meid", "手机识别码", "设备识别码"},
	ctxMAC:          {"mac", "物理地址", "mac地址", "网卡"},
	ctxDevice: {"idfa", "idfv", "oaid", "udid", "android", "androidid", "android id", "device", "deviceid", "device id",
		"设备id", "设备标识", "设备标识符", "设备号", "设备识别码", "设备码", "广告标识符", "终端标识", "imsi", "iccid", "sim卡号", "sim卡"},
	ctxIP:         {"ip", "ip地址", "登录地址", "服务器", "host", "客户端"},
	ctxGPS:        {"经纬度", "坐标", "经度", "纬度", "gps", "定位", "位置", "lat", "lng", "lon", "北纬", "东经"},
	ctxTrain:      {"列车", "火车", "高铁", "动车", "车次", "次列车", "乘坐", "乘", "搭乘", "候车", "站上车", "站下车"},
	ctxTrainAfter: {"次", "次列车", "列车", "次高铁", "次动车", "次火车"},
	ctxFlight: {"航班", "飞机", "航班号", "乘机", "飞往", "飞抵", "机场", "起飞", "降落", "flight", "东航", "国航", "南航",
		"海航", "川航", "厦航", "深航", "山航", "春秋航空", "吉祥航空", "东方航空", "南方航空", "国际航空", "航空"},
	ctxFlightAfter:  {"航班", "次航班", "号航班"},
	ctxSeat:         {"座位", "座位号", "座号", "车厢", "号车厢", "车", "排", "座", "舱", "铺", "seat"},
	ctxVIN:          {"车架号", "vin", "车辆识别代号", "车辆识别码", "识别代码", "底盘号"},
	ctxPlate:        {"车牌", "车牌号", "号牌", "牌照", "车辆"},
	ctxUSCC:         {"统一社会信用代码", "信用代码", "社会信用代码", "纳税人识别号", "税号", "营业执照", "注册号"},
	ctxBirth:        {"出生", "出生日期", "生日", "出生于", "birth", "birthday", "birthdate", "dob", "born"}, // 生于: see bornBefore
	ctxDate:         {"日期", "时间", "于", "date"},
	ctxEmail:        {"邮箱", "电子邮件", "email", "e-mail", "mail", "邮件"},
	ctxURL:          {"网址", "链接", "网站", "主页", "url"},
	ctxMedical:      medicalLabels,
	ctxPersonNumber: personLabels,
	ctxNegative: {"订单", "订单号", "单号", "运单", "运单号", "快递", "快递单", "物流", "发票", "发票号", "发票代码",
		"流水", "流水号", "交易号", "交易单号", "编号", "序列号", "序号", "批号", "批次", "工单", "合同号",
		"编码", "条码", "条形码", "货号", "商品码", "凭证", "凭证号", "票号", "案号", "文号", "tracking",
		"order", "invoice", "serial", "sn", "isbn", "issn", "时间戳", "timestamp"},
	ctxVersion: {"版本", "版本号", "version", "ver", "v", "型号", "固件", "build", "release"},
	ctxAmount:  {"元", "万元", "亿元", "金额", "人民币", "￥", "¥", "rmb", "价格", "总价", "余额"},
}

// buildContext compiles every group's words into one automaton.
func buildContext() *keywords {
	var words []string
	var payload []uint64
	for g, ws := range contextWords {
		for _, w := range ws {
			words = append(words, w)
			payload = append(payload, g.bit())
		}
	}
	k, err := newKeywords(words, payload)
	if err != nil {
		panic("detect: built-in context words: " + err.Error()) // our own constant table
	}
	return k
}

// Window sizes in runes.
const (
	ctxBeforeRunes = 16
	ctxAfterRunes  = 6
)

// ctxHit is a context word near a candidate: its groups and its distance in
// bytes from the candidate (0 = adjacent).
type ctxHit struct {
	groups uint64
	word   int
	dist   int
	after  bool
}

// ctxInfo is the context of one candidate span.
type ctxInfo struct {
	hits []ctxHit
	all  uint64 // union of groups of all hits
	// label holds groups from the fragment's label (CSV column name, JSON
	// key): they apply to every candidate in the fragment.
	label uint64
}

func (c *ctxInfo) has(g ctxGroup) bool { return (c.all|c.label)&g.bit() != 0 }

func (c *ctxInfo) hasBefore(g ctxGroup) bool {
	if c.label&g.bit() != 0 {
		return true
	}
	for _, h := range c.hits {
		if !h.after && h.groups&g.bit() != 0 {
			return true
		}
	}
	return false
}

func (c *ctxInfo) hasAfter(g ctxGroup) bool {
	for _, h := range c.hits {
		if h.after && h.groups&g.bit() != 0 {
			return true
		}
	}
	return false
}

// inLabel reports whether the fragment's label holds a word of group g.
func (c *ctxInfo) inLabel(g ctxGroup) bool { return c.label&g.bit() != 0 }

// nearest returns the distance of the closest hit of group g before the
// candidate, or -1. A label hit counts as far away but present.
func (c *ctxInfo) nearest(g ctxGroup) int {
	best := -1
	for _, h := range c.hits {
		if !h.after && h.groups&g.bit() != 0 && (best < 0 || h.dist < best) {
			best = h.dist
		}
	}
	if best < 0 && c.label&g.bit() != 0 {
		return 1 << 20
	}
	return best
}

// polarity weighs the positive groups against the negative ones: +1 when a
// positive word is the nearest, -1 when a negative word is nearer than any
// positive one, 0 when neither occurs.
func (c *ctxInfo) polarity(pos ...ctxGroup) int {
	p := -1
	for _, g := range pos {
		if d := c.nearest(g); d >= 0 && (p < 0 || d < p) {
			p = d
		}
	}
	n := c.nearest(ctxNegative)
	switch {
	case n >= 0 && (p < 0 || n < p):
		return -1
	case p >= 0:
		return 1
	}
	return 0
}
