package detect

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/custos-project/custos/eval"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/synth"
)

// TestDecoys holds look-alikes of identifiers that are not personal
// information: none may be reported at ≥ 0.5.
func TestDecoys(t *testing.T) {
	id := rid("11010519491231002")
	quiet := []pi.Type{anyType}
	cases := []detectCase{
		{name: "order number", text: "订单号2020010215304512345已发货。", none: quiet},
		{name: "order number with a mobile inside", text: "订单号202001021381234567890已发货。", none: quiet},
		{name: "tracking number", text: "快递单号SF1234567890123，预计三日内送达。", none: quiet},
		{name: "tracking number, other carriers", text: "运单号YT1234567890123、JD0012345678901", none: quiet},
		{name: "invoice number", text: "发票号码12345678，发票代码044031900111。", none: quiet},
		{name: "timestamp", text: "系统时间戳20200102153045。", none: quiet},
		{name: "unix time", text: "Unix时间1580000000。", none: quiet},
		{name: "unix time bare", text: "1580000000", none: quiet},
		{name: "amount with thousands separators", text: "本次共计支付1,234,567.89元。", none: quiet},
		{name: "amount plain", text: "合同金额12345678.90元，已付清。", none: quiet},
		{name: "version v1.2.3", text: "客户端版本v1.2.3已发布。", none: quiet},
		{name: "version 1.2.3.4", text: "固件版本1.2.3.4已推送。", none: quiet},
		{name: "version with build", text: "Version 2.0.1.1024 build 5", none: quiet},
		{name: "ISBN dashed", text: "参考书目：ISBN 978-7-111-12345-6。", none: quiet},
		{name: "ISBN plain", text: "ISBN 9787111123456", none: quiet},
		{name: "mobile inside a longer run", text: "批次8613812345678001已入库。", none: quiet},
		{name: "mobile with digits before and after", text: "流水号12313812345678123", none: quiet},
		{name: "ID followed by more digits", text: "档案编号" + id + "123归档。", none: quiet},
		{name: "ID with digits before", text: "记录9" + id, none: quiet},
		{name: "product code", text: "商品编码SKU12345678，型号MODEL-20200102。", none: quiet},
		{name: "model number", text: "型号HW-P40-2020，序列号SN2020A0123456。", none: quiet},
		{name: "postal code", text: "邮政编码100010，地址北京市东城区。", none: quiet},
		{name: "prices", text: "单价3.50，2.80元一斤。", none: quiet},
		{name: "percentages", text: "同比增长5.2%，环比下降0.35%。", none: quiet},
		{name: "counts", text: "全市累计报告本土确诊病例35例，其中治愈出院28例。", none: quiet},
		{name: "case number", text: "（2020）京0105刑初123号", none: quiet},
		{name: "document number", text: "京政办发〔2020〕12号", none: quiet},
		{name: "football score and time", text: "比分3:1，比赛于19:30开始。", none: quiet},
		{name: "phone-length serial after a serial word", text: "序列号13812345678", none: quiet},
		{name: "bare 8-digit number", text: "编号12345678", none: quiet},
		{name: "hotline numbers", text: "拨打12345或12320咨询。", none: quiet},
		{name: "year ranges", text: "2019-2020学年", none: quiet},
		{name: "chapter numbers", text: "第1.2.3节", none: quiet},
	}
	runCases(t, defaultEngine, cases)
}

