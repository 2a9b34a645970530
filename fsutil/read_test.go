package fsutil

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "jail.conf")
	if err := os.WriteFile(p, []byte("a {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := ReadFile(p, 5); err != nil || string(b) != "a {}\n" {
		t.Errorf("at the limit: %q, %v", b, err)
	}
	var re *RefusedError
	if _, err := ReadFile(p, 4); !errors.As(err, &re) || !strings.Contains(err.Error(), "larger than the 4 bytes limit") {
		t.Errorf("over the limit: %v", err)
	}
	if _, err := ReadFile(dir, 100); !errors.As(err, &re) || re.Reason != "not a regular file (a directory); jailfmt reads only regular files" {
		t.Errorf("directory: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing"), 100); !os.IsNotExist(err) {
		t.Errorf("missing file: %v", err)
	}
}

func TestReadAll(t *testing.T) {
	if b, err := ReadAll(strings.NewReader("abc"), "-", 3); err != nil || string(b) != "abc" {
		t.Errorf("at the limit: %q, %v", b, err)
	}
	var re *RefusedError
	if _, err := ReadAll(strings.NewReader("abcd"), "-", 3); !errors.As(err, &re) || re.Path != "-" {
		t.Errorf("over the limit: %v", err)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1": 1, "1000": 1000, "4K": 4096, "4k": 4096, "256M": 256 << 20, "256MiB": 256 << 20,
		"2G": 2 << 30, "10KB": 10240, "7B": 7} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "K", "-1", "1.5M", "12X", "0", "99999999999999999999", "9999999999G"} {
		if n, err := ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q) = %d, want an error", in, n)
		}
	}
	for n, want := range map[int64]string{256 << 20: "256M", 1 << 30: "1G", 1536: "1536 bytes", 3 << 10: "3K"} {
		if got := FormatSize(n); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", n, got, want)
		}
	}
}

// A file may have grown or shrunk since Stat gave its size: it is read
// to its end either way, and the limit still holds.
func TestReadSized(t *testing.T) {
	const text = "j { path = /j; }\n"
	for _, size := range []int64{0, 4, int64(len(text)), 1000} {
		if b, err := readSized(strings.NewReader(text), "f", 100, size); err != nil || string(b) != text {
			t.Errorf("size %d: %q, %v", size, b, err)
		}
		var re *RefusedError
		if _, err := readSized(strings.NewReader(text), "f", 10, size); !errors.As(err, &re) {
			t.Errorf("size %d, limit 10: %v, want a RefusedError", size, err)
		}
	}
}
