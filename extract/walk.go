package extract

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Walk expands paths into a sorted list of files to read. A directory is
// walked recursively; a file, or anything else that is not a directory (a
// named pipe such as /dev/fd/3), is listed as given; "-" means stdin and is
// passed through as "-". Symbolic links given as arguments are followed;
// inside directories, links to files are listed and links to directories are
// not followed. Walk only lists: opening the files is the caller's job.
// Arguments that do not exist, unreadable directories and broken links are
// reported to problem (which may be nil) and skipped.
//
// Patterns are matched against a file's base name and against its
// slash-separated path relative to the argument it was found under (an
// argument that is a file is matched by its base name). A pattern is a
// path.Match pattern, except that a "**" segment matches any number of
// directories, including none: "*.csv", "**/登记/*.csv", "archive/**".
// A file is listed when include is empty or one include pattern matches,
// and no exclude pattern matches. An exclude pattern that matches a
// directory prunes it ("node_modules", ".git"). A malformed pattern is
// reported and matches nothing.
func Walk(paths []string, include, exclude []string, problem func(*Problem)) []string {
	if problem == nil {
		problem = func(*Problem) {}
	}
	include = validPatterns(include, problem)
	exclude = validPatterns(exclude, problem)
	wantFile := func(rel string) bool {
		if matchAny(exclude, rel) {
			return false
		}
		return len(include) == 0 || matchAny(include, rel)
	}

	var files []string
	for _, arg := range paths {
		if arg == "-" {
			files = append(files, arg)
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			problem(&Problem{File: arg, Msg: "cannot read", Err: err})
			continue
		}
		if !info.IsDir() {
			if wantFile(filepath.Base(arg)) {
				files = append(files, arg)
			}
			continue
		}
		root := arg
		if li, err := os.Lstat(arg); err == nil && li.Mode()&fs.ModeSymlink != 0 {
			// WalkDir does not follow a link at its root; a trailing
			// separator makes the system do it.
			root = arg + string(filepath.Separator)
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				problem(&Problem{File: p, Msg: "cannot read directory", Err: err})
				if d != nil && d.IsDir() && p != root {
					return fs.SkipDir
				}
				return nil
			}
			rel, relErr := filepath.Rel(arg, p)
			if relErr != nil {
				rel = p
			}
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if p != root && matchAny(exclude, rel) {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				target, err := os.Stat(p)
				if err != nil {
					problem(&Problem{File: p, Msg: "broken symbolic link", Err: err})
					return nil
				}
				if !target.Mode().IsRegular() {
					return nil // links to directories are not followed
				}
			} else if !d.Type().IsRegular() {
				return nil // devices, sockets, pipes found inside directories
			}
			if wantFile(rel) {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			problem(&Problem{File: arg, Msg: "cannot walk directory", Err: err})
		}
	}
	slices.Sort(files)
	return slices.Compact(files)
}

// validPatterns drops (and reports) malformed patterns.
func validPatterns(patterns []string, problem func(*Problem)) []string {
	var ok []string
	for _, p := range patterns {
		if _, err := path.Match(strings.ReplaceAll(p, "**", "*"), ""); err != nil {
			problem(&Problem{File: p, Msg: "malformed pattern", Err: err})
			continue
		}
		ok = append(ok, p)
	}
	return ok
}

func matchAny(patterns []string, rel string) bool {
	base := path.Base(rel)
	for _, p := range patterns {
		if matchGlob(p, base) || matchGlob(p, rel) {
			return true
		}
	}
	return false
}

// matchGlob matches a slash-separated name against a pattern whose "**"
// segments match zero or more segments.
func matchGlob(pattern, name string) bool {
	return matchSegments(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			for len(pat) > 0 && pat[0] == "**" {
				pat = pat[1:]
			}
			if len(pat) == 0 {
				return true
			}
			for i := range len(name) + 1 {
				if matchSegments(pat, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}
