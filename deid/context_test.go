package deid_test

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/custos-project/custos/deid"
	"github.com/custos-project/custos/pi"
)

func TestKeyFromFile(t *testing.T) {
	raw := []byte("an example secret key of 32 b!!!")
	dir := t.TempDir()
	write := func(name string, content []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := []struct {
		name    string
		content []byte
	}{
		{"hex", []byte(hex.EncodeToString(raw) + "\n")},
		{"HEX", []byte(strings.ToUpper(hex.EncodeToString(raw)))},
		{"base64", []byte(base64.StdEncoding.EncodeToString(raw) + "\r\n")},
		{"base64url raw", []byte(base64.RawURLEncoding.EncodeToString(raw))},
	}
	for _, g := range good {
		k, err := deid.KeyFromFile(write(g.name, g.content))
		if err != nil || !bytes.Equal(k, raw) {
			t.Errorf("%s: %x, %v", g.name, k, err)
		}
	}
	// Raw bytes, binary: kept as they are, trailing space included.
	bin := append([]byte{0, 1, 2, 0xff, 0xfe}, bytes.Repeat([]byte{7}, 12)...)
	bin = append(bin, ' ')
	if k, err := deid.KeyFromFile(write("bin", bin)); err != nil || !bytes.Equal(k, bin) {
		t.Errorf("binary key: %x, %v", k, err)
	}
	// Too short, in every form; the message never shows the key.
	for name, content := range map[string]string{
		"short hex":  "00112233445566778899aabbccddee",
		"short text": "hunter2-secret",
		"empty":      "\n",
	} {
		_, err := deid.KeyFromFile(write(strings.ReplaceAll(name, " ", "_"), []byte(content)))
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if s := strings.TrimSpace(content); s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("%s: the error shows the key: %v", name, err)
		}
	}
	if _, err := deid.KeyFromFile(filepath.Join(dir, "missing")); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing file: %v", err)
	}
}

func TestKeyFromEnv(t *testing.T) {
	t.Setenv("CUSTOS_TEST_KEY", "0123456789abcdef0123456789abcdef")
	k, err := deid.KeyFromEnv("CUSTOS_TEST_KEY")
	if err != nil || len(k) != 16 {
		t.Errorf("hex key from env: %d bytes, %v", len(k), err)
	}
	t.Setenv("CUSTOS_TEST_SHORT", "tooshort")
	if _, err := deid.KeyFromEnv("CUSTOS_TEST_SHORT"); err == nil || strings.Contains(err.Error(), "tooshort") ||
		!strings.Contains(err.Error(), "CUSTOS_TEST_SHORT") {
		t.Errorf("short key: %v", err)
	}
	if _, err := deid.KeyFromEnv("CUSTOS_TEST_UNSET_VARIABLE"); err == nil || !strings.Contains(err.Error(), "not set") {
		t.Errorf("unset: %v", err)
	}
}

func TestContextKey(t *testing.T) {
	if deid.NewContext(nil, testRef).HasKey() || deid.NewContext([]byte("short"), testRef).HasKey() {
		t.Error("no key or a short key counts as a key")
	}
	key := []byte("0123456789abcdef")
	c := deid.NewContext(key, testRef)
	key[0] = 'x' // the Context keeps its own copy (derived sub-keys)
	c2 := deid.NewContext([]byte("0123456789abcdef"), testRef)
	h := build(t, "hash", nil)
	f := &pi.Finding{Type: pi.Email}
	a, _ := h.Apply(c, f, "a@b.cn")
	b, _ := h.Apply(c2, f, "a@b.cn")
	if !c.HasKey() || a != b {
		t.Errorf("key copy: %q vs %q", a, b)
	}
	if c.Ref() != testRef || deid.NewContext(nil, testRef.AddDate(0, 0, 0)).Ref().IsZero() {
		t.Error("Ref")
	}
}

// Operators and one Context used from many goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	c := deid.NewContext(testKey, testRef)
	samples := realistic(11, 5)
	var wg sync.WaitGroup
	for _, oc := range propertyOps {
		p := oc.params
		if oc.name == "generalize" {
			p = deid.Params{"to": "district"}
		}
		op := build(t, oc.name, p)
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for _, s := range samples {
					op.Apply(c, s.finding(), s.value)
				}
			}()
		}
	}
	wg.Wait()
}
