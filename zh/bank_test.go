package zh

import "testing"

func TestLookupBIN(t *testing.T) {
	tests := []struct {
		name   string
		number string
		want   BankInfo
		ok     bool
	}{
		{"6-digit BIN", "6228480012345678901", BankInfo{"中国农业银行", "debit", 19}, true},
		{"3-digit BIN", "1031234567890123456", BankInfo{"中国农业银行", "debit", 19}, true},
		{"4-digit BIN", "9558801234567890123", BankInfo{"中国工商银行", "debit", 19}, true},
		{"credit", "6259650000000000", BankInfo{"中国建设银行", "credit", 16}, true},
		{"spaces", "6228 4800 1234 5678 901", BankInfo{"中国农业银行", "debit", 19}, true},
		{"hyphens", "6228-4800-1234-5678-901", BankInfo{"中国农业银行", "debit", 19}, true},
		{"prefix only", "622848", BankInfo{"中国农业银行", "debit", 19}, true},
		{"shared BIN, 16 digits", "6223020000000000", BankInfo{"广东省农村信用社联合社", "debit", 16}, true},
		{"shared BIN, 18 digits", "622302000000000000", BankInfo{"中国工商银行", "debit", 18}, true},
		{"shared BIN, other length", "62230200000", BankInfo{"广东省农村信用社联合社", "debit", 16}, true},
		{"same bank two lengths", "6224250000000000000", BankInfo{"哈尔滨银行", "debit", 19}, true},
		{"d18n only", "685800000000000000", BankInfo{"上海银行", "debit", 18}, true},
		{"8-digit BIN inside a 6-digit one", "6032650012345678", BankInfo{"无锡市商业银行", "debit", 16}, true},
		{"6-digit BIN around an 8-digit one", "6032651112345678", BankInfo{"江苏银行", "debit", 16}, true},
		{"9-digit BIN", "6212600010000000000", BankInfo{"咸丰常农商村镇银行", "debit", 19}, true},
		{"shared 6-digit BIN, 16 digits", "6212601110000000", BankInfo{"平安银行", "credit", 16}, true},
		{"shared 6-digit BIN, 19 digits", "6212601110000000000", BankInfo{"常熟农商银行", "debit", 19}, true},
		{"unknown", "0000000000000000", BankInfo{}, false},
		{"too short", "62", BankInfo{}, false},
		{"empty", "", BankInfo{}, false},
		{"letters", "abc622848", BankInfo{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := LookupBIN(tt.number)
			if got != tt.want || ok != tt.ok {
				t.Errorf("LookupBIN(%q) = %+v, %v; want %+v, %v", tt.number, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestBINTable(t *testing.T) {
	tab := bins()
	n := 0
	for l, bl := range tab.byLen {
		if len(bl.keys) == 0 {
			continue
		}
		if len(bl.start) != len(bl.keys)+1 {
			t.Fatalf("length %d: %d keys, %d starts", l, len(bl.keys), len(bl.start))
		}
		for k := range bl.keys {
			if bl.start[k] >= bl.start[k+1] {
				t.Errorf("length %d key %d: empty range", l, bl.keys[k])
			}
			n += int(bl.start[k+1] - bl.start[k])
		}
	}
	if n != len(tab.infos) || n < 1700 {
		t.Errorf("ranges cover %d of %d entries", n, len(tab.infos))
	}
}

func BenchmarkLookupBIN(b *testing.B) {
	numbers := []string{"6228480012345678901", "6223020000000000", "0000000000000000", "6212410010000000000"}
	LookupBIN(numbers[0])
	b.SetBytes(19)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		LookupBIN(numbers[i&3])
	}
}
