// Package zh holds the Chinese reference tables Custos needs to recognize
// and validate personal information: administrative divisions (GB/T 2260
// region codes, current and historical, for resident ID numbers and
// addresses), mobile number segments and their home location, landline
// area codes, bank card BINs, surnames, ethnic groups, licence-plate
// prefixes and the organisation codes of unified social credit codes.
//
// The tables are embedded in compact gzip-compressed form (see data/ and
// data/SOURCES.md for their origin and licences) and each is decoded on
// first use, so a caller that only validates region codes never pays for
// the mobile-segment table. All functions are safe for concurrent use; the
// lookups on validation hot paths (ValidRegionCode, MobileSegment,
// LookupMobile, LookupBIN, AreaCodeAt, Surname, SurnameAt) do not
// allocate.
//
// Lookups take strings as they appear in text and never panic: a malformed
// input is simply not found.
package zh
