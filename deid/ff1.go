package deid

import (
	"crypto/aes"
	"crypto/cipher"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
)

// FF1 is the format-preserving encryption mode FF1 of NIST SP 800-38G
// (Rev. 1) over AES, written from the specification (the Go module proxy
// here does not serve github.com/capitalone/fpe; the tests check this
// implementation against the NIST sample vectors). It enciphers a string
// of numerals in a radix (2 … 65536) into another string of the same
// length in the same radix, under a key and a tweak; Decrypt inverts it.
//
// SP 800-38G Rev. 1 requires the domain to hold at least a million values
// (radix^n ≥ 1,000,000), so that small domains cannot be enumerated:
// Encrypt refuses shorter strings with ErrDomainTooSmall.
//
// An FF1 is safe for concurrent use.
type FF1 struct {
	block cipher.Block
	radix int
	// minLen is the shortest length with radix^minLen ≥ 1,000,000.
	minLen int
}

// ErrDomainTooSmall reports a numeral string too short for FF1: radix^n is
// below 1,000,000 (SP 800-38G Rev. 1, §5.2).
var ErrDomainTooSmall = errors.New("fewer than 1,000,000 possible values (SP 800-38G minimum domain)")

// ff1MaxLen bounds the numeral strings FF1 accepts; the standard allows
// 2^32, Custos never needs more than a few hundred.
const ff1MaxLen = 1 << 16

// NewFF1 returns an FF1 cipher with an AES key of 16, 24 or 32 bytes.
func NewFF1(key []byte, radix int) (*FF1, error) {
	if radix < 2 || radix > 1<<16 {
		return nil, fmt.Errorf("ff1: radix %d outside 2…65536", radix)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("ff1: key must be 16, 24 or 32 bytes")
	}
	minLen, v := 1, radix
	for v < 1_000_000 {
		v *= radix
		minLen++
	}
	return &FF1{block: block, radix: radix, minLen: minLen}, nil
}

// Radix returns the radix the cipher was made for.
func (f *FF1) Radix() int { return f.radix }

// MinLen returns the shortest numeral string the cipher accepts.
func (f *FF1) MinLen() int { return f.minLen }

// Encrypt enciphers the numerals x (each < radix) under tweak into a new
// slice of the same length.
func (f *FF1) Encrypt(x []uint16, tweak []byte) ([]uint16, error) {
	return f.crypt(x, tweak, true)
}

// Decrypt inverts Encrypt.
func (f *FF1) Decrypt(x []uint16, tweak []byte) ([]uint16, error) {
	return f.crypt(x, tweak, false)
}

func (f *FF1) crypt(x []uint16, tweak []byte, enc bool) ([]uint16, error) {
	n := len(x)
	if n < f.minLen {
		return nil, ErrDomainTooSmall
	}
	if n > ff1MaxLen {
		return nil, fmt.Errorf("ff1: %d numerals, more than %d", n, ff1MaxLen)
	}
	if len(tweak) > 1<<20 {
		return nil, fmt.Errorf("ff1: tweak of %d bytes is too long", len(tweak))
	}
	for _, c := range x {
		if int(c) >= f.radix {
			return nil, fmt.Errorf("ff1: numeral %d not below radix %d", c, f.radix)
		}
	}
	radix := f.radix
	u := n / 2
	v := n - u
	modU, okU := pow64(radix, u)
	modV, okV := pow64(radix, v)
	if !okU || !okV {
		return f.cryptBig(x, tweak, enc)
	}
	// b = ceil(ceil(v·log2 radix)/8): the bit length of radix^v - 1 is
	// exactly ceil(v·log2 radix), computed without floating point.
	b := (bits.Len64(modV-1) + 7) / 8
	d := 4*((b+3)/4) + 4
	t := len(tweak)

	// P || Q, with Q = T || 0^pad || [i]^1 || [NUM(B)]^b.
	pad := ((-(t + b + 1))%16 + 16) % 16
	qLen := t + pad + 1 + b
	buf := make([]byte, 16+qLen)
	buf[0], buf[1], buf[2] = 1, 2, 1
	buf[3], buf[4], buf[5] = byte(radix>>16), byte(radix>>8), byte(radix)
	buf[6], buf[7] = 10, byte(u)
	buf[8], buf[9], buf[10], buf[11] = byte(n>>24), byte(n>>16), byte(n>>8), byte(n)
	buf[12], buf[13], buf[14], buf[15] = byte(t>>24), byte(t>>16), byte(t>>8), byte(t)
	copy(buf[16:], tweak)

	// The CBC-MAC state after every block but the last is the same in
	// all ten rounds; the last block holds the round number and NUM(B).
	var state [16]byte
	for off := 0; off+16 < len(buf); off += 16 {
		xorBlock(&state, buf[off:off+16])
		f.block.Encrypt(state[:], state[:])
	}
	last := buf[len(buf)-16:]
	roundNum := len(last) - b - 1 // index of [i] in the last block
	if roundNum < 0 || d > 16 {
		return f.cryptBig(x, tweak, enc) // cannot happen with b ≤ 8
	}

	numA, numB := num(x[:u], radix), num(x[u:], radix)
	if !enc {
		numA, numB = numB, numA // decryption walks the rounds backwards with A and B swapped
	}
	var r [16]byte
	for k := 0; k < 10; k++ {
		i := k
		if !enc {
			i = 9 - k
		}
		last[roundNum] = byte(i)
		for j := 0; j < b; j++ {
			last[len(last)-1-j] = byte(numB >> (8 * j))
		}
		r = state
		xorBlock(&r, last)
		f.block.Encrypt(r[:], r[:])
		m := modU
		if i%2 == 1 {
			m = modV
		}
		// y mod radix^m over the first d bytes of R.
		var y uint64
		for _, s := range r[:d] {
			hi, lo := bits.Mul64(y, 256)
			lo, carry := bits.Add64(lo, uint64(s), 0)
			hi += carry
			_, y = bits.Div64(hi, lo, m)
		}
		var c uint64
		if enc {
			sum, carry := bits.Add64(numA%m, y, 0)
			if carry != 0 || sum >= m {
				sum -= m
			}
			c = sum
		} else {
			a := numA % m
			if a >= y {
				c = a - y
			} else {
				c = m - (y - a)
			}
		}
		numA, numB = numB, c
	}
	out := make([]uint16, n)
	if enc {
		str(out[:u], numA, radix)
		str(out[u:], numB, radix)
	} else {
		// numB is A (u numerals), numA is B (v numerals).
		str(out[:u], numB, radix)
		str(out[u:], numA, radix)
	}
	return out, nil
}

