package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// shells are the shells "jailfmt completion" writes scripts for.
var shells = []string{"bash", "zsh", "fish"}

// completionCmd writes a completion script generated from the commands'
// flag sets and the rule registry, so it never goes stale.
func (e *env) completionCmd(args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: jailfmt completion bash|zsh|fish")
		return exitError
	}
	switch args[0] {
	case "bash":
		writeBash(e.stdout, e.completionSpec())
	case "zsh":
		writeZsh(e.stdout, e.completionSpec())
	case "fish":
		writeFish(e.stdout, e.completionSpec())
	default:
		fmt.Fprintf(e.stderr, "jailfmt: completion: unknown shell %q (want bash, zsh or fish)\n", args[0])
		return exitError
	}
	return exitOK
}

// compFlag is one flag as completion sees it.
type compFlag struct {
	long, short, usage string
	values             []string // the values it takes, when known
	takesValue         bool     // needs a value: --flag VALUE or --flag=VALUE
	optional           bool     // the value is optional: only --flag=VALUE
}

// compCmd is one command as completion sees it.
type compCmd struct {
	name  string
	flags []compFlag
	args  []string // nil: paths
}

func (e *env) completionSpec() []compCmd {
	var out []compCmd
	for _, c := range commands() {
		cc := compCmd{name: c.name, args: c.args}
		if c.flags != nil {
			c.flags(e).VisitAll(func(f *pflag.Flag) {
				cc.flags = append(cc.flags, compFlag{long: f.Name, short: f.Shorthand, usage: f.Usage,
					values: flagValues(f.Name), takesValue: f.Value.Type() != "bool" && f.NoOptDefVal == "",
					optional: f.Value.Type() != "bool" && f.NoOptDefVal != ""})
			})
		}
		out = append(out, cc)
	}
	return out
}

func names(cmds []compCmd) string {
	var n []string
	for _, c := range cmds {
		n = append(n, c.name)
	}
	return strings.Join(n, " ")
}

// flagWords returns a command's flags as words: --long and -s.
func flagWords(c compCmd, valued bool) string {
	var w []string
	for _, f := range c.flags {
		if f.takesValue != valued {
			continue
		}
		w = append(w, "--"+f.long)
		if f.short != "" {
			w = append(w, "-"+f.short)
		}
	}
	return strings.Join(w, " ")
}

// valueFlags returns the flags (any command) that take a known value list.
func valueFlags(cmds []compCmd) []compFlag {
	seen := map[string]bool{}
	var out []compFlag
	for _, c := range cmds {
		for _, f := range c.flags {
			if len(f.values) > 0 && !seen[f.long] {
				seen[f.long] = true
				out = append(out, f)
			}
		}
	}
	return out
}

func writeBash(w io.Writer, cmds []compCmd) {
	fmt.Fprintf(w, `# bash completion for jailfmt: eval "$(jailfmt completion bash)"
_jailfmt() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=lint i eq=
	if [[ $prev == = && $COMP_CWORD -ge 2 ]]; then
		prev=${COMP_WORDS[COMP_CWORD-2]} eq=1
	fi
	[[ $cur == = ]] && cur= eq=1
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		%s) cmd=${COMP_WORDS[i]}; break ;;
		*) break ;;
		esac
	done
	local list= words=
	case $prev in
`, strings.ReplaceAll(names(cmds), " ", "|"))
	for _, f := range valueFlags(cmds) {
		pre := ""
		if f.long == "select" || f.long == "ignore" {
			pre = "list=1 "
		}
		if f.optional {
			pre = "[[ -n $eq ]] && "
		}
		fmt.Fprintf(w, "\t--%s) %swords=%q ;;\n", f.long, pre, strings.Join(f.values, " "))
	}
	fmt.Fprint(w, "\tesac\n\tif [[ -n $words ]]; then\n\t\tlocal pre=\n\t\t[[ -n $list && $cur == *,* ]] && pre=${cur%,*},\n\t\tCOMPREPLY=($(compgen -P \"$pre\" -W \"$words\" -- \"${cur##*,}\"))\n\t\treturn\n\tfi\n")
	fmt.Fprint(w, "\tcase $cmd in\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "\t%s)\n", c.name)
		if valued := flagWords(c, true); valued != "" {
			fmt.Fprintf(w, "\t\tcase $prev in %s) return ;; esac\n", strings.ReplaceAll(valued, " ", "|"))
		}
		if all := strings.TrimSpace(flagWords(c, false) + " " + flagWords(c, true)); all != "" {
			fmt.Fprintf(w, "\t\tif [[ $cur == -* ]]; then COMPREPLY=($(compgen -W %q -- \"$cur\")); return; fi\n", all+" --help")
		}
		switch {
		case c.args == nil && c.name == "lint":
			fmt.Fprintf(w, "\t\t[[ $i -ge $COMP_CWORD ]] && COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", names(cmds))
		case len(c.args) > 0:
			fmt.Fprintf(w, "\t\t[[ $i -eq $((COMP_CWORD - 1)) ]] && COMPREPLY=($(compgen -W %q -- \"$cur\"))\n", strings.Join(c.args, " "))
		}
		fmt.Fprint(w, "\t\t;;\n")
	}
	fmt.Fprint(w, "\tesac\n}\ncomplete -o default -F _jailfmt jailfmt\n")
}

