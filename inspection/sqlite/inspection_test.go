package sqlite_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/sqlite/sqlitetest"
)

func TestInspectionRoundTrip(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	shanghai := time.FixedZone("CST", 8*3600)

	full := newInspection(f, "LP-2026-0002", time.Date(2026, 3, 5, 0, 0, 0, 0, shanghai))
	full.StartedAt = time.Date(2026, 3, 5, 9, 0, 0, 123456789, shanghai)
	full.FinishedAt = time.Date(2026, 3, 5, 16, 30, 0, 0, time.UTC)
	full.QtyOrdered, full.PctProduced, full.PctPacked = 3300, 100, 87.5
	full.Cartons, full.CartonsOpened = 134, []int{3, 17, 58, 91, 120}
	full.Severity, full.SeverityReason = aql.Tightened, "two of the last five lots rejected"
	full.AQLMinor = 6.5
	full.SpecRevision, full.RevisionReason = "C", "typo in PO"
	full.ReinspectionOf, full.RevisionOf = f.in.ID, f.in.ID
	full.Comments, full.Recommendation = "釉面有轻微划痕", "Rework and re-inspect"
	created := time.Date(2026, 3, 5, 8, 0, 0, 0, shanghai)
	full.CreatedAt = created

	empty := &inspection.Inspection{ID: inspection.NewID(), Status: inspection.Draft, POs: []string{}}

	for name, in := range map[string]*inspection.Inspection{"full": full, "empty": empty} {
		t.Run(name, func(t *testing.T) {
			before := time.Now().UTC()
			must(t, db.PutInspection(ctx, in))
			if in.UpdatedAt.Before(before) || in.UpdatedAt.Location() != time.UTC {
				t.Errorf("UpdatedAt = %v, want a UTC time after %v", in.UpdatedAt, before)
			}
			if in == full && !in.CreatedAt.Equal(created) {
				t.Errorf("CreatedAt = %v, want the caller's %v", in.CreatedAt, created)
			}
			if in.CreatedAt.IsZero() {
				t.Error("CreatedAt not set")
			}
			got, err := db.Inspection(ctx, in.ID)
			must(t, err)
			want := utc(*in)
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("round trip:\n got %+v\nwant %+v", *got, want)
			}
		})
	}

	// Updating keeps CreatedAt even when the caller does not know it.
	again := *empty
	again.CreatedAt = time.Time{}
	again.Inspector = "Zhang Min"
	must(t, db.PutInspection(ctx, &again))
	if !again.CreatedAt.Equal(empty.CreatedAt) {
		t.Errorf("CreatedAt changed on update: %v → %v", empty.CreatedAt, again.CreatedAt)
	}
}

// utc is the inspection as the store returns it: every time in UTC.
func utc(in inspection.Inspection) inspection.Inspection {
	for _, p := range []*time.Time{&in.Date, &in.StartedAt, &in.FinishedAt, &in.CreatedAt, &in.UpdatedAt} {
		if !p.IsZero() {
			*p = p.UTC()
		}
	}
	return in
}

func TestInspectionNotFound(t *testing.T) {
	db := open(t)
	_, err := db.Inspection(ctx, inspection.NewID())
	wantCode(t, err, inspection.ENOTFOUND)
	_, err = db.Latest(ctx)
	wantCode(t, err, inspection.ENOTFOUND)
	wantCode(t, db.DeleteInspection(ctx, inspection.NewID()), inspection.ENOTFOUND)
	_, err = db.Dossier(ctx, inspection.NewID())
	wantCode(t, err, inspection.ENOTFOUND)
}

