// Package report writes lint diagnostics as text, JSON, SARIF 2.1.0,
// GitHub Actions annotations, GitLab Code Quality JSON or Checkstyle XML.
package report

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/jailfmt/jailfmt/internal/version"
	"github.com/jailfmt/jailfmt/lint"
	"github.com/jailfmt/jailfmt/source"
)

// Formats lists the output formats.
var Formats = []string{"text", "json", "sarif", "github", "gitlab", "checkstyle"}

// Write writes diags in the named format. changed lists the files that
// --fix changed or would change. color adds ANSI colours to text output.
func Write(w io.Writer, format string, diags []*lint.Diagnostic, changed []string, color bool) error {
	switch format {
	case "text":
		return writeText(w, diags, color)
	case "json":
		return writeJSON(w, diags, changed)
	case "sarif":
		return writeSARIF(w, diags)
	case "github":
		return writeGitHub(w, diags)
	case "gitlab":
		return writeGitLab(w, diags)
	case "checkstyle":
		return writeCheckstyle(w, diags)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// writeText leaves failures out: the command line prints them on stderr
// as they happen, in every format.
func writeText(w io.Writer, diags []*lint.Diagnostic, color bool) error {
	counts := map[lint.Severity]int{}
	fixable, n := 0, 0
	for _, d := range diags {
		if Failure(d) {
			continue
		}
		n++
		sev := d.Severity.String()
		if color {
			code := map[lint.Severity]string{lint.Error: "31", lint.Warning: "33", lint.Info: "36"}[d.Severity]
			sev = "\x1b[" + code + "m" + sev + "\x1b[0m"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s [%s] %s (%s)\n", d.File, d.Pos.Line, d.Pos.Col, d.Rule.ID, sev, d.Message, d.Rule.Name)
		counts[d.Severity]++
		if d.Fix != nil {
			fixable++
		}
	}
	if n == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "%d error%s, %d warning%s, %d info (%d fixable with --fix)\n",
		counts[lint.Error], plural(counts[lint.Error]), counts[lint.Warning], plural(counts[lint.Warning]), counts[lint.Info], fixable)
	return err
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

type jsonDiag struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Rule      string `json:"rule"`
	Name      string `json:"name"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	Fixable   bool   `json:"fixable"`
	URL       string `json:"url"` // the rule's documentation page
}

func writeJSON(w io.Writer, diags []*lint.Diagnostic, changed []string) error {
	out := struct {
		Version     int        `json:"version"`
		Diagnostics []jsonDiag `json:"diagnostics"`
		Changed     []string   `json:"changed"`
	}{Version: 1, Diagnostics: []jsonDiag{}, Changed: changed}
	if out.Changed == nil {
		out.Changed = []string{}
	}
	for _, d := range diags {
		out.Diagnostics = append(out.Diagnostics, jsonDiag{d.File, d.Pos.Line, d.Pos.Col, d.End.Line, d.End.Col,
			d.Rule.ID, d.Rule.Name, d.Severity.String(), d.Message, d.Fix != nil, lint.URL(d.Rule)})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// runeCol converts a 1-based byte column on a line to a 1-based column
// in Unicode code points (SARIF's columnKind unicodeCodePoints).
func runeCol(f *source.File, p source.Pos) int {
	if f == nil || p.Offset > len(f.Src) {
		return p.Col
	}
	start := p.Offset - (p.Col - 1)
	if start < 0 {
		return p.Col
	}
	return utf8.RuneCountInString(f.Src[start:p.Offset]) + 1
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// slashPath is a file name with forward slashes, as GitHub wants it.
func slashPath(name string) string { return filepath.ToSlash(filepath.Clean(name)) }

// fileURI returns a SARIF artifact URI for a file name (RFC 3986): a
// relative reference, percent-encoded, for a relative name (rel: it is
// resolved against %SRCROOT%), or a file:// URI for an absolute one.
func fileURI(name string) (u string, rel bool) {
	p := slashPath(name)
	if !filepath.IsAbs(name) {
		return escapePath(p), true
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive: file:///C:/...
	}
	return "file://" + escapePath(p), false
}

// escapePath percent-encodes every byte of a slash-separated path but
// RFC 3986's unreserved characters and "/" (and ":" after a leading
// Windows drive letter), so spaces, "%" and non-ASCII (as UTF-8) are
// encoded, and a ":" in a relative name cannot read as a scheme.
func escapePath(p string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '/':
			b.WriteByte(c)
		case c == ':' && i == 2 && p[0] == '/' && isLetter(p[1]):
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func writeSARIF(w io.Writer, diags []*lint.Diagnostic) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	type artifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	type physical struct {
		ArtifactLocation artifact `json:"artifactLocation"`
		Region           *region  `json:"region,omitempty"` // nil: the whole file (an I/O error)
	}
	type location struct {
		PhysicalLocation physical `json:"physicalLocation"`
	}
	type replacement struct {
		DeletedRegion   region `json:"deletedRegion"`
		InsertedContent msg    `json:"insertedContent"`
	}
	type change struct {
		ArtifactLocation artifact      `json:"artifactLocation"`
		Replacements     []replacement `json:"replacements"`
	}
	type fix struct {
		Description     msg      `json:"description"`
		ArtifactChanges []change `json:"artifactChanges"`
	}
	type result struct {
		RuleID       string     `json:"ruleId"`
		RuleIndex    int        `json:"ruleIndex"`
		Level        string     `json:"level"`
		Message      msg        `json:"message"`
		Locations    []location `json:"locations"`
		Fixes        []fix      `json:"fixes,omitempty"`
		Suppressions []struct{} `json:"suppressions"`
	}
	type help struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	type rule struct {
		ID                   string `json:"id"`
		Name                 string `json:"name"`
		ShortDescription     msg    `json:"shortDescription"`
		FullDescription      msg    `json:"fullDescription"`
		Help                 help   `json:"help"`
		HelpURI              string `json:"helpUri"`
		DefaultConfiguration struct {
			Level string `json:"level"`
		} `json:"defaultConfiguration"`
	}
	var rules []rule
	index := map[string]int{}
	for i, r := range append([]*lint.Rule{SyntaxError, IOError}, lint.Rules()...) {
		x := rule{ID: r.ID, Name: r.Name, ShortDescription: msg{r.Title}, FullDescription: msg{r.Doc},
			Help: help{Text: r.Doc, Markdown: lint.Markdown(r)}, HelpURI: lint.URL(r)}
		x.DefaultConfiguration.Level = sarifLevel(r.Severity)
		rules = append(rules, x)
		index[r.ID] = i
	}
	artifactOf := func(name string) artifact {
		u, rel := fileURI(name)
		if rel {
			return artifact{u, "%SRCROOT%"}
		}
		return artifact{URI: u}
	}
	regionOf := func(f *source.File, a, b source.Pos) region {
		return region{a.Line, runeCol(f, a), b.Line, runeCol(f, b)}
	}
	results := []result{}
	for _, d := range diags {
		loc := physical{ArtifactLocation: artifactOf(d.File)}
		if d.Pos.IsValid() {
			r := regionOf(d.Source, d.Pos, d.End)
			loc.Region = &r
		}
		res := result{RuleID: d.Rule.ID, RuleIndex: index[d.Rule.ID], Level: sarifLevel(d.Severity),
			Message: msg{d.Message}, Suppressions: []struct{}{}, Locations: []location{{loc}}}
		if d.Fix != nil {
			byFile := map[string]*change{}
			var order []string
			for _, e := range d.Fix.Edits {
				name := e.File.Name
				c := byFile[name]
				if c == nil {
					c = &change{ArtifactLocation: artifactOf(name)}
					byFile[name] = c
					order = append(order, name)
				}
				c.Replacements = append(c.Replacements, replacement{regionOf(e.File, e.File.Position(e.Start), e.File.Position(e.End)), msg{e.New}})
			}
			fx := fix{Description: msg{d.Fix.Message}}
			for _, name := range order {
				fx.ArtifactChanges = append(fx.ArtifactChanges, *byFile[name])
			}
			res.Fixes = []fix{fx}
		}
		results = append(results, res)
	}
	doc := map[string]any{
		"version": "2.1.0",
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "jailfmt", "version": version.Get().String(), "informationUri": "https://github.com/jailfmt/jailfmt", "rules": rules}},
			"columnKind": "unicodeCodePoints",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func ghEscape(s string, prop bool) string {
	s = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
	if prop {
		s = strings.NewReplacer(":", "%3A", ",", "%2C").Replace(s)
	}
	return s
}

func writeGitHub(w io.Writer, diags []*lint.Diagnostic) error {
	for _, d := range diags {
		kind := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "notice"}[d.Severity]
		where := ""
		if d.Pos.IsValid() {
			where = fmt.Sprintf(",line=%d,endLine=%d,col=%d,endColumn=%d", d.Pos.Line, d.End.Line, d.Pos.Col, d.End.Col)
		}
		_, err := fmt.Fprintf(w, "::%s file=%s%s,title=%s::%s\n", kind, ghEscape(slashPath(d.File), true), where,
			ghEscape(d.Rule.ID+" "+d.Rule.Name, true), ghEscape(d.Message, false))
		if err != nil {
			return err
		}
	}
	return nil
}

func writeCheckstyle(w io.Writer, diags []*lint.Diagnostic) error {
	type errElem struct {
		Line     int    `xml:"line,attr,omitempty"` // 0 (left out): the whole file
		Column   int    `xml:"column,attr,omitempty"`
		Severity string `xml:"severity,attr"`
		Message  string `xml:"message,attr"`
		Source   string `xml:"source,attr"`
	}
	type fileElem struct {
		Name   string    `xml:"name,attr"`
		Errors []errElem `xml:"error"`
	}
	doc := struct {
		XMLName xml.Name    `xml:"checkstyle"`
		Version string      `xml:"version,attr"`
		Files   []*fileElem `xml:"file"`
	}{Version: "4.3"}
	byName := map[string]*fileElem{}
	for _, d := range diags {
		f := byName[d.File]
		if f == nil {
			f = &fileElem{Name: d.File}
			byName[d.File] = f
			doc.Files = append(doc.Files, f)
		}
		sev := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning", lint.Info: "info"}[d.Severity]
		f.Errors = append(f.Errors, errElem{d.Pos.Line, d.Pos.Col, sev, d.Message, "jailfmt." + d.Rule.ID})
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
