package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/jailfmt/jailfmt/internal/version"
	"github.com/jailfmt/jailfmt/lint"
)

// validate checks doc against the JSON schema at path.
func validate(t *testing.T, path, doc string) {
	t.Helper()
	c := jsonschema.NewCompiler()
	sch, err := c.Compile(path)
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	v, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(v); err != nil {
		t.Errorf("output does not validate against %s: %v", path, err)
	}
}

// TestSARIFSchema validates the SARIF output (with fixes) against the
// official SARIF 2.1.0 schema (oasis-tcs/sarif-spec,
// sarif-2.1/schema/sarif-schema-2.1.0.json), and checks the version and
// rule pages it carries.
func TestSARIFSchema(t *testing.T) {
	chdir(t, "../../testdata/cli")
	out, _, code := runCLI(t, "", "--format", "sarif", "formats.conf")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	validate(t, "../schema/sarif-schema-2.1.0.json", out)
	var s struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct{ ID, HelpURI string }
				}
			}
			Results []struct{ Fixes []any }
		}
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	d := s.Runs[0].Tool.Driver
	if d.Version != version.Get().String() {
		t.Errorf("tool.driver.version %q, want %q", d.Version, version.Get())
	}
	for _, r := range d.Rules {
		if want := lint.DocsURL + r.ID + ".md"; r.HelpURI != want {
			t.Errorf("rule %s: helpUri %q, want %q", r.ID, r.HelpURI, want)
		}
	}
	fixes := 0
	for _, r := range s.Runs[0].Results {
		fixes += len(r.Fixes)
	}
	if fixes == 0 {
		t.Error("formats.conf yields no fixes: the schema check does not cover them")
	}
}

// TestGitLabSchema validates --format gitlab against the fields GitLab's
// Code Quality report format requires, and checks fingerprints are
// unique (GitLab drops issues that repeat one).
func TestGitLabSchema(t *testing.T) {
	chdir(t, "../../testdata/cli")
	out, _, code := runCLI(t, "", "--format", "gitlab", "formats.conf")
	if code != exitFindings {
		t.Fatalf("exit %d", code)
	}
	validate(t, "../schema/gitlab-codequality.json", out)
	var issues []struct{ Fingerprint string }
	if err := json.Unmarshal([]byte(out), &issues); err != nil || len(issues) < 2 {
		t.Fatalf("%v: %d issues", err, len(issues))
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s repeats", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	out, _, code = runCLI(t, "", "--format", "gitlab", "--select", "JF1000", "formats.conf")
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Errorf("no findings: exit %d, %q; want an empty array", code, out)
	}
}
