package address

import (
	"fmt"
	"slices"

	"github.com/custos-project/custos/tagger"
)

// Model is a trained element tagger with its lexicon. It is immutable and
// safe for concurrent use.
type Model struct {
	tm   *tagger.Model
	lex  *Lexicon
	head []int // tagger head → level rank
}

func newModel(tm *tagger.Model, lex *Lexicon) (*Model, error) {
	if tm.Lexicon() != lex.Name() {
		return nil, fmt.Errorf("address: model trained with lexicon %q, have %q", tm.Lexicon(), lex.Name())
	}
	m := &Model{tm: tm, lex: lex}
	for _, h := range tm.Heads() {
		r := levelRank(h)
		if r < 0 {
			return nil, fmt.Errorf("address: model head %q is not an element level", h)
		}
		m.head = append(m.head, r)
	}
	return m, nil
}

// Tagger returns the underlying sequence tagger, for inspection: changing
// it (SetBias) changes the model for every user.
func (m *Model) Tagger() *tagger.Model { return m.tm }

// tagHeads are the heads of the tagger. The second poi, road and road
// number of an address (subpoi, subroad, subroadno) are tagged as poi, road
// and roadno and told apart by their order afterwards: in the corpus a
// subpoi is a poi after the first one in all but 3% of cases, and the
// tagger cannot see that far.
var tagHeads = []string{
	LevelCountry, LevelProvince, LevelCity, LevelDistrict, LevelDevzone,
	LevelTown, LevelCommunity, LevelRoad, LevelRoadNo, LevelPOI,
	LevelHouseNo, LevelCellNo, LevelFloorNo, LevelRoomNo,
}

// headOfLabel returns the tagger head a corpus label trains, "" for none.
func headOfLabel(label string) string {
	switch label {
	case "prov":
		return LevelProvince
	case "subpoi":
		return LevelPOI
	case "subroad":
		return LevelRoad
	case "subroadno":
		return LevelRoadNo
	}
	if slices.Contains(tagHeads, label) {
		return label
	}
	return ""
}

// MarshalBinary serializes the model (see tagger.Model.MarshalBinary); Load
// reads it back.
func (m *Model) MarshalBinary() ([]byte, error) { return m.tm.MarshalBinary() }

// Load reads a model written by MarshalBinary.
func Load(data []byte) (*Model, error) {
	lex := NewLexicon()
	tm, err := tagger.Load(data, lex)
	if err != nil {
		return nil, fmt.Errorf("address: %w", err)
	}
	return newModel(tm, lex)
}
