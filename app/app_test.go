package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// newTestDesk builds the real UI on a real database in a temporary directory.
func newTestDesk(t *testing.T) *Desk {
	t.Helper()
	dir := t.TempDir()
	store, err := sqlite.Open(datadir.Dir(dir).DB())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	a := test.NewTempApp(t)
	applyTheme(a) // the real theme's sizes, so layouts are measured as users see them
	w := a.NewWindow("Loupe")
	t.Cleanup(w.Close)
	d := NewDesk(a, w, store, datadir.Dir(dir))
	t.Cleanup(func() { d.Close() })
	d.Start()
	settle(d)
	return d
}

// settle waits until the home list and its sync line have the answers to
// every query asked so far: they run off the UI goroutine.
func settle(d *Desk) {
	if d.Home != nil {
		d.Home.loader.wait()
		d.Home.sync.asked.Wait()
	}
}

func openNew(t *testing.T, d *Desk) *Editor {
	t.Helper()
	d.newInspection()
	if d.Editor == nil {
		t.Fatal("New inspection did not open the editor")
	}
	return d.Editor
}

func TestNewInspectionAppearsInList(t *testing.T) {
	d := newTestDesk(t)
	if n := len(d.Home.Rows()); n != 0 {
		t.Fatalf("fresh database lists %d inspections", n)
	}
	e := openNew(t, d)
	d.ShowHome()
	settle(d)
	rows := d.Home.Rows()
	if len(rows) != 1 || rows[0].ID != e.in.ID {
		t.Fatalf("list after New = %+v, want the new inspection %s", rows, e.in.ID)
	}
	if got := d.Home.list.Length(); got != 1 {
		t.Fatalf("list widget shows %d rows, want 1", got)
	}
}

func TestLotSizeUpdatesPlanText(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	if !strings.Contains(e.sampling.Plan.Text, "lot size") {
		t.Fatalf("plan without lot size = %q, want it to ask for the lot size", e.sampling.Plan.Text)
	}
	test.Type(e.sampling.LotSize, "5000")
	if want := "Sample 200 units"; !strings.Contains(e.sampling.Plan.Text, want) {
		t.Fatalf("plan for 5000 = %q, want %q", e.sampling.Plan.Text, want)
	}
	e.sampling.LotSize.SetText("50")
	if want := "code letter D"; !strings.Contains(e.sampling.Plan.Text, want) {
		t.Fatalf("plan for 50 = %q, want %q", e.sampling.Plan.Text, want)
	}
}

func TestDefectsFlipVerdictAtRejectionNumber(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	e.sampling.LotSize.SetText("5000") // major AQL 2.5: accept 10, reject 11
	e.findings.add(inspection.Major)
	for range 9 {
		e.findings.step(+1)
	}
	if got := e.verdict.Badge.Text(); got != "INCOMPLETE" { // sections still unjudged
		t.Fatalf("10 major defects (accept number): badge %q, want INCOMPLETE", got)
	}
	if got := e.verdict.Words[inspection.Major].Text; !strings.Contains(got, "1 more major") {
		t.Fatalf("at the accept number the bar says %q, want the one-more warning", got)
	}
	e.findings.step(+1)
	if got := e.verdict.Badge.Text(); got != "FAIL" {
		t.Fatalf("11 major defects (reject number): badge %q, want FAIL", got)
	}
	e.findings.step(-1)
	if got := e.verdict.Badge.Text(); got != "INCOMPLETE" {
		t.Fatalf("back to 10: badge %q, want INCOMPLETE", got)
	}
}

