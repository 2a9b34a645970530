package resolve

import (
	"errors"
	"os"
	"sort"
)

// This file expands .include patterns as jail(8) does: config.c
// include_config calls glob(pattern, GLOB_NOCHECK, NULL, &g) and, when
// glob set GLOB_MAGCHAR, reads the gl_matchc real matches (none at all is
// fine); otherwise it reads the pattern itself as a file name, backslashes
// and all. The matcher follows FreeBSD lib/libc/gen/glob.c (glob, glob0,
// glob2, glob3, match) in the C locale jail(8) runs in (it never calls
// setlocale): bytes compare as unsigned chars, ranges by byte value,
// results sort as strcmp (strcoll in "C").

// maxGlobPath is MAXPATHLEN-1: glob.c's pattern and path buffers hold
// MAXPATHLEN Chars with the terminating NUL.
const maxGlobPath = 1023

// errGlobTooLong is glob(3)'s GLOB_NOSPACE while building a path.
var errGlobTooLong = errors.New("a path it builds is longer than 1023 bytes (jail(8): \"filename glob failed\")")

// Tokens of a compiled pattern: a byte stands for itself; the meta tokens
// are glob.c's M_ALL, M_ONE, M_SET, M_NOT, M_RNG and M_END.
const (
	tAll = 256 + iota
	tOne
	tSet
	tNot
	tRng
	tEnd
)

// includeFiles returns the files include_config reads for pattern (already
// based on the including file's folder): the sorted matches when the
// pattern has magic characters, else the pattern itself.
func includeFiles(pattern string) ([]string, error) {
	toks, magic := compileGlob(pattern)
	if !magic {
		return []string{pattern}, nil
	}
	g := globber{toks: toks}
	if len(toks) > 0 {
		if err := g.glob2(nil, 0); err != nil {
			return nil, err
		}
	}
	sort.Strings(g.matches)
	return g.matches, nil
}

// compileGlob turns a pattern into tokens as glob() and glob0() do, and
// reports glob0's GLOB_MAGCHAR. A backslash protects the next byte (a
// trailing one is itself); '[' opens a set only when a byte follows (after
// an optional '!') and an unprotected ']' comes later; the set's first
// byte is literal even if it is ']'; "a-b" is a range unless b is the
// closing ']'. A pattern longer than the buffer is not expanded at all
// (glob returns it through GLOB_NOCHECK without GLOB_MAGCHAR).
func compileGlob(pattern string) (toks []int, magic bool) {
	const protect = 1 << 9
	// chars is glob()'s patbuf: bytes, protect marking escaped ones.
	chars := make([]int, 0, len(pattern))
	for i := 0; i < len(pattern); i++ {
		c := int(pattern[i])
		if c == '\\' {
			if i+1 == len(pattern) {
				chars = append(chars, '\\')
				continue
			}
			i++
			c = int(pattern[i]) | protect
		}
		chars = append(chars, c)
	}
	if len(chars) > maxGlobPath {
		return nil, false
	}
	unprot := func(c int) int { return c &^ protect }
	// closes reports whether an unprotected ']' is at or after i.
	closes := make([]bool, len(chars)+1)
	for i := len(chars) - 1; i >= 0; i-- {
		closes[i] = closes[i+1] || chars[i] == ']'
	}
	at := func(i int) int {
		if i < len(chars) {
			return chars[i]
		}
		return 0
	}
	for i := 0; i < len(chars); {
		c := chars[i]
		i++
		switch c {
		case '[':
			j := i
			neg := at(j) == '!'
			if neg {
				j++
			}
			if j >= len(chars) || !closes[j+1] {
				toks = append(toks, '[')
				continue
			}
			toks = append(toks, tSet)
			if neg {
				toks = append(toks, tNot)
			}
			c = chars[j]
			j++
			for {
				toks = append(toks, unprot(c))
				if at(j) == '-' && at(j+1) != ']' {
					toks = append(toks, tRng, unprot(at(j+1)))
					j += 2
				}
				c = chars[j]
				j++
				if c == ']' {
					break
				}
			}
			toks = append(toks, tEnd)
			i = j
			magic = true
		case '?':
			toks = append(toks, tOne)
			magic = true
		case '*':
			if n := len(toks); n == 0 || toks[n-1] != tAll {
				toks = append(toks, tAll)
			}
			magic = true
		default:
			toks = append(toks, unprot(c))
		}
	}
	return toks, magic
}

