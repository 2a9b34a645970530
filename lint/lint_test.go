package lint_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/fix"
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/inputs"
	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// text renders diagnostics one per line, as the CLI's text format does.
func text(diags []*lint.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fix := ""
		if d.Fix != nil {
			fix = " [fix: " + d.Fix.Message + "]"
		}
		fmt.Fprintf(&b, "%s:%d:%d-%d:%d: %s [%s] %s%s\n", filepath.Base(d.File), d.Pos.Line, d.Pos.Col, d.End.Line, d.End.Col,
			d.Rule.ID, d.Severity, d.Message, fix)
	}
	return b.String()
}

// fixAll runs --fix on a loaded single-file configuration; a fix it
// withholds is a bug (no other configuration reads the file).
func fixAll(res *resolve.Result, opts lint.Options, sel func(*lint.Rule) bool, name string, ro resolve.Options) (*fix.Outcome, error) {
	out := fix.Run(&fix.Job{Configs: []*fix.Config{fix.NewConfig(name, res, ro)}, Lint: opts, Select: sel})
	if len(out.Withheld) > 0 {
		w := out.Withheld[0]
		return out, fmt.Errorf("%s fix withheld: %s", w.Diag.Rule.ID, w.Reason)
	}
	return out, nil
}

// goldenFormats are the extensions of testdata/lint/ files and the
// formats they hold.
var goldenFormats = map[string]source.Format{
	".conf": source.JailConf, ".json": source.IocageJSON, ".rc": source.RCConf, ".sysctl": source.Sysctl,
}

// TestGolden runs each testdata/lint/ID-*.conf (.json: iocage, .rc:
// rc.conf, .sysctl: sysctl.conf) with only rule ID selected (all-*.conf:
// every rule) and compares the diagnostics with NAME.golden; the --fix
// result with NAME.fixed and the --fix --harden result with
// NAME.harden.fixed (each only when the fix changes something).
func TestGolden(t *testing.T) {
	var files []string
	for ext := range goldenFormats {
		fs, _ := filepath.Glob("../testdata/lint/*" + ext)
		files = append(files, fs...)
	}
	sort.Strings(files)
	if len(files) == 0 {
		t.Fatal("no lint test files")
	}
	covered := map[string]bool{}
	for _, name := range files {
		format := goldenFormats[filepath.Ext(name)]
		base := strings.TrimSuffix(name, filepath.Ext(name))
		id, _, _ := strings.Cut(filepath.Base(base), "-")
		var sel func(*lint.Rule) bool
		if id != "all" {
			r := lint.Lookup(id)
			if r == nil {
				t.Fatalf("%s: no rule %s", name, id)
			}
			covered[r.ID] = true
			sel = func(x *lint.Rule) bool { return x == r }
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			b, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			src := string(b)
			opts := lint.Options{}
			if _, rest, ok := strings.Cut(src, "# target: "); ok {
				rel, _, _ := strings.Cut(rest, "\n")
				if opts.Target, err = freebsd.ParseRelease(rel); err != nil {
					t.Fatal(err)
				}
			}
			// "# probes: off" judges the fixes on today's jails only.
			ro := resolve.Options{Target: opts.Target, Probes: !strings.Contains(src, "# probes: off"), Reader: inputs.Reader(format)}
			res := resolve.Load(name, src, ro)
			if res.HasErrors() {
				t.Fatalf("does not load: %v", res.Diags)
			}
			diags := lint.Run(res, opts, sel)
			golden.Check(t, base+".golden", text(diags))
			// NoEdits leaves out the edits and nothing else.
			for _, harden := range []bool{false, true} {
				o := opts
				o.Harden = harden
				want := text(lint.Run(res, o, sel))
				o.NoEdits = true
				quiet := lint.Run(res, o, sel)
				if got := text(quiet); got != want {
					t.Errorf("NoEdits (harden=%v) changes the findings:\n%s\nwant:\n%s", harden, got, want)
				}
				for _, d := range quiet {
					if d.Fix != nil && len(d.Fix.Edits) > 0 {
						t.Errorf("NoEdits: %s at %d:%d has edits", d.Rule.ID, d.Pos.Line, d.Pos.Col)
					}
				}
			}
			for _, harden := range []bool{false, true} {
				o := opts
				o.Harden = harden
				fr, err := fixAll(res, o, sel, name, ro)
				if err != nil {
					t.Fatalf("fix (harden=%v): %v", harden, err)
				}
				out, changed := fixedText(fr, name)
				suffix := ".fixed"
				if harden {
					suffix = ".harden.fixed"
				}
				if !changed {
					if _, err := os.Stat(base + suffix); err == nil {
						t.Errorf("%s exists but the fix changes nothing", base+suffix)
					}
					continue
				}
				if harden {
					if plain, ok := mustFix(t, res, opts, sel, name, src, ro); ok && plain == out {
						continue
					}
				}
				golden.Check(t, base+suffix, out)
			}
		})
	}
	for _, r := range lint.Rules() {
		if !covered[r.ID] && !lint.IsCommandLine(r) { // those: cmdlint's TestLint
			t.Errorf("rule %s has no testdata/lint/%s-* file", r.ID, r.ID)
		}
	}
}

