package fsutil

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// NewFile is a file a transaction creates: it must not exist yet.
type NewFile struct {
	Path string
	Data []byte
	Mode os.FileMode // permission bits, e.g. 0o644
}

// Commit writes a transaction that both creates files and replaces
// others: every file in create (backups, new configuration files) is
// staged and then linked into place, refusing any path that already
// exists (a file, a directory or a link), and only then are the changes
// written with ReplaceAll. Missing parent folders of a new file are
// created. If anything fails, every file and folder it created is
// removed again and no change is written; the error says which path
// failed.
func Commit(create []NewFile, changes []Change) (err error) {
	var made []string // created files and folders, in creation order
	defer func() {
		if err != nil {
			for i := len(made) - 1; i >= 0; i-- {
				os.Remove(made[i])
			}
		}
	}()
	for _, nf := range create {
		if _, e := os.Lstat(nf.Path); e == nil {
			return fmt.Errorf("%s: refusing to create: it already exists", nf.Path)
		} else if !errors.Is(e, os.ErrNotExist) {
			return e
		}
	}
	for _, nf := range create {
		dirs, e := mkdirs(filepath.Dir(nf.Path))
		made = append(made, dirs...)
		if e != nil {
			return e
		}
		if e := hook("create", nf.Path); e != nil {
			return fmt.Errorf("%s: %w", nf.Path, e)
		}
		tmp, e := os.CreateTemp(filepath.Dir(nf.Path), "."+filepath.Base(nf.Path)+".jailfmt-*")
		if e != nil {
			return fmt.Errorf("%s: %w", nf.Path, e)
		}
		_, e = tmp.Write(nf.Data)
		if e == nil {
			e = tmp.Chmod(nf.Mode)
		}
		if e == nil {
			e = tmp.Sync()
		}
		if ce := tmp.Close(); e == nil {
			e = ce
		}
		if e == nil {
			// link, unlike rename, fails when the name exists.
			e = os.Link(tmp.Name(), nf.Path)
		}
		os.Remove(tmp.Name())
		if e != nil {
			return fmt.Errorf("%s: %w", nf.Path, e)
		}
		made = append(made, nf.Path)
	}
	if len(changes) > 0 {
		if e := ReplaceAll(changes); e != nil {
			return e
		}
	}
	return nil
}

// mkdirs creates dir and its missing parents, returning the folders it
// created, outermost first.
func mkdirs(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err == nil {
			if !st.IsDir() {
				return nil, fmt.Errorf("%s: not a folder", d)
			}
			break
		}
		if !errors.Is(err, os.ErrNotExist) || filepath.Dir(d) == d {
			return nil, err
		}
		missing = append(missing, d)
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o755); err != nil {
			return made, err
		}
		made = append(made, missing[i])
	}
	return made, nil
}
