package main

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
)

const (
	rulesStart = "<!-- rules: generated from the rule registry; go test ./cmd/jailfmt -run TestReadme -update -->\n"
	rulesEnd   = "<!-- /rules -->\n"
)

// TestReadmeRules checks the README's rule table against the registry
// (-update rewrites it).
func TestReadmeRules(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	before, rest, ok1 := strings.Cut(string(b), rulesStart)
	_, after, ok2 := strings.Cut(rest, rulesEnd)
	if !ok1 || !ok2 {
		t.Fatalf("README.md lacks the markers %q and %q", rulesStart, rulesEnd)
	}
	golden.Check(t, "../../README.md", before+rulesStart+lint.Table("docs/rules/")+rulesEnd+after)
}

// readmeStep is one "$ command" of a ```console block and the output shown
// after it.
type readmeStep struct {
	line int // in README.md
	args []string
	want string
	got  string // what it printed
}

// readmeSteps extracts the commands of every ```console block.
func readmeSteps(t *testing.T, text string) []readmeStep {
	var steps []readmeStep
	in := false
	for i, line := range strings.Split(text, "\n") {
		switch {
		case line == "```console":
			in = true
		case in && line == "```":
			in = false
		case in && strings.HasPrefix(line, "$ "):
			args, err := splitWords(line[2:])
			if err != nil {
				t.Fatalf("README.md:%d: %v", i+1, err)
			}
			steps = append(steps, readmeStep{line: i + 1, args: args})
		case in && len(steps) > 0:
			steps[len(steps)-1].want += line + "\n"
		case in:
			t.Fatalf("README.md:%d: output before any $ command", i+1)
		}
	}
	return steps
}

// splitWords splits a command line as sh does for words without
// expansions: blanks separate, single and double quotes group.
func splitWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\'', '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, errors.New("unterminated quote")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// TestReadmeExamples runs every command the README shows in a ```console
// block, in order, in a copy of testdata/readme/, and compares its output
// (stderr, then stdout) with the lines shown under it. The install line
// is run as "go install ./cmd/jailfmt" into a temporary GOBIN: that
// binary runs the rest. "echo $?" shows the previous exit status.
func TestReadmeExamples(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	steps := readmeSteps(t, string(b))
	if len(steps) < 5 {
		t.Fatalf("README.md shows only %d commands", len(steps))
	}
	work := t.TempDir()
	copyDir(t, "../../testdata/readme", work)
	bin := ""
	last := 0
	for i := range steps {
		st := &steps[i]
		var got string
		switch {
		case strings.Join(st.args, " ") == "go install github.com/jailfmt/jailfmt/cmd/jailfmt@latest":
			gobin := t.TempDir()
			cmd := exec.Command("go", "install", "./cmd/jailfmt")
			cmd.Dir, cmd.Env = "../..", append(os.Environ(), "GOBIN="+gobin)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("README.md:%d: go install: %v\n%s", st.line, err, out)
			}
			bin, got = filepath.Join(gobin, "jailfmt"), string(out)
		case st.args[0] == "jailfmt":
			if bin == "" {
				t.Fatalf("README.md:%d: jailfmt runs before the install command", st.line)
			}
			var out bytes.Buffer
			cmd := exec.Command(bin, st.args[1:]...)
			cmd.Dir, cmd.Stdout, cmd.Stderr = work, &out, &out
			err := cmd.Run()
			last = 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				last = ee.ExitCode()
			} else if err != nil {
				t.Fatalf("README.md:%d: %v", st.line, err)
			}
			got = out.String()
		case len(st.args) == 2 && st.args[0] == "echo" && st.args[1] == "$?":
			got = strconv.Itoa(last) + "\n"
		default:
			t.Fatalf("README.md:%d: the README test runs only jailfmt, echo $? and the install command, not %q", st.line, st.args)
		}
		st.got = got
		if got != st.want && !golden.Updating() {
			t.Errorf("README.md:%d: $ %s\ngot:\n%s\nREADME shows:\n%s", st.line, strings.Join(st.args, " "), got, st.want)
		}
	}
	if golden.Updating() {
		// Replace each step's shown output, from the last step back so
		// that the earlier line numbers stay right.
		lines := strings.SplitAfter(string(b), "\n")
		for i := len(steps) - 1; i >= 0; i-- {
			st := steps[i]
			shown := strings.SplitAfter(st.got, "\n")
			shown = shown[:len(shown)-1] // SplitAfter leaves "" after the last newline
			rest := append([]string(nil), lines[st.line+strings.Count(st.want, "\n"):]...)
			lines = append(append(lines[:st.line], shown...), rest...)
		}
		if err := os.WriteFile("../../README.md", []byte(strings.Join(lines, "")), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// copyDir copies the files under src into dst (os.CopyFS needs Go 1.23).
func copyDir(t *testing.T, src, dst string) {
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		b, err := os.ReadFile(path)
		if err == nil {
			writeFile(t, dst, rel, string(b), 0o644)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
