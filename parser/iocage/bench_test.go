package iocage

import (
	"fmt"
	"strings"
	"testing"
)

var benchSizes = []int{1000, 10000, 100000}

// genJSON returns a config.json-like object of n properties in iocage's
// own style (sorted keys, 4-space indent), strings, numbers, booleans
// and null mixed.
func genJSON(n int) string {
	var b strings.Builder
	b.WriteString("{\n")
	for i := 0; i < n; i++ {
		sep := ","
		if i == n-1 {
			sep = ""
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "    \"p%07d\": \"value %d\"%s\n", i, i, sep)
		case 1:
			fmt.Fprintf(&b, "    \"p%07d\": %d%s\n", i, i, sep)
		case 2:
			fmt.Fprintf(&b, "    \"p%07d\": true%s\n", i, sep)
		default:
			fmt.Fprintf(&b, "    \"p%07d\": null%s\n", i, sep)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// genList returns n KEY=VALUE words, eight per line, in the three quoting
// styles.
func genList(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, "p%d=v%d", i, i)
		case 1:
			fmt.Fprintf(&b, "p%d='v %d'", i, i)
		default:
			fmt.Fprintf(&b, "p%d=\"v \\\"%d\\\"\"", i, i)
		}
		if i%8 == 7 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

func BenchmarkParseJSON(b *testing.B) {
	for _, n := range benchSizes {
		src := genJSON(n)
		b.Run(fmt.Sprintf("props=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if c, errs := ParseJSON("config.json", src); c == nil || len(c.Props) != n {
					b.Fatal(errs)
				}
			}
		})
	}
}

func BenchmarkParseList(b *testing.B) {
	for _, n := range benchSizes {
		src := genList(n)
		b.Run(fmt.Sprintf("words=%d", n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if l, errs := ParseList("x.props", src); l == nil || len(l.Entries) != n {
					b.Fatal(errs)
				}
			}
		})
	}
}

// TestDeepNesting: deeply nested values cost linear time and give a
// positioned error past the decoder's depth limit, not a crash.
func TestDeepNesting(t *testing.T) {
	for _, depth := range []int{5000, 200000} {
		src := `{"properties_x": ` + strings.Repeat("[", depth) + strings.Repeat("]", depth) + "}"
		c, errs := ParseJSON("config.json", src)
		switch {
		case depth <= 5000 && (c == nil || len(c.Props) != 1):
			t.Errorf("depth %d: %v", depth, errs)
		case depth > 10000 && (c != nil || len(errs) != 1 || errs[0].Pos.Line != 1):
			t.Errorf("depth %d: config %v, errors %v", depth, c != nil, errs)
		}
	}
}
