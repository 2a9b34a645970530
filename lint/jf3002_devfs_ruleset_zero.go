package lint

import "fmt"

func init() {
	register(&Rule{
		ID: "JF3002", Name: "devfs-ruleset-zero", Severity: Warning, Since: "0.1",
		Title: "mount.devfs with devfs_ruleset = 0: every device node is visible",
		Doc: "With `mount.devfs`, jail(8) mounts a devfs on the jail's /dev and applies `devfs_ruleset` to it " +
			"(ruleset 4, devfsrules_jail, when it is not set). Ruleset 0 applies no rules: the jail sees every " +
			"device of the host, disks and memory included. Use 4, or a ruleset of your own built on it.",
		Bad:  "a {\n\tmount.devfs;\n\tdevfs_ruleset = 0;\n}",
		Good: "a {\n\tmount.devfs;\n\tdevfs_ruleset = 4;\n}",
		Run: func(p *Pass) {
			eachEffective(p, "devfs_ruleset", func(j *resolveJail, prm *resolveParam, src resolveSource) {
				dv := p.lookup(j, "mount.devfs")
				if n, ok := intOf(prm); !ok || n != 0 || dv == nil || !isTrue(dv) {
					return
				}
				p.ReportAt(src, fmt.Sprintf("devfs_ruleset = 0 with mount.devfs: jail %q sees every device of the host; use devfs_ruleset = 4 (devfsrules_jail) or a ruleset built on it", j.Name), nil)
			})
		},
	})
}
