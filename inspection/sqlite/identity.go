package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/loupeqc/loupe/inspection"
)

// ApplicationID marks an SQLite file as a Loupe database (PRAGMA
// application_id, bytes 68–71 of the file header): "LOUP" in ASCII. Open
// writes it; a file carrying another program's mark, or none and another
// program's tables, is refused without a byte changed.
const ApplicationID = 0x4C4F5550

// loupeTables are the tables every Loupe schema has had since the first.
// An unmarked file that holds them was written by a Loupe from before the
// mark, and is adopted.
var loupeTables = []string{"inspections", "sections", "findings", "photos", "photo_links", "signatures"}

// identity is what the file says it is, read without writing.
type identity struct {
	appID, version int
	tables         map[string]bool
}

// checkIdentity refuses, before anything opens the file for writing, a
// database from a newer Loupe, a file that is not a database, a damaged
// one, and another program's database that happens to be called loupe.db
// (migrating it would add Loupe's tables to it). A missing or empty file is
// a new database.
func checkIdentity(abs string) error {
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return inspection.Errorf(inspection.EINTERNAL, "cannot read the database %s: %v", abs, err)
	case !st.Mode().IsRegular():
		return inspection.Errorf(inspection.EINVALID, "the database %s is not a file: choose another data folder with --data DIR", abs)
	case st.Size() == 0:
		return nil
	}
	if err := checkMagicOf(abs); err != nil {
		return err
	}
	id, err := readIdentity(abs)
	if err != nil {
		return err
	}
	newest := SchemaVersion()
	switch {
	case id.appID == ApplicationID && id.version > newest:
		return tooNew(id.version, newest)
	case id.appID == ApplicationID:
		return nil
	case id.appID != 0:
		return foreign(abs, fmt.Sprintf("it belongs to another program (application ID 0x%08X)", uint32(id.appID)))
	case id.version == 0 && len(id.tables) == 0:
		return nil // an empty SQLite file: a new database
	case id.version > newest:
		return tooNew(id.version, newest)
	}
	for _, t := range loupeTables {
		if !id.tables[t] {
			return foreign(abs, fmt.Sprintf("it has no %s table, so another program wrote it", t))
		}
	}
	return nil // a Loupe database from before the mark: migrate marks it
}

// checkMagicOf tells a file that is not SQLite at all from a damaged one.
func checkMagicOf(abs string) error {
	f, err := os.Open(abs)
	if err != nil {
		return inspection.Errorf(inspection.EINTERNAL, "cannot read the database %s: %v", abs, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	if _, err := io.ReadFull(f, head); err != nil || string(head) != sqliteMagic {
		return foreign(abs, "it is not an SQLite database")
	}
	return nil
}

// readIdentity reads the header fields and table names without writing a
// byte: with no -wal beside the file, the file alone is the database and is
// read as immutable (a read-only connection would still create -wal and
// -shm files); with one, another program has it open or stopped while using
// it, and a read-only connection sees its latest state through the existing
// files.
func readIdentity(abs string) (identity, error) {
	id := identity{tables: map[string]bool{}}
	query := "mode=ro&immutable=1"
	if _, err := os.Stat(abs + "-wal"); err == nil {
		query = "mode=ro&_pragma=busy_timeout(10000)"
	}
	probe, err := sql.Open("sqlite", dsn(abs, query))
	if err != nil {
		return id, fmt.Errorf("open database %s: %w", abs, err)
	}
	defer probe.Close()
	ctx := context.Background()
	err = probe.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id.appID)
	if err == nil {
		err = probe.QueryRowContext(ctx, "PRAGMA user_version").Scan(&id.version)
	}
	if err == nil {
		err = tableNames(ctx, probe, id.tables)
	}
	if err != nil {
		return id, damaged(abs, err)
	}
	return id, nil
}

func tableNames(ctx context.Context, db *sql.DB, into map[string]bool) error {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type = 'table'`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		into[name] = true
	}
	return rows.Err()
}

func foreign(abs, why string) error {
	return inspection.Errorf(inspection.EINVALID,
		"%s is not a Loupe database: %s. Nothing was changed. Move that file away, or choose another data folder with --data DIR", abs, why)
}

func damaged(abs string, cause error) error {
	return inspection.Errorf(inspection.EINVALID,
		"the database %s is damaged and cannot be read (%v). Nothing was changed. Restore the latest backup with `loupe restore`, from the backups folder beside it", abs, cause)
}

// mark writes Loupe's application ID into a database that lacks it: a new
// one, or one from before the mark that checkIdentity adopted.
func (db *DB) mark(ctx context.Context) error {
	var id int
	if err := db.db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	if id == ApplicationID {
		return nil
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID))
		return err
	})
}
