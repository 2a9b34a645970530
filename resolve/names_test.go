package resolve

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
)

// dump prints everything resolution decides about the jails: their
// parameters in list order with spelling, values and failure, and the
// warnings.
func dump(res *Result) string {
	var b strings.Builder
	for _, j := range res.Jails {
		fmt.Fprintf(&b, "%s failed=%v\n", j.Name, j.Failed)
		for _, p := range j.Params {
			fmt.Fprintf(&b, "\t%s %q %d\n", p.Name, p.Texts(), len(p.Sources))
		}
	}
	for _, d := range res.Diags {
		fmt.Fprintln(&b, d)
	}
	return b.String()
}

// TestNameIndexSameAsScan resolves random configurations, full of names
// that are the same option only in some spellings ("no" prefixes on
// different components, renamed entries meeting), variables referring
// forwards, backwards, in loops and to nothing, with every list indexed
// and with none: config.c's linear scans and the indexes must agree.
func TestNameIndexSameAsScan(t *testing.T) {
	names := []string{"a", "noa", "nonoa", "a.b", "a.nob", "noa.b", "noa.nob", "nonoa.b",
		"x.y.z", "x.noy.z", "nox.y.noz", "x.y.", "x.y.no", "no", "", "persist", "nopersist", "path", "name"}
	varNames := []string{"v", "nov", "v.w", "v.now", "nov.w", "nonov"}
	rng := rand.New(rand.NewSource(11))
	defer func(m int) { nameIndexMin = m }(nameIndexMin)
	for round := 0; round < 300; round++ {
		var b strings.Builder
		stmt := func() {
			name := names[rng.Intn(len(names))]
			if rng.Intn(2) == 0 {
				name = "$" + name
				if rng.Intn(2) == 0 {
					name = "$" + varNames[rng.Intn(len(varNames))]
				}
				if name == "$" || strings.HasSuffix(name, ".") {
					name = "$v"
				}
				name = "$" + "{" + name[1:] + "}"
			} else if name == "" || strings.HasSuffix(name, ".") {
				name = "\"" + name + "\""
			}
			b.WriteString(name)
			switch rng.Intn(4) {
			case 0:
				b.WriteString(";\n")
				return
			case 1:
				b.WriteString(" += ")
			default:
				b.WriteString(" = ")
			}
			for k := rng.Intn(3); k >= 0; k-- {
				if k < 2 {
					b.WriteString(", ")
				}
				ref := names[rng.Intn(len(names))]
				if rng.Intn(2) == 0 {
					ref = varNames[rng.Intn(len(varNames))]
				}
				if ref == "" || strings.HasSuffix(ref, ".") {
					ref = "v"
				}
				fmt.Fprintf(&b, "\"%d${%s}x\"", k, ref)
			}
			b.WriteString(";\n")
		}
		for k := rng.Intn(40); k > 0; k-- {
			stmt()
		}
		for jl := 0; jl < 3; jl++ {
			fmt.Fprintf(&b, "j%d {\n", jl)
			for k := rng.Intn(40); k > 0; k-- {
				stmt()
			}
			b.WriteString("}\n\"j*\" {\n")
			b.WriteString("}\n")
		}
		src := strings.ReplaceAll(b.String(), ", , ", ", ")
		src = strings.ReplaceAll(src, "= , ", "= ")
		nameIndexMin = 1 << 30
		scan := Load("rand.conf", src, Options{})
		nameIndexMin = 1
		indexed := Load("rand.conf", src, Options{})
		if len(scan.Diags) > 0 && !scan.Diags[0].Warning {
			t.Fatalf("round %d: %v\n%s", round, scan.Diags[0], src)
		}
		if a, b := dump(scan), dump(indexed); a != b {
			t.Fatalf("round %d: scanning and indexing differ\n%s\nscan:\n%s\nindexed:\n%s", round, src, a, b)
		}
	}
}

