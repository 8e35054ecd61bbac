// Package terms finds the personal information in Chinese text that is not
// an identifier number and that rules and word lists find better than a
// statistical model: masked names and surnames with a form of address
// (李某某, 王*, 王先生), ages (45岁, 6个月大, 八旬), gender, ethnicity,
// nationality, occupation, schools with their grades, venues a person went
// to, and the sensitive categories of PIPL Art. 28 — health and epidemic
// status, religion, special-identity labels (the labels the 2025 Measures
// for disadvantaged children forbid), sexual orientation, criminal records,
// biometrics and financial information.
//
// One function does the work: Find appends the findings of a text, each
// with its type and taxonomy category (pi), a score, the evidence that
// decided it (the list or rule, the words seen, the reason for a lowered
// score) and attributes (surname, years, sex, grade, age_band, venue, kind,
// label …). An age under 14, or a grade whose pupils are under 14, adds
// PI.MINOR_U14.
//
// # How it works
//
// Every word the rules start from — list terms, venue and school words,
// forms of address, masks (某, *, X), units of age, gender words, ethnic
// groups, countries, person-context cues and sentence ends — is compiled
// into one character-level Aho-Corasick automaton (automaton.go), so the text is
// read once. The hits are then read sentence by sentence: first the rules
// that find people (names, ages, cues), which decide the sentence's person
// context, then gender, then the terms, longest first at each position, so
// 发热门诊 is a venue and not the symptom 发热, 确诊病例 is one finding and
// 阳性 in 阳性率 none (data/except.txt). A term inside a longer place or
// school name is dropped (精神病 in 市精神病医院).
//
// # Person context
//
// Many of these words are PI only when they are about a particular
// person: 医生 in 医生提醒广大市民 is a profession, in 张某，男，45岁，医生 an
// occupation. PersonContext (context in find.go) decides it for a
// sentence from a masked name, a surname with a title, an age, a gender in
// a record shape, or a cue word of data/cue.txt (化名, 该生, 其父, 患者 or
// 病例 when they name one person …); a sentence without a cue inherits the
// context of an earlier sentence of the same line. The rules use it as
// follows: gender, occupation in a record, nationality as 美国人, a grade
// alone and financial terms need it; sensitive terms score 0.9 with it,
// 0.8 when inherited and 0.5 without; special-identity labels score high
// anywhere; venues and schools score higher with it and with a verb of
// visiting (到, 前往, 就诊于, 入住).
//
// The lists are text files in data/ (format in lists.go); each list is a
// category and each line may carry attributes. Find is safe for concurrent
// use: the compiled lists are immutable and the scratch state is pooled.
package terms
