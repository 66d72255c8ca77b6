package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// judgeAll gives every section but workmanship (which AQL judges) a pass.
func judgeAll(t *testing.T, db *sqlite.DB, id inspection.ID) {
	t.Helper()
	for _, k := range inspection.Sections {
		if k != inspection.SectionWorkmanship {
			must(t, db.PutSection(ctx, &inspection.Section{InspectionID: id, Kind: k, Result: inspection.Pass}))
		}
	}
}

func TestVerdictColumnFollowsFindings(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	verdictOf := func() (inspection.Verdict, int) {
		t.Helper()
		list, err := db.ListInspections(ctx, inspection.Filter{})
		must(t, err)
		for _, s := range list {
			if s.ID == f.in.ID {
				return s.Verdict, s.Findings
			}
		}
		t.Fatalf("inspection %s not listed", f.in.ID)
		return "", 0
	}
	if v, _ := verdictOf(); v != inspection.VerdictIncomplete {
		t.Fatalf("verdict of a draft nobody judged = %q, want incomplete", v)
	}
	judgeAll(t, db, f.in.ID)
	if v, _ := verdictOf(); v != inspection.VerdictPass {
		t.Fatalf("verdict of a clean, judged inspection = %q, want pass", v)
	}

	// Add one major unit at a time until the plan rejects the lot.
	var last inspection.Finding
	n := 0
	for ; n < 500; n++ {
		last = inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Major,
			Description: "Crack", Quantity: 1, Position: n}
		must(t, db.PutFinding(ctx, &last))
		if v, _ := verdictOf(); v == inspection.VerdictFail {
			break
		}
	}
	v, count := verdictOf()
	if v != inspection.VerdictFail {
		t.Fatalf("verdict after %d majors = %q, want fail", n+1, v)
	}
	if count != n+1 {
		t.Errorf("Findings = %d, want %d", count, n+1)
	}
	dossier, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	if got := dossier.Outcome().Verdict; got != v {
		t.Errorf("stored verdict %q disagrees with Evaluate %q", v, got)
	}
	failing, err := db.ListInspections(ctx, inspection.Filter{Verdict: inspection.VerdictFail})
	must(t, err)
	if len(failing) != 1 {
		t.Errorf("filter by fail lists %d inspections, want 1", len(failing))
	}

	// Deleting the last finding brings it back to pass.
	must(t, db.DeleteFinding(ctx, last.ID))
	if v, _ := verdictOf(); v != inspection.VerdictPass {
		t.Errorf("verdict after deleting a finding = %q, want pass", v)
	}

	// A failed section fails the report; a pending one makes it pending.
	for _, tc := range []struct {
		result inspection.Result
		want   inspection.Verdict
	}{{inspection.Pending, inspection.VerdictPending}, {inspection.Fail, inspection.VerdictFail}, {inspection.Pass, inspection.VerdictPass}} {
		must(t, db.PutSection(ctx, &inspection.Section{InspectionID: f.in.ID, Kind: inspection.SectionPacking, Result: tc.result}))
		if v, _ := verdictOf(); v != tc.want {
			t.Errorf("packing %q: verdict %q, want %q", tc.result, v, tc.want)
		}
	}

	// Changing the lot size re-evaluates too.
	f.in.LotSize = 0
	must(t, db.PutInspection(ctx, f.in))
	if v, _ := verdictOf(); v != inspection.VerdictIncomplete {
		t.Errorf("without a plan the verdict = %q, want incomplete (workmanship unjudged)", v)
	}
}

// TestSchema5RecomputesStoredVerdicts opens a database written before
// "incomplete" existed, where an unjudged draft was stored as a pass, and
// checks the list no longer says pass.
func TestSchema5RecomputesStoredVerdicts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	db := openAt(t, path)
	f := seed(t, db)
	must(t, db.Close())
	raw, err := sql.Open("sqlite", path)
	must(t, err)
	_, err = raw.Exec(`UPDATE inspections SET verdict = 'pass'`)
	must(t, err)
	_, err = raw.Exec(`PRAGMA user_version = 4`)
	must(t, err)
	must(t, raw.Close())

	db = openAt(t, path)
	list, err := db.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	if len(list) != 1 || list[0].ID != f.in.ID || list[0].Verdict != inspection.VerdictIncomplete {
		t.Fatalf("after the upgrade the list says %+v, want %s incomplete", list, f.in.ID)
	}
}