func writeZsh(w io.Writer, cmds []compCmd) {
	fmt.Fprintf(w, `#compdef jailfmt
# zsh completion for jailfmt: jailfmt completion zsh > "${fpath[1]}/_jailfmt"
_jailfmt() {
	local -a commands=(%s)
	local cmd=lint prev=${words[CURRENT-1]} eq=
	if (( CURRENT > 2 )) && (( ${commands[(Ie)${words[2]}]} )); then
		cmd=${words[2]}
	fi
	if [[ ${words[CURRENT]} == --*=* ]]; then
		prev=${words[CURRENT]%%=*} eq=1
		compset -P '*='
	fi
	case $prev in
`, names(cmds))
	for _, f := range valueFlags(cmds) {
		pre := ""
		if f.long == "select" || f.long == "ignore" {
			pre = "compset -P '*,'; "
		}
		if f.optional {
			pre = "[[ -n $eq ]] && "
		}
		fmt.Fprintf(w, "\t--%s) %scompadd -- %s; return ;;\n", f.long, pre, strings.Join(f.values, " "))
	}
	fmt.Fprint(w, "\tesac\n\tcase $cmd in\n")
	for _, c := range cmds {
		fmt.Fprintf(w, "\t%s)\n", c.name)
		if valued := flagWords(c, true); valued != "" {
			fmt.Fprintf(w, "\t\tcase $prev in %s) _files; return ;; esac\n", strings.ReplaceAll(valued, " ", "|"))
		}
		if all := strings.TrimSpace(flagWords(c, false) + " " + flagWords(c, true)); all != "" {
			fmt.Fprintf(w, "\t\tif [[ ${words[CURRENT]} == -* ]]; then compadd -- %s --help; return; fi\n", all)
		}
		switch {
		case c.args == nil && c.name == "lint":
			fmt.Fprint(w, "\t\t(( CURRENT == 2 )) && compadd -a commands\n\t\t_files\n")
		case c.args == nil:
			fmt.Fprint(w, "\t\t_files\n")
		case len(c.args) > 0:
			fmt.Fprintf(w, "\t\t(( CURRENT == 3 )) && compadd -- %s\n", strings.Join(c.args, " "))
		}
		fmt.Fprint(w, "\t\t;;\n")
	}
	fmt.Fprint(w, "\tesac\n}\nif [[ $funcstack[1] == _jailfmt ]]; then\n\t_jailfmt \"$@\"\nelse\n\tcompdef _jailfmt jailfmt\nfi\n")
}

func writeFish(w io.Writer, cmds []compCmd) {
	fmt.Fprint(w, "# fish completion for jailfmt: jailfmt completion fish > ~/.config/fish/completions/jailfmt.fish\n")
	all := names(cmds)
	fmt.Fprintf(w, "complete -c jailfmt -n __fish_use_subcommand -a %s\n", fishQuote(all))
	for _, c := range cmds {
		cond := fmt.Sprintf("__fish_seen_subcommand_from %s", c.name)
		if c.name == "lint" {
			cond = fmt.Sprintf("not __fish_seen_subcommand_from %s; or __fish_seen_subcommand_from lint", strings.TrimPrefix(all, "lint "))
		}
		for _, f := range c.flags {
			line := fmt.Sprintf("complete -c jailfmt -n %s -l %s", fishQuote(cond), f.long)
			if f.short != "" {
				line += " -s " + f.short
			}
			switch {
			case len(f.values) > 0:
				line += " -x -a " + fishQuote(strings.Join(f.values, " "))
			case f.takesValue:
				line += " -r"
			}
			fmt.Fprintf(w, "%s -d %s\n", line, fishQuote(f.usage))
		}
		if len(c.args) > 0 {
			fmt.Fprintf(w, "complete -c jailfmt -n %s -f -a %s\n", fishQuote(cond), fishQuote(strings.Join(c.args, " ")))
		}
	}
}

// fishQuote quotes s for fish: single quotes, with \ and ' escaped.
func fishQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, "'", `\'`).Replace(s) + "'"
}
