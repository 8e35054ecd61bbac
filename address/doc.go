// Package address finds Chinese addresses in text and parses them into
// elements, from the province down to the room: 四川省|成都市|郫都区|犀浦镇|
// 某小区|3栋|2单元. An address is personal information under PIPL (a home
// address identifies a person together with little else), and a
// residential compound alone (XX小区, 瑞泰心里城4栋) already narrows a person
// down to a few hundred households.
//
// # Approach
//
// Parsing is statistical, anchored on the gazetteer. A sequence tagger
// (package tagger: averaged perceptron, one BIOES head per element level)
// labels the characters; the levels are those of the Li & Lu address
// corpus (see Levels). The tagger's lexicon (Lexicon) marks what the GB/T
// 2260 division table knows — where a province, city, county or township
// name or its short form (四川省 → 四川, 朝阳区 → 朝阳) lies — and the
// suffix words that end roads, compounds and numbers, together with the
// kind of the nearest one ahead and behind, since the tagger itself sees
// only two characters either side. Each head is decoded on its own (and,
// in Parse, all heads together as well: tagger.Model.TagJoint, a character
// in at most one element); of the candidate spans, the non-overlapping set
// with the largest sum of confidence times length wins (科技园社区 as a
// community over 科技园 as a poi). The second poi,
// road and road number are told apart from the first by their order
// (subpoi, subroad, subroadno), which the corpus follows in 97% of cases and
// the tagger cannot see; a poi after a building, floor or room is a shop or
// company at the address and is left out, as the corpus does.
//
// The administrative elements are then resolved against the division
// table: the finest name whose candidates are confirmed by the coarser ones
// gives the code (北京市朝阳区 → 110105; 朝阳区 alone, which Beijing and
// Changchun both have, stays unresolved; 郫都区犀浦镇 resolves to the
// township 510117006 through the short form 犀浦 although the town is now a
// street, 犀浦街道).
//
// Finding addresses in running text has to be fast where there are none.
// A prefilter looks at the characters that end address elements (路 号 栋
// 单元 室 镇 村 小区 …) and at home-context words (现住, 家住, 户籍, 住址),
// checks each against its neighbours with table lookups (a number before
// 栋, an administrative unit before 路, a township of the gazetteer before
// 镇), and runs the tagger only on the clause around what passes. Where
// the tagger leaves out a division name next to what it found (搬到静安区
// 柳营路, 湖北黄冈) or after a home context (常住湖北黄冈, 武汉市人), the
// gazetteer fills it in. A parsed group of elements is reported when it is
// an address rather than a place name: it has a number with a named element (文三路90号, 瑞泰心里城4栋), a
// street, compound, village or township in a chain of administrative
// units, a residential compound name alone, or it follows a home context
// or is a person's native place (，西安市新城区人，). A city or district alone
// (北京, 上海, 朝阳区) is not an address.
//
// # Model
//
// The embedded model (model.bin, see MODEL.md) is trained by
//
//	custos train --model address
//
// on the training part of eval.Split(docs, 0.2, 1) of the corpus's
// train.txt and dev.txt merged, with CLUENER news sentences as prose, and
// measured on the dev part (TestPinnedDev pins the scores).
//
// Training is deterministic: the same data give the same bytes.
package address
