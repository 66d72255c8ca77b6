package main

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
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

// TestLayering keeps the napkin drawing true: the domain knows neither the
// UI toolkit nor the PDF writer, and the report knows neither UI nor SQL.
func TestLayering(t *testing.T) {
	rules := []struct {
		pkgs      string
		forbidden []string
	}{
		{"./inspection/...", []string{"fyne.io/", "github.com/jung-kurt/gofpdf"}},
		{"./report/...", []string{"fyne.io/", "modernc.org/sqlite", "github.com/loupeqc/loupe/inspection/sqlite"}},
	}
	for _, r := range rules {
		out, err := exec.Command("go", "list", "-deps", r.pkgs).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", r.pkgs, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			for _, f := range r.forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s depends on %s", r.pkgs, dep)
				}
			}
		}
	}
}
