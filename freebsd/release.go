// Package freebsd describes the FreeBSD releases and jail parameters that
// jailfmt judges configurations against: release numbers, the parameter
// catalogue of jail(8) and the kernel, and how jail(8) reads their names.
package freebsd

import (
	"fmt"
	"strconv"
	"strings"
)

// Release is a FreeBSD release to judge a configuration against. The zero
// Release stands for Latest.
type Release struct {
	Major, Minor int
}

// Latest is the newest FreeBSD release jailfmt knows.
var Latest = Release{15, 0}

// ParseRelease reads a release such as "14.2", "13", or "14.1-RELEASE".
func ParseRelease(s string) (Release, error) {
	v := strings.TrimSpace(s)
	if k := strings.IndexByte(v, '-'); k >= 0 {
		v = v[:k]
	}
	majS, minS, _ := strings.Cut(v, ".")
	maj, err := strconv.Atoi(majS)
	if err != nil || maj < 9 || maj > 99 {
		return Release{}, fmt.Errorf("invalid FreeBSD release %q: want a version such as 14.2 (9.1 to 99.x)", s)
	}
	minor := 0
	if minS != "" {
		if minor, err = strconv.Atoi(minS); err != nil || minor < 0 {
			return Release{}, fmt.Errorf("invalid FreeBSD release %q: want a version such as 14.2", s)
		}
	}
	return Release{maj, minor}, nil
}

// Before reports whether t is an older release than o.
func (t Release) Before(o Release) bool {
	return t.Major < o.Major || t.Major == o.Major && t.Minor < o.Minor
}

// String returns the release as MAJOR.MINOR.
func (t Release) String() string { return fmt.Sprintf("%d.%d", t.Major, t.Minor) }

// Legacy reports whether t uses the jail.conf parser from before the 2023
// rewrite (FreeBSD 13.x and older): no .include, no nested blocks, CR is
// not whitespace, and bare parameters after a jail start a new global
// record.
func (t Release) Legacy() bool { return t != (Release{}) && t.Before(Release{14, 0}) }
