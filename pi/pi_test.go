package pi

import "testing"

func TestTaxonomyConsistent(t *testing.T) {
	for _, c := range Categories() {
		if c.Parent != "" && !c.Parent.Valid() {
			t.Errorf("%s: unknown parent %s", c.ID, c.Parent)
		}
	}
	for _, ti := range Types() {
		if !ti.Category.Valid() {
			t.Errorf("type %s: unknown category %s", ti.Type, ti.Category)
		}
		if ti.Description == "" {
			t.Errorf("type %s has no description", ti.Type)
		}
	}
	if !IsIdentifier(VIN) || !IsIdentifier(MedicalRecordNumber) || IsIdentifier(PersonName) || len(IdentifierTypes()) != 30 || IdentifierTypes()[29] != AccountID {
		t.Error("identifier types")
	}
	if len(Types()) != 53 {
		t.Errorf("%d built-in types, want 53", len(Types()))
	}
	// PIPL Art. 28 heads are sensitive; basic contact data is not.
	for c, want := range map[Category]bool{
		CatBio: true, CatReligion: true, CatSpecialIdentity: true, CatHealth: true, CatAccount: true,
		CatTrack: true, CatMinorU14: true, CatContact: false, CatName: false, CatAge: false,
	} {
		if c.Sensitive() != want {
			t.Errorf("%s sensitive = %v, want %v", c, c.Sensitive(), want)
		}
	}
}

func TestFindingHelpers(t *testing.T) {
	f := Finding{Type: ResidentID, Category: CatIDNumber}
	f.SetAttr(AttrAge, "12")
	f.SetAttr(AttrAge, "13")
	if f.Attr(AttrAge) != "13" || len(f.Attrs) != 1 || f.Attr("none") != "" {
		t.Errorf("attrs %v", f.Attrs)
	}
	f.AddCategory(CatMinorU14)
	f.AddCategory(CatMinorU14)
	if len(f.Extra) != 1 || !f.HasCategory(CatMinorU14) || !f.HasCategory(CatIDNumber) {
		t.Errorf("extra %v", f.Extra)
	}
	g := Finding{Type: MobilePhone, Category: CatContact}
	if g.Sensitive() {
		t.Error("a phone number is not PIPL-sensitive")
	}
	g.AddCategory(CatMinorU14)
	if !g.Sensitive() {
		t.Error("a child's phone number is sensitive (PI.MINOR_U14)")
	}
}
