package app

import (
	"os/exec"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
)

// pressShortcutKey sends Ctrl+key the way the window does: the main menu's
// shortcuts first, whatever has the focus.
func pressShortcutKey(t *testing.T, w fyne.Window, k fyne.KeyName) {
	t.Helper()
	sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no menu item answers %s", sc.ShortcutName())
}

// verdictBarWhole fails unless the verdict bar is entirely in the window.
func verdictBarWhole(t *testing.T, d *Desk, when string) {
	t.Helper()
	if got := d.Window.Canvas().Size(); got != laptop {
		t.Fatalf("%s: the window is %v, not the laptop's %v", when, got, laptop)
	}
	bar := d.Editor.verdict.view
	top := windowPos(t, d.Window, bar).Y
	if top < 0 || top+bar.Size().Height > laptop.Height {
		t.Fatalf("%s: verdict bar spans y %.0f–%.0f of %.0f", when, top, top+bar.Size().Height, laptop.Height)
	}
}

// TestInspectorScenario is the walkthrough of a pre-shipment inspection of
// 3,200 kettles (level II, AQL 0 / 2.5 / 4.0) on a 1366x768 laptop, done
// the way the inspector does it: keyboard shortcuts, the checklist, both
// signatures, a batch of photos from the camera card, the PDF.
func TestInspectorScenario(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	d := newTestDesk(t)
	d.Window.Resize(laptop)
	card := cameraCard(t, 0, 6) // six photos in DCIM/101CANON
	cardRoots = func() []string { return []string{card} }
	t.Cleanup(func() { cardRoots = systemCardRoots })

	// New inspection (Ctrl+N), parties typed into the small dialogs.
	pressShortcutKey(t, d.Window, fyne.KeyN)
	e := d.Editor
	if e == nil {
		t.Fatal("Ctrl+N did not open a new inspection")
	}
	verdictBarWhole(t, d, "new inspection")
	if got := e.verdict.Badge.Text(); got != "INCOMPLETE" {
		t.Errorf("blank draft: badge %q, want INCOMPLETE", got)
	}
	e.selectTab("header")
	test.Type(e.header.inspector, "Li Wei")
	e.header.newSupplier()
	typeAndEnter(t, d, "Dongguan Everlight Electrical Appliances Ltd.")
	e.header.newProduct()
	typeAndEnter(t, d, "NW-KT-1750")

	// The plan, in words, from the lot size.
	e.selectTab("sampling")
	test.Type(e.sampling.LotSize, "3200")
	if want := "Sample 125 units"; !strings.Contains(e.sampling.Plan.Text, want) {
		t.Fatalf("plan for 3,200 units: %q, want %q", e.sampling.Plan.Text, want)
	}

	// Defects by keyboard: Ctrl+2 adds a major with the cursor in its
	// description; Ctrl+Up counts; the eighth unit (Re 8) fails the lot.
	pressShortcutKey(t, d.Window, fyne.Key2)
	typeFocused(t, d.Window, "Lid hinge loose")
	for range 6 {
		pressShortcutKey(t, d.Window, fyne.KeyUp)
	}
	if got := e.verdict.Badge.Text(); got == "FAIL" {
		t.Fatal("7 majors (the accept number) already fail")
	}
	pressShortcutKey(t, d.Window, fyne.KeyUp)
	if got := e.verdict.Badge.Text(); got != "FAIL" {
		t.Fatalf("8 majors (the reject number): badge %q, want FAIL", got)
	}
	if e.verdict.Classes[inspection.Major].Importance != widget.DangerImportance {
		t.Error("the major count is not shown as rejected")
	}
	verdictBarWhole(t, d, "at FAIL")
	pressShortcutKey(t, d.Window, fyne.KeyDown)
	if got := e.verdict.Badge.Text(); got != "INCOMPLETE" {
		t.Fatalf("back to 7 majors: badge %q, want INCOMPLETE (sections still open)", got)
	}
	d.flush() // typing is saved within half a second; the test does not wait
	fs, _ := d.Store.Findings(d.ctx(), e.in.ID)
	if len(fs) != 1 || fs[0].Description != "Lid hinge loose" || fs[0].Quantity != 7 {
		t.Fatalf("stored findings %+v, want one major \"Lid hinge loose\" × 7", fs)
	}

	// The conformity checklist, four suggested checks answered.
	e.selectTab("checks")
	checks := answerSuggestions(t, e, inspection.SectionConformity,
		[]inspection.Result{inspection.Pass, inspection.Pass, inspection.Pending, inspection.Pass})

	// Both sign; the ink shows while the pen is still down.
	e.selectTab("signatures")
	if got := e.signatures.inspectorName.Text; got != "Li Wei" {
		t.Errorf("inspector's signature name %q, want Li Wei from the header", got)
	}
	for _, role := range inspection.RequiredSigners {
		pad := e.signatures.pads[role]
		scrollIntoView(e.signatures.page.scroll, pad)
		drawStroke(pad, fyne.NewPos(30, 40), fyne.NewPos(300, 90), 10)
		if n := inkIn(t, d.Window, pad); n < 200 {
			t.Fatalf("%s signing: %d dark pixels on the pad mid-stroke", role, n)
		}
		pad.DragEnd()
		tapButtonIn(t, e.signatures.view, "Save signature", role == inspection.SignerFactory)
	}
	sigs, _ := d.Store.Signatures(d.ctx(), e.in.ID)
	if len(sigs) != 2 {
		t.Fatalf("%d signatures stored, want 2", len(sigs))
	}

	// Photos: Ctrl+I opens the picker on the camera card; Ctrl+A, Enter.
	pressShortcutKey(t, d.Window, fyne.KeyI)
	if !dialogShows(d, "101CANON") {
		t.Fatal("the photo picker did not open on the camera card's newest folder")
	}
	pressShortcut(t, d.Window, &fyne.ShortcutSelectAll{})
	pressKey(t, d.Window, fyne.KeyReturn)
	d.bg.Wait()
	photos, _ := d.Store.Photos(d.ctx(), e.in.ID)
	if len(photos) != 6 {
		t.Fatalf("%d photos imported, want the batch of 6", len(photos))
	}
	verdictBarWhole(t, d, "photos")

	// Export: the PDF lists the four checks and the defect.
	text := exportAndRead(t, d)
	for _, want := range append(checks, "Lid hinge loose", "NW-KT-1750") {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF does not contain %q", want)
		}
	}
}

// tapButtonIn taps the first (or last) button with that text in a view.
func tapButtonIn(t *testing.T, view fyne.CanvasObject, text string, last bool) {
	t.Helper()
	var found *widget.Button
	for _, o := range test.LaidOutObjects(view) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			if found == nil || last {
				found = b
			}
		}
	}
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	test.Tap(found)
}

// typeFocused types into whatever has the keyboard focus, as keys do.
func typeFocused(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	f := w.Canvas().Focused()
	if f == nil {
		t.Fatalf("nothing has the keyboard focus to type %q into", text)
	}
	for _, r := range text {
		f.TypedRune(r)
	}
}
