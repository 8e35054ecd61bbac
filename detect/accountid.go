package detect

import (
	"bytes"
	"slices"
	"strings"

	"github.com/custos-project/custos/pi"
)

// A platform's id for its user — an app's user_id, a WeChat OpenID or
// UnionID, a login name — is an online identifier of the person (GB/T
// 35273 A.1: 个人身份标识, 账号). It has no shape of its own: it is one only
// as a record's value under such a key (user_id, openid, 用户名) or written
// after such a label (用户ID：u_10086, OpenID: oUpF8…). A phone, a QQ
// number or an e-mail address there is found as itself and wins.

// accountKeys are the keys and column names of an account id, lower case
// with separators removed (user_id, userId and User ID are userid).
var accountKeys = map[string]bool{"userid": true, "uid": true, "openid": true, "unionid": true, "username": true,
	"loginname": true, "accountid": true, "memberid": true, "customerid": true, "用户id": true, "用户编号": true,
	"用户名": true, "登录名": true, "登录账号": true, "账户名": true, "会员id": true, "客户id": true, "客户编号": true}

// userIDLabels are the labels written before an account id in text.
var userIDLabels = [][]byte{[]byte("用户ID"), []byte("用户id"), []byte("用户名"), []byte("登录名"), []byte("OpenID"),
	[]byte("OpenId"), []byte("openid"), []byte("UnionID"), []byte("unionid"), []byte("UID"), []byte("uid")}

// accountKey reports whether a fragment's label names an account id.
func accountKey(label string) bool {
	if label == "" {
		return false
	}
	l := strings.Map(func(r rune) rune {
		switch r {
		case '_', '-', ' ', '.':
			return -1
		}
		return r
	}, strings.ToLower(label))
	return accountKeys[l]
}

// accountIDs adds the account ids of text: all of it under an account key,
// or the value after an account label.
func (s *scanner) accountIDs() {
	text := s.text
	if accountKey(s.labelText) {
		a, b := 0, len(text)
		for a < b && (text[a] == ' ' || text[a] == '\t') {
			a++
		}
		for b > a && (text[b-1] == ' ' || text[b-1] == '\t') {
			b--
		}
		if b-a >= 3 && accountToken(text[a:b]) == b-a {
			s.addAccount(a, b, "(label)")
		}
		return
	}
	if bytes.IndexAny(text, "iI") < 0 && !bytes.Contains(text, []byte("用户名")) && !bytes.Contains(text, []byte("登录名")) {
		return // every label holds an i or is one of these two (one pass, not one per label)
	}
	for _, l := range userIDLabels {
		for from := 0; ; {
			k := bytes.Index(text[from:], l)
			if k < 0 {
				break
			}
			at := from + k
			from = at + len(l)
			if at > 0 && isAlnum(text[at-1]) || from < len(text) && isAlnum(text[from]) && !bytes.HasSuffix(l, []byte("名")) {
				continue // a word that holds uid (fluid, uids)
			}
			v := from
			for _, sep := range [][]byte{[]byte("："), []byte(":"), []byte(" "), []byte("为")} {
				for bytes.HasPrefix(text[v:], sep) {
					v += len(sep)
				}
			}
			if v == from {
				continue
			}
			if n := accountToken(text[v:]); n >= 3 {
				// the label is no identifier either (微信OpenID: read as a
				// WeChat id after 微信)
				s.out = slices.DeleteFunc(s.out, func(f pi.Finding) bool { return f.Start >= at && f.End <= from })
				s.addAccount(v, v+n, string(l))
			}
		}
	}
}

// accountToken returns the length of the account id at the start of b:
// ASCII letters, digits and _ - . @, at most 64.
func accountToken(b []byte) int {
	n := 0
	for n < len(b) && n <= 64 && (isAlnum(b[n]) || b[n] == '_' || b[n] == '-' || b[n] == '.' || b[n] == '@') {
		n++
	}
	for n > 0 && (b[n-1] == '.' || b[n-1] == '-') {
		n-- // a sentence's full stop
	}
	if n > 64 {
		return 0
	}
	return n
}

func (s *scanner) addAccount(start, end int, context string) {
	// a part of the id read as another identifier (the wechat shape of
	// oUpF8…-XRc before its hyphen) is the id's
	s.out = slices.DeleteFunc(s.out, func(f pi.Finding) bool {
		return f.Start >= start && f.End <= end && f.End-f.Start < end-start
	})
	s.add(pi.Finding{Type: pi.AccountID, Category: pi.CatNetID, Start: start, End: end, Score: 0.85,
		Evidence: pi.Evidence{Validator: "account label", Valid: true, Context: []string{context}}, Source: "account_id"})
}
