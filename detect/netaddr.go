package detect

import (
	"net/netip"
	"strings"

	"github.com/custos-project/custos/pi"
)

// Network identifiers: e-mail addresses, URLs, IPv4 and IPv6 addresses and
// MAC addresses.

// email finds an address around the first '@' of the segment.
func (s *scanner) email(g segment) bool {
	text := s.text
	at := -1
	for i := g.start; i < g.end; i++ {
		if text[i] == '@' {
			at = i
			break
		}
	}
	if at <= g.start {
		return false
	}
	if s.hasScheme(g) {
		return false // a URL with user info; the URL recognizer takes it
	}
	b := at
	for b > g.start && (isAlnum(text[b-1]) || strings.IndexByte("._%+-", text[b-1]) >= 0) {
		b--
	}
	for b < at && !isAlnum(text[b]) {
		b++
	}
	e := at + 1
	lastDot := -1
	for e < g.end && (isAlnum(text[e]) || text[e] == '-' || text[e] == '.') {
		if text[e] == '.' {
			lastDot = e
		}
		e++
	}
	for e > at+1 && (text[e-1] == '.' || text[e-1] == '-') {
		e--
		if e == lastDot { // the dot just trimmed: find the one before
			lastDot = -1
			for k := at + 1; k < e; k++ {
				if text[k] == '.' {
					lastDot = k
				}
			}
		}
	}
	if b == at || lastDot < 0 || lastDot <= at+1 || !validTLD(text[lastDot+1:e]) {
		return false
	}
	f := pi.Finding{Type: pi.Email, Category: pi.CatContact, Start: b, End: e, Score: 0.95,
		Evidence: pi.Evidence{Validator: "address shape+tld", Valid: true}, Source: "email"}
	s.raiseOnContext(&f, ctxEmail, 0.99)
	f.SetAttr("domain", strings.ToLower(string(text[at+1:e])))
	s.add(f)
	return true
}

// genericTLDs are the generic top-level domains seen in Chinese text; any
// two-letter country code is accepted as well.
var genericTLDs = map[string]bool{"com": true, "net": true, "org": true, "edu": true, "gov": true, "mil": true,
	"int": true, "info": true, "biz": true, "name": true, "pro": true, "mobi": true, "asia": true, "xyz": true,
	"top": true, "vip": true, "club": true, "site": true, "online": true, "shop": true, "ltd": true, "tech": true,
	"store": true, "work": true, "wang": true, "ren": true, "art": true, "link": true, "live": true, "life": true,
	"email": true, "cloud": true, "space": true, "fun": true, "icu": true, "app": true, "dev": true, "ink": true,
	"team": true, "group": true, "plus": true, "today": true, "news": true, "world": true, "city": true}

func validTLD(t []byte) bool {
	if len(t) < 2 {
		return false
	}
	for _, c := range t {
		if !isLetter(c) {
			return false
		}
	}
	if len(t) == 2 {
		return true
	}
	return genericTLDs[strings.ToLower(bstr(t))]
}

var urlSchemes = []string{"http://", "https://", "ftp://", "ftps://", "ws://", "wss://"}

func (s *scanner) hasScheme(g segment) bool {
	w := s.text[g.start:g.end]
	for _, p := range urlSchemes {
		if len(w) > len(p) && strings.EqualFold(bstr(w[:len(p)]), p) {
			return true
		}
	}
	return false
}

// url claims a segment that starts with a scheme or "www.".
func (s *scanner) url(g segment) bool {
	text := s.text
	w := text[g.start:g.end]
	host := -1
	for _, p := range urlSchemes {
		if len(w) > len(p) && strings.EqualFold(bstr(w[:len(p)]), p) {
			host = g.start + len(p)
			break
		}
	}
	if host < 0 && len(w) > 4 && strings.EqualFold(bstr(w[:4]), "www.") {
		host = g.start
	}
	if host < 0 {
		return false
	}
	// host must have a dot with letters after it, or be an IP address
	h := host
	dot := false
	for h < g.end && text[h] != '/' && text[h] != '?' && text[h] != '#' {
		if text[h] == '.' {
			dot = true
		}
		h++
	}
	if !dot || h-host < 4 {
		return false
	}
	e := g.end
	for e > host && strings.IndexByte(".,:;", text[e-1]) >= 0 {
		e--
	}
	f := pi.Finding{Type: pi.URL, Category: pi.CatOnline, Start: g.start, End: e, Score: 0.9,
		Evidence: pi.Evidence{Validator: "scheme+host", Valid: true}, Source: "url"}
	f.SetAttr("host", strings.ToLower(string(text[host:h])))
	s.add(f)
	// identifiers inside the URL (a phone number in a query string) are
	// findings of their own: scan the words after the host.
	for i, w := h, h; i <= e; i++ {
		if i == e || !isAlnum(text[i]) {
			if i > w {
				s.word(w, i)
			}
			w = i + 1
		}
	}
	return true
}

