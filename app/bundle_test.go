package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
)

// TestImportConflictTakeIncoming: a finding edited here after the bundle
// was written is a conflict, shown side by side; Take incoming applies the
// bundle's version.
func TestImportConflictTakeIncoming(t *testing.T) {
	d, fx := newSeededDesk(t)
	ctx := d.ctx()
	path := filepath.Join(t.TempDir(), "LP-1.loupe")
	d.writeBundle(fx.ID, path)
	d.bg.Wait()
	b, err := bundle.Read(path, bundle.Limits{})
	if err != nil {
		t.Fatalf("the exported bundle does not read back: %v", err)
	}
	if !b.Has(bundle.ReportEntry) {
		t.Error("the exported bundle carries no report")
	}
	b.Close()

	fs, err := fx.DB.Findings(ctx, fx.ID)
	if err != nil {
		t.Fatal(err)
	}
	fs[0].Description = "Deep scratch"
	if err := fx.DB.PutFinding(ctx, &fs[0]); err != nil {
		t.Fatal(err)
	}
	d.importFile(path)
	d.bg.Wait()
	if !dialogShows(d, "between this laptop and the bundle") {
		t.Fatal("the import did not report its conflict")
	}

	c := d.ShowConflicts()
	if n := len(c.Conflicts()); n != 1 || c.Conflicts()[0].Entity != "finding" {
		t.Fatalf("conflicts listed: %+v, want the one finding", c.Conflicts())
	}
	if !containsText(c.view, "Deep scratch") || !containsText(c.view, `Scratch`) {
		t.Error("the conflict screen does not show the local and the incoming description")
	}
	test.Tap(c.takeIn)
	if n := len(c.Conflicts()); n != 0 {
		t.Fatalf("%d conflicts still open after Take incoming", n)
	}
	fs, _ = fx.DB.Findings(ctx, fx.ID)
	if fs[0].Description != "Scratch" {
		t.Fatalf("finding after Take incoming: %q, want the bundle's \"Scratch\"", fs[0].Description)
	}

	d.importFile(path) // again: nothing new, no conflict
	d.bg.Wait()
	if !dialogShows(d, "already imported") {
		t.Error("importing the same bundle again did not say there was nothing new")
	}
}

// TestImportedReportIsKnown: the window's import records the bundle's
// report, which prints exactly the bundle's data, in the database it
// imports into, so `loupe verify` knows a copy of it received by mail.
func TestImportedReportIsKnown(t *testing.T) {
	d, fx := newSeededDesk(t)
	path := filepath.Join(t.TempDir(), "LP-1.loupe")
	d.writeBundle(fx.ID, path)
	d.bg.Wait()
	b, err := bundle.Read(path, bundle.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "mailed.pdf")
	err = b.ExtractPDF(bundle.ReportEntry, pdf)
	b.Close()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := inspection.NewReportFile(pdf, fx.ID, "")
	if err != nil {
		t.Fatal(err)
	}

	office, _ := newSeededDesk(t)
	office.importFile(path)
	office.bg.Wait()
	known, err := office.Store.ReportBySHA(office.ctx(), rec.SHA256)
	if err != nil || known.InspectionID != fx.ID || known.Name != "report.pdf in LP-1.loupe" {
		t.Fatalf("the office's record of the bundle's report: %+v, %v", known, err)
	}
}
