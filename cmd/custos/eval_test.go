package main

import (
	"fmt"
	"testing"

	"github.com/custos-project/custos/pi"
)

// TestAppendElements: an address finding's elements are scored where the
// corpus marks them, found by their text in the finding, coarse to fine.
func TestAppendElements(t *testing.T) {
	text := "现住址为蚌埠市禹会区张公山街道张公山六村613栋。"
	start := len("现住址为")
	f := pi.Finding{Type: pi.Address, Start: start, End: start + len("蚌埠市禹会区张公山街道张公山六村613栋")}
	for _, kv := range [][2]string{{"city", "蚌埠市"}, {"district", "禹会区"}, {"town", "张公山街道"}, {"community", "张公山六村"}, {"houseno", "613栋"}} {
		f.SetAttr(kv[0], kv[1])
	}
	var got []string
	for _, s := range appendElements(nil, text, f) {
		got = append(got, fmt.Sprintf("%s=%s", s.Label, text[s.Start:s.End]))
	}
	want := []string{"address_city=蚌埠市", "address_district=禹会区", "address_town=张公山街道", "address_community=张公山六村", "address_houseno=613栋"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
