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
)

// TypeInfo documents one finding type.
type TypeInfo struct {
	Type        Type     `json:"type"`
	Category    Category `json:"category"`
	Description string   `json:"description"`
	// Validator names the check a candidate must pass to be confident.
	Validator string `json:"validator,omitempty"`
}

var types = []TypeInfo{
	{ResidentID, CatIDNumber, "PRC resident identity card number (18-digit, or 15-digit legacy)", "ISO 7064 MOD 11-2, GB/T 2260 region, birth date"},
	{MobilePhone, CatContact, "mainland mobile number, bare or with +86/0086 and separators", "real 3/4-digit network segment"},
	{LandlinePhone, CatContact, "fixed-line number with area code", "area code table"},
	{BankCard, CatAccount, "bank card number (16-19 digits)", "Luhn, BIN table"},
	{Passport, CatID, "PRC passport number", "format (E/G/P/S/D + digits) with context"},
	{HKMacauPermit, CatID, "mainland travel permit for Hong Kong and Macao (往来港澳通行证)", "format C/H/M + 8 digits"},
	{TaiwanPermit, CatID, "travel permit to/from Taiwan (台胞证, 往来台湾通行证)", "format with context"},
	{HKID, CatID, "Hong Kong identity card number", "HKID check digit"},
	{TaiwanID, CatID, "Taiwan national identification number", "Taiwan ID checksum"},
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
