package fix

import (
	"path/filepath"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/resolve"
)

// Config is one configuration jail(8) reads: a root file and everything
// it includes, as loaded before fixing.
type Config struct {
	Name string
	Orig *resolve.Result
	opts resolve.Options
	ids  []string // identity of each of Orig.Files
}

// NewConfig wraps a configuration loaded by resolve.Load(name, text, opts)
// as res. It must have loaded without errors.
func NewConfig(name string, res *resolve.Result, opts resolve.Options) *Config {
	c := &Config{Name: name, Orig: res, opts: opts}
	for _, f := range res.Files {
		c.ids = append(c.ids, fsutil.Identity(f.Name))
	}
	return c
}

// reads reports whether the configuration reads the file with identity
// id.
func (c *Config) reads(id string) bool {
	for _, x := range c.ids {
		if x == id {
			return true
		}
	}
	return false
}

// Load resolves the configuration with staged texts (by fsutil.Identity)
// in place of what it read; it returns Orig when staged holds none of its
// files.
func (c *Config) Load(staged map[string]string) *resolve.Result {
	opts, touched := c.with(staged)
	if !touched {
		return c.Orig
	}
	main := c.Orig.Files[0].Src
	if text, ok := staged[c.ids[0]]; ok {
		main = text
	}
	return resolve.Load(c.Name, main, opts)
}

// Rebase returns the configuration as it reads with staged texts: the
// starting point of a later job in the same invocation.
func (c *Config) Rebase(staged map[string]string) *Config {
	opts, touched := c.with(staged)
	if !touched {
		return c
	}
	return NewConfig(c.Name, c.Load(staged), opts)
}

// with returns the load options with staged texts over the overlay, and
// whether staged holds any of the configuration's files.
func (c *Config) with(staged map[string]string) (resolve.Options, bool) {
	opts := c.opts
	opts.Overlay = map[string]string{}
	for k, v := range c.opts.Overlay {
		opts.Overlay[k] = v
	}
	touched := false
	for i, f := range c.Orig.Files {
		if text, ok := staged[c.ids[i]]; ok {
			abs, _ := filepath.Abs(f.Name)
			opts.Overlay[abs] = text
			touched = true
		}
	}
	return opts, touched
}
