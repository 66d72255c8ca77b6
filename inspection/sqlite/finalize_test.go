package sqlite_test

import (
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// complete fills every section, a finding with a photo, a measurement and a
// test, and the two signatures.
func complete(t *testing.T, db *sqlite.DB, in *inspection.Inspection) inspection.Finding {
	t.Helper()
	for _, k := range inspection.Sections {
		must(t, db.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Pass}))
	}
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Quantity: 2, Description: "glaze dot"}
	must(t, db.PutFinding(ctx, &finding))
	photo := newPhoto(in.ID, 'a', 1)
	must(t, db.PutPhoto(ctx, &photo))
	must(t, db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: photo.ID, Kind: inspection.LinkFinding, Target: finding.ID.String()}))
	must(t, db.PutMeasurement(ctx, &inspection.Measurement{ID: inspection.NewID(), InspectionID: in.ID, Characteristic: "Height", Values: []float64{95.1}}))
	must(t, db.PutTest(ctx, &inspection.Test{ID: inspection.NewID(), InspectionID: in.ID, Kind: inspection.TestDrop, Result: inspection.Pass}))
	sign(t, db, in, inspection.SignerInspector)
	sign(t, db, in, inspection.SignerFactory)
	return finding
}

func sign(t *testing.T, db *sqlite.DB, in *inspection.Inspection, role inspection.SignerRole) {
	t.Helper()
	must(t, db.PutSignature(ctx, &inspection.Signature{ID: inspection.NewID(), InspectionID: in.ID, Role: role, Name: string(role), PNG: []byte("\x89PNG fake")}))
}

func TestFinalizeRefusedUntilComplete(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	must(t, db.PutSection(ctx, &inspection.Section{InspectionID: f.in.ID, Kind: inspection.SectionQuantity, Result: inspection.Pass}))
	sign(t, db, f.in, inspection.SignerInspector)

	err := db.Finalize(ctx, f.in.ID, "Li Wei")
	wantCode(t, err, inspection.ECONFLICT)
	for _, want := range []string{"Conformity", "Packing", "Marking and labeling", "Client requirements", "missing signatures: factory"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("refusal %q does not mention %q", err, want)
		}
	}
	// Workmanship is judged by AQL (lot size set), quantity by the inspector.
	for _, not := range []string{"Workmanship", "Quantity", "inspector"} {
		if strings.Contains(err.Error(), not) {
			t.Errorf("refusal %q lists %q, which is done", err, not)
		}
	}
	if got, _ := db.Inspection(ctx, f.in.ID); got.Status != inspection.Draft {
		t.Errorf("refused finalize changed status to %s", got.Status)
	}
}

func TestFinalize(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	finding := complete(t, db, f.in)

	must(t, db.Finalize(ctx, f.in.ID, "Li Wei"))
	got, err := db.Inspection(ctx, f.in.ID)
	must(t, err)
	if got.Status != inspection.Finalized || got.FinalizedBy != "Li Wei" || got.FinalizedAt.IsZero() || got.FinishedAt.IsZero() {
		t.Errorf("after Finalize: status %s, by %q, at %v, finished %v", got.Status, got.FinalizedBy, got.FinalizedAt, got.FinishedAt)
	}
	m, err := db.Manifest(ctx, f.in.ID)
	must(t, err)
	d, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	now, err := inspection.NewManifest(d)
	must(t, err)
	if diff := m.Diff(now); diff != nil || m.Verdict != inspection.VerdictPass || len(m.Photos) != 1 || m.Photos[0].SHA256 != sha('a') {
		t.Errorf("stored manifest %+v differs from the data: %v", m, diff)
	}

	edit := finding
	edit.Quantity = 9
	wantCode(t, db.PutFinding(ctx, &edit), inspection.EREADONLY)
	wantCode(t, db.Finalize(ctx, f.in.ID, "Li Wei"), inspection.ECONFLICT)
}

func TestFinalizeWithWaiver(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	for _, k := range inspection.Sections {
		must(t, db.PutSection(ctx, &inspection.Section{InspectionID: f.in.ID, Kind: k, Result: inspection.Pending}))
	}
	f.in.SignatureWaiver = "factory manager left before the end of the inspection"
	must(t, db.PutInspection(ctx, f.in))
	must(t, db.Finalize(ctx, f.in.ID, "Li Wei"))
	got, err := db.Inspection(ctx, f.in.ID)
	must(t, err)
	if got.SignatureWaiver != f.in.SignatureWaiver {
		t.Errorf("SignatureWaiver = %q", got.SignatureWaiver)
	}
}

