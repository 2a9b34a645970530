package iocage_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/iocage"
	reader "github.com/jailfmt/jailfmt/parser/iocage"
)

func load(t *testing.T, path string) *reader.Config {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, errs := reader.ParseJSON(strings.TrimPrefix(path, "../testdata/iocage/root/"), string(src))
	if c == nil {
		t.Fatal(errs)
	}
	return c
}

// TestStartParams prints the jail(8) parameters iocage passes for each
// jail of the fake root (built-in defaults, then defaults.json, then the
// thin config.json), with the property and file position each comes
// from, on a current host and on a 10.3 host (no sysv* parameters).
func TestStartParams(t *testing.T) {
	root := "../testdata/iocage/root/iocage"
	defaults := load(t, root+"/defaults.json")
	for _, jail := range []string{"jails/db", "jails/web", "jails/old", "templates/base"} {
		for _, host := range []string{"14.1-RELEASE-p5", "10.3-RELEASE"} {
			name := strings.TrimPrefix(strings.TrimPrefix(jail, "jails/"), "templates/")
			t.Run(name+"@"+host, func(t *testing.T) {
				c := load(t, root+"/"+jail+"/config.json")
				cfg := iocage.Merge(iocage.Builtin(), defaults.Props, c.Props)
				params, err := iocage.StartParams(cfg, iocage.Start{Name: name, IocRoot: "/zroot/iocage", Host: host})
				if err != nil {
					t.Fatal(err)
				}
				var b strings.Builder
				for _, p := range params {
					line := p.Name
					if !p.Bare {
						line += fmt.Sprintf(" = %q", p.Value)
					}
					switch {
					case p.Key == "":
					case p.Prop == nil || p.Prop.Origin.File == nil:
						line += "  <- " + p.Key + " (iocage default)"
					default:
						pos := p.Prop.Origin.Value.Start
						line += fmt.Sprintf("  <- %s (%s:%d:%d)", p.Key, p.Prop.Origin.File.Name, pos.Line, pos.Col)
					}
					if p.Note != "" {
						line += "; " + p.Note
					}
					b.WriteString(line + "\n")
				}
				golden.Check(t, "../testdata/iocage/start/"+name+"@"+strings.SplitN(host, "-", 2)[0]+".golden", b.String())
			})
		}
	}
}

func TestHostVersion(t *testing.T) {
	for host, want := range map[string]float64{"13.2-RELEASE-p4": 13.2, "14.0-CURRENT": 14.0, "10.3-STABLE": 10.3, "15.0": 15.0} {
		if got, err := iocage.HostVersion(host); err != nil || got != want {
			t.Errorf("HostVersion(%s) = %v, %v", host, got, err)
		}
	}
	if _, err := iocage.HostVersion("RELEASE"); err == nil {
		t.Error("HostVersion accepted RELEASE")
	}
	if _, err := iocage.StartParams(iocage.Merge(iocage.Builtin()), iocage.Start{Host: "x"}); err == nil {
		t.Error("StartParams accepted host x")
	}
}

// TestStartBuiltin: with no defaults.json, the built-in defaults decide:
// sysv* = new from iocage itself, allow.sysvipc absent (0 is never
// passed), and explicit allow_sysvipc=1 changes only the flag.
func TestStartBuiltin(t *testing.T) {
	get := func(params []iocage.Param, name string) *iocage.Param {
		for i := range params {
			if params[i].Name == name {
				return &params[i]
			}
		}
		return nil
	}
	jail := []iocage.Prop{{Key: "host_hostname", Text: "j"}}
	params, err := iocage.StartParams(iocage.Merge(iocage.Builtin(), jail), iocage.Start{Name: "j", IocRoot: "/r", Host: "13.2-RELEASE"})
	if err != nil {
		t.Fatal(err)
	}
	if p := get(params, "sysvshm"); p == nil || p.Value != "new" || p.Prop == nil || p.Prop.Origin.File != nil {
		t.Errorf("sysvshm = %+v", p)
	}
	if p := get(params, "allow.sysvipc"); p != nil {
		t.Errorf("allow.sysvipc passed: %+v", p)
	}
	jail = append(jail, iocage.Prop{Key: "allow_sysvipc", Text: "on"})
	params, _ = iocage.StartParams(iocage.Merge(iocage.Builtin(), jail), iocage.Start{Name: "j", IocRoot: "/r", Host: "13.2-RELEASE"})
	if p := get(params, "allow.sysvipc"); p == nil || p.Value != "1" {
		t.Errorf("allow.sysvipc = %+v", p)
	}
	if p := get(params, "sysvmsg"); p == nil || p.Value != "new" {
		t.Errorf("sysvmsg = %+v", p)
	}
	if p := get(params, "host.hostname"); p == nil || p.Value != "j" {
		t.Errorf("host.hostname = %+v", p)
	}
}
