package main

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/report"
)

// TestLintFormats runs the default command over testdata/cli/formats.conf
// in every output format and compares with the golden files.
func TestLintFormats(t *testing.T) {
	chdir(t, "../../testdata/cli")
	for _, f := range report.Formats {
		out, errOut, code := runCLI(t, "", "--format", f, "formats.conf")
		if code != 1 || errOut != "" {
			t.Errorf("%s: exit %d, stderr %q", f, code, errOut)
		}
		golden.Check(t, "formats."+f, out)
	}
}

// TestFailureFormats checks that a file that does not parse and one that
// cannot be read appear in every output format (JF0001, JF0002) next to
// the findings of a good file, and that the run exits 2: CI must never
// show a broken file as clean. Text output leaves them to stderr.
func TestFailureFormats(t *testing.T) {
	chdir(t, "../../testdata/cli")
	for _, f := range []string{"text", "json", "sarif", "github", "checkstyle"} {
		out, errOut, code := runCLI(t, "", "--format", f, "broken.conf", "missing.conf", "formats.conf")
		want := "jailfmt: stat missing.conf: no such file or directory\n" + // paths are expanded first
			"broken.conf:3:30: missing \",\" or \";\" between \"\\\"/j\\\"\" and \"host.hostname\": quote a value that contains spaces\n"
		if code != 2 || errOut != want {
			t.Errorf("%s: exit %d, stderr %q", f, code, errOut)
		}
		golden.Check(t, "failures."+f, out)
	}
}

func TestLintJSONAndSARIFShape(t *testing.T) {
	chdir(t, "../../testdata/cli")
	out, _, _ := runCLI(t, "", "--format", "json", "formats.conf")
	var j struct {
		Version     int
		Diagnostics []map[string]any
		Changed     []string
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil || j.Version != 1 || len(j.Diagnostics) == 0 || j.Changed == nil {
		t.Fatalf("json: %v %+v", err, j)
	}
	for _, k := range []string{"file", "line", "column", "end_line", "end_column", "rule", "name", "severity", "message", "fixable", "url"} {
		if _, ok := j.Diagnostics[0][k]; !ok {
			t.Errorf("json diagnostic lacks %q", k)
		}
	}
	out, _, _ = runCLI(t, "", "--format", "sarif", "formats.conf")
	var s struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID, Name string }
				}
			}
			Results []struct {
				RuleID    string
				Level     string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || s.Version != "2.1.0" || len(s.Runs) != 1 {
		t.Fatalf("sarif: %v", err)
	}
	run := s.Runs[0]
	if run.Tool.Driver.Name != "jailfmt" || len(run.Tool.Driver.Rules) < 20 || len(run.Results) == 0 {
		t.Fatalf("sarif run: %+v", run.Tool.Driver.Name)
	}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == r.Name {
			t.Errorf("sarif rule %s: name must differ from id", r.ID)
		}
	}
	for _, r := range run.Results {
		if len(r.Locations) != 1 || r.Locations[0].PhysicalLocation.ArtifactLocation.URI != "formats.conf" || r.Locations[0].PhysicalLocation.Region.StartLine < 1 {
			t.Errorf("sarif result %s: bad location", r.RuleID)
		}
	}
}

