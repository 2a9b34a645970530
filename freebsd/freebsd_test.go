package freebsd

import (
	"math/rand"
	"strings"
	"testing"
)

func TestParseRelease(t *testing.T) {
	for in, want := range map[string]Release{
		"14.2": {14, 2}, "13": {13, 0}, "14.1-RELEASE": {14, 1}, " 10.4 ": {10, 4},
	} {
		got, err := ParseRelease(in)
		if err != nil || got != want {
			t.Errorf("ParseRelease(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "8.4", "fourteen", "14.x", "100.0"} {
		if got, err := ParseRelease(in); err == nil {
			t.Errorf("ParseRelease(%q) = %v, want an error", in, got)
		}
	}
	if got := (Release{13, 5}).String(); got != "13.5" {
		t.Errorf("String = %q", got)
	}
	if !(Release{13, 5}).Legacy() || (Release{14, 0}).Legacy() || (Release{}).Legacy() {
		t.Error("Legacy: want 13.5 legacy, 14.0 and the zero Release not")
	}
}

func TestLookup(t *testing.T) {
	for name, want := range map[string]Ref{
		"allow.sysvipc":   {Base: "allow.sysvipc", Param: Param{Kind: Bool}, Known: true},
		"allow.nosysvipc": {Base: "allow.sysvipc", Param: Param{Kind: Bool}, Negated: true, Known: true},
		"allow.mount.nofoofs": {Base: "allow.mount.foofs", Param: Param{Kind: Bool}, Negated: true,
			Module: true},
		"linux.foo":   {Base: "linux.foo", Param: Param{Kind: String}, Module: true},
		"nosuchparam": {Base: "nosuchparam"},
		"exec.prepare": {Base: "exec.prepare", Param: Param{Kind: List, Since: Release{14, 0}},
			Known: true},
	} {
		if got := Lookup(name); got != want {
			t.Errorf("Lookup(%q) = %+v, want %+v", name, got, want)
		}
	}
}

func TestSuggest(t *testing.T) {
	if got := Suggest("allow.sysvpic"); got != "allow.sysvipc" {
		t.Errorf("Suggest(allow.sysvpic) = %q", got)
	}
	if got := Suggest("completelydifferent"); got != "" {
		t.Errorf("Suggest(completelydifferent) = %q, want none", got)
	}
	if got, ok := MisplacedNo("noallow.mount"); !ok || got != "allow.mount" {
		t.Errorf("MisplacedNo(noallow.mount) = %q, %v", got, ok)
	}
}

// plainDistance is the textbook edit distance, whole matrix.
func plainDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// plainClosest is Closest measuring every name to the end.
func plainClosest(name string, names []string) string {
	best, bestD := "", 4
	for _, c := range names {
		if d := plainDistance(name, c); d < bestD || d == bestD && best != "" && c < best {
			best, bestD = c, d
		}
	}
	if bestD > len(name)/3+1 {
		return ""
	}
	return best
}

// TestClosestBounded: cutting the distances short changes no answer, on
// catalogue names with random edits, names of every length and names
// longer than the stack rows.
func TestClosestBounded(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	alphabet := "abcdefghijklmnopqrstuvwxyz._0123456789"
	mutate := func(s string) string {
		b := []byte(s)
		for k := rng.Intn(5); k > 0; k-- {
			i := rng.Intn(len(b) + 1)
			switch rng.Intn(3) {
			case 0:
				b = append(b[:i], append([]byte{alphabet[rng.Intn(len(alphabet))]}, b[i:]...)...)
			case 1:
				if i < len(b) {
					b = append(b[:i], b[i+1:]...)
				}
			default:
				if i < len(b) {
					b[i] = alphabet[rng.Intn(len(alphabet))]
				}
			}
		}
		return string(b)
	}
	names := append([]string{strings.Repeat("a", 70), strings.Repeat("a", 68) + "b"}, catalogNames...)
	inputs := []string{"", "x", strings.Repeat("a", 69), strings.Repeat("ab", 40)}
	for i := 0; i < 3000; i++ {
		inputs = append(inputs, mutate(names[rng.Intn(len(names))]))
	}
	for _, in := range inputs {
		if got, want := Closest(in, names), plainClosest(in, names); got != want {
			t.Errorf("Closest(%q) = %q, want %q", in, got, want)
		}
		for _, c := range names[:8] {
			for max := 0; max < 5; max++ {
				want := min(plainDistance(in, c), max+1)
				if got := levenshtein(in, c, max); got != want {
					t.Errorf("levenshtein(%q, %q, %d) = %d, want %d", in, c, max, got, want)
				}
			}
		}
	}
}

func TestValues(t *testing.T) {
	for s, want := range map[string]int64{"": 0, "2": 2, " 2": 2, "\t-7": -7, "+1": 1, "-0": 0, "01": 1,
		"99999999999999999999": 1<<63 - 1, "-99999999999999999999": -1 << 63} {
		if got, ok := Strtol(s); !ok || got != want {
			t.Errorf("Strtol(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{" ", "+", "2 ", "0x10", "1e3", "yes"} {
		if got, ok := Strtol(s); ok {
			t.Errorf("Strtol(%q) = %d, want not an integer", s, got)
		}
	}
	for s, want := range map[string]bool{"TRUE": true, "false": false, "": false, "0": false, " 3": true,
		"4294967296": false} {
		if got, ok := ParseBool(s); !ok || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"yes", "on", "off", "no"} {
		if _, ok := ParseBool(s); ok {
			t.Errorf("ParseBool(%q) accepted", s)
		}
	}
	for s, want := range map[string]int{"": SysNew, "Inherit": SysInherit, " 2": 2, "+0": 0, "7": 7} {
		if got, ok := ParseJailsys(s); !ok || got != want {
			t.Errorf("ParseJailsys(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"true", "yes", "shared"} {
		if _, ok := ParseJailsys(s); ok {
			t.Errorf("ParseJailsys(%q) accepted", s)
		}
	}
}

func TestLookupJailSysctl(t *testing.T) {
	for name, want := range map[string]string{
		"security.jail.sysvipc_allowed":         "sysvmsg, sysvsem and sysvshm (new for a private namespace; allow.sysvipc is deprecated since 11.0)",
		"security.jail.mount_nullfs_allowed":    "allow.mount.nullfs",
		"security.jail.vmm_allowed":             "allow.vmm",
		"security.jail.allow_raw_sockets":       "allow.raw_sockets",
		"security.jail.param.allow.mount.zfs":   "-",
		"security.bsd.see_other_uids":           "-",
		"security.jail.socket_unixiproute_only": "allow.socket_af (inverted: socket_unixiproute_only=1 is allow.nosocket_af)",
	} {
		s, ok := LookupJailSysctl(name)
		got := s.Replacement
		if !ok {
			got = "-"
		}
		if got != want {
			t.Errorf("LookupJailSysctl(%q) = %q, want %q", name, got, want)
		}
	}
	if s, _ := LookupJailSysctl("security.jail.devfs_ruleset"); !s.ReadOnly {
		t.Error("devfs_ruleset is read-only")
	}
	if s, _ := LookupJailSysctl("security.jail.enforce_statfs"); !s.Default {
		t.Error("enforce_statfs is the default of every new jail")
	}
}
