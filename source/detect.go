package source

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
)

// notJail ends the message of every "none of these" error, so the user
// sees what jailfmt does read.
const notJail = "; jailfmt reads jail.conf(5), iocage JSON and property lists, rc.conf and sysctl.conf (--type chooses one)"

// Detect returns the format of a file from its name (NameFormat) and,
// where the name does not decide, its content: a sh/bash shebang is
// Shell, a JSON object with iocage keys IocageJSON, lines that are all
// sysctl settings Sysctl, lines that are all shell assignments RCConf,
// anything else JailConf. A file that is none of them (a fail2ban
// jail.conf with [sections], a JSON file without iocage keys) gets one
// *Error saying so, at the line that shows it.
func Detect(name, content string) (Format, error) {
	errorf := func(off int, format string, args ...any) error {
		return New(name, content, JailConf).Errorf(off, format, args...)
	}
	format, named := NameFormat(name)
	switch {
	case named && format != IocageJSON && format != JailConf:
		return format, nil
	case format == IocageJSON || strings.HasSuffix(name, ".json"):
		switch iocageJSON(content) {
		case jsonIocage:
			return IocageJSON, nil
		case jsonInvalid:
			if named {
				return IocageJSON, nil // the reader reports the syntax error
			}
			return 0, errorf(0, "not a FreeBSD jail configuration: not a JSON object"+notJail)
		}
		return 0, errorf(0, "not a FreeBSD jail configuration: a JSON object without iocage properties"+notJail)
	}
	if off, ok := iniSection(content); ok {
		return 0, errorf(off, "not a FreeBSD jail configuration: %q is an INI section header (fail2ban's jail.conf?)"+notJail,
			strings.TrimSpace(lineAt(content, off)))
	}
	if named {
		return JailConf, nil
	}
	if shebang.MatchString(content) {
		return Shell, nil
	}
	if t := strings.TrimLeft(content, " \t\r\n"); len(t) > 0 && t[0] == '{' {
		if iocageJSON(content) == jsonIocage {
			return IocageJSON, nil
		}
	}
	return byLines(content), nil
}

// NameFormat returns the format a path's name alone implies, and false
// when the name decides nothing (then Detect reads the content). A
// directory walker can use it to pick the files to read:
//
//   - *.md, *.markdown: Markdown; *.sh: Shell;
//   - sysctl.conf*: Sysctl;
//   - rc.conf*, rc.conf.d/*, ezjail.conf and ezjail's per-jail files
//     (.../ezjail/NAME): RCConf;
//   - config.json, defaults.json: IocageJSON;
//   - jail.conf, jail.conf.d/*.conf, *.jail.conf, jail.*.conf: JailConf.
func NameFormat(path string) (Format, bool) {
	base := filepath.Base(path)
	dir := filepath.Base(filepath.Dir(path))
	switch {
	case strings.HasSuffix(base, ".md") || strings.HasSuffix(base, ".markdown"):
		return Markdown, true
	case strings.HasSuffix(base, ".sh"):
		return Shell, true
	case strings.HasPrefix(base, "sysctl.conf"):
		return Sysctl, true
	case strings.HasPrefix(base, "rc.conf") || dir == "rc.conf.d" || base == "ezjail.conf" || dir == "ezjail":
		return RCConf, true
	case base == "config.json" || base == "defaults.json":
		return IocageJSON, true
	case base == "jail.conf",
		dir == "jail.conf.d" && strings.HasSuffix(base, ".conf"),
		strings.HasSuffix(base, ".jail.conf"),
		strings.HasPrefix(base, "jail.") && strings.HasSuffix(base, ".conf") && len(base) > len("jail..conf"):
		return JailConf, true
	}
	return 0, false
}

var (
	shebang  = regexp.MustCompile(`^#![ \t]*\S*/(?:env[ \t]+)?(?:sh|bash|dash|ksh|mksh|zsh)\b`)
	iniLine  = regexp.MustCompile(`^[ \t]*\[[^\]\n]*\][ \t]*(?:[#;].*)?$`)
	sysctlLn = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_%-]*(?:\.[A-Za-z0-9_%-]+)+[ \t]*[=:]`)
	shellLn  = regexp.MustCompile(`^(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*=`)
)

// iniSection returns the offset of the first line that is an INI section
// header ("[sshd]").
func iniSection(content string) (int, bool) {
	for off := 0; off < len(content); {
		ln, _, _ := strings.Cut(content[off:], "\n")
		// Only a line whose first non-blank byte is "[" can match: the
		// regular expression runs on those alone.
		if t := strings.TrimLeft(ln, " \t"); len(t) > 0 && t[0] == '[' && iniLine.MatchString(strings.TrimRight(ln, "\r")) {
			return off, true
		}
		off += len(ln) + 1
	}
	return 0, false
}

func lineAt(content string, off int) string {
	ln, _, _ := strings.Cut(content[off:], "\n")
	return ln
}

// byLines tells sysctl.conf and rc.conf-style files from jail.conf by
// their lines: every setting (not blank, not a # comment) must look like
// the format's and none may end a jail.conf statement with ";" or hold a
// brace.
func byLines(content string) Format {
	sysctl, shell, any := true, true, false
	for rest, more := content, true; more; {
		var ln string
		ln, rest, more = strings.Cut(rest, "\n")
		ln = strings.TrimSpace(ln)
		if len(ln) == 0 || ln[0] == '#' {
			continue
		}
		any = true
		if strings.HasSuffix(ln, ";") || strings.ContainsAny(ln, "{}") {
			return JailConf
		}
		sysctl = sysctl && sysctlLn.MatchString(ln)
		shell = shell && shellLn.MatchString(ln)
	}
	switch {
	case any && sysctl:
		return Sysctl
	case any && shell:
		return RCConf
	}
	return JailConf
}

type jsonKind uint8

const (
	jsonInvalid jsonKind = iota // not a JSON object
	jsonOther                   // an object without iocage keys
	jsonIocage
)

// iocageMarkers are keys only iocage's files have: every thin config holds
// host_hostuuid and release, defaults.json and thick configs
// CONFIG_VERSION. This is evidence for Detect, not the property catalogue
// (package iocage).
var iocageMarkers = map[string]bool{
	"host_hostuuid": true, "CONFIG_VERSION": true, "CONFIG_TYPE": true, "release": true,
	"cloned_release": true, "host_hostname": true, "jail_zfs_dataset": true,
}

// iocageJSON reads the top-level keys of a JSON object: an iocage config
// has a marker key, an allow_* key or a sysv* key; a plugin manifest has a
// "properties" object and a "pkgs" list.
func iocageJSON(content string) jsonKind {
	dec := json.NewDecoder(strings.NewReader(content))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return jsonInvalid
	}
	found, props, pkgs := false, false, false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return jsonInvalid
		}
		key, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return jsonInvalid
		}
		switch {
		case iocageMarkers[key], strings.HasPrefix(key, "allow_"), strings.HasPrefix(key, "sysv"):
			found = true
		case key == "properties":
			props = len(raw) > 0 && raw[0] == '{'
		case key == "pkgs":
			pkgs = true
		}
	}
	if _, err := dec.Token(); err != nil {
		return jsonInvalid
	}
	if found || props && pkgs {
		return jsonIocage
	}
	return jsonOther
}
