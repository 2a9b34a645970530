// Package markdown finds the shell code in a Markdown file's fenced code
// blocks marked sh, shell, bash or console, and reads it with parser/shell
// so that every command and argument keeps its position in the Markdown
// file. In console blocks only the commands after a "$ " or "# " prompt
// count, with their continuation lines (after a line ending in a
// backslash, without a "> " prompt).
package markdown

import (
	"strings"

	"github.com/jailfmt/jailfmt/parser/shell"
	"github.com/jailfmt/jailfmt/source"
)

// Langs are the info-string languages whose blocks hold shell code.
var Langs = map[string]bool{"sh": true, "shell": true, "bash": true, "console": true}

// Block is one fenced code block of one of Langs.
type Block struct {
	Lang  string      // lower case
	Fence source.Span // the opening fence line
	// Scripts are the block's shell text mapped into the file: the whole
	// block, or one per prompt in a console block.
	Scripts []*shell.Mapper
}

// line is one line of the file: [start, end) without its newline.
type line struct{ start, end int }

// Blocks returns the file's shell code blocks.
func Blocks(f *source.File) []Block {
	src := f.Src
	var lines []line
	for start := 0; start < len(src); {
		end := strings.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		lines = append(lines, line{start, end})
		start = end + 1
	}
	var out []Block
	for i := 0; i < len(lines); i++ {
		indent, char, n, info, ok := fence(src[lines[i].start:lines[i].end])
		if !ok {
			continue
		}
		// The content runs to the closing fence or, unclosed, to the end.
		j := i + 1
		for ; j < len(lines); j++ {
			_, c, m, rest, ok := fence(src[lines[j].start:lines[j].end])
			if ok && c == char && m >= n && strings.TrimSpace(rest) == "" {
				break
			}
		}
		lang := strings.ToLower(strings.Fields(info + " x")[0])
		if Langs[lang] {
			b := Block{Lang: lang, Fence: f.Span(lines[i].start, lines[i].end)}
			content := make([]line, 0, j-i-1)
			for _, l := range lines[i+1 : min(j, len(lines))] {
				// Up to the fence's indentation is not part of the code.
				k := 0
				for k < indent && l.start+k < l.end && src[l.start+k] == ' ' {
					k++
				}
				content = append(content, line{l.start + k, l.end})
			}
			if lang == "console" {
				b.Scripts = prompts(f, content)
			} else if len(content) > 0 {
				b.Scripts = []*shell.Mapper{mapLines(f, content)}
			}
			out = append(out, b)
		}
		i = j
	}
	return out
}

// fence reads a fence line: its indentation, fence character and length,
// and the info string after it.
func fence(s string) (indent int, char byte, n int, info string, ok bool) {
	for indent < len(s) && s[indent] == ' ' {
		indent++
	}
	rest := s[indent:]
	if rest == "" || (rest[0] != '`' && rest[0] != '~') {
		return 0, 0, 0, "", false
	}
	char = rest[0]
	for n < len(rest) && rest[n] == char {
		n++
	}
	info = strings.TrimSpace(rest[n:])
	if n < 3 || (char == '`' && strings.Contains(info, "`")) {
		return 0, 0, 0, "", false
	}
	return indent, char, n, info, true
}

// prompts returns one script per console command: a line starting with
// "$ " or "# " without the prompt, and the lines that continue it.
func prompts(f *source.File, content []line) []*shell.Mapper {
	src := f.Src
	var out []*shell.Mapper
	for i := 0; i < len(content); i++ {
		l := content[i]
		text := src[l.start:l.end]
		if !strings.HasPrefix(text, "$ ") && !strings.HasPrefix(text, "# ") {
			continue
		}
		cmd := []line{{l.start + 2, l.end}}
		for strings.HasSuffix(strings.TrimRight(src[l.start:l.end], "\r"), `\`) && i+1 < len(content) {
			i++
			l = content[i]
			next := l
			if strings.HasPrefix(src[l.start:l.end], "> ") {
				next.start += 2 // the shell's PS2 prompt
			}
			cmd = append(cmd, next)
		}
		out = append(out, mapLines(f, cmd))
	}
	return out
}

// mapLines joins lines into shell text, each ended by a newline, with the
// file offset of every byte.
func mapLines(f *source.File, lines []line) *shell.Mapper {
	var b strings.Builder
	var offs []int
	for _, l := range lines {
		b.WriteString(f.Src[l.start:l.end])
		b.WriteByte('\n')
		for o := l.start; o <= l.end; o++ {
			offs = append(offs, o) // l.end is the newline (or the end)
		}
	}
	end := len(f.Src)
	if len(lines) > 0 {
		end = min(lines[len(lines)-1].end+1, len(f.Src))
	}
	offs = append(offs, end)
	return &shell.Mapper{File: f, Src: b.String(), Offs: offs}
}

// Commands returns the jail, iocage and sysctl commands of a Markdown
// file's shell blocks, and the syntax errors of the blocks (or console
// commands) that do not parse; the others are read all the same.
func Commands(f *source.File) ([]shell.Command, []error) {
	s, errs := Scripts(f)
	return s.Commands, errs
}

// Scripts is Commands that also returns the comments of the blocks.
func Scripts(f *source.File) (*shell.Script, []error) {
	out := &shell.Script{}
	var errs []error
	for _, b := range Blocks(f) {
		for _, m := range b.Scripts {
			s, err := shell.ParseScript(m, b.Lang == "bash")
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out.Commands = append(out.Commands, s.Commands...)
			out.Comments = append(out.Comments, s.Comments...)
		}
	}
	return out, errs
}
