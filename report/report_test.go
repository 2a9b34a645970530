package report

import (
	"runtime"
	"testing"
)

func TestFileURI(t *testing.T) {
	for _, c := range []struct {
		name, uri string
		rel       bool
	}{
		{"jail.conf", "jail.conf", true},
		{"./etc/../jail.conf", "jail.conf", true},
		{"my jails/wé%b.conf", "my%20jails/w%C3%A9%25b.conf", true},
		{"a:b.conf", "a%3Ab.conf", true}, // not a scheme
		{"x#y?z.conf", "x%23y%3Fz.conf", true},
		{"/etc/jail.conf", "file:///etc/jail.conf", false},
		{"/usr/local/etc/my jails/é.conf", "file:///usr/local/etc/my%20jails/%C3%A9.conf", false},
	} {
		if runtime.GOOS == "windows" && !c.rel {
			continue // "/etc" is not absolute there
		}
		if u, rel := fileURI(c.name); u != c.uri || rel != c.rel {
			t.Errorf("fileURI(%q) = %q, %v; want %q, %v", c.name, u, rel, c.uri, c.rel)
		}
	}
}
