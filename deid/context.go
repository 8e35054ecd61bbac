package deid

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// MinKeyLen is the shortest secret key Custos accepts, in bytes.
const MinKeyLen = 16

// ErrNoKey is returned by the operators that need a secret key (hash,
// tokenize, surrogate, date_shift, pseudonym with scope=key) when the
// Context has none.
var ErrNoKey = errors.New("no secret key: this operator needs one (give a key file or a key environment variable)")

// errShortKey is returned when the Context's key is shorter than MinKeyLen.
var errShortKey = fmt.Errorf("secret key too short: need at least %d bytes", MinKeyLen)

// Sub-key purposes.
const (
	keyHash = iota
	keyPseudonym
	keySurrogate
	keyShift
	keyToken
	numKeys
)

var keyPurposes = [numKeys]string{"hash", "pseudonym", "surrogate", "date_shift", "tokenize ff1"}

// Context carries what the operators share while de-identifying: the
// secret key (from which each keyed operator derives its own sub-key) and
// the state of the current document (the pseudonyms handed out so far,
// the document's identity for date shifts, the suppression flag).
//
// Start each document with NewDocument so that document-scoped pseudonyms
// start again at A and date shifts change. A Context is safe for
// concurrent use, but pseudonyms are numbered in the order values are
// seen, so a document should be processed in order by one goroutine to get
// the same output each time.
type Context struct {
	ref    time.Time
	keyErr error
	// Sub-keys: HMAC-SHA256(key, "custos deid v1 " + purpose), so that
	// no two operators ever use the same key material for different
	// things; and for each a pool of HMACs keyed with it.
	keys  [numKeys][32]byte
	pools [numKeys]sync.Pool

	mu         sync.Mutex
	docSeq     int
	docID      string
	names      map[string]map[string]string // pseudonym style → normalized value → pseudonym
	suppressed bool
	ciphers    map[int]*FF1 // by radix
}

// NewContext returns a Context for the secret key (nil when there is none:
// the operators that need one then fail with ErrNoKey) and the reference
// date ages and year-less dates are computed at (the zero time means
// today, UTC). The key is copied; only sub-keys derived from it are kept.
func NewContext(key []byte, ref time.Time) *Context {
	if ref.IsZero() {
		now := time.Now().UTC()
		ref = time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	}
	c := &Context{ref: ref, docSeq: 1, docID: "1"}
	switch {
	case key == nil:
		c.keyErr = ErrNoKey
	case len(key) < MinKeyLen:
		c.keyErr = errShortKey
	default:
		for i, purpose := range keyPurposes {
			m := hmac.New(sha256.New, key)
			m.Write([]byte("custos deid v1 " + purpose))
			m.Sum(c.keys[i][:0])
			sub := c.keys[i][:]
			c.pools[i].New = func() any { return hmac.New(sha256.New, sub) }
		}
	}
	return c
}

// Ref returns the reference date.
func (c *Context) Ref() time.Time { return c.ref }

// HasKey reports whether the Context holds a usable secret key.
func (c *Context) HasKey() bool { return c.keyErr == nil }

// NewDocument starts the next document: document-scoped pseudonyms start
// again (患者A), date shifts without a subject take a new offset and the
// suppression flag is cleared. Documents are numbered 1, 2, … in the order
// they are started; use NewNamedDocument to tie date shifts to a stable
// name instead of the order.
func (c *Context) NewDocument() {
	c.mu.Lock()
	c.docSeq++
	c.startLocked(strconv.Itoa(c.docSeq))
	c.mu.Unlock()
}

// NewNamedDocument is NewDocument with the document's identity given, such
// as its path: a document's date shifts are derived from the key, its
// identity and the subject, so the same document gets the same shifts
// whatever else is processed with it.
func (c *Context) NewNamedDocument(id string) {
	c.mu.Lock()
	c.docSeq++
	c.startLocked("name:" + id)
	c.mu.Unlock()
}

func (c *Context) startLocked(id string) {
	c.docID = id
	c.names = nil
	c.suppressed = false
}

// Suppressed reports whether a suppress operator ran since the document
// started or since the last TakeSuppressed.
func (c *Context) Suppressed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.suppressed
}

// TakeSuppressed reports whether a suppress operator ran since the last
// call (or the start of the document) and clears the flag. The caller
// applies the operators of one unit (a sentence, a table row, a record),
// then calls TakeSuppressed and drops the whole unit when it is true.
func (c *Context) TakeSuppressed() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.suppressed
	c.suppressed = false
	return s
}

func (c *Context) suppress() {
	c.mu.Lock()
	c.suppressed = true
	c.mu.Unlock()
}

// docIdentity returns the current document's identity.
func (c *Context) docIdentity() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docID
}

// mac returns HMAC-SHA256 under one of the sub-keys of parts joined with
// NUL bytes (which no part contains after cleaning, so the join is
// unambiguous).
func (c *Context) mac(key int, parts ...string) [32]byte {
	h := c.pools[key].Get().(hash.Hash)
	h.Reset()
	defer c.pools[key].Put(h)
	for i, p := range parts {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(p))
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// cipher returns the FF1 cipher of the tokenize sub-key for radix.
func (c *Context) cipher(radix int) (*FF1, error) {
	if c.keyErr != nil {
		return nil, c.keyErr
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.ciphers[radix]; f != nil {
		return f, nil
	}
	f, err := NewFF1(c.keys[keyToken][:], radix)
	if err != nil {
		return nil, err
	}
	if c.ciphers == nil {
		c.ciphers = make(map[int]*FF1)
	}
	c.ciphers[radix] = f
	return f, nil
}

// KeyFromFile reads a secret key from a file: hex (32 or more hex digits),
// base64 (standard or URL alphabet, with or without padding) or raw bytes,
// at least MinKeyLen bytes after decoding. Text keys may end with a line
// break. Error messages name the file but never show its content.
func KeyFromFile(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("key file: %w", err)
	}
	k, err := parseKey(b)
	if err != nil {
		return nil, fmt.Errorf("key file %s: %w", path, err)
	}
	return k, nil
}

// KeyFromEnv reads a secret key from the environment variable name, in
// the forms KeyFromFile accepts. Error messages name the variable but
// never show its value.
func KeyFromEnv(name string) ([]byte, error) {
	v, ok := os.LookupEnv(name)
	if !ok {
		return nil, fmt.Errorf("key variable %s is not set", name)
	}
	k, err := parseKey([]byte(v))
	if err != nil {
		return nil, fmt.Errorf("key variable %s: %w", name, err)
	}
	return k, nil
}

// parseKey decodes a key: hex first, then base64, else the raw bytes.
// Surrounding white space is dropped from text keys only, so a binary key
// that happens to end in a byte 0x20 keeps it.
func parseKey(b []byte) ([]byte, error) {
	s := string(b)
	if isText(s) {
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return nil, errors.New("empty")
	}
	if len(s)%2 == 0 && isHex(s) {
		k, _ := hex.DecodeString(s)
		if len(k) < MinKeyLen {
			return nil, fmt.Errorf("hex key too short: need at least %d bytes (%d hex digits)", MinKeyLen, 2*MinKeyLen)
		}
		return k, nil
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if k, err := enc.DecodeString(s); err == nil && len(k) >= MinKeyLen {
			return k, nil
		}
	}
	if len(s) < MinKeyLen {
		return nil, fmt.Errorf("too short: need at least %d bytes", MinKeyLen)
	}
	return []byte(s), nil
}

func isText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}
