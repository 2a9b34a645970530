package lint

import (
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/resolve"
)

// boolValue reads a boolean parameter as libjail does: no value is true,
// otherwise the last value by freebsd.ParseBool. ok is false for a value
// libjail refuses (yes, on, ...).
func boolValue(p *resolve.Param) (v, ok bool) {
	if len(p.Values) == 0 {
		return true, true
	}
	return freebsd.ParseBool(p.Values[len(p.Values)-1].Text)
}

// isInt reports whether s is a base-10 integer as strtol with an end
// check reads it (leading white space and a sign allowed); an empty
// string is not.
func isInt(s string) bool {
	_, ok := freebsd.Strtol(s)
	return s != "" && ok
}
