package address

// Element levels, coarse to fine: the labels of the Li & Lu address corpus
// (with prov spelled out as province), without its person, assist,
// redundant and otherinfo, which are not part of an address.
const (
	LevelCountry   = "country"   // 中国
	LevelProvince  = "province"  // province, autonomous region, municipality as province
	LevelCity      = "city"      // prefecture-level city, municipality
	LevelDistrict  = "district"  // county-level: district, county, county-level city, banner
	LevelDevzone   = "devzone"   // development zone, industrial park as an area
	LevelTown      = "town"      // township, town, street (街道)
	LevelCommunity = "community" // village, residents' committee (社区)
	LevelRoad      = "road"      // road, street, lane; a village group (5组)
	LevelSubroad   = "subroad"   // a second road after the first
	LevelRoadNo    = "roadno"    // number on the road (88号, 669弄)
	LevelSubroadNo = "subroadno" // number on the subroad
	LevelPOI       = "poi"       // compound, building, estate, company, shop
	LevelSubPOI    = "subpoi"    // part of the poi (二期, 东区, 西雅园)
	LevelHouseNo   = "houseno"   // building (3栋, 5号楼, B座)
	LevelCellNo    = "cellno"    // unit, entrance (2单元)
	LevelFloorNo   = "floorno"   // floor (5层, 11楼)
	LevelRoomNo    = "roomno"    // room (1203室, 1408)
)

// levels lists the element levels coarse to fine; the index is the level's
// rank and its head in the tagger.
var levels = []string{
	LevelCountry, LevelProvince, LevelCity, LevelDistrict, LevelDevzone,
	LevelTown, LevelCommunity, LevelRoad, LevelSubroad, LevelRoadNo,
	LevelSubroadNo, LevelPOI, LevelSubPOI, LevelHouseNo, LevelCellNo,
	LevelFloorNo, LevelRoomNo,
}

// Administrative reports whether a level is an administrative division
// (country down to township, with development zones): the part of an
// address a gazetteer names, above the community, road and building.
func Administrative(level string) bool {
	r := levelRank(level)
	return r >= 0 && r <= levelRank(LevelTown)
}

// Levels returns the element levels, coarse to fine.
func Levels() []string { return append([]string(nil), levels...) }

// levelRank returns the rank of a level in levels, or -1.
func levelRank(level string) int {
	for i, l := range levels {
		if l == level {
			return i
		}
	}
	return -1
}

// corpusLabel returns the Li & Lu corpus label of a level (province is
// prov there).
func corpusLabel(level string) string {
	if level == LevelProvince {
		return "prov"
	}
	return level
}

// ElementLabel returns the evaluation label of an element level:
// "address_" and its corpus label (address_prov for the province).
func ElementLabel(level string) string { return "address_" + corpusLabel(level) }

// LevelOfLabel returns the level of a corpus label (prov, city …), "" for
// the labels that are not address elements.
func LevelOfLabel(label string) string {
	if label == "prov" {
		return LevelProvince
	}
	if levelRank(label) >= 0 {
		return label
	}
	return ""
}

// numLevels is len(levels).
const numLevels = 17
