// Package fsutil finds jail.conf files and rewrites files atomically.
package fsutil

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// IsJailConf reports whether a path found while walking a directory is a
// jail.conf file: jail.conf, jail.conf.d/*.conf, *.jail.conf or
// jail.*.conf.
func IsJailConf(path string) bool {
	base := filepath.Base(path)
	switch {
	case base == "jail.conf":
		return true
	case filepath.Base(filepath.Dir(path)) == "jail.conf.d" && strings.HasSuffix(base, ".conf"):
		return true
	case strings.HasSuffix(base, ".jail.conf"):
		return true
	case strings.HasPrefix(base, "jail.") && strings.HasSuffix(base, ".conf") && len(base) > len("jail..conf"):
		return true
	}
	return false
}

// Expand returns the files named by paths: files as given, directories
// walked for jail.conf files (in lexical order).
func Expand(paths []string) ([]string, error) {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return out, err
		}
		if !st.IsDir() {
			out = append(out, p)
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != p && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.Type().IsRegular() && IsJailConf(path) {
				out = append(out, path)
			}
			return nil
		})
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// WriteAtomic replaces the regular file at path with data: a temporary
// file in the same directory gets the original mode (and owner and group
// when running as root), is written and synced, and is renamed over the
// original. A crash leaves either the old or the new file, never a mix.
// Non-regular files (symlinks, devices) are refused, and so is a file
// whose size or modification time differs from orig (the Lstat taken when
// it was read): someone else changed it meanwhile. The rename breaks hard
// links and drops extended attributes.
func WriteAtomic(path string, data []byte, orig os.FileInfo) (err error) {
	st := orig
	if st == nil {
		if st, err = os.Lstat(path); err != nil {
			return err
		}
	}
	if !st.Mode().IsRegular() {
		return fmt.Errorf("%s: refusing to rewrite: not a regular file", path)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".jailfmt-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = tmp.Chmod(st.Mode().Perm()); err != nil {
		return err
	}
	if err = copyOwner(tmp, st); err != nil {
		return err
	}
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// Refuse when the file changed since it was read and checked.
	now, err := os.Lstat(path)
	if err != nil {
		return err
	}
	if now.Size() != st.Size() || !now.ModTime().Equal(st.ModTime()) {
		return fmt.Errorf("%s: changed while jailfmt was working on it; not rewritten", path)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, e := os.Open(dir); e == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
