package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// TestFreshAuditMatchesStoredRows: a record written to a fresh inspection
// is audited from the values written, not read back. Every such record's
// audit values must equal what the row holds when read back, as the audit
// of an ordinary write records it; numbers, booleans, times, JSON, NULL
// references and blobs included.
func TestFreshAuditMatchesStoredRows(t *testing.T) {
	ctx := context.Background()
	db, err := Open(filepath.Join(t.TempDir(), "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
	in.ID, in.ReportNo, in.Inspector = inspection.NewID(), "LP-1", "Li Wei"
	d := &inspection.Dossier{Inspection: *in}
	d.Sections = []inspection.Section{{InspectionID: in.ID, Kind: inspection.SectionPacking, Result: inspection.Pass, Notes: "ok"}}
	d.Checklist = []inspection.ChecklistItem{{ID: inspection.NewID(), InspectionID: in.ID, Section: inspection.SectionMarking, Text: "Marks", Result: inspection.Fail, Position: 2}}
	d.Findings = []inspection.Finding{
		{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Description: "划痕 \"quoted\"\nline", Quantity: 3, Units: []int{1, 7, 9}},
		{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Quantity: 0, Position: 1},
	}
	d.Measurements = []inspection.Measurement{{ID: inspection.NewID(), InspectionID: in.ID, Characteristic: "Height", Unit: "mm",
		Nominal: 245, TolMinus: 1.5, TolPlus: 0.1 + 0.2, CTQ: true, Values: []float64{245.2, 1e-7, 3}, CalibratedOn: time.Date(2025, 1, 2, 3, 4, 5, 6, time.UTC)}}
	d.Tests = []inspection.Test{{ID: inspection.NewID(), InspectionID: in.ID, Kind: inspection.TestDrop, Name: "Drop", SampleSize: 2, Result: inspection.Pass}}
	d.Photos = []inspection.Photo{{ID: inspection.NewID(), InspectionID: in.ID, SHA256: "ab0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd",
		Ext: ".jpg", Width: 2048, Height: 1536, Size: 123456, CreatedAt: time.Now()}}
	d.Links = []inspection.PhotoLink{{PhotoID: d.Photos[0].ID, Kind: inspection.LinkFinding, Target: d.Findings[0].ID.String()}}
	d.Signatures = []inspection.Signature{
		{ID: inspection.NewID(), InspectionID: in.ID, Role: inspection.SignerInspector, Name: "Li Wei", PNG: []byte("\x89PNG\r\n"), SignedAt: time.Now()},
		{ID: inspection.NewID(), InspectionID: in.ID, Role: inspection.SignerFactory, Waived: true, WaiverReason: "left"},
	}
	if _, err := db.Merge(ctx, d, nil); err != nil {
		t.Fatal(err)
	}
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT entity, entity_id, vals FROM audit WHERE inspection_id = ? AND action = 'create'`, in.ID.String())
		if err != nil {
			return err
		}
		type rec struct{ entity, id, vals string }
		var recs []rec
		for rows.Next() {
			var r rec
			if err := rows.Scan(&r.entity, &r.id, &r.vals); err != nil {
				return err
			}
			recs = append(recs, r)
		}
		rows.Close()
		if len(recs) != 10 {
			t.Errorf("%d records audited, want 10 (inspection and 9 records)", len(recs))
		}
		for _, r := range recs {
			table := map[string]string{"inspection": "inspections", "finding": "findings", "section": "sections", "checklist_item": "checklist_items",
				"measurement": "measurements", "test": "tests", "photo": "photos", "signature": "signatures"}[r.entity]
			id, _ := inspection.ParseID(r.id)
			rw := recordOf(table, r.entity, in.ID, id)
			if r.entity == "section" {
				rw = row{table: "sections", entity: "section", inspectionID: in.ID, entityID: r.id,
					where: "inspection_id = ? AND kind = ?", args: []any{in.ID.String(), r.id}}
			}
			want, err := snapshot(ctx, tx, rw)
			if err != nil {
				return err
			}
			for k, v := range want {
				if v == "" {
					delete(want, k)
				}
			}
			e := inspection.AuditEntry{InspectionID: in.ID, Action: inspection.AuditCreate, Entity: r.entity, EntityID: r.id}
			entries, err := expandRecord(e, r.vals, "")
			if err != nil {
				return err
			}
			got := map[string]string{}
			for _, x := range entries {
				got[x.Field] = x.New
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s %s: audited\n%v\nstored\n%v", r.entity, r.id, got, want)
			}
		}
		return rows.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}
