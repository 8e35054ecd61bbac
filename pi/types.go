package pi

import "sort"

// Type is the fine-grained kind of a finding, a snake_case name from the
// fixed list returned by Types. Custom recognizers may add their own names.
type Type string

// Identifier types found by the built-in recognizers.
const (
	ResidentID    Type = "resident_id"
	MobilePhone   Type = "mobile_phone"
	LandlinePhone Type = "landline_phone"
	BankCard      Type = "bank_card"
	Passport      Type = "passport"
	HKMacauPermit Type = "hk_macau_permit"
	TaiwanPermit  Type = "taiwan_permit"
	HKID          Type = "hk_id"
	TaiwanID      Type = "taiwan_id"
	MacaoID       Type = "macao_id"
	LicensePlate  Type = "license_plate"
	USCC          Type = "uscc"
	Email         Type = "email"
	IPv4          Type = "ipv4"
	IPv6          Type = "ipv6"
	MACAddress    Type = "mac_address"
	IMEI          Type = "imei"
	GPSCoordinate Type = "gps_coordinate"
	Date          Type = "date"
	URL           Type = "url"
	QQNumber      Type = "qq_number"
	WeChatID      Type = "wechat_id"
	TrainNumber   Type = "train_number"
	FlightNumber  Type = "flight_number"
	SeatNumber    Type = "seat_number"
	VIN           Type = "vin"
	// MedicalRecordNumber is a hospital's number for a patient (住院号,
	// 病历号, 门诊号 …), found after its label.
	MedicalRecordNumber Type = "medical_record_number"
	// PersonNumber is a number a school, an employer, an exam or an
	// insurer gives a person (学号, 工号, 准考证号, 社保卡号 …), found after
	// its label.
	PersonNumber Type = "person_number"
	// DeviceID is a phone's or a tablet's identifier other than its IMEI:
	// the advertising identifiers (IDFA, OAID), the Android ID, the SIM's
	// IMSI and ICCID, found with a context word or under a labelled key.
	DeviceID Type = "device_id"
	// AccountID is a platform's id for its user (user_id, OpenID, UnionID,
	// 用户名), found under its key or after its label.
	AccountID Type = "account_id"
)

// Types about people, places and sensitive facts, found by the tagger, the
// address parser and the term lists.
const (
	PersonName        Type = "person_name"
	MaskedName        Type = "masked_name"
	Address           Type = "address"
	Place             Type = "place"
	Organization      Type = "organization"
	School            Type = "school"
	Employer          Type = "employer"
	Age               Type = "age"
	Gender            Type = "gender"
	Ethnicity         Type = "ethnicity"
	Nationality       Type = "nationality"
	Occupation        Type = "occupation"
	Trajectory        Type = "trajectory"
	Health            Type = "health"
	Religion          Type = "religion"
	SpecialIdentity   Type = "special_identity"
	SexualOrientation Type = "sexual_orientation"
	CriminalRecord    Type = "criminal_record"
	Biometric         Type = "biometric"
	Financial         Type = "financial"
	MaritalStatus     Type = "marital_status"
	Political         Type = "political_affiliation"
	AcademicRecord    Type = "academic_record"
)

// TypeInfo documents one finding type.
type TypeInfo struct {
	Type        Type     `json:"type"`
	Category    Category `json:"category"`
	Description string   `json:"description"`
	// Validator names the check a candidate must pass to be confident.
	Validator string `json:"validator,omitempty"`
}

// IsIdentifier reports whether t is one of the identifier types (numbers
// and codes found by validators: resident_id … vin), as opposed to the
// names, places and facts found by the tagger and term lists.
func IsIdentifier(t Type) bool {
	i, ok := typeIndex[t]
	return ok && i < numIdentifierTypes
}

// IdentifierTypes returns the identifier types.
func IdentifierTypes() []Type {
	out := make([]Type, numIdentifierTypes)
	for i := range out {
		out[i] = types[i].Type
	}
	return out
}

// numIdentifierTypes: the identifier types come first in types.
const numIdentifierTypes = 30

