package resolve

import (
	"encoding/json"
	"strings"
)

// Exhibit writes the jails as `jail -f FILE -e SEP` prints them: one line
// per jail, its parameters in list order joined by sep, "jid" left out,
// and each value quoted as jail.c quoted_print does.
func Exhibit(jails []*Jail, sep string) string {
	var b strings.Builder
	for _, j := range jails {
		first := true
		for _, p := range j.Params {
			if p.Name == "jid" {
				continue
			}
			if !first {
				b.WriteString(sep)
			}
			first = false
			b.WriteString(p.Name)
			for i, v := range p.Values {
				if i == 0 {
					b.WriteByte('=')
				} else {
					b.WriteByte(',')
				}
				quotedPrint(&b, v.Text)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// quotedPrint quotes a value like jail.c quoted_print: "" when empty,
// double quotes when it holds a single quote, single quotes when it holds
// a double quote, double quotes when it holds a space or tab; inside, a
// backslash and the quote character are escaped (a backslash always).
func quotedPrint(b *strings.Builder, s string) {
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
		b.WriteByte(q)
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == q && q != 0 {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	if q != 0 {
		b.WriteByte(q)
	}
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
