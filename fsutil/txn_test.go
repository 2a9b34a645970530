package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// txnFiles writes name=content files into a new folder and returns the
// changes that replace each content with its upper-case form.
func txnFiles(t *testing.T, files ...string) (string, []Change) {
	t.Helper()
	dir := t.TempDir()
	var out []Change
	for _, f := range files {
		name, text, _ := strings.Cut(f, "=")
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o640); err != nil {
			t.Fatal(err)
		}
		out = append(out, Change{Path: p, Old: []byte(text), New: []byte(strings.ToUpper(text))})
	}
	return dir, out
}

// unchanged fails unless every change's file still holds Old and the
// folder holds nothing else.
func unchanged(t *testing.T, dir string, changes []Change) {
	t.Helper()
	for _, c := range changes {
		if b, _ := os.ReadFile(c.Path); string(b) != string(c.Old) {
			t.Errorf("%s was written: %q", c.Path, b)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != len(changes) {
		t.Errorf("files left behind: %v", entries)
	}
}

func inject(t *testing.T, step, base string) {
	t.Helper()
	failHook = func(s, path string) error {
		if s == step && filepath.Base(path) == base {
			return errors.New("injected failure")
		}
		return nil
	}
	t.Cleanup(func() { failHook = nil })
}

func TestReplaceAll(t *testing.T) {
	dir, changes := txnFiles(t, "a.conf=a {}\n", "b.conf=b {}\n")
	if err := os.Chmod(changes[1].Path, 0o640|os.ModeSetgid|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if err := ReplaceAll(changes); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if b, _ := os.ReadFile(c.Path); string(b) != string(c.New) {
			t.Errorf("%s: %q", c.Path, b)
		}
	}
	st, _ := os.Stat(changes[1].Path)
	if st.Mode() != 0o640|os.ModeSetgid|os.ModeSticky {
		t.Errorf("mode %v, want the original's (setgid and sticky included)", st.Mode())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
	}
}

// TestReplaceAllRefusesBeforeStaging: a symlink among the files, a file
// changed since it was read, or a staging failure (injected, and a name
// too long for the temporary file, which fails even as root) writes
// nothing anywhere.
func TestReplaceAllRefusesBeforeStaging(t *testing.T) {
	dir, changes := txnFiles(t, "a.conf=a {}\n", "real.conf=b {}\n")
	link := filepath.Join(dir, "jail.conf")
	if err := os.Symlink("real.conf", link); err != nil {
		t.Fatal(err)
	}
	withLink := []Change{changes[0], {Path: link, Old: changes[1].Old, New: changes[1].New}}
	if err := ReplaceAll(withLink); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("symlink: %v", err)
	}
	os.Remove(link)
	unchanged(t, dir, changes)

	stale := []Change{changes[0], {Path: changes[1].Path, Old: []byte("other"), New: changes[1].New}}
	if err := ReplaceAll(stale); err == nil || !strings.Contains(err.Error(), "changed while") {
		t.Errorf("changed file: %v", err)
	}
	unchanged(t, dir, changes)

	inject(t, "stage", "real.conf")
	if err := ReplaceAll(changes); err == nil || !strings.Contains(err.Error(), "injected") {
		t.Errorf("stage failure: %v", err)
	}
	unchanged(t, dir, changes)
	failHook = nil

	long := filepath.Join(dir, strings.Repeat("x", 250))
	if err := os.WriteFile(long, []byte("c {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	changes = append(changes, Change{Path: long, Old: []byte("c {}\n"), New: []byte("C {}\n")})
	if err := ReplaceAll(changes); err == nil {
		t.Error("a temporary name longer than NAME_MAX did not fail")
	}
	unchanged(t, dir, changes)
}

// TestReplaceAllRestores: when a rename fails mid-way, the files already
// renamed get their original content back.
func TestReplaceAllRestores(t *testing.T) {
	dir, changes := txnFiles(t, "a.conf=a {}\n", "b.conf=b {}\n", "c.conf=c {}\n")
	inject(t, "rename", "c.conf")
	err := ReplaceAll(changes)
	if err == nil || !strings.Contains(err.Error(), "2 file(s) already replaced were restored") {
		t.Errorf("rename failure: %v", err)
	}
	unchanged(t, dir, changes)

	// A restore that fails says which file holds the new content.
	failHook = func(step, path string) error {
		if step == "rename" && filepath.Base(path) == "c.conf" || step == "restore" && filepath.Base(path) == "a.conf" {
			return errors.New("injected failure")
		}
		return nil
	}
	err = ReplaceAll(changes)
	if err == nil || !strings.Contains(err.Error(), "a.conf (injected failure: it holds the NEW content)") {
		t.Errorf("restore failure: %v", err)
	}
	if b, _ := os.ReadFile(changes[1].Path); string(b) != string(changes[1].Old) {
		t.Errorf("b.conf not restored: %q", b)
	}
}
