package sqlite_test

import (
	"compress/gzip"
	"database/sql"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// The fixture testdata/schema5.db.gz was written by Loupe at schema 5,
// before the audit trail was compacted: the demo data set, then edits of
// every kind (typing bursts, a deleted finding, a signature replaced by a
// waiver, a deleted draft). testdata/schema5-audit.json.gz holds what that
// Loupe's Audit returned for each inspection.

// schema5Copy unpacks the fixture into a fresh folder and returns its path.
func schema5Copy(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "loupe.db")
	gunzip(t, filepath.Join("testdata", "schema5.db.gz"), path)
	return path
}

func gunzip(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	must(t, err)
	defer in.Close()
	zr, err := gzip.NewReader(in)
	must(t, err)
	out, err := os.Create(dst)
	must(t, err)
	if _, err := io.Copy(out, zr); err != nil {
		t.Fatal(err)
	}
	must(t, out.Close())
}

func schema5Trail(t *testing.T) map[inspection.ID][]inspection.AuditEntry {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.json")
	gunzip(t, filepath.Join("testdata", "schema5-audit.json.gz"), path)
	b, err := os.ReadFile(path)
	must(t, err)
	var want map[inspection.ID][]inspection.AuditEntry
	must(t, json.Unmarshal(b, &want))
	return want
}

// TestSchema5TrailSurvivesCompaction opens a database written by the old
// code and reads every inspection's trail through Audit: every entry the
// old Loupe returned comes back, in order, field for field, from far fewer
// rows.
func TestSchema5TrailSurvivesCompaction(t *testing.T) {
	path := schema5Copy(t)
	rowsBefore := countRows(t, path, "audit")
	db := openAt(t, path)
	want := schema5Trail(t)
	total := 0
	for id, entries := range want {
		got, err := db.Audit(ctx, id)
		must(t, err)
		total += len(entries)
		if len(got) != len(entries) {
			t.Errorf("inspection %s: %d entries after the upgrade, %d before", id, len(got), len(entries))
			continue
		}
		for i := range entries {
			g, w := got[i], entries[i]
			if !g.At.Equal(w.At) {
				t.Errorf("inspection %s entry %d: at %v, was %v", id, i, g.At, w.At)
			}
			g.At = w.At
			if !reflect.DeepEqual(g, w) {
				t.Errorf("inspection %s entry %d:\n got %+v\nwant %+v", id, i, g, w)
			}
		}
	}
	if total < 900 {
		t.Fatalf("the fixture holds %d entries; expected the old trail of about 950", total)
	}
	must(t, db.Close())
	rowsAfter := countRows(t, path, "audit")
	if rowsAfter*4 > rowsBefore {
		t.Errorf("audit rows %d → %d: a new record should now be one row", rowsBefore, rowsAfter)
	}
	t.Logf("%d entries from %d rows (were %d rows)", total, rowsAfter, rowsBefore)
}

// TestSchema5UpgradeIndexesAndCounts: after the upgrade short terms are
// found through the new index and the list's finding counts are right.
func TestSchema5UpgradeIndexesAndCounts(t *testing.T) {
	db := openAt(t, schema5Copy(t))
	list, err := db.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	if len(list) != 6 {
		t.Fatalf("%d inspections, want the fixture's 6", len(list))
	}
	for _, s := range list {
		fs, err := db.Findings(ctx, s.ID)
		must(t, err)
		if s.Findings != len(fs) {
			t.Errorf("%s: list says %d findings, it has %d", s.ReportNo, s.Findings, len(fs))
		}
	}
	for term, n := range map[string]int{"明途": 3, "永光": 2, "Li": 6, "陶瓷": 0, "lid": 3, "LiD": 3} {
		got, err := db.ListInspections(ctx, inspection.Filter{Search: term})
		must(t, err)
		if len(got) != n {
			t.Errorf("search %q after the upgrade: %d inspections, want %d", term, len(got), n)
		}
	}
}

func countRows(t *testing.T, path, table string) int {
	t.Helper()
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	defer raw.Close()
	var n int
	must(t, raw.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
	return n
}
