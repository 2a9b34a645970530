// Package config reads .jailfmt files: key=value lines (select, ignore,
// severity, target, harden, roots, sysroot), found by walking up from an input file's
// directory to the repository root.
package config

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Name is the configuration file's name.
const Name = ".jailfmt"

// Config holds the settings of a .jailfmt file. Empty fields are unset.
type Config struct {
	Path     string
	Select   []string
	Ignore   []string
	Severity string
	Target   string
	Harden   *bool
	// Roots are glob patterns naming more configurations that may read
	// a fragment (roots = hosts/*/jail.conf), and Sysroot the folder that
	// stands for "/" in absolute .include paths; both are relative to the
	// .jailfmt file's folder and stored joined with it.
	Roots   []string
	Sysroot string
}

// Find returns the nearest .jailfmt above dir (inclusive), stopping at
// the directory that holds .git, or "" when there is none.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, Name)
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
			return p
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Load reads a .jailfmt file.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := &Config{Path: path}
	sc := bufio.NewScanner(f)
	line := 0
	first := map[string]int{} // the line that set each key
	for sc.Scan() {
		line++
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			return nil, fmt.Errorf("%s:%d: want key=value", path, line)
		}
		k, v = strings.TrimSpace(k), strings.TrimSpace(v)
		if l, ok := first[k]; ok {
			return nil, fmt.Errorf("%s:%d: %s is already set on line %d; keep one (list several rules in one select or ignore, comma-separated)", path, line, k, l)
		}
		first[k] = line
		switch k {
		case "select":
			c.Select = splitList(v)
		case "ignore":
			c.Ignore = splitList(v)
		case "severity":
			c.Severity = v
		case "target":
			c.Target = v
		case "harden":
			b := v == "true" || v == "yes" || v == "1"
			if !b && v != "false" && v != "no" && v != "0" {
				return nil, fmt.Errorf("%s:%d: harden wants true or false", path, line)
			}
			c.Harden = &b
		case "roots":
			for _, g := range splitList(v) {
				c.Roots = append(c.Roots, besideConfig(path, g))
			}
		case "sysroot":
			c.Sysroot = besideConfig(path, v)
		default:
			return nil, fmt.Errorf("%s:%d: unknown key %q (want select, ignore, severity, target, harden, roots, sysroot)", path, line, k)
		}
	}
	return c, sc.Err()
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// besideConfig joins a path named in the .jailfmt at cfg with its folder.
func besideConfig(cfg, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(cfg), p)
}