func mustFix(t *testing.T, res *resolve.Result, opts lint.Options, sel func(*lint.Rule) bool, name, src string, ro resolve.Options) (string, bool) {
	fr, err := fixAll(res, opts, sel, name, ro)
	if err != nil {
		t.Fatal(err)
	}
	return fixedText(fr, name)
}

// fixedText renders the files a fix changed: the main file's text alone,
// or each changed file under a "=== name" header when others changed.
func fixedText(fr *fix.Outcome, main string) (string, bool) {
	if len(fr.Files) == 0 {
		return "", false
	}
	if len(fr.Files) == 1 && fr.Files[0].Name == main {
		return fr.Files[0].New, true
	}
	var b strings.Builder
	for _, f := range fr.Files {
		fmt.Fprintf(&b, "=== %s\n%s", filepath.Base(f.Name), f.New)
	}
	return b.String(), true
}

// TestSysvFixProperty generates random configurations mixing globals,
// "*" and pattern blocks before and after jails, nested jails, "+=",
// allow.sysvipc in every spelling and explicit values (names and
// numbers), and checks that --fix keeps every jail's effective msg, sem
// and shm (fix.Run verifies it and withholds fixes otherwise) and leaves no legacy
// statement behind.
func TestSysvFixProperty(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	legacy := []string{"allow.sysvipc;", "allow.nosysvipc;", "allow.sysvipc = 0;", "allow.sysvipc = 1;",
		"allow.sysvipc = true;", "allow.sysvipc = false;", "allow.nosysvipc = 0;", "allow.sysvipc += 1;"}
	explicit := []string{"sysvmsg", "sysvsem", "sysvshm"}
	values := []string{"new", "inherit", "disable", "0", "1", "2", "NEW"}
	stmt := func() string {
		if rng.Intn(2) == 0 {
			return legacy[rng.Intn(len(legacy))]
		}
		return explicit[rng.Intn(3)] + " = " + values[rng.Intn(len(values))] + ";"
	}
	block := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(stmt() + " ")
		}
		return b.String()
	}
	cleared := 0
	const iters = 300
	for iter := 0; iter < iters; iter++ {
		var b strings.Builder
		for k := 0; k < 2+rng.Intn(6); k++ {
			switch rng.Intn(6) {
			case 0:
				b.WriteString(block(1) + "\n")
			case 1:
				fmt.Fprintf(&b, "* { %s}\n", block(rng.Intn(3)))
			case 2:
				fmt.Fprintf(&b, "\"j%d.*\" { %s}\n", rng.Intn(3), block(rng.Intn(2)))
			case 3:
				fmt.Fprintf(&b, "j%d { %s kid { %s} }\n", rng.Intn(3), block(rng.Intn(3)), block(rng.Intn(2)))
			default:
				fmt.Fprintf(&b, "j%d { %s}\n", rng.Intn(4), block(rng.Intn(4)))
			}
		}
		src := b.String()
		// Without probes (a caller that does not ask for them) the fixes
		// are judged on today's jails only, by other paths.
		ro := resolve.Options{Probes: iter%2 == 0}
		res := resolve.Load("prop.conf", src, ro)
		if res.HasErrors() {
			t.Fatalf("generated config does not load: %v\n%s", res.Diags, src)
		}
		for _, harden := range []bool{false, true} {
			opts := lint.Options{Harden: harden}
			fr, err := fixAll(res, opts, nil, "prop.conf", ro)
			if err != nil {
				t.Fatalf("harden=%v: %v\n%s", harden, err, src)
			}
			out, ok := fixedText(fr, "prop.conf")
			if !ok {
				out = src
			}
			after := resolve.Load("prop.conf", out, ro)
			checkProbes(t, res, after, harden, src, out)
			left := 0
			for _, d := range lint.Run(after, opts, nil) {
				if d.Rule.ID == "JF2001" {
					if d.Fix != nil {
						t.Fatalf("a fixable legacy statement is left after --fix (harden=%v):\n%s\n->\n%s", harden, src, out)
					}
					left++
				}
			}
			if left == 0 && !harden {
				cleared++
			}
		}
	}
	t.Logf("--fix cleared every legacy statement in %d of %d configurations", cleared, iters)
	if cleared < iters*3/4 {
		t.Errorf("--fix cleared every legacy statement in only %d of %d configurations", cleared, iters)
	}
}

