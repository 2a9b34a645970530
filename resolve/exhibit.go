package resolve

import (
	"encoding/json"
	"io"
	"strings"
)

// Exhibit writes the jails to w as `jail -f FILE -e SEP` prints them: one
// line per jail, its parameters in list order joined by sep, "jid" left
// out, and each value quoted as jail.c quoted_print does. Each line is
// written as it is made, so the output is never held whole.
func Exhibit(w io.Writer, jails []*Jail, sep string) error {
	var b []byte
	for _, j := range jails {
		b = b[:0]
		first := true
		for _, p := range j.Params {
			if p.Name == "jid" {
				continue
			}
			if !first {
				b = append(b, sep...)
			}
			first = false
			b = append(b, p.Name...)
			for i, v := range p.Values {
				if i == 0 {
					b = append(b, '=')
				} else {
					b = append(b, ',')
				}
				b = quotedPrint(b, v.Text)
			}
		}
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

// quotedPrint appends s to b quoted like jail.c quoted_print: "" when
// empty, double quotes when it holds a single quote, single quotes when
// it holds a double quote, double quotes when it holds a space or tab;
// inside, a backslash and the quote character are escaped (a backslash
// always).
func quotedPrint(b []byte, s string) []byte {
	var q byte
	switch {
	case s == "":
		q = '"'
	case strings.IndexByte(s, '\'') >= 0:
		q = '"'
	case strings.IndexByte(s, '"') >= 0:
		q = '\''
	case strings.ContainsAny(s, " \t"):
		q = '"'
	}
	if q != 0 {
		b = append(b, q)
	}
	if strings.IndexByte(s, '\\') < 0 && (q == 0 || strings.IndexByte(s, q) < 0) {
		b = append(b, s...)
	} else {
		for i := 0; i < len(s); i++ {
			if s[i] == '\\' || s[i] == q && q != 0 {
				b = append(b, '\\')
			}
			b = append(b, s[i])
		}
	}
	if q != 0 {
		b = append(b, q)
	}
	return b
}

// jsonJail is the --json form of one jail.
type jsonJail struct {
	Name   string      `json:"name"`
	Failed bool        `json:"failed"`
	Params []jsonParam `json:"params"`
}

type jsonParam struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
}

// ExhibitJSON writes one JSON object per jail and line, with every
// parameter (jid included) and its values as an unambiguous list.
func ExhibitJSON(jails []*Jail) string {
	var b strings.Builder
	for _, j := range jails {
		o := jsonJail{Name: j.Name, Failed: j.Failed, Params: []jsonParam{}}
		for _, p := range j.Params {
			o.Params = append(o.Params, jsonParam{Name: p.Name, Values: p.Texts()})
		}
		line, _ := json.Marshal(o)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.String()
}
