package app

import (
	"context"
	"fmt"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"github.com/loupeqc/loupe/inspection"
)

// The home list at the size of a career: 10,000 inspections, a search
// that matches most of them. Queries never run on the UI goroutine: the
// window keeps answering while one runs. Typing waits for a pause
// (searchPause) before it asks, a newer request cancels an older one and
// only the newest answer is shown; the list gets its first page at once
// and the next ones as it scrolls to them; the count comes last.

const (
	homePage    = 50                     // rows per query: three screens
	searchPause = 150 * time.Millisecond // typing faster than this asks once
	pageAhead   = 20                     // rows before the end that fetch the next page
)

// homeStore is what the list reads.
type homeStore interface {
	ListInspections(ctx context.Context, f inspection.Filter) ([]inspection.Summary, error)
	Suppliers(ctx context.Context) ([]inspection.Supplier, error)
}

// counter counts what a filter matches without listing it.
type counter interface {
	CountInspections(ctx context.Context, f inspection.Filter) (int, error)
}

// homeLoader runs the list's queries in the background. Every field is
// used on the UI goroutine only, except through the closures it hands to
// the background and back with fyne.Do.
type homeLoader struct {
	h       *Home
	gen     uint64             // the newest request; older answers are dropped
	cancel  context.CancelFunc // of the query in flight
	timer   *time.Timer        // a search waiting for the typing to pause
	filter  inspection.Filter  // what the rows shown answer
	more    bool               // a next page may exist
	paging  bool               // a next page is on its way
	pending sync.WaitGroup     // every request not yet answered, for tests
}

// load asks again for the first page after pause (0: at once), replacing
// whatever was asked before.
func (l *homeLoader) load(pause time.Duration) {
	l.gen++
	gen := l.gen
	if l.timer != nil && l.timer.Stop() {
		l.pending.Done() // that request is replaced before it ran
	}
	if l.cancel != nil {
		l.cancel()
	}
	f := l.h.Filter()
	ctx, cancel := context.WithCancel(l.h.d.ctx())
	l.cancel = cancel
	l.pending.Add(1)
	run := func() {
		defer l.pending.Done()
		l.first(ctx, gen, f)
	}
	if pause <= 0 {
		go run()
		return
	}
	l.timer = time.AfterFunc(pause, run)
}

// first fetches the first page (and the suppliers for the filter), shows
// it, then counts.
func (l *homeLoader) first(ctx context.Context, gen uint64, f inspection.Filter) {
	store := l.h.d.Store
	suppliers, _ := store.Suppliers(ctx) // the filter's choices; a failure leaves them as they were
	page := f
	page.Limit = homePage
	rows, err := store.ListInspections(ctx, page)
	if ctx.Err() != nil {
		return
	}
	fyne.DoAndWait(func() {
		if gen != l.gen {
			return
		}
		if suppliers != nil {
			l.h.setSuppliers(suppliers)
		}
		if err != nil {
			// A half-typed search must not pop up dialogs.
			l.h.count.SetText("Search: " + err.Error())
			return
		}
		l.filter, l.more, l.paging = f, len(rows) == homePage, false
		l.h.show(rows)
		l.h.count.SetText(countText(len(rows), l.more, f.Search))
		if shown := l.h.d.firstPageShown; shown != nil {
			l.h.d.firstPageShown = nil
			shown()
		}
	})
	if c, ok := store.(counter); ok && len(rows) == homePage {
		n, err := c.CountInspections(ctx, f)
		if err != nil || ctx.Err() != nil {
			return
		}
		fyne.DoAndWait(func() {
			if gen == l.gen {
				l.h.count.SetText(countText(n, false, f.Search))
			}
		})
	}
}

// near is told which row the list draws; close to the end it fetches the
// next page.
func (l *homeLoader) near(row int) {
	if !l.more || l.paging || row < len(l.h.rows)-pageAhead {
		return
	}
	l.paging = true
	gen, f := l.gen, l.filter
	f.Limit, f.Offset = homePage, len(l.h.rows)
	ctx := l.h.d.ctx()
	l.pending.Add(1)
	go func() {
		defer l.pending.Done()
		rows, err := l.h.d.Store.ListInspections(ctx, f)
		fyne.DoAndWait(func() {
			if gen != l.gen {
				return
			}
			l.paging = false
			if err != nil {
				l.more = false
				l.h.count.SetText("Search: " + err.Error())
				return
			}
			l.more = len(rows) == homePage
			l.h.appendRows(rows)
		})
	}()
}

// wait blocks until every request made so far is answered (tests).
func (l *homeLoader) wait() { l.pending.Wait() }

func countText(n int, more bool, search string) string {
	switch {
	case n == 0 && search != "":
		return fmt.Sprintf("No inspection matches %q", search)
	case n == 0:
		return "No inspections yet: start one with New inspection"
	case more:
		return fmt.Sprintf("%d+ inspections", n)
	case n == 1:
		return "1 inspection"
	}
	return fmt.Sprintf("%d inspections", n)
}
