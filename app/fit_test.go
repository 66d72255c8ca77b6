package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/loupeqc/loupe/inspection"
)

// laptop is the most common inspector screen.
var laptop = fyne.NewSize(1366, 768)

// TestVerdictBarFitsLaptopScreen: at 1366x768 the verdict bar is whole in
// the window on every tab, and takes at most a tenth of its height.
func TestVerdictBarFitsLaptopScreen(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	for _, tab := range []string{"header", "sampling", "findings", "measurements", "tests", "checks", "photos", "signatures"} {
		e.selectTab(tab)
		if got := d.Window.Canvas().Size(); got != laptop {
			t.Fatalf("%s tab: the window grew to %v to fit its content (minimum %v)", tab, got, d.Window.Content().MinSize())
		}
		bar := e.verdict.view
		top := windowPos(t, d.Window, bar).Y
		if bottom := top + bar.Size().Height; bottom > laptop.Height || top < 0 {
			t.Errorf("%s tab: verdict bar spans y %.0f–%.0f, outside the %v window", tab, top, bottom, laptop)
		}
		if h := bar.Size().Height; h > laptop.Height/10 {
			t.Errorf("%s tab: verdict bar is %.0f px high, more than a tenth of %v", tab, h, laptop.Height)
		}
		if h := bar.Size().Height; h < bar.MinSize().Height {
			t.Errorf("%s tab: verdict bar squeezed to %.0f px, needs %.0f", tab, h, bar.MinSize().Height)
		}
	}
}

func TestVerdictBarNamesOpenSections(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	if got := e.verdict.Badge.Text(); got != inspection.VerdictIncomplete.Word() {
		t.Errorf("blank draft: badge %q, want %q", got, inspection.VerdictIncomplete.Word())
	}
	for _, k := range inspection.Sections {
		if !strings.Contains(e.verdict.NoteText(), k.Title()) {
			t.Errorf("blank draft: the bar %q does not name %s as open", e.verdict.NoteText(), k.Title())
		}
	}
	e.sampling.LotSize.SetText("3200")
	for _, k := range inspection.Sections {
		if k == inspection.SectionWorkmanship {
			continue // judged by the AQL numbers once there is a plan
		}
		e.section(k).Result = inspection.Pass
		e.saveSection(k)
	}
	if got := e.verdict.Badge.Text(); got != inspection.VerdictPass.Word() {
		t.Errorf("all judged, no defect: badge %q, want PASS", got)
	}
	if strings.Contains(e.verdict.NoteText(), "without a result") {
		t.Errorf("all judged, the bar still lists open sections: %q", e.verdict.NoteText())
	}
}
