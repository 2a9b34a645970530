package main

import (
	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/report"
)

// command describes a subcommand for the man page test and completion.
type command struct {
	name  string
	flags func(*env) *pflag.FlagSet // nil: the command takes no flags
	args  []string                  // the words that may follow it; nil: paths
}

// commands lists every subcommand; lint is also the default command.
func commands() []command {
	return []command{
		{name: "lint", flags: func(e *env) *pflag.FlagSet { fs, _ := e.lintFlagSet(); return fs }},
		{name: "fmt", flags: func(e *env) *pflag.FlagSet { fs, _ := e.fmtFlagSet(); return fs }},
		{name: "exhibit", flags: func(e *env) *pflag.FlagSet { fs, _ := e.exhibitFlagSet(); return fs }},
		{name: "convert", flags: func(e *env) *pflag.FlagSet { fs, _ := e.convertFlagSet(); return fs }},
		{name: "migrate", flags: func(e *env) *pflag.FlagSet { fs, _ := e.migrateFlagSet(); return fs }},
		{name: "roots", flags: func(e *env) *pflag.FlagSet { fs, _ := e.rootsFlagSet(); return fs }},
		{name: "rules", args: []string{}},
		{name: "explain", args: ruleIDs()},
		{name: "version", args: []string{}},
		{name: "man", args: []string{}},
		{name: "completion", args: shells},
		{name: "help", args: []string{}},
	}
}

// ruleIDs returns every rule's ID, in order.
func ruleIDs() []string {
	var ids []string
	for _, r := range lint.Rules() {
		ids = append(ids, r.ID)
	}
	return ids
}

// flagValues are the values a flag takes, for completion.
func flagValues(name string) []string {
	switch name {
	case "select", "ignore":
		return ruleIDs()
	case "format":
		return report.Formats
	case "severity":
		return []string{"error", "warning", "info"}
	case "color":
		return []string{"auto", "always", "never"}
	}
	return nil
}
