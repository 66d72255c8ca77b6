package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// newSeededDesk opens the real UI on a complete inspection (every section
// judged, the inspector signed, the factory's signature waived) with real
// photo files.
func newSeededDesk(t *testing.T) (*Desk, *bundletest.Fixture) {
	t.Helper()
	dir := t.TempDir()
	fx := bundletest.Seed(t, dir)
	a := test.NewTempApp(t)
	applyTheme(a) // the real theme's sizes, so layouts are measured as users see them
	w := a.NewWindow("Loupe")
	t.Cleanup(w.Close)
	d := NewDesk(a, w, fx.DB, datadir.Dir(dir))
	t.Cleanup(func() { d.Close() })
	d.Start()
	return d, fx
}

func TestFinalizeMakesEditorReadOnlyAndBacksUp(t *testing.T) {
	d, fx := newSeededDesk(t)
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	f := d.Editor.finalize()
	if f == nil {
		t.Fatal("Finalize… on a complete inspection did not ask for confirmation")
	}
	if f.waiver != nil {
		t.Fatal("signatures are complete (one signed, one waived) but the dialog asks for a waiver")
	}
	test.Tap(f.confirm)
	d.bg.Wait()

	in, err := d.Store.Inspection(d.ctx(), fx.ID)
	if err != nil {
		t.Fatal(err)
	}
	if in.Status != inspection.Finalized {
		t.Fatalf("stored status %q after Finalize, want finalized", in.Status)
	}
	e := d.Editor
	if e == nil || !e.readOnly {
		t.Fatal("the editor did not reopen read-only after finalizing")
	}
	if !e.sampling.LotSize.Disabled() {
		t.Error("the lot size can still be edited on a finalized inspection")
	}
	backups, err := sqlite.Backups(fx.DB.BackupDir())
	if err != nil || len(backups) != 1 {
		t.Fatalf("backups after finalizing: %v, %v; want one", backups, err)
	}
	if n := d.Notices(); len(n) != 1 || !strings.Contains(n[0], backups[0]) {
		t.Errorf("notices %q, want one naming the backup %s", n, backups[0])
	}

	e.revise("wrong PO number")
	if d.Editor == e || d.Editor.readOnly || d.Editor.in.RevisionOf != fx.ID {
		t.Fatalf("Correct did not open a draft revision of %s: %+v", fx.ID, d.Editor.in)
	}
}

func TestFinalizeListsWhatIsMissing(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	if f := e.finalize(); f != nil {
		t.Fatal("a new inspection without results offered to finalize")
	}
	if !dialogShows(d, "Not ready to finalize") {
		t.Error("no dialog lists what is missing")
	}
	in, _ := d.Store.Inspection(d.ctx(), e.in.ID)
	if in.Status == inspection.Finalized {
		t.Fatal("an incomplete inspection was finalized")
	}
}

func TestFinalizeWithSignatureWaiver(t *testing.T) {
	d, fx := newSeededDesk(t)
	sigs, err := fx.DB.Signatures(d.ctx(), fx.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sigs {
		if s.Role == inspection.SignerFactory {
			s.Waived, s.WaiverReason = false, ""
			if err := fx.DB.PutSignature(d.ctx(), &s); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	f := d.Editor.finalize()
	if f == nil || f.waiver == nil {
		t.Fatal("with the factory signature missing, the dialog should ask for a waiver reason")
	}
	if !f.confirm.Disabled() {
		t.Fatal("Finalize is enabled before a waiver reason is given")
	}
	test.Type(f.waiver, "factory manager left early")
	test.Tap(f.confirm)
	d.bg.Wait()
	in, _ := d.Store.Inspection(d.ctx(), fx.ID)
	if in.Status != inspection.Finalized || in.SignatureWaiver != "factory manager left early" {
		t.Fatalf("after the waiver: status %q, waiver %q", in.Status, in.SignatureWaiver)
	}
}

// dialogShows reports whether an overlay on the window contains text.
func dialogShows(d *Desk, text string) bool {
	for _, o := range d.Window.Canvas().Overlays().List() {
		if containsText(o, text) {
			return true
		}
	}
	return false
}

func containsText(o fyne.CanvasObject, text string) bool {
	for _, c := range test.LaidOutObjects(o) {
		if l, ok := c.(*widget.Label); ok && strings.Contains(l.Text, text) {
			return true
		}
		if r, ok := c.(*canvas.Text); ok && strings.Contains(r.Text, text) {
			return true
		}
	}
	return false
}

func TestBackupAtStart(t *testing.T) {
	d, fx := newSeededDesk(t)
	d.backupAtStart()
	d.bg.Wait()
	if b, err := sqlite.Backups(fx.DB.BackupDir()); err != nil || len(b) != 1 {
		t.Fatalf("backups after start: %v, %v; want one", b, err)
	}
	if n := d.Notices(); len(n) != 0 {
		t.Errorf("a successful backup left notices %q", n)
	}
}
