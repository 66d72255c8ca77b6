package cli

import (
	"database/sql"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus: 2 says only that the command line was wrong; a data
// folder holding another program's database, or a damaged one, is a failure
// of the command (1), with a message saying what to do.
func TestExitStatus(t *testing.T) {
	foreign := t.TempDir()
	raw, err := sql.Open("sqlite", filepath.Join(foreign, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`CREATE TABLE accounts (id INTEGER PRIMARY KEY, iban TEXT)`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	damaged := t.TempDir()
	if err := os.WriteFile(filepath.Join(damaged, DBFile), append([]byte("SQLite format 3\x00"), make([]byte, 4000)...), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		args []string
		cmd  func([]string, io.Writer, io.Writer) int
		code int
		says string
	}{
		{"foreign database", []string{"--data", foreign}, List, ExitError, "not a Loupe database"},
		{"damaged database", []string{"--data", damaged}, List, ExitError, "restore"},
		{"unknown flag", []string{"--bogus"}, List, ExitUsage, "bogus"},
		{"missing --inspection", []string{"--data", t.TempDir(), "--out", filepath.Join(t.TempDir(), "r.pdf")}, Report, ExitUsage, "--inspection is required"},
		{"import without a file", []string{"--data", t.TempDir()}, Import, ExitUsage, "usage"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out := run(t, c.cmd, c.args...)
			if code != c.code || !strings.Contains(out, c.says) {
				t.Errorf("exit %d, want %d; output %q should say %q", code, c.code, out, c.says)
			}
		})
	}
	if b, _ := os.ReadFile(filepath.Join(foreign, DBFile)); len(b) == 0 {
		t.Error("the foreign database was emptied")
	}
}
