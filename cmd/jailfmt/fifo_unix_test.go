//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestFIFORefused checks that a FIFO given as input or named by
// .include is refused at once instead of waiting for a writer.
func TestFIFORefused(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "jail.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	inc := writeFile(t, dir, "main.conf", ".include \"jail.conf\";\n", 0o644)
	for _, c := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{fifo}, "jailfmt: " + fifo + ": not a regular file (a FIFO); jailfmt reads only regular files\n", 2},
		{[]string{"fmt", fifo}, "jailfmt: " + fifo + ": not a regular file (a FIFO); jailfmt reads only regular files\n", 2},
		{[]string{"exhibit", fifo}, "jailfmt: " + fifo + ": not a regular file (a FIFO); jailfmt reads only regular files\n", 2},
		{[]string{inc}, inc + ":1:10: cannot include " + fifo + ": not a regular file (a FIFO); jailfmt reads only regular files\n", 2},
	} {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, errOut, code := runCLI(t, "", c.args...)
			if code != c.code || errOut != c.want {
				t.Errorf("%v: exit %d, stderr %q; want %d, %q", c.args, code, errOut, c.code, c.want)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%v: hangs on a FIFO", c.args)
		}
	}
}
