package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

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

func TestFitWindow(t *testing.T) {
	cases := []struct {
		name      string
		saved     fyne.Size
		haveSaved bool
		area      fyne.Size
		want      fyne.Size
	}{
		{"first start, screen unknown", fyne.Size{}, false, fyne.Size{}, defaultWindow},
		{"saved, screen unknown", fyne.NewSize(1500, 900), true, fyne.Size{}, fyne.NewSize(1500, 900)},
		{"first start on a laptop (taskbar 40 px)", fyne.Size{}, false, fyne.NewSize(1366, 728), fyne.NewSize(1350, 680)},
		{"first start on 1920x1080", fyne.Size{}, false, fyne.NewSize(1920, 1040), roomyWindow},
		{"1920 px size saved, now on a 1440 px screen", fyne.NewSize(1900, 1000), true, fyne.NewSize(1440, 860), fyne.NewSize(1424, 812)},
		{"small saved size kept", fyne.NewSize(1000, 600), true, fyne.NewSize(1920, 1040), fyne.NewSize(1000, 600)},
	}
	for _, c := range cases {
		if got := fitWindow(c.saved, c.haveSaved, c.area); got != c.want {
			t.Errorf("%s: fitWindow = %v, want %v", c.name, got, c.want)
		}
	}
}

// TestScreensFitDefaultWindow: no screen needs more room than the default
// window, or Fyne would grow the window past a laptop screen's edge.
func TestScreensFitDefaultWindow(t *testing.T) {
	d, fx := newSeededDesk(t)
	check := func(name string) {
		t.Helper()
		if m := d.Window.Content().MinSize(); m.Width > defaultWindow.Width || m.Height > defaultWindow.Height {
			t.Errorf("%s needs %v, more than the default window %v", name, m, defaultWindow)
		}
	}
	d.ShowHome()
	check("home")
	d.ShowSamples()
	check("sample library")
	d.ShowOutbox()
	check("outbox")
	d.ShowConflicts()
	check("conflicts")
	if err := d.OpenInspection(fx.ID); err != nil {
		t.Fatal(err)
	}
	for _, tab := range []string{"header", "sampling", "findings", "measurements", "tests", "checks", "photos", "signatures"} {
		d.Editor.selectTab(tab)
		check(tab)
	}
}

// visibleIn reports whether o is drawn whole inside the scroll's viewport.
func visibleIn(t *testing.T, w fyne.Window, s fyne.CanvasObject, o fyne.CanvasObject) bool {
	t.Helper()
	top, view := windowPos(t, w, s).Y, s.Size().Height
	y := windowPos(t, w, o).Y
	return y >= top-0.5 && y+o.Size().Height <= top+view+0.5
}

func TestNewDefectRowScrollsIntoView(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	e.sampling.LotSize.SetText("3200")
	for i := range 8 {
		class := []inspection.Class{inspection.Major, inspection.Minor}[i%2]
		e.findings.add(class)
		box := e.findings.boxes[class]
		row := box.Objects[len(box.Objects)-1]
		if !visibleIn(t, d.Window, e.findings.page.scroll, row) {
			t.Fatalf("defect %d (%s) was added below the fold", i+1, class)
		}
	}
	if e.findings.page.scroll.Offset.Y == 0 {
		t.Error("eight defects fit without scrolling: the test proves nothing at this size")
	}
}

func TestPickedCartonsScrollIntoView(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	e.selectTab("sampling")
	e.sampling.cartons.total.SetText("240")
	e.sampling.page.scroll.ScrollToTop()
	if visibleIn(t, d.Window, e.sampling.page.scroll, e.sampling.cartons.opened) {
		t.Fatal("the cartons are on screen at the top of the page: the test proves nothing at this size")
	}
	e.sampling.cartons.pick()
	if !visibleIn(t, d.Window, e.sampling.page.scroll, e.sampling.cartons.opened) {
		t.Error("the picked cartons are below the fold")
	}
	if len(e.in.CartonsOpened) != inspection.CartonsToOpen(240) {
		t.Errorf("%d cartons picked, want %d", len(e.in.CartonsOpened), inspection.CartonsToOpen(240))
	}
}

