package source

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzDetect: any name and content give a format or an error with a
// position inside the content, never a panic. Seeds: testdata/detect.
func FuzzDetect(f *testing.F) {
	filepath.Walk("../testdata/detect", func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(filepath.Base(p), b)
			}
		}
		return nil
	})
	f.Fuzz(func(t *testing.T, name string, content []byte) {
		format, err := Detect(name, string(content))
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Pos.Line < 1 || e.Pos.Offset > len(content) {
				t.Fatalf("bad error: %#v", err)
			}
			return
		}
		if format.String() == "unknown" {
			t.Fatalf("unknown format %d", format)
		}
	})
}
