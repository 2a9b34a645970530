package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestCompletionScripts checks that each script names every command and
// rule ID, and that the shells present on this machine accept it.
func TestCompletionScripts(t *testing.T) {
	check := map[string][]string{"bash": {"-n"}, "zsh": {"-n"}, "fish": {"--no-execute"}}
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			script, _, code := runCLI(t, "", "completion", sh)
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			for _, id := range ruleIDs() {
				if !strings.Contains(script, id) {
					t.Errorf("script does not name rule %s", id)
				}
			}
			for _, c := range commands() {
				if !regexp.MustCompile(`\b` + c.name + `\b`).MatchString(script) {
					t.Errorf("script does not name the command %s", c.name)
				}
			}
			if _, err := exec.LookPath(sh); err != nil {
				t.Skipf("%s not installed", sh)
			}
			path := filepath.Join(t.TempDir(), "jailfmt."+sh)
			if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(sh, append(check[sh], path)...).CombinedOutput(); err != nil {
				t.Errorf("%s rejects the script: %v\n%s", sh, err, out)
			}
		})
	}
	if _, _, code := runCLI(t, "", "completion", "tcsh"); code != exitError {
		t.Errorf("completion tcsh: exit %d, want 2", code)
	}
}

// TestBashCompletion sources the bash script and asks it to complete.
func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash not installed")
	}
	script, _, _ := runCLI(t, "", "completion", "bash")
	path := filepath.Join(t.TempDir(), "jailfmt.bash")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		words []string // the command line; the last word is being completed
		want  string   // COMPREPLY, space-separated
	}{
		{[]string{"jailfmt", "--select", "JF20"}, "JF2001 JF2002 JF2003 JF2004"},
		{[]string{"jailfmt", "--ignore", "=", "JF2001,JF30"}, "JF2001,JF3001 JF2001,JF3002 JF2001,JF3003 JF2001,JF3004 JF2001,JF3005 JF2001,JF3006 JF2001,JF3007 JF2001,JF3008"},
		{[]string{"jailfmt", "explain", "JF40"}, "JF4001 JF4002"},
		{[]string{"jailfmt", "lint", "--format", "s"}, "sarif"},
		{[]string{"jailfmt", "--color", "=", "n"}, "never"},
		{[]string{"jailfmt", "fmt", "--w"}, "--write"},
		{[]string{"jailfmt", "exhibit", "--j"}, "--json"},
		{[]string{"jailfmt", "comp"}, "completion"},
		{[]string{"jailfmt", "completion", "z"}, "zsh"},
		{[]string{"jailfmt", "--ha"}, "--harden"},
	}
	for _, c := range cases {
		var words []string
		for _, w := range c.words {
			words = append(words, "'"+w+"'")
		}
		prog := "source " + path + "\nCOMP_WORDS=(" + strings.Join(words, " ") + ")\nCOMP_CWORD=" +
			strconv.Itoa(len(c.words)-1) + "\n_jailfmt\necho \"${COMPREPLY[*]}\"\n"
		out, err := exec.Command("bash", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", c.words, err, out)
		}
		if got := strings.TrimSpace(string(out)); got != c.want {
			t.Errorf("%v: completes %q, want %q", c.words, got, c.want)
		}
	}
}

// TestFishCompletion asks fish itself (complete -C) what it completes.
func TestFishCompletion(t *testing.T) {
	if _, err := exec.LookPath("fish"); err != nil {
		t.Skip("fish not installed")
	}
	script, _, _ := runCLI(t, "", "completion", "fish")
	path := filepath.Join(t.TempDir(), "jailfmt.fish")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ line, want string }{
		{"jailfmt explain JF40", "JF4001 JF4002"},
		{"jailfmt --select JF20", "JF2001 JF2002 JF2003 JF2004"},
		{"jailfmt fmt --w", "--write"},
		{"jailfmt exhibit --j", "--json"},
		{"jailfmt comp", "completion"},
		{"jailfmt completion z", "zsh"},
		{"jailfmt --format s", "sarif"},
	}
	for _, c := range cases {
		cmd := exec.Command("fish", "--no-config", "-c", "source "+path+"; complete -C'"+c.line+"'")
		cmd.Dir = t.TempDir() // no files to offer
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", c.line, err, out)
		}
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			w, _, _ := strings.Cut(l, "\t") // the description follows a tab
			got = append(got, w)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q completes %q, want %q", c.line, got, c.want)
		}
	}
}

// TestZshCompletion runs the zsh function with the completion builtins
// replaced by ones that print the candidates offered.
func TestZshCompletion(t *testing.T) {
	if _, err := exec.LookPath("zsh"); err != nil {
		t.Skip("zsh not installed")
	}
	script, _, _ := runCLI(t, "", "completion", "zsh")
	path := filepath.Join(t.TempDir(), "_jailfmt")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	stubs := `compdef() { :; }
compset() { :; }
_files() { print -r -- '<files>'; }
compadd() {
	if [[ $1 == -a ]]; then print -r -- ${(P)2}; return; fi
	[[ $1 == -- ]] && shift
	print -r -- "$@"
}
`
	cases := []struct {
		words   []string // the last one is being completed
		want    []string // offered
		notWant []string
	}{
		{[]string{"jailfmt", "--select", "JF20"}, []string{"JF2001", "JF4002"}, []string{"<files>"}},
		{[]string{"jailfmt", "--ignore=JF1"}, []string{"JF1000", "JF3008"}, []string{"<files>"}},
		{[]string{"jailfmt", "explain", "J"}, []string{"JF1000", "JF4002"}, []string{"<files>"}},
		{[]string{"jailfmt", "fmt", "--w"}, []string{"--write", "--list"}, []string{"--fix"}},
		{[]string{"jailfmt", "co"}, []string{"completion", "<files>"}, nil},
		{[]string{"jailfmt", "--color=n"}, []string{"auto always never"}, nil},
		{[]string{"jailfmt", "--format", "s"}, []string{"sarif", "gitlab"}, []string{"<files>"}},
		{[]string{"jailfmt", "lint", "x"}, []string{"<files>"}, []string{"completion"}},
	}
	for _, c := range cases {
		var words []string
		for _, w := range c.words {
			words = append(words, "'"+w+"'")
		}
		prog := stubs + "source " + path + "\nwords=(" + strings.Join(words, " ") + ")\nCURRENT=" + strconv.Itoa(len(c.words)) + "\n_jailfmt\n"
		out, err := exec.Command("zsh", "-f", "-c", prog).CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", c.words, err, out)
		}
		for _, w := range c.want {
			if !strings.Contains(string(out), w) {
				t.Errorf("%v: offers %q, want %q among them", c.words, out, w)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(string(out), w) {
				t.Errorf("%v: offers %q, which includes %q", c.words, out, w)
			}
		}
	}
}
