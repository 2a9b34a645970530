package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// TestFixScripts runs each testdata/fix/CASE/script in a copy of the
// CASE folder (made a repository root with a .git folder) and compares
// with testdata/fix/CASE.golden: each command's exit code, stdout and
// stderr, and the files it wrote. Script lines: "jailfmt ARGS [< FILE]",
// "ln -s TARGET NAME", and # comments.
func TestFixScripts(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/fix/*/script")
	if len(cases) == 0 {
		t.Fatal("no fix scripts")
	}
	for _, script := range cases {
		src, _ := filepath.Abs(filepath.Dir(script))
		t.Run(filepath.Base(src), func(t *testing.T) {
			dir := copyCase(t, src)
			b, err := os.ReadFile(filepath.Join(src, "script"))
			if err != nil {
				t.Fatal(err)
			}
			chdir(t, dir)
			var out strings.Builder
			before := snapshot(t, dir)
			for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				f := strings.Fields(line)
				switch {
				case len(f) == 0 || strings.HasPrefix(f[0], "#"):
					continue
				case f[0] == "ln" && len(f) == 4 && f[1] == "-s":
					if err := os.Symlink(f[2], f[3]); err != nil {
						t.Fatal(err)
					}
					before = snapshot(t, dir)
					continue
				case f[0] != "jailfmt":
					t.Fatalf("bad script line %q", line)
				}
				stdin := ""
				if n := len(f); n >= 2 && f[n-2] == "<" {
					b, err := os.ReadFile(f[n-1])
					if err != nil {
						t.Fatal(err)
					}
					stdin, f = string(b), f[:n-2]
				}
				stdout, stderr, code := runCLI(t, stdin, f[1:]...)
				fmt.Fprintf(&out, "$ %s\nexit %d\n", line, code)
				if stdout != "" {
					fmt.Fprintf(&out, "--- stdout\n%s", stdout)
				}
				if stderr != "" {
					fmt.Fprintf(&out, "--- stderr\n%s", stderr)
				}
				after := snapshot(t, dir)
				out.WriteString(changes(before, after))
				before = after
			}
			golden.Check(t, filepath.Join(filepath.Dir(src), filepath.Base(src)+".golden"), strings.ReplaceAll(out.String(), dir, "$DIR"))
		})
	}
}

// copyCase copies a case folder (but its script) into a new repository
// root.
func copyCase(t *testing.T, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == src {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.Mkdir(filepath.Join(dir, rel), 0o755)
		}
		if rel == "script" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// snapshot returns every regular file's content under dir (but .git).
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			b, _ := os.ReadFile(path)
			rel, _ := filepath.Rel(dir, path)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// changes renders the files written, created or removed between two
// snapshots.
func changes(before, after map[string]string) string {
	var names []string
	for n := range after {
		if b, ok := before[n]; !ok || b != after[n] {
			names = append(names, n)
		}
	}
	for n := range before {
		if _, ok := after[n]; !ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		text, ok := after[n]
		if !ok {
			fmt.Fprintf(&b, "=== removed %s\n", n)
			continue
		}
		fmt.Fprintf(&b, "=== wrote %s\n%s", n, text)
	}
	return b.String()
}

// TestFixReadOnlyFolder: a fragment in a folder jailfmt cannot write to
// makes the whole --fix write nothing. Root writes anywhere, so this runs
// only as another user (testdata/fix/rollback covers a staging failure
// that happens even as root).
func TestFixReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores folder permissions")
	}
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	main := writeFile(t, dir, "jail.conf", ".include \"ro/frag.conf\";\na {\nallow.sysvipc;\n}\n", 0o644)
	frag := writeFile(t, dir, "ro/frag.conf", "b {\nallow.nosysvipc;\n}\n", 0o644)
	if err := os.Chmod(filepath.Dir(frag), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(frag), 0o755) })
	before := snapshot(t, dir)
	_, errOut, code := runCLI(t, "", "--fix", main)
	if code != 2 || !strings.Contains(errOut, "nothing written: ") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if c := changes(before, snapshot(t, dir)); c != "" {
		t.Errorf("written:\n%s", c)
	}
}

func TestFixStdinAlone(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "jail.conf", "a { allow.sysvipc; }\n", 0o644)
	if _, errOut, code := runCLI(t, "a {}\n", "--fix", "-", p); code != 2 || !strings.Contains(errOut, "only input") {
		t.Errorf("--fix - FILE: exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(p); string(b) != "a { allow.sysvipc; }\n" {
		t.Errorf("written: %q", b)
	}
	// Unchanged input comes back whole; a broken one gives nothing on stdout.
	if out, _, code := runCLI(t, "a { persist; }\n", "--fix", "-"); code != 0 || out != "a { persist; }\n" {
		t.Errorf("clean stdin: exit %d, stdout %q", code, out)
	}
	if out, errOut, code := runCLI(t, "a { persist }\n", "--fix", "-"); code != 2 || out != "" || !strings.Contains(errOut, "<stdin>:1:") {
		t.Errorf("broken stdin: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
