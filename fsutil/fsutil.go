// Package fsutil finds, reads (bounded) and atomically rewrites
// jail.conf files.
package fsutil

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// DefaultMaxSize is the default limit on the size of one input: far
// beyond any real jail.conf, small enough that a wrong file name cannot
// exhaust memory.
const DefaultMaxSize = 256 << 20

// RefusedError is an input that jailfmt does not read: not a regular
// file, or larger than the limit.
type RefusedError struct {
	Path   string // the name as given ("-" for standard input)
	Reason string // what is wrong and what to do, without the path
}

func (e *RefusedError) Error() string { return e.Path + ": " + e.Reason }

// ReadFile reads the regular file name, at most limit bytes. Anything
// else (a directory, FIFO, socket or device) is refused before a byte
// is read, and so is a file larger than limit: a RefusedError. The null
// device reads as empty. Symbolic links are followed.
func ReadFile(name string, limit int64) ([]byte, error) {
	// Look before opening (opening some devices has effects), then check
	// the opened file again, so that nothing swapped in between is read;
	// O_NONBLOCK keeps that open from waiting on a FIFO.
	st, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return special(name, st)
	}
	f, err := os.OpenFile(name, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return special(name, st)
	}
	if st.Size() > limit {
		return nil, tooLarge(name, limit)
	}
	return readSized(f, name, limit, st.Size())
}

// special reads a file that is not regular: the null device is empty
// (for jail(8) too: `.include "/dev/null";` is a harmless placeholder),
// anything else is refused.
func special(name string, st fs.FileInfo) ([]byte, error) {
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return []byte{}, nil
	}
	return nil, &RefusedError{name, "not a regular file (" + kind(st.Mode()) + "); jailfmt reads only regular files"}
}

// ReadAll reads r (standard input, or an opened file called name) to
// the end, refusing more than limit bytes with a RefusedError.
func ReadAll(r io.Reader, name string, limit int64) ([]byte, error) {
	return readSized(r, name, limit, 0)
}

// readSized is ReadAll with room for size bytes up front (a regular
// file's size from Stat), so that reading takes one allocation and no
// copy instead of growing from nothing (for a 5 MB file, 21 MB
// allocated). A file that grew since is still read to its end.
func readSized(r io.Reader, name string, limit, size int64) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(int(min(size, limit)) + bytes.MinRead)
	if _, err := b.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, err
	}
	if int64(b.Len()) > limit {
		return nil, tooLarge(name, limit)
	}
	return b.Bytes(), nil
}

func tooLarge(name string, limit int64) error {
	return &RefusedError{name, fmt.Sprintf("larger than the %s limit; raise it with --max-size if this really is a jail.conf", FormatSize(limit))}
}

// kind names a non-regular file's type.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	}
	return "type " + m.Type().String()
}

// ParseSize reads a size in bytes with an optional K, M or G suffix
// (powers of 1024, case-insensitive, "B"/"iB" allowed after it).
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	if t = strings.TrimSuffix(t, "IB"); len(t) == len(strings.TrimSpace(s)) {
		t = strings.TrimSuffix(t, "B")
	}
	shift := 0
	if n := len(t); n > 0 {
		switch t[n-1] {
		case 'K':
			shift = 10
		case 'M':
			shift = 20
		case 'G':
			shift = 30
		}
		if shift > 0 {
			t = t[:n-1]
		}
	}
	var n int64
	if t == "" {
		return 0, fmt.Errorf("%q is not a size (want bytes, or a number with K, M or G)", s)
	}
	for _, c := range t {
		if c < '0' || c > '9' || n > (1<<62)>>shift/10 {
			return 0, fmt.Errorf("%q is not a size (want bytes, or a number with K, M or G)", s)
		}
		n = n*10 + int64(c-'0')
	}
	if n == 0 {
		return 0, fmt.Errorf("%q: the size must be at least 1 byte", s)
	}
	return n << shift, nil
}

// FormatSize writes a size for messages: 256M, or 1000 bytes.
func FormatSize(n int64) string {
	for _, u := range []struct {
		shift  uint
		suffix string
	}{{30, "G"}, {20, "M"}, {10, "K"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d%s", n>>u.shift, u.suffix)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

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
// walked (in lexical order) for the regular files claim accepts, such as
// IsJailConf.
func Expand(paths []string, claim func(path string) bool) ([]string, error) {
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
			if d.Type().IsRegular() && claim(path) {
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
