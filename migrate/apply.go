package migrate

import (
	"errors"
	"fmt"
	"os"

	"github.com/jailfmt/jailfmt/fsutil"
)

// Apply writes the plan as one transaction: every new file, a backup of
// each changed file beside it (its name plus suffix, never over an
// existing file) and every change, or nothing. A plan with problems is
// refused before anything is written.
func (p *Plan) Apply(suffix string) error {
	if len(p.Problems) > 0 {
		return fmt.Errorf("%s: %s; nothing written", p.Problems[0].Path, p.Problems[0].Msg)
	}
	if suffix == "" {
		return errors.New("the backup suffix is empty; nothing written")
	}
	var create []fsutil.NewFile
	var changes []fsutil.Change
	for _, c := range p.Changes {
		if c.Create {
			create = append(create, fsutil.NewFile{Path: c.Disk, Data: []byte(c.New), Mode: 0o644})
			continue
		}
		st, err := os.Lstat(c.Disk)
		if err != nil {
			return fmt.Errorf("%s; nothing written", err)
		}
		backup := c.Disk + suffix
		if _, err := os.Lstat(backup); err == nil {
			return fmt.Errorf("%s: a backup already exists; move it away or choose another --backup-suffix; nothing written", backup)
		}
		create = append(create, fsutil.NewFile{Path: backup, Data: []byte(c.Old), Mode: st.Mode().Perm()})
		changes = append(changes, fsutil.Change{Path: c.Disk, Old: []byte(c.Old), New: []byte(c.New)})
	}
	return fsutil.Commit(create, changes)
}
