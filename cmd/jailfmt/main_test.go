package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// runCLI runs jailfmt with args and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

// chdir changes the working directory for the rest of the test
// (testing.T.Chdir needs Go 1.24; go.mod promises 1.22).
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

var jailLineRe = regexp.MustCompile(`^jail: (\S+) line (\d+): `)

// TestConformance runs "jailfmt exhibit" over every case that FreeBSD's
// jail(8) parsed: stdout and exit status must match byte for byte, and
// every file and line jail(8) named on stderr must be named by us too.
func TestConformance(t *testing.T) {
	chdir(t, "../../testdata/conformance")
	cases, _ := filepath.Glob("*.conf")
	if len(cases) < 30 {
		t.Fatalf("only %d conformance cases", len(cases))
	}
	for _, c := range cases {
		base := strings.TrimSuffix(c, ".conf")
		t.Run(base, func(t *testing.T) {
			wantOut, err := os.ReadFile(base + ".out")
			if err != nil {
				t.Fatal(err)
			}
			rcText, _ := os.ReadFile(base + ".rc")
			wantRC, _ := strconv.Atoi(strings.TrimSpace(string(rcText)))
			wantErr, _ := os.ReadFile(base + ".err")
			out, errOut, code := runCLI(t, "", "exhibit", "-e", "\t", c)
			if d := cmp.Diff(string(wantOut), out); d != "" {
				t.Errorf("stdout (-jail(8) +jailfmt):\n%s", d)
			}
			if code != wantRC {
				t.Errorf("exit %d, jail(8) exited %d", code, wantRC)
			}
			for _, line := range strings.Split(string(wantErr), "\n") {
				if m := jailLineRe.FindStringSubmatch(line); m != nil {
					if !strings.Contains(errOut, m[1]+":"+m[2]+":") {
						t.Errorf("jail(8) said %q; our stderr does not name %s:%s:\n%s", line, m[1], m[2], errOut)
					}
				}
			}
			if (len(wantErr) == 0) != (errOut == "") {
				t.Errorf("jail(8) stderr %q, ours %q", wantErr, errOut)
			}
		})
	}
}

// TestExhibitGolden runs exhibit on testdata/exhibit/*.conf with the flags
// in NAME.args and compares stdout, stderr and exit code with NAME.golden.
func TestExhibitGolden(t *testing.T) {
	chdir(t, "../../testdata/exhibit")
	cases, _ := filepath.Glob("*.conf")
	for _, c := range cases {
		base := strings.TrimSuffix(c, ".conf")
		t.Run(base, func(t *testing.T) {
			args := []string{"exhibit"}
			if b, err := os.ReadFile(base + ".args"); err == nil {
				line := strings.TrimSpace(string(b))
				if strings.HasPrefix(line, "-e ") {
					args = append(args, "-e", strings.TrimPrefix(line, "-e "))
				} else {
					args = append(args, strings.Fields(line)...)
				}
			}
			args = append(args, c)
			out, errOut, code := runCLI(t, "", args...)
			golden.Check(t, base+".golden", "exit "+strconv.Itoa(code)+"\n--- stdout\n"+out+"--- stderr\n"+errOut)
		})
	}
}

// writeFile writes a test file and returns its path.
func writeFile(t *testing.T, dir, name, content string, mode os.FileMode) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	return p
}

const messy = "a {persist;}\n"
const tidy = "a {\n\tpersist;\n}\n"

func TestFmtStdout(t *testing.T) {
	out, _, code := runCLI(t, messy, "fmt")
	if code != 0 || out != tidy {
		t.Errorf("fmt from stdin: exit %d, output %q", code, out)
	}
	out, _, code = runCLI(t, tidy, "fmt", "-l", "-")
	if code != 0 || out != "" {
		t.Errorf("fmt -l on formatted stdin: exit %d, output %q", code, out)
	}
}

func TestFmtListAndDiff(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "etc/jail.conf", messy, 0o640)
	good := writeFile(t, dir, "etc/jail.conf.d/good.conf", tidy, 0o640)
	writeFile(t, dir, "etc/other.txt", messy, 0o640)
	out, _, code := runCLI(t, "", "fmt", "-l", dir)
	if code != 1 || out != bad+"\n" {
		t.Errorf("fmt -l: exit %d, output %q, want %q", code, out, bad+"\n")
	}
	out, _, code = runCLI(t, "", "fmt", "-d", bad, good)
	want := "--- " + bad + ".orig\n+++ " + bad + "\n@@ -1 +1,3 @@\n-a {persist;}\n+a {\n+\tpersist;\n+}\n"
	if code != 1 || out != want {
		t.Errorf("fmt -d: exit %d, output:\n%s\nwant:\n%s", code, out, want)
	}
	if b, _ := os.ReadFile(bad); string(b) != messy {
		t.Error("-l/-d must not write")
	}
}

func TestFmtWriteAtomic(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "jail.conf", messy, 0o640)
	_, errOut, code := runCLI(t, "", "fmt", "-w", p)
	if code != 0 {
		t.Fatalf("fmt -w: exit %d: %s", code, errOut)
	}
	b, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(b) != tidy || st.Mode().Perm() != 0o640 {
		t.Errorf("after -w: %q mode %v", b, st.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestFmtNeverWritesBrokenFile(t *testing.T) {
	dir := t.TempDir()
	broken := "a {\n\tpath = /j\n\tpersist;\n"
	p := writeFile(t, dir, "jail.conf", broken, 0o644)
	_, errOut, code := runCLI(t, "", "fmt", "-w", p)
	if code != 2 || !strings.Contains(errOut, p+":2:") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(p); string(b) != broken {
		t.Error("a file that does not parse was rewritten")
	}
}

func TestFmtRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, dir, "real.conf", messy, 0o644)
	link := filepath.Join(dir, "jail.conf")
	if err := os.Symlink(p, link); err != nil {
		t.Skip(err)
	}
	_, errOut, code := runCLI(t, "", "fmt", "-w", link)
	if code != 2 || !strings.Contains(errOut, "not a regular file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"fmt", "--bogus"}, {"exhibit"}, {"exhibit", "--target", "x", "f"}, {"fmt", "-w", "-"}} {
		if _, _, code := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, _, code := runCLI(t, "", "exhibit", "/nonexistent/jail.conf"); code != 1 {
		t.Errorf("exhibit on a missing file: exit %d, want 1 (as jail(8))", code)
	}
}