func TestDetectLabeled(t *testing.T) {
	id := rid("11010519491231002")
	bad := ridBad("11010519491231002")
	cases := []detectCase{
		{name: "ID column", label: "身份证号", text: id,
			want: []expect{{typ: pi.ResidentID, span: id, min: 0.95, context: "(label)"}}},
		{name: "ID column near miss", label: "身份证号", text: bad,
			want: []expect{{typ: pi.ResidentID, span: bad, low: true, reason: true}}},
		{name: "QQ column makes a bare number a QQ number", label: "QQ", text: "12345678",
			want: []expect{{typ: pi.QQNumber, span: "12345678", min: 0.9}}},
		{name: "QQ column, mixed case", label: "Qq号码", text: "2847561930",
			want: []expect{{typ: pi.QQNumber, span: "2847561930"}}},
		{name: "English phone column", label: "Phone", text: "13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.95}}},
		{name: "order column demotes", label: "订单号", text: "13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", low: true}}},
		{name: "unrelated column", label: "备注", text: "12345678", none: []pi.Type{anyType}},
		{name: "empty label", text: "12345678", none: []pi.Type{anyType}},
		{name: "birth date column", label: "出生日期", text: "19900305",
			want: []expect{{typ: pi.Date, span: "19900305", cat: pi.CatAge}}},
		{name: "IMEI column", label: "IMEI", text: luhn("35123456789012"),
			want: []expect{{typ: pi.IMEI, span: luhn("35123456789012")}}},
		{name: "text words still count", label: "备注", text: "QQ 12345678",
			want: []expect{{typ: pi.QQNumber, span: "12345678"}}},
		// ASCII words inside longer label words are not context
		{name: "v of IPv4 is no version", label: "IPv4", text: "202.96.134.133",
			want: []expect{{typ: pi.IPv4, span: "202.96.134.133", min: 0.8}}},
		{name: "ver of Server is no version", label: "Server IP", text: "202.96.134.133",
			want: []expect{{typ: pi.IPv4, span: "202.96.134.133", min: 0.9, context: "(label)"}}},
		{name: "ip of Description is no IP", label: "Description", text: "1.2.3.4",
			want: []expect{{typ: pi.IPv4, span: "1.2.3.4", low: true}}},
		{name: "tel of Hotel is no phone", label: "Hotel", text: "12345678", none: []pi.Type{anyType}},
		{name: "English words of a label", label: "Tel.", text: "82345678",
			want: []expect{{typ: pi.LandlinePhone, span: "82345678"}}},
	}
	runCases(t, defaultEngine, cases)

	// the label must not stay with the pooled scanner
	e := testEngine(t, Config{})
	for range 3 {
		if fs := e.DetectLabeled([]byte("12345678"), "QQ", nil); len(fs) != 1 {
			t.Fatalf("labeled: %v", fs)
		}
		if fs := e.Detect([]byte("12345678"), nil); len(fs) != 0 {
			t.Fatalf("unlabeled call after a labeled one: %v", fs)
		}
	}
}

