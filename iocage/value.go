package iocage

import (
	"strconv"
	"strings"

	"github.com/jailfmt/jailfmt/source"
)

// Kind is how a value is written in its source.
type Kind uint8

// Value kinds.
const (
	KindString    Kind = iota // a JSON string, a property-list word or `iocage get` text
	KindNumber                // a JSON number
	KindBool                  // JSON true or false
	KindNull                  // JSON null
	KindComposite             // a JSON array or object
)

// Prop is one property as a source sets it.
type Prop struct {
	Key  string
	Kind Kind
	// Text is the value as Python's str() prints what iocage loaded: a
	// string's content, "True"/"False", "None", a number as Python prints
	// it ("1", "1.0"), or the raw JSON of an array or object. Every check
	// iocage makes on a value (check_truthy, json_check_prop, the f-strings
	// of ioc_start.py) sees this text.
	Text   string
	Origin Origin
}

// Origin is where a property is set. File is nil for iocage's built-in
// defaults (retrieve_default_props).
type Origin struct {
	File  *source.File
	Key   source.Span // the key as written (with its quotes in JSON)
	Value source.Span // the value as written (with its quotes)
}

// Truthy reports whether iocage's check_truthy counts the text as true:
// str(value).lower() in ('1', 'on', 'yes', 'true') (ioc_common.py). So
// JSON 1, true, "1", "on", "YES" are true; 0, null, "nope", "10", 2, 1.0 and
// everything else are false.
func Truthy(text string) bool {
	switch strings.ToLower(text) {
	case "1", "on", "yes", "true":
		return true
	}
	return false
}

// Normalized returns the value as iocage holds it once a config is loaded
// (fix_properties and get_full_config in ioc_json.py): "1" or "0" for
// Bool properties, "disable" for ip4/ip6 "none", the text otherwise.
func (p *Prop) Normalized() string {
	if d, ok := Lookup(p.Key); ok && d.Type == Bool {
		if Truthy(p.Text) {
			return "1"
		}
		return "0"
	}
	if (p.Key == "ip4" || p.Key == "ip6") && p.Text == "none" {
		return "disable"
	}
	return p.Text
}

// IsNone reports whether the value is iocage's "unset" sentinel, the
// string "none".
func (p *Prop) IsNone() bool { return p.Kind == KindString && p.Text == "none" }

// CanonicalJSON returns the JSON text iocage itself writes for the value
// after loading (json_write after fix_properties): 1 or 0 for a Bool
// property, the JSON string otherwise.
func (p *Prop) CanonicalJSON() string {
	if d, ok := Lookup(p.Key); ok && d.Type == Bool {
		return p.Normalized()
	}
	if p.Kind != KindString {
		return p.Text // iocage keeps non-string values as they are
	}
	return strconv.Quote(p.Text)
}

// PythonNumber returns how Python prints a JSON number literal once json
// has loaded it: integers as their digits, anything with a fraction or an
// exponent as a float in repr form ("1.0", "100.0", "1e+16", "1.5e-05").
func PythonNumber(lit string) string {
	if !strings.ContainsAny(lit, ".eE") {
		if lit == "-0" {
			return "0"
		}
		return lit
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil { // out of range: Python's float is inf
		if strings.HasPrefix(lit, "-") {
			return "-inf"
		}
		return "inf"
	}
	// Shortest digits and exponent, then Python's repr layout: fixed
	// notation for exponents in [-4, 16), else d.ddde±XX.
	e := strconv.FormatFloat(f, 'e', -1, 64) // -d.ddde±XX
	sign := ""
	if e[0] == '-' {
		sign, e = "-", e[1:]
	}
	mant, expText, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expText)
	digits := strings.Replace(mant, ".", "", 1)
	if exp < -4 || exp >= 16 {
		m := digits[:1]
		if len(digits) > 1 {
			m += "." + digits[1:]
		}
		es := strconv.Itoa(abs(exp))
		if len(es) < 2 {
			es = "0" + es
		}
		if exp < 0 {
			return sign + m + "e-" + es
		}
		return sign + m + "e+" + es
	}
	if exp < 0 {
		return sign + "0." + strings.Repeat("0", -exp-1) + digits
	}
	if len(digits) <= exp+1 {
		return sign + digits + strings.Repeat("0", exp+1-len(digits)) + ".0"
	}
	return sign + digits[:exp+1] + "." + digits[exp+1:]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
