package sqlite_test

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// snapshot is every file of a folder with its bytes: a refused open must
// leave all of them (the database, its -wal, its -shm) exactly as they were
// and create none.
func snapshot(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	entries, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		must(t, err)
		out[e.Name()] = b
	}
	return out
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !bytes.Equal(v, w) {
			return false
		}
	}
	return true
}

// rawDB makes an SQLite file the way another program would.
func rawDB(t testing.TB, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	for _, s := range stmts {
		_, err := raw.Exec(s)
		must(t, err)
	}
}

func TestForeignFilesAreRefusedUntouched(t *testing.T) {
	cases := []struct {
		name string
		make func(t *testing.T, path string)
		want string
	}{
		{"another program's database", func(t *testing.T, path string) {
			rawDB(t, path, `CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)`, `INSERT INTO notes (body) VALUES ('keep me')`)
		}, "no inspections table"},
		{"another program's marked WAL database, open elsewhere", func(t *testing.T, path string) {
			raw, err := sql.Open("sqlite", path)
			must(t, err)
			t.Cleanup(func() { raw.Close() }) // still open: its -wal holds the rows
			for _, s := range []string{`PRAGMA journal_mode = WAL`, `PRAGMA application_id = 1196444237`,
				`CREATE TABLE inspections (id TEXT)`, `INSERT INTO inspections VALUES ('theirs')`} {
				_, err := raw.Exec(s)
				must(t, err)
			}
		}, "another program (application ID 0x"},
		{"another program's WAL database, closed", func(t *testing.T, path string) {
			rawDB(t, path, `PRAGMA journal_mode = WAL`, `CREATE TABLE photos (id TEXT)`, `INSERT INTO photos VALUES ('theirs')`)
		}, "no inspections table"},
		{"a text file", func(t *testing.T, path string) {
			must(t, os.WriteFile(path, []byte("shopping list: tea, rice\n"), 0o600))
		}, "not an SQLite database"},
		{"a damaged database", func(t *testing.T, path string) {
			rawDB(t, path, `CREATE TABLE x (a)`)
			b, err := os.ReadFile(path)
			must(t, err)
			for i := 100; i < len(b); i++ {
				b[i] = 0xA5
			}
			must(t, os.WriteFile(path, b, 0o600))
		}, "damaged"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "loupe.db")
			c.make(t, path)
			before := snapshot(t, dir)
			_, err := sqlite.Open(path)
			if err == nil {
				t.Fatal("opened a file that is not a Loupe database")
			}
			wantCode(t, err, inspection.EINVALID)
			for _, want := range []string{c.want, "Nothing was changed"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
			after := snapshot(t, dir)
			// The -shm file is the wal-index every reader of a WAL database
			// writes its read mark into, whoever it is; it holds no data.
			delete(before, "loupe.db-shm")
			delete(after, "loupe.db-shm")
			for name := range after {
				if _, ok := before[name]; !ok {
					t.Errorf("refusing the file created %s", name)
				}
			}
			if !sameFiles(before, after) {
				for name := range before {
					if !bytes.Equal(before[name], after[name]) {
						t.Errorf("refusing the file changed %s", name)
					}
				}
			}
		})
	}
}

func TestLoupeDatabasesAreMarked(t *testing.T) {
	// New: marked on creation, and the backup keeps the mark.
	path := filepath.Join(t.TempDir(), "loupe.db")
	db := openAt(t, path)
	seed(t, db)
	if got := pragma(t, path, "application_id"); got != sqlite.ApplicationID {
		t.Errorf("application_id of a new database = %#x, want %#x", got, sqlite.ApplicationID)
	}
	copy := filepath.Join(t.TempDir(), "backup.db")
	must(t, db.Backup(ctx, copy))
	if got := pragma(t, copy, "application_id"); got != sqlite.ApplicationID {
		t.Errorf("application_id of a backup = %#x, want %#x", got, sqlite.ApplicationID)
	}
	must(t, db.Close())

	// Written by a Loupe from before the mark: adopted, data kept, marked.
	rawDB(t, path, `PRAGMA application_id = 0`)
	old := openAt(t, path)
	list, err := old.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	if len(list) != 1 {
		t.Errorf("adopted database lists %d inspections, want 1", len(list))
	}
	if got := pragma(t, path, "application_id"); got != sqlite.ApplicationID {
		t.Errorf("application_id after adopting = %#x", got)
	}

	// An empty file (touched, or a crash before the first write) is new.
	empty := filepath.Join(t.TempDir(), "loupe.db")
	must(t, os.WriteFile(empty, nil, 0o600))
	openAt(t, empty)
	if got := pragma(t, empty, "application_id"); got != sqlite.ApplicationID {
		t.Errorf("application_id of a database made from an empty file = %#x", got)
	}
}

func TestRestoreRefusesForeignDatabases(t *testing.T) {
	path := filepath.Join(t.TempDir(), "other.db")
	rawDB(t, path, `PRAGMA application_id = 1196444237`, `CREATE TABLE inspections (id TEXT)`)
	_, err := sqlite.Examine(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "not a Loupe database") {
		t.Fatalf("Examine of another program's database: %v", err)
	}
	if !slices.Contains([]string{inspection.EINVALID}, inspection.ErrorCode(err)) {
		t.Errorf("code %s", inspection.ErrorCode(err))
	}
}
