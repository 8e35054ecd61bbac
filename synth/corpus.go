package synth

import (
	"fmt"
	"strings"
	"time"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/pi"
)

// A template is a sentence with slots {kind}. A slot kind names a value
// generator; its gold type is the kind's type, or none for decoys.
type slot struct {
	typ pi.Type // "" for decoys
	gen func(v *Values) string
}

var slots = map[string]slot{
	"id":          {pi.ResidentID, func(v *Values) string { return v.ResidentID(IDOptions{}) }},
	"id_x":        {pi.ResidentID, func(v *Values) string { return v.ResidentIDWithX(false) }},
	"id_lower_x":  {pi.ResidentID, func(v *Values) string { return v.ResidentIDWithX(true) }},
	"id15":        {pi.ResidentID, func(v *Values) string { return v.ResidentID15() }},
	"id_child":    {pi.ResidentID, func(v *Values) string { return v.ResidentID(IDOptions{MinAge: 1, MaxAge: 13}) }},
	"mobile":      {pi.MobilePhone, func(v *Values) string { return v.Mobile() }},
	"mobile_sp":   {pi.MobilePhone, func(v *Values) string { m := v.Mobile(); return m[:3] + " " + m[3:7] + " " + m[7:] }},
	"mobile_dash": {pi.MobilePhone, func(v *Values) string { m := v.Mobile(); return m[:3] + "-" + m[3:7] + "-" + m[7:] }},
	"mobile_86":   {pi.MobilePhone, func(v *Values) string { return v.pick([]string{"+86 ", "+86", "0086-", "(+86)"}) + v.Mobile() }},
	"landline":    {pi.LandlinePhone, func(v *Values) string { a, l := v.Landline(); return a + "-" + l }},
	"card":        {pi.BankCard, func(v *Values) string { return v.BankCard() }},
	"card_sp": {pi.BankCard, func(v *Values) string {
		c := v.BankCard()
		var parts []string
		for i := 0; i < len(c); i += 4 {
			parts = append(parts, c[i:min(i+4, len(c))])
		}
		return strings.Join(parts, " ")
	}},
	"passport":   {pi.Passport, func(v *Values) string { return v.Passport() }},
	"hkmo":       {pi.HKMacauPermit, func(v *Values) string { return v.HKMacauPermit() }},
	"twpermit":   {pi.TaiwanPermit, func(v *Values) string { return v.TaiwanPermit() }},
	"hkid":       {pi.HKID, func(v *Values) string { return v.HKID() }},
	"twid":       {pi.TaiwanID, func(v *Values) string { return v.TaiwanID() }},
	"moid":       {pi.MacaoID, func(v *Values) string { return v.MacaoID() }},
	"plate":      {pi.LicensePlate, func(v *Values) string { return v.Plate(false, "") }},
	"plate_dot":  {pi.LicensePlate, func(v *Values) string { return v.Plate(false, "·") }},
	"plate_ne":   {pi.LicensePlate, func(v *Values) string { return v.Plate(true, "") }},
	"uscc":       {pi.USCC, func(v *Values) string { return v.USCC() }},
	"email":      {pi.Email, func(v *Values) string { return v.Email() }},
	"ipv4":       {pi.IPv4, func(v *Values) string { return v.IPv4() }},
	"ipv6":       {pi.IPv6, func(v *Values) string { return v.IPv6() }},
	"mac":        {pi.MACAddress, func(v *Values) string { return v.MAC() }},
	"imei":       {pi.IMEI, func(v *Values) string { return v.IMEI() }},
	"idfa":       {pi.DeviceID, func(v *Values) string { return v.UUID(true) }},
	"oaid":       {pi.DeviceID, func(v *Values) string { return v.UUID(false) }},
	"android_id": {pi.DeviceID, func(v *Values) string { return v.AndroidID() }},
	"imsi":       {pi.DeviceID, func(v *Values) string { return v.IMSI() }},
	"openid":     {pi.AccountID, func(v *Values) string { return v.OpenID() }},
	"uid":        {pi.AccountID, func(v *Values) string { return "u_" + v.digits(6+v.r.IntN(4)) }},
	"iccid":      {pi.DeviceID, func(v *Values) string { return v.ICCID() }},
	"gps":        {pi.GPSCoordinate, func(v *Values) string { return v.GPS() }},
	"date":       {pi.Date, func(v *Values) string { return v.Date() }},
	"url":        {pi.URL, func(v *Values) string { return v.URL() }},
	"qq":         {pi.QQNumber, func(v *Values) string { return v.QQ() }},
	"wechat":     {pi.WeChatID, func(v *Values) string { return v.WeChat() }},
	"train":      {pi.TrainNumber, func(v *Values) string { return v.Train() }},
	"flight":     {pi.FlightNumber, func(v *Values) string { return v.Flight() }},
	"seat":       {pi.SeatNumber, func(v *Values) string { return v.Seat() }},
	"vin":        {pi.VIN, func(v *Values) string { return v.VIN() }},
	"mrn":        {pi.MedicalRecordNumber, func(v *Values) string { return v.digits(6 + v.r.IntN(5)) }},
	"mrn_alpha":  {pi.MedicalRecordNumber, func(v *Values) string { return v.pick([]string{"ZY", "MZ", "BL"}) + v.digits(8) }},
	"pno": {pi.PersonNumber, func(v *Values) string { // 8-10 digits, not a phone's or a date's shape
		return string(byte('2'+v.r.IntN(8))) + v.digits(7+v.r.IntN(3))
	}},
	"hk_mobile": {pi.MobilePhone, func(v *Values) string {
		return "+852 " + v.pick([]string{"5", "6", "9"}) + v.digits(3) + " " + v.digits(4)
	}},
	"tw_mobile":   {pi.MobilePhone, func(v *Values) string { return "+886 9" + v.digits(2) + " " + v.digits(3) + " " + v.digits(3) }},
	"tw_landline": {pi.LandlinePhone, func(v *Values) string { return "+886-2-" + v.digits(4) + "-" + v.digits(4) }},

	// decoys: look like identifiers, are not personal information
	"order": {"", func(v *Values) string { return "20" + v.digits(2) + v.digits(14+v.r.IntN(3)) }},
	"tracking": {"", func(v *Values) string {
		return v.pick([]string{"SF", "YT", "JD", "ZTO", "YD"}) + v.digits(12+v.r.IntN(2))
	}},
	"invoice":  {"", func(v *Values) string { return v.digits(8) }},
	"inv_code": {"", func(v *Values) string { return "0" + v.digits(11) }},
	"timestamp": {"", func(v *Values) string {
		return v.ref.Add(-time.Duration(v.r.IntN(1e8)) * time.Second).Format("20060102150405")
	}},
	"unix": {"", func(v *Values) string { return "1" + v.digits(9) }},
	"amount": {"", func(v *Values) string {
		return fmt.Sprintf("%d,%03d,%03d.%02d", 1+v.r.IntN(99), v.r.IntN(1000), v.r.IntN(1000), v.r.IntN(100))
	}},
	"amount_plain": {"", func(v *Values) string { return fmt.Sprintf("%d.%02d", 1000000+v.r.IntN(90000000), v.r.IntN(100)) }},
	"version":      {"", func(v *Values) string { return fmt.Sprintf("%d.%d.%d", v.r.IntN(10), v.r.IntN(20), v.r.IntN(100)) }},
	"version4": {"", func(v *Values) string {
		return fmt.Sprintf("%d.%d.%d.%d", v.r.IntN(5), v.r.IntN(10), v.r.IntN(10), v.r.IntN(10))
	}},
	"isbn":        {"", func(v *Values) string { return "978-7-" + v.digits(3) + "-" + v.digits(5) + "-" + v.digits(1) }},
	"isbn13":      {"", func(v *Values) string { return "978" + v.digits(10) }},
	"embedded":    {"", func(v *Values) string { return v.digits(3) + v.Mobile() + v.digits(4) }},
	"embedded_id": {"", func(v *Values) string { return v.ResidentID(IDOptions{}) + v.digits(3) }},
	"nearmiss":    {"", func(v *Values) string { return v.NearMissID() }},
	"bad_segment": {"", func(v *Values) string {
		return "1" + v.pick([]string{"00", "01", "02", "04", "06", "08", "10", "11", "12", "20", "21"}) + v.digits(8)
	}},
	"luhn_bad": {"", func(v *Values) string { return v.LuhnInvalid() }},
	"uuid":     {"", func(v *Values) string { return v.UUID(false) }},
	"model":    {"", func(v *Values) string { return v.pick([]string{"SKU", "MODEL-", "NO."}) + v.digits(8) }},
	"zip":      {"", func(v *Values) string { return v.digits(6) }},
	"count":    {"", func(v *Values) string { return fmt.Sprint(v.r.IntN(100000)) }},
}

