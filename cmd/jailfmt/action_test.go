package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAction checks action.yml: it declares every input its steps use,
// and its formats are ones jailfmt has.
func TestAction(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	declared := map[string]bool{}
	in := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case line == "inputs:":
			in = true
		case in && regexp.MustCompile(`^\S`).MatchString(line):
			in = false
		case in && regexp.MustCompile(`^  [a-z-]+:$`).MatchString(line):
			declared[strings.TrimSuffix(strings.TrimSpace(line), ":")] = true
		}
	}
	used := regexp.MustCompile(`\$\{\{ inputs\.([a-z-]+) \}\}`).FindAllStringSubmatch(text, -1)
	if len(used) < 4 {
		t.Fatalf("action.yml uses %d inputs", len(used))
	}
	for _, m := range used {
		if !declared[m[1]] {
			t.Errorf("action.yml uses undeclared input %s", m[1])
		}
	}
	for _, f := range []string{"github", "sarif"} {
		if !strings.Contains(text, "jailfmt --format "+f) {
			t.Errorf("action.yml does not run --format %s", f)
		}
	}
	if !strings.Contains(text, "go install") || !strings.Contains(text, "using: composite") {
		t.Error("action.yml must be a composite action that installs jailfmt with go install")
	}
}

// actionScript returns the run script of the action step with this name.
func actionScript(t *testing.T, text, step string) string {
	_, rest, ok := strings.Cut(text, "- name: "+step+"\n")
	if !ok {
		t.Fatalf("action.yml has no step %q", step)
	}
	_, rest, ok = strings.Cut(rest, "      run: |\n")
	if !ok {
		t.Fatalf("step %q has no run script", step)
	}
	var b strings.Builder
	for _, line := range strings.Split(rest, "\n") {
		if !strings.HasPrefix(line, "        ") && line != "" {
			break
		}
		b.WriteString(strings.TrimPrefix(line, "        ") + "\n")
	}
	return b.String()
}

// TestActionRun runs the action's "Run jailfmt" step with bash and a
// freshly built jailfmt, in both formats.
func TestActionRun(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	script := actionScript(t, string(b), "Run jailfmt")
	bin := t.TempDir()
	if out, err := exec.Command("go", "build", "-o", filepath.Join(bin, "jailfmt"), ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	copyDir(t, "../../testdata/readme", work)
	run := func(format string) (string, int) {
		cmd := exec.Command("bash", "-e", "-c", script)
		cmd.Dir = work
		cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"),
			"FORMAT="+format, "PATHS=jail.conf", "ARGS=--select JF2001 --target 14.1", "SARIF_FILE=out.sarif")
		out, err := cmd.CombinedOutput()
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return string(out), cmd.ProcessState.ExitCode()
	}
	out, code := run("github")
	if code != exitFindings || !strings.HasPrefix(out, "::warning file=jail.conf,line=6,") || strings.Contains(out, "JF1003") {
		t.Errorf("format github: exit %d\n%s", code, out)
	}
	if out, code = run("sarif"); code != exitFindings || out != "" {
		t.Errorf("format sarif: exit %d\n%s", code, out)
	}
	sarif, err := os.ReadFile(filepath.Join(work, "out.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	validate(t, "../../testdata/schema/sarif-schema-2.1.0.json", string(sarif))
	if out, code = run("xml"); code != exitError {
		t.Errorf("format xml: exit %d, want 2\n%s", code, out)
	}
}
