package resolve

import (
	"fmt"
	"strconv"
	"strings"
)

// Target is a FreeBSD release to judge a configuration against. The zero
// Target stands for Latest.
type Target struct {
	Major, Minor int
}

// Latest is the newest FreeBSD release jailfmt knows.
var Latest = Target{15, 0}

// ParseTarget reads a release such as "14.2", "13", or "14.1-RELEASE".
func ParseTarget(s string) (Target, error) {
	v := strings.TrimSpace(s)
	if k := strings.IndexByte(v, '-'); k >= 0 {
		v = v[:k]
	}
	majS, minS, _ := strings.Cut(v, ".")
	maj, err := strconv.Atoi(majS)
	if err != nil || maj < 9 || maj > 99 {
		return Target{}, fmt.Errorf("invalid FreeBSD release %q: want a version such as 14.2 (9.1 to 99.x)", s)
	}
	minor := 0
	if minS != "" {
		if minor, err = strconv.Atoi(minS); err != nil || minor < 0 {
			return Target{}, fmt.Errorf("invalid FreeBSD release %q: want a version such as 14.2", s)
		}
	}
	return Target{maj, minor}, nil
}

// Before reports whether t is an older release than o.
func (t Target) Before(o Target) bool {
	return t.Major < o.Major || t.Major == o.Major && t.Minor < o.Minor
}

// String returns the release as MAJOR.MINOR.
func (t Target) String() string { return fmt.Sprintf("%d.%d", t.Major, t.Minor) }

// Legacy reports whether t uses the jail.conf parser from before the 2023
// rewrite (FreeBSD 13.x and older): no .include, no nested blocks, CR is
// not whitespace, and bare parameters after a jail start a new global
// record.
func (t Target) Legacy() bool { return t != (Target{}) && t.Before(Target{14, 0}) }