var types = []TypeInfo{
	{ResidentID, CatIDNumber, "PRC resident identity card number (18-digit, or 15-digit legacy)", "ISO 7064 MOD 11-2, GB/T 2260 region, birth date"},
	{MobilePhone, CatContact, "mainland mobile number, bare or with +86/0086 and separators", "real 3/4-digit network segment"},
	{LandlinePhone, CatContact, "fixed-line number with area code", "area code table"},
	{BankCard, CatAccount, "bank card number (16-19 digits)", "Luhn, BIN table"},
	{Passport, CatID, "passport number", "PRC format (E/G/P/S/D + digits) with context; another country's, 6-9 letters and digits, right after 护照"},
	{HKMacauPermit, CatID, "mainland travel permit for Hong Kong and Macao (往来港澳通行证)", "format C/H/M + 8 digits"},
	{TaiwanPermit, CatID, "travel permit to/from Taiwan (台胞证, 往来台湾通行证)", "format with context"},
	{HKID, CatID, "Hong Kong identity card number", "HKID check digit"},
	{TaiwanID, CatID, "Taiwan national identification number", "Taiwan ID checksum"},
	{MacaoID, CatID, "Macao resident identity card number (1234567(8), 1/234567/8)", "shape (first digit 1, 5 or 7, check digit apart) and context"},
	{LicensePlate, CatVehicle, "PRC vehicle licence plate, incl. new-energy plates", "province prefix, GA 36-2018 format"},
	{USCC, CatIDBusiness, "unified social credit code (统一社会信用代码)", "GB 32100-2015 check character"},
	{Email, CatContact, "e-mail address", "RFC 5321 shape, known TLD"},
	{IPv4, CatNetID, "IPv4 address", "octet ranges"},
	{IPv6, CatNetID, "IPv6 address", "net/netip parse"},
	{MACAddress, CatDevice, "network hardware (MAC) address", "six hex octets"},
	{IMEI, CatDevice, "mobile device IMEI", "Luhn"},
	{GPSCoordinate, CatLocation, "latitude/longitude pair", "coordinate ranges"},
	{Date, CatDate, "calendar date in Chinese or ISO form", "calendar"},
	{URL, CatOnline, "web address", "scheme/host shape"},
	{QQNumber, CatNetID, "QQ account number (needs context)", "5-11 digits, context"},
	{WeChatID, CatNetID, "WeChat account id (needs context)", "WeChat id rules, context"},
	{TrainNumber, CatTrack, "train number (G/D/C/Z/T/K + digits)", "train class letter"},
	{FlightNumber, CatTrack, "flight number (airline code + digits)", "IATA airline code table"},
	{SeatNumber, CatTrack, "seat on a train, flight or bus (12车15F, 15排C座)", "carriage/row/seat shape"},
	{VIN, CatVehicle, "vehicle identification number", "ISO 3779 check digit"},
	{MedicalRecordNumber, CatHealth, "a hospital's admission, medical-record or outpatient number (住院号, 病历号, 门诊号 …): it leads to the patient's records", "5-18 digits, or letters and digits, right after its label"},
	{PersonNumber, CatID, "a number an organization gives a person (学号 student number, 工号 staff number, 准考证号, 社保卡号, 会员号 …): it identifies the person in that organization's records", "4-20 digits, or letters and digits, right after its label"},
	{DeviceID, CatDevice, "a device's identifier: advertising id (IDFA, OAID), Android ID, the SIM's IMSI or ICCID (needs context)", "UUID or 16-hex shape, IMSI network code 460, ICCID 8986; with context"},
	{AccountID, CatNetID, "a platform's id for its user (user_id, uid, OpenID, UnionID, 用户名) under its key or after its label", "key or label; 3-64 letters, digits and _ - . @"},

	{PersonName, CatName, "a person's name: full name, surname + title (王先生), nickname with context", "tagger + surname table"},
	{MaskedName, CatName, "a name already masked (张某, 李某某, 王*): still PI when combined", "surname + mask"},
	{Address, CatAddress, "an address, parsed into elements down to the room; a residential compound alone (XX小区)", "GB/T 2260 gazetteer + address tagger"},
	{Place, CatLocation, "a venue or point of interest a person went to (超市, 医院, 车站 …)", "tagger + venue words"},
	{Organization, CatEduWork, "an organization (company, government body, institution)", "tagger"},
	{School, CatSchool, "a school or kindergarten, with class or grade when given", "school words"},
	{Employer, CatEduWork, "an organization named as someone's employer or workplace", "tagger + context"},
	{Age, CatAge, "an age (45岁, 6个月, 12周岁)", "age patterns"},
	{Gender, CatBasic, "a person's sex (男/女) in a person context", "person context"},
	{Ethnicity, CatBasic, "one of the 56 ethnic groups (民族)", "GB/T 3304 list"},
	{Nationality, CatBasic, "nationality or citizenship", "country list + context"},
	{Occupation, CatEduWork, "occupation or position", "occupation words"},
	{Trajectory, CatTrack, "a person's movement record: dated visits, transport, stays, as one finding with its steps", "dates + places + transport"},
	{Health, CatHealth, "health information: diagnosis, epidemic status, symptoms, test results, disability", "health terms"},
	{Religion, CatReligion, "religious belief or activity", "religion terms"},
	{SpecialIdentity, CatSpecialIdentity, "a special-identity label (孤儿, 留守儿童, 困境儿童, 低保 …)", "label list"},
	{SexualOrientation, CatOtherSensitive, "sexual orientation", "terms"},
	{CriminalRecord, CatOtherSensitive, "criminal record (服刑, 前科, 刑满释放 …)", "terms"},
	{Biometric, CatBio, "mention of biometric data (人脸, 指纹, 声纹, 虹膜, 基因)", "terms"},
	{Financial, CatProperty, "financial information about a person (account balance, loans, credit, income)", "terms"},
	{MaritalStatus, CatOtherSensitive, "marital status or history (已婚, 离异, 丧偶; 婚姻状况：未婚): GB/T 35273 B.1 '婚史'", "terms; a field's value"},
	{Political, CatBasic, "political affiliation (政治面貌: 中共党员, 共青团员, 民主党派成员, 群众): GB/T 35273 §9.4 bars publishing analyses of political views", "terms; a field's value"},
	{AcademicRecord, CatEduWork, "a pupil's or student's result: a score, a pass or fail, a rank (语文98分, 不及格, 全班第3名; under 成绩, 总分, 数学): the catalogue's transcripts (PI.EDU_WORK)", "score patterns; a field's value"},
}

var typeIndex = func() map[Type]int {
	m := make(map[Type]int, len(types))
	for i, t := range types {
		m[t.Type] = i
	}
	return m
}()

// LookupType returns the documentation of a built-in type.
func LookupType(t Type) (TypeInfo, bool) {
	i, ok := typeIndex[t]
	if !ok {
		return TypeInfo{}, false
	}
	return types[i], true
}

// Types returns every built-in type in documentation order.
func Types() []TypeInfo { return append([]TypeInfo(nil), types...) }

// SortedTypes returns the names of the built-in types, sorted.
func SortedTypes() []Type {
	out := make([]Type, len(types))
	for i, t := range types {
		out[i] = t.Type
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
