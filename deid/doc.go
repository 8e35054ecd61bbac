// Package deid holds the de-identification operators: redact, replace,
// mask, hash, pseudonym, surrogate, tokenize, generalize, date_shift,
// suppress and keep. Each transforms the value of one finding (its text
// and its attributes) into the value to publish, rune-correct on Chinese,
// and never emits invalid UTF-8 (invalid input bytes become U+FFFD).
// Operators are built by name from the parameters a profile line gives
// (NewOperator; Operators lists them for docs and `custos profiles`) and
// share a Context that holds the secret key and the per-document state
// that keeps pseudonyms, surrogates and date shifts consistent.
//
// Profiles (which operator for which type, and why) and the transformation
// of whole documents and tables live in package redact.
//
// # Operators
//
//	operator    parameters                 types                  example
//	redact      -                          all                    张三 → ""
//	replace     label | template           all                    张三 → [姓名]; template "[{category}]" → [PI.BASIC.NAME]
//	mask        char, keep, level          all, by convention     13812345678 → 138****5678; 110105194912313008 → 110105********3008
//	                                                              (keep=last4 → **************3008); 张三 → 张*; 张三丰 → 张**;
//	                                                              欧阳小明 → 欧阳**; 张某 stays; zhangsan@163.com → z***@163.com;
//	                                                              6222 0212 3456 7890 128 → 6222 02** **** ***0 128;
//	                                                              028-87654321 → 028-********; 川A·12345 → 川A·***45;
//	                                                              四川省成都市郫都区犀浦镇… → 四川省成都市郫都区**** (level=district);
//	                                                              2020年1月2日 → ****年*月*日; others: a quarter kept at each end
//	hash        length (16), prefix        all                    13812345678 and +86 138-1234-5678 → the same 16 hex digits
//	pseudonym   style (人员{n}), scope      all                    张三 → 人员A everywhere in the document; 某{sex} → 某男; {surname}某 → 张某
//	surrogate   keep, days (30)            identifiers, names,    110105194912313008 → another valid ID (same sex digit and age class;
//	                                       dates, ages, places    keep=birth_year+region); cards keep the BIN; mobiles a real segment
//	tokenize    keep (segment | surname)   identifiers, names     13812345678 → 1 and ten other digits, reversible (Tokenizer.Detokenize)
//	generalize  to (required), level       see below              45岁 → 40-49岁; 2020年1月2日 → 2020年1月; address → 四川省成都市郫都区
//	date_shift  days (30)                  date                   2020年1月2日 → 2020年1月18日 (per subject, form kept)
//	suppress    -                          all                    value → "" and the unit is dropped (Context.TakeSuppressed)
//	keep        -                          all                    永辉超市 → 永辉超市
//
// generalize targets (to=…, several joined with + for resident IDs):
// band10, band5 and band:0-13,14-17,18-59,60+ for ages, resident IDs and
// birth dates; year, month, week (ISO, 2020年第3周), day and half-day
// (上午/下午) for dates; province, city, district, town for addresses
// (canonical GB/T 2260 names from the region_code attribute, the element
// attributes or the divisions written at the start of the text); birth_year,
// region (level=province|city|district) and age_band for resident IDs
// (1951年生，四川省成都市); grid:0.01 for coordinates; level for schools
// (某小学); venue for places (某超市); carrier, province, city for mobile
// numbers (移动手机号, 四川手机号); city for landlines; bank for bank cards.
// A target the type has no notion of is an error wrapping ErrNotApplicable;
// a value that cannot be read becomes the type's label; generalizing an
// already generalized value changes nothing.
//
// # Keys
//
// hash, surrogate, tokenize, date_shift and pseudonym with scope=key need
// a secret key of at least MinKeyLen bytes (KeyFromFile, KeyFromEnv: hex,
// base64 or raw). Each derives its own sub-key, HMAC-SHA256(key, "custos
// deid v1 " + purpose), so a digest never reveals a token key. Without a
// key they fail with ErrNoKey; error messages never show a key or a value.
//
// # Determinism
//
// With the same key, the same document identity and the same order of
// values, every operator gives the same output: hash, surrogate, tokenize
// and pseudonym with scope=key depend only on the key and the value;
// pseudonym with scope=document numbers values in the order the document
// mentions them; date_shift depends on the key, the document identity
// (NewDocument numbers documents; NewNamedDocument names them) and the
// subject.
//
// # Tokens
//
// tokenize is FF1 of NIST SP 800-38G, implemented here on crypto/aes (the
// module proxy does not serve github.com/capitalone/fpe) and tested against
// the nine NIST sample vectors. What each type enciphers and keeps, and how
// check characters are recomputed, is documented on Tokenizer. Names are
// enciphered over the 3,754 common characters of GB 2312 level 1 (less 某);
// that alphabet is fixed forever, since changing it would make existing
// tokens irreversible.
package deid
