package convert

import (
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/parser/rcconf"
)

// FuzzRCConf converts any rc.conf that parses: the conversion must never
// panic and its self-check must always pass (an error is a jail whose
// converted form would mean something else than rc.d/jail's). Seeds: the
// rc.conf files under testdata/convert/.
func FuzzRCConf(f *testing.F) {
	golden.Seed(f, golden.Glob("../testdata/convert/*/rc.conf*")...)
	f.Fuzz(func(t *testing.T, src string) {
		file, err := rcconf.Parse("rc.conf", src)
		if err != nil {
			return
		}
		opt := Options{Readable: func(string) bool { return true }}
		if _, err := RCConf([]*rcconf.File{file}, opt); err != nil {
			t.Fatalf("%v\n%q", err, src)
		}
		if _, err := Ezjail([]*rcconf.File{file}, nil, opt); err != nil {
			t.Fatalf("%v\n%q", err, src)
		}
	})
}