// templates carry identifiers with and without context words, in the
// registers the users' documents are written in: bulletins, registers,
// notices, contracts, news.
var templates = []string{
	// with context words
	"患者张某，身份证号码{id}，联系电话{mobile}，现住某小区。",
	"经查，当事人王某（公民身份号码：{id_x}）于{date}到达本市。",
	"登记人员证件号{id_lower_x}，手机号码{mobile_sp}。",
	"老户籍信息显示其身份证号为{id15}，系本地常住人口。",
	"学生李某某，身份证号{id_child}，就读于某小学三年级。",
	"请将款项转入中国工商银行卡号{card}，开户行为北京分行。",
	"退款将原路返回至尾号对应的银行卡{card_sp}。",
	"如有疑问请致电{landline}，或发送邮件至{email}。",
	"护照号码：{passport}；往来港澳通行证：{hkmo}。",
	"台胞证号码{twpermit}，持证人为台湾居民。",
	"香港身份证号码{hkid}，已核验。",
	"台湾身份证字号{twid}，出生地台北市。",
	"澳门居民身份证{moid}，现居澳门。",
	"涉事车辆车牌号为{plate}，已被依法扣押。",
	"当晚乘坐出租车（车牌{plate_dot}）返回住所。",
	"新能源汽车号牌{plate_ne}于当日办理登记。",
	"该公司统一社会信用代码为{uscc}，注册地在本市。",
	"用户登录IP地址为{ipv4}，登录设备MAC地址{mac}。",
	"服务器日志显示客户端IP {ipv6} 多次访问。",
	"手机串号（IMEI）{imei}，已列入黑名单。",
	"设备信息：IDFA {idfa}，系统版本iOS 17。",
	"广告标识符OAID：{oaid}，Android ID：{android_id}。",
	"SIM卡IMSI {imsi}，ICCID {iccid}。",
	"用户ID：{uid}，微信OpenID：{openid}。",
	"事发地点经纬度：{gps}。",
	"病例于{date}乘坐{train}次列车（{seat}）返回。",
	"{date}，乘坐{flight}航班由武汉飞抵本市，座位号{seat}。",
	"其个人主页{url}已被封禁。",
	"添加QQ号{qq}或微信号{wechat}即可领取。",
	"联系人：刘女士，电话：{mobile_dash}。",
	"海外来电请拨{mobile_86}。",
	"车辆识别代号（VIN）{vin}与登记信息一致。",
	"患者住院号：{mrn}，入院诊断：支气管肺炎。",
	"门诊号{mrn_alpha}，就诊科室：儿科。",
	"该生学号{pno}，就读于计算机学院。",
	"员工工号：{pno}，所在部门：财务部。",
	"香港联系人电话{hk_mobile}，台湾分公司电话{tw_landline}，手机{tw_mobile}。",
	"出生日期：{date}，性别：男。",
	// bare: no context word near the value
	"王先生 {mobile}。",
	"{mobile}（24小时值班）。",
	"收款人：陈某；{card}。",
	"{id}，男，汉族。",
	"{date}下午，天气晴。",
	"车辆{vin}已于当日年检。",
	"返回后前往{plate}停放处。",
	// tables, lists and mixed writing
	"序号\t姓名\t手机号\t身份证号\n1\t赵某\t{mobile}\t{id}\n",
	"联系人手机：{mobile}/{mobile}，备用座机{landline}。",
	"Tel: {mobile_dash}, Email: {email}\n",
	"当事人（身份证号：{id_x}）已到案。",
	"车主{plate}，车架号{vin}，保单号{order}。",
	"护照{passport}、港澳通行证{hkmo}均已过期。",
	"经纬度（{gps}）附近出现聚集。",
	"同行人员：钱某，手机{mobile_sp}；孙某，手机{mobile}。",
	"{date}至{date}期间居家隔离。",
	"收款账户：{card_sp}（中国建设银行）。",
	"微信：{wechat}；QQ：{qq}。",
	"IP地址{ipv4}于{date}登录，设备IMEI码{imei}。",
	// decoys next to real values and alone
	"订单号{order}已发货，快递单号{tracking}，预计三日内送达。",
	"发票号码{invoice}，发票代码{inv_code}，金额{amount}元。",
	"系统时间戳{timestamp}，Unix时间{unix}。",
	"本次共计支付{amount_plain}元，账务流水已归档。",
	"客户端版本v{version}，固件版本{version4}已推送。",
	"参考书目：ISBN {isbn}，ISBN {isbn13}。",
	"批次流水号{embedded}已入库。",
	"请求ID {uuid}已记录，请勿重复提交。",
	"档案编号{embedded_id}归档。",
	"经核对，证件号码{nearmiss}校验位有误，系填写错误。",
	"测试号码{bad_segment}为空号。",
	"卡号{luhn_bad}校验失败，交易已拒绝。",
	"商品编码{model}，邮政编码{zip}，库存{count}件。",
	"根据第{invoice}号文件精神，现将有关事项通知如下。",
	"合同编号HT{order}，案号（2020）京0105民初{count}号。",
	"截至目前累计核酸检测{count}人次，阳性率{version}%。",
}

