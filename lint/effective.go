package lint

import (
	"github.com/jailfmt/jailfmt/freebsd"
	"github.com/jailfmt/jailfmt/resolve"
)

// SysV returns a jail's effective System V IPC setting for sysvmsg,
// sysvsem and sysvshm, as the kernel computes it: "disable", "new",
// "inherit", or "invalid" (a value libjail rejects). The fix driver
// compares it before and after fixing.
func SysV(j *resolve.Jail) [3]string {
	var out [3]string
	for r, v := range sysvOf(nil, j).val {
		out[r] = "invalid"
		if v >= 0 && v < len(freebsd.JailsysNames) {
			out[r] = freebsd.JailsysNames[v]
		}
	}
	return out
}

// SysVParams are the System V IPC parameters, in SysV's order.
var SysVParams = sysvParams
