// Package risk measures how identifiable the people in a dataset are, and
// finds the generalization that makes a table safe to release: the
// re-identification risk assessment of GB/T 37964-2019 (profile
// DEID-RELEASE-K of the rules catalogue: k = 20 for stigmatising data, 5
// otherwise) and the bulletin rule EPI-BULLETIN-1 (§4.17), whose failure
// mode — facts spread over several bulletins that together point at one
// person — is how the Chengdu patient of December 2020 was found.
//
// # Tables
//
// ReadTable reads a CSV or TSV table once (package extract: any encoding,
// malformed rows reported and skipped) and keeps only its equivalence
// classes at the finest level: one entry per distinct tuple of
// quasi-identifier values, with a record count and a histogram of each
// sensitive column. The first rows (1,000 by default) are held back to
// choose the columns' roles — from the --qi/--sensitive/--id selection,
// else from the column name (年龄, 性别, 住址, 区县, 出生日期, 职业, 民族 …,
// see nameRules), else from the content: the value parsers first, the
// detection engine (detect.Engine.DetectLabeled) on what they do not
// explain; a column is a quasi-identifier when most of its non-empty
// sampled cells are ages, sexes, dates, places of the GB/T 2260 table,
// addresses, occupations, ethnic groups, nationalities, schools or
// venues. A resident ID column yields three quasi-identifiers: the
// holder's age (at TableOptions.RefDate), sex and region of registration.
// Direct identifiers (names, phones …) are left out. Every other row is
// parsed with the cheap parsers only (ParseAge, ParseDate, ParseSex,
// ParseResidentID, the gazetteer), never with the engine. Memory grows
// with the distinct tuples, not with the rows; coarser classes are unions
// of finer ones and are computed from the finest classes (rollup), so
// the search never reads the input again. Only WriteGeneralized reads it a
// second time, to write the release.
//
// # Hierarchies
//
// Each kind of quasi-identifier has a built-in hierarchy (see Kind): ages
// exact → 5 → 10 → 20-year bands → *, dates value → day → week of the
// month → month → quarter → year → *, regions value → county (区县) →
// city (市) → province (省) → * through the GB/T 2260 tables of package
// zh (free-text addresses and bare district names are resolved by a
// gazetteer; an ambiguous 朝阳区 takes the city the column's other values
// point to; ID numbers carry their code, current or historical), sex and
// other categories value → *, numbers → ranges of growing width. Every
// level is a function of the one below, and a level that splits the
// values exactly like the one below is dropped.
//
// # Measures
//
// Over the released classes (sizes f_j, n records, J classes), with a
// target k:
//
//	k-anonymity           k = min_j f_j; the distribution of class sizes; classes and records with f_j < k
//	prosecutor risk       max 1/min_j f_j; average J/n; records at risk: share in classes with f_j < k
//	journalist risk       r_j = 1/F_j with F_j the population class size (population table), else the
//	                      expected E[1/F_j | f_j] of the negative binomial model of Benedetti and
//	                      Franconi (μ-ARGUS, sdcMicro) for a sampling fraction p = n/N (--population N)
//	                      or p (--sample-fraction); without either the table is the population (p = 1,
//	                      r_j = 1/f_j). Max = max_j r_j, average = Σ_j f_j r_j / n
//	marketer risk         Σ_j f_j r_j / n: J/n when the table is the population
//	ℓ-diversity           distinct: min_j |values in class j|; entropy: min_j exp(H_j),
//	                      H_j = −Σ p log p over the class's distribution
//	t-closeness           max_j EMD(P_j, Q), Q the released records' distribution. Categories (equal
//	                      distance): ½ Σ_i |p_i − q_i|. Numbers (ordered distance, m distinct values in
//	                      order): Σ_{i<m} |Σ_{l≤i} (p_l − q_l)| / (m − 1)
//	loss                  NCP (normalized certainty penalty) averaged over the quasi-identifier cells:
//	                      ordered kinds |interval ∩ domain| / |domain|, categorical kinds
//	                      (leaves under the label − 1) / (leaves − 1), "*" 1, suppressed records 1;
//	                      per QI; discernibility Σ_j f_j² + suppressed·N; the suppressed share
//
// # Search
//
// Table.Search finds the lattice node (a level per quasi-identifier) of
// least loss whose classes all reach k (and distinct ℓ, when set) once the
// classes that do not are suppressed, within the suppression budget. The
// loss before suppression is a sum of per-QI, per-level terms computed
// from the marginals, grows with every generalization step, and never
// exceeds the true loss; nodes are visited in increasing order of it and
// the search stops as soon as it reaches the best true loss found, which
// makes the result the exact optimum (tests compare it with brute force).
// Nodes above one that met the target without suppression are skipped
// (their loss is their bound), and so are nodes for which one QI, or a pair
// of QIs, alone leaves more records in groups smaller than k than the
// budget allows. Classes are rolled up from the smallest cached partition
// under the node, grouped by array, radix sort or hash by key size; two
// nodes are evaluated at a time on two cores. Lattices over 200,000 nodes
// are searched greedily.
//
// # Bulletins
//
// LinkBulletins splits bulletins into case entries (subject.Units: 病例1：,
// 确诊病例3：, 第N例 …) and updates (补充通报：12月8日通报的确诊病例1 …),
// reads each entry's facts with the engine (sex, age, surname, residence,
// registration, occupation, dated venue visits, trips, relations to other
// cases, direct identifiers), links entries about the same person (an
// identity reference, or the same sex, age and compound or dated visit on
// different days), and estimates how many people match each person's
// combined facts (FactModel). A person matched by at most one is singled
// out; the report says whether any single entry already did, or only the
// combination, and which facts suffice.
//
// # Output
//
// Reports are text for people and JSON for machines, with Schema
// custos.risk/v1 (see SCHEMA.md). Run executes a whole `custos risk`
// command from a Config, so the command is a thin wrapper.
package risk