func TestSearchFiltersList(t *testing.T) {
	d := newTestDesk(t)
	ctx := d.ctx()
	for _, name := range []string{"Ningbo Brightway Housewares", "Dongguan Everlight Electrical"} {
		s := &inspection.Supplier{ID: inspection.NewID(), Name: name}
		if err := d.Store.PutSupplier(ctx, s); err != nil {
			t.Fatal(err)
		}
		in, err := createInspection(d)
		if err != nil {
			t.Fatal(err)
		}
		in.SupplierID = s.ID
		if err := d.Store.PutInspection(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	d.ShowHome()
	settle(d)
	if n := len(d.Home.Rows()); n != 2 {
		t.Fatalf("unfiltered list has %d rows, want 2", n)
	}
	test.Type(d.Home.search, "Ningb")
	settle(d)
	rows := d.Home.Rows()
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Supplier, "Ningbo") {
		t.Fatalf("search %q gave %+v, want only the Ningbo inspection", d.Home.search.Text, rows)
	}
	d.Home.search.SetText("")
	settle(d)
	if n := len(d.Home.Rows()); n != 2 {
		t.Fatalf("cleared search lists %d rows, want 2", n)
	}
}

// eventually waits until cond holds, as an edit reaches the store within
// the autosave window without anyone flushing.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s never happened", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestEditIsStoredWithinTheWindow(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	test.Type(e.sampling.LotSize, "1200")
	if got := d.Saved.Text(); got != "Saving…" {
		t.Errorf("right after typing the indicator says %q, want Saving…", got)
	}
	eventually(t, "the lot size reaching the store", func() bool {
		got, err := d.Store.Inspection(d.ctx(), e.in.ID)
		return err == nil && got.LotSize == 1200
	})
	eventually(t, "the indicator saying saved", func() bool { return strings.HasPrefix(d.Saved.Text(), "✓ Saved") })
	e.findings.add(inspection.Minor)
	desc, ok := d.Window.Canvas().Focused().(*widget.Entry)
	if !ok {
		t.Fatalf("after adding a defect the focus is on %T, want its description entry", d.Window.Canvas().Focused())
	}
	test.Type(desc, "Scratch")
	d.flush()
	fs, err := d.Store.Findings(d.ctx(), e.in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 1 || fs[0].Description != "Scratch" || fs[0].Class != inspection.Minor {
		t.Fatalf("stored findings %+v, want one minor \"Scratch\"", fs)
	}
	if d.Saved.Last().IsZero() {
		t.Fatal("the saved indicator was not updated")
	}
}

func TestDoubleClickOpensInspection(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.ShowHome()
	settle(d)
	d.Window.Resize(fyne.NewSize(1280, 700))
	var target *homeRow
	for _, o := range test.LaidOutObjects(d.Home.list) {
		if r, ok := o.(*homeRow); ok && r.Visible() {
			target = r
			break
		}
	}
	if target == nil {
		t.Fatal("no row drawn in the list")
	}
	d.Editor = nil
	test.DoubleTap(target)
	d.bg.Wait()
	if d.Editor == nil || d.Editor.in.ID != e.in.ID {
		t.Fatalf("double click did not open inspection %s", e.in.ID)
	}
}

// TestNewInspectionFollowsSwitchingRules: after two rejected lots of a
// supplier's product, a new inspection of it opens on tightened inspection;
// going back to normal asks for a reason.
func TestNewInspectionFollowsSwitchingRules(t *testing.T) {
	d := newTestDesk(t)
	ctx := d.ctx()
	db := d.Store
	s := &inspection.Supplier{ID: inspection.NewID(), Name: "Ningbo Brightway Housewares"}
	p := &inspection.Product{ID: inspection.NewID(), SKU: "NW-BB-0430"}
	if err := d.Store.PutSupplier(ctx, s); err != nil {
		t.Fatal(err)
	}
	if err := d.Store.PutProduct(ctx, p); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		in, err := createInspection(d)
		if err != nil {
			t.Fatal(err)
		}
		in.SupplierID, in.ProductID, in.LotSize = s.ID, p.ID, 3200 // 125 units, majors rejected at 8
		if err := d.Store.PutInspection(ctx, in); err != nil {
			t.Fatal(err)
		}
		if err := d.Store.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Major, Description: "crack", Quantity: 12}); err != nil {
			t.Fatal(err)
		}
		for _, k := range inspection.Sections {
			if err := d.Store.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Fail}); err != nil {
				t.Fatal(err)
			}
		}
		in.SignatureWaiver = "test lot"
		if err := d.Store.PutInspection(ctx, in); err != nil {
			t.Fatal(err)
		}
		if err := db.Finalize(ctx, in.ID, "Li Wei"); err != nil {
			t.Fatal(err)
		}
	}
	next, err := createInspection(d)
	if err != nil {
		t.Fatal(err)
	}
	next.SupplierID, next.ProductID = s.ID, p.ID
	if err := d.Store.PutInspection(ctx, next); err != nil {
		t.Fatal(err)
	}
	if err := d.OpenInspection(next.ID); err != nil {
		t.Fatal(err)
	}
	d.flush()
	stored, _ := d.Store.Inspection(ctx, next.ID)
	if stored.Severity != aql.Tightened {
		t.Fatalf("new inspection after two rejected lots is on %s, want tightened", stored.Severity)
	}
	sp := d.Editor.sampling
	sp.severity.SetSelected(string(aql.Normal))
	if sp.reason.Validate() == nil {
		t.Error("going back to normal without a reason is not flagged")
	}
	test.Type(sp.reason, "client waiver")
	if sp.reason.Validate() != nil {
		t.Error("a recorded reason is still flagged")
	}
}
