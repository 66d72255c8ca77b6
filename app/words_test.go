package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// typeAndEnter types into the focused field and presses Enter, as an
// inspector fills a small dialog without the mouse.
func typeAndEnter(t *testing.T, d *Desk, text string) {
	t.Helper()
	f := d.Window.Canvas().Focused()
	if f == nil {
		t.Fatalf("nothing has the keyboard focus to type %q into", text)
	}
	test.Type(f, text)
	f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

// topDialogWidth is the width of the dialog on top of the window.
func topDialogWidth(d *Desk) float32 {
	top := d.Window.Canvas().Overlays().Top()
	if top == nil {
		return 0
	}
	w := float32(0)
	for _, o := range test.LaidOutObjects(top) {
		if f, ok := o.(*widget.Form); ok {
			w = max(w, f.Size().Width)
		}
	}
	return w
}

func TestPlanBoxAsksForLotSizeInsteadOfError(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	if got := e.sampling.Plan.Text; strings.Contains(got, "too small") || !strings.Contains(got, "Enter the lot size") {
		t.Errorf("before anything is typed the plan box says %q", got)
	}
	e.sampling.LotSize.SetText("1") // typed: now an answer about this lot is due
	if got := e.sampling.Plan.Text; strings.Contains(got, "Enter the lot size: the sampling plan appears here") {
		t.Errorf("with a lot size of 1 the plan box still only asks for one: %q", got)
	}
}

func TestNewPartiesByKeyboardUpdateSwitchingRules(t *testing.T) {
	d := newTestDesk(t)
	d.Window.Resize(laptop)
	e := openNew(t, d)
	if !strings.Contains(e.sampling.proposal.Text, "Choose the supplier and product") {
		t.Fatalf("proposal without supplier: %q", e.sampling.proposal.Text)
	}
	e.header.newSupplier()
	if w := topDialogWidth(d); w < dialogWidth-80 {
		t.Errorf("the new-supplier dialog is %.0f px wide, too small for a factory's name", w)
	}
	typeAndEnter(t, d, "Ningbo Brightway Housewares Co., Ltd.")
	e.header.newProduct()
	typeAndEnter(t, d, "NW-BB-0430")
	if d.Window.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter in the product dialog did not add it")
	}
	d.flush()
	in, _ := d.Store.Inspection(d.ctx(), e.in.ID)
	if in.SupplierID == inspection.NilID || in.ProductID == inspection.NilID {
		t.Fatalf("stored supplier %s, product %s: Enter did not create and choose them", in.SupplierID, in.ProductID)
	}
	if got := e.sampling.proposal.Text; strings.Contains(got, "Choose the supplier") || !strings.Contains(got, "Switching rules propose") {
		t.Errorf("supplier and product chosen, the switching text says %q", got)
	}
	if got := e.header.product.Selected; !strings.HasPrefix(got, "NW-BB-0430") {
		t.Errorf("product select shows %q", got)
	}
}

func TestBarcodeNotScannedIsNotGreen(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	e.tests.add(inspection.TestBarcode)
	tst := e.tests.list[0]
	l := e.tests.barcodeChecks[tst.ID]
	if l.Importance == widget.SuccessImportance {
		t.Errorf("nothing scanned, the check %q is shown in green", l.Text)
	}
	cases := []struct {
		expected, scanned string
		want              widget.Importance
	}{
		{"4006381333931", "4006381333931", widget.SuccessImportance},
		{"4006381333931", "4006381333932", widget.DangerImportance},
	}
	for _, c := range cases {
		tst.Expected, tst.Observed = c.expected, c.scanned
		e.tests.rebuild()
		l = e.tests.barcodeChecks[tst.ID]
		if l.Importance != c.want {
			t.Errorf("expected %s, scanned %s: %q shown with importance %v, want %v", c.expected, c.scanned, l.Text, l.Importance, c.want)
		}
	}
}

func TestAddSampleDialogAsksForSealID(t *testing.T) {
	d := newTestDesk(t)
	p := &inspection.Product{ID: inspection.NewID(), SKU: "NW-KT-1750"}
	if err := d.Store.PutProduct(d.ctx(), p); err != nil {
		t.Fatal(err)
	}
	d.ShowSamples()
	s := d.samples
	s.add(inspection.Golden)
	top := d.Window.Canvas().Overlays().Top()
	if top == nil || !containsText(top, "New golden sample") || !containsText(top, "Seal ID") || containsText(top, "Name") {
		t.Fatal("the add-sample dialog should be titled New golden sample and ask for the Seal ID")
	}
	typeAndEnter(t, d, "GS-KT-1750-03")
	got, err := d.Store.Samples(d.ctx(), p.ID)
	if err != nil || len(got) != 1 || got[0].Code != "GS-KT-1750-03" || got[0].Kind != inspection.Golden {
		t.Fatalf("samples after Enter: %+v, %v", got, err)
	}
}

func TestJudgedAgainstSaysWhyEmpty(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	f := e.findings
	if !f.samplesHint.Visible() || !strings.Contains(f.samplesHint.Text, "Choose the product") {
		t.Errorf("no product: hint %q (visible %v)", f.samplesHint.Text, f.samplesHint.Visible())
	}
	f.add(inspection.Minor)
	p := &inspection.Product{ID: inspection.NewID(), SKU: "NW-KT-1750"}
	if err := d.Store.PutProduct(d.ctx(), p); err != nil {
		t.Fatal(err)
	}
	e.in.ProductID = p.ID
	f.loadSamples()
	if !strings.Contains(f.samplesHint.Text, "Sample library") {
		t.Errorf("product without samples: hint %q", f.samplesHint.Text)
	}
	gs := &inspection.Sample{ID: inspection.NewID(), ProductID: p.ID, Kind: inspection.Golden, Code: "GS-1", Version: 1, Date: today()}
	if err := d.Store.PutSample(d.ctx(), gs); err != nil {
		t.Fatal(err)
	}
	f.loadSamples()
	if f.samplesHint.Visible() {
		t.Errorf("with a sample the hint still shows: %q", f.samplesHint.Text)
	}
	var sel *widget.Select
	for _, o := range test.LaidOutObjects(f.boxes[inspection.Minor]) {
		if s, ok := o.(*widget.Select); ok {
			sel = s
		}
	}
	if sel == nil || sel.Disabled() || len(sel.Options) != 1 {
		t.Fatalf("the defect row's Judged against offers %v", sel)
	}
}
