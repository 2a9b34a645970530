package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestFreeBSDPort checks the port skeleton against the repository: every
// ${WRKSRC} file it installs exists, GO_TARGET is this command, and
// pkg-plist lists exactly what post-install stages besides the binary.
func TestFreeBSDPort(t *testing.T) {
	mk, err := os.ReadFile("../../packaging/freebsd/Makefile")
	if err != nil {
		t.Fatal(err)
	}
	plist, err := os.ReadFile("../../packaging/freebsd/pkg-plist")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"USES=\t\tgo:modules", "GO_MODULE=\tgithub.com/jailfmt/jailfmt", "GO_TARGET=\t./cmd/jailfmt"} {
		if !strings.Contains(string(mk), want) {
			t.Errorf("port Makefile lacks %q", want)
		}
	}
	for _, m := range regexp.MustCompile(`\$\{WRKSRC\}/(\S+)`).FindAllStringSubmatch(string(mk), -1) {
		if _, err := os.Stat(filepath.Join("../..", m[1])); err != nil {
			t.Errorf("port installs %s: %v", m[1], err)
		}
	}
	staged := map[string]bool{"bin/jailfmt": true}
	// INSTALL_MAN gzips the page.
	for _, m := range regexp.MustCompile(`INSTALL_MAN\}\s+\S+/([^/\s]+)\s+\$\{STAGEDIR\}\$\{PREFIX\}/(\S+)`).FindAllStringSubmatch(string(mk), -1) {
		staged[m[2]+"/"+m[1]+".gz"] = true
	}
	for _, m := range regexp.MustCompile(`>\s*\\?\s*\$\{STAGEDIR\}\$\{PREFIX\}/(\S+)`).FindAllStringSubmatch(string(mk), -1) {
		staged[m[1]] = true
	}
	listed := map[string]bool{}
	for _, l := range strings.Fields(string(plist)) {
		listed[l] = true
		if !staged[l] {
			t.Errorf("pkg-plist lists %s, which the port does not install", l)
		}
	}
	for s := range staged {
		if !listed[s] {
			t.Errorf("the port installs %s, missing from pkg-plist", s)
		}
	}
	if len(listed) < 5 {
		t.Errorf("pkg-plist lists %d files", len(listed))
	}
}
