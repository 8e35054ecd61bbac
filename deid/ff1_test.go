package deid

import (
	"encoding/hex"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The nine FF1 samples of NIST SP 800-38G ("FF1samples.pdf", Computer
// Security Resource Center examples): AES-128, -192 and -256, each with
// radix 10 without and with a tweak, and radix 36 with a tweak.
var ff1Samples = []struct {
	name             string
	key, tweak       string
	radix            int
	plain, encrypted string
}{
	{"sample 1 AES-128 radix 10", "2B7E151628AED2A6ABF7158809CF4F3C", "", 10, "0123456789", "2433477484"},
	{"sample 2 AES-128 radix 10 tweak", "2B7E151628AED2A6ABF7158809CF4F3C", "39383736353433323130", 10, "0123456789", "6124200773"},
	{"sample 3 AES-128 radix 36", "2B7E151628AED2A6ABF7158809CF4F3C", "3737373770717273373737", 36, "0123456789abcdefghi", "a9tv40mll9kdu509eum"},
	{"sample 4 AES-192 radix 10", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F", "", 10, "0123456789", "2830668132"},
	{"sample 5 AES-192 radix 10 tweak", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F", "39383736353433323130", 10, "0123456789", "2496655549"},
	{"sample 6 AES-192 radix 36", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F", "3737373770717273373737", 36, "0123456789abcdefghi", "xbj3kv35jrawxv32ysr"},
	{"sample 7 AES-256 radix 10", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94", "", 10, "0123456789", "6657667009"},
	{"sample 8 AES-256 radix 10 tweak", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94", "39383736353433323130", 10, "0123456789", "1001623463"},
	{"sample 9 AES-256 radix 36", "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94", "3737373770717273373737", 36, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd"},
}

const base36 = "0123456789abcdefghijklmnopqrstuvwxyz"

func toNumerals(s string) []uint16 {
	out := make([]uint16, len(s))
	for i := range s {
		out[i] = uint16(strings.IndexByte(base36, s[i]))
	}
	return out
}

func fromNumerals(x []uint16) string {
	b := make([]byte, len(x))
	for i, c := range x {
		b[i] = base36[c]
	}
	return string(b)
}

func TestFF1NISTSamples(t *testing.T) {
	for _, s := range ff1Samples {
		t.Run(s.name, func(t *testing.T) {
			key, _ := hex.DecodeString(s.key)
			tweak, _ := hex.DecodeString(s.tweak)
			f, err := NewFF1(key, s.radix)
			if err != nil {
				t.Fatal(err)
			}
			// Both the 64-bit path and the arbitrary-precision path.
			for _, path := range []struct {
				name string
				fn   func(x []uint16, tweak []byte, enc bool) ([]uint16, error)
			}{{"fast", f.crypt}, {"big", f.cryptBig}} {
				got, err := path.fn(toNumerals(s.plain), tweak, true)
				if err != nil {
					t.Fatal(err)
				}
				if fromNumerals(got) != s.encrypted {
					t.Errorf("%s encrypt = %s, want %s", path.name, fromNumerals(got), s.encrypted)
				}
				back, err := path.fn(toNumerals(s.encrypted), tweak, false)
				if err != nil {
					t.Fatal(err)
				}
				if fromNumerals(back) != s.plain {
					t.Errorf("%s decrypt = %s, want %s", path.name, fromNumerals(back), s.plain)
				}
			}
		})
	}
}

// The fast and big paths agree, and both invert, on random inputs of
// every length and several radixes, including halves that need more than
// 64 bits (radix 65536, long strings).
func TestFF1Paths(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(r.IntN(256))
	}
	for _, radix := range []int{2, 10, 26, 36, 256, 3755, 65536} {
		f, err := NewFF1(key, radix)
		if err != nil {
			t.Fatal(err)
		}
		for n := f.MinLen(); n < f.MinLen()+40; n++ {
			x := make([]uint16, n)
			for i := range x {
				x[i] = uint16(r.IntN(radix))
			}
			tweak := make([]byte, r.IntN(20))
			for i := range tweak {
				tweak[i] = byte(r.IntN(256))
			}
			a, err := f.crypt(x, tweak, true)
			if err != nil {
				t.Fatal(err)
			}
			b, err := f.cryptBig(x, tweak, true)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(a, b) {
				t.Fatalf("radix %d n %d: fast %v != big %v", radix, n, a, b)
			}
			back, err := f.Decrypt(a, tweak)
			if err != nil || !slices.Equal(back, x) {
				t.Fatalf("radix %d n %d: round trip %v -> %v -> %v (%v)", radix, n, x, a, back, err)
			}
		}
	}
}

func TestFF1Limits(t *testing.T) {
	key := make([]byte, 16)
	f, _ := NewFF1(key, 10)
	if f.MinLen() != 6 {
		t.Errorf("radix 10 min length %d, want 6", f.MinLen())
	}
	if _, err := f.Encrypt(make([]uint16, 5), nil); err != ErrDomainTooSmall {
		t.Errorf("5 digits: %v, want ErrDomainTooSmall", err)
	}
	if _, err := f.Encrypt([]uint16{1, 2, 3, 4, 5, 10}, nil); err == nil {
		t.Error("numeral 10 in radix 10 accepted")
	}
	if _, err := NewFF1(make([]byte, 15), 10); err == nil {
		t.Error("15-byte key accepted")
	}
	if _, err := NewFF1(key, 1); err == nil {
		t.Error("radix 1 accepted")
	}
	if _, err := NewFF1(key, 1<<16+1); err == nil {
		t.Error("radix 65537 accepted")
	}
	if g, _ := NewFF1(key, len([]rune(hanAlphabet))); g.MinLen() != 2 {
		t.Errorf("Han alphabet min length %d, want 2", g.MinLen())
	}
}

// The name alphabet is GB 2312 level 1 in code order, and never changes.
func TestHanAlphabet(t *testing.T) {
	dec := simplifiedchinese.GBK.NewDecoder()
	var want []rune
	for hi := 0xB0; hi <= 0xD7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			if hi == 0xD7 && lo > 0xF9 {
				break
			}
			s, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			if err != nil {
				t.Fatal(err)
			}
			r, _ := utf8.DecodeRune(s)
			want = append(want, r)
		}
	}
	if got := []rune(hanAlphabet); !slices.Equal(got, want) {
		t.Fatalf("hanAlphabet has %d characters, GB 2312 level 1 %d, or the order differs", len(got), len(want))
	}
}
