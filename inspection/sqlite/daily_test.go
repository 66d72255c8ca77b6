package sqlite_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection/sqlite"
)

// TestDailyBackupOnlyWhenDueAndChanged walks a week of a laptop: the first
// check backs up, the next ones on the same day do not, a day later a
// backup of unchanged data is not made again, and a change a day later is.
func TestDailyBackupOnlyWhenDueAndChanged(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	now := time.Now().UTC()

	first, err := db.DailyBackup(ctx, now)
	must(t, err)
	if first.Path == "" {
		t.Fatalf("no backup yet, and none made: %q", first.Skipped)
	}
	again, err := db.DailyBackup(ctx, now.Add(3*time.Hour))
	must(t, err)
	if again.Path != "" || !strings.Contains(again.Skipped, "less than a day") {
		t.Fatalf("second check the same day: %+v", again)
	}

	// A day passes (the backup's name says when it was made) with nothing
	// changed: the copy would be the same bytes.
	aged := agedBackup(t, first.Path, 26*time.Hour)
	same, err := db.DailyBackup(ctx, now)
	must(t, err)
	if same.Path != "" || !strings.Contains(same.Skipped, "nothing changed") {
		t.Fatalf("a day later, unchanged: %+v", same)
	}

	f.in.Comments = "lid loose"
	must(t, db.PutInspection(ctx, f.in))
	changed, err := db.DailyBackup(ctx, now)
	must(t, err)
	if changed.Path == "" {
		t.Fatalf("a day later, changed: skipped (%s)", changed.Skipped)
	}
	list, err := sqlite.Backups(db.BackupDir())
	must(t, err)
	if len(list) != 2 || list[0] != aged || list[1] != changed.Path {
		t.Errorf("backups %v, want %s then %s", list, aged, changed.Path)
	}
}

// agedBackup renames a backup as if made age earlier, and returns its path.
func agedBackup(t *testing.T, path string, age time.Duration) string {
	t.Helper()
	old := filepath.Join(filepath.Dir(path), "loupe-"+time.Now().UTC().Add(-age).Format("20060102-150405")+".db")
	must(t, os.Rename(path, old))
	return old
}

// TestBackupsStayWithinBytes: old backups go until the rest fit the byte
// budget; the newest stays even alone over it.
func TestBackupsStayWithinBytes(t *testing.T) {
	db := open(t)
	seed(t, db)
	dir := filepath.Join(t.TempDir(), "backups")
	probe, err := db.RotateBackupsWithin(ctx, dir, sqlite.Budget{Keep: 10})
	must(t, err)
	st, err := os.Stat(probe)
	must(t, err)
	size := st.Size()
	must(t, os.Remove(probe))
	for _, day := range []string{"20200101", "20200102", "20200103"} {
		must(t, os.WriteFile(filepath.Join(dir, "loupe-"+day+"-000000.db"), make([]byte, size), 0o600))
	}
	path, err := db.RotateBackupsWithin(ctx, dir, sqlite.Budget{Keep: 10, Bytes: size * 5 / 2})
	must(t, err)
	list, err := sqlite.Backups(dir)
	must(t, err)
	if len(list) != 2 || filepath.Base(list[0]) != "loupe-20200103-000000.db" || list[1] != path {
		t.Errorf("kept %v, want the newest old one and the new one (2 of %d bytes within %d)", list, size, size*5/2)
	}

	path, err = db.RotateBackupsWithin(ctx, dir, sqlite.Budget{Keep: 10, Bytes: size / 2})
	must(t, err)
	if list, _ := sqlite.Backups(dir); len(list) != 1 || list[0] != path {
		t.Errorf("over budget alone: kept %v, want only the new backup", list)
	}
}
