package main

import (
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/report"
)

// TestManPageFlags checks that jailfmt.1 names every command, every flag
// the commands' flag sets define (long and short forms) and every output
// format.
func TestManPageFlags(t *testing.T) {
	e := &env{stdout: io.Discard, stderr: io.Discard}
	n := 0
	for _, c := range commands() {
		if !regexp.MustCompile(`(?m)Cm ` + c.name + `\b`).MatchString(manPage) {
			t.Errorf("jailfmt.1 does not name the command %s (.Cm %s)", c.name, c.name)
		}
		if c.flags == nil {
			continue
		}
		c.flags(e).VisitAll(func(f *pflag.Flag) {
			n++
			if !regexp.MustCompile(`Fl -` + regexp.QuoteMeta(f.Name) + `\b`).MatchString(manPage) {
				t.Errorf("jailfmt.1 does not document %s --%s (.Fl -%s)", c.name, f.Name, f.Name)
			}
			if f.Shorthand != "" && !regexp.MustCompile(`Fl `+f.Shorthand+`\b`).MatchString(manPage) {
				t.Errorf("jailfmt.1 does not document %s -%s (.Fl %s)", c.name, f.Shorthand, f.Shorthand)
			}
		})
	}
	for _, f := range report.Formats {
		if !regexp.MustCompile(`Cm ` + f + `\b`).MatchString(manPage) {
			t.Errorf("jailfmt.1 does not name the output format %s (.Cm %s)", f, f)
		}
	}
	if n < 15 {
		t.Fatalf("only %d flags found in the commands' flag sets", n)
	}
	out, _, code := runCLI(t, "", "man")
	if code != exitOK || out != manPage || !strings.Contains(out, ".Dt JAILFMT 1") {
		t.Errorf("jailfmt man: exit %d, %d bytes; want the embedded jailfmt.1", code, len(out))
	}
}
