// Command refgen converts the raw Chinese reference tables (administrative
// divisions, mobile number segments, landline area codes, bank BINs,
// surnames, ethnic groups, licence-plate prefixes, USCC codes, common
// words, traditional characters) into the compact gzip-compressed files
// that package zh embeds.
//
// It is run by `go generate ./zh` (see zh/gen.go):
//
//	go run ../internal/refgen -src ../../shared/data/reference -out data
//
// The output is deterministic: rows are sorted, gzip headers carry no name
// and no modification time, so running it twice gives identical bytes (with
// the same Go toolchain, whose compress/flate output the bytes depend on).
// Each file format is described beside the function that builds it here
// and decoded by package zh.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
)

func main() {
	src := flag.String("src", "../../shared/data/reference", "directory holding the raw reference tables")
	out := flag.String("out", "data", "directory the embedded files are written to")
	gse := flag.String("gse", "", "directory of the Go module "+gseModule+" (default: the module cache, downloading it through the module proxy)")
	opencc := flag.String("opencc", "", "directory of the Go module "+openccModule+" (default: as -gse)")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	var err error
	if gseDir, err = flagOrModule(*gse, gseModule); err == nil {
		openccDir, err = flagOrModule(*opencc, openccModule)
	}
	if err == nil {
		err = run(*src, *out, log)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "refgen:", err)
		os.Exit(1)
	}
}

// flagOrModule returns dir, or when it is empty the module's directory in
// the module cache, downloaded through the module proxy if missing.
func flagOrModule(dir, module string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return moduleDir(module, true)
}

// file is one output of the generator.
type file struct {
	name string
	data []byte // uncompressed content
	gzip bool   // compress with a fixed header
}

// builder produces the content of one or more output files from the raw
// tables under src. Problems in single rows are logged and the row skipped;
// an error means the table as a whole is unusable.
type builder func(src string, log *slog.Logger) ([]file, error)

var builders = []struct {
	name  string
	build builder
}{
	{"regions", buildRegions},
	{"divisions", buildDivisions},
	{"mobile", buildMobile},
	{"segments", buildSegments},
	{"area codes", buildAreaCodes},
	{"bank BINs", buildBINs},
	{"surnames", buildSurnames},
	{"ethnic groups", buildEthnicGroups},
	{"USCC", buildUSCC},
	{"plates", buildPlates},
	{"common words", buildWords},
	{"traditional characters", buildT2S},
	{"simplified characters", buildS2T},
	{"licences", copyLicences},
}

// run builds every output file and writes it under out. It builds all files
// before writing any, so a failure leaves the previous output intact.
func run(src, out string, log *slog.Logger) error {
	if _, err := os.Stat(src); err != nil {
		return fmt.Errorf("reference tables: %w", err)
	}
	files, err := buildAll(src, log)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	for _, f := range files {
		path := filepath.Join(out, f.name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("output directory: %w", err)
		}
		if err := os.WriteFile(path, f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		log.Info("wrote", "file", f.name, "bytes", len(f.data))
	}
	return nil
}

// buildAll runs every builder and returns the files ready to write (gzip
// applied), sorted by name. Errors of all builders are joined.
func buildAll(src string, log *slog.Logger) ([]file, error) {
	var files []file
	var errs []error
	for _, b := range builders {
		fs, err := b.build(src, log.With("table", b.name))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", b.name, err))
			continue
		}
		for _, f := range fs {
			if f.gzip {
				z, err := gzipBytes(f.data)
				if err != nil {
					return nil, fmt.Errorf("%s: compress %s: %w", b.name, f.name, err)
				}
				f.data = z
			}
			files = append(files, f)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	slices.SortFunc(files, func(a, b file) int {
		if a.name < b.name {
			return -1
		}
		if a.name > b.name {
			return 1
		}
		return 0
	})
	return files, nil
}

// gzipBytes compresses b with a fixed header: no file name, no comment,
// modification time zero, so the output depends on b alone.
func gzipBytes(b []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// The zero Header (ModTime zero, OS unknown) is what we want; set
	// nothing.
	if _, err := zw.Write(b); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readFile reads a file under src.
func readFile(src string, parts ...string) ([]byte, error) {
	return os.ReadFile(filepath.Join(append([]string{src}, parts...)...))
}

// readGzip returns the decompressed content of a gzip file under src.
func readGzip(src string, parts ...string) ([]byte, error) {
	f, err := os.Open(filepath.Join(append([]string{src}, parts...)...))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
