package freebsd

import (
	"math"
	"strings"
)

// Strtol reads s as strtol(s, &end, 10) with a whole-string check, as
// libjail and jail(8) read integers: leading white space and one sign
// are allowed ("  2", "+1", "-0"), nothing may follow the digits, and an
// out-of-range number saturates. The empty string gives 0 and ok (strtol
// stops at once and the end check passes); a lone sign or white space
// without digits does not.
func Strtol(s string) (n int64, ok bool) {
	if s == "" {
		return 0, true
	}
	i := 0
	for i < len(s) && strings.IndexByte(" \t\n\v\f\r", s[i]) >= 0 {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	var u uint64
	over := false
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		d := uint64(s[i] - '0')
		if u > (math.MaxUint64-d)/10 {
			over = true
		} else {
			u = u*10 + d
		}
	}
	if i == start || i != len(s) {
		return 0, false
	}
	switch {
	case neg && (over || u > 1<<63):
		return math.MinInt64, true
	case neg:
		return -int64(u), true
	case over || u > math.MaxInt64:
		return math.MaxInt64, true
	}
	return int64(u), true
}

// ParseBool reads a kernel boolean value as libjail's jailparam_import
// does (lib/libjail/jail.c, jailparam_import_enum with "false", "true"):
// "true" or "false" in any case, or an integer stored in a C int (so
// 4294967296 is false). An empty string is 0, false. Anything else
// (yes, on, off) is refused: "NAME: unknown boolean value".
func ParseBool(s string) (v, ok bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	n, ok := Strtol(s)
	return int32(n) != 0, ok
}

// The jailsys values (sys/jail.h JAIL_SYS_*).
const (
	SysDisable = 0
	SysNew     = 1
	SysInherit = 2
)

// JailsysNames are the jailsys value names, by value.
var JailsysNames = [3]string{"disable", "new", "inherit"}

// ParseJailsys reads a jailsys value (sysvmsg, vnet, ...) as libjail
// does: an empty value means new, the names in any case, else an integer
// (strtol, stored in a C int). ok is false when libjail refuses the text
// ("unknown jailsys value"); an integer other than 0, 1 or 2 is returned
// as it is, and the kernel refuses it (EINVAL).
func ParseJailsys(s string) (v int, ok bool) {
	if s == "" {
		return SysNew, true
	}
	for i, n := range JailsysNames {
		if strings.EqualFold(s, n) {
			return i, true
		}
	}
	n, ok := Strtol(s)
	return int(int32(n)), ok
}
