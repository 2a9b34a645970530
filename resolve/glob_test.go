package resolve

import (
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
)

// globTree makes the tree the include_config cases run in and returns
// its root (with a trailing slash).
func globTree(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("names with * and \\")
	}
	root := t.TempDir() + "/"
	for _, name := range []string{
		"g/a.conf", "g/b.conf", "g/c.conf", "g/A.conf", "g/].conf", "g/-.conf",
		"g/!.conf", "g/^.conf", "g/*.conf", "g/[.conf", "g/a].conf", "g/.hid.conf",
		`g/x\y.conf`, "g/\xc3\xa9.conf", "g/a/x.conf", "g/a-b/x.conf", "g/a.b/x.conf",
		"g/sub/x.conf",
	} {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(root+"g/dd", 0o755); err != nil {
		t.Fatal(err)
	}
	return root
}

// TestIncludeFiles checks the files include_config reads for a pattern,
// each case as FreeBSD's glob(3) (lib/libc/gen/glob.c) and config.c
// decide, and as jail(8)'s own parser did on the same tree.
func TestIncludeFiles(t *testing.T) {
	root := globTree(t)
	for _, c := range []struct {
		pattern string
		want    []string
	}{
		// '!' negates a set; '^' is an ordinary byte.
		{"g/[!a].conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf", "g/b.conf", "g/c.conf"}},
		{"g/[^a].conf", []string{"g/^.conf", "g/a.conf"}},
		// A ']' first in a set (after the '!') and a trailing '-' are literal.
		{"g/[]a].conf", []string{"g/].conf", "g/a.conf"}},
		{"g/[a-].conf", []string{"g/-.conf", "g/a.conf"}},
		{"g/[!]].conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/^.conf", "g/a.conf", "g/b.conf", "g/c.conf"}},
		{"g/[]-a].conf", []string{"g/].conf", "g/^.conf", "g/a.conf"}},
		{"g/[!-].conf", []string{"g/!.conf", "g/*.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf", "g/a.conf", "g/b.conf", "g/c.conf"}},
		// Ranges by byte value; a reversed one matches nothing.
		{"g/[a-c].conf", []string{"g/a.conf", "g/b.conf", "g/c.conf"}},
		{"g/[!a-c].conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf"}},
		{"g/[c-a].conf", nil},
		// '?' with a '[' that no ']' closes: magic, no match, nothing read.
		{"g/?[", nil},
		{"g/[*", []string{"g/[.conf"}},
		{"g/[[].conf", []string{"g/[.conf"}},
		// Backslash escapes, inside sets too.
		{`g/\[*`, []string{"g/[.conf"}},
		{`g/[\]a].conf`, []string{"g/].conf", "g/a.conf"}},
		{`g/[\!a].conf`, []string{"g/!.conf", "g/a.conf"}},
		{`g/[a\-c].conf`, []string{"g/-.conf", "g/a.conf", "g/c.conf"}},
		{`g/[a-\]].conf`, nil},
		{`g/x\\y*`, []string{`g/x\y.conf`}},
		{`g/*\`, nil},
		// '*' and '?' never match a leading dot; a literal one (escaped too) does.
		{"g/*.conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf", "g/a.conf", "g/a].conf", "g/b.conf", "g/c.conf", `g/x\y.conf`, "g/\xc3\xa9.conf"}},
		{"g/**.conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf", "g/a.conf", "g/a].conf", "g/b.conf", "g/c.conf", `g/x\y.conf`, "g/\xc3\xa9.conf"}},
		{"g/?.conf", []string{"g/!.conf", "g/*.conf", "g/-.conf", "g/A.conf", "g/[.conf", "g/].conf", "g/^.conf", "g/a.conf", "g/b.conf", "g/c.conf"}},
		{`g/\.*.conf`, []string{"g/.hid.conf"}},
		{"g/[.]*.conf", nil},
		{"g/.*", []string{"g/.", "g/..", "g/.hid.conf"}},
		// Directories match like files; a file is no directory to search.
		{"g/a*b", []string{"g/a-b", "g/a.b"}},
		{"g/a.conf/*", nil},
		{"g/dd/*", nil},
		// Whole paths sort in strcmp order ('-' < '.' < '/').
		{"g/*/x.conf", []string{"g/a-b/x.conf", "g/a.b/x.conf", "g/a/x.conf", "g/sub/x.conf"}},
		{"g*/a*/x.conf", []string{"g/a-b/x.conf", "g/a.b/x.conf", "g/a/x.conf"}},
		// Literal segments are kept as written, never cleaned.
		{"g//[ab].conf", []string{"g//a.conf", "g//b.conf"}},
		{"g/./[ab].conf", []string{"g/./a.conf", "g/./b.conf"}},
		{"g/sub/../[ab].conf", []string{"g/sub/../a.conf", "g/sub/../b.conf"}},
		// A '/' splits a set: the rest matches nothing.
		{"g/[a/b].conf", nil},
		{"nomatch*", nil},
	} {
		got, err := includeFiles(root + c.pattern)
		if err != nil {
			t.Errorf("%s: %v", c.pattern, err)
			continue
		}
		for i := range got {
			got[i] = strings.TrimPrefix(got[i], root)
		}
		if len(got) == 0 {
			got = nil
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got %q, want %q", c.pattern, got, c.want)
		}
	}
}

// TestIncludeFilesPlain checks patterns glob0 finds no magic character in:
// jail(8) opens them as written, backslashes and all.
func TestIncludeFilesPlain(t *testing.T) {
	for _, p := range []string{
		`g/\*.conf`, `g/\[.conf`, "g/[!].conf", "g/[", "g/]", "g/[]", "g/{a,b}.conf", "", `g/\?`,
		strings.Repeat("x", maxGlobPath+1) + "*", // longer than glob's buffer
	} {
		got, err := includeFiles(p)
		if err != nil || len(got) != 1 || got[0] != p {
			t.Errorf("%.40q: got %q, %v; want the pattern itself", p, got, err)
		}
	}
	// Exactly as long as the buffer allows: still a pattern.
	p := strings.Repeat("x", maxGlobPath-1) + "*"
	if got, err := includeFiles(p); err != nil || len(got) != 0 {
		t.Errorf("%d-byte pattern: got %q, %v; want no match", len(p), got, err)
	}
}

// TestIncludeFilesTooLong checks glob.c's MAXPATHLEN buffer: a path it
// builds past MAXPATHLEN-1 bytes from the pattern is GLOB_NOSPACE (jail(8):
// "filename glob failed"); a directory entry that does not fit is skipped.
func TestIncludeFilesTooLong(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("paths past MAX_PATH")
	}
	dir := t.TempDir()
	for len(dir) < 800 {
		dir += "/" + strings.Repeat("d", 99)
	}
	long := strings.Repeat("n", 1030-len(dir))
	for _, name := range []string{"s", "sub/x", long} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := includeFiles(dir + "/*"); err != nil || !reflect.DeepEqual(got, []string{dir + "/s", dir + "/sub"}) {
		t.Errorf("got %q, %v; want s and sub only", got, err)
	}
	// "*" matches "sub" (and "s"): "sub/" + rest no longer fits.
	rest := strings.Repeat("y", maxGlobPath-len(dir)-len("/*/"))
	if _, err := includeFiles(dir + "/*/" + rest); err != errGlobTooLong {
		t.Errorf("got %v, want %v", err, errGlobTooLong)
	}
}

// matches reports whether name matches a one-segment pattern.
func matches(pattern, name string) bool {
	toks, _ := compileGlob(pattern)
	g := globber{toks: toks}
	return g.match(name, 0, len(toks))
}

func TestGlobMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, name string
		want          bool
	}{
		{"*", "", true}, // a final star matches at once (glob never offers "")
		{"*a", "", false},
		{"*", "a", true},
		{"a*", "a", true},
		{"*a", "ba", true},
		{"*a", "ab", false},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXbYcZ", false},
		{"a*b*c", "abcbc", true},
		{"*.conf", "x.conf.bak", false},
		{"*.conf*", "x.conf.bak", true},
		{"?", "", false},
		{"??", "a", false},
		{"[ab]", "", false},
		{"[!a]", "", false},
		{"[a-c]x", "bx", true},
		{"[a-cx-z]", "y", true},
		{"[a-cx-z]", "m", false},
		{"[!a-cx-z]", "m", true},
		{"\xc3\xa9", "\xc3\xa9", true},
		{"[\xc3]?", "\xc3\xa9", true}, // bytes, as in the C locale
		{"[\x80-\xff]*", "\xc3\xa9", true},
		{`\\`, `\`, true},
		{`a\`, `a\`, true},
	} {
		if got := matches(c.pattern, c.name); got != c.want {
			t.Errorf("match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

// TestGlobMatchLinear checks that stars do not backtrack exponentially.
func TestGlobMatchLinear(t *testing.T) {
	pattern := strings.Repeat("a*", 200) + "b"
	name := strings.Repeat("a", 5000)
	done := make(chan bool, 1)
	go func() { done <- matches(pattern, name) }()
	select {
	case got := <-done:
		if got {
			t.Error("matched a name without b")
		}
	case <-time.After(20 * time.Second):
		t.Fatal("match did not finish: exponential backtracking")
	}
}
