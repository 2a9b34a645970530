package lint

import "unicode/utf8"

// maxShown is the longest value a message shows whole.
const maxShown = 80

// shorten returns a value for a message: whole when it is at most
// maxShown bytes, otherwise its start and end around "...", cut at
// character boundaries, so that a pasted certificate or script does not
// flood the report. Every rule that shows a value uses it.
func shorten(s string) string {
	if len(s) <= maxShown {
		return s
	}
	head, tail := 56, len(s)-16
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	for tail < len(s) && !utf8.RuneStart(s[tail]) {
		tail++
	}
	return s[:head] + "..." + s[tail:]
}