// fillers are sentences of news and notice prose without personal
// information, so that identifiers are sparse as in real documents.
var fillers = []string{
	"市疫情防控指挥部要求各区县严格落实属地责任，做好重点人群排查工作。",
	"全市累计报告本土确诊病例35例，其中治愈出院28例。",
	"请广大市民继续做好个人防护，勤洗手、戴口罩、常通风。",
	"各社区已组织志愿者开展入户走访，宣传防控知识。",
	"近期天气转凉，请注意添衣保暖，合理安排出行。",
	"本次会议传达学习了上级有关文件精神，并对下一步工作作出部署。",
	"据统计，今年前三季度全区实现地区生产总值同比增长5.2%。",
	"学校将于下周开展消防安全演练，请家长配合做好宣传。",
	"该项目总投资约3亿元，建成后将新增就业岗位800余个。",
	"民政部门加大对困难群众的帮扶力度，确保应保尽保。",
	"医院门诊大厅设置了预检分诊通道，实行分时段预约就诊。",
	"区人民法院依法公开审理了一起侵犯公民个人信息案。",
	"检察机关依法履行公益诉讼职责，督促相关单位整改。",
	"春运期间，火车站增开临时售票窗口，方便旅客出行。",
	"为保障考试顺利进行，考点周边实行交通管制。",
	"本市第三季度新建改建农村公路120公里。",
	"图书馆延长开放时间至每晚九点，欢迎市民前往阅读。",
	"街道办事处联合派出所开展反诈宣传进社区活动。",
	"有关部门提醒，切勿向陌生人透露个人信息和验证码。",
	"目前，各项工作正在有序推进中。",
}