// checkProbes checks that every probe (a jail defined later) of the
// fixed configuration has the System V IPC it had before: the fix driver
// compares today's jails only.
func checkProbes(t *testing.T, before, after *resolve.Result, harden bool, src, out string) {
	t.Helper()
	old := map[string][3]string{}
	for _, j := range before.Probes {
		old[j.Name] = lint.SysV(j)
	}
	for _, j := range after.Probes {
		x, ok := old[j.Name]
		if !ok {
			continue // a probe of a wildcard block the fix added
		}
		y := lint.SysV(j)
		for r := range x {
			if x[r] != y[r] && !(harden && x[r] == "inherit" && y[r] == "new") {
				t.Fatalf("probe %q: resource %d from %s to %s (harden=%v):\n%s\n->\n%s", j.Name, r, x[r], y[r], harden, src, out)
			}
		}
	}
}

// TestIocageOldHost: on a host of 10.3 or older iocage passes no sysv*
// parameter, so allow_sysvipc is what the jail gets and JF2101 is silent.
func TestIocageOldHost(t *testing.T) {
	src := `{"host_hostuuid": "old", "allow_sysvipc": 1}`
	r := lint.Lookup("JF2101")
	only := func(x *lint.Rule) bool { return x == r }
	for _, tc := range []struct {
		target freebsd.Release
		want   int
	}{{freebsd.Release{Major: 10, Minor: 3}, 0}, {freebsd.Release{Major: 11}, 1}} {
		res := inputs.Load(source.IocageJSON, "/nonexistent/jails/old/config.json", src, resolve.Options{Target: tc.target})
		if got := len(lint.Run(res, lint.Options{Target: tc.target}, only)); got != tc.want {
			t.Errorf("target %v: %d JF2101 findings, want %d", tc.target, got, tc.want)
		}
	}
}

// TestSplitSameFindings: JF2001 on a fleet large enough to share its
// loop among goroutines reports exactly what one goroutine reports, in
// the same order, for every kind of legacy statement it meets.
func TestSplitSameFindings(t *testing.T) {
	variants := []string{
		"allow.sysvipc;", "allow.nosysvipc;", "allow.sysvipc = 0;", "allow.sysvipc;\n\tsysvshm = new;",
		"allow.sysvipc = yes;", "allow.sysvipc = $on;", "sysvmsg = inherit;\n\tallow.sysvipc;",
	}
	var b strings.Builder
	b.WriteString("$on = 1;\nallow.nosysvipc;\n")
	for i := 0; i < 6000; i++ {
		fmt.Fprintf(&b, "j%d {\n\t%s\n}\n", i, variants[i%len(variants)])
	}
	b.WriteString("\"w*\" {\n\tallow.sysvipc;\n}\n")
	res := resolve.Load("split.conf", b.String(), resolve.Options{Probes: true})
	if res.HasErrors() {
		t.Fatal(res.Diags)
	}
	sel := func(r *lint.Rule) bool { return r.ID == "JF2001" }
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	for _, harden := range []bool{false, true} {
		opts := lint.Options{Harden: harden}
		runtime.GOMAXPROCS(1)
		one := lint.Run(res, opts, sel)
		runtime.GOMAXPROCS(4)
		split := lint.Run(res, opts, sel)
		if len(one) < 6000 {
			t.Fatalf("only %d findings", len(one))
		}
		if a, b := text(one), text(split); a != b {
			t.Errorf("harden=%v: split findings differ from one goroutine's", harden)
		}
	}
}

// TestFixesOnOneLongLineLinear lints a whole configuration written on one
// line, fixes included: building each fix must not copy the line up to
// its statement (that was quadratic in the line's length).
func TestFixesOnOneLongLineLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		var b strings.Builder
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, "j%d { persist; allow.sysvipc; } ", i)
		}
		b.WriteString("\n")
		res := resolve.Load("line.conf", b.String(), resolve.Options{})
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		found := lint.Run(res, lint.Options{}, nil)
		runtime.ReadMemStats(&after)
		fixes := 0
		for _, d := range found {
			if d.Fix != nil && len(d.Fix.Edits) > 0 {
				fixes++
			}
		}
		if fixes != n {
			t.Fatalf("n=%d: %d fixes", n, fixes)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(1000), alloc(10000)
	if large > 15*small {
		t.Errorf("10x the jails on one line: %d -> %d bytes allocated by lint, more than 15x", small, large)
	}
}
