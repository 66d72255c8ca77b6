package sqlite_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

func TestRotateBackupsKeepsN(t *testing.T) {
	db := open(t)
	seed(t, db)
	dir := filepath.Join(t.TempDir(), "backups")
	must(t, os.MkdirAll(dir, 0o700))
	// An old backup from an earlier day and a user's own file.
	must(t, os.WriteFile(filepath.Join(dir, "loupe-20200101-000000.db"), []byte("old"), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600))
	var made []string
	for range 4 {
		path, err := db.RotateBackups(ctx, dir, 3)
		must(t, err)
		made = append(made, path)
	}
	list, err := sqlite.Backups(dir)
	must(t, err)
	if fmt.Sprint(list) != fmt.Sprint(made[1:]) {
		t.Errorf("kept %v, want the 3 newest %v", list, made[1:])
	}
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("rotation touched a file that is not a backup: %v", err)
	}
	info, err := sqlite.Examine(ctx, made[3])
	must(t, err)
	if info.Inspections != 1 || info.SchemaVersion != sqlite.SchemaVersion() {
		t.Errorf("backup holds %+v", info)
	}
}

func TestDefaultBackupDir(t *testing.T) {
	db := open(t)
	path, err := db.RotateBackups(ctx, "", 0)
	must(t, err)
	if filepath.Dir(path) != filepath.Join(filepath.Dir(db.Path()), "backups") {
		t.Errorf("backup at %s, want in backups/ beside the database", path)
	}
}

func TestExamineRefuses(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.db")
	must(t, os.WriteFile(text, []byte("not a database at all, just text"), 0o600))
	_, err := sqlite.Examine(ctx, text)
	wantCode(t, err, inspection.EINVALID)

	other := filepath.Join(dir, "other.db") // SQLite, but not Loupe's
	raw, err := sql.Open("sqlite", other)
	must(t, err)
	_, err = raw.Exec(`CREATE TABLE t (x)`)
	must(t, err)
	must(t, raw.Close())
	_, err = sqlite.Examine(ctx, other)
	wantCode(t, err, inspection.EINVALID)

	future := filepath.Join(dir, "future.db")
	db := openAt(t, future)
	must(t, db.Close())
	raw, err = sql.Open("sqlite", future)
	must(t, err)
	_, err = raw.Exec(fmt.Sprintf("PRAGMA user_version = %d", sqlite.SchemaVersion()+1))
	must(t, err)
	must(t, raw.Close())
	before, err := os.ReadFile(future)
	must(t, err)
	_, err = sqlite.Examine(ctx, future)
	wantCode(t, err, inspection.ETOONEW)
	if after, _ := os.ReadFile(future); !bytes.Equal(before, after) {
		t.Error("Examine changed the file")
	}
}
