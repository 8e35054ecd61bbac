package detect

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestKeywords(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		text  string
		want  []string // word@start
	}{
		{"classic overlaps", []string{"he", "she", "his", "hers"}, "ushers",
			[]string{"she@1", "he@2", "hers@2"}},
		{"ASCII folded", []string{"qq", "QQ号"}, "加Qq号或qQ",
			[]string{"qq@3", "qq号@3", "qq@11"}},
		{"Chinese prefixes", []string{"身份证", "身份证号", "身份证号码", "证件"}, "公民身份证号码及证件",
			[]string{"身份证@6", "身份证号@6", "身份证号码@6", "证件@24"}},
		{"repeated letter", []string{"a", "aa", "aaa"}, "AAAA",
			[]string{"a@0", "a@1", "aa@0", "a@2", "aa@1", "aaa@0", "a@3", "aa@2", "aaa@1"}},
		{"no match", []string{"微信"}, "微博账号", nil},
		{"word is a suffix of another", []string{"号码", "手机号码"}, "手机号码",
			[]string{"手机号码@0", "号码@6"}},
		{"empty text", []string{"a"}, "", nil},
		{"empty words are dropped", []string{"", "b"}, "abc", []string{"b@1"}},
		{"bytes outside every word", []string{"ip"}, "\x00\xffIP\xff", []string{"ip@2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := newKeywords(tt.words, make([]uint64, len(tt.words)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, h := range k.find([]byte(tt.text), nil) {
				if h.End-h.Start != len(k.words[h.Word]) {
					t.Errorf("hit %v: length differs from %q", h, k.words[h.Word])
				}
				got = append(got, fmt.Sprintf("%s@%d", k.words[h.Word], h.Start))
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("find(%q) = %v, want %v", tt.text, got, want)
			}
		})
	}
}

func TestKeywordsMergePayload(t *testing.T) {
	k, err := newKeywords([]string{"QQ", "qq", "微信", "Qq"}, []uint64{1, 2, 4, 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(k.words) != 2 {
		t.Fatalf("words %q, want qq and 微信", k.words)
	}
	i := slices.Index(k.words, "qq")
	if k.payload[i] != 1|2|8 || !slices.Equal(k.owners(i), []int{0, 1, 3}) {
		t.Errorf("qq: payload %b owners %v", k.payload[i], k.owners(i))
	}
}

func TestKeywordsTooLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 30000)
	for i := range words {
		b := make([]byte, 8)
		for j := range b {
			b[j] = byte(0x21 + r.IntN(0xde))
		}
		words[i] = string(b)
	}
	_, err := newKeywords(words, make([]uint64, len(words)))
	if err == nil || !strings.Contains(err.Error(), "too large") {
		t.Errorf("newKeywords of %d random words: %v, want a size error", len(words), err)
	}
}

// TestContextWords: every built-in context word is found, alone, with the
// bit of its group.
func TestContextWords(t *testing.T) {
	k := sharedContext()
	for g, words := range contextWords {
		for _, w := range words {
			found := false
			for _, h := range k.find([]byte(w), nil) {
				if h.Start == 0 && h.End == len(w) && k.payload[h.Word]&g.bit() != 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("context word %q of group %d not found", w, g)
			}
		}
	}
	if numCtxGroups > 64 {
		t.Errorf("%d context groups do not fit a uint64", numCtxGroups)
	}
}
