package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/datadir"
)

// DefaultKeep is how many rotating backups RotateBackups keeps.
const DefaultKeep = 10

// BackupDir is where rotating backups go by default: the backups folder of
// the data directory that holds the database.
func (db *DB) BackupDir() string { return datadir.Of(db.path).Backups() }

// backupName matches rotating backups. The stamp is UTC so that an inspector
// flying across time zones still gets them in order; -N separates two
// backups made within one second.
var backupName = regexp.MustCompile(`^loupe-(\d{8}-\d{6})(?:-(\d+))?\.db$`)

const backupStamp = "20060102-150405"

// RotateBackups writes a consistent copy of the database to
// dir/loupe-YYYYMMDD-HHMMSS.db (dir "" is BackupDir) and deletes the oldest
// such files beyond keep (keep < 1 means DefaultKeep). Other files in dir are
// never touched. The copy appears under its name only once complete and on
// disk, so a crash never leaves a half backup that looks whole.
func (db *DB) RotateBackups(ctx context.Context, dir string, keep int) (string, error) {
	if dir == "" {
		dir = db.BackupDir()
	}
	if keep < 1 {
		keep = DefaultKeep
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the backup folder %s: %w", dir, err)
	}
	path, err := freeBackupPath(dir, time.Now().UTC())
	if err != nil {
		return "", err
	}
	tmp := path + ".partial"
	os.Remove(tmp) // left by a crash during an earlier backup
	if err := db.Backup(ctx, tmp); err != nil {
		os.Remove(tmp)
		return "", err
	}
	if err := atomicfile.Install(tmp, path, 0o600); err != nil {
		return "", fmt.Errorf("back up database to %s: %w", path, err)
	}
	if err := pruneBackups(dir, keep); err != nil {
		return path, fmt.Errorf("backup written to %s, but old backups could not be removed: %w", path, err)
	}
	return path, nil
}

func freeBackupPath(dir string, now time.Time) (string, error) {
	base := "loupe-" + now.Format(backupStamp)
	for n := 1; n < 1000; n++ {
		name := base + ".db"
		if n > 1 {
			name = base + "-" + strconv.Itoa(n) + ".db"
		}
		path := filepath.Join(dir, name)
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path, nil
		}
	}
	return "", fmt.Errorf("too many backups named %s-N.db in %s: remove some", base, dir)
}

// Backups lists the rotating backups in dir, oldest first.
func Backups(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	type backup struct {
		stamp string
		n     int
		path  string
	}
	var list []backup
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		n := 1
		if m[2] != "" {
			n, _ = strconv.Atoi(m[2])
		}
		list = append(list, backup{m[1], n, filepath.Join(dir, e.Name())})
	}
	slices.SortFunc(list, func(a, b backup) int {
		if c := strings.Compare(a.stamp, b.stamp); c != 0 {
			return c
		}
		return a.n - b.n
	})
	out := make([]string, len(list))
	for i, b := range list {
		out[i] = b.path
	}
	return out, nil
}

