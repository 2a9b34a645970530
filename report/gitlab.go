package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jailfmt/jailfmt/lint"
)

// gitlabIssue is one entry of a GitLab Code Quality report
// (docs.gitlab.com ci/testing/code_quality, "Code Quality report format").
type gitlabIssue struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"` // info, minor, major, critical or blocker
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

// gitlabSeverity maps a severity onto GitLab's scale: an error stops the
// jail from starting (critical), a warning weakens or silently changes it
// (major).
func gitlabSeverity(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "critical"
	case lint.Warning:
		return "major"
	}
	return "info"
}

// writeGitLab writes a GitLab Code Quality report: a JSON array.
//
// GitLab shows only the first issue of each fingerprint, and matches
// issues between the base and the merge request by it. The fingerprint
// hashes rule, path and message plus the issue's rank among identical
// ones, not the line, so an issue keeps its fingerprint when lines above
// it are added or removed.
func writeGitLab(w io.Writer, diags []*lint.Diagnostic) error {
	issues := []gitlabIssue{}
	rank := map[string]int{}
	for _, d := range diags {
		path := slashPath(d.File)
		key := d.Rule.ID + "\x00" + path + "\x00" + d.Message
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, rank[key])))
		rank[key]++
		var is gitlabIssue
		is.Description = d.Message + " (" + d.Rule.Name + ")"
		is.CheckName = d.Rule.ID
		is.Fingerprint = hex.EncodeToString(sum[:16])
		is.Severity = gitlabSeverity(d.Severity)
		is.Location.Path = path
		is.Location.Lines.Begin = d.Pos.Line
		issues = append(issues, is)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(issues)
}
