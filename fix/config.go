package fix

import (
	"path/filepath"
	"weak"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/resolve"
	"github.com/jailfmt/jailfmt/source"
)

// Config is one configuration jail(8) reads: a root file and everything
// it includes, as loaded before fixing.
//
// A fix run keeps of the loaded configuration only what it must keep the
// same (see prints) and releases the rest, so that the configuration as
// loaded and as fixed are not both in memory: Result loads it again,
// from the texts first read, if it is asked for after the collector has
// taken it.
type Config struct {
	Name  string
	opts  resolve.Options
	files []*source.File // each file read, as first read
	ids   []string       // identity of each of files
	res   *resolve.Result
	// gone is res once released: still there while anything else holds
	// it.
	gone weak.Pointer[resolve.Result]
}

// NewConfig wraps a configuration loaded by resolve.Load(name, text, opts)
// as res. It must have loaded without errors.
func NewConfig(name string, res *resolve.Result, opts resolve.Options) *Config {
	c := &Config{Name: name, res: res, opts: opts}
	for _, f := range res.Files {
		c.files = append(c.files, f.File)
		c.ids = append(c.ids, fsutil.Identity(f.Name))
	}
	return c
}

// Result returns the configuration as loaded before fixing.
func (c *Config) Result() *resolve.Result {
	if c.res != nil {
		return c.res
	}
	if r := c.gone.Value(); r != nil {
		return r
	}
	// Every file from the text first read: the same configuration.
	opts := c.opts
	opts.Overlay = make(map[string]string, len(c.opts.Overlay)+len(c.files))
	for k, v := range c.opts.Overlay {
		opts.Overlay[k] = v
	}
	for _, f := range c.files {
		abs, _ := filepath.Abs(f.Name)
		opts.Overlay[abs] = f.Src
	}
	r := resolve.Load(c.Name, c.files[0].Src, opts)
	c.gone = weak.Make(r)
	return r
}

// Files returns the files the configuration read, as first read.
func (c *Config) Files() []*source.File { return c.files }

// release lets the collector take the loaded configuration once nothing
// else holds it.
func (c *Config) release() {
	if c.res != nil {
		c.gone, c.res = weak.Make(c.res), nil
	}
}

// Load resolves the configuration with staged texts (by fsutil.Identity)
// in place of what it read; it returns Result() when staged holds none
// of its files.
func (c *Config) Load(staged map[string]string) *resolve.Result {
	res, _ := c.load(staged)
	return res
}

// load is Load, and whether staged holds any of the configuration's
// files.
func (c *Config) load(staged map[string]string) (*resolve.Result, bool) {
	opts, touched := c.with(staged)
	if !touched {
		return c.Result(), false
	}
	main := c.files[0].Src
	if text, ok := staged[c.ids[0]]; ok {
		main = text
	}
	return resolve.Load(c.Name, main, opts), true
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

// textBytes returns the size of the texts the configuration reads with
// staged texts in place of its files'.
func (c *Config) textBytes(staged map[string]string) int {
	n := 0
	for i, f := range c.files {
		if text, ok := staged[c.ids[i]]; ok {
			n += len(text)
		} else {
			n += len(f.Src)
		}
	}
	return n
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
	for i, f := range c.files {
		if text, ok := staged[c.ids[i]]; ok {
			abs, _ := filepath.Abs(f.Name)
			opts.Overlay[abs] = text
			touched = true
		}
	}
	return opts, touched
}
