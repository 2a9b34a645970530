package iocage

// Config is a jail's effective configuration as iocage loads it: the
// built-in defaults, then defaults.json, then the jail's own config.json
// (get_full_config in ioc_json.py: a thin config inherits every key it
// lacks). Each property keeps the origin of the layer that set it last.
type Config struct {
	props map[string]*Prop
	keys  []string // first-set order
}

// Builtin returns iocage's built-in defaults (retrieve_default_props) as
// properties with no file. Properties without a fixed default
// (host_hostname, hostid, mac_prefix, ...) are left out.
func Builtin() []Prop {
	out := make([]Prop, 0, len(catalogue))
	for _, p := range catalogue {
		if p.NoDefault || p.Bookkeeping {
			continue
		}
		k := KindString
		if p.Type == Bool {
			k = KindNumber
		}
		out = append(out, Prop{Key: p.Name, Kind: k, Text: p.Default})
	}
	return out
}

// Merge returns the configuration the layers make, each overriding the
// ones before it (pass Builtin() first for iocage's full view). Within a
// layer a later duplicate wins, as Python's json module keeps the last.
func Merge(layers ...[]Prop) *Config {
	c := &Config{props: map[string]*Prop{}}
	for _, layer := range layers {
		for i := range layer {
			p := &layer[i]
			if _, ok := c.props[p.Key]; !ok {
				c.keys = append(c.keys, p.Key)
			}
			c.props[p.Key] = p
		}
	}
	return c
}

// Get returns the property's effective setting, or nil when no layer
// sets it.
func (c *Config) Get(key string) *Prop { return c.props[key] }

// Keys returns the keys set in any layer, in the order first set.
func (c *Config) Keys() []string { return c.keys }

// value returns the normalised value of a key, or "" when unset.
func (c *Config) value(key string) string {
	if p := c.props[key]; p != nil {
		return p.Normalized()
	}
	return ""
}
