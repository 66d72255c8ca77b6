package cli

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

func count(t *testing.T, path string) int {
	t.Helper()
	info, err := sqlite.Examine(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Inspections
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	seedDraft(t, dir)
	var paths []string
	for range 3 {
		code, stdout, stderr := runCmd(Backup, "--data", dir, "--keep", "2")
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		paths = append(paths, strings.TrimSpace(stdout))
	}
	if !regexp.MustCompile(`backups/loupe-\d{8}-\d{6}(-\d+)?\.db$`).MatchString(filepath.ToSlash(paths[2])) {
		t.Errorf("backup path %q", paths[2])
	}
	list, _ := sqlite.Backups(filepath.Join(dir, "backups"))
	if fmt.Sprint(list) != fmt.Sprint(paths[1:]) {
		t.Errorf("kept %v, want %v", list, paths[1:])
	}
}

func TestRestoreRefusesBadFiles(t *testing.T) {
	dir := t.TempDir()
	seedDraft(t, dir)
	db := filepath.Join(dir, DBFile)
	text := filepath.Join(t.TempDir(), "report.db")
	if err := os.WriteFile(text, []byte("%PDF-1.4 not a database"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCmd(Restore, text, "--data", dir, "--yes")
	if code == ExitOK || !strings.Contains(stderr, "is not a Loupe database") {
		t.Errorf("text file: exit %d, %s", code, stderr)
	}

	future := filepath.Join(t.TempDir(), "future.db")
	seedDraft(t, filepath.Dir(future))
	if err := os.Rename(filepath.Join(filepath.Dir(future), DBFile), future); err != nil {
		t.Fatal(err)
	}
	raw, err := sql.Open("sqlite", future)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", sqlite.SchemaVersion()+1)); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	code, _, stderr = runCmd(Restore, future, "--data", dir, "--yes")
	if code != ExitError || !strings.Contains(stderr, "newer Loupe") {
		t.Errorf("too-new file: exit %d, %s", code, stderr)
	}
	if n := count(t, db); n != 1 {
		t.Errorf("refused restores changed the database: %d inspections", n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("refused restores left files behind: %v", entries)
	}
}

func TestRestore(t *testing.T) {
	dir := t.TempDir()
	seedDraft(t, dir)
	_, stdout, _ := runCmd(Backup, "--data", dir)
	good := strings.TrimSpace(stdout)
	seedDraft(t, dir) // a second inspection after the backup
	db := filepath.Join(dir, DBFile)

	backups := func() []string {
		names, _ := filepath.Glob(filepath.Join(dir, "backups", "*.db"))
		return names
	}
	before := backups()
	stdin = strings.NewReader("no\n")
	defer func() { stdin = os.Stdin }()
	code, stdout, stderr := runCmd(Restore, good, "--data", dir)
	if code != ExitError || !strings.Contains(stdout, fmt.Sprintf("This replaces the database in %s (2 inspections) with %s (1 inspections). A backup of the current one is made first", dir, good)) ||
		!strings.Contains(stderr, "cancelled") {
		t.Fatalf("declined restore: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if n := count(t, db); n != 2 {
		t.Fatalf("declined restore changed the database: %d inspections", n)
	}
	if after := backups(); len(after) != len(before) {
		t.Fatalf("declined restore touched the backups: %v → %v", before, after)
	}

	open, err := sqlite.Open(db) // another Loupe window
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr = runCmd(Restore, good, "--data", dir, "--yes")
	open.Close()
	if code != ExitError || !strings.Contains(stderr, "is open in another Loupe") || count(t, db) != 2 {
		t.Fatalf("restore over an open database: exit %d, %s", code, stderr)
	}

	stdin = strings.NewReader("yes\n")
	code, stdout, stderr = runCmd(Restore, good, "--data", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := count(t, db); n != 1 {
		t.Errorf("restored database has %d inspections, want the backup's 1", n)
	}
	m := regexp.MustCompile(`The replaced database is kept at (\S+)\.\n`).FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("output does not say where the replaced database is:\n%s", stdout)
	}
	if n := count(t, m[1]); n != 2 {
		t.Errorf("kept copy of the replaced database has %d inspections, want 2", n)
	}
	for _, side := range []string{"-wal", "-shm", ".restore"} {
		if _, err := os.Stat(db + side); err == nil {
			t.Errorf("%s%s left behind", db, side)
		}
	}
	store, err := sqlite.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if list, err := store.ListInspections(context.Background(), inspection.Filter{}); err != nil || len(list) != 1 {
		t.Errorf("restored database lists %v, %v", list, err)
	}
}
