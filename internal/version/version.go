// Package version reports which jailfmt this binary is: the module
// version and VCS state recorded by the Go toolchain, and the Go version.
package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// Info describes the running binary.
type Info struct {
	Version  string // module version, e.g. v0.3.0, or "(devel)" for a checkout build
	Revision string // VCS commit, empty when the build did not record it (-buildvcs=false)
	Modified bool   // the checkout had uncommitted changes
	Go       string // Go version that built the binary
}

// Get reads the build information of the running binary.
func Get() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return fromBuildInfo(nil)
	}
	return fromBuildInfo(bi)
}

// fromBuildInfo extracts Info; bi may be nil (no build information).
func fromBuildInfo(bi *debug.BuildInfo) Info {
	in := Info{Version: "(devel)", Go: runtime.Version()}
	if bi == nil {
		return in
	}
	// "go test" binaries and "go build" of a checkout without VCS data
	// report "" or "(devel)"; "go install module@version" reports the version.
	if v := bi.Main.Version; v != "" {
		in.Version = v
	}
	if bi.GoVersion != "" {
		in.Go = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			in.Revision = s.Value
		case "vcs.modified":
			in.Modified = s.Value == "true"
		}
	}
	return in
}

// String is the one-line form: "v0.3.0", "(devel)",
// "(devel) (rev 0123abcd4567)" or "... (rev 0123abcd4567, modified)";
// the revision is shortened to 12 digits.
func (in Info) String() string {
	if in.Revision == "" {
		return in.Version
	}
	rev := in.Revision
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if in.Modified {
		rev += ", modified"
	}
	return fmt.Sprintf("%s (rev %s)", in.Version, rev)
}
