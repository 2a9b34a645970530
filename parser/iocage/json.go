// Package iocage reads iocage's configuration sources with positions:
// the JSON files (a jail's config.json, defaults.json, templates, plugin
// manifests) and property lists (`iocage set`/`iocage create` KEY=VALUE
// arguments, `iocage get all` output). Values come out as iocage's own
// loader sees them (package iocage at the module root holds what they
// mean).
package iocage

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"unicode/utf8"

	ioc "github.com/jailfmt/jailfmt/iocage"
	"github.com/jailfmt/jailfmt/source"
)

// Role is what an iocage JSON file is to iocage.
type Role uint8

// Roles.
const (
	JailConfig Role = iota // <iocroot>/jails/NAME/config.json (or any other JSON of properties)
	Defaults               // <iocroot>/defaults.json: reaches every thin jail
	Template               // <iocroot>/templates/NAME/config.json, or "template": 1
	Manifest               // a plugin manifest: its "properties" object
)

var roleNames = [...]string{"jail", "defaults", "template", "manifest"}

func (r Role) String() string { return roleNames[r] }

// Config is one iocage JSON file.
type Config struct {
	File *source.File
	Role Role
	// Props are the properties in file order (for a manifest, the members
	// of its "properties" object), duplicates included: a later duplicate
	// wins, as in Python's json module.
	Props []ioc.Prop

	members    []member // parallel to Props
	open, shut int      // offsets of the properties object's braces
}

// member is where one object member sits: the key's first byte and the
// value's end.
type member struct{ start, end int }

// manifestKeys are keys of plugin manifests (iocage_lib/plugin_manifest.json
// "required") that no jail config has.
var manifestKeys = []string{"pkgs", "packagesite", "fingerprints", "artifact"}

// ParseJSON reads an iocage JSON file. It returns nil and the errors when
// iocage could not load it (a syntax error, invalid UTF-8, a top level
// that is not an object); otherwise the config and any warnings
// (duplicate keys, which Python's json silently resolves to the last).
func ParseJSON(name, src string) (*Config, []*source.Error) {
	f := source.New(name, src, source.IocageJSON)
	if !utf8.ValidString(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRuneInString(src[off:])
			if r == utf8.RuneError && n == 1 {
				break
			}
			off += n
		}
		return nil, []*source.Error{f.Errorf(off, "invalid UTF-8: iocage (Python) cannot read the file; save it as UTF-8")}
	}
	p := &jsonReader{f: f, src: src, dec: json.NewDecoder(strings.NewReader(src))}
	p.dec.UseNumber()
	c, err := p.read()
	if err != nil {
		return nil, []*source.Error{err}
	}
	c.Role = role(name, c)
	return c, p.warns
}

// role tells the file's role from its path and content.
func role(name string, c *Config) Role {
	if c.Role == Manifest {
		return Manifest
	}
	if filepath.Base(name) == "defaults.json" {
		return Defaults
	}
	if filepath.Base(filepath.Dir(filepath.Dir(name))) == "templates" {
		return Template
	}
	for i := range c.Props {
		if c.Props[i].Key == "template" && c.Props[i].Normalized() == "1" {
			return Template
		}
	}
	return JailConfig
}

type jsonReader struct {
	f     *source.File
	src   string
	dec   *json.Decoder
	warns []*source.Error
}

// next returns the offset of the next token's first byte after off,
// skipping whitespace and the separators the decoder consumes itself.
func (p *jsonReader) next(off int) int {
	for off < len(p.src) {
		switch p.src[off] {
		case ' ', '\t', '\r', '\n', ':', ',':
			off++
		default:
			return off
		}
	}
	return off
}

// syntax reports a syntax error. The decoder's token API does not give
// reliable offsets, so the whole text is checked again with
// json.Unmarshal, whose SyntaxError.Offset counts from the file's start.
func (p *jsonReader) syntax(err error) *source.Error {
	var se *json.SyntaxError
	var raw json.RawMessage
	if uerr := json.Unmarshal([]byte(p.src), &raw); errors.As(uerr, &se) {
		if int(se.Offset) >= len(p.src) {
			return p.f.Errorf(len(p.src), "unexpected end of JSON; iocage refuses the file (\"corrupt configuration\"); complete the JSON")
		}
		off := max(int(se.Offset)-1, 0)
		for _, lit := range []string{"NaN", "Infinity", "-Infinity"} {
			if strings.HasPrefix(p.src[off:], lit) {
				return p.f.Errorf(off, "%s is not JSON (Python's json, and so iocage, reads it as a float); write a number or a string", lit)
			}
		}
		return p.f.Errorf(off, "JSON syntax error: %s; iocage refuses the file (\"corrupt configuration\"); fix the JSON here", se.Error())
	}
	return p.f.Errorf(int(p.dec.InputOffset()), "JSON: %v", err)
}

