package detect

import (
	"strings"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
)

// Accounts and devices that are only recognizable with a context word: QQ
// numbers, WeChat ids, IMEI numbers.

// qq accepts 5-11 digits, not starting with 0, after a QQ word.
func (s *scanner) qq(start, end int, d []byte) bool {
	if !s.e.on(pi.QQNumber) || d[0] == '0' {
		return false
	}
	ctx := s.context(start, end)
	if ctx.polarity(ctxQQ) != 1 {
		return false
	}
	f := pi.Finding{Type: pi.QQNumber, Category: pi.CatNetID, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "5-11 digits", Valid: true, Context: s.words(ctxQQ)}, Source: "qq"}
	if ctx.hasBefore(ctxNegative) {
		f.Score = 0.6
	}
	s.add(f)
	return true
}

// wechat accepts a WeChat id (a letter, then 5-19 letters, digits, '_' or
// '-') after a WeChat word.
func (s *scanner) wechat(start, end int) bool {
	text := s.text
	n := end - start
	if n < 6 || n > 20 || !isLetter(text[start]) || !s.e.on(pi.WeChatID) {
		return false
	}
	for i := start; i < end; i++ {
		c := text[i]
		if !isAlnum(c) && c != '_' && c != '-' {
			return false
		}
	}
	if s.label&ctxWeChat.bit() == 0 && !wechatHint(text[backRunes(text, start, ctxBeforeRunes):start]) {
		return false // no WeChat word can be in the window: skip the automaton
	}
	ctx := s.context(start, end)
	if ctx.nearest(ctxWeChat) < 0 {
		return false
	}
	s.add(pi.Finding{Type: pi.WeChatID, Category: pi.CatNetID, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "wechat id rules", Valid: true, Context: s.words(ctxWeChat)}, Source: "wechat"})
	return true
}

// imei accepts 15 Luhn-valid digits after an IMEI word.
func (s *scanner) imei(start, end int, d []byte) bool {
	if !s.e.on(pi.IMEI) || !checksum.Luhn(bstr(d)) {
		return false
	}
	ctx := s.context(start, end)
	if !ctx.has(ctxIMEI) {
		return false
	}
	s.add(pi.Finding{Type: pi.IMEI, Category: pi.CatDevice, Start: start, End: end, Score: 0.95,
		Evidence: pi.Evidence{Validator: "luhn", Valid: true, Context: s.words(ctxIMEI)}, Source: "imei"})
	return true
}

// wechatHint is a cheap necessary condition for a WeChat context word in
// window: every word of that group contains 微, 信, 加, an x or "chat". It keeps
// English prose, where every long word is a WeChat-id candidate, from
// paying for a full context lookup per word.
func wechatHint(window []byte) bool {
	for i := 0; i < len(window); i++ {
		switch window[i] {
		case 'x', 'X':
			return true
		case 'c', 'C':
			if i+4 <= len(window) && strings.EqualFold(bstr(window[i:i+4]), "chat") {
				return true
			}
		case 0xE5, 0xE4:
			if w := bstr(window[i:min(i+3, len(window))]); w == "微" || w == "信" || w == "加" {
				return true
			}
		}
	}
	return false
}
