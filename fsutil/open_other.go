//go:build !unix

package fsutil

// openFlags adds nothing where opening a file cannot block.
const openFlags = 0
