package lint

import "github.com/jailfmt/jailfmt/resolve"

// SysvValues exposes a jail's effective msg, sem and shm to the tests.
func SysvValues(j *resolve.Jail) [3]int { return sysvOf(nil, j).val }
