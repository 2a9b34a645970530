package main

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/jailfmt/jailfmt/fsutil"
	"github.com/jailfmt/jailfmt/migrate"
)

// migrateFlags are the migrate command's flags.
type migrateFlags struct {
	root, suffix, format, host *string
	apply, harden              *bool
}

// migrateFlagSet builds the migrate command's flags.
func (e *env) migrateFlagSet() (*pflag.FlagSet, migrateFlags) {
	fs := e.flagSet("migrate", "[--root DIR] [--apply] [--backup-suffix .orig] [--format text|json] [--harden] [--host-release REL]")
	mf := migrateFlags{
		root:   fs.String("root", "/", "the folder that stands for the host's / (a mounted image or a configuration repository)"),
		apply:  fs.Bool("apply", false, "write every change as one transaction, with a backup of each changed file"),
		suffix: fs.String("backup-suffix", ".orig", "the backup of FILE is FILE plus this suffix; an existing backup stops --apply"),
		harden: fs.Bool("harden", false, "write sysvR = new where jails share the host's System V IPC objects (changes behaviour)"),
		host:   fs.String("host-release", "14.1-RELEASE", "the host's uname -r, on which iocage gates sysv* parameters"),
	}
	mf.format = new(string)
	choiceFlag(fs, mf.format, "format", "text", "the plan's format: text or json", "text", "json")
	e.maxSizeFlag(fs)
	return fs, mf
}

// migrateCmd plans (and with --apply writes) the move of a host's jails
// off legacy System V IPC settings. Exit 1 when changes are pending (or
// something is left to do that jailfmt cannot), 0 when there is nothing
// to do, 2 when a file cannot be read, parsed or written.
func (e *env) migrateCmd(args []string) int {
	fs, mf := e.migrateFlagSet()
	if code, ok := e.parseFlags(fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return e.usageError(fs, "migrate takes no arguments (use --root DIR)")
	}
	p := migrate.Scan(migrate.Options{Root: *mf.root, Harden: *mf.harden, HostRelease: *mf.host, BackupSuffix: *mf.suffix,
		ReadFile: func(name string) ([]byte, error) { return fsutil.ReadFile(name, e.maxSize) }})
	if *mf.format == "json" {
		if err := p.JSON(e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
			return exitError
		}
	} else {
		p.Text(e.stdout, !*mf.apply) // --apply: the diffs are in the backups
	}
	if len(p.Problems) > 0 {
		if *mf.apply {
			fmt.Fprintln(e.stderr, "jailfmt: --apply: nothing written (fix the errors above first)")
		}
		return exitError
	}
	if !p.Pending() {
		return exitOK
	}
	if !*mf.apply {
		return exitFindings
	}
	if err := p.Apply(*mf.suffix); err != nil {
		fmt.Fprintf(e.stderr, "jailfmt: %v\n", err)
		return exitError
	}
	fmt.Fprintf(e.stderr, "applied: %d files written, each changed file's original kept with suffix %s\n", len(p.Changes), *mf.suffix)
	return exitOK
}
