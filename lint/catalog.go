package lint

import (
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/resolve"
)

// boolValue reads a boolean as libjail and jail(8) do: no value or
// "true" is true, "false" is false, an integer is true when non-zero.
// ok is false for anything else (yes, on, ...).
func boolValue(p *resolve.Param) (v, ok bool) {
	if len(p.Values) == 0 {
		return true, true
	}
	s := p.Values[len(p.Values)-1].Text
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); isNum && ne.Err == strconv.ErrRange {
			return true, true
		}
		return false, false
	}
	return n != 0, true
}

// isInt reports whether s is a base-10 integer using the whole string,
// as strtol with an end check (an empty string is not).
func isInt(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.ParseInt(strings.TrimLeft(s, " \t\n\v\f\r"), 10, 64)
	if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
		return true
	}
	return err == nil
}
