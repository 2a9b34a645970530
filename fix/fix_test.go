package fix_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/roots"
)

// virtual is a folder that does not exist: configurations in these
// tests live in resolve's overlay.
const virtual = "/nonexistent/jailfmt-fix-test"

// load loads a root of the virtual files (name -> text).
func load(t testing.TB, files map[string]string, root string) *fix.Config {
	t.Helper()
	ro := resolve.Options{Overlay: map[string]string{}}
	for n, text := range files {
		ro.Overlay[filepath.Join(virtual, n)] = text
	}
	name := filepath.Join(virtual, root)
	res := resolve.Load(name, files[root], ro)
	if res.HasErrors() {
		t.Fatalf("%s does not load: %v", root, res.Diags)
	}
	return fix.NewConfig(name, res, ro)
}

// TestRunJudgesEveryReader is issue 6's first reproduction: fixing
// jail.b.conf must not rewrite common.inc, which jail.conf reads too
// (x would go from inherit to disable there); jail.b.conf's own fix,
// tried in the same round, is applied. (y and z make the failing trial
// change several jails, each touched by one fix.) Job.Accepted hears of
// that one accepted trial, with the size of the fixed configuration's
// texts (the fixed root and common.inc as it was), and of no rejected one.
func TestRunJudgesEveryReader(t *testing.T) {
	files := map[string]string{
		"common.inc":  "x {\nallow.sysvipc;\n}\ny {\nallow.sysvipc;\n}\nz {\nallow.sysvipc;\n}\n",
		"jail.conf":   ".include \"common.inc\";\n",
		"jail.b.conf": ".include \"common.inc\";\n* {\nallow.nosysvipc;\n}\n",
	}
	b, other := load(t, files, "jail.b.conf"), load(t, files, "jail.conf")
	asked := 0
	var sizes []int
	out := fix.Run(&fix.Job{Configs: []*fix.Config{b}, Readers: func(file string) ([]*fix.Config, error) {
		asked++
		if filepath.Base(file) == "common.inc" {
			return []*fix.Config{other, b}, nil // the job's own config is left out
		}
		return nil, nil
	}, Accepted: func(n int) { sizes = append(sizes, n) }})
	if len(out.Files) != 1 || filepath.Base(out.Files[0].Name) != "jail.b.conf" || strings.Contains(out.Files[0].New, "allow.nosysvipc") {
		t.Fatalf("files %+v", out.Files)
	}
	if want := len(out.Files[0].New) + len(files["common.inc"]); len(sizes) != 1 || sizes[0] != want {
		t.Errorf("Accepted got %v, want [%d]", sizes, want)
	}
	if len(out.Withheld) == 0 {
		t.Fatal("the fix to common.inc was applied")
	}
	for _, d := range out.Applied {
		if filepath.Base(d.File) != "jail.b.conf" {
			t.Errorf("applied a fix in %s", d.File)
		}
	}
	for _, w := range out.Withheld {
		jail := map[int]string{2: "x", 5: "y", 8: "z"}[w.Diag.Pos.Line]
		if filepath.Base(w.Diag.File) != "common.inc" || !strings.Contains(w.Reason, "/jail.conf also reads "+virtual+"/common.inc") || !strings.Contains(w.Reason, `jail "`+jail+`": sysvmsg from inherit to disable`) {
			t.Errorf("withheld %s: %s", w.Diag.Rule.ID, w.Reason)
		}
	}
	if asked == 0 {
		t.Error("Readers was never asked")
	}
	left := 0
	for _, d := range fix.Merge(out.Findings, []*fix.Config{b}) {
		if filepath.Base(d.File) == "common.inc" {
			left++
			if d.Fix != nil || !strings.Contains(d.Message, "--fix not applied") {
				t.Errorf("finding left in common.inc does not say why: %s (fix %v)", d.Message, d.Fix != nil)
			}
		}
	}
	if left == 0 {
		t.Error("the findings in common.inc are gone")
	}
}

// TestRunRestrictions: a fragment whose root is unknown gets only local
// fixes, a read-only file none, and a reader that cannot be loaded
// withholds the fixes to the file it reads.
func TestRunRestrictions(t *testing.T) {
	files := map[string]string{"frag.conf": "sysvshm = new;\nallow.sysvipc;\n"}
	c := load(t, files, "frag.conf")
	for name, job := range map[string]*fix.Job{
		"local":    {LocalOnly: true, NoRoot: "no root"},
		"readonly": {ReadOnly: func(string) string { return "read-only" }},
		"readers":  {Readers: func(string) ([]*fix.Config, error) { return nil, errors.New("jail.conf does not load") }},
	} {
		job.Configs = []*fix.Config{c}
		out := fix.Run(job)
		if len(out.Files) != 0 || len(out.Withheld) == 0 {
			t.Errorf("%s: files %d, withheld %d", name, len(out.Files), len(out.Withheld))
		}
		for _, w := range out.Withheld {
			if !strings.Contains(w.Reason, map[string]string{"local": "no root", "readonly": "read-only", "readers": "does not load"}[name]) {
				t.Errorf("%s: %s", name, w.Reason)
			}
		}
	}
}

