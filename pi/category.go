package pi

import "sort"

// Category is a taxonomy id from the rules catalogue §2, such as
// "PI.ID.NUMBER" or "PI.LOCATION.TRACK".
type Category string

// Taxonomy ids. The ones marked "Custos extension" are not in the catalogue;
// they refine a catalogue head so that a finding can say precisely what it is
// without borrowing a sensitivity flag that does not apply.
const (
	CatPI               Category = "PI"
	CatBasic            Category = "PI.BASIC"
	CatName             Category = "PI.BASIC.NAME"
	CatAge              Category = "PI.BASIC.AGE"
	CatDate             Category = "PI.BASIC.DATE" // Custos extension
	CatAddress          Category = "PI.BASIC.ADDRESS"
	CatContact          Category = "PI.BASIC.CONTACT"
	CatID               Category = "PI.ID"
	CatIDNumber         Category = "PI.ID.NUMBER"
	CatIDBusiness       Category = "PI.ID.BUSINESS" // Custos extension
	CatBio              Category = "PI.BIO"
	CatBioFace          Category = "PI.BIO.FACE"
	CatImage            Category = "PI.IMAGE"
	CatNetID            Category = "PI.NETID"
	CatHealth           Category = "PI.HEALTH"
	CatHealthInfectious Category = "PI.HEALTH.INFECTIOUS"
	CatEduWork          Category = "PI.EDU_WORK"
	CatSchool           Category = "PI.EDU_WORK.SCHOOL"
	CatProperty         Category = "PI.PROPERTY"
	CatAccount          Category = "PI.PROPERTY.ACCOUNT"
	CatVehicle          Category = "PI.PROPERTY.VEHICLE" // Custos extension
	CatComm             Category = "PI.COMM"
	CatContacts         Category = "PI.CONTACTS"
	CatOnline           Category = "PI.ONLINE"
	CatDevice           Category = "PI.DEVICE"
	CatLocation         Category = "PI.LOCATION"
	CatTrack            Category = "PI.LOCATION.TRACK"
	CatReligion         Category = "PI.RELIGION"
	CatOtherSensitive   Category = "PI.OTHER_SENSITIVE"
	CatSpecialIdentity  Category = "PI.SPECIAL_IDENTITY"
	CatMinorU14         Category = "PI.MINOR_U14"
	CatDerived          Category = "PI.DERIVED"
	CatAnon             Category = "NONPI.ANON"
)

// CategoryInfo describes one taxonomy node.
type CategoryInfo struct {
	ID     Category `json:"id"`
	Parent Category `json:"parent,omitempty"`
	Name   string   `json:"name"`
	// PIPLSensitive: listed in PIPL Art. 28 or squarely inside one of its heads.
	PIPLSensitive bool `json:"pipl_sensitive"`
	// GBTSensitive: listed in GB/T 35273-2020 Table B.1.
	GBTSensitive bool `json:"gbt_sensitive"`
	// Quasi: a quasi-identifier in the sense of GB/T 37964 (identifies in
	// combination with other facts).
	Quasi bool `json:"quasi"`
	// Direct: identifies a person on its own.
	Direct bool `json:"direct"`
	// Extension is true for ids Custos adds to the catalogue.
	Extension bool `json:"extension,omitempty"`
}

var categories = []CategoryInfo{
	{ID: CatPI, Name: "personal information"},
	{ID: CatBasic, Parent: CatPI, Name: "basic profile"},
	{ID: CatName, Parent: CatBasic, Name: "name", Direct: true},
	{ID: CatAge, Parent: CatBasic, Name: "age / date of birth", Quasi: true},
	{ID: CatDate, Parent: CatBasic, Name: "date linked to a person (visit, event, birth)", Quasi: true, Extension: true},
	{ID: CatAddress, Parent: CatBasic, Name: "home address", Quasi: true},
	{ID: CatContact, Parent: CatBasic, Name: "phone / email", Direct: true},
	// The catalogue marks PI.ID "contested" under PIPL; the engine default is
	// sensitive [I].
	{ID: CatID, Parent: CatPI, Name: "identity documents", PIPLSensitive: true, GBTSensitive: true, Direct: true},
	{ID: CatIDNumber, Parent: CatID, Name: "resident ID number", PIPLSensitive: true, GBTSensitive: true, Direct: true},
	{ID: CatIDBusiness, Parent: CatID, Name: "business registration code (identifies a sole trader)", Quasi: true, Extension: true},
	{ID: CatBio, Parent: CatPI, Name: "biometric", PIPLSensitive: true, GBTSensitive: true, Direct: true},
	{ID: CatBioFace, Parent: CatBio, Name: "face information", PIPLSensitive: true, GBTSensitive: true, Direct: true},
	{ID: CatImage, Parent: CatPI, Name: "portrait / photo / audio-video", Direct: true},
	{ID: CatNetID, Parent: CatPI, Name: "online identifiers", Direct: true},
	{ID: CatHealth, Parent: CatPI, Name: "health & physiology", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatHealthInfectious, Parent: CatHealth, Name: "epidemic status", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatEduWork, Parent: CatPI, Name: "education & work", Quasi: true},
	{ID: CatSchool, Parent: CatEduWork, Name: "school attended", Quasi: true},
	{ID: CatProperty, Parent: CatPI, Name: "property / financial", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatAccount, Parent: CatProperty, Name: "financial account", PIPLSensitive: true, GBTSensitive: true, Direct: true},
	{ID: CatVehicle, Parent: CatProperty, Name: "vehicle (plate, VIN)", Quasi: true, Extension: true},
	{ID: CatComm, Parent: CatPI, Name: "communications", GBTSensitive: true},
	{ID: CatContacts, Parent: CatPI, Name: "social graph", GBTSensitive: true},
	{ID: CatOnline, Parent: CatPI, Name: "online activity", GBTSensitive: true},
	{ID: CatDevice, Parent: CatPI, Name: "device identifiers", Direct: true},
	{ID: CatLocation, Parent: CatPI, Name: "location", PIPLSensitive: true, GBTSensitive: true, Quasi: true},
	{ID: CatTrack, Parent: CatLocation, Name: "movement record", PIPLSensitive: true, GBTSensitive: true, Quasi: true},
	{ID: CatReligion, Parent: CatPI, Name: "religious belief", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatOtherSensitive, Parent: CatPI, Name: "other sensitive", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatSpecialIdentity, Parent: CatPI, Name: "special identity", PIPLSensitive: true},
	{ID: CatMinorU14, Parent: CatPI, Name: "any PI of a child under 14", PIPLSensitive: true, GBTSensitive: true},
	{ID: CatDerived, Parent: CatPI, Name: "derived / profile"},
	{ID: CatAnon, Name: "anonymised data"},
}

var categoryIndex = func() map[Category]int {
	m := make(map[Category]int, len(categories))
	for i, c := range categories {
		m[c.ID] = i
	}
	return m
}()

// LookupCategory returns the taxonomy node with the given id.
func LookupCategory(id Category) (CategoryInfo, bool) {
	i, ok := categoryIndex[id]
	if !ok {
		return CategoryInfo{}, false
	}
	return categories[i], true
}

// Categories returns every taxonomy node, sorted by id.
func Categories() []CategoryInfo {
	out := append([]CategoryInfo(nil), categories...)
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Sensitive reports whether c is PIPL-sensitive (Art. 28).
func (c Category) Sensitive() bool {
	info, ok := LookupCategory(c)
	return ok && info.PIPLSensitive
}

// Valid reports whether c is a known taxonomy id.
func (c Category) Valid() bool {
	_, ok := categoryIndex[c]
	return ok
}
