// Package sqlitetest opens throw-away SQLite stores for other packages' tests.
package sqlitetest

import (
	"context"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Open opens a fresh database in t.TempDir() and closes it when the test ends.
func Open(t testing.TB) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(datadir.Dir(t.TempDir()).DB())
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

// Finalize finalizes an inspection the only way there is, through
// Finalize, after doing what a test does not care about: sections still
// without a result pass, signatures are waived, a severity that departs
// from the switching rules gets a reason. Sections already judged keep
// their result.
func Finalize(t testing.TB, db *sqlite.DB, id inspection.ID) {
	t.Helper()
	ctx := context.Background()
	d, err := db.Dossier(ctx, id)
	if err != nil {
		t.Fatalf("finalize %s: %v", id, err)
	}
	judged := map[inspection.SectionKind]bool{}
	for _, s := range d.Sections {
		judged[s.Kind] = s.Result != inspection.Unjudged
	}
	for _, k := range inspection.Sections {
		if !judged[k] {
			if err := db.PutSection(ctx, &inspection.Section{InspectionID: id, Kind: k, Result: inspection.Pass}); err != nil {
				t.Fatalf("finalize %s: %v", id, err)
			}
		}
	}
	in := &d.Inspection
	if in.SignatureWaiver == "" {
		in.SignatureWaiver = "test: no signatures"
	}
	if in.SeverityReason == "" {
		in.SeverityReason = "test: severity set by the test"
	}
	if err := db.PutInspection(ctx, in); err != nil {
		t.Fatalf("finalize %s: %v", id, err)
	}
	if err := db.Finalize(ctx, id, "test"); err != nil {
		t.Fatalf("finalize %s: %v", id, err)
	}
}
