package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// DefaultBackupBytes is how much disk the rotating backups may use
// together: a database of 10,000 inspections is under 1 GB, so a few days
// of backups fit.
const DefaultBackupBytes int64 = 4 << 30

// BackupEvery is how often DailyBackup makes a backup at most.
const BackupEvery = 24 * time.Hour

// Budget bounds the rotating backups in a folder: at most Keep files and
// Bytes bytes together. The newest backup always stays, whatever its size.
type Budget struct {
	Keep  int
	Bytes int64
}

// DefaultBudget is what the window, finalize and `loupe backup` keep.
var DefaultBudget = Budget{Keep: DefaultKeep, Bytes: DefaultBackupBytes}

// Daily says what DailyBackup did: the backup it wrote, or why it wrote
// none.
type Daily struct {
	Path    string
	Skipped string
}

// DailyBackup writes a rotating backup (see RotateBackupsWithin) only when
// one is due: the newest backup is at least BackupEvery old, and the data
// changed since it was made (its change token, which the copy carries, is
// not the database's now). A database of a career is a gigabyte: copying
// it at every start, changed or not, filled laptops.
func (db *DB) DailyBackup(ctx context.Context, now time.Time) (Daily, error) {
	dir := db.BackupDir()
	list, err := Backups(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Daily{}, err
	}
	if len(list) > 0 {
		newest := list[len(list)-1]
		at, _ := backupTime(filepath.Base(newest))
		if age := now.Sub(at); age < BackupEvery {
			return Daily{Skipped: fmt.Sprintf("the last backup, %s, is less than a day old", newest)}, nil
		}
		now, err := db.ChangeToken(ctx)
		if err != nil {
			return Daily{}, err
		}
		if then := backupToken(ctx, newest); then == now {
			return Daily{Skipped: fmt.Sprintf("nothing changed since the last backup, %s", newest)}, nil
		}
	}
	path, err := db.RotateBackupsWithin(ctx, dir, DefaultBudget)
	return Daily{Path: path}, err
}

// backupTime reads the UTC time in a rotating backup's name.
func backupTime(name string) (time.Time, bool) {
	m := backupName.FindStringSubmatch(name)
	if m == nil {
		return time.Time{}, false
	}
	t, err := time.Parse(backupStamp, m[1])
	return t, err == nil
}

// backupToken reads the change token a backup carries, without changing a
// byte of it; "" when it has none (made by an older Loupe) or is unreadable.
func backupToken(ctx context.Context, path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return ""
	}
	probe, err := sql.Open("sqlite", dsn(abs, "mode=ro&immutable=1"))
	if err != nil {
		return ""
	}
	defer probe.Close()
	var token string
	if err := probe.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'change'`).Scan(&token); err != nil {
		return ""
	}
	return token
}

// pruneWithin deletes the oldest rotating backups in dir until the rest
// fit the budget; the newest stays whatever its size.
func pruneWithin(dir string, b Budget) error {
	list, err := Backups(dir)
	if err != nil {
		return err
	}
	sizes := make([]int64, len(list))
	var total int64
	for i, p := range list {
		if st, err := os.Stat(p); err == nil {
			sizes[i] = st.Size()
		}
		total += sizes[i]
	}
	for len(list) > 1 && (len(list) > max(b.Keep, 1) || b.Bytes > 0 && total > b.Bytes) {
		if err := os.Remove(list[0]); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		total -= sizes[0]
		list, sizes = list[1:], sizes[1:]
	}
	return nil
}
