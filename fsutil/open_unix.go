//go:build unix

package fsutil

import "syscall"

// openFlags makes opening a FIFO return at once instead of waiting for
// a writer, so that ReadFile can refuse it after looking.
const openFlags = syscall.O_NONBLOCK
