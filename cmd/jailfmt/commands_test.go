package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestCommandTable checks that commands() (which the man page test and
// completion read) lists exactly the commands main.go dispatches.
func TestCommandTable(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	dispatched := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		fn, ok := n.(*ast.FuncDecl)
		if !ok || fn.Name.Name != "main" || fn.Recv == nil {
			return true
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if cc, ok := n.(*ast.CaseClause); ok {
				for _, e := range cc.List {
					if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						if !strings.HasPrefix(s, "-") { // --version, -h, --help are aliases
							dispatched[s] = true
						}
					}
				}
			}
			return true
		})
		return false
	})
	listed := map[string]bool{}
	for _, c := range commands() {
		listed[c.name] = true
	}
	var missing, extra []string
	for name := range dispatched {
		if !listed[name] {
			missing = append(missing, name)
		}
	}
	for name := range listed {
		if !dispatched[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(dispatched) < 5 || len(missing) > 0 || len(extra) > 0 {
		t.Errorf("main.go dispatches %d commands; not in commands(): %v; in commands() but not dispatched: %v", len(dispatched), missing, extra)
	}
}
