package app

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
)

// heldStore is the real store whose list queries wait until the test lets
// each one go: a query as slow as the test wants.
type heldStore struct {
	Store
	started chan *heldQuery
	abort   chan struct{} // closed: every held query goes on
}

type heldQuery struct {
	search  string
	offset  int
	release chan struct{}
}

func (s *heldStore) ListInspections(ctx context.Context, f inspection.Filter) ([]inspection.Summary, error) {
	q := &heldQuery{search: f.Search, offset: f.Offset, release: make(chan struct{})}
	s.started <- q
	select {
	case <-q.release:
	case <-s.abort:
	}
	return s.Store.ListInspections(ctx, f)
}

// twoSuppliers stores an inspection of Ningbo Brightway and one of
// Dongguan Everlight.
func twoSuppliers(t *testing.T, d *Desk) {
	t.Helper()
	for _, name := range []string{"Ningbo Brightway Housewares", "Dongguan Everlight Electrical"} {
		s := &inspection.Supplier{ID: inspection.NewID(), Name: name}
		if err := d.Store.PutSupplier(d.ctx(), s); err != nil {
			t.Fatal(err)
		}
		in, err := createInspection(d)
		if err != nil {
			t.Fatal(err)
		}
		in.SupplierID = s.ID
		if err := d.Store.PutInspection(d.ctx(), in); err != nil {
			t.Fatal(err)
		}
	}
}

// uiStep runs one thing the inspector does, on this goroutine (the test
// driver's UI goroutine), and fails the test if it does not return while
// queries are held: a query on the UI goroutine would wait for the test,
// which waits for it. The watchdog then lets the queries go, so the test
// ends with that failure instead of hanging.
func (s *heldStore) uiStep(t *testing.T, what string, step func()) {
	t.Helper()
	var stuck atomic.Bool
	watchdog := time.AfterFunc(10*time.Second, func() {
		stuck.Store(true)
		close(s.abort)
	})
	step()
	watchdog.Stop()
	if stuck.Load() {
		t.Fatalf("%s did not return while a search was running: the query blocks the UI goroutine", what)
	}
}

// nextQuery waits for the list to ask the store.
func nextQuery(t *testing.T, s *heldStore) *heldQuery {
	t.Helper()
	select {
	case q := <-s.started:
		return q
	case <-time.After(10 * time.Second):
		t.Fatal("the list never asked the store")
		return nil
	}
}

// TestSearchNeverBlocksTheWindow types into the search box and changes
// filters while every query is held: each keystroke and click returns at
// once, and of several answers only the newest request's is shown, even
// when it arrives first and the stale ones after it.
func TestSearchNeverBlocksTheWindow(t *testing.T) {
	d := newTestDesk(t)
	twoSuppliers(t, d)
	held := &heldStore{Store: d.Store, started: make(chan *heldQuery, 64), abort: make(chan struct{})}
	d.Store = held

	held.uiStep(t, "opening the list", d.ShowHome)
	opening := nextQuery(t, held)
	held.uiStep(t, "typing", func() { test.Type(d.Home.search, "Ningb") })
	stale := []*heldQuery{opening}
	for q := nextQuery(t, held); ; q = nextQuery(t, held) {
		stale = append(stale, q) // a slow machine may ask before the typing ends
		if q.search == "Ningb" {
			break
		}
	}
	held.uiStep(t, "choosing a status", func() { d.Home.status.SetSelected("draft") })
	stale = append(stale, nextQuery(t, held))
	held.uiStep(t, "clearing the status", func() { d.Home.status.SetSelected("Any status") })
	stale = append(stale, nextQuery(t, held))
	held.uiStep(t, "typing on", func() { test.Type(d.Home.search, "o") })
	newest := nextQuery(t, held)
	if newest.search != "Ningbo" {
		t.Fatalf("last query %q, want Ningbo", newest.search)
	}

	close(newest.release) // the newest answer comes first…
	for len(d.Home.Rows()) != 1 {
		time.Sleep(time.Millisecond)
	}
	for i := len(stale) - 1; i >= 0; i-- { // …and the stale ones late
		close(stale[i].release)
	}
	settle(d)
	rows := d.Home.Rows()
	if len(rows) != 1 || !strings.HasPrefix(rows[0].Supplier, "Ningbo") || d.Home.search.Text != "Ningbo" {
		t.Fatalf("the list shows %+v for %q, want the Ningbo inspection", rows, d.Home.search.Text)
	}
	if got := d.Home.count.Text; got != "1 inspection" {
		t.Errorf("count %q after the stale answers, want 1 inspection", got)
	}
	select {
	case q := <-held.started:
		t.Errorf("an extra query for %q", q.search)
	default:
	}
}

// TestListLoadsMoreAsItScrolls: at the size of a career the list asks for
// one page, shows it and the total, and asks for the next page only when
// the inspector scrolls near its end.
func TestListLoadsMoreAsItScrolls(t *testing.T) {
	d := newTestDesk(t)
	const total = 2*homePage + 17
	for i := range total {
		in := inspection.NewInspection(inspection.PSI, time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i))
		in.ReportNo = fmt.Sprintf("LP-%04d", i)
		if err := d.Store.PutInspection(d.ctx(), in); err != nil {
			t.Fatal(err)
		}
	}
	d.Window.Resize(fyne.NewSize(1280, 700))
	d.ShowHome()
	settle(d)
	if n := len(d.Home.Rows()); n != homePage {
		t.Fatalf("first answer has %d rows, want one page of %d", n, homePage)
	}
	if got, want := d.Home.count.Text, fmt.Sprintf("%d inspections", total); got != want {
		t.Errorf("count %q, want %q", got, want)
	}
	if first := d.Home.Rows()[0].ReportNo; first != fmt.Sprintf("LP-%04d", total-1) {
		t.Errorf("first row %s, want the newest", first)
	}
	for pages := 2; pages <= 3; pages++ {
		d.Home.list.ScrollToBottom()
		settle(d)
		want := min(pages*homePage, total)
		if n := len(d.Home.Rows()); n != want {
			t.Fatalf("after scrolling to the end: %d rows, want %d", n, want)
		}
	}
	d.Home.list.ScrollToBottom()
	settle(d)
	rows := d.Home.Rows()
	if len(rows) != total || rows[total-1].ReportNo != "LP-0000" {
		t.Fatalf("at the end the list has %d rows ending with %s", len(rows), rows[len(rows)-1].ReportNo)
	}
}
