// Package sqlitetest opens throw-away SQLite stores for other packages' tests.
package sqlitetest

import (
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Open opens a fresh database in t.TempDir() and closes it when the test ends.
func Open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "loupe.db"))
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() {
		if err := db.Close(); err != nil {
			t.Errorf("close test database: %v", err)
		}
	})
	return db
}
