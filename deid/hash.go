package deid

import (
	"encoding/hex"
	"strings"

	"github.com/custos-project/custos/pi"
)

// hashOp replaces a value with a keyed digest: HMAC-SHA256 under the
// Context's hash sub-key of the value's normalized form, so the same
// person's phone number written as 138-0013-8000 and +86 13800138000
// gets the same digest, which cannot be recomputed without the key.
type hashOp struct {
	length int
	prefix string
}

func buildHash(p Params) (Operator, error) {
	if err := checkText(p, "prefix"); err != nil {
		return nil, err
	}
	n, err := paramInt(p, "length", 16, 1, 64)
	if err != nil {
		return nil, err
	}
	return hashOp{length: n, prefix: p["prefix"]}, nil
}

func (hashOp) Name() string { return "hash" }

// Apply returns prefix + the first length hex digits of the digest.
func (o hashOp) Apply(c *Context, f *pi.Finding, v string) (string, error) {
	if c == nil {
		return "", ErrNoKey
	}
	if c.keyErr != nil {
		return "", c.keyErr
	}
	f = finding(f)
	sum := c.mac(keyHash, normalize(f, clean(v)))
	var buf [64]byte
	hex.Encode(buf[:], sum[:])
	var b strings.Builder
	b.Grow(len(o.prefix) + o.length)
	b.WriteString(o.prefix)
	b.Write(buf[:o.length])
	return b.String(), nil
}
