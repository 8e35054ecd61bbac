package terms

// bulletinCases are sentences in the styles Custos reads: epidemic case
// bulletins, reports on disadvantaged children, sign-in registers.
var bulletinCases = []string{
	"病例3：李某某，女，45岁，现住XX小区3栋，系铁路乘务员。1月20日出现发热、咳嗽症状，核酸检测结果呈阳性，现为确诊病例。",
	"留守儿童小明（化名），10岁，就读于某小学四年级，父母常年在外务工，由奶奶照顾。",
	"患者张某，男，6岁，住址文登区，就读于犀浦镇某幼儿园大班。",
	"1月23日9时到10时间，就诊于同煤医院平旺院区呼吸科，之后又转到同煤医院恒安院区呼吸科。",
	"12月2日晚19：00，在郫都区某超市购物，后乘出租车回家。",
	"第1号确诊病例，谢某某，男，56岁，现居东风街道瑞泰心里城4栋，铁路乘务员。",
	"姓名,性别,年龄,民族,联系电话\n王小明,男,45,汉,13800000000",
}