func TestRevise(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	finding := complete(t, db, f.in)
	_, err := db.Revise(ctx, f.in.ID, "wrong PO", "Li Wei")
	wantCode(t, err, inspection.ECONFLICT) // drafts are edited, not revised
	must(t, db.Finalize(ctx, f.in.ID, "Li Wei"))
	_, err = db.Revise(ctx, f.in.ID, "  ", "Li Wei")
	wantCode(t, err, inspection.EINVALID)

	rev, err := db.Revise(ctx, f.in.ID, "wrong PO", "Li Wei")
	must(t, err)
	if rev.ID == f.in.ID || rev.Status != inspection.Draft || rev.RevisionOf != f.in.ID || rev.RevisionReason != "wrong PO" || rev.ReportNo != f.in.ReportNo+"-R1" {
		t.Errorf("revision header = %+v", rev)
	}
	old, err := db.Dossier(ctx, f.in.ID)
	must(t, err)
	d, err := db.Dossier(ctx, rev.ID)
	must(t, err)
	if len(d.Sections) != len(old.Sections) || len(d.Findings) != 1 || len(d.Measurements) != 1 || len(d.Tests) != 1 || len(d.Photos) != 1 || len(d.Links) != 1 {
		t.Fatalf("revision did not copy everything: %+v", d)
	}
	if d.Findings[0].ID == finding.ID || d.Findings[0].Description != finding.Description || d.Links[0].Target != d.Findings[0].ID.String() {
		t.Errorf("copied finding %+v / link %+v do not point at the copy", d.Findings[0], d.Links[0])
	}
	if len(d.Signatures) != 0 {
		t.Errorf("signatures of the previous version were copied: %+v", d.Signatures)
	}
	if old.Inspection.Status != inspection.Finalized || len(old.Findings) != 1 {
		t.Errorf("the original changed: %+v", old.Inspection)
	}
	edit := d.Findings[0]
	edit.Quantity = 1
	must(t, db.PutFinding(ctx, &edit))
	_, err = db.Revise(ctx, f.in.ID, "again", "Li Wei")
	wantCode(t, err, inspection.ECONFLICT) // one open revision at a time
}

func TestAuditTrail(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	actx := inspection.WithActor(ctx, "Li Wei")
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 2, Description: "glaze dot"}
	must(t, db.PutFinding(actx, &finding))
	finding.Quantity = 3
	must(t, db.PutFinding(inspection.WithActor(ctx, "Chen Jing"), &finding))
	must(t, db.PutFinding(actx, &finding)) // unchanged: nothing recorded
	f.in.Comments = "lid loose"
	must(t, db.PutInspection(actx, f.in))
	must(t, db.DeleteFinding(actx, finding.ID))

	log, err := db.Audit(ctx, f.in.ID)
	must(t, err)
	find := func(action, entity, field, old, nw string) *inspection.AuditEntry {
		for i, e := range log {
			if e.Action == action && e.Entity == entity && e.Field == field && e.Old == old && e.New == nw {
				return &log[i]
			}
		}
		t.Errorf("no audit entry %s %s.%s %q → %q in %+v", action, entity, field, old, nw, log)
		return nil
	}
	find(inspection.AuditCreate, "finding", "description", "", "glaze dot")
	if e := find(inspection.AuditUpdate, "finding", "quantity", "2", "3"); e != nil && (e.Who != "Chen Jing" || e.EntityID != finding.ID.String() || e.At.IsZero()) {
		t.Errorf("edit entry = %+v", e)
	}
	find(inspection.AuditUpdate, "inspection", "comments", "", "lid loose")
	find(inspection.AuditDelete, "finding", "description", "glaze dot", "")
	find(inspection.AuditDelete, "finding", "quantity", "3", "")
	n := 0
	for _, e := range log {
		if e.Entity == "finding" && e.Field == "quantity" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d quantity entries, want 3 (create, edit, delete; the unchanged put adds none)", n)
	}
}

// TestAuditFoldsTyping: the window saves every keystroke; the trail keeps
// one change per burst of typing in a field, and none when the text ends
// where it began.
func TestAuditFoldsTyping(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	actx := inspection.WithActor(ctx, "Li Wei")
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 1, Description: "s"}
	must(t, db.PutFinding(actx, &finding))
	for _, text := range []string{"sc", "scr", "scratch", "scratch on lid"} {
		finding.Description = text
		must(t, db.PutFinding(actx, &finding))
	}
	descriptionChanges := func() []inspection.AuditEntry {
		entries, err := db.Audit(ctx, f.in.ID)
		must(t, err)
		var out []inspection.AuditEntry
		for _, e := range entries {
			if e.Field == "description" && e.Action == inspection.AuditUpdate {
				out = append(out, e)
			}
		}
		return out
	}
	got := descriptionChanges()
	if len(got) != 1 || got[0].Old != "s" || got[0].New != "scratch on lid" {
		t.Fatalf("typing left %+v; want one change s → scratch on lid", got)
	}
	finding.Quantity = 2 // another field in between closes the burst
	must(t, db.PutFinding(actx, &finding))
	finding.Description = "deep scratch on lid"
	must(t, db.PutFinding(actx, &finding))
	if got := descriptionChanges(); len(got) != 2 {
		t.Fatalf("an edit after another field: %d description changes, want 2", len(got))
	}
	finding.Description = "scratch on lid" // typed back
	must(t, db.PutFinding(actx, &finding))
	if got := descriptionChanges(); len(got) != 1 {
		t.Fatalf("text typed back to where it began still recorded: %+v", got)
	}
}
