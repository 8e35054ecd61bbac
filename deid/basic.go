package deid

import (
	"errors"
	"fmt"
	"strings"

	"github.com/custos-project/custos/pi"
)

// labels are the default replacement labels, one for every built-in type.
// Types without an entry (custom recognizers) get 个人信息.
var labels = map[pi.Type]string{
	pi.ResidentID:          "身份证号",
	pi.MobilePhone:         "手机号",
	pi.LandlinePhone:       "电话",
	pi.BankCard:            "银行卡号",
	pi.Passport:            "护照号",
	pi.HKMacauPermit:       "港澳通行证号",
	pi.TaiwanPermit:        "台湾通行证号",
	pi.HKID:                "香港身份证号",
	pi.TaiwanID:            "台湾身份证号",
	pi.MacaoID:             "澳门身份证号",
	pi.LicensePlate:        "车牌号",
	pi.USCC:                "统一社会信用代码",
	pi.Email:               "邮箱",
	pi.IPv4:                "IP地址",
	pi.IPv6:                "IP地址",
	pi.MACAddress:          "MAC地址",
	pi.IMEI:                "设备识别码",
	pi.DeviceID:            "设备标识",
	pi.GPSCoordinate:       "坐标",
	pi.Date:                "日期",
	pi.URL:                 "网址",
	pi.QQNumber:            "QQ号",
	pi.WeChatID:            "微信号",
	pi.AccountID:           "账号",
	pi.TrainNumber:         "车次",
	pi.FlightNumber:        "航班号",
	pi.SeatNumber:          "座位号",
	pi.VIN:                 "车辆识别代号",
	pi.MedicalRecordNumber: "病历号",
	pi.PersonNumber:        "编号",
	pi.PersonName:          "姓名",
	pi.MaskedName:          "姓名",
	pi.Address:             "地址",
	pi.Place:               "地点",
	pi.Organization:        "机构",
	pi.School:              "学校",
	pi.Employer:            "单位",
	pi.Age:                 "年龄",
	pi.Gender:              "性别",
	pi.Ethnicity:           "民族",
	pi.Nationality:         "国籍",
	pi.Occupation:          "职业",
	pi.Trajectory:          "行程",
	pi.Health:              "健康信息",
	pi.Religion:            "宗教信仰",
	pi.SpecialIdentity:     "特殊身份",
	pi.SexualOrientation:   "性取向",
	pi.CriminalRecord:      "犯罪记录",
	pi.Biometric:           "生物识别信息",
	pi.Financial:           "财产信息",
	pi.MaritalStatus:       "婚姻状况",
	pi.Political:           "政治面貌",
	pi.AcademicRecord:      "学业成绩",
}

// Label returns the Chinese label of a type as replace writes it without
// brackets: 姓名 for person_name and masked_name, 身份证号 for resident_id,
// 个人信息 for a type it does not know.
func Label(t pi.Type) string {
	if l, ok := labels[t]; ok {
		return l
	}
	return "个人信息"
}

type redactOp struct{}

func buildRedact(Params) (Operator, error) { return redactOp{}, nil }

func (redactOp) Name() string { return "redact" }

// Apply returns "".
func (redactOp) Apply(*Context, *pi.Finding, string) (string, error) { return "", nil }

type keepOp struct{}

func buildKeep(Params) (Operator, error) { return keepOp{}, nil }

func (keepOp) Name() string { return "keep" }

// Apply returns the value (with invalid UTF-8 replaced).
func (keepOp) Apply(_ *Context, _ *pi.Finding, v string) (string, error) { return clean(v), nil }

type suppressOp struct{}

func buildSuppress(Params) (Operator, error) { return suppressOp{}, nil }

func (suppressOp) Name() string { return "suppress" }

// Apply returns "" and raises the Context's suppression flag.
func (suppressOp) Apply(c *Context, _ *pi.Finding, _ string) (string, error) {
	if c == nil {
		return "", errNilContext
	}
	c.suppress()
	return "", nil
}

var errNilContext = errors.New("nil Context")

type replaceOp struct {
	label    string
	template string
}

func buildReplace(p Params) (Operator, error) {
	for _, k := range []string{"label", "template"} {
		if err := checkText(p, k); err != nil {
			return nil, err
		}
	}
	label, hasLabel := p["label"]
	tmpl, hasTmpl := p["template"]
	if hasLabel && hasTmpl {
		return nil, errors.New("give either label or template, not both")
	}
	if hasTmpl {
		if err := checkTemplate(tmpl, "type", "category", "label"); err != nil {
			return nil, fmt.Errorf("parameter template: %w", err)
		}
	}
	return replaceOp{label: label, template: tmpl}, nil
}

func (replaceOp) Name() string { return "replace" }

// Apply returns the label: the literal one, the template filled in, or
// the type's default in brackets ([姓名]).
func (o replaceOp) Apply(_ *Context, f *pi.Finding, _ string) (string, error) {
	f = finding(f)
	switch {
	case o.template != "":
		return expand(o.template, func(name string) string {
			switch name {
			case "type":
				return string(f.Type)
			case "category":
				if f.Category == "" {
					if info, ok := pi.LookupType(f.Type); ok {
						return string(info.Category)
					}
				}
				return string(f.Category)
			}
			return Label(f.Type)
		}), nil
	case o.label != "":
		return o.label, nil
	}
	return "[" + Label(f.Type) + "]", nil
}

// checkTemplate reports a placeholder {x} that is not one of names, or an
// unclosed brace.
func checkTemplate(t string, names ...string) error {
	for rest := t; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return fmt.Errorf("%q: unclosed {", t)
		}
		name := rest[i+1 : i+j]
		ok := false
		for _, n := range names {
			ok = ok || n == name
		}
		if !ok {
			return fmt.Errorf("%q: unknown placeholder {%s} (known: {%s})", t, name, strings.Join(names, "}, {"))
		}
		rest = rest[i+j+1:]
	}
}

// expand fills the placeholders of a template checked by checkTemplate.
func expand(t string, value func(name string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			return b.String()
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(value(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
}
