package main

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestDispatch(t *testing.T) {
	cases := []struct {
		args        []string
		code        int
		out, errOut string
	}{
		{[]string{"version"}, 0, "loupe " + version, ""},
		{[]string{"help"}, 0, "loupe verify FILE.pdf|FILE.loupe", ""},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"aql", "--lot", "1"}, 2, "", "lot size"},
	}
	for _, c := range cases {
		var out, errb bytes.Buffer
		code := run(c.args, &out, &errb)
		if code != c.code || !strings.Contains(out.String(), c.out) || !strings.Contains(errb.String(), c.errOut) {
			t.Errorf("loupe %v: exit %d\nstdout %s\nstderr %s", c.args, code, out.String(), errb.String())
		}
	}
}

// TestEveryCommandIsDocumented keeps README.md's command-line reference in
// step with the commands main.go dispatches: the CLI is a public contract.
func TestEveryCommandIsDocumented(t *testing.T) {
	readme, err := readFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range commands {
		if !strings.Contains(readme, "### `loupe "+c.name) && !strings.Contains(readme, "`loupe "+c.name+" ") {
			t.Errorf("README.md does not document `loupe %s`", c.name)
		}
	}
}

// TestVersionMatchesFyneApp: `loupe version` prints the version that
// Fyne's packager writes into loupe.exe's version resource and that names
// the release archives (make dist), so a user can match the two.
func TestVersionMatchesFyneApp(t *testing.T) {
	toml, err := readFile("FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(toml)
	if m == nil {
		t.Fatal("FyneApp.toml states no Version")
	}
	if m[1] != version {
		t.Errorf("main.version is %q, FyneApp.toml says %q: change both", version, m[1])
	}
}

// TestOpensWindow: only no arguments, or flags alone, open the window;
// anything else is a command, which on Windows borrows the console.
func TestOpensWindow(t *testing.T) {
	cases := []struct {
		args   []string
		window bool
	}{
		{nil, true},
		{[]string{"--data", `C:\Users\李伟\Loupe data`}, true},
		{[]string{"-data=x"}, true},
		{[]string{"--help"}, false},
		{[]string{"-h"}, false},
		{[]string{"help"}, false},
		{[]string{"version"}, false},
		{[]string{"aql", "--lot", "500"}, false},
		{[]string{""}, false},
	}
	for _, c := range cases {
		if got := opensWindow(c.args); got != c.window {
			t.Errorf("opensWindow(%q) = %v, want %v", c.args, got, c.window)
		}
	}
}

func readFile(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}

const module = "github.com/loupeqc/loupe"

// domain are the packages that hold Loupe's rules: types, verdict, plans,
// the outbox's queue model. They know no storage, UI, PDF or mail library.
var domain = []string{module + "/inspection", module + "/inspection/aql", module + "/inspection/outbox"}

// adapters are the other packages under inspection/: storage, files, mail,
// import and export, the demo, test helpers, and the file-system helpers
// they share (atomic writes, the data directory's layout, a reader that
// stops when its context ends). A new package there must be listed in one
// or the other, so the layering stays a decision.
var adapters = []string{
	module + "/inspection/sqlite", module + "/inspection/sqlite/sqlitetest", module + "/inspection/photo",
	module + "/inspection/atomicfile", module + "/inspection/datadir", module + "/inspection/ctxio",
	module + "/inspection/bundle", module + "/inspection/bundle/bundletest", module + "/inspection/mail",
	module + "/inspection/demo", module + "/inspection/inflight", module + "/inspection/workspace",
	module + "/inspection/remote", module + "/inspection/remote/s3test", module + "/inspection/exchange",
}

// Libraries no rule may reach for outside its adapter. A path ending in
// "/..." forbids the package and everything below it.
var (
	sqlLibs  = []string{"modernc.org/sqlite/...", "database/sql"}
	uiLibs   = []string{"fyne.io/..."}
	pdfLibs  = []string{"github.com/jung-kurt/gofpdf/..."}
	mailLibs = []string{"github.com/wneessen/go-mail/..."}
	s3Libs   = []string{"github.com/minio/minio-go/..."}
)

// deps lists what pkg depends on, directly or not.
func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", pkg).Output()
	if err != nil {
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

// matches says whether dep is one of forbidden.
func matches(dep string, forbidden []string) bool {
	for _, f := range forbidden {
		root, tree := strings.CutSuffix(f, "/...")
		if dep == root || tree && strings.HasPrefix(dep, root+"/") {
			return true
		}
	}
	return false
}

// TestLayering keeps the napkin drawing true: the domain knows no SQL
// driver, UI toolkit, PDF writer, mail library or adapter; the SQLite
// adapter knows no mail library; the report knows neither UI nor SQL.
func TestLayering(t *testing.T) {
	everything := slices.Concat(sqlLibs, uiLibs, pdfLibs, mailLibs, s3Libs)
	for _, pkg := range domain {
		for _, dep := range deps(t, pkg) {
			if matches(dep, everything) {
				t.Errorf("domain package %s depends on %s", pkg, dep)
			}
			if strings.HasPrefix(dep, module+"/") && !slices.Contains(domain, dep) {
				t.Errorf("domain package %s depends on %s, which is not a domain package", pkg, dep)
			}
		}
	}
	rules := []struct {
		pkgs      string
		forbidden []string
	}{
		{"./inspection/sqlite", slices.Concat(mailLibs, uiLibs, pdfLibs, s3Libs)},
		{"./report/...", slices.Concat(uiLibs, sqlLibs, s3Libs, []string{module + "/inspection/sqlite/..."})},
		{"./inspection/exchange", slices.Concat(uiLibs, pdfLibs, mailLibs)},
	}
	for _, r := range rules {
		for _, dep := range deps(t, r.pkgs) {
			if matches(dep, r.forbidden) {
				t.Errorf("%s depends on %s", r.pkgs, dep)
			}
		}
	}
	out, err := exec.Command("go", "list", "./inspection/...").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range strings.Fields(string(out)) {
		if !slices.Contains(domain, pkg) && !slices.Contains(adapters, pkg) {
			t.Errorf("%s is neither a domain package nor an adapter: add it to one list in main_test.go", pkg)
		}
	}
}

// TestWindowHoldsNoConcreteStore keeps app/ (the window) on the interfaces
// it declares: no type assertion or type switch reaches behind them to the
// SQLite store, so whatever the window needs it receives at construction.
func TestWindowHoldsNoConcreteStore(t *testing.T) {
	files, err := filepath.Glob("app/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no app sources: %v", err)
	}
	for _, name := range files {
		for _, at := range sqliteAssertions(t, name, nil) {
			t.Errorf("%s: type assertion to the SQLite store; declare what the window needs in app/store.go instead", at)
		}
	}
	if got := sqliteAssertions(t, "downcast.go", downcast); len(got) != 2 {
		t.Errorf("the check finds %d of the 2 downcasts it must see: %v", len(got), got)
	}
}

// downcast is what TestWindowHoldsNoConcreteStore must find, so the check
// is known to see a downcast when there is one.
const downcast = `package app

import store "github.com/loupeqc/loupe/inspection/sqlite"

func downcasts(s any) {
	if db, ok := s.(*store.DB); ok {
		_ = db
	}
	switch s.(type) {
	case *store.DB:
	}
}
`

// sqliteAssertions lists where a Go file (or src, when given) asserts or
// switches to a type of inspection/sqlite.
func sqliteAssertions(t *testing.T, name string, src any) []string {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, 0)
	if err != nil {
		t.Fatal(err)
	}
	local := ""
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, `"`) == module+"/inspection/sqlite" {
			local = "sqlite"
			if imp.Name != nil {
				local = imp.Name.Name
			}
		}
	}
	if local == "" {
		return nil
	}
	isSQLite := func(e ast.Expr) bool {
		if star, ok := e.(*ast.StarExpr); ok {
			e = star.X
		}
		sel, ok := e.(*ast.SelectorExpr)
		if !ok {
			return false
		}
		pkg, ok := sel.X.(*ast.Ident)
		return ok && pkg.Name == local
	}
	var found []string
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.TypeAssertExpr:
			if x.Type != nil && isSQLite(x.Type) {
				found = append(found, fset.Position(x.Pos()).String())
			}
		case *ast.TypeSwitchStmt:
			for _, c := range x.Body.List {
				for _, e := range c.(*ast.CaseClause).List {
					if isSQLite(e) {
						found = append(found, fset.Position(e.Pos()).String())
					}
				}
			}
		}
		return true
	})
	return found
}

// TestLayeringSeesViolations makes sure the matcher is not vacuous.
func TestLayeringSeesViolations(t *testing.T) {
	for _, c := range []struct {
		dep       string
		forbidden []string
		want      bool
	}{
		{"modernc.org/sqlite", sqlLibs, true},
		{"modernc.org/sqlite/lib", sqlLibs, true},
		{"database/sql", sqlLibs, true},
		{"database/sql/driver", sqlLibs, false}, // interfaces only: google/uuid implements them
		{"fyne.io/fyne/v2/widget", uiLibs, true},
		{"github.com/wneessen/go-mail", mailLibs, true},
		{"github.com/wneessen/go-mail/smtp", mailLibs, true},
		{"github.com/jung-kurt/gofpdf", pdfLibs, true},
		{"github.com/google/uuid", slices.Concat(sqlLibs, uiLibs, pdfLibs, mailLibs), false},
	} {
		if got := matches(c.dep, c.forbidden); got != c.want {
			t.Errorf("matches(%q) = %v, want %v", c.dep, got, c.want)
		}
	}
}
