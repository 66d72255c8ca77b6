// Package sqlite keeps Loupe's data in one SQLite file (modernc.org/sqlite,
// pure Go) and implements inspection.Store.
//
// Storage conventions, chosen so that values round-trip exactly:
//   - IDs are UUID text; a NilID reference is stored as NULL.
//   - Times are converted to UTC and stored as RFC 3339 text with nine
//     fraction digits ("2026-03-04T09:00:00.000000000Z"), which sorts as text;
//     the zero time is stored as the empty string. Times therefore come back in UTC: compare
//     them with time.Time.Equal, or normalise with UTC() before DeepEqual.
//   - Slices are JSON text; a nil slice comes back nil, an empty one empty.
//   - Every mutation is one transaction, committed with synchronous=FULL in
//     WAL mode before the method returns.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/loupeqc/loupe/inspection"
)

//go:embed migration/*.sql
var migrationFS embed.FS

var _ inspection.Store = (*DB)(nil)

// DB is the SQLite store. It is safe for concurrent use, and several
// processes may open the same file.
type DB struct {
	db   *sql.DB
	path string
}

// Open opens (creating if needed) the database at path, brings its schema
// up to date and marks it as Loupe's (ApplicationID). A database written by
// a newer Loupe is refused with ETOONEW, and a file that is not a Loupe
// database (another program's, or damaged) with EINVALID; either is left
// untouched.
func Open(path string) (*DB, error) {
	if path == "" {
		return nil, inspection.Errorf(inspection.EINVALID, "no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	if err := checkIdentity(abs); err != nil {
		return nil, err
	}
	sqldb := sql.OpenDB(cachingConnector{dsn: dsn(abs, fullPragmas), drv: &sqlite.Driver{}})
	db := &DB{db: sqldb, path: abs}
	if err := db.migrate(context.Background()); err != nil {
		sqldb.Close()
		return nil, err
	}
	if err := db.mark(context.Background()); err != nil {
		sqldb.Close()
		return nil, err
	}
	return db, nil
}

// fullPragmas configure every connection. busy_timeout comes first so that
// the other pragmas wait for a second process instead of failing;
// _txlock=immediate makes write transactions take the write lock at BEGIN,
// where a busy database is waited for, instead of failing on a later lock
// upgrade.
const fullPragmas = "_pragma=busy_timeout(10000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)" +
	"&_pragma=foreign_keys(1)" +
	"&_txlock=immediate"

// dsn builds a file: URI so that any path (spaces, '?', '#', Windows drive
// letters) reaches SQLite intact.
func dsn(abs, query string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x → /C:/x
	}
	u := url.URL{Scheme: "file", Path: p}
	return u.String() + "?" + query
}

// Path is the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// Close closes the database.
func (db *DB) Close() error { return db.db.Close() }

// Backup writes a consistent copy of the database to dest, which must not exist.
func (db *DB) Backup(ctx context.Context, dest string) error {
	if _, err := db.db.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("back up database to %s: %w", dest, err)
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check and returns its report: "ok"
// when the file is sound.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	rows, err := db.db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return "", fmt.Errorf("integrity check: %w", err)
	}
	defer rows.Close()
	var lines []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return "", fmt.Errorf("integrity check: %w", err)
		}
		lines = append(lines, s)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("integrity check: %w", err)
	}
	return strings.Join(lines, "\n"), nil
}

// migration is one embedded schema step; its version is its file number.
type migration struct {
	version int
	name    string
}

func migrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migration/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, n := range names {
		var v int
		if _, err := fmt.Sscanf(filepath.Base(n), "%08d.sql", &v); err != nil {
			return nil, fmt.Errorf("migration %s: file name must be an 8-digit number: %w", n, err)
		}
		ms = append(ms, migration{version: v, name: n})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies the missing migrations in order, each in its own
// transaction together with the PRAGMA user_version that records it, so a
// crash leaves the database at a whole version.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	newest := 0
	if len(ms) > 0 {
		newest = ms[len(ms)-1].version
	}
	current, err := db.userVersion(ctx)
	if err != nil {
		return err
	}
	if current > newest {
		return tooNew(current, newest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := db.apply(ctx, m, newest); err != nil {
			return err
		}
	}
	return nil
}

// recompute holds the Go steps of migrations that change derived data
// rather than the schema: they run after the migration's SQL, in its
// transaction.
var recompute = map[int]func(ctx context.Context, tx *sql.Tx) error{
	5: refreshAllVerdicts,
	6: reindexAll,
	8: upgradeTo8,
}

// refreshAllVerdicts stores every inspection's verdict again, as
// inspection.Evaluate computes it now (schema 5 has no finding count yet).
func refreshAllVerdicts(ctx context.Context, tx *sql.Tx) error {
	ids, err := inspectionIDs(ctx, tx, `SELECT id FROM inspections`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		findings, err := queryFindings(ctx, tx, id)
		if err != nil {
			return err
		}
		v, err := verdictOf(ctx, tx, id, findings)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE inspections SET verdict = ? WHERE id = ?`, string(v), id.String()); err != nil {
			return err
		}
	}
	return nil
}

func tooNew(current, newest int) error {
	return inspection.Errorf(inspection.ETOONEW,
		"this database was written by a newer Loupe (schema %d, this Loupe knows up to %d): update Loupe; nothing was changed",
		current, newest)
}

func (db *DB) userVersion(ctx context.Context) (int, error) {
	var v int
	if err := db.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("open database %s: read schema version: %w", db.path, err)
	}
	return v, nil
}

func (db *DB) apply(ctx context.Context, m migration, newest int) error {
	body, err := migrationFS.ReadFile(m.name)
	if err != nil {
		return err
	}
	return db.transact(ctx, func(tx *sql.Tx) error {
		// Another process may have migrated while we waited for the lock.
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return err
		}
		if v > newest {
			return tooNew(v, newest)
		}
		if v >= m.version {
			return nil
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return fmt.Errorf("migrate database %s to schema %d: %w", db.path, m.version, err)
		}
		if step := recompute[m.version]; step != nil {
			if err := step(ctx, tx); err != nil {
				return fmt.Errorf("migrate database %s to schema %d: %w", db.path, m.version, err)
			}
		}
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
		return err
	})
}

// write runs fn in one write transaction, marks the data changed (see
// ChangeToken) and commits.
func (db *DB) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return db.transact(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return markChanged(ctx, tx)
	})
}

// transact runs fn in one write transaction and commits it. In a Bulk
// context the commit is not synced to disk by itself (see Bulk).
func (db *DB) transact(ctx context.Context, fn func(tx *sql.Tx) error) error {
	if bulk, _ := ctx.Value(bulkKey{}).(bool); bulk {
		return db.transactBulk(ctx, fn)
	}
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return translate(err)
	}
	return commit(tx, fn)
}

func commit(tx *sql.Tx, fn func(tx *sql.Tx) error) error {
	if err := fn(tx); err != nil {
		tx.Rollback()
		return translate(err)
	}
	if err := tx.Commit(); err != nil {
		return translate(err)
	}
	return nil
}

// read runs fn in a read transaction, so multi-query reads see one snapshot.
func (db *DB) read(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return translate(err)
	}
	defer tx.Rollback()
	return translate(fn(tx))
}

// translate turns SQLite failures the user can act on into domain errors.
func translate(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return inspection.Errorf(inspection.EINVALID, "the record refers to a client, supplier, factory, product, sample or inspection that does not exist: save that first (%v)", err)
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_BUSY_SNAPSHOT, sqlite3.SQLITE_LOCKED:
		return inspection.Errorf(inspection.ECONFLICT, "the database is busy in another Loupe window or process: try again (%v)", err)
	case sqlite3.SQLITE_FULL:
		return inspection.Errorf(inspection.EINTERNAL, "the disk is full: free some space and try again; nothing was saved (%v)", err)
	case sqlite3.SQLITE_CANTOPEN:
		return inspection.Errorf(inspection.EINTERNAL, "the database file cannot be opened: check that its folder exists and is writable (%v)", err)
	case sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT:
		return inspection.Errorf(inspection.EINVALID, "the file is not a Loupe database or is damaged: choose another data folder or restore a backup (%v)", err)
	case sqlite3.SQLITE_READONLY:
		return inspection.Errorf(inspection.EINTERNAL, "the database file cannot be written (read-only disk or permissions): %v", err)
	}
	return err
}
