package main

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// compoundSurnames are the two-character surnames of the 百家姓 (Song
// dynasty, public domain), added when the frequency list lacks them. 单于 is
// left out on purpose: as a modern surname it is all but extinct, while
// "单于…" is common as 单 followed by a given name starting with 于, and a
// longest-match surname split would get those wrong.
var compoundSurnames = []string{
	"万俟", "司马", "上官", "欧阳", "夏侯", "诸葛", "闻人", "东方", "赫连", "皇甫",
	"尉迟", "公羊", "澹台", "公冶", "宗政", "濮阳", "淳于", "太叔", "申屠", "公孙",
	"仲孙", "轩辕", "令狐", "钟离", "宇文", "长孙", "慕容", "鲜于", "闾丘", "司徒",
	"司空", "亓官", "司寇", "仉督", "子车", "颛孙", "端木", "巫马", "公西", "漆雕",
	"乐正", "壤驷", "公良", "拓跋", "夹谷", "宰父", "谷梁", "段干", "百里", "东郭",
	"南门", "呼延", "归海", "羊舌", "微生", "梁丘", "左丘", "东门", "西门", "伯赏",
	"南宫", "第五",
}

type surname struct {
	name string
	freq int // TF × 10, 0 when unknown
}

// hanSurname reports whether s is one or two Han characters.
func hanSurname(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 1 || n > 2 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// buildSurnames writes surnames.txt, one surname per line, by descending
// frequency, ties in source order:
//
//	name TAB freq
//
// freq is the TF column of Chinese_Family_Name_1k.tsv times ten, rounded
// (TF has one decimal; 王 9520 → 95200). Surnames added from
// gse.name.zh_CN and the 百家姓 compound list have freq 0.
func buildSurnames(src string, log *slog.Logger) ([]file, error) {
	t, err := readTable(src, "surnames/Chinese_Family_Name_1k.tsv", '\t')
	if err != nil {
		return nil, err
	}
	c, err := t.cols("NameB", "TF")
	if err != nil {
		return nil, err
	}
	var list []surname
	have := map[string]bool{}
	for i, r := range t.rows {
		name := field(r, c[0])
		tf, err := strconv.ParseFloat(field(r, c[1]), 64)
		if err != nil || !hanSurname(name) || tf < 0 {
			log.Warn("skipped row", "file", t.name, "line", i+2, "row", r)
			continue
		}
		if have[name] {
			log.Warn("surname listed twice; kept the first", "name", name)
			continue
		}
		have[name] = true
		list = append(list, surname{name, int(math.Round(tf * 10))})
	}
	fromList := len(list)
	b, err := readFile(src, "d18n-corpus", "gse.name.zh_CN")
	if err != nil {
		return nil, err
	}
	for _, l := range lines(b) {
		fs := strings.Fields(l)
		if len(fs) == 0 {
			continue
		}
		// The file is a segmenter dictionary: "word freq tag". It also
		// holds a full name (岳云鹏), which hanSurname rejects.
		if !hanSurname(fs[0]) {
			log.Info("not a surname; skipped", "file", "gse.name.zh_CN", "word", fs[0])
			continue
		}
		if !have[fs[0]] {
			have[fs[0]] = true
			list = append(list, surname{fs[0], 0})
		}
	}
	fromGse := len(list) - fromList
	for _, s := range compoundSurnames {
		if !have[s] {
			have[s] = true
			list = append(list, surname{s, 0})
		}
	}
	slices.SortStableFunc(list, func(a, b surname) int { return b.freq - a.freq })
	var out textBuilder
	for _, s := range list {
		out.row(s.name, strconv.Itoa(s.freq))
	}
	log.Info("surnames", "from frequency list", fromList, "from gse.name", fromGse,
		"from 百家姓 compounds", len(list)-fromList-fromGse)
	return []file{{name: "surnames.txt.gz", data: out.Bytes(), gzip: true}}, nil
}

// ethnicGroups are the 56 groups in the order of GB/T 3304 (codes 01–56).
// The file gse.nation.zh_CN is checked against this list.
var ethnicGroups = []string{
	"汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
	"满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
	"佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
	"达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
	"塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
	"独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族",
}

// buildEthnicGroups writes ethnic.txt: the 56 ethnic groups in GB/T 3304
// order, one per line. gse.nation.zh_CN must name only groups of that
// list; groups it lacks (it has had 55, without 汉族) are reported and
// written anyway.
func buildEthnicGroups(src string, log *slog.Logger) ([]file, error) {
	b, err := readFile(src, "d18n-corpus", "gse.nation.zh_CN")
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, g := range ethnicGroups {
		known[g] = true
	}
	inFile := map[string]bool{}
	for _, l := range lines(b) {
		fs := strings.Fields(l)
		if len(fs) == 0 {
			continue
		}
		if !known[fs[0]] {
			return nil, fmt.Errorf("gse.nation.zh_CN: %q is not one of the 56 groups", fs[0])
		}
		inFile[fs[0]] = true
	}
	var out textBuilder
	for _, g := range ethnicGroups {
		if !inFile[g] {
			log.Warn("group missing from gse.nation.zh_CN; added", "group", g)
		}
		out.row(g)
	}
	return []file{{name: "ethnic.txt.gz", data: out.Bytes(), gzip: true}}, nil
}

// buildUSCC writes uscc.txt: for each registration-department character of
// a unified social credit code, the organisation-category characters
// allocated under it, sorted:
//
//	department TAB categories
func buildUSCC(src string, log *slog.Logger) ([]file, error) {
	b, err := readFile(src, "d18n-corpus", "USCC.zh_CN")
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Department string
		Category   []int
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("USCC.zh_CN: %w", err)
	}
	pairs := map[string][]byte{}
	for _, r := range rows {
		if len(r.Department) != 1 || !(r.Department[0] >= '0' && r.Department[0] <= '9' || r.Department[0] >= 'A' && r.Department[0] <= 'Z') {
			log.Warn("skipped department", "department", r.Department)
			continue
		}
		for _, c := range r.Category {
			if c < 0 || c > 9 {
				log.Warn("skipped category", "department", r.Department, "category", c)
				continue
			}
			if !slices.Contains(pairs[r.Department], byte('0'+c)) {
				pairs[r.Department] = append(pairs[r.Department], byte('0'+c))
			}
		}
	}
	depts := make([]string, 0, len(pairs))
	for d := range pairs {
		depts = append(depts, d)
	}
	slices.Sort(depts)
	var out textBuilder
	for _, d := range depts {
		cs := pairs[d]
		slices.Sort(cs)
		out.row(d, string(cs))
	}
	if len(depts) == 0 {
		return nil, fmt.Errorf("USCC.zh_CN: no departments")
	}
	return []file{{name: "uscc.txt.gz", data: out.Bytes(), gzip: true}}, nil
}
