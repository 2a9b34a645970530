package iocage

import (
	"os"
	"path/filepath"
)

// FindDefaults returns the defaults.json of the iocage root that holds
// the config at path, walking up from it: for .../iocage/jails/NAME/config.json
// or .../iocage/templates/NAME/config.json it is .../iocage/defaults.json.
// The nearest one wins. It reports false when no ancestor folder holds
// one, and for a defaults.json itself.
func FindDefaults(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil || filepath.Base(abs) == "defaults.json" {
		return "", false
	}
	dir := filepath.Dir(abs)
	for {
		cand := filepath.Join(dir, "defaults.json")
		if st, err := os.Stat(cand); err == nil && st.Mode().IsRegular() {
			return cand, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}
