package app

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// countingStore is the real SQLite store, counting the writes the window
// makes of inspections and findings.
type countingStore struct {
	*sqlite.DB
	inspections, findings atomic.Int32
}

func (c *countingStore) PutInspection(ctx context.Context, in *inspection.Inspection) error {
	c.inspections.Add(1)
	return c.DB.PutInspection(ctx, in)
}

func (c *countingStore) PutFinding(ctx context.Context, f *inspection.Finding) error {
	c.findings.Add(1)
	return c.DB.PutFinding(ctx, f)
}

func newCountingDesk(t *testing.T) (*Desk, *countingStore) {
	t.Helper()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store := &countingStore{DB: db}
	a := test.NewTempApp(t)
	w := a.NewWindow("Loupe")
	t.Cleanup(w.Close)
	d := NewDesk(a, w, store, datadir.Dir(dir))
	t.Cleanup(func() { d.Close() })
	d.Start()
	return d, store
}

// formField finds the widget of a labelled form item anywhere under o.
func formField(o fyne.CanvasObject, label string) fyne.CanvasObject {
	switch x := o.(type) {
	case *widget.Form:
		for _, it := range x.Items {
			if it.Text == label {
				return it.Widget
			}
		}
	case *fyne.Container:
		for _, c := range x.Objects {
			if f := formField(c, label); f != nil {
				return f
			}
		}
	case *container.Scroll:
		return formField(x.Content, label)
	}
	return nil
}

// typeSlowly types like a person: one key every gap.
func typeSlowly(e *widget.Entry, text string, gap time.Duration) {
	for _, r := range text {
		test.Type(e, string(r))
		time.Sleep(gap)
	}
}

// TestRapidEditsBecomeFewWrites types into the header and a defect at a
// typist's pace: the store ends with what was typed, within the autosave
// window and without a flush, in far fewer writes than keystrokes.
func TestRapidEditsBecomeFewWrites(t *testing.T) {
	d, store := newCountingDesk(t)
	e := openNew(t, d)
	comments := formField(e.header.view, "Comments").(*widget.Entry)
	e.findings.add(inspection.Major)
	desc := d.Window.Canvas().Focused().(*widget.Entry)
	time.Sleep(600 * time.Millisecond) // let the new inspection's own writes settle
	inspBefore, findBefore := store.inspections.Load(), store.findings.Load()

	const text = "Lid hinge loose on units 3, 17 and 42 of the sample" // 51 keystrokes
	typeSlowly(comments, text, 12*time.Millisecond)
	typeSlowly(desc, text, 12*time.Millisecond)
	if len(comments.Text) < len(text)-2 || desc.Text != text {
		t.Fatalf("the window shows %q and %q after typing %q", comments.Text, desc.Text, text)
	}
	// The store must end with what the window shows.
	eventually(t, "both edits reaching the store", func() bool {
		in, err1 := d.Store.Inspection(d.ctx(), e.in.ID)
		fs, err2 := d.Store.Findings(d.ctx(), e.in.ID)
		return err1 == nil && err2 == nil && in.Comments == comments.Text && len(fs) == 1 && fs[0].Description == desc.Text
	})
	eventually(t, "the indicator saying saved", func() bool { return strings.HasPrefix(d.Saved.Text(), "✓ Saved") })
	keys := len([]rune(text))
	for what, n := range map[string]int32{"inspection": store.inspections.Load() - inspBefore, "finding": store.findings.Load() - findBefore} {
		if n < 1 || int(n) > keys/5 {
			t.Errorf("%d keystrokes in the %s made %d writes, want 1..%d", keys, what, n, keys/5)
		}
		t.Logf("%s: %d keystrokes, %d writes", what, keys, n)
	}
}

// TestSwitchingAndClosingFlush types and at once leaves: what was typed is
// in the store without waiting for the window.
func TestSwitchingAndClosingFlush(t *testing.T) {
	d, store := newCountingDesk(t)
	first := openNew(t, d)
	test.Type(formField(first.header.view, "Comments").(*widget.Entry), "typed before switching")
	d.ShowHome()
	if in, _ := store.Inspection(d.ctx(), first.in.ID); in.Comments != "typed before switching" {
		t.Errorf("after going back to the list the store holds %q", in.Comments)
	}
	second := openNew(t, d)
	test.Type(formField(second.header.view, "Comments").(*widget.Entry), "typed before closing")
	d.Close()
	if in, _ := store.Inspection(context.Background(), second.in.ID); in.Comments != "typed before closing" {
		t.Errorf("after closing the store holds %q", in.Comments)
	}
}

// TestFailedSaveSaysSo types a lot size the domain refuses: the indicator
// says not saved and an error says why, and a correct value saves again.
func TestFailedSaveSaysSo(t *testing.T) {
	d, _ := newCountingDesk(t)
	e := openNew(t, d)
	e.sampling.LotSize.SetText("-5")
	d.flush()
	if got := d.Saved.Text(); got != "Not saved" {
		t.Errorf("after a refused lot size the indicator says %q", got)
	}
	e.sampling.LotSize.SetText("500")
	d.flush()
	if got := d.Saved.Text(); !strings.HasPrefix(got, "✓ Saved") {
		t.Errorf("after a good lot size the indicator says %q", got)
	}
	if in, _ := d.Store.Inspection(d.ctx(), e.in.ID); in.LotSize != 500 {
		t.Errorf("stored lot size %d, want 500", in.LotSize)
	}
}
