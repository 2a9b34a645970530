package resolve

import (
	"fmt"
	"math/rand"
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