// cryptBig is FF1 with arbitrary-precision numbers, for halves whose value
// does not fit 64 bits.
func (f *FF1) cryptBig(x []uint16, tweak []byte, enc bool) ([]uint16, error) {
	n := len(x)
	radix := f.radix
	u := n / 2
	v := n - u
	bigRadix := big.NewInt(int64(radix))
	powU := new(big.Int).Exp(bigRadix, big.NewInt(int64(u)), nil)
	powV := new(big.Int).Exp(bigRadix, big.NewInt(int64(v)), nil)
	b := (new(big.Int).Sub(powV, big.NewInt(1)).BitLen() + 7) / 8
	d := 4*((b+3)/4) + 4
	t := len(tweak)
	pad := ((-(t + b + 1))%16 + 16) % 16
	p := []byte{1, 2, 1, byte(radix >> 16), byte(radix >> 8), byte(radix), 10, byte(u),
		byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n), byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)}
	q := make([]byte, t+pad+1+b)
	copy(q, tweak)

	numA, numB := numBig(x[:u], radix), numBig(x[u:], radix)
	if !enc {
		numA, numB = numB, numA
	}
	nBlocks := (d + 15) / 16
	s := make([]byte, 16*nBlocks)
	y, c := new(big.Int), new(big.Int)
	for k := 0; k < 10; k++ {
		i := k
		if !enc {
			i = 9 - k
		}
		q[t+pad] = byte(i)
		nb := numB.Bytes()
		for j := range q[t+pad+1:] {
			q[t+pad+1+j] = 0
		}
		copy(q[len(q)-len(nb):], nb)
		var r [16]byte
		for _, blk := range [][]byte{p, q} {
			for off := 0; off < len(blk); off += 16 {
				xorBlock(&r, blk[off:off+16])
				f.block.Encrypt(r[:], r[:])
			}
		}
		copy(s, r[:])
		for j := 1; j < nBlocks; j++ {
			var blk [16]byte
			blk = r
			for z := 0; z < 8; z++ {
				blk[15-z] ^= byte(uint64(j) >> (8 * z))
			}
			f.block.Encrypt(s[16*j:16*j+16], blk[:])
		}
		y.SetBytes(s[:d])
		m := powU
		if i%2 == 1 {
			m = powV
		}
		if enc {
			c.Add(numA, y)
		} else {
			c.Sub(numA, y)
		}
		c.Mod(c, m) // Go's Mod is Euclidean: never negative
		numA, numB = numB, new(big.Int).Set(c)
	}
	out := make([]uint16, n)
	if enc {
		strBig(out[:u], numA, radix)
		strBig(out[u:], numB, radix)
	} else {
		strBig(out[:u], numB, radix)
		strBig(out[u:], numA, radix)
	}
	return out, nil
}

func xorBlock(dst *[16]byte, src []byte) {
	for i := range dst {
		dst[i] ^= src[i]
	}
}

// num is NUM_radix(x): the numerals read most significant first. The
// caller guarantees the value fits 64 bits.
func num(x []uint16, radix int) uint64 {
	var v uint64
	for _, c := range x {
		v = v*uint64(radix) + uint64(c)
	}
	return v
}

// str is STR^m_radix(v) written into out (len(out) = m).
func str(out []uint16, v uint64, radix int) {
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = uint16(v % uint64(radix))
		v /= uint64(radix)
	}
}

func numBig(x []uint16, radix int) *big.Int {
	v := new(big.Int)
	r := big.NewInt(int64(radix))
	for _, c := range x {
		v.Mul(v, r)
		v.Add(v, big.NewInt(int64(c)))
	}
	return v
}

func strBig(out []uint16, v *big.Int, radix int) {
	v = new(big.Int).Set(v)
	r := big.NewInt(int64(radix))
	m := new(big.Int)
	for i := len(out) - 1; i >= 0; i-- {
		v.DivMod(v, r, m)
		out[i] = uint16(m.Int64())
	}
}

// pow64 returns radix^e when it fits 64 bits.
func pow64(radix, e int) (uint64, bool) {
	p := uint64(1)
	for range e {
		hi, lo := bits.Mul64(p, uint64(radix))
		if hi != 0 {
			return 0, false
		}
		p = lo
	}
	return p, true
}
