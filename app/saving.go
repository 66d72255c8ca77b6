package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"fyne.io/fyne/v2"

	"github.com/loupeqc/loupe/app/autosave"
	"github.com/loupeqc/loupe/inspection"
)

// How the window saves. Typing goes through the autosaver: each record's
// edits are gathered for autosave.DefaultWindow and written off the UI
// goroutine. A click that creates, deletes, signs or links (Desk.write)
// first flushes what is pending, so the store sees every change in the
// order it was made; so do the screens that read back from the store
// (Desk.flush).

// newSaver starts the window's autosaver; its events drive the indicator.
func (d *Desk) newSaver() *autosave.Saver {
	return autosave.New(context.Background(), autosave.DefaultWindow, func(ev autosave.Event) {
		fyne.Do(func() { d.savingEvent(ev) })
	})
}

// savingEvent shows where saving stands now, not where it stood when the
// event was sent (a late "saved" must not hide newer typing), and says once
// why a record could not be saved.
func (d *Desk) savingEvent(ev autosave.Event) {
	d.showSaving()
	if ev.Err != nil {
		d.showError(fmt.Errorf("your last change could not be saved: %w\n\nIt stays on screen: correct it and Loupe saves it again", ev.Err))
	}
}

// showSaving sets the indicator from the autosaver's state.
func (d *Desk) showSaving() {
	switch d.autosave.State() {
	case autosave.Pending:
		d.Saved.pending()
	case autosave.Failed:
		d.Saved.failed()
	default:
		if !d.Saved.isSaved() {
			d.Saved.ok(time.Now())
		}
	}
}

// later stores a record's snapshot through the autosaver under key. The
// actor is read now, on the UI goroutine.
func later[T any](d *Desk, key string, snapshot T, put func(context.Context, *T) error) {
	ctx := d.ctx()
	d.autosave.Put(key, snapshot, func(context.Context) error { return put(ctx, &snapshot) })
}

// saveNow stores a record's snapshot through the autosaver at once and
// waits, for a click whose write must be on disk before what follows (a
// signature waiver before finalizing, marks on a photo). Going through the
// autosaver keeps the record's writes in order with its typed edits.
func saveNow[T any](d *Desk, key string, snapshot T, put func(context.Context, *T) error) error {
	later(d, key, snapshot, put)
	d.flush()
	return d.autosave.Err(key)
}

// flush writes every pending edit and waits, so that what the store holds
// is what the window shows: before switching screens, reading a dossier
// back, or closing.
func (d *Desk) flush() {
	d.autosave.Flush() // failures were reported as they happened
	d.showSaving()
}

// write runs a store change that must happen now, after everything pending,
// and reports it like an autosave.
func (d *Desk) write(fn func(ctx context.Context) error) bool {
	d.flush()
	return d.saved(fn(d.ctx()))
}

// saveInspection stores the header and sampling fields shortly after the
// last keystroke.
func (e *Editor) saveInspection() {
	if e.readOnly {
		return
	}
	later(e.d, "inspection "+e.in.ID.String(), inspectionSnapshot(e.in), e.d.Store.PutInspection)
	e.refresh()
}

// inspectionSnapshot copies an inspection so the window may go on editing
// it while the copy is written.
func inspectionSnapshot(in *inspection.Inspection) inspection.Inspection {
	c := *in
	c.POs, c.CartonsOpened = slices.Clone(in.POs), slices.Clone(in.CartonsOpened)
	return c
}

func (e *Editor) saveSection(k inspection.SectionKind) {
	if e.readOnly {
		return
	}
	later(e.d, "section "+e.in.ID.String()+" "+string(k), *e.section(k), e.d.Store.PutSection)
	e.refresh()
}

// known tells the autosaver what was loaded, so putting it back unchanged
// (a widget re-announcing its value) writes nothing.
func (e *Editor) known() {
	e.d.autosave.Known("inspection "+e.in.ID.String(), inspectionSnapshot(e.in))
	for k, s := range e.sections {
		e.d.autosave.Known("section "+e.in.ID.String()+" "+string(k), *s)
	}
}
