package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
)

// TestUsageGolden runs the command line's error and flag cases from
// testdata/cli and compares exit code, stdout and stderr with
// testdata/cli/usage/NAME.golden.
func TestUsageGolden(t *testing.T) {
	chdir(t, "../../testdata/cli")
	for _, c := range []struct {
		name, stdin string
		args        []string
		unixOnly    bool
	}{
		{name: "unknown-flag", args: []string{"--bogus", "formats.conf"}},
		{name: "missing-value", args: []string{"formats.conf", "--format"}},
		{name: "bad-format", args: []string{"--format", "xml", "formats.conf"}},
		{name: "bad-size", args: []string{"--max-size", "12X", "formats.conf"}},
		{name: "fmt-unknown-flag", args: []string{"fmt", "--bogus"}},
		{name: "exhibit-no-file", args: []string{"exhibit"}},
		{name: "color-space", args: []string{"--color", "always", "--select", "JF2001", "formats.conf"}},
		{name: "color-alone", args: []string{"--select", "JF2001", "--color", "formats.conf"}},
		{name: "color-equals", args: []string{"--select", "JF2001", "--color=never", "formats.conf"}},
		{name: "select-spaces", args: []string{"--select", "JF2001, JF1003", "formats.conf"}},
		{name: "rules-help", args: []string{"rules", "--help"}},
		{name: "explain-help", args: []string{"explain", "--help"}},
		{name: "explain-no-rule", args: []string{"explain"}},
		{name: "too-large", args: []string{"--max-size", "100", "formats.conf"}},
		{name: "fmt-too-large", args: []string{"fmt", "--max-size", "1K", "-"}, stdin: strings.Repeat("# padding\n", 103)},
		{name: "stdin-too-large", args: []string{"--max-size", "8", "-"}, stdin: "x {\n\tpersist;\n}\n"},
		{name: "dev-zero", args: []string{"/dev/zero"}, unixOnly: true},
		{name: "exhibit-dev-zero", args: []string{"exhibit", "/dev/zero"}, unixOnly: true},
		{name: "include-dev-zero", args: []string{"--format", "json", "usage/include-dev-zero.txt"}, unixOnly: true},
		{name: "exhibit-include-dev-zero", args: []string{"exhibit", "usage/include-dev-zero.txt"}, unixOnly: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.unixOnly && runtime.GOOS == "windows" {
				t.Skip("no /dev/zero")
			}
			out, errOut, code := runCLI(t, c.stdin, c.args...)
			shown := make([]string, len(c.args))
			for i, a := range c.args {
				shown[i] = a
				if strings.ContainsAny(a, " ,") {
					shown[i] = "'" + a + "'"
				}
			}
			golden.Check(t, filepath.Join("usage", c.name+".golden"),
				"$ jailfmt "+strings.Join(shown, " ")+"\nexit "+strconv.Itoa(code)+"\n--- stdout\n"+out+"--- stderr\n"+errOut)
		})
	}
}

// TestRepeatedConfigKey checks that a key set twice in .jailfmt is an
// error naming the file and line, and the run exits 2.
func TestRepeatedConfigKey(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	b, err := os.ReadFile("../../testdata/cli/usage/dotjailfmt.txt")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, ".jailfmt", string(b), 0o644)
	p := writeFile(t, dir, "jail.conf", "x {\n\tpersist;\n}\n", 0o644)
	_, errOut, code := runCLI(t, "", p)
	want := filepath.Join(dir, ".jailfmt") + ":3: select is already set on line 1"
	if code != 2 || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}