// globber walks the file system for one compiled pattern.
type globber struct {
	toks    []int
	matches []string
}

// glob2 is glob.c glob2: path is what is built so far, p the next token.
// Segments without meta tokens are copied; the first one with meta tokens
// is matched against its directory's entries (glob3).
func (g *globber) glob2(path []byte, p int) error {
	for {
		if p == len(g.toks) {
			if _, err := os.Lstat(string(path)); err == nil {
				g.matches = append(g.matches, string(path))
			}
			return nil
		}
		end, meta := p, false
		for end < len(g.toks) && g.toks[end] != '/' {
			meta = meta || g.toks[end] > 255
			end++
		}
		if len(path)+end-p > maxGlobPath {
			return errGlobTooLong
		}
		if meta {
			return g.glob3(path, p, end)
		}
		for ; p < end; p++ {
			path = append(path, byte(g.toks[p]))
		}
		for ; p < len(g.toks) && g.toks[p] == '/'; p++ {
			if len(path)+1 > maxGlobPath {
				return errGlobTooLong
			}
			path = append(path, '/')
		}
	}
}

// glob3 matches the entries of the directory path names (readdir's "."
// and ".." included) against the segment toks[p:end], and goes on with
// the rest of the pattern for each match. A directory that cannot be read
// matches nothing (no GLOB_ERR, no error function).
func (g *globber) glob3(path []byte, p, end int) error {
	dir := string(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.IsDir() {
		return nil // opendir: ENOTDIR
	}
	names, _ := f.Readdirnames(-1)
	names = append(names, ".", "..")
	for _, name := range names {
		// Initial DOT must be matched literally (glob3).
		if name[0] == '.' && g.toks[p] != '.' {
			continue
		}
		if len(path)+len(name) > maxGlobPath || !g.match(name, p, end) {
			continue
		}
		if err := g.glob2(append(path[:len(path):len(path)], name...), end); err != nil {
			return err
		}
	}
	return nil
}

// match is glob.c match: whether name matches toks[pat:end]. A '*'
// remembers one restart point, so the time is linear in name times
// pattern, never exponential. A set is read up to its tEnd token even
// when that lies past end (a '/' inside brackets splits the segment, as
// in glob.c; the rest of such a pattern then matches nothing).
func (g *globber) match(name string, pat, end int) bool {
	toks := g.toks
	n := 0
	nextN, nextP := -1, -1
	for {
		ok := true
		for ok && pat < end {
			c := toks[pat]
			pat++
			switch c {
			case tAll:
				if pat == end {
					return true
				}
				if n == len(name) {
					return false
				}
				nextN, nextP = n+1, pat-1
			case tOne:
				if n == len(name) {
					ok = false
					break
				}
				n++
			case tSet:
				if n == len(name) {
					ok = false
					break
				}
				k := int(name[n])
				n++
				neg := toks[pat] == tNot
				if neg {
					pat++
				}
				in := false
				for {
					c = toks[pat]
					pat++
					if c == tEnd {
						break
					}
					if toks[pat] == tRng {
						if c <= k && k <= toks[pat+1] {
							in = true
						}
						pat += 2
					} else if c == k {
						in = true
					}
				}
				ok = in != neg
			default:
				if n == len(name) || int(name[n]) != c {
					ok = false
					break
				}
				n++
			}
		}
		if ok && n == len(name) {
			return true
		}
		if nextN < 0 {
			return false
		}
		pat, n = nextP, nextN
	}
}