// TestDiagnoseNamesRoots: a fragment's findings are reported once, and a
// finding only one of its roots produces names that root.
func TestDiagnoseNamesRoots(t *testing.T) {
	files := map[string]string{
		"common.inc":  "x {\nallow.sysvipc;\n}\n",
		"jail.conf":   ".include \"common.inc\";\n",
		"jail.b.conf": ".include \"common.inc\";\n* {\nsysvmsg = new;\nsysvsem = new;\nsysvshm = new;\n}\n",
	}
	cs := []*fix.Config{load(t, files, "jail.conf"), load(t, files, "jail.b.conf")}
	file := filepath.Join(virtual, "common.inc")
	diags := fix.Merge(fix.Diagnose(cs, [][]*lint.Diagnostic{lint.Run(cs[0].Result(), lint.Options{}, nil), lint.Run(cs[1].Result(), lint.Options{}, nil)}, file), cs)
	count := map[string]int{}
	for _, d := range diags {
		count[d.Rule.ID]++
		if d.File != file {
			t.Errorf("finding in %s", d.File)
		}
		if d.Rule.ID == "JF2003" && !strings.HasSuffix(d.Message, "(as "+cs[1].Name+" reads it)") {
			t.Errorf("JF2003 does not name jail.b.conf: %s", d.Message)
		}
	}
	if count["JF2001"] != 1 || count["JF2003"] != 1 {
		t.Errorf("findings %v", count)
	}
}

// FuzzFix checks --fix on a root and two included fragments (a.inc
// before the root's own statements, b.inc after, and b.inc read by a
// second root too): fixing any of the three, every configuration keeps
// every jail's System V IPC (with --harden, inherit may become new) and
// its jails. On the root text alone, no fix is ever withheld (a rule
// that proposes a fix changing its own file's meaning is a bug).
// Seeds: testdata/lint/*.conf and issue 6's cases.
func FuzzFix(f *testing.F) {
	names, _ := filepath.Glob("../testdata/lint/*.conf")
	for _, name := range names {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b), "a {\nallow.sysvipc;\n}\n", "* {\nallow.nosysvipc;\n}\n")
		}
	}
	f.Add("www {}\n", "sysvshm = new;\nallow.sysvipc;\n", "x {\nallow.sysvipc;\n}\n")
	f.Add("x { sysvmsg = new; }\n", "x {\nallow.sysvipc;\n}\n", "\"x.*\" { allow.sysvipc = 1; }\n")
	f.Fuzz(func(t *testing.T, root, a, b string) {
		for _, s := range []string{root, a, b} {
			if strings.Contains(s, ".include") || strings.ContainsRune(s, 0) {
				return // includes read the file system
			}
		}
		single := resolve.Load("fuzz.conf", root, resolve.Options{})
		if !single.HasErrors() {
			out := fix.Run(&fix.Job{Configs: []*fix.Config{fix.NewConfig("fuzz.conf", single, resolve.Options{})}})
			for _, w := range out.Withheld {
				t.Fatalf("single file: %s fix withheld: %s\n%q", w.Diag.Rule.ID, w.Reason, root)
			}
		}
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, ".git"), 0o755)
		files := map[string]string{
			"a.inc":       a,
			"b.inc":       b,
			"jail.conf":   ".include \"a.inc\";\n" + root + "\n.include \"b.inc\";\n",
			"jail.b.conf": "* { allow.sysvipc; }\n.include \"b.inc\";\nlate {}\n",
		}
		for n, text := range files {
			if err := os.WriteFile(filepath.Join(dir, n), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		finder := roots.New(roots.Options{})
		before := map[string]*resolve.Result{}
		for _, r := range []string{"jail.conf", "jail.b.conf"} {
			p := filepath.Join(dir, r)
			before[r] = resolve.Load(p, files[r], resolve.Options{})
			if before[r].HasErrors() {
				return
			}
		}
		configs := func(rs []*roots.Config) []*fix.Config {
			var out []*fix.Config
			for _, r := range rs {
				out = append(out, fix.NewConfig(r.Path, r.Result(), r.LoadOptions))
			}
			return out
		}
		for _, target := range []string{"jail.conf", "a.inc", "b.inc"} {
			for _, harden := range []bool{false, true} {
				set, err := finder.Find(filepath.Join(dir, target))
				if err != nil {
					t.Fatal(err)
				}
				job := &fix.Job{Configs: configs(set.Roots), Lint: lint.Options{Harden: harden}}
				if set.Kind == roots.Fragment {
					job.File = set.File
				}
				job.Readers = func(file string) ([]*fix.Config, error) {
					s, err := finder.Find(file)
					if err != nil || s.Kind != roots.Fragment {
						return nil, err
					}
					return configs(s.Roots), nil
				}
				out := fix.Run(job)
				staged := map[string]string{}
				for _, f := range out.Files {
					staged[fsutil.Identity(f.Name)] = f.New
				}
				for r, res := range before {
					after := fix.NewConfig(filepath.Join(dir, r), res, resolve.Options{}).Load(staged)
					if err := sameSysV(res, after, harden); err != nil {
						t.Fatalf("--fix %s (harden=%v) changed %s: %v\nroot %q\na.inc %q\nb.inc %q", target, harden, r, err, root, a, b)
					}
				}
			}
		}
	})
}

// sameSysV checks, independently of the fix driver's own check, that a
// fixed configuration loads with the same jails and System V IPC.
func sameSysV(a, b *resolve.Result, harden bool) error {
	if b.HasErrors() {
		return fmt.Errorf("no longer loads: %v", b.Diags)
	}
	if len(a.Jails) != len(b.Jails) {
		return fmt.Errorf("%d jails, now %d", len(a.Jails), len(b.Jails))
	}
	for i, j := range a.Jails {
		x, y := lint.SysV(j), lint.SysV(b.Jails[i])
		for r := range x {
			if x[r] != y[r] && !(harden && x[r] == "inherit" && y[r] == "new") {
				return fmt.Errorf("jail %q: %s from %s to %s", j.Name, lint.SysVParams[r], x[r], y[r])
			}
		}
		if j.Name != b.Jails[i].Name || j.Failed != b.Jails[i].Failed {
			return fmt.Errorf("jail %q (failed=%v) is now %q (failed=%v)", j.Name, j.Failed, b.Jails[i].Name, b.Jails[i].Failed)
		}
	}
	return nil
}
