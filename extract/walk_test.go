package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree makes files (and the directories they need) under a new temporary
// directory and returns it.
func tree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("张三 13800138000\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestWalk(t *testing.T) {
	root := tree(t,
		"通报.txt",
		"登记/2022-04.csv",
		"登记/2022-05.csv",
		"登记/归档/2021.csv",
		"登记/归档/说明.txt",
		"病历/患者.json",
		"node_modules/x/index.txt",
		".git/config",
	)
	if err := os.Symlink(filepath.Join(root, "登记"), filepath.Join(root, "link-to-dir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "通报.txt"), filepath.Join(root, "link-to-file.txt")); err != nil {
		t.Fatal(err)
	}
	rel := func(files []string) []string {
		var out []string
		for _, f := range files {
			if r, err := filepath.Rel(root, f); err == nil && f != "-" {
				f = filepath.ToSlash(r)
			}
			out = append(out, f)
		}
		return out
	}
	tests := []struct {
		name             string
		paths            []string
		include, exclude []string
		want             []string
	}{
		{
			name:    "everything but pruned directories",
			paths:   []string{root},
			exclude: []string{"node_modules", ".git"},
			want:    []string{"link-to-file.txt", "病历/患者.json", "登记/2022-04.csv", "登记/2022-05.csv", "登记/归档/2021.csv", "登记/归档/说明.txt", "通报.txt"},
		},
		{
			name:    "include by base name",
			paths:   []string{root},
			include: []string{"*.csv"},
			want:    []string{"登记/2022-04.csv", "登记/2022-05.csv", "登记/归档/2021.csv"},
		},
		{
			name:    "include by relative path with **",
			paths:   []string{root},
			include: []string{"**/归档/*"},
			want:    []string{"登记/归档/2021.csv", "登记/归档/说明.txt"},
		},
		{
			name:    "** matches no directory too",
			paths:   []string{root},
			include: []string{"**/通报.txt", "病历/**"},
			want:    []string{"病历/患者.json", "通报.txt"},
		},
		{
			name:    "exclude a subtree",
			paths:   []string{root},
			include: []string{"*.csv", "*.json"},
			exclude: []string{"登记/归档/**"},
			want:    []string{"病历/患者.json", "登记/2022-04.csv", "登记/2022-05.csv"},
		},
		{
			name:  "file argument, stdin, duplicates",
			paths: []string{filepath.Join(root, "通报.txt"), "-", filepath.Join(root, "病历"), filepath.Join(root, "病历/患者.json")},
			want:  []string{"-", "病历/患者.json", "通报.txt"},
		},
		{
			name:    "exclude applies to file arguments by base name",
			paths:   []string{filepath.Join(root, "通报.txt")},
			exclude: []string{"*.txt"},
		},
		{
			name:  "a link given as argument is followed",
			paths: []string{filepath.Join(root, "link-to-dir")},
			want:  []string{"link-to-dir/2022-04.csv", "link-to-dir/2022-05.csv", "link-to-dir/归档/2021.csv", "link-to-dir/归档/说明.txt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var problems []*Problem
			got := rel(Walk(tt.paths, tt.include, tt.exclude, func(p *Problem) { problems = append(problems, p) }))
			if !slices.Equal(got, tt.want) {
				t.Errorf("Walk:\n got %q\nwant %q", got, tt.want)
			}
			if len(problems) > 0 {
				t.Errorf("problems: %v", problems)
			}
		})
	}
}

func TestWalkProblems(t *testing.T) {
	root := tree(t, "a/通报.txt", "b/登记.csv")
	if err := os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "b", "broken.csv")); err != nil {
		t.Fatal(err)
	}
	var problems []*Problem
	got := Walk([]string{filepath.Join(root, "missing"), root}, []string{"[", "*.csv"}, []string{"[z-a"}, func(p *Problem) { problems = append(problems, p) })
	if want := []string{filepath.Join(root, "b", "登记.csv")}; !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
	var msgs []string
	for _, p := range problems {
		msgs = append(msgs, p.Error())
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"[: malformed pattern", "[z-a: malformed pattern", "missing: cannot read", "broken.csv: broken symbolic link"} {
		if !strings.Contains(all, want) {
			t.Errorf("no problem %q in:\n%s", want, all)
		}
	}
}

func TestWalkUnreadableDirectory(t *testing.T) {
	root := tree(t, "a/通报.txt", "locked/登记.csv", "z.txt")
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(locked, 0o755)
	if _, err := os.ReadDir(locked); err == nil {
		t.Skip("running with permission to read any directory (root?)")
	}
	var problems []*Problem
	got := Walk([]string{root}, nil, nil, func(p *Problem) { problems = append(problems, p) })
	want := []string{filepath.Join(root, "a", "通报.txt"), filepath.Join(root, "z.txt")}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %q, want %q", got, want)
	}
	if len(problems) != 1 || problems[0].File != locked || !strings.Contains(problems[0].Error(), "cannot read directory") {
		t.Errorf("problems = %v, want one for %s", problems, locked)
	}
}

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"*.csv", "a.csv", true},
		{"*.csv", "d/a.csv", false},
		{"**/*.csv", "a.csv", true},
		{"**/*.csv", "d/e/a.csv", true},
		{"d/**", "d/e/a.csv", true},
		{"d/**", "x/d/a.csv", false},
		{"d/**/a.csv", "d/a.csv", true},
		{"d/**/a.csv", "d/e/f/a.csv", true},
		{"d/**/a.csv", "d/e/f/b.csv", false},
		{"**", "anything/at/all", true},
		{"登记/*.csv", "登记/2022.csv", true},
		{"a?c", "abc", true},
	}
	for _, tt := range tests {
		if got := matchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("matchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}