// TestSentenceBoundary: context words count only inside the candidate's
// sentence.
func TestSentenceBoundary(t *testing.T) {
	cases := []detectCase{
		{name: "negative word in the previous sentence", text: "本次共计支付1234.00元，账务流水已归档。13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "negative word in the same sentence", text: "本次共计支付1234.00元，账务流水已归档 13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", low: true}}},
		{name: "after an exclamation mark", text: "请核对订单！13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "after a question mark", text: "订单号是多少？13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "after a line break", text: "订单号\n13812345678",
			want: []expect{{typ: pi.MobilePhone, span: "13812345678", min: 0.8}}},
		{name: "positive word in the previous sentence", text: "请携带QQ。12345678", none: []pi.Type{pi.QQNumber}},
		{name: "word after, in the next sentence", text: "G1234。次列车", want: []expect{{typ: pi.TrainNumber, span: "G1234", low: true}}},
		{name: "word after, in the same sentence", text: "G1234次列车", want: []expect{{typ: pi.TrainNumber, span: "G1234", min: 0.9}}},
	}
	runCases(t, defaultEngine, cases)
}

// TestContextWindow: words count up to 16 runes before a value and 6
// after; an ASCII word must not be part of a longer word.
func TestContextWindow(t *testing.T) {
	pad := func(n int) string { return strings.Repeat("某", n) }
	cases := []detectCase{
		{name: "word 10 runes before", text: "QQ" + pad(10) + "12345678", want: []expect{{typ: pi.QQNumber, span: "12345678"}}},
		{name: "word 20 runes before", text: "QQ" + pad(20) + "12345678", none: []pi.Type{pi.QQNumber}},
		{name: "word 3 runes after", text: "G1234" + pad(3) + "次列车", want: []expect{{typ: pi.TrainNumber, span: "G1234", min: 0.9}}},
		{name: "word 10 runes after", text: "G1234" + pad(10) + "次列车", want: []expect{{typ: pi.TrainNumber, span: "G1234", low: true}}},
		{name: "ASCII word alone", text: "IP 1.2.3.4", want: []expect{{typ: pi.IPv4, span: "1.2.3.4", min: 0.9}}},
		{name: "ASCII word inside a longer word", text: "relationship 1.2.3.4", want: []expect{{typ: pi.IPv4, span: "1.2.3.4", low: true}}},
		{name: "qq inside a longer word", text: "Sequoia 12345678", none: []pi.Type{pi.QQNumber}},
	}
	runCases(t, defaultEngine, cases)
}

func TestTypesFilter(t *testing.T) {
	text := []byte(strings.Join(bulletinSentences, "\n"))
	full := defaultEngine.Detect(text, nil)
	seen := map[pi.Type]bool{}
	for _, f := range full {
		seen[f.Type] = true
	}
	for _, info := range pi.Types() {
		t.Run(string(info.Type), func(t *testing.T) {
			e := testEngine(t, Config{Types: []pi.Type{info.Type}})
			got := e.Detect(text, nil)
			checkInvariants(t, text, got)
			for _, f := range got {
				if f.Type != info.Type {
					t.Errorf("%s-only engine reported %s %q", info.Type, f.Type, text[f.Start:f.End])
				}
			}
			// what the full engine finds of this type, the restricted one
			// finds too
			for _, f := range full {
				if f.Type == info.Type && !slices.ContainsFunc(got, func(g pi.Finding) bool { return g.Start == f.Start && g.End == f.End }) {
					t.Errorf("%s-only engine misses %q", info.Type, text[f.Start:f.End])
				}
			}
		})
	}
	if len(seen) < 20 {
		t.Errorf("the bulletin sentences cover only %d types: %v", len(seen), seen)
	}
	// two types
	e := testEngine(t, Config{Types: []pi.Type{pi.MobilePhone, pi.Email}})
	for _, f := range e.Detect(text, nil) {
		if f.Type != pi.MobilePhone && f.Type != pi.Email {
			t.Errorf("mobile+email engine reported %s", f.Type)
		}
	}
}

func TestNewUnknownType(t *testing.T) {
	for _, typ := range []pi.Type{"passport_number", "", "RESIDENT_ID", "employee_id"} {
		_, err := New(Config{Types: []pi.Type{pi.ResidentID, typ}})
		if err == nil {
			t.Errorf("New with type %q: no error", typ)
			continue
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("%q", typ)) {
			t.Errorf("New with type %q: error %q does not name it", typ, err)
		}
	}
	// a custom recognizer's type is known once its rules are loaded
	r, err := ParseRules("inline.yaml", []byte(validRules))
	if err != nil {
		t.Fatal(err)
	}
	e, err := New(Config{Types: []pi.Type{"employee_id"}, Rules: r, RefDate: refDate})
	if err != nil {
		t.Fatalf("New with a custom type: %v", err)
	}
	text := []byte("工号 EMP-123456，手机13812345678")
	fs := e.Detect(text, nil)
	if len(fs) != 1 || fs[0].Type != "employee_id" {
		t.Errorf("employee_id-only engine:\n%s", dump(text, fs))
	}
}

func TestMinScore(t *testing.T) {
	text := []byte(strings.Join(bulletinSentences, "\n") + "\nG1234，" + ridBad("11010519491231002") + "，C12345678")
	all := defaultEngine.Detect(text, nil)
	low := 0
	for _, f := range all {
		if f.Score < 0.5 {
			low++
		}
	}
	if low < 3 {
		t.Fatalf("want some low-score findings to filter, got:\n%s", dump(text, all))
	}
	for _, lo := range []float64{0.3, 0.5, 0.9, 0.99, 1.01} {
		e := testEngine(t, Config{MinScore: lo})
		got := e.Detect(text, nil)
		want := 0
		for _, f := range all {
			if f.Score >= lo {
				want++
			}
		}
		if len(got) != want {
			t.Errorf("MinScore %.2f: %d findings, want %d", lo, len(got), want)
		}
		for _, f := range got {
			if f.Score < lo {
				t.Errorf("MinScore %.2f: %s %q scored %.2f", lo, f.Type, text[f.Start:f.End], f.Score)
			}
		}
	}
}

func TestResolve(t *testing.T) {
	f := func(typ pi.Type, start, end int, score float64) pi.Finding {
		return pi.Finding{Type: typ, Start: start, End: end, Score: score}
	}
	tests := []struct {
		name string
		in   []pi.Finding
		want []pi.Finding
	}{
		{name: "empty"},
		{name: "single", in: []pi.Finding{f(pi.Date, 0, 5, 0.1)}, want: []pi.Finding{f(pi.Date, 0, 5, 0.1)}},
		{name: "apart, sorted",
			in:   []pi.Finding{f(pi.Email, 20, 30, 0.9), f(pi.Date, 0, 5, 0.9)},
			want: []pi.Finding{f(pi.Date, 0, 5, 0.9), f(pi.Email, 20, 30, 0.9)}},
		{name: "adjacent spans do not overlap",
			in:   []pi.Finding{f(pi.TrainNumber, 0, 5, 0.9), f(pi.SeatNumber, 5, 10, 0.9)},
			want: []pi.Finding{f(pi.TrainNumber, 0, 5, 0.9), f(pi.SeatNumber, 5, 10, 0.9)}},
		{name: "phone inside a URL: both kept",
			in:   []pi.Finding{f(pi.MobilePhone, 30, 41, 0.98), f(pi.URL, 0, 50, 0.9)},
			want: []pi.Finding{f(pi.URL, 0, 50, 0.9), f(pi.MobilePhone, 30, 41, 0.98)}},
		{name: "same span, different types: the higher score",
			in:   []pi.Finding{f(pi.BankCard, 0, 18, 0.9), f(pi.ResidentID, 0, 18, 0.95)},
			want: []pi.Finding{f(pi.ResidentID, 0, 18, 0.95)}},
		{name: "same span, same score: the more specific type",
			in:   []pi.Finding{f(pi.BankCard, 0, 18, 0.9), f(pi.USCC, 0, 18, 0.9), f(pi.ResidentID, 0, 18, 0.9)},
			want: []pi.Finding{f(pi.ResidentID, 0, 18, 0.9)}},
		{name: "crossing spans: the higher score",
			in:   []pi.Finding{f(pi.Date, 0, 10, 0.6), f(pi.MobilePhone, 5, 16, 0.85)},
			want: []pi.Finding{f(pi.MobilePhone, 5, 16, 0.85)}},
		{name: "crossing spans, same score: the longer",
			in:   []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.GPSCoordinate, 5, 25, 0.9)},
			want: []pi.Finding{f(pi.GPSCoordinate, 5, 25, 0.9)}},
		{name: "nested, same type: one kept",
			in:   []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.Date, 5, 8, 0.6)},
			want: []pi.Finding{f(pi.Date, 0, 10, 0.9)}},
		{name: "nested, same type, inner scores higher",
			in:   []pi.Finding{f(pi.Date, 0, 10, 0.6), f(pi.Date, 5, 8, 0.9)},
			want: []pi.Finding{f(pi.Date, 5, 8, 0.9)}},
		{name: "chain: the middle one crosses both winners",
			in:   []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.QQNumber, 8, 15, 0.5), f(pi.Email, 14, 20, 0.9)},
			want: []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.Email, 14, 20, 0.9)}},
		{name: "loser of one cluster does not affect the next",
			in: []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.Date, 2, 4, 0.2),
				f(pi.MobilePhone, 20, 31, 0.85), f(pi.LandlinePhone, 20, 31, 0.4)},
			want: []pi.Finding{f(pi.Date, 0, 10, 0.9), f(pi.MobilePhone, 20, 31, 0.85)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// resolve leaves the order to the caller (Detect sorts)
			got := resolve(slices.Clone(tt.in))
			sortFindings(got)
			if !sameFindings(got, tt.want) {
				t.Errorf("resolve(%v)\n got %v\nwant %v", tt.in, got, tt.want)
			}
			// the order of the input does not matter
			rev := slices.Clone(tt.in)
			slices.Reverse(rev)
			got = resolve(rev)
			sortFindings(got)
			if !sameFindings(got, tt.want) {
				t.Errorf("resolve(reversed %v)\n got %v\nwant %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestResolveInEngine: the overlap rules as the engine applies them.
func TestResolveInEngine(t *testing.T) {
	// 15 digits that are both a legacy ID and a Luhn-valid IMEI: after an
	// IMEI word, the IMEI wins and the ID is dropped.
	both := luhn("11010549123100")
	cases := []detectCase{
		{name: "same span, IMEI context", text: "IMEI " + both,
			want: []expect{{typ: pi.IMEI, span: both}}},
		{name: "phone inside a URL", text: "https://m.example.cn/reg?mobile=13812345678",
			want: []expect{{typ: pi.URL, span: "https://m.example.cn/reg?mobile=13812345678"}, {typ: pi.MobilePhone, span: "13812345678"}}},
	}
	runCases(t, defaultEngine, cases)
	fs := defaultEngine.Detect([]byte("IMEI "+both), nil)
	if len(fs) != 1 {
		t.Errorf("one span, one finding; got\n%s", dump([]byte("IMEI "+both), fs))
	}
}

// TestDetectAppends: Detect appends to dst and leaves its contents alone.
func TestDetectAppends(t *testing.T) {
	text := []byte(bulletinSentences[0])
	want := defaultEngine.Detect(text, nil)
	sentinel := pi.Finding{Type: "sentinel", Start: 999, End: 1000}
	got := defaultEngine.Detect(text, []pi.Finding{sentinel})
	if !reflect.DeepEqual(got[0], sentinel) || !reflect.DeepEqual(got[1:], want) {
		t.Errorf("Detect with a non-empty dst:\n got %v\nwant %v + %v", got, sentinel, want)
	}
}

// determinismInputs are the texts the determinism and concurrency tests
// run: the bulletin sentences, a register and synthetic documents.
func determinismInputs() [][]byte {
	var in [][]byte
	for _, s := range bulletinSentences {
		in = append(in, []byte(s))
	}
	in = append(in, registerText(4<<10))
	for _, d := range synth.Corpus(3, 40, refDate) {
		in = append(in, []byte(d.Text))
	}
	return in
}

func TestDeterminism(t *testing.T) {
	for i, text := range determinismInputs() {
		a := defaultEngine.Detect(text, nil)
		b := defaultEngine.Detect(text, nil)
		c := testEngine(t, Config{}).Detect(slices.Clone(text), nil)
		if !sameFindings(a, b) || !sameFindings(a, c) {
			t.Errorf("input %d: results differ between runs:\n%s---\n%s---\n%s", i, dump(text, a), dump(text, b), dump(text, c))
		}
	}
}

// TestConcurrentDetect runs one engine from 8 goroutines on different
// inputs and compares with sequential results (run it with -race).
func TestConcurrentDetect(t *testing.T) {
	r, err := ParseRules("inline.yaml", []byte(validRules))
	if err != nil {
		t.Fatal(err)
	}
	e := testEngine(t, Config{Rules: r})
	inputs := determinismInputs()
	want := make([][]pi.Finding, len(inputs))
	for i, text := range inputs {
		want[i] = e.Detect(text, nil)
	}
	const workers = 8
	rounds := 20
	if testing.Short() {
		rounds = 5
	}
	var wg sync.WaitGroup
	errs := make(chan string, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				// each worker walks the inputs from a different place
				for k := range inputs {
					i := (k + w*7 + r) % len(inputs)
					label := ""
					if (i+w)%3 == 0 {
						label = "备注"
					}
					got := e.DetectLabeled(inputs[i], label, nil)
					if !sameFindings(got, want[i]) {
						errs <- fmt.Sprintf("worker %d, input %d:\n%s---want\n%s", w, i, dump(inputs[i], got), dump(inputs[i], want[i]))
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for msg := range errs {
		t.Error(msg)
	}
}

// TestGeneratedValues puts values from synth's generators in sentences,
// with and without context words, and wants each found exactly.
func TestGeneratedValues(t *testing.T) {
	v := synth.NewValues(20260101, refDate)
	type gen struct {
		typ       pi.Type
		value     func() string
		templates []string // %s is the value
	}
	gens := []gen{
		{pi.ResidentID, func() string { return v.ResidentID(synth.IDOptions{}) }, []string{"身份证号码%s，", "%s，男，汉族。"}},
		{pi.ResidentID, func() string { return v.ResidentIDWithX(true) }, []string{"证件号%s。"}},
		{pi.ResidentID, v.ResidentID15, []string{"老身份证号为%s，"}},
		{pi.MobilePhone, v.Mobile, []string{"联系电话%s。", "王先生 %s。"}},
		{pi.LandlinePhone, func() string { a, l := v.Landline(); return a + "-" + l }, []string{"咨询电话%s。", "%s（办公室）"}},
		{pi.BankCard, v.BankCard, []string{"卡号%s，", "收款人：陈某；%s。"}},
		{pi.Passport, v.Passport, []string{"护照号码：%s；"}},
		{pi.HKMacauPermit, v.HKMacauPermit, []string{"往来港澳通行证：%s。"}},
		{pi.TaiwanPermit, v.TaiwanPermit, []string{"台胞证号码%s，"}},
		{pi.HKID, v.HKID, []string{"香港身份证号码%s，", "%s"}},
		{pi.TaiwanID, v.TaiwanID, []string{"台湾身份证字号%s，"}},
		{pi.LicensePlate, func() string { return v.Plate(false, "") }, []string{"车牌号为%s，"}},
		{pi.LicensePlate, func() string { return v.Plate(true, "·") }, []string{"新能源汽车号牌%s于当日登记。"}},
		{pi.USCC, v.USCC, []string{"统一社会信用代码为%s，"}},
		{pi.Email, v.Email, []string{"邮件至%s。", "%s"}},
		{pi.IPv4, v.IPv4, []string{"IP地址为%s，", "来自%s的访问"}},
		{pi.IPv6, v.IPv6, []string{"客户端IP %s 多次访问。"}},
		{pi.MACAddress, v.MAC, []string{"MAC地址%s。", "设备 %s 上线"}},
		{pi.IMEI, v.IMEI, []string{"手机串号（IMEI）%s，"}},
		{pi.GPSCoordinate, v.GPS, []string{"经纬度：%s。", "%s"}},
		{pi.Date, v.Date, []string{"病例于%s返回。"}},
		{pi.URL, v.URL, []string{"其个人主页%s已被封禁。"}},
		{pi.QQNumber, v.QQ, []string{"添加QQ号%s即可。"}},
		{pi.WeChatID, v.WeChat, []string{"微信号%s，"}},
		{pi.TrainNumber, v.Train, []string{"乘坐%s次列车返回。"}},
		{pi.FlightNumber, v.Flight, []string{"乘坐%s航班飞抵本市。"}},
		{pi.SeatNumber, v.Seat, []string{"乘坐G1234次列车（%s）返回。"}},
		{pi.VIN, v.VIN, []string{"车辆识别代号%s，", "车辆%s已年检。"}},
	}
	n := 50
	if testing.Short() {
		n = 10
	}
	for _, g := range gens {
		for _, tmpl := range g.templates {
			for range n {
				val := g.value()
				text := fmt.Sprintf(tmpl, val)
				got := defaultEngine.Detect([]byte(text), nil)
				if f := findSpan([]byte(text), got, g.typ, val); f == nil || f.Score < 0.5 {
					t.Errorf("%s %q in %q: got\n%s", g.typ, val, text, dump([]byte(text), got))
				}
			}
		}
	}
}

// TestSynthCorpus scores the engine on synth's labelled corpus: every gold
// span found exactly at ≥ 0.5, and nothing confident where there is no
// gold (the corpus carries decoys: order numbers, timestamps, amounts,
// versions, ISBNs, near-miss IDs, bad segments, Luhn failures).
func TestSynthCorpus(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	docs := synth.Corpus(1, n, refDate)
	gold, missed, spurious := 0, 0, 0
	for _, d := range docs {
		text := []byte(d.Text)
		got := defaultEngine.Detect(text, nil)
		for _, g := range d.Gold {
			gold++
			if f := findSpan(text, got, pi.Type(g.Label), d.Text[g.Start:g.End]); f == nil || f.Score < 0.5 || f.Start != g.Start {
				missed++
				t.Logf("missed %s %q in %s", g.Label, d.Text[g.Start:g.End], d.ID)
			}
		}
		for _, f := range got {
			if f.Score < 0.5 || slices.ContainsFunc(d.Gold, func(g eval.Span) bool { return f.Start < g.End && g.Start < f.End }) {
				continue
			}
			spurious++
			t.Logf("spurious %s %q (%.2f) in %s", f.Type, text[f.Start:f.End], f.Score, d.ID)
		}
	}
	if missed > gold/200 || spurious > n/200 {
		t.Errorf("%d gold spans: %d missed, %d spurious findings (at most 0.5%% each)", gold, missed, spurious)
	}
}

// TestResolveLargeCluster: one finding that spans many others (a long URL
// with numbers in its path) makes one cluster; every phone in it is kept
// beside the URL. (BenchmarkResolveLargeCluster shows the cost.)
func TestResolveLargeCluster(t *testing.T) {
	text := []byte("http://a.cn/" + strings.Repeat("13812345678/", 5000))
	fs := defaultEngine.Detect(text, nil)
	if len(fs) != 5001 || fs[0].Type != pi.URL {
		t.Errorf("%d findings, first %s", len(fs), fs[0].Type)
	}
}

func BenchmarkResolveLargeCluster(b *testing.B) {
	text := []byte("http://a.cn/" + strings.Repeat("13812345678/", 40000))
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		defaultEngine.Detect(text, nil)
	}
}