func TestWheelOverFieldScrollsPage(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	e.selectTab("header")
	pg := e.header.view.(*fyne.Container).Objects[0].(*container.Scroll)
	field := e.header.comments
	test.Scroll(d.Window.Canvas(), centre(t, d.Window, field), 0, -120)
	if pg.Offset.Y <= 0 {
		t.Errorf("the wheel over a text field left the page at offset %v", pg.Offset)
	}
}

// TestMeasurementGridFitsAndTabs: at 1366x768 a grid of five samples is
// whole (delete button included), and Tab from a row's last value goes to
// the next row, never onto delete.
func TestMeasurementGridFitsAndTabs(t *testing.T) {
	d := newTestDesk(t)
	e := openNew(t, d)
	d.Window.Resize(laptop)
	e.selectTab("measurements")
	e.measurements.add()
	e.measurements.add()
	grid := e.measurements.grid
	row := grid.Objects[1].(*fyne.Container)
	scroll := e.measurements.scroll
	if need, have := grid.MinSize().Width, scroll.Size().Width; need > have {
		t.Errorf("the grid needs %.0f px, the screen gives it %.0f: its last columns are off-screen", need, have)
	}
	last := row.Objects[len(row.Objects)-1].(*fyne.Container).Objects[0].(*cellEntry)
	if x := windowPos(t, d.Window, last).X + last.Size().Width; x > laptop.Width {
		t.Errorf("the last value ends at x=%.0f, beyond the %v window", x, laptop)
	}
	d.Window.Canvas().Focus(last)
	test.FocusNext(d.Window.Canvas())
	next := grid.Objects[2].(*fyne.Container).Objects[1]
	if got := d.Window.Canvas().Focused(); got != next.(fyne.Focusable) {
		t.Errorf("Tab after the last value went to %T, want the next row's characteristic", got)
	}

	// Ten samples overflow the screen: the cursor brings each cell into
	// view, and delete stays on screen at the row's start.
	for range 6 {
		e.measurements.extra++
	}
	e.measurements.rebuild()
	row = grid.Objects[1].(*fyne.Container)
	for _, o := range []fyne.CanvasObject{row.Objects[0], row.Objects[len(row.Objects)-1]} {
		if c, ok := o.(*fyne.Container); ok {
			d.Window.Canvas().Focus(c.Objects[0].(*cellEntry))
		}
		if !visibleX(t, d.Window, scroll, o) {
			t.Errorf("%T at the row's %s is off-screen", o, map[bool]string{true: "start", false: "end"}[o == row.Objects[0]])
		}
	}
	if scroll.Offset.X == 0 {
		t.Error("the grid did not scroll to the last sample: the test proves nothing")
	}
}

// visibleX reports whether o lies whole within the scroll's width.
func visibleX(t *testing.T, w fyne.Window, s *container.Scroll, o fyne.CanvasObject) bool {
	t.Helper()
	left, x := windowPos(t, w, s).X, windowPos(t, w, o).X
	return x >= left-0.5 && x+o.Size().Width <= left+s.Size().Width+0.5
}

// TestAnnotationCanvasIsLargeOnLaptop: at 1366x768, with the annotation
// tools open, the photo being marked keeps most of the pane.
func TestAnnotationCanvasIsLargeOnLaptop(t *testing.T) {
	d, p := openPhotos(t)
	d.Window.Resize(laptop)
	test.Tap(p.tools.toggle)
	got := p.annot.Size()
	t.Logf("annotation canvas %v at %v", got, laptop)
	if got.Width < 640 || got.Height < 400 {
		t.Errorf("annotation canvas is %v at %v, want at least 640x400", got, laptop)
	}
}
