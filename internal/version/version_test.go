package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	rev := "0123456789abcdef0123456789abcdef01234567"
	cases := []struct {
		name string
		bi   *debug.BuildInfo
		want string
	}{
		{"no build info", nil, "(devel)"},
		{"test binary", &debug.BuildInfo{}, "(devel)"},
		{"checkout, -buildvcs=false", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
		{"checkout with vcs", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "false"}}}, "(devel) (rev 0123456789ab)"},
		{"dirty checkout", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: "true"}}}, "(devel) (rev 0123456789ab, modified)"},
		{"go install @version", &debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}}, "v0.3.0"},
		{"clone, Go 1.24+ pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201074710-77cf5a5c53d4"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: rev}}}, "v0.0.0-20261201074710-77cf5a5c53d4 (rev 0123456789ab)"},
	}
	for _, c := range cases {
		if got := fromBuildInfo(c.bi).String(); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
	bi := &debug.BuildInfo{GoVersion: "go1.22.5"}
	if got := fromBuildInfo(bi).Go; got != "go1.22.5" {
		t.Errorf("Go = %q, want go1.22.5", got)
	}
	if got := fromBuildInfo(nil).Go; !strings.HasPrefix(got, "go") {
		t.Errorf("Go without build info = %q, want runtime.Version()", got)
	}
}
