package source

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/internal/golden"
)

// TestDetect prints the format Detect finds for every file of the fake
// host tree under testdata/detect, or its error.
func TestDetect(t *testing.T) {
	root := "../testdata/detect"
	var b strings.Builder
	filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		content, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		f, err := Detect(rel, string(content))
		if err != nil {
			fmt.Fprintf(&b, "%s: error: %v\n", rel, err)
		} else {
			fmt.Fprintf(&b, "%s: %s\n", rel, f)
		}
		return nil
	})
	golden.Check(t, "../testdata/detect.golden", b.String())
}

// TestDetectJailConfInputs checks that every jail.conf input of the other
// tests (whatever its name) is still detected as a jail.conf.
func TestDetectJailConfInputs(t *testing.T) {
	n := 0
	for _, dir := range []string{"lint", "format", "conformance", "errors", "exhibit", "cli"} {
		for _, path := range golden.Confs("../testdata/" + dir) {
			content, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if f, err := Detect(path, string(content)); err != nil || f != JailConf {
				t.Errorf("Detect(%s) = %v, %v", path, f, err)
			}
		}
	}
	if n < 50 {
		t.Fatalf("only %d files", n)
	}
}

func TestDetectError(t *testing.T) {
	_, err := Detect("jail.conf", "# fail2ban\n\n[sshd]\nenabled = true\n")
	e, ok := err.(*Error)
	if !ok || e.Pos.Line != 3 || e.Pos.Col != 1 || !strings.Contains(e.Msg, "not a FreeBSD jail configuration") {
		t.Fatalf("err = %#v", err)
	}
}

// TestNameFormatJailConf keeps NameFormat's jail.conf names the same as
// the directory walker's (fsutil.IsJailConf).
func TestNameFormatJailConf(t *testing.T) {
	for _, p := range []string{"jail.conf", "/etc/jail.conf", "/etc/jail.conf.d/web.conf", "/etc/jail.conf.d/web.txt",
		"web.jail.conf", "jail.web.conf", "jail..conf", "myjail.conf", "jail.conf.bak", "/x/rc.conf", "config.json"} {
		f, ok := NameFormat(p)
		if got := ok && f == JailConf; got != fsutil.IsJailConf(p) {
			t.Errorf("NameFormat(%s) = %v, %v; fsutil.IsJailConf = %v", p, f, ok, !got)
		}
	}
}
