//go:build unix

package fsutil

import (
	"os"
	"syscall"
)

// copyOwner gives f the owner and group of st when running as root (a
// rename would otherwise leave the new file owned by root).
func copyOwner(f *os.File, st os.FileInfo) error {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok || os.Geteuid() != 0 {
		return nil
	}
	return f.Chown(int(sys.Uid), int(sys.Gid))
}
