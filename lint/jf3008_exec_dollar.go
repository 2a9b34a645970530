package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/parser"
)

func init() {
	register(&Rule{
		ID: "JF3008", Name: "exec-dollar", Severity: Warning, Since: "0.1",
		Title: "a $ in a command that jail.conf expands before the shell sees it",
		Doc: "jail.conf expands `$name` and `${name}` in double-quoted and bare strings itself, from the jail's " +
			"parameters and variables, before jail(8) hands a command to /bin/sh. A shell variable such as " +
			"`$HOME` or `${PATH}` in `exec.*` or `command` is therefore looked up in the configuration, not in " +
			"the shell, and the jail fails (\"variable not found\"). Write `\\$HOME`, or put the command in " +
			"single quotes, to pass the `$` to the shell.",
		Bad:  "a {\n\texec.start = \"echo $HOME >> /tmp/log\";\n}",
		Good: "a {\n\texec.start = 'echo $HOME >> /tmp/log';\n}",
		Run:  runExecDollar,
	})
}

func runExecDollar(p *Pass) {
	command := func(name string, _ *nameInfo) bool { return name == "command" || strings.HasPrefix(name, "exec.") }
	p.eachParam(command, func(f *parser.File, st *parser.Stmt, name string, _ *nameInfo) {
		for i := range st.Tail.Values {
			if !st.Tail.Values[i].HasVars() {
				continue
			}
			for _, v := range st.Tail.Values[i].Decode().Vars {
				if v.Name == "name" || v.Name == "jid" || p.defined(v.Name) {
					continue
				}
				p.Report(f, st, fmt.Sprintf("%s: jail.conf expands $%s itself, finds no such parameter or variable, and the jail does not start; to pass it to the shell write \\$%s or single-quote the command", name, v.Name, v.Name), nil)
			}
		}
	})
}