// Corpus generates n documents of 4-10 sentences each, with gold spans for
// every identifier a template placed (decoys have none). The same seed and
// reference date give the same corpus.
func Corpus(seed uint64, n int, ref time.Time) []eval.Doc {
	v := NewValues(seed, ref)
	docs := make([]eval.Doc, 0, n)
	for i := 0; i < n; i++ {
		docs = append(docs, v.doc(fmt.Sprintf("synth-%d-%d", seed, i)))
	}
	return docs
}

func (v *Values) doc(id string) eval.Doc {
	var b strings.Builder
	var gold []eval.Span
	k := 4 + v.r.IntN(7)
	for i := 0; i < k; i++ {
		if v.r.IntN(5) < 2 {
			b.WriteString(v.pick(fillers))
			continue
		}
		gold = v.fill(&b, v.pick(templates), gold)
	}
	return eval.Doc{ID: id, Text: b.String(), Gold: gold}
}

// Prose returns about size bytes of Chinese prose with sparse identifiers
// (one templated sentence in every ten), for throughput benchmarks.
func Prose(seed uint64, size int, ref time.Time) []byte {
	v := NewValues(seed, ref)
	var b strings.Builder
	b.Grow(size + 256)
	for b.Len() < size {
		if v.r.IntN(10) == 0 {
			v.fill(&b, v.pick(templates), nil)
		} else {
			b.WriteString(v.pick(fillers))
		}
		if v.r.IntN(6) == 0 {
			b.WriteByte('\n')
		}
	}
	return []byte(b.String())
}

// fill writes a template, generating each slot, and appends gold spans.
func (v *Values) fill(b *strings.Builder, t string, gold []eval.Span) []eval.Span {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return gold
		}
		j := strings.IndexByte(t[i:], '}') + i
		b.WriteString(t[:i])
		s, ok := slots[t[i+1:j]]
		if !ok {
			panic("synth: unknown slot " + t[i+1:j]) // our own template table
		}
		val := s.gen(v)
		start := b.Len()
		b.WriteString(val)
		if s.typ != "" {
			gold = append(gold, eval.Span{Start: start, End: b.Len(), Label: string(s.typ)})
		}
		t = t[j+1:]
	}
}
