package main

import (
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/freebsd"
)

func TestVersion(t *testing.T) {
	out, _, code := runCLI(t, "", "version")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	// A test binary has no module version: "(devel)".
	for _, want := range []string{"jailfmt (devel)", "built with go", "FreeBSD up to " + freebsd.Latest.String()} {
		if !strings.Contains(out, want) {
			t.Errorf("jailfmt version does not say %q:\n%s", want, out)
		}
	}
	if out2, _, _ := runCLI(t, "", "--version"); out2 != out {
		t.Errorf("--version printed %q, version %q", out2, out)
	}
	if _, _, code := runCLI(t, "", "version", "x"); code != exitError {
		t.Errorf("version x: exit %d, want 2", code)
	}
}