func TestFinalizedIsReadOnly(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	in := f.in
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Quantity: 1, Description: "dot"}
	must(t, db.PutFinding(ctx, &finding))
	m := inspection.Measurement{ID: inspection.NewID(), InspectionID: in.ID, Characteristic: "Height"}
	must(t, db.PutMeasurement(ctx, &m))
	test := inspection.Test{ID: inspection.NewID(), InspectionID: in.ID, Kind: inspection.TestDrop}
	must(t, db.PutTest(ctx, &test))
	item := inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: in.ID, Section: inspection.SectionMarking, Text: "marks"}
	must(t, db.PutChecklistItem(ctx, &item))
	photo := newPhoto(in.ID, 'a', 1)
	must(t, db.PutPhoto(ctx, &photo))
	link := inspection.PhotoLink{PhotoID: photo.ID, Kind: inspection.LinkFinding, Target: finding.ID.String()}
	must(t, db.LinkPhoto(ctx, link))
	sig := inspection.Signature{ID: inspection.NewID(), InspectionID: in.ID, Role: inspection.SignerInspector}
	must(t, db.PutSignature(ctx, &sig))

	// Saving the draft as finalized is no way to finalize: Finalize is.
	bypass := *in
	bypass.Status = inspection.Finalized
	err := db.PutInspection(ctx, &bypass)
	wantCode(t, err, inspection.EINVALID)
	if !strings.Contains(err.Error(), "finalize it (Finalize") {
		t.Errorf("the refusal does not say how to finalize: %v", err)
	}
	if got, _ := db.Inspection(ctx, in.ID); got.Status != inspection.Draft {
		t.Fatalf("PutInspection finalized the inspection")
	}
	sqlitetest.Finalize(t, db, in.ID)

	newFinding := inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Quantity: 1}
	newPhoto := newPhoto(in.ID, 'b', 2)
	for name, mutate := range map[string]func() error{
		"PutInspection":     func() error { c := *in; c.Comments = "edited"; return db.PutInspection(ctx, &c) },
		"unfinalize":        func() error { c := *in; c.Status = inspection.Draft; return db.PutInspection(ctx, &c) },
		"refinalize":        func() error { c := *in; c.Status = inspection.Finalized; return db.PutInspection(ctx, &c) },
		"DeleteInspection":  func() error { return db.DeleteInspection(ctx, in.ID) },
		"PutFinding new":    func() error { return db.PutFinding(ctx, &newFinding) },
		"PutFinding edit":   func() error { c := finding; c.Quantity = 5; return db.PutFinding(ctx, &c) },
		"DeleteFinding":     func() error { return db.DeleteFinding(ctx, finding.ID) },
		"PutMeasurement":    func() error { return db.PutMeasurement(ctx, &m) },
		"DeleteMeasurement": func() error { return db.DeleteMeasurement(ctx, m.ID) },
		"PutTest":           func() error { return db.PutTest(ctx, &test) },
		"DeleteTest":        func() error { return db.DeleteTest(ctx, test.ID) },
		"PutSection": func() error {
			return db.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: inspection.SectionPacking, Result: inspection.Pass})
		},
		"PutChecklistItem":    func() error { return db.PutChecklistItem(ctx, &item) },
		"DeleteChecklistItem": func() error { return db.DeleteChecklistItem(ctx, item.ID) },
		"PutPhoto new":        func() error { return db.PutPhoto(ctx, &newPhoto) },
		"PutPhoto edit":       func() error { c := photo; c.Caption = "x"; return db.PutPhoto(ctx, &c) },
		"DeletePhoto":         func() error { return db.DeletePhoto(ctx, photo.ID) },
		"LinkPhoto": func() error {
			return db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: photo.ID, Kind: inspection.LinkTest, Target: test.ID.String()})
		},
		"UnlinkPhoto":  func() error { return db.UnlinkPhoto(ctx, link) },
		"PutSignature": func() error { return db.PutSignature(ctx, &sig) },
	} {
		t.Run(name, func(t *testing.T) {
			err := mutate()
			wantCode(t, err, inspection.EREADONLY)
			if want := "inspection " + in.ID.String() + " is finalized: corrections need a new revision"; err.Error() != want {
				t.Errorf("message = %q, want %q", err, want)
			}
		})
	}

	d, err := db.Dossier(ctx, in.ID)
	must(t, err)
	if d.Inspection.Status != inspection.Finalized || len(d.Findings) != 1 || d.Findings[0].Quantity != 1 || len(d.Photos) != 1 || len(d.Links) != 1 || d.Inspection.Comments != "" {
		t.Errorf("finalized inspection changed: %+v", d)
	}

	// A revision is a new draft that may be edited freely.
	rev := newInspection(f, in.ReportNo+"-R1", in.Date)
	rev.RevisionOf, rev.RevisionReason = in.ID, "wrong PO"
	must(t, db.PutInspection(ctx, rev))
	fix := inspection.Finding{ID: inspection.NewID(), InspectionID: rev.ID, Class: inspection.Minor, Quantity: 1}
	must(t, db.PutFinding(ctx, &fix))
}

func TestDeleteInspectionCascades(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 1, Description: "zzyzx"}
	must(t, db.PutFinding(ctx, &finding))
	photo := newPhoto(f.in.ID, 'a', 1)
	must(t, db.PutPhoto(ctx, &photo))
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: photo.ID, Kind: inspection.LinkFinding, Target: finding.ID.String()}))
	reinspection := newInspection(f, "LP-RE", day(2026, 3, 10))
	reinspection.ReinspectionOf = f.in.ID
	must(t, db.PutInspection(ctx, reinspection))

	must(t, db.DeleteInspection(ctx, f.in.ID))
	if got, _ := db.Findings(ctx, f.in.ID); len(got) != 0 {
		t.Errorf("findings survived: %+v", got)
	}
	if inUse, _ := db.SHAInUse(ctx, photo.SHA256); inUse {
		t.Error("photo row survived its inspection")
	}
	if got, _ := db.ListInspections(ctx, inspection.Filter{Search: "zzyzx"}); len(got) != 0 {
		t.Errorf("search still finds the deleted inspection: %+v", got)
	}
	re, err := db.Inspection(ctx, reinspection.ID)
	must(t, err)
	if re.ReinspectionOf != inspection.NilID {
		t.Errorf("ReinspectionOf = %s, want NilID after the original was deleted", re.ReinspectionOf)
	}
}

func TestLatest(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	older := newInspection(f, "LP-OLD", day(2026, 1, 1))
	older.CreatedAt = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	must(t, db.PutInspection(ctx, older))
	got, err := db.Latest(ctx)
	must(t, err)
	if got.ID != f.in.ID {
		t.Errorf("Latest = %s (%s), want the seeded inspection", got.ID, got.ReportNo)
	}
}
