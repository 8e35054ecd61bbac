package detect

import (
	"strings"

	"github.com/custos-project/custos/pi"
)

// Device identifiers other than the IMEI and the MAC address: an app's
// export or a log holds a phone's advertising identifier (IDFA on iOS,
// OAID on Android: a UUID), its Android ID (16 hex digits), the SIM card's
// IMSI (460, a network code, ten digits) or its ICCID (8986 and 15 or 16
// characters). GB/T 35273 lists them among the personal information of a
// person's device. None has a check digit of its own, and a UUID or a hex
// string is as often a record's key, so every shape needs a device word
// before it or a key that names one (idfa, oaid, android_id, imsi, 设备标识).

// deviceKind names the identifier by the device word nearest before it,
// or the fragment's label (oaid, imsi), else fallback (the shape's).
func (s *scanner) deviceKind(ctx *ctxInfo, fallback string) string {
	word, best := "", -1
	for _, h := range ctx.hits {
		if !h.after && h.groups&ctxDevice.bit() != 0 && (best < 0 || h.dist < best) {
			word, best = s.e.ctxKW.words[h.word], h.dist
		}
	}
	if word == "" {
		word = s.labelText
	}
	switch lw := strings.ToLower(word); {
	case strings.Contains(lw, "idfa"):
		return "idfa"
	case strings.Contains(lw, "oaid"):
		return "oaid"
	case strings.Contains(lw, "android"):
		return "android_id"
	case strings.Contains(lw, "imsi"):
		return "imsi"
	case strings.Contains(lw, "iccid") || strings.Contains(lw, "sim卡"):
		return "iccid"
	}
	return fallback
}

// addDevice adds a device identifier at [start, end) when a device word is
// before it or in the fragment's label.
func (s *scanner) addDevice(start, end int, kind string) bool {
	if !s.e.on(pi.DeviceID) {
		return false
	}
	ctx := s.context(start, end)
	if !ctx.hasBefore(ctxDevice) {
		return false
	}
	f := pi.Finding{Type: pi.DeviceID, Category: pi.CatDevice, Start: start, End: end, Score: 0.9,
		Evidence: pi.Evidence{Validator: "device id shape", Valid: true, Context: s.words(ctxDevice)}, Source: "device"}
	if kind == "uuid" || kind == "android_id" {
		kind = s.deviceKind(ctx, kind) // the shape is the SIM's own otherwise
	}
	f.SetAttr("kind", kind)
	s.add(f)
	return true
}

// dashUUID claims a UUID (8-4-4-4-12 hex digits) after a device word: an
// IDFA, an OAID, a device's GUID. The nil UUID (an IDFA with ad tracking
// turned off) identifies no one.
func (s *scanner) dashUUID(g segment) bool {
	const n = 36
	if g.end-g.start != n {
		return false
	}
	w := s.text[g.start:g.end]
	zero := true
	for k, c := range w {
		if k == 8 || k == 13 || k == 18 || k == 23 {
			if c != '-' {
				return false
			}
			continue
		}
		if charClass[c]&cHex == 0 {
			return false
		}
		zero = zero && c == '0'
	}
	return !zero && s.addDevice(g.start, g.end, "uuid")
}

// hexDevice claims 16 hex digits (an Android ID) or 32 (a UUID written
// without hyphens) after a device word.
func (s *scanner) hexDevice(start, end int, w []byte) bool {
	if len(w) != 16 && len(w) != 32 {
		return false
	}
	for _, c := range w {
		if charClass[c]&cHex == 0 {
			return false
		}
	}
	kind := "android_id"
	if len(w) == 32 {
		kind = "uuid"
	}
	return s.addDevice(start, end, kind)
}

// imsiNetworks are the mobile network codes of China's operators after
// the country code 460.
var imsiNetworks = map[string]bool{"00": true, "01": true, "02": true, "03": true, "04": true, "05": true, "06": true,
	"07": true, "08": true, "09": true, "11": true, "13": true, "15": true, "20": true}

// imsi claims 15 digits of a Chinese SIM (460, the network, ten digits)
// after a device word.
func (s *scanner) imsi(start, end int, d []byte) bool {
	if len(d) != 15 || string(d[:3]) != "460" || !imsiNetworks[string(d[3:5])] {
		return false
	}
	return s.addDevice(start, end, "imsi")
}

// iccid claims a Chinese SIM card's number (8986, then 15 or 16 digits)
// after a device word.
func (s *scanner) iccid(start, end int, d []byte) bool {
	if len(d) != 19 && len(d) != 20 || string(d[:4]) != "8986" {
		return false
	}
	return s.addDevice(start, end, "iccid")
}