func (p *jsonReader) read() (*Config, *source.Error) {
	start := p.next(0)
	if start < len(p.src) && p.src[start] != '{' {
		var raw json.RawMessage
		if err := p.dec.Decode(&raw); err != nil {
			return nil, p.syntax(err)
		}
		return nil, p.f.Errorf(start, "the top level is not a JSON object: iocage expects {\"property\": value, ...}")
	}
	c := &Config{File: p.f}
	if err := p.object(c, true); err != nil {
		return nil, err
	}
	if rest := p.next(int(p.dec.InputOffset())); rest < len(p.src) {
		return nil, p.f.Errorf(rest, "data after the JSON object: Python's json, and so iocage, refuses the file (\"Extra data\"); remove it")
	}
	return c, nil
}

// object reads an object whose "{" is next. At the top level it
// descends into a manifest's "properties" object; members of any other
// nested object are skipped.
func (p *jsonReader) object(c *Config, top bool) *source.Error {
	open := p.next(int(p.dec.InputOffset()))
	if _, err := p.dec.Token(); err != nil { // {
		return p.syntax(err)
	}
	var props, manifest []ioc.Prop
	var members []member
	var pOpen, pShut int
	var pMembers []member
	isManifest := false
	seen := map[string]int{}
	for p.dec.More() {
		ks := p.next(int(p.dec.InputOffset()))
		t, err := p.dec.Token()
		if err != nil {
			return p.syntax(err)
		}
		key, _ := t.(string)
		ke := int(p.dec.InputOffset())
		vs := p.next(ke)
		if top && key == "properties" && vs < len(p.src) && p.src[vs] == '{' {
			sub := &Config{File: p.f}
			if err := p.object(sub, false); err != nil {
				return err
			}
			manifest, pOpen, pShut, pMembers = sub.Props, sub.open, sub.shut, sub.members
			// Outside a manifest it is one more (unknown) key.
			var compact bytes.Buffer
			json.Compact(&compact, []byte(p.src[pOpen:pShut+1]))
			props = append(props, ioc.Prop{Key: key, Kind: ioc.KindComposite, Text: compact.String(),
				Origin: ioc.Origin{File: p.f, Key: p.f.Span(ks, ke), Value: p.f.Span(pOpen, pShut+1)}})
			members = append(members, member{ks, pShut + 1})
			seen[key] = ks
			continue
		}
		for _, k := range manifestKeys {
			isManifest = isManifest || top && key == k
		}
		prop := ioc.Prop{Key: key}
		var ve int
		if vs < len(p.src) && (p.src[vs] == '{' || p.src[vs] == '[') {
			var raw json.RawMessage
			if err := p.dec.Decode(&raw); err != nil {
				return p.syntax(err)
			}
			ve = int(p.dec.InputOffset())
			var compact bytes.Buffer
			json.Compact(&compact, raw)
			prop.Kind, prop.Text = ioc.KindComposite, compact.String()
		} else {
			t, err := p.dec.Token()
			if err != nil {
				return p.syntax(err)
			}
			ve = int(p.dec.InputOffset())
			switch v := t.(type) {
			case string:
				prop.Kind, prop.Text = ioc.KindString, v
			case json.Number:
				prop.Kind, prop.Text = ioc.KindNumber, ioc.PythonNumber(string(v))
			case bool:
				prop.Kind, prop.Text = ioc.KindBool, "False"
				if v {
					prop.Text = "True"
				}
			case nil:
				prop.Kind, prop.Text = ioc.KindNull, "None"
			default:
				return p.f.Errorf(vs, "expected a JSON value")
			}
		}
		prop.Origin = ioc.Origin{File: p.f, Key: p.f.Span(ks, ke), Value: p.f.Span(vs, ve)}
		if prev, dup := seen[key]; dup {
			w := p.f.Errorf(ks, "duplicate key %q (first at line %d): iocage silently uses this one; keep only one", key, p.f.Position(prev).Line)
			w.Warning = true
			p.warns = append(p.warns, w)
		}
		seen[key] = ks
		props = append(props, prop)
		members = append(members, member{ks, ve})
	}
	shut := p.next(int(p.dec.InputOffset()))
	if _, err := p.dec.Token(); err != nil { // }
		return p.syntax(err)
	}
	if top && isManifest {
		c.Role, c.Props, c.members, c.open, c.shut = Manifest, manifest, pMembers, pOpen, pShut
		return nil
	}
	c.Props, c.members, c.open, c.shut = props, members, open, shut
	return nil
}

// Removal returns the byte range to delete to remove property i with
// its separating comma, leaving every other byte of the file as it was:
// from its key to the next key, or for the last member from the end of
// the one before, or for an only member everything between the braces.
func (c *Config) Removal(i int) source.Span {
	m := c.members
	switch {
	case len(m) == 1:
		return c.File.Span(c.open+1, c.shut)
	case i+1 < len(m):
		return c.File.Span(m[i].start, m[i+1].start)
	default:
		return c.File.Span(m[i-1].end, m[i].end)
	}
}