// TestNameLookupsLinear counts the names compared while resolving one
// jail with n variables: a chain defined in order ($v1 = "$v0"), one
// defined backwards ($v0 = "$v1", each substitution moving the next one
// up), and n references to undefined variables. 10 times the variables
// must cost at most 11 times the comparisons (scans cost n²).
func TestNameLookupsLinear(t *testing.T) {
	shapes := map[string]func(n int) string{
		"forward": func(n int) string {
			var b strings.Builder
			b.WriteString("$v0 = \"/usr/jails\";\n")
			for i := 1; i < n; i++ {
				fmt.Fprintf(&b, "$v%d = \"$v%d\";\n", i, i-1)
			}
			fmt.Fprintf(&b, "j { path = \"$v%d/$name\"; allow.sysvipc; }\n", n-1)
			return b.String()
		},
		"backward": func(n int) string {
			var b strings.Builder
			b.WriteString("path = \"$v0/$name\";\n")
			for i := 0; i < n-1; i++ {
				fmt.Fprintf(&b, "$v%d = \"$v%d\";\n", i, i+1)
			}
			fmt.Fprintf(&b, "$v%d = /usr/jails;\nj { }\n", n-1)
			return b.String()
		},
		"undefined": func(n int) string {
			var b strings.Builder
			for i := 0; i < n; i++ {
				fmt.Fprintf(&b, "p%d = \"$u%d\";\nnop%d += x;\n", i, i, i)
			}
			b.WriteString("j { }\n")
			return b.String()
		},
	}
	for name, gen := range shapes {
		steps := func(n int) (int, string) {
			c := 0
			nameSteps = &c
			defer func() { nameSteps = nil }()
			res := Load("vars.conf", gen(n), Options{})
			if len(res.Jails) != 1 {
				t.Fatalf("%s: %d jails", name, len(res.Jails))
			}
			if p := res.Jails[0].Param("path"); p != nil {
				return c, p.Texts()[0]
			}
			return c, ""
		}
		small, _ := steps(500)
		large, path := steps(5000)
		if name != "undefined" && path != "/usr/jails/j" {
			t.Errorf("%s: path = %q", name, path)
		}
		if large > 11*small {
			t.Errorf("%s: 10x the variables: %d -> %d names compared, more than 11x", name, small, large)
		}
	}
}

// TestSubstitutePlaces checks where variables go in a value with
// several: after earlier ones, around dropped ones, across a forward
// reference that is resolved first, and lists as whole values only
// (the values config.c's algorithm gives, as the resolver gave them before it kept the places).
func TestSubstitutePlaces(t *testing.T) {
	src := `path = "1${a}2${b}3${u}4${c}5${l}6";
$b = "<$c>";
$a = A;
$c = C;
$l = L1, L2;
k { host.hostname = "$l"; x = "$a$a$b${b}x$c"; $l += "$c"; y = "${x}${l}"; z = "$z"; }
`
	res := Load("places.conf", src, Options{})
	want := map[string]string{"path": "1A2<C>34C56", "host.hostname": "L1|L2|C", "x": "AA<C><C>xC", "y": "AA<C><C>xC", "z": ""}
	for name, v := range want {
		if p := res.Jails[0].Param(name); p == nil || strings.Join(p.Texts(), "|") != v {
			t.Errorf("%s = %v, want %q", name, p, v)
		}
	}
	if len(res.Diags) != 4 || !res.Jails[0].Failed {
		t.Errorf("want 4 warnings (u not found, two lists inline, z loop), got %v", res.Diags)
	}
}

// TestManyVarsInOneValueLinear substitutes a value of n variables: the
// bytes allocated for 10 times the variables must grow less than 15
// times (moving every later place on per variable, as config.c does,
// allocates n² places: 100 times). Slices that grow by appending cost
// a little more per item when large (Go grows them by 1.25 instead of
// 2): parsing and resolving 2,000 variables take 121 bytes each, 20,000
// take 151.
func TestManyVarsInOneValueLinear(t *testing.T) {
	alloc := func(n int) uint64 {
		src := "$a = xy;\nj { path = \"" + strings.Repeat("$a-", n) + "\"; }\n"
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		res := Load("vars.conf", src, Options{})
		runtime.ReadMemStats(&after)
		if got := res.Jails[0].Param("path").Texts()[0]; got != strings.Repeat("xy-", n) {
			t.Fatalf("n=%d: path = %.40q...", n, got)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := alloc(2000), alloc(20000)
	if large > 15*small {
		t.Errorf("10x the variables in one value: %d -> %d bytes allocated, more than 15x", small, large)
	}
}
