package app

import (
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// drawnRows are the home list's rows on screen, top first.
func drawnRows(d *Desk) []*homeRow {
	var rows []*homeRow
	var tops []float32
	walkDrawn(d.Window.Canvas().Content(), fyne.Position{}, func(o fyne.CanvasObject, abs fyne.Position) {
		if r, ok := o.(*homeRow); ok {
			i := len(rows)
			for i > 0 && tops[i-1] > abs.Y {
				i--
			}
			rows, tops = slices.Insert(rows, i, r), slices.Insert(tops, i, abs.Y)
		}
	})
	return rows
}

func TestSingleClickSelectsRow(t *testing.T) {
	d := newTestDesk(t)
	for range 2 {
		if _, err := createInspection(d); err != nil {
			t.Fatal(err)
		}
	}
	d.ShowHome()
	d.Window.Resize(fyne.NewSize(1366, 768))
	rows := drawnRows(d)
	if len(rows) < 2 {
		t.Fatalf("%d rows drawn, want 2", len(rows))
	}
	for _, b := range d.Home.actions {
		if !b.Disabled() {
			t.Fatalf("%q is enabled before anything is selected", b.Text)
		}
	}
	if got := rows[0].cells.Objects[colVerdict].(*Badge).Text(); got != "INCOMPLETE" {
		t.Errorf("a blank draft's badge in the list reads %q, want INCOMPLETE", got)
	}
	// A click where the second row is drawn, dispatched as the window does.
	test.TapCanvas(d.Window.Canvas(), centre(t, d.Window, rows[1].cells.Objects[4]))
	if d.Home.selected != 1 {
		t.Fatalf("one click on the second row: selected %d, want 1", d.Home.selected)
	}
	for _, b := range append(d.Home.actions, d.Home.del) {
		if b.Disabled() {
			t.Errorf("%q is still disabled with a row selected", b.Text)
		}
	}
	if want := d.Home.rows[1].ReportNo; !strings.Contains(d.Home.detail.Text, want) {
		t.Errorf("detail line %q does not name the selected %s", d.Home.detail.Text, want)
	}
	test.Tap(d.Home.actions[0]) // Open
	if !dialogShows(d, "Opening "+d.Home.rows[1].ReportNo) {
		t.Error("no busy sign while the inspection opens")
	}
	d.bg.Wait()
	if d.Window.Canvas().Overlays().Top() != nil {
		t.Error("the busy sign stays after the editor is shown")
	}
	if d.Editor == nil || d.Editor.in.ID != d.Home.rows[1].ID {
		t.Fatal("Open after a single click did not open the selected inspection")
	}
}

// TestListShowsWholeReportNumbersAndNames: same-day report numbers differ
// only in their last digits and must never be cut; long names, cut in their
// cells, are whole in the selected row's detail line.
func TestListShowsWholeReportNumbersAndNames(t *testing.T) {
	d := newTestDesk(t)
	ctx := d.ctx()
	s := &inspection.Supplier{ID: inspection.NewID(), Name: "Dongguan Everlight Electrical Appliances Manufacturing Co., Ltd."}
	p := &inspection.Product{ID: inspection.NewID(), SKU: "NW-KT-1750", Description: "Stainless steel electric kettle 1.7 L with keep-warm base and limescale filter"}
	if err := d.Store.PutSupplier(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := d.Store.PutProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	for _, no := range []string{"LP-2026-1202-1504", "LP-2026-1202-1517"} {
		in, err := createInspection(d)
		if err != nil {
			t.Fatal(err)
		}
		in.ReportNo, in.SupplierID, in.ProductID = no, s.ID, p.ID
		if err := d.Store.PutInspection(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range []fyne.Size{{Width: 1366, Height: 768}, {Width: 1920, Height: 1080}} {
		d.ShowHome()
		d.Window.Resize(size)
		for _, r := range drawnRows(d) {
			for _, i := range []int{colVerdict, colReport} {
				cell := r.cells.Objects[i]
				if cell.Size().Width < cell.MinSize().Width && !fitsWhole(cell) {
					t.Errorf("at %v column %d is cut: %v < %v", size, i, cell.Size(), cell.MinSize())
				}
			}
			l := r.cells.Objects[colReport].(*widget.Label)
			if need := fyne.MeasureText(l.Text, l.Theme().Size("text"), l.TextStyle).Width; l.Size().Width < need {
				t.Errorf("at %v report number %q gets %.0f px, needs %.0f", size, l.Text, l.Size().Width, need)
			}
		}
	}
	test.TapCanvas(d.Window.Canvas(), centre(t, d.Window, drawnRows(d)[0].cells.Objects[5]))
	for _, whole := range []string{s.Name, p.Description} {
		if !strings.Contains(d.Home.detail.Text, whole) {
			t.Errorf("detail line %q does not show %q whole", d.Home.detail.Text, whole)
		}
	}
}

// fitsWhole: a badge draws its word centred, so its width must hold the word.
func fitsWhole(o fyne.CanvasObject) bool {
	b, ok := o.(*Badge)
	return ok && b.Size().Width >= b.MinSize().Width
}

func TestDeleteDraftAsksAndAudits(t *testing.T) {
	d := newTestDesk(t)
	in, err := createInspection(d)
	if err != nil {
		t.Fatal(err)
	}
	d.ShowHome()
	d.Home.list.Select(0)
	test.Tap(d.Home.del)
	if !dialogShows(d, "Nothing was entered in it yet") {
		t.Fatal("Delete draft… did not ask first")
	}
	if _, err := d.Store.Inspection(d.ctx(), in.ID); err != nil {
		t.Fatalf("the draft went before it was confirmed: %v", err)
	}
	tapDialogButton(t, d, "Delete draft")
	if _, err := d.Store.Inspection(d.ctx(), in.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Fatalf("after confirming, loading the draft gives %v, want not found", err)
	}
	if n := len(d.Home.Rows()); n != 0 {
		t.Errorf("the list still shows %d inspections", n)
	}
	// The audit trail is read through a second handle on the same file,
	// as `loupe audit` would read it.
	db, err := sqlite.Open(d.Data.DB())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	audit, err := db.Audit(d.ctx(), in.ID)
	if err != nil {
		t.Fatal(err)
	}
	deleted := false
	for _, a := range audit {
		deleted = deleted || (a.Action == inspection.AuditDelete && a.Entity == "inspection")
	}
	if !deleted {
		t.Errorf("the audit trail has no deletion of the inspection: %+v", audit)
	}
}

func TestFinalizedIsNeverDeleted(t *testing.T) {
	d, fx := newSeededDesk(t)
	if err := fx.DB.Finalize(d.ctx(), fx.ID, "Li Wei"); err != nil {
		t.Fatal(err)
	}
	d.ShowHome()
	d.Home.list.Select(0)
	if !d.Home.del.Disabled() {
		t.Error("Delete draft… is enabled on a finalized inspection")
	}
	if err := d.deleteDraft(d.ctx(), fx.ID); err == nil {
		t.Error("deleteDraft deleted a finalized inspection")
	}
	if dlg := d.confirmDeleteDraft(fx.ID, func() {}); dlg != nil {
		t.Error("a finalized inspection was offered for deletion")
	}
	if _, err := d.Store.Inspection(d.ctx(), fx.ID); err != nil {
		t.Fatalf("the finalized inspection is gone: %v", err)
	}
}

func TestDeleteDraftFromEditorRemovesItsPhotos(t *testing.T) {
	d, fx := newSeededDesk(t)
	photos, err := d.Store.Photos(d.ctx(), fx.ID)
	if err != nil || len(photos) == 0 {
		t.Fatalf("fixture photos: %v, %v", photos, err)
	}
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	d.deleteCurrentDraft()
	if !dialogShows(d, "photo") {
		t.Error("the confirmation does not say the draft holds photos")
	}
	tapDialogButton(t, d, "Delete draft")
	if d.Editor != nil {
		t.Error("the editor of the deleted draft is still open")
	}
	for _, p := range photos {
		if inUse, _ := d.Store.SHAInUse(d.ctx(), p.SHA256); !inUse && fileExists(d.Photos.Working(p.SHA256)) {
			t.Errorf("photo %s: its working copy outlived the draft", p.OriginalName)
		}
	}
}

// tapDialogButton taps the button with that text on the top dialog.
func tapDialogButton(t *testing.T, d *Desk, text string) {
	t.Helper()
	top := d.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q on", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q on the dialog", text)
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
