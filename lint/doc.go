package lint

import (
	"fmt"
	"strings"

	"github.com/jailfmt/jailfmt/source"
)

// DocsURL is where the rule pages (docs/rules/ID.md) are published.
const DocsURL = "https://github.com/jailfmt/jailfmt/blob/main/docs/rules/"

// URL returns the address of a rule's documentation page.
func URL(r *Rule) string { return DocsURL + r.ID + ".md" }

// Markdown renders a rule's documentation page (docs/rules/ID.md).
func Markdown(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "%s.\n\n", r.Title)
	fix := "no"
	if r.Fixable {
		fix = "yes (`jailfmt --fix`)"
	}
	fmt.Fprintf(&b, "- Default severity: %s\n- Fixable: %s\n- Since: jailfmt %s\n", r.Severity, fix, r.Since)
	if r.Format != source.JailConf {
		// The examples are in that format (--type names it).
		fmt.Fprintf(&b, "- Input: `--type %s` files\n", r.Format)
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "%s\n\n", r.Doc)
	if r.Source != "" {
		fmt.Fprintf(&b, "## FreeBSD source\n\n%s\n\n", r.Source)
	}
	if r.Fixable {
		fmt.Fprintf(&b, "## Fix\n\n%s\n\n", fixGuarantee(r))
	}
	fmt.Fprintf(&b, "## Bad\n\n```\n%s\n```\n\n## Good\n\n```\n%s\n```\n", r.Bad, r.Good)
	return b.String()
}

// fixGuarantee says what a rule's fix promises.
func fixGuarantee(r *Rule) string {
	if IsCommandLine(r) {
		return "`jailfmt --fix` edits only the argument the finding names, in place (the rest of the script " +
			"byte for byte), re-reads the script, and writes every changed file or none. " + r.Guarantee
	}
	s := "`jailfmt --fix` re-reads the fixed files and writes nothing unless every jail resolves to the same " +
		"parameters as before, except the ones the fix declares it changes, and no jail's effective `sysvmsg`, " +
		"`sysvsem` or `sysvshm` changed (with `--harden`, only `inherit` may become `new`)."
	if r.Guarantee != "" {
		s += " " + r.Guarantee
	}
	return s
}

// Explain renders a rule's documentation for a terminal.
func Explain(r *Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s (%s", r.ID, r.Name, r.Severity)
	if r.Fixable {
		b.WriteString(", fixable")
	}
	fmt.Fprintf(&b, ")\n%s.\n\n%s\n\n", r.Title, r.Doc)
	if r.Source != "" {
		fmt.Fprintf(&b, "FreeBSD source: %s\n\n", r.Source)
	}
	if r.Fixable {
		fmt.Fprintf(&b, "Fix: %s\n\n", fixGuarantee(r))
	}
	fmt.Fprintf(&b, "Bad:\n%s\n\nGood:\n%s\n\nMore: %s\n", indent(r.Bad), indent(r.Good), URL(r))
	return b.String()
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}

// Index renders docs/rules/README.md: a table of every rule.
func Index() string {
	var b strings.Builder
	b.WriteString("# jailfmt rules\n\nGenerated from the rule registry (`make docs`); do not edit.\n\n")
	b.WriteString(Table(""))
	return b.String()
}

// Table renders the Markdown table of every rule, each ID linking to
// dir + ID.md (dir is "" beside the pages, "docs/rules/" from the root).
func Table(dir string) string {
	var b strings.Builder
	b.WriteString("| ID | name | severity | fixable | title |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range Rules() {
		fix := ""
		if r.Fixable {
			fix = "yes"
		}
		fmt.Fprintf(&b, "| [%s](%s%s.md) | %s | %s | %s | %s |\n", r.ID, dir, r.ID, r.Name, r.Severity, fix, r.Title)
	}
	return b.String()
}
