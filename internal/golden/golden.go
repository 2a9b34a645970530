// Package golden compares test output with golden files under testdata/.
// Run "go test ./... -update" to rewrite them.
package golden

import (
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// Updating reports whether golden files are being rewritten (-update).
func Updating() bool { return *update }

// Check compares got with the content of the golden file at path, or
// rewrites the file when -update is set.
func Check(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", path, d)
	}
}

// Glob returns the regular files matching each pattern, in order.
func Glob(patterns ...string) []string {
	var out []string
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		for _, name := range m {
			if st, err := os.Stat(name); err == nil && st.Mode().IsRegular() {
				out = append(out, name)
			}
		}
	}
	return out
}

// Seed adds each file's content to a fuzz target's corpus; it fails when
// there is none or one cannot be read, so a moved testdata folder does
// not silently leave a target with no seeds.
func Seed(f *testing.F, paths ...string) {
	f.Helper()
	if len(paths) == 0 {
		f.Fatal("no seed files")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
}

// Confs returns every jail.conf-like file (.conf, .inc) under root, in
// lexical order: the inputs of the invariant tests and the fuzz seeds.
func Confs(root string) []string {
	var out []string
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".conf") || strings.HasSuffix(path, ".inc")) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// Each runs fn as a subtest for every file matching pattern, with its
// content and its path without the extension (where goldens go beside
// it). It fails when nothing matches.
func Each(t *testing.T, pattern string, fn func(t *testing.T, path, base, src string)) {
	t.Helper()
	files, _ := filepath.Glob(pattern)
	if len(files) == 0 {
		t.Fatalf("no test files match %s", pattern)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, path, strings.TrimSuffix(path, filepath.Ext(path)), string(b))
		})
	}
}
