//go:build unix

package fsutil

import (
	"errors"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestReadFileDevNull checks that the null device, which jail(8) reads
// as empty at once, is read as empty rather than refused.
func TestReadFileDevNull(t *testing.T) {
	if b, err := ReadFile("/dev/null", 10); err != nil || len(b) != 0 {
		t.Errorf("/dev/null: %q, %v", b, err)
	}
}

// TestReadFileRefusesSpecialFiles checks that a FIFO (which would block
// a plain open until a writer comes) and a device (/dev/zero never ends)
// are refused at once, before anything is read.
func TestReadFileRefusesSpecialFiles(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "jail.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for path, want := range map[string]string{
		fifo:        "not a regular file (a FIFO); jailfmt reads only regular files",
		"/dev/zero": "not a regular file (a character device); jailfmt reads only regular files",
	} {
		done := make(chan error, 1)
		go func() { _, err := ReadFile(path, 1<<20); done <- err }()
		select {
		case err := <-done:
			var re *RefusedError
			if !errors.As(err, &re) || re.Reason != want {
				t.Errorf("%s: %v, want %q", path, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ReadFile blocks", path)
		}
	}
}
