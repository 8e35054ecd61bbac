package detect

import (
	"testing"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

func TestLicensePlate(t *testing.T) {
	cases := []detectCase{
		{name: "with context", text: "涉事车辆车牌号为京A12345，已被依法扣押。",
			want: []expect{{typ: pi.LicensePlate, span: "京A12345", min: 0.95,
				attrs: map[string]string{pi.AttrNormalized: "京A12345"}}}},
		{name: "bare", text: "返回后前往沪B6C789停放处。",
			want: []expect{{typ: pi.LicensePlate, span: "沪B6C789", min: 0.85}}},
		{name: "middle dot", text: "后乘出租车（车牌川A·2B345）回家。",
			want: []expect{{typ: pi.LicensePlate, span: "川A·2B345", min: 0.95,
				attrs: map[string]string{pi.AttrNormalized: "川A2B345", pi.AttrRegion: "成都市"}}}},
		{name: "space", text: "车牌 苏E 12345",
			want: []expect{{typ: pi.LicensePlate, span: "苏E 12345", min: 0.9}}},
		{name: "new energy", text: "新能源汽车号牌粤BD12345于当日办理登记。",
			want: []expect{{typ: pi.LicensePlate, span: "粤BD12345", min: 0.95,
				attrs: map[string]string{"energy": "new", pi.AttrRegion: "深圳市"}}}},
		{name: "new energy, large vehicle", text: "粤B12345F",
			want: []expect{{typ: pi.LicensePlate, span: "粤B12345F", attrs: map[string]string{"energy": "new"}}}},
		{name: "police suffix", text: "一辆京A1234警停在路边。",
			want: []expect{{typ: pi.LicensePlate, span: "京A1234警", min: 0.85}}},
		{name: "trailer suffix", text: "车牌鲁Q1234挂",
			want: []expect{{typ: pi.LicensePlate, span: "鲁Q1234挂", min: 0.9}}},

		{name: "four characters, no suffix", text: "京A1234", none: []pi.Type{pi.LicensePlate}},
		{name: "six characters, not new energy", text: "京A123456", none: []pi.Type{pi.LicensePlate}},
		{name: "letter O in serial", text: "京AO1234", none: []pi.Type{pi.LicensePlate}},
		{name: "not a province", text: "中A12345", none: []pi.Type{pi.LicensePlate}},
		{name: "lower-case office letter", text: "京a12345", none: []pi.Type{pi.LicensePlate}},
		{name: "glued to more letters", text: "京A12345B6", none: []pi.Type{pi.LicensePlate}},
	}
	runCases(t, defaultEngine, cases)
}

func TestVIN(t *testing.T) {
	computed := vin("LSVAU2180N2183294") // check digit from checksum.VINCheck
	if !checksum.VIN(computed) || computed == "LSVAU2180N2183294" {
		t.Fatalf("vin() = %s", computed)
	}
	wrong := computed[:8] + "1" + computed[9:]
	cases := []detectCase{
		{name: "North American with context", text: "车辆识别代号（VIN）1M8GDM9AXKP042788与登记信息一致。",
			want: []expect{{typ: pi.VIN, span: "1M8GDM9AXKP042788", min: 0.95, attrs: map[string]string{"wmi": "1M8"}}}},
		{name: "bare", text: "车辆1M8GDM9AXKP042788已于当日年检。",
			want: []expect{{typ: pi.VIN, span: "1M8GDM9AXKP042788", min: 0.8}}},
		{name: "computed check digit", text: "车架号：" + computed,
			want: []expect{{typ: pi.VIN, span: computed, min: 0.95, attrs: map[string]string{"wmi": "LSV"}}}},
		{name: "wrong check digit with context", text: "车架号" + wrong,
			want: []expect{{typ: pi.VIN, span: wrong, min: 0.5, reason: true}}},
		{name: "wrong check digit bare", text: wrong, none: []pi.Type{pi.VIN}},
		{name: "letter I", text: "VIN 1M8GDM9AXKI042788", none: []pi.Type{pi.VIN}},
		{name: "all digits", text: "车架号12345678901234567", none: []pi.Type{pi.VIN}},
		{name: "16 characters", text: "VIN 1M8GDM9AXKP04278", none: []pi.Type{pi.VIN}},
	}
	runCases(t, defaultEngine, cases)
}

func BenchmarkVehicle(b *testing.B) {
	benchFamily(b, "车辆%s已登记。", func(v *synth.Values) string {
		switch v.Rand().IntN(3) {
		case 0:
			return "车牌" + v.Plate(false, "")
		case 1:
			return "号牌" + v.Plate(true, "·")
		}
		return "识别代号" + v.VIN()
	})
}