func TestLintExitCodesAndSelection(t *testing.T) {
	dir := t.TempDir()
	clean := writeFile(t, dir, "clean/jail.conf", "a {\n\tsysvmsg = new;\n\tsysvsem = new;\n\tsysvshm = new;\n}\n", 0o644)
	legacy := writeFile(t, dir, "legacy/jail.conf", "a {\n\tallow.sysvipc;\n\tsysvmsg = 1;\n}\n", 0o644)
	if _, _, code := runCLI(t, "", clean); code != 0 {
		t.Errorf("clean file: exit %d", code)
	}
	out, _, code := runCLI(t, "", legacy)
	if code != 1 || !strings.Contains(out, "JF2001") || !strings.Contains(out, "JF2002") {
		t.Errorf("legacy: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "--select", "sysv-numeric-value", legacy)
	if code != 1 || strings.Contains(out, "JF2001") || !strings.Contains(out, "JF2002") {
		t.Errorf("--select: exit %d\n%s", code, out)
	}
	out, _, code = runCLI(t, "", "--ignore", "JF2001,JF2002", legacy)
	if code != 0 || out != "" {
		t.Errorf("--ignore: exit %d\n%s", code, out)
	}
	if _, _, code = runCLI(t, "", "--select", "JF2002", "--severity", "error", legacy); code != 0 {
		t.Errorf("--severity error with only warnings: exit %d", code)
	}
	if _, _, code = runCLI(t, "", "--select", "nope", legacy); code != 2 {
		t.Errorf("unknown rule: exit %d", code)
	}
	if _, _, code = runCLI(t, "", "--format", "xml", legacy); code != 2 {
		t.Errorf("unknown format: exit %d", code)
	}
	// A .jailfmt above the file applies; flags override it.
	writeFile(t, dir, "legacy/.jailfmt", "# repo settings\nignore = legacy-sysvipc\nseverity = error\n", 0o644)
	out, _, code = runCLI(t, "", legacy)
	if code != 0 || strings.Contains(out, "JF2001") || !strings.Contains(out, "JF2002") {
		t.Errorf(".jailfmt: exit %d\n%s", code, out)
	}
	out, _, _ = runCLI(t, "", "--ignore", "JF2002", legacy)
	if !strings.Contains(out, "JF2001") || strings.Contains(out, "JF2002") {
		t.Errorf("--ignore over .jailfmt:\n%s", out)
	}
	if _, _, code = runCLI(t, "", "--no-config", "--severity", "warning", legacy); code != 1 {
		t.Errorf("--no-config: exit %d", code)
	}
}

func TestLintFix(t *testing.T) {
	dir := t.TempDir()
	src := "# keep me\na { allow.sysvipc; persist = yes; } # trailing\n"
	p := writeFile(t, dir, "jail.conf", src, 0o600)
	out, _, code := runCLI(t, "", "-d", p)
	if code != 1 || !strings.Contains(out, "sysvmsg = inherit;") || !strings.Contains(out, "-a { allow.sysvipc; persist = yes; } # trailing") {
		t.Errorf("-d: exit %d\n%s", code, out)
	}
	if out, _, code = runCLI(t, "", "-l", p); code != 1 || out != p+"\n" {
		t.Errorf("-l: exit %d %q", code, out)
	}
	if b, _ := os.ReadFile(p); string(b) != src {
		t.Fatal("-d/-l wrote the file")
	}
	out, errOut, code := runCLI(t, "", "--fix", p)
	b, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	// Only the fixed statements change: no formatting.
	fixed := string(b)
	if code != 1 || !strings.HasPrefix(fixed, "# keep me\na { ") || !strings.HasSuffix(fixed, " persist = true; } # trailing\n") ||
		strings.Contains(fixed, "allow.sysvipc") || !strings.Contains(fixed, "sysvshm = inherit;") || st.Mode().Perm() != 0o600 {
		t.Errorf("--fix: exit %d, stderr %q, mode %v, file:\n%s", code, errOut, st.Mode().Perm(), b)
	}
	if !strings.Contains(out, "fixed "+p+"\n") {
		t.Errorf("--fix does not list the file it rewrote:\n%s", out)
	}
	if !strings.Contains(out, "JF3001") {
		t.Errorf("--fix should report what is left (inherit shares the host):\n%s", out)
	}
	out, _, code = runCLI(t, "", "--fix", "--harden", p)
	b, _ = os.ReadFile(p)
	if code != 1 || !strings.Contains(string(b), "sysvshm = new;") || strings.Contains(out, "JF3001") {
		t.Errorf("--fix --harden: exit %d\n%s\n%s", code, b, out)
	}
	if _, _, code = runCLI(t, "", "--fix", p); code != 0 {
		t.Errorf("second --fix: exit %d, want 0 (nothing left)", code)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestLintFixStdinAndErrors(t *testing.T) {
	out, _, code := runCLI(t, "a { allow.nosysvipc; }\n", "--fix", "--stdin-filename", "jail.conf", "-")
	if code != 1 || !strings.Contains(out, "sysvmsg = disable;") {
		t.Errorf("stdin --fix: exit %d\n%s", code, out)
	}
	dir := t.TempDir()
	broken := "a { allow.sysvipc }\n"
	p := writeFile(t, dir, "jail.conf", broken, 0o644)
	_, errOut, code := runCLI(t, "", "--fix", p)
	if code != 2 || !strings.Contains(errOut, p+":1:") {
		t.Errorf("broken: exit %d, stderr %q", code, errOut)
	}
	if b, _ := os.ReadFile(p); string(b) != broken {
		t.Error("a file that does not parse was rewritten")
	}
}

func TestRulesAndExplain(t *testing.T) {
	out, _, code := runCLI(t, "", "rules")
	if code != 0 || !strings.Contains(out, "JF2001  legacy-sysvipc") {
		t.Errorf("rules: %d\n%s", code, out)
	}
	for _, id := range []string{"JF2001", "legacy-sysvipc"} {
		out, _, code = runCLI(t, "", "explain", id)
		if code != 0 || !strings.HasPrefix(out, "JF2001 legacy-sysvipc (warning, fixable)") || !strings.Contains(out, "Good:") {
			t.Errorf("explain %s: %d\n%s", id, code, out)
		}
	}
	if _, _, code = runCLI(t, "", "explain", "JF0000"); code != 2 {
		t.Errorf("explain unknown: exit %d", code)
	}
}

// TestSARIFAbsolutePath checks that an absolute input is a file:// URI
// without %SRCROOT% (which only makes sense for relative references).
func TestSARIFAbsolutePath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my jails")
	p := writeFile(t, dir, "wé%b.conf", "www {\n\tallow.sysvipc;\n}\n", 0o644)
	out, _, _ := runCLI(t, "", "--format", "sarif", p)
	var s struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil || len(s.Runs) != 1 || len(s.Runs[0].Results) == 0 {
		t.Fatalf("sarif: %v\n%s", err, out)
	}
	u, err := url.Parse(s.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI)
	if err != nil || u.Scheme != "file" || filepath.FromSlash(strings.TrimPrefix(u.Path, "/")) != strings.TrimPrefix(p, string(filepath.Separator)) ||
		!strings.Contains(u.RawPath+u.EscapedPath(), "my%20jails/w%C3%A9%25b.conf") {
		t.Errorf("uri %q (%v) for %s", s.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URI, err, p)
	}
	if b := s.Runs[0].Results[0].Locations[0].PhysicalLocation.ArtifactLocation.URIBaseID; b != "" {
		t.Errorf("uriBaseId %q with an absolute URI", b)
	}
}

// fragmentTree writes a repository whose jail.conf includes three
// fragments with a legacy setting each, and returns its folder.
func fragmentTree(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, ".git"), 0o755)
	files := map[string]string{"jail.conf": "path = \"/j/$name\";\n.include \"jail.conf.d/*.conf\";\n"}
	for _, n := range []string{"a", "b", "c"} {
		files["jail.conf.d/"+n+".conf"] = n + " {\n\tallow.sysvipc;\n}\n"
	}
	for n, text := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, n)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFragmentsShareOneLint lints a root and its fragments given as
// inputs: each input reports its own findings as when linted alone, and
// the configuration that reads them is loaded and linted once (a run over
// a folder of N fragments stays linear, not N loads and lints).
func TestFragmentsShareOneLint(t *testing.T) {
	chdir(t, fragmentTree(t))
	all, _, _ := runCLI(t, "", "jail.conf.d/a.conf", "jail.conf.d/b.conf", "jail.conf.d/c.conf")
	var alone string
	for _, n := range []string{"a", "b", "c"} {
		out, _, _ := runCLI(t, "", "jail.conf.d/"+n+".conf")
		alone += strings.TrimSuffix(out, "0 errors, 1 warning, 0 info (1 fixable with --fix)\n")
	}
	if want := alone + "0 errors, 3 warnings, 0 info (3 fixable with --fix)\n"; all != want {
		t.Errorf("together:\n%s\nwant (one by one):\n%s", all, want)
	}

	e := &env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, maxSize: 1 << 20}
	inv := newInvocation()
	st, err := e.settings("jail.conf.d/a.conf", lintFlags{}, map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"a", "b", "c"} {
		if _, found := e.lintFile("jail.conf.d/"+n+".conf", lintFlags{}, st, inv); len(found) != 1 {
			t.Errorf("%s: %d findings", n, len(found))
		}
	}
	if len(inv.roots) != 1 || len(inv.linted) != 1 {
		t.Errorf("%d configurations, %d lint runs for three fragments of one", len(inv.roots), len(inv.linted))
	}
}

