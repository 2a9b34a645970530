package lint

import "github.com/jailfmt/jailfmt/source"

// The command-line family (JF5xxx) judges the jail(8), iocage and
// sysctl(8) command lines of shell scripts and Markdown code blocks.
// Package cmdlint reports them; their Run does nothing on a jail.conf.

func init() {
	for _, r := range commandLineRules {
		r.Since, r.Format = "0.2", source.Shell
		r.Run = func(*Pass) {} // reported by package cmdlint
		register(r)
	}
}

// IsCommandLine reports whether a rule judges command lines, not
// parameters: its Format is source.Shell and its examples are scripts.
func IsCommandLine(r *Rule) bool { return r.Format == source.Shell }

var commandLineRules = []*Rule{
	{
		ID: "JF5001", Name: "unknown-option", Severity: Error,
		Title: "a jail(8), iocage or sysctl(8) option the program does not have",
		Doc: "jail(8) and sysctl(8) read their options with getopt(3) and print their usage and exit 1 on an " +
			"unknown one; iocage's click commands stop with \"No such option\" and exit 2. Nothing is created or " +
			"set. `iocage create -a` is a common one: iocage has no -a, and properties are separate KEY=VALUE " +
			"arguments after the options.",
		Bad:    "#!/bin/sh\niocage create -n web -r 14.2-RELEASE -a sysvmsg=new",
		Good:   "#!/bin/sh\niocage create -n web -r 14.2-RELEASE sysvmsg=new",
		Source: "usr.sbin/jail/jail.c `main` getopt string; freebsd/iocage iocage_cli/create.py click options.",
	},
	{
		ID: "JF5002", Name: "option-missing-value", Severity: Error,
		Title: "an option that takes a value is last on the command line",
		Doc: "An option such as `jail -f` or `iocage create -r` needs a value; with none the program prints its " +
			"usage (or click's \"requires an argument\") and does nothing.",
		Bad:  "#!/bin/sh\niocage create -n web -r",
		Good: "#!/bin/sh\niocage create -n web -r 14.2-RELEASE",
	},
	{
		ID: "JF5003", Name: "command-usage", Severity: Error,
		Title: "a jail(8) or iocage command line the program refuses as a whole",
		Doc: "jail(8) accepts a few command line styles: -c, -m or -r with name=value parameters or jail names, " +
			"-e, or the old four-argument form. Anything else (no operation and no old form, -r with parameters, " +
			"-R with parameters, an option that does not go with the style) makes it print its usage and exit 1.",
		Bad:    "#!/bin/sh\njail name=web persist",
		Good:   "#!/bin/sh\njail -c name=web persist",
		Source: "usr.sbin/jail/jail.c `main`: \"Find out which of the command line styles this is\".",
	},
	{
		ID: "JF5004", Name: "jail-comma-joined", Severity: Warning, Fixable: true,
		Title: "several jail(8) parameters joined by commas in one argument",
		Doc: "jail(8) splits on commas only the list parameters (ip4.addr, ip6.addr, vnet.interface, " +
			"zfs.dataset). Any other argument is one parameter, so `name=web,path=/j/web` sets the name to the " +
			"whole string and never sets path; after a list parameter the later parts become list items. A " +
			"name with dots names a child of a jail that does not exist, so the jail is not created at all " +
			"(an error). The fix splits the argument into separate arguments when every part is a plain " +
			"key=value outside quotes.",
		Bad:    "#!/bin/sh\njail -c name=web,path=/usr/jails/web,persist=1",
		Good:   "#!/bin/sh\njail -c name=web path=/usr/jails/web persist",
		Source: "usr.sbin/jail/jail.c `listparams[]` and the single-jail branch of `main`.",
	},
	{
		ID: "JF5005", Name: "iocage-comma-joined", Severity: Warning, Fixable: true,
		Title: "several iocage properties joined by commas in one argument",
		Doc: "iocage reads each KEY=VALUE argument as one property: `sysvmsg=new,sysvshm=new` sets sysvmsg to " +
			"the whole string (which iocage refuses) and never sets sysvshm. Only ip4_addr, ip6_addr and " +
			"depends hold comma lists. The fix splits the argument when every part is a plain key=value.",
		Bad:  "#!/bin/sh\niocage set sysvmsg=new,sysvshm=new web",
		Good: "#!/bin/sh\niocage set sysvmsg=new sysvshm=new web",
	},
	{
		ID: "JF5006", Name: "jail-old-form", Severity: Warning,
		Title: "the old four-argument form jail path hostname ip command",
		Doc: "With no -c, jail(8) reads `jail path hostname ip command...` the way FreeBSD 7 did: it takes " +
			"allow.set_hostname, allow.sysvipc, allow.raw_sockets, allow.chflags, allow.mount and allow.socket_af " +
			"from the host's security.jail.* sysctls, so what the jail may do depends on the host's settings " +
			"(security.jail.sysvipc_allowed=1 shares the host's System V IPC). Write `jail -c` with explicit " +
			"parameters instead.",
		Bad:    "#!/bin/sh\njail /usr/jails/web web.example.org 192.0.2.10 /bin/sh /etc/rc",
		Good:   "#!/bin/sh\njail -c path=/usr/jails/web host.hostname=web.example.org ip4.addr=192.0.2.10 sysvmsg=new sysvsem=new sysvshm=new command=/bin/sh /etc/rc",
		Source: "usr.sbin/jail/jail.c: \"Old-style command line with four fixed parameters\" and `perm_sysctl`.",
	},
	{
		ID: "JF5007", Name: "iocage-empty-jail", Severity: Warning,
		Title: "iocage create -e: an empty jail, not \"enable\"",
		Doc: "`iocage create -e` (--empty) creates a jail with no FreeBSD userland, for custom jails. With -r " +
			"the release is ignored (the jail's release becomes EMPTY): a warning; alone it is only advice. " +
			"Drop -e to create a jail of the release.",
		Bad:  "#!/bin/sh\niocage create -n web -r 14.2-RELEASE -e",
		Good: "#!/bin/sh\niocage create -n web -r 14.2-RELEASE",
	},
	{
		ID: "JF5008", Name: "iocage-bad-release", Severity: Error,
		Title: "iocage create -r with a KEY=VALUE instead of a release",
		Doc:   "iocage create -r takes a release such as 14.2-RELEASE; a value with '=' stops it with \"Please supply a valid RELEASE!\".",
		Bad:   "#!/bin/sh\niocage create -n web -r sysvmsg=new",
		Good:  "#!/bin/sh\niocage create -n web -r 14.2-RELEASE sysvmsg=new",
	},
	{
		ID: "JF5009", Name: "iocage-set-no-jail", Severity: Error,
		Title: "iocage set without properties or without the jail name last",
		Doc: "iocage set takes KEY=VALUE properties and then the jail name (or default) last. Without it iocage " +
			"stops with \"You must specify a jail!\" or takes the last property as a jail name and sets nothing.",
		Bad:  "#!/bin/sh\niocage set sysvmsg=new",
		Good: "#!/bin/sh\niocage set sysvmsg=new web",
	},
	{
		ID: "JF5010", Name: "sysctl-legacy-jail", Severity: Warning,
		Title: "sysctl setting a legacy security.jail.*_allowed knob",
		Doc: "The security.jail.*_allowed sysctls (sysvipc_allowed, set_hostname_allowed, allow_raw_sockets, " +
			"chflags_allowed, mount_allowed, socket_unixiproute_only, ...) only set a legacy default bit that " +
			"the old jail(2) call and jail(8)'s four-argument form read. Jails created from jail.conf or with " +
			"name=value parameters ignore it, so the setting changes nothing for them and misleads the reader. " +
			"Set the jail's own parameter (sysvmsg, sysvsem and sysvshm for System V IPC) instead.",
		Bad:    "#!/bin/sh\nsysctl security.jail.sysvipc_allowed=1",
		Good:   "#!/bin/sh\njail -c name=web path=/usr/jails/web sysvmsg=new sysvsem=new sysvshm=new persist",
		Source: "sys/kern/kern_jail.c `sysctl_jail_default_allow` and the SYSCTL_PROC entries after it.",
	},
	{
		ID: "JF5011", Name: "iocage-property-rejected", Severity: Error,
		Title: "an iocage property or value that iocage refuses",
		Doc: "iocage create and iocage set check each KEY=VALUE with json_check_prop: an unknown property, one " +
			"the user cannot change, or a value outside the property's list (sysvmsg takes new, inherit or " +
			"disable, not 0 or 1) stops the command, and nothing is set. This rule reports what iocage's command " +
			"line refuses; the properties it accepts are then judged as an iocage property list is, by the iocage " +
			"and jail rules (JF2101 allow_sysvipc, JF1101 loose values, JF1002 invalid sysv* values, JF3001...). " +
			"A refused word is left out of that jail, so an unknown property is JF5011 here, never also JF1102.",
		Bad:    "#!/bin/sh\niocage set sysvmsg=0 web",
		Good:   "#!/bin/sh\niocage set sysvmsg=disable web",
		Source: "freebsd/iocage iocage_lib/ioc_json.py `json_check_prop`.",
	},
}
