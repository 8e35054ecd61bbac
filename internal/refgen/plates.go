package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

var (
	plateCivil    = regexp.MustCompile(`^(\p{Han}[A-Z]),(.+)$`)
	plateMilitary = regexp.MustCompile(`^([A-Z]{2}),(.+)$`)
	plateUnit     = regexp.MustCompile(`^([0-9A-Z]),(.+)$`)
	plateEmbassy  = regexp.MustCompile(`^(\d{3})\t(.+)$`)
	plateHan      = regexp.MustCompile(`^(\p{Han})\t(.+)$`)
	plateHeader   = regexp.MustCompile(`^#\s*(\p{Han}+?)(?:（(\p{Han})）)?$`)
)

// buildPlates writes plates.txt from LicensePlate.zh_CN, sorted, one entry
// per line:
//
//	kind TAB key TAB value
//
// kind A: key a province's one-character abbreviation, value the province
// (from provinces.csv); kind C: key a civil plate prefix (abbreviation and
// issuing-office letter, 京A), value the issuer as the file gives it; kind
// S: key a special code, value its unit: two letters for PLA units (VA),
// one digit or letter for the armed-police unit type, three digits for the
// country of an embassy or consulate plate, 航 for civil aviation. A key
// the file gives twice (ZA and ZG are both a central unit and a garrison)
// gets the values joined with "/".
func buildPlates(src string, log *slog.Logger) ([]file, error) {
	pt, err := readTable(src, adminDir+"/provinces.csv", ',')
	if err != nil {
		return nil, err
	}
	nc, err := pt.col("name")
	if err != nil {
		return nil, err
	}
	var provinces []string
	for _, r := range pt.rows {
		provinces = append(provinces, field(r, nc))
	}
	b, err := readFile(src, "d18n-corpus", "LicensePlate.zh_CN")
	if err != nil {
		return nil, err
	}

	type entry struct{ kind, key, value string }
	values := map[[2]string][]string{}
	abbrev := map[string]string{} // abbreviation → province
	var header, headerAbbrev string
	var province, provAbbrev string // of the current civil section
	add := func(kind, key, value string) {
		k := [2]string{kind, key}
		if slices.Contains(values[k], value) {
			return
		}
		if len(values[k]) > 0 {
			log.Warn("plate key listed twice; values joined", "key", key, "values", append(values[k], value))
		}
		values[k] = append(values[k], value)
	}
	for i, l := range lines(b) {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "//"):
			continue
		case strings.HasPrefix(l, "#"):
			header, headerAbbrev, province, provAbbrev = "", "", "", ""
			if m := plateHeader.FindStringSubmatch(l); m != nil {
				header, headerAbbrev = m[1], m[2]
			}
			continue
		}
		if m := plateCivil.FindStringSubmatch(l); m != nil {
			r, _ := utf8.DecodeRuneInString(m[1])
			a := string(r)
			if province == "" {
				p, err := plateProvince(header, headerAbbrev, a, provinces)
				if err != nil {
					return nil, fmt.Errorf("LicensePlate.zh_CN line %d: %w", i+1, err)
				}
				province, provAbbrev = p, a
				if old, ok := abbrev[a]; ok && old != p {
					return nil, fmt.Errorf("LicensePlate.zh_CN: %s abbreviates %s and %s", a, old, p)
				}
				abbrev[a] = p
			}
			if a != provAbbrev {
				return nil, fmt.Errorf("LicensePlate.zh_CN line %d: prefix %s under %s", i+1, m[1], province)
			}
			if clean(m[2]) {
				add("C", m[1], strings.TrimSpace(m[2]))
			}
			continue
		}
		var m []string
		for _, re := range []*regexp.Regexp{plateMilitary, plateUnit, plateEmbassy, plateHan} {
			if m = re.FindStringSubmatch(l); m != nil {
				break
			}
		}
		if m == nil || !clean(m[2]) {
			log.Warn("skipped line", "file", "LicensePlate.zh_CN", "line", i+1, "text", l)
			continue
		}
		add("S", m[1], strings.TrimSpace(m[2]))
	}
	if len(abbrev) != len(provinces) {
		var missing []string
		for _, p := range provinces {
			found := false
			for _, q := range abbrev {
				found = found || q == p
			}
			if !found {
				missing = append(missing, p)
			}
		}
		log.Warn("provinces without a plate abbreviation", "provinces", missing)
	}
	var entries []entry
	for a, p := range abbrev {
		entries = append(entries, entry{"A", a, p})
	}
	for k, v := range values {
		entries = append(entries, entry{k[0], k[1], strings.Join(v, "/")})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		if c := strings.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		return strings.Compare(a.key, b.key)
	})
	var out textBuilder
	n := map[string]int{}
	for _, e := range entries {
		out.row(e.kind, e.key, e.value)
		n[e.kind]++
	}
	log.Info("plates", "abbreviations", n["A"], "civil prefixes", n["C"], "special codes", n["S"])
	return []file{{name: "plates.txt.gz", data: out.Bytes(), gzip: true}}, nil
}

// plateProvince finds the province a civil section is about from its
// header: "天津市（津）" names it exactly; "北京地区" names it by prefix.
func plateProvince(header, headerAbbrev, abbrev string, provinces []string) (string, error) {
	if header == "" {
		return "", fmt.Errorf("civil prefixes %s… outside a province section", abbrev)
	}
	if headerAbbrev != "" && headerAbbrev != abbrev {
		return "", fmt.Errorf("section %s（%s） holds prefixes of %s", header, headerAbbrev, abbrev)
	}
	if slices.Contains(provinces, header) {
		return header, nil
	}
	stem := strings.TrimSuffix(header, "地区")
	var found []string
	for _, p := range provinces {
		if strings.HasPrefix(p, stem) {
			found = append(found, p)
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("section %q matches provinces %v", header, found)
	}
	return found[0], nil
}

// licences are copied next to the embedded files, since the licences of
// the upstream tables ask that their text travels with the data.
var licences = []struct{ from, to string }{
	{"admin-divisions/LICENSE.modood", "licenses/LICENSE.modood.txt"},
	{"admin-divisions/LICENSE.jxlwqq", "licenses/LICENSE.jxlwqq.txt"},
	{"bank-bin/LICENSE.bcbc", "licenses/LICENSE.bcbc.txt"},
	{"d18n-corpus/LICENSE", "licenses/LICENSE.d18n.txt"},
	{"surnames/LICENSE", "licenses/LICENSE.chinese-names-corpus.txt"},
}

func copyLicences(src string, log *slog.Logger) ([]file, error) {
	var out []file
	for _, l := range licences {
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(l.from)))
		if err != nil {
			return nil, err
		}
		out = append(out, file{name: l.to, data: b})
	}
	return out, nil
}
