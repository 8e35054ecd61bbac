package zh

import "testing"

func TestLookupMobile(t *testing.T) {
	tests := []struct {
		number string
		want   MobileInfo
		ok     bool
	}{
		{"1380013", MobileInfo{"北京", "北京", "移动", "010"}, true},
		{"13800138000", MobileInfo{"北京", "北京", "移动", "010"}, true},
		{"13000001234", MobileInfo{"山东", "济南", "联通", "0531"}, true},
		{"13490001234", MobileInfo{"北京", "北京", "电信虚拟运营商", "010"}, true},
		{"17000001234", MobileInfo{"北京", "北京", "电信虚拟运营商", "010"}, true},
		{"16600001234", MobileInfo{"北京", "北京", "联通", "010"}, true},
		{"17400001234", MobileInfo{"陕西", "西安", "电信虚拟运营商", "029"}, true},
		{"19200001234", MobileInfo{}, false}, // 广电, newer than the table
		{"12000001234", MobileInfo{}, false},
		{"138001", MobileInfo{}, false},
		{"138001x", MobileInfo{}, false},
		{"2000000", MobileInfo{}, false},
		{"", MobileInfo{}, false},
	}
	for _, tt := range tests {
		got, ok := LookupMobile(tt.number)
		if got != tt.want || ok != tt.ok {
			t.Errorf("LookupMobile(%q) = %+v, %v; want %+v, %v", tt.number, got, ok, tt.want, tt.ok)
		}
	}
}

func TestMobileTable(t *testing.T) {
	tab := mobile()
	n := 0
	for _, id := range tab.ids {
		if id != 0 {
			n++
		}
	}
	if n != 447893 {
		t.Errorf("prefixes in the table = %d, want 447893", n)
	}
	if len(tab.infos) < 1000 {
		t.Errorf("distinct infos = %d", len(tab.infos))
	}
	// Every prefix of the table lies in an allocated segment.
	for i, id := range tab.ids {
		if id == 0 {
			continue
		}
		p := tab.base + i
		s := [7]byte{}
		for j := 6; j >= 0; j-- {
			s[j] = byte('0' + p%10)
			p /= 10
		}
		if !MobileSegment(string(s[:])) {
			t.Fatalf("prefix %s in the table but not an allocated segment", s)
		}
	}
}

func TestMobileSegment(t *testing.T) {
	tests := []struct {
		number string
		length int
	}{
		{"138", 11},
		{"13800138000", 11},
		{"199", 11},
		{"166", 11},
		{"134", 11}, // 1340–1348 and 1349 are both allocated
		{"1349", 11},
		{"1340", 11},
		{"1700", 11},
		{"1701", 11},
		{"1702", 11},
		{"171", 11},
		{"192", 11}, // 广电, only in the segment list
		{"190", 11},
		{"145", 11},
		{"1740", 11},
		{"17405", 11},
		{"17412", 11},
		{"1749", 11},
		{"17413", 0},
		{"1741", 0},  // 17410–17412 only: undecided with four digits
		{"174", 0},   // split: needs more digits
		{"146", 13},  // IoT
		{"1440", 13}, // IoT
		{"1410", 13}, // IoT
		{"1411", 0},
		{"120", 0},
		{"111", 0},
		{"154", 0},
		{"194", 0},
		{"164", 0},
		{"13", 0},
		{"", 0},
		{"2380", 0},
		{"1a8", 0},
		{"+8613800138000", 0},
	}
	for _, tt := range tests {
		if got := MobileNumberLength(tt.number); got != tt.length {
			t.Errorf("MobileNumberLength(%q) = %d, want %d", tt.number, got, tt.length)
		}
		if got := MobileSegment(tt.number); got != (tt.length != 0) {
			t.Errorf("MobileSegment(%q) = %v, want %v", tt.number, got, tt.length != 0)
		}
	}
}

func BenchmarkLookupMobile(b *testing.B) {
	numbers := []string{"13800138000", "15912345678", "19200001234", "18688889999"}
	LookupMobile(numbers[0])
	b.SetBytes(11)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		LookupMobile(numbers[i&3])
	}
}

func BenchmarkMobileSegment(b *testing.B) {
	numbers := []string{"13800138000", "17405123456", "12000001234", "13490001234"}
	MobileSegment(numbers[0])
	b.SetBytes(11)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		MobileSegment(numbers[i&3])
	}
}
