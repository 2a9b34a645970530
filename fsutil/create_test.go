package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestCommit creates files (in a new folder) and replaces one in one
// transaction; a path in the way or a failing step leaves nothing behind.
func TestCommit(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "a.conf")
	if err := os.WriteFile(old, []byte("old\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "d", "e", "new.conf")
	err := Commit([]NewFile{{Path: old + ".orig", Data: []byte("old\n"), Mode: 0o600}, {Path: fresh, Data: []byte("new\n"), Mode: 0o644}},
		[]Change{{Path: old, Old: []byte("old\n"), New: []byte("changed\n")}})
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{old: "changed\n", old + ".orig": "old\n", fresh: "new\n"} {
		if b, _ := os.ReadFile(path); string(b) != want {
			t.Errorf("%s = %q, want %q", path, b, want)
		}
	}
	if st, _ := os.Stat(fresh); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v", st.Mode())
	}

	// A path that exists (here a folder) is refused before anything.
	if err := os.Mkdir(filepath.Join(dir, "in-the-way"), 0o755); err != nil {
		t.Fatal(err)
	}
	second := filepath.Join(dir, "x", "second.conf")
	err = Commit([]NewFile{{Path: second, Data: []byte("x"), Mode: 0o644}, {Path: filepath.Join(dir, "in-the-way"), Data: []byte("x"), Mode: 0o644}},
		[]Change{{Path: old, Old: []byte("changed\n"), New: []byte("again\n")}})
	if err == nil {
		t.Fatal("no error")
	}
	// A failing step after some files were created removes them again.
	failHook = func(step, path string) error {
		if step == "rename" {
			return errors.New("injected")
		}
		return nil
	}
	defer func() { failHook = nil }()
	err = Commit([]NewFile{{Path: second, Data: []byte("x"), Mode: 0o644}}, []Change{{Path: old, Old: []byte("changed\n"), New: []byte("again\n")}})
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Lstat(filepath.Join(dir, "x")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("created folder left behind: %v", err)
	}
	if b, _ := os.ReadFile(old); string(b) != "changed\n" {
		t.Errorf("changed file = %q", b)
	}
}
