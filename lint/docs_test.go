package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jailfmt/jailfmt/internal/golden"
	"github.com/jailfmt/jailfmt/lint"
)

// TestDocs checks that docs/rules/ matches the registry ("make docs"
// rewrites it) and that every rule is documented completely.
func TestDocs(t *testing.T) {
	dir := "../docs/rules"
	want := map[string]bool{"README.md": true}
	golden.Check(t, filepath.Join(dir, "README.md"), lint.Index())
	for _, r := range lint.Rules() {
		if r.ID == "" || r.Name == "" || r.Title == "" || r.Doc == "" || r.Bad == "" || r.Good == "" || r.Since == "" {
			t.Errorf("rule %s %s is missing documentation", r.ID, r.Name)
		}
		if len(r.ID) != 6 || !strings.HasPrefix(r.ID, "JF") || strings.ToLower(r.Name) != r.Name || strings.Contains(r.Name, "_") {
			t.Errorf("rule %s %s: want an ID JFnnnn and a kebab-case name", r.ID, r.Name)
		}
		name := r.ID + ".md"
		want[name] = true
		golden.Check(t, filepath.Join(dir, name), lint.Markdown(r))
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !want[e.Name()] {
			t.Errorf("docs/rules/%s documents no rule; remove it", e.Name())
		}
	}
}
