package detect

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/custos-project/custos/checksum"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/zh"
)

// Bank cards: 16-19 digits, Luhn check, and the issuer from the BIN table.
// A Luhn-valid number whose prefix is in no BIN table is only weak evidence
// (one random number in ten passes Luhn), so it needs a context word.

// bankCard checks digits d at [start, end); grouped is true when the digits
// were written in groups (6222 0212 …), a strong hint of a card.
func (s *scanner) bankCard(start, end int, d []byte, grouped bool) bool {
	if !s.e.on(pi.BankCard) || len(d) < 16 || len(d) > 19 {
		return false
	}
	luhn := checksum.Luhn(bstr(d))
	bin, binOK := zh.LookupBIN(bstr(d))
	ctx := s.context(start, end)
	pol := ctx.polarity(ctxBank)
	var score float64
	var reason string
	switch {
	case luhn && binOK:
		score = 0.9
		if bin.Length != 0 && bin.Length != len(d) {
			score = 0.7
			reason = "length " + strconv.Itoa(len(d)) + " differs from the BIN's " + strconv.Itoa(bin.Length)
		}
	case luhn && plausibleIIN(d[0]):
		score, reason = 0.45, "BIN not in the table"
		if grouped {
			score = 0.6
		}
	case binOK && s.accountLabelBefore(start):
		// 账号：6217… on a statement: an account's number need not pass
		// Luhn as a card's does
		score, reason = 0.6, "an account number after its label (no Luhn check for accounts)"
	case binOK && pol == 1:
		score, reason = 0.3, "near miss: Luhn check failed"
	default:
		return false
	}
	f := pi.Finding{Type: pi.BankCard, Category: pi.CatAccount, Start: start, End: end, Score: score,
		Evidence: pi.Evidence{Validator: "luhn+bin", Valid: luhn && binOK, Reason: reason}, Source: "bank_card"}
	switch pol {
	case 1:
		if luhn {
			f.Score = max(f.Score+0.08, 0.75)
			f.Score = min(f.Score, 0.98)
		}
		f.Evidence.Context = s.words(ctxBank)
	case -1:
		f.Score = min(f.Score, 0.2)
		f.Evidence.Reason = joinReason(f.Evidence.Reason, "negative context: "+joinWords(s.words(ctxNegative)))
	default:
		// 公民身份号码330106…: an 18-digit number the words call an ID
		// number, and nothing calls a card, is a mistyped ID (a near miss
		// of the resident-ID recognizer) even where its first digits are a
		// card's (Gansu's 62xxxx are UnionPay's)
		if len(d) == 18 && ctx.polarity(ctxID) == 1 {
			f.Score = min(f.Score, 0.2)
			f.Evidence.Reason = joinReason(f.Evidence.Reason, "ID-number context: "+joinWords(s.words(ctxID)))
		}
	}
	f.SetAttr(pi.AttrNormalized, string(d))
	if binOK {
		f.SetAttr(pi.AttrBank, bin.Bank)
		if bin.CardType != "" {
			f.SetAttr(pi.AttrCardType, bin.CardType)
		}
	}
	s.add(f)
	return true
}

// accountLabels name a bank account's number, not a card's (账号, 账户).
var accountLabels = []string{"账号", "帐号", "账户", "帐户", "银行账号", "收款账号", "付款账号", "对公账号", "结算账号", "存折账号",
	"存折号", "账户号码", "帐户号码", "账号码"}

// accountLabelBefore reports whether an account label ends right before
// start (账号：, 银行账户 ) or is the fragment's column.
func (s *scanner) accountLabelBefore(start int) bool {
	for _, w := range accountLabels {
		if strings.Contains(s.labelText, w) {
			return true
		}
	}
	b := s.text[max(0, start-maxLabelGap-len("账户号码")):start]
	trimmed := bytes.TrimRight(b, " \t：:#=")
	if len(b)-len(trimmed) > maxLabelGap {
		return false
	}
	for _, w := range accountLabels {
		if bytes.HasSuffix(trimmed, []byte(w)) {
			return true
		}
	}
	return false
}

// plausibleIIN: UnionPay (62, 81), Visa (4), Mastercard (5, 2), JCB/Amex (3)
// and domestic cards starting 9 or 6.
func plausibleIIN(c byte) bool {
	switch c {
	case '2', '3', '4', '5', '6', '8', '9':
		return true
	}
	return false
}

// groupedCard accepts cards written in groups: "6222 0212 3456 7890 123",
// "6222-0212-3456-7890". Groups must be 4 digits except the last (1-4) and
// a leading 6-digit BIN group ("622202 1234567890123" is also seen).
func (s *scanner) groupedCard(groups []span) int {
	for n := len(groups); n >= 2; n-- {
		ok := true
		for i, g := range groups[:n] {
			l := g.end - g.start
			last := i == n-1
			if !(l == 4 || (last && l >= 1 && l <= 4) || (i == 0 && l == 6) || (n == 2 && l >= 10)) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		d := s.compact(groups[:n])
		if d == nil || len(d) < 16 || len(d) > 19 {
			continue
		}
		if s.bankCard(groups[0].start, groups[n-1].end, d, true) {
			return n
		}
	}
	return 0
}
