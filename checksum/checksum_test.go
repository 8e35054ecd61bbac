package checksum

import "testing"

func TestValidators(t *testing.T) {
	tests := []struct {
		name  string
		check func(string) bool
		in    string
		want  bool
	}{
		{"luhn visa test card", Luhn, "4111111111111111", true},
		{"luhn unionpay 19 digits", Luhn, "6222021234567890126", false},
		{"luhn one digit off", Luhn, "4111111111111112", false},
		{"luhn non digit", Luhn, "41111111111a1111", false},
		{"luhn imei", Luhn, "490154203237518", true},
		{"resident id GB 11643 example", ResidentID, "11010519491231002X", true},
		{"resident id lower x", ResidentID, "11010519491231002x", true},
		{"resident id bad check", ResidentID, "110105194912310021", false},
		{"resident id short", ResidentID, "1101051949123100", false},
		{"uscc example", USCC, "91350100M000100Y43", true},
		{"uscc bad check", USCC, "91350100M000100Y44", false},
		{"uscc forbidden letter", USCC, "91350100M000100I43", false},
		{"vin classic", VIN, "1M8GDM9AXKP042788", true},
		{"vin wrong check", VIN, "1M8GDM9A1KP042788", false},
		{"vin with O", VIN, "1M8GDM9AXKP0427O8", false},
		{"taiwan id", TaiwanID, "A123456789", true},
		{"taiwan id bad", TaiwanID, "A123456788", false},
		{"taiwan id bad sex digit", TaiwanID, "A323456789", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.check(tt.in); got != tt.want {
				t.Errorf("%q: got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestHKID(t *testing.T) {
	tests := []struct {
		body  string
		check byte
		want  bool
	}{
		{"A123456", '3', true},
		{"A123456", '4', false},
		{"G123456", 'A', true},
		{"AB987654", '3', true},
		{"1234567", '0', false},
	}
	for _, tt := range tests {
		if got := HKID(tt.body, tt.check); got != tt.want {
			t.Errorf("HKID(%q, %c) = %v, want %v (computed %q)", tt.body, tt.check, got, tt.want, HKIDCheck(tt.body))
		}
	}
}

func TestRoundTrip(t *testing.T) {
	body := "11010519900307123"
	id := body + string(ResidentIDCheck(body))
	if !ResidentID(id) {
		t.Fatalf("generated id %s does not validate", id)
	}
	card := "622202123456789012"
	if !Luhn(card + string(LuhnDigit(card))) {
		t.Fatal("generated card does not validate")
	}
	u := "91110108MA01ABCD2"
	if !USCC(u + string(USCCCheck(u))) {
		t.Fatal("generated uscc does not validate")
	}
	tw := "F22345678"
	if !TaiwanID(tw + string(TaiwanIDCheck(tw))) {
		t.Fatal("generated taiwan id does not validate")
	}
}

func FuzzValidators(f *testing.F) {
	for _, s := range []string{"4111111111111111", "11010519491231002X", "91350100M000100Y43", "1M8GDM9AXKP042788", "A123456789", "", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		Luhn(s)
		ResidentID(s)
		USCC(s)
		VIN(s)
		TaiwanID(s)
		if len(s) > 0 {
			HKID(s[:len(s)-1], s[len(s)-1])
		}
		if len(s) == 17 {
			if c := ResidentIDCheck(s); c != 0 && !ResidentID(s+string(c)) {
				t.Errorf("check %c for %q does not validate", c, s)
			}
			if c := USCCCheck(s); c != 0 && !USCC(s+string(c)) {
				t.Errorf("uscc check %c for %q does not validate", c, s)
			}
		}
	})
}
