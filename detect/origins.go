package detect

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/custos-project/custos/address"
	"github.com/custos-project/custos/internal/memo"
	"github.com/custos-project/custos/pi"
	"github.com/custos-project/custos/subject"
	"github.com/custos-project/custos/terms"
)

// Travel columns. The sign-in registers an epidemic put on every counter ask
// where the visitor came from (来自, 出发地, 14天内旅居史); the answer — 武汉,
// 湖北孝感, 温州市鹿城区 — is where that person was, PI.LOCATION even when it
// names a city alone, and the tagger, which reads a place from the words
// around it, sees none in a bare cell. A cell under such a column is read
// as a list of places: divisions alone are places of kind=division (with
// their elements and region, see KindDivision), anything finer is an
// address the person went to (kind=visit).

// travelLabels are the words of column names and keys whose values say
// where a person came from or went.
var travelLabels = []string{"来自", "来源地", "出发地", "始发地", "途经", "旅居", "去过", "目的地", "活动轨迹",
	"从何", "何地", "返回地", "逗留地"}

// englishTravelKeys are the English keys and column names of such values,
// lower-cased without separators (returnFrom, came_from, travelHistory).
var englishTravelKeys = map[string]bool{"returnfrom": true, "comefrom": true, "camefrom": true, "from": true, "origin": true,
	"departure": true, "departurecity": true, "destination": true, "travelhistory": true, "visitedplaces": true,
	"visitedcities": true, "route": true, "itinerary": true, "placesvisited": true}

// divisionsOnly reports whether b names administrative divisions alone
// (新疆乌鲁木齐市; see address.Division).
func divisionsOnly(b []byte) bool {
	_, ok := address.Division(string(b))
	return ok
}

// notTravel are the words of such a column's neighbours, which ask when,
// how or whether (到访时间, 交通方式, 是否去过, 行程码).
var notTravel = []string{"时间", "日期", "天数", "方式", "是否", "码", "卡", "人数", "次数"}

// TravelLabel reports whether a column name or key labels the places a
// person came from or went to (来自, 出发地, 14天内旅居史, 途经城市).
func TravelLabel(label string) bool { return travelMemo.Get(label) }

// travelMemo answers TravelLabel once per label: a register asks it of
// every cell.
var travelMemo = memo.New(travelLabel)

func travelLabel(label string) bool {
	if englishTravelKeys[terms.LettersLower(label)] {
		return true
	}
	for _, l := range notTravel {
		if strings.Contains(label, l) {
			return false
		}
	}
	for _, l := range travelLabels {
		if strings.Contains(label, l) {
			return true
		}
	}
	return false
}

// travelSeparators split a cell into its places (武汉、孝感; 北京→上海);
// 和 and 及 do not (天津市和平区).
const travelSeparators = "、，,；;/／→>|"

// travelCells appends the places and addresses of the travel cells of
// text (each a field under a travel column, with the column's name) to fs.
// The tagger's places inside a cell give way to the column's reading (see
// travelPiece); they are found by binary search over the tagger's places
// sorted once, so a register of thousands of rows costs a pass, not a pass
// per cell.
func (e *Engine) travelCells(text []byte, cells []terms.Cell, fs []pi.Finding) []pi.Finding {
	if len(cells) == 0 {
		return fs
	}
	var tagged []int // the tagger's places, by start
	for i := range fs {
		if fs[i].Source != "ner" {
			continue
		}
		// …and its organizations that name divisions alone (新疆乌鲁木齐市
		// under returnFrom: the model read a government)
		if fs[i].Type == pi.Place || fs[i].Type == pi.Organization && divisionsOnly(text[fs[i].Start:fs[i].End]) {
			tagged = append(tagged, i)
		}
	}
	slices.SortFunc(tagged, func(a, b int) int { return fs[a].Start - fs[b].Start })
	drop := map[int]bool{}
	var add []pi.Finding
	for _, c := range cells {
		for a := c.Start; a < c.End; {
			b := a
			for b < c.End {
				r, n := utf8.DecodeRune(text[b:c.End])
				if strings.ContainsRune(travelSeparators, r) {
					break
				}
				b += n
			}
			if s, t := trimSpaceRunes(text, a, b); s < t {
				var inside []pi.Finding
				k, _ := slices.BinarySearchFunc(tagged, s, func(i, at int) int { return fs[i].Start - at })
				for ; k < len(tagged) && fs[tagged[k]].Start < t; k++ {
					if fs[tagged[k]].End <= t {
						inside = append(inside, fs[tagged[k]])
						drop[tagged[k]] = true
					}
				}
				add = e.travelPiece(text, s, t, c.Label, inside, add)
			}
			if b < c.End {
				_, n := utf8.DecodeRune(text[b:c.End])
				b += n
			}
			a = b
		}
	}
	if len(drop) > 0 {
		out := fs[:0]
		for i, f := range fs {
			if !drop[i] {
				out = append(out, f)
			}
		}
		fs = out
	}
	return append(fs, add...)
}

// travelPiece appends the reading of one place of a travel cell,
// text[s:t], to add: divisions alone are a place of kind=division,
// anything the address finder parses an address the person went to, and
// otherwise the tagger's places in it (tagged) are the column's. The
// tagger's places the piece covers give way: the column says more about
// them than the sentence the tagger read (which, a bare cell, had no person
// in it).
func (e *Engine) travelPiece(text []byte, s, t int, label string, tagged, add []pi.Finding) []pi.Finding {
	evidence := pi.Evidence{Validator: subject.ValidatorTravelColumn, Context: []string{label}}
	if d, ok := address.Division(string(text[s:t])); ok {
		if !e.on(pi.Place) {
			return add
		}
		f := pi.Finding{Type: pi.Place, Category: pi.CatLocation, Start: s, End: t, Score: 0.9, Evidence: evidence}
		f.Evidence.Valid = d.Code != ""
		setDivision(&f, d)
		return append(add, f)
	}
	if e.addresses != nil {
		// read as under an address column, where a village or a compound
		// alone is one too; but it is a place the person went to
		n := len(add)
		add = e.addresses.FindLabeled(text[s:t], "地址", add)
		for i := n; i < len(add); i++ {
			add[i].Start += s
			add[i].End += s
			add[i].SetAttr("kind", "visit")
			add[i].Evidence.Context = []string{label}
		}
		if len(add) > n {
			return add
		}
	}
	for _, f := range tagged {
		f.Source, f.Evidence = "", evidence
		f.Score = max(f.Score, 0.8)
		add = append(add, f)
	}
	return add
}

// trimSpaceRunes narrows [a, b) of text past spaces, full-width ones
// included.
func trimSpaceRunes(text []byte, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRune(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for a < b {
		r, n := utf8.DecodeLastRune(text[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

// registerTravel reads the fields under a travel column of a register typed
// as text (姓名 电话 来自 / 林小燕 138… 武汉) as travelCells reads a table's.
func (e *Engine) registerTravel(text []byte, cells []terms.Cell, fs []pi.Finding) []pi.Finding {
	var travel []terms.Cell
	for _, c := range cells {
		if label := terms.CanonicalLabel(c.Label); TravelLabel(label) {
			travel = append(travel, terms.Cell{Start: c.Start, End: c.End, Label: label})
		}
	}
	return e.travelCells(text, travel, fs)
}

// isTravelCell reports whether a labeled fragment is a travel column's cell
// worth reading: short, one line.
func isTravelCell(text []byte, label string) bool {
	return label != "" && TravelLabel(label) && len(text) <= 300 && !bytes.ContainsRune(text, '\n')
}
