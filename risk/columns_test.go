package risk

import "testing"

// TestColumnNames: the column names of an HR roster say their role: 姓名
// and 手机 identify directly, 政治面貌 and 婚姻状况 are categories an
// attacker can know.
func TestColumnNames(t *testing.T) {
	for _, tt := range []struct {
		name string
		role Role
		kind Kind
	}{
		{"姓名", RoleDirect, ""},
		{"手机", RoleDirect, ""},
		{"政治面貌", RoleQuasi, KindCategorical},
		{"婚姻状况", RoleQuasi, KindCategorical},
		{"婚否", RoleQuasi, KindCategorical},
		{"marital_status", RoleQuasi, KindCategorical},
		{"诊断", RoleSensitive, ""},
	} {
		r, _, ok := byName(tt.name)
		if !ok || r.role != tt.role || r.kind != tt.kind {
			t.Errorf("%s: %v %v %v, want %s %q", tt.name, ok, r.role, r.kind, tt.role, tt.kind)
		}
	}
}