// ipv4 claims "a.b.c.d" and "a.b.c.d:port".
func (s *scanner) ipv4(start, end int) bool {
	text := s.text
	e := end
	for k := start; k < end; k++ {
		if text[k] == ':' {
			e = k
			if _, ok := atoi(text[k+1 : end]); !ok || k+1 == end {
				return false
			}
			break
		}
	}
	addr, err := netip.ParseAddr(bstr(text[start:e]))
	if err != nil || !addr.Is4() {
		return false
	}
	if !s.e.on(pi.IPv4) {
		return true
	}
	f := pi.Finding{Type: pi.IPv4, Category: pi.CatNetID, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "octets", Valid: true}, Source: "ip"}
	b := addr.As4()
	ctx := s.context(start, end)
	switch {
	case ctx.hasBefore(ctxVersion):
		f.Score = 0.15
		f.Evidence.Reason = "version context"
	case ctx.has(ctxIP):
		f.Score = 0.95
		f.Evidence.Context = s.words(ctxIP)
	case b[0] < 10 && b[1] < 10 && b[2] < 10 && b[3] < 10:
		f.Score = 0.3
		f.Evidence.Reason = "all octets below 10 and no IP context: probably a version"
	}
	f.SetAttr("scope", ipScope(addr))
	s.add(f)
	return true
}

func ipScope(a netip.Addr) string {
	switch {
	case a.IsLoopback():
		return "loopback"
	case a.IsPrivate():
		return "private"
	case a.IsLinkLocalUnicast():
		return "link-local"
	case a.IsUnspecified():
		return "unspecified"
	case a.IsMulticast():
		return "multicast"
	}
	return "public"
}

// colonHex claims MAC addresses written with colons and IPv6 addresses.
func (s *scanner) colonHex(g segment) bool {
	text := s.text
	if s.macGroups(g.start, g.end, ':') {
		return true
	}
	w := bstr(text[g.start:g.end])
	if strings.Count(w, ":") < 2 {
		return false
	}
	addr, err := netip.ParseAddr(w)
	if err != nil || !addr.Is6() || addr.IsUnspecified() || addr.IsLoopback() {
		return false
	}
	if !s.e.on(pi.IPv6) {
		return true
	}
	f := pi.Finding{Type: pi.IPv6, Category: pi.CatNetID, Start: g.start, End: g.end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "net/netip", Valid: true}, Source: "ip"}
	if ctx := s.context(g.start, g.end); ctx.has(ctxIP) {
		f.Score = 0.95
		f.Evidence.Context = s.words(ctxIP)
	}
	f.SetAttr("scope", ipScope(addr))
	s.add(f)
	return true
}

// dashMAC claims 00-1A-2B-3C-4D-5E.
func (s *scanner) dashMAC(g segment) bool {
	return g.end-g.start == 17 && s.macGroups(g.start, g.end, '-')
}

// macGroups checks six two-digit hex groups joined by sep.
func (s *scanner) macGroups(start, end int, sep byte) bool {
	text := s.text
	if end-start != 17 {
		return false
	}
	hasLetter := false
	for k := 0; k < 17; k++ {
		c := text[start+k]
		if k%3 == 2 {
			if c != sep {
				return false
			}
			continue
		}
		if charClass[c]&cHex == 0 {
			return false
		}
		if !isDigit(c) {
			hasLetter = true
		}
	}
	score, reason := 0.9, ""
	ctx := s.context(start, end)
	if !hasLetter && !ctx.has(ctxMAC) {
		// 12-34-56-78-90-12 could be anything digit-shaped: below the
		// confidence line of 0.5.
		score, reason = 0.4, "digits only and no MAC context"
	}
	s.addMAC(start, end, score, reason, ctx)
	return true
}

// bareMAC accepts twelve hex digits only with a MAC context word.
func (s *scanner) bareMAC(start, end int, w []byte) bool {
	for _, c := range w {
		if charClass[c]&cHex == 0 {
			return false
		}
	}
	ctx := s.context(start, end)
	if !ctx.hasBefore(ctxMAC) {
		return false
	}
	s.addMAC(start, end, 0.8, "", ctx)
	return true
}

func (s *scanner) addMAC(start, end int, score float64, reason string, ctx *ctxInfo) {
	f := pi.Finding{Type: pi.MACAddress, Category: pi.CatDevice, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "hex octets", Valid: true, Reason: reason}, Source: "mac"}
	if ctx.has(ctxMAC) {
		f.Score = max(score, 0.95)
		f.Evidence.Context = s.words(ctxMAC)
	}
	s.add(f)
}