// TestFixFragmentsTogether fixes three fragments of one configuration in
// one run: the files and the report are those of fixing them one run at
// a time, and the first fragment's job fixes them all (the others find
// nothing left: one load of the fixed texts, not one per fragment).
func TestFixFragmentsTogether(t *testing.T) {
	read := func(dir string) string {
		var b strings.Builder
		for _, n := range []string{"a", "b", "c"} {
			text, _ := os.ReadFile(filepath.Join(dir, "jail.conf.d", n+".conf"))
			b.Write(text)
		}
		return b.String()
	}
	frags := []string{"jail.conf.d/a.conf", "jail.conf.d/b.conf", "jail.conf.d/c.conf"}
	one := fragmentTree(t)
	chdir(t, one)
	for _, f := range frags {
		runCLI(t, "", "--fix", f)
	}
	together := fragmentTree(t)
	chdir(t, together)
	e := &env{stdin: strings.NewReader(""), stdout: &strings.Builder{}, stderr: &strings.Builder{}, maxSize: 1 << 20}
	inv := newInvocation()
	for _, f := range frags {
		inv.inputs[fsutil.Identity(f)] = true
	}
	st, err := e.settings(frags[0], lintFlags{}, map[string]bool{})
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range frags {
		before := len(inv.files)
		e.lintFile(f, lintFlags{fix: true}, st, inv)
		if i == 0 && len(inv.files) != 3 || i > 0 && len(inv.files) != before {
			t.Errorf("after %s: %d files staged", f, len(inv.files))
		}
	}
	if err := fix.Write(inv.files); err != nil {
		t.Fatal(err)
	}
	if got, want := read(together), read(one); got != want {
		t.Errorf("fixed together:\n%s\none at a time:\n%s", got, want)
	}
	if strings.Contains(read(one), "allow.sysvipc") {
		t.Errorf("not fixed one at a time:\n%s", read(one))
	}
}

// TestChangedInInputOrder: -l names the files in the order of the inputs,
// though the first input's job fixes both (fix.Job.AlsoFix), a file no
// input names with the input whose configuration changed it.
func TestChangedInInputOrder(t *testing.T) {
	chdir(t, fragmentTree(t))
	out, _, code := runCLI(t, "", "-l", "jail.conf.d/c.conf", "jail.conf.d/a.conf")
	if want := "jail.conf.d/c.conf\njail.conf.d/a.conf\n"; out != want || code != 1 {
		t.Errorf("exit %d, listed:\n%s\nwant:\n%s", code, out, want)
	}
	out, _, _ = runCLI(t, "", "-l", "jail.conf.d/c.conf", "jail.conf")
	if want := "jail.conf.d/c.conf\njail.conf.d/a.conf\njail.conf.d/b.conf\n"; out != want {
		t.Errorf("listed:\n%s\nwant:\n%s", out, want)
	}
}
