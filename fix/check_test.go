package fix

import (
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/resolve"
)

// TestJailChange compares one jail before and after: each difference
// outside the parameters a fix may change is reported, in the same
// words as before the comparison was made direct; the rest is not.
func TestJailChange(t *testing.T) {
	const before = "a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n\tpersist;\n}\n"
	keepAll := func(string) bool { return true }
	noPersist := func(n string) bool { return !resolve.EqualOpts(n, "persist") }
	for _, c := range []struct {
		after string
		keep  func(string) bool
		want  string // "" or a part of the message
	}{
		{before, keepAll, ""},
		{"a {\n\tpersist;\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n", keepAll, ""}, // order of parameters
		{"a {\n\tpath = /j/b;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n\tpersist;\n}\n", keepAll, `path=["/j/b"]`},
		{"a {\n\tpath = /j/a;\n\tip4.addr = \"192.0.2.1, 192.0.2.2\";\n\tpersist;\n}\n", keepAll, `ip4.addr=["192.0.2.1, 192.0.2.2"]`},
		{"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n", keepAll, `persist=[] becomes`},
		{"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n}\n", noPersist, ""},
		{"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n\tpersist;\n\tdevfs_ruleset = 4;\n}\n", keepAll, `devfs_ruleset=["4"]`},
		{"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, \"\", 192.0.2.3;\n\tpersist;\n}\n", keepAll,
			`a failed=false ip4.addr=["192.0.2.1" "192.0.2.2"] name=["a"] path=["/j/a"] persist=[] becomes a failed=false ip4.addr=["192.0.2.1" "" "192.0.2.3"] name=["a"]`},
		{"a {\n\tpath = /j/a;\n\tip4.addr = 192.0.2.1, 192.0.2.2;\n\tpersist;\n\t$v = 1;\n\t$v += $w;\n}\n", keepAll, "failed=true"},
	} {
		a := printOf(resolve.Load("t.conf", before, resolve.Options{}).Jails[0])
		b := resolve.Load("t.conf", c.after, resolve.Options{}).Jails[0]
		got := jailChange(&a, b, c.keep, false)
		if c.want == "" && got != "" || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.after, got, c.want)
		}
	}
}
