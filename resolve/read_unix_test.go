//go:build unix

package resolve

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/jailfmt/jailfmt/fsutil"
)

// TestIncludeRefusesSpecialFiles checks that .include of a device or a
// FIFO is an error naming the .include, at once (jail(8) would read
// /dev/zero forever and wait on the FIFO), and that the reader's size
// limit applies to included files.
func TestIncludeRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.conf")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	big := filepath.Join(dir, "big.conf")
	if err := os.WriteFile(big, []byte("a {\n\tpersist;\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		inc  string
		opt  Options
		want string
	}{
		{"/dev/zero", Options{}, `jail.conf:2:10: cannot include /dev/zero: not a regular file (a character device); jailfmt reads only regular files`},
		{fifo, Options{}, `jail.conf:2:10: cannot include ` + fifo + `: not a regular file (a FIFO); jailfmt reads only regular files`},
		{big, Options{ReadFile: func(name string) ([]byte, error) { return fsutil.ReadFile(name, 8) }},
			`jail.conf:2:10: cannot include ` + big + `: larger than the 8 bytes limit; raise it with --max-size if this really is a jail.conf`},
	} {
		res := Load("jail.conf", "x {}\n.include \""+c.inc+"\";\n", c.opt)
		var got []string
		for _, d := range res.Diags {
			got = append(got, d.Error())
		}
		if strings.Join(got, "\n") != c.want {
			t.Errorf(".include %q:\n got %q\nwant %q", c.inc, got, c.want)
		}
	}
}
