package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// formItem finds the widget of the labelled item on the test's card.
func formItem(t *testing.T, p *testsPanel, i int, label string) any {
	t.Helper()
	card := p.box.Objects[i].(*widget.Card)
	for _, it := range card.Content.(*widget.Form).Items {
		if it.Text == label {
			return it.Widget
		}
	}
	t.Fatalf("no %q on test card %d", label, i)
	return nil
}

// TestBarcodeCheckInTheWindowIsTheReportsRule scans codes into a barcode
// test and checks the window shows inspection.Test.Judgement, the rule the
// report prints: no expected code and a valid scan passes.
func TestBarcodeCheckInTheWindowIsTheReportsRule(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	e.tests.add(inspection.TestBarcode)
	scanned := formItem(t, e.tests, 0, "Scanned code").(*widget.Entry)
	check := formItem(t, e.tests, 0, "Check").(*widget.Label)
	test.Type(scanned, "96385074")
	tt := e.tests.list[0]
	want, why := tt.Judgement()
	if want != inspection.Pass || check.Text != why || tt.Result != inspection.Pass {
		t.Fatalf("no expected code, valid scan: window says %q with result %q; the rule says %q (%s)", check.Text, tt.Result, want, why)
	}
	// A click on "fail" does not override what the rule found.
	radio := formItem(t, e.tests, 0, "Result").(*fyne.Container).Objects[0].(*widget.RadioGroup)
	radio.SetSelected("fail")
	if tt.Result != inspection.Pass || radio.Selected != "pass" {
		t.Errorf("a click on fail against a valid scan left result %q, radio %q; want the rule's pass", tt.Result, radio.Selected)
	}
	expected := formItem(t, e.tests, 0, "Expected code").(*widget.Entry)
	test.Type(expected, "96385074")
	if tt.Result != inspection.Pass {
		t.Errorf("after the expected code matches, result = %q, want pass", tt.Result)
	}
	expected.SetText("4006381333931")
	if r, _ := tt.Judgement(); tt.Result != inspection.Fail || r != inspection.Fail {
		t.Errorf("another product's code: result %q, rule %q, want fail", tt.Result, r)
	}
}
