package lint

import (
	"fmt"
	"strings"
)

func init() {
	register(&Rule{
		ID: "JF1014", Name: "mount-no-effect", Severity: Warning, Since: "0.1",
		Title: "allow.mount set while enforce_statfs is 2",
		Doc: "Mounting inside a jail needs `allow.mount` (and `allow.mount.<fs>` for each file system) and " +
			"`enforce_statfs` below 2. With `enforce_statfs = 2`, which is also the default when it is not set, " +
			"the kernel silently ignores the allow.mount flags: nothing can be mounted.",
		Bad:  "a {\n\tallow.mount;\n\tallow.mount.nullfs;\n}",
		Good: "a {\n\tallow.mount;\n\tallow.mount.nullfs;\n\tenforce_statfs = 1;\n}",
		Run:  runMountNoEffect,
	})
}

func runMountNoEffect(p *Pass) {
	seen := onceSet{}
	for _, j := range p.Result.Jails {
		es := j.Param("enforce_statfs")
		if es != nil && len(es.Values) > 0 && es.Values[len(es.Values)-1].Text != "2" {
			continue
		}
		for _, prm := range j.Params {
			if prm.Name != "allow.mount" && !strings.HasPrefix(prm.Name, "allow.mount.") || strings.Contains(prm.Name, ".no") {
				continue
			}
			if v, ok := boolValue(prm); !ok || !v {
				continue
			}
			src := lastSource(prm)
			if !seen.first(j, src) {
				continue
			}
			p.ReportAt(src, fmt.Sprintf("%s has no effect in jail %q: enforce_statfs is 2 there (the default), and the kernel then allows no mounts; set enforce_statfs = 1, or remove %s", prm.Name, j.Name, prm.Name), nil)
		}
	}
}