func pruneBackups(dir string, keep int) error {
	list, err := Backups(dir)
	if err != nil {
		return err
	}
	for len(list) > keep {
		if err := os.Remove(list[0]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		list = list[1:]
	}
	return nil
}

// InspectionCount is the number of inspections stored.
func (db *DB) InspectionCount(ctx context.Context) (int, error) {
	var n int
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM inspections`).Scan(&n)
	})
	return n, err
}

// FileInfo describes a database file that may be restored.
type FileInfo struct {
	Path          string
	SchemaVersion int
	Inspections   int
}

// sqliteMagic opens every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Examine checks, without changing a byte, that path is a sound Loupe
// database this Loupe can open: an SQLite file with Loupe's tables, a schema
// not newer than SchemaVersion, and a clean integrity check.
func Examine(ctx context.Context, path string) (FileInfo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return FileInfo{}, err
	}
	info := FileInfo{Path: abs}
	if err := checkMagic(abs); err != nil {
		return info, err
	}
	if st, err := os.Stat(abs + "-wal"); err == nil && st.Size() > 0 {
		return info, inspection.Errorf(inspection.EINVALID, "%s has unsaved changes in %s-wal (it is open in Loupe, or Loupe stopped while using it): close Loupe, or restore from a file in the backups folder", abs, filepath.Base(abs))
	}
	// immutable: a read-only connection to a WAL database would still
	// create -wal and -shm files beside it and leave them there, which
	// InstallRestore takes for another Loupe using it.
	probe, err := sql.Open("sqlite", dsn(abs, "mode=ro&immutable=1"))
	if err != nil {
		return info, fmt.Errorf("open %s: %w", abs, err)
	}
	defer probe.Close()
	if err := probe.QueryRowContext(ctx, "PRAGMA user_version").Scan(&info.SchemaVersion); err != nil {
		return info, notLoupe(abs, translate(err))
	}
	var appID int
	if err := probe.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return info, notLoupe(abs, translate(err))
	}
	if appID != 0 && appID != ApplicationID {
		return info, notLoupe(abs, fmt.Errorf("it carries another program's application ID 0x%08X", uint32(appID)))
	}
	if newest := SchemaVersion(); info.SchemaVersion > newest {
		return info, inspection.Errorf(inspection.ETOONEW, "%s was written by a newer Loupe (schema %d, this Loupe knows up to %d): update Loupe to restore it", abs, info.SchemaVersion, newest)
	}
	if err := integrityOK(ctx, probe, abs); err != nil {
		return info, err
	}
	err = probe.QueryRowContext(ctx, `SELECT count(*) FROM inspections`).Scan(&info.Inspections)
	if err != nil || info.SchemaVersion < 1 {
		return info, notLoupe(abs, err)
	}
	return info, nil
}

func checkMagic(abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return inspection.Errorf(inspection.EINVALID, "cannot read %s: %v", abs, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && !st.Mode().IsRegular() {
		return inspection.Errorf(inspection.EINVALID, "%s is not a file: give a database file such as backups/loupe-20260301-094500.db", abs)
	}
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteMagic {
		return notLoupe(abs, nil)
	}
	return nil
}

func notLoupe(abs string, cause error) error {
	msg := fmt.Sprintf("%s is not a Loupe database: choose a file from the backups folder (loupe-YYYYMMDD-HHMMSS.db) or a loupe.db", abs)
	if cause != nil {
		msg += fmt.Sprintf(" (%v)", cause)
	}
	return inspection.Errorf(inspection.EINVALID, "%s", msg)
}

func integrityOK(ctx context.Context, db *sql.DB, abs string) error {
	var first string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check(1)").Scan(&first); err != nil {
		return notLoupe(abs, translate(err))
	}
	if first != "ok" {
		return inspection.Errorf(inspection.EINVALID, "%s is damaged (integrity check: %s): choose another backup", abs, first)
	}
	return nil
}

// StageRestore copies src beside dst (the database it will replace), on
// disk, and checks the copy, so what Install puts in place is exactly what
// was examined even if src changes or is rotated away meanwhile. The caller
// removes the staged file if it does not install it.
func StageRestore(ctx context.Context, src, dst string) (string, FileInfo, error) {
	staged := dst + ".restore"
	os.Remove(staged)
	if err := atomicfile.Copy(src, staged, 0o600); err != nil {
		os.Remove(staged)
		return "", FileInfo{}, fmt.Errorf("copy %s to %s: %w", src, staged, err)
	}
	info, err := Examine(ctx, staged)
	if err != nil {
		os.Remove(staged)
		return "", info, err
	}
	return staged, info, nil
}

// InstallRestore replaces the closed database dst by the staged file with
// one rename. A -wal file still beside dst means another Loupe has it open
// (closing the last connection removes it), so nothing is replaced. Stale
// -shm and -journal files go first: SQLite would otherwise apply them to
// the new file and corrupt it.
func InstallRestore(staged, dst string) error {
	if _, err := os.Stat(dst + "-wal"); err == nil {
		return inspection.Errorf(inspection.ECONFLICT, "%s is open in another Loupe window or command: close it and run restore again; nothing was changed", dst)
	}
	for _, side := range []string{"-shm", "-journal"} {
		if err := os.Remove(dst + side); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove stale %s%s: %w", dst, side, err)
		}
	}
	if err := atomicfile.Install(staged, dst, 0o600); err != nil {
		return fmt.Errorf("replace %s: %w", dst, err)
	}
	return nil
}
