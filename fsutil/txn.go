package fsutil

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Change is one file of a transaction: its content as it was read (Old)
// and the content to write (New).
type Change struct {
	Path     string
	Old, New []byte
}

// failHook, when set (by tests), makes the named step fail for path:
// "stage", "backup" or "rename".
var failHook func(step, path string) error

func hook(step, path string) error {
	if failHook == nil {
		return nil
	}
	return failHook(step, path)
}

// staged is a Change on its way to disk.
type staged struct {
	Change
	st     os.FileInfo // Lstat of the original when it was checked
	tmp    string      // the new content, beside the original
	backup string      // a copy of the original, to restore it
}

// ReplaceAll writes every change or none. First every path is checked
// (a regular file, not a symlink, whose content is still Old); then each
// new content is staged in a temporary file beside the original, with the
// original's mode (setuid, setgid and sticky bits included) and, when
// running as root, its owner and group, and synced; then the staged files
// are renamed over the originals. If any step before the renames fails,
// nothing is renamed and the temporary files are removed. If a rename
// fails, the files already renamed are restored from copies of their
// original content. The error says what is on disk. Renaming breaks hard
// links and drops extended attributes.
func ReplaceAll(changes []Change) error {
	files := make([]*staged, len(changes))
	for i, c := range changes {
		st, err := check(c)
		if err != nil {
			return err
		}
		files[i] = &staged{Change: c, st: st}
	}
	defer func() {
		for _, f := range files {
			if f.tmp != "" {
				os.Remove(f.tmp)
			}
			if f.backup != "" {
				os.Remove(f.backup)
			}
		}
	}()
	for _, f := range files {
		var err error
		if f.tmp, err = stageCopy(f.Path, f.New, f.st, "stage"); err != nil {
			return fmt.Errorf("%s: staging the new content: %w", f.Path, err)
		}
		if len(files) > 1 {
			// Only a multi-file transaction can need a restore.
			if f.backup, err = stageCopy(f.Path, f.Old, f.st, "backup"); err != nil {
				return fmt.Errorf("%s: staging a copy of the original: %w", f.Path, err)
			}
		}
	}
	// Refuse when a file changed since it was checked.
	for _, f := range files {
		now, err := os.Lstat(f.Path)
		if err != nil {
			return err
		}
		if !now.Mode().IsRegular() || now.Size() != f.st.Size() || !now.ModTime().Equal(f.st.ModTime()) {
			return fmt.Errorf("%s: changed while jailfmt was working on it", f.Path)
		}
	}
	for i, f := range files {
		err := hook("rename", f.Path)
		if err == nil {
			err = os.Rename(f.tmp, f.Path)
		}
		if err != nil {
			return restore(files[:i], fmt.Errorf("%s: %w", f.Path, err))
		}
		f.tmp = ""
	}
	syncDirs(files)
	return nil
}

// check returns the Lstat of a change's path after making sure it is a
// regular file whose content is still Old.
func check(c Change) (os.FileInfo, error) {
	st, err := os.Lstat(c.Path)
	if err != nil {
		return nil, err
	}
	switch {
	case st.Mode()&os.ModeSymlink != 0:
		return nil, fmt.Errorf("%s: refusing to rewrite a symbolic link (name the file it points to)", c.Path)
	case !st.Mode().IsRegular():
		return nil, fmt.Errorf("%s: refusing to rewrite: not a regular file", c.Path)
	}
	now, err := os.ReadFile(c.Path)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(now, c.Old) {
		return nil, fmt.Errorf("%s: changed while jailfmt was working on it", c.Path)
	}
	return st, nil
}

// stageCopy writes data to a new temporary file beside path with the
// mode (and, as root, owner) of st, synced, and returns its name.
func stageCopy(path string, data []byte, st os.FileInfo, step string) (name string, err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	if err := hook(step, path); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, "."+base+".jailfmt-*")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // the random name says nothing
		}
		return "", fmt.Errorf("cannot create a temporary file beside it: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// Owner first: chown clears the setuid and setgid bits.
	if err = copyOwner(tmp, st); err != nil {
		return "", err
	}
	if err = tmp.Chmod(st.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)); err != nil {
		return "", err
	}
	if _, err = tmp.Write(data); err != nil {
		return "", err
	}
	if err = tmp.Sync(); err != nil {
		return "", err
	}
	return tmp.Name(), tmp.Close()
}

// restore puts the original content back into files already renamed
// after cause made the transaction fail.
func restore(done []*staged, cause error) error {
	var failed []string
	for _, f := range done {
		err := hook("restore", f.Path)
		if err == nil {
			err = os.Rename(f.backup, f.Path)
		}
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v: it holds the NEW content)", f.Path, err))
			continue
		}
		f.backup = ""
	}
	syncDirs(done)
	if len(failed) > 0 {
		return fmt.Errorf("%w; restoring failed for %s; every other file is unchanged", cause, strings.Join(failed, ", "))
	}
	if len(done) > 0 {
		return fmt.Errorf("%w; the %d file(s) already replaced were restored", cause, len(done))
	}
	return cause
}

// syncDirs syncs the folders of files (best effort: the renames are
// durable once their folder is).
func syncDirs(files []*staged) {
	seen := map[string]bool{}
	for _, f := range files {
		dir := filepath.Dir(f.Path)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
}

// Identity names a file independently of how a path spells it: absolute,
// with symbolic links resolved when possible (two configurations that
// reach one file through different names must see the same staged text).
// A path that resolves is resolved once per process (a system call per
// component): a run asks again for every file of every configuration
// that reads an edited file.
func Identity(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return path
	}
	identities.Lock()
	real, ok := identities.m[abs]
	identities.Unlock()
	if ok {
		return real
	}
	real, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return abs // not there (yet): asked again next time
	}
	identities.Lock()
	identities.m[abs] = real
	identities.Unlock()
	return real
}

// identities caches Identity by absolute path.
var identities = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}
