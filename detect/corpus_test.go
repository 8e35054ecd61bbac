package detect

import (
	"fmt"
	"strings"

	"github.com/custos-project/custos/synth"
)

// bulletinSentences are sentences in the registers Custos reads (epidemic
// bulletins, court and police notices, sign-in registers, news), each with
// one or more identifiers. The determinism, concurrency and fuzz tests
// start from them.
var bulletinSentences = []string{
	"病例1：赵某某，女，69岁，身份证号码" + rid("51010819510315232") + "，户籍地成都市成华区，联系电话13881234567。",
	"12月1日10时至11时，乘坐G8512次列车（08车12F）由重庆返回成都。",
	"12月2日晚19：00，在郫都区某超市购物，后乘出租车（车牌川A·2B345）回家。",
	"12月3日上午9时30分，到社区卫生服务中心就诊，医保卡号" + luhn("622202123456789012") + "。",
	"密切接触者李某，男，6岁，身份证号" + rid("51012420190312551") + "，就读于犀浦镇某幼儿园大班。",
	"其父亲李某某，手机 139 8765 4321，邮箱 lihua1975@163.com，护照号E12345678。",
	"请与上述病例同乘G8512次列车的市民主动报告，咨询电话028-61234567。",
	"（本通报订单号202012070001234567，发布时间20201207235959，版本v1.2.3.4）",
	"当事人王某（公民身份号码：" + rid("11010519491231002") + "）于2020年1月2日到达本市。",
	"请将款项转入中国工商银行卡号6222 0212 3456 7890 128，开户行为北京分行。",
	"如有疑问请致电0755-22345678-801，或发送邮件至zhang.wei@163.com。",
	"护照号码：EA1234567；往来港澳通行证：C12345678；台胞证号码12345678。",
	"香港身份证号码A123456(3)，台湾身份证字号A123456789，均已核验。",
	"该公司统一社会信用代码为91350100M000100Y43，注册地在福州市。",
	"用户登录IP地址为202.96.134.133，登录设备MAC地址00:1A:2B:3C:4D:5E，IPv6地址240e:3a1:4c:2b::1。",
	"手机串号（IMEI）" + luhn("35123456789012") + "，事发地点经纬度：39.916527,116.397128。",
	"其个人主页https://weibo.com/u/12345678?tel=13812345678已被封禁，添加QQ号12345678或微信号zhangwei_1988即可领取。",
	"1月2日乘坐CA1234航班由武汉飞抵本市，座位号32A，车辆识别代号（VIN）1M8GDM9AXKP042788。",
	"序号,姓名,身份证号,手机号,到访时间\n1,王小明," + rid("11010519900307876") + ",186 2345 6789,2020-02-03 09:15",
	"发票号码12345678，快递单号SF1234567890123，金额1,234,567.89元，ISBN 978-7-111-12345-6。",
}

// registerText is a sign-in register thick with identifiers: a name, an ID
// number, a mobile number and a date on every line.
func registerText(size int) []byte {
	v := synth.NewValues(7, refDate)
	var b strings.Builder
	b.WriteString("序号,姓名,身份证号,手机号,到访时间,体温\n")
	names := []string{"王小明", "陈静", "张伟", "李娜", "刘洋", "赵敏"}
	for i := 1; b.Len() < size; i++ {
		fmt.Fprintf(&b, "%d,%s,%s,%s,%s,36.%d\n", i, names[i%len(names)],
			v.ResidentID(synth.IDOptions{}), v.Mobile(), "2020-02-03 09:15", i%10)
	}
	return []byte(b.String())
}
