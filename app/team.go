package app

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// teamStore is what the window does for a team: the office's review, and
// where and when this laptop last synced.
type teamStore interface {
	Role(ctx context.Context) (inspection.Role, string, error)
	ReviewList(ctx context.Context, all bool) ([]sqlite.ReviewItem, error)
	AddReview(ctx context.Context, r *inspection.Review) error
	Remotes(ctx context.Context) ([]sqlite.RemoteInfo, error)
}

// Team is how the window syncs: set by Run from the open data folder (nil
// in tests that do not sync).
type Team struct {
	Sync    func(ctx context.Context, progress func(exchange.Progress)) (exchange.Result, error)
	Pending func(ctx context.Context, remote string) (sqlite.SyncPending, error)
}

// syncBar is the home screen's line about the team remote: when the last
// sync ran, what waits to go, and a button to sync now. Its fields are used
// on the UI goroutine only.
type syncBar struct {
	d      *Desk
	label  *widget.Label
	button *widget.Button
	view   *fyne.Container
	busy   bool
	gen    uint64         // the newest status asked for; older answers are dropped
	asked  sync.WaitGroup // every status asked for and not yet shown, for tests
}

func newSyncBar(d *Desk) *syncBar {
	b := &syncBar{d: d, label: widget.NewLabel("")}
	b.button = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), d.syncNow)
	b.view = container.NewHBox(b.label, b.button)
	b.view.Hide() // until the first answer: most laptops have no team
	return b
}

// refresh asks for the status from the database alone (it works offline),
// off the UI goroutine: counting what waits to go reads every
// inspection's change mark, which at a career's size is no work for the
// window's goroutine. The answer comes back through fyne.Do.
func (b *syncBar) refresh() {
	b.gen++
	gen := b.gen
	store, team, ctx := b.d.Store, b.d.Team, b.d.ctx()
	b.asked.Add(1)
	go func() {
		defer b.asked.Done()
		text, ok := syncStatus(ctx, store, team)
		fyne.DoAndWait(func() {
			if gen == b.gen {
				b.show(text, ok)
			}
		})
	}()
}

func (b *syncBar) show(text string, ok bool) {
	b.label.SetText(text)
	if ok && !b.busy {
		b.button.Enable()
	} else {
		b.button.Disable()
	}
	if ok || text != "" {
		b.view.Show()
	} else {
		b.view.Hide()
	}
}

// teamRemote returns the remote the window syncs with; ok is false when
// there is none, or the window cannot sync. One small query: fine on the
// UI goroutine.
func teamRemote(ctx context.Context, store teamStore, team *Team) (sqlite.RemoteInfo, bool) {
	rs, err := store.Remotes(ctx)
	if err != nil || len(rs) == 0 || team == nil {
		return sqlite.RemoteInfo{}, false
	}
	return rs[0], true
}

// syncStatus words the last sync and what waits; ok is false when there
// is no remote to sync with.
func syncStatus(ctx context.Context, store teamStore, team *Team) (string, bool) {
	r, ok := teamRemote(ctx, store, team)
	if !ok {
		return "", false
	}
	when := "never synced"
	switch {
	case !r.LastSyncAt.IsZero():
		when = "synced " + r.LastSyncAt.Local().Format("2006-01-02 15:04")
	case !r.LastTryAt.IsZero():
		when = "last sync failed " + r.LastTryAt.Local().Format("2006-01-02 15:04")
	}
	if r.LastError != "" && !r.LastSyncAt.IsZero() {
		when += " (last try failed)"
	}
	waiting := "nothing waits to go"
	if team.Pending != nil {
		if p, err := team.Pending(ctx, r.Name); err == nil {
			var parts []string
			if p.Inspections > 0 {
				parts = append(parts, countOf(p.Inspections, "inspection", "inspections"))
			}
			if p.Reviews > 0 {
				parts = append(parts, countOf(p.Reviews, "review", "reviews"))
			}
			if p.Library {
				parts = append(parts, "the sample library")
			}
			if len(parts) > 0 {
				waiting = strings.Join(parts, ", ") + " to send"
			}
		}
	}
	return fmt.Sprintf("Team (%s): %s · %s", r.Name, when, waiting), true
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// syncNow syncs in the background behind a progress dialog with a Cancel
// button. Offline, it says so and nothing changes.
func (d *Desk) syncNow() {
	if d.Team == nil || d.Team.Sync == nil {
		d.showError(errors.New("this window cannot sync: no team remote is set up (see `loupe remote add` in the README)"))
		return
	}
	if _, ok := teamRemote(d.ctx(), d.Store, d.Team); !ok {
		d.showError(errors.New("no team remote is set up yet: add one with `loupe remote add NAME s3://BUCKET/PREFIX --endpoint URL` or `loupe remote add NAME dir:PATH`"))
		return
	}
	// An open editor would hold the fields a merge may change and write
	// them back: the sync runs from the inspection list.
	if d.Editor != nil {
		d.ShowHome()
	}
	d.flush()
	ctx, cancel := context.WithCancel(context.Background())
	status := widget.NewLabel("Connecting…")
	bar := widget.NewProgressBar()
	dlg := dialog.NewCustom("Syncing with the team", "Cancel", container.NewVBox(status, bar), d.Window)
	dlg.SetOnClosed(cancel)
	dlg.Resize(fyne.NewSize(460, 0))
	dlg.Show()
	if d.Home != nil {
		d.Home.sync.busy = true
		d.Home.sync.button.Disable()
	}
	d.background(func() {
		res, err := d.Team.Sync(ctx, func(p exchange.Progress) {
			fyne.Do(func() {
				if p.Note != "" {
					status.SetText(p.Note)
					return
				}
				status.SetText(fmt.Sprintf("%s: %d of %d · %.1f MB", strings.ToUpper(p.Phase[:1])+p.Phase[1:], p.Done, p.Total, float64(p.Bytes)/1e6))
				if p.Total > 0 {
					bar.SetValue(float64(p.Done) / float64(p.Total))
				}
			})
		})
		fyne.Do(func() {
			dlg.Hide()
			cancel()
			d.afterSync(res, err)
		})
	})
}

// afterSync says how the sync went, and brings the office's word to the
// inspector: reports returned with comments.
func (d *Desk) afterSync(res exchange.Result, err error) {
	if d.Home != nil {
		d.Home.sync.busy = false
		d.Home.sync.refresh()
		d.Home.Reload()
	}
	switch {
	case errors.Is(err, context.Canceled):
		d.notify("Sync cancelled: what was sent or received so far stays; the next sync goes on from there.")
		return
	case err != nil:
		d.warn("Sync failed: %v", err)
		return
	}
	msg := fmt.Sprintf("Synced: %d received, %d sent; %d inspection(s) changed here.", res.Pulled.Objects, res.Pushed.Objects, res.Merged)
	if res.Conflicts > 0 {
		msg += fmt.Sprintf(" %d record(s) differ and were kept both ways: File > Import conflicts.", res.Conflicts)
	}
	if len(res.Refused) > 0 {
		msg += fmt.Sprintf(" %d object(s) were refused: %s", len(res.Refused), res.Refused[0])
	}
	d.notify(msg)
	if items, err := d.Store.ReviewList(d.ctx(), true); err == nil {
		var returned []string
		for _, it := range items {
			if it.Review.State == inspection.StateReturned {
				returned = append(returned, it.ReportNo)
			}
		}
		if len(returned) > 0 {
			d.warn("Returned by the office with comments: %s. See File > Office review; correct with a new revision.", strings.Join(returned, ", "))
		}
	}
}

// ReviewScreen is the office's review queue, or, on an inspector's laptop,
// the office's decisions on its reports with the comments.
type ReviewScreen struct {
	d        *Desk
	view     fyne.CanvasObject
	list     *widget.List
	items    []sqlite.ReviewItem
	selected int
	all      *widget.Check
	detail   *widget.Label
	comments *widget.Entry
	approve  *widget.Button
	ret      *widget.Button
	reviewer string
	role     inspection.Role
}

// ShowReview switches to the review screen.
func (d *Desk) ShowReview() *ReviewScreen {
	d.flush()
	d.Editor = nil
	s := &ReviewScreen{d: d, selected: -1}
	s.role, s.reviewer, _ = d.Store.Role(d.ctx())
	s.list = widget.NewList(func() int { return len(s.items) },
		func() fyne.CanvasObject { return truncLabel("") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(s.items) {
				o.(*widget.Label).SetText(reviewRow(s.items[id]))
			}
		})
	s.list.OnSelected = func(id widget.ListItemID) { s.selected = id; s.showSelected() }
	s.detail = wrapLabel("")
	s.comments = widget.NewMultiLineEntry()
	s.comments.SetPlaceHolder("Comments for the inspector (needed to return a report)")
	s.comments.SetMinRowsVisible(3)
	s.approve = widget.NewButtonWithIcon("Approve: issue to the client", theme.ConfirmIcon(), func() { s.decide(inspection.Approved) })
	s.approve.Importance = widget.HighImportance
	s.ret = widget.NewButtonWithIcon("Return to the inspector", theme.MailReplyIcon(), func() { s.decide(inspection.Returned) })
	open := widget.NewButtonWithIcon("Open report", theme.DocumentIcon(), func() {
		if s.selected >= 0 && s.selected < len(s.items) {
			it := s.items[s.selected]
			d.OpenInspectionBusy(it.ID, it.ReportNo, nil)
		}
	})
	s.all = widget.NewCheck("Show decided reports too", func(bool) { s.reload() })
	title := "Review queue"
	if s.role != inspection.RoleReviewer {
		title = "Office review of my reports"
		s.all.SetChecked(true)
	}
	top := container.NewVBox(container.NewBorder(nil, nil, heading(title), container.NewHBox(s.all, d.syncButton())), widget.NewSeparator())
	var actions fyne.CanvasObject = container.NewHBox(open)
	if s.role == inspection.RoleReviewer {
		actions = container.NewVBox(s.comments, container.NewHBox(s.approve, s.ret, open))
	}
	right := container.NewBorder(nil, actions, nil, nil, container.NewVScroll(s.detail))
	split := container.NewHSplit(s.list, right)
	split.Offset = 0.45
	s.view = container.NewBorder(top, nil, nil, nil, split)
	s.reload()
	d.show(s.view)
	return s
}

func (d *Desk) syncButton() fyne.CanvasObject {
	b := widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), d.syncNow)
	if _, ok := teamRemote(d.ctx(), d.Store, d.Team); !ok {
		b.Disable()
	}
	return b
}

func (s *ReviewScreen) reload() {
	items, err := s.d.Store.ReviewList(s.d.ctx(), s.all.Checked)
	if err != nil {
		s.d.showError(err)
		return
	}
	s.items, s.selected = items, -1
	s.list.UnselectAll()
	s.list.Refresh()
	s.showSelected()
}

// Items are the reports listed, for tests.
func (s *ReviewScreen) Items() []sqlite.ReviewItem { return s.items }

// Select selects the i-th report listed.
func (s *ReviewScreen) Select(i int) { s.list.Select(i) }

func reviewRow(it sqlite.ReviewItem) string {
	return fmt.Sprintf("%s · %s · %s · %s · %s", it.ReportNo, it.Date.Format("2006-01-02"), it.Inspector,
		strings.ToUpper(string(it.Verdict)), standingWords(it.Review))
}

func standingWords(st inspection.Standing) string {
	switch st.State {
	case inspection.AwaitingReview:
		return "awaiting review"
	case inspection.StateApproved:
		return "approved by " + st.Latest.Reviewer + ": issued"
	case inspection.StateReturned:
		return "returned by " + st.Latest.Reviewer
	case inspection.StateSuperseded:
		return "superseded by a revision"
	}
	return ""
}

func (s *ReviewScreen) showSelected() {
	ok := s.selected >= 0 && s.selected < len(s.items)
	enable(s.approve, ok && s.role == inspection.RoleReviewer)
	enable(s.ret, ok && s.role == inspection.RoleReviewer)
	if !ok {
		if len(s.items) == 0 {
			s.detail.SetText("No report awaits review. Finalized field reports come here after the inspectors sync.")
		} else {
			s.detail.SetText("Select a report.")
		}
		return
	}
	it := s.items[s.selected]
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n%s, %s\nInspector: %s · verdict %s\n\n", it.ReportNo, it.Product, it.Supplier,
		strings.Join(it.POs, ", "), it.Inspector, strings.ToUpper(string(it.Verdict)))
	if len(it.Reviews) == 0 {
		b.WriteString("Not reviewed yet.")
	}
	for _, r := range it.Reviews {
		fmt.Fprintf(&b, "%s — %s by %s\n", r.ReviewedAt.Local().Format("2006-01-02 15:04"), r.Decision, r.Reviewer)
		if r.Comments != "" {
			fmt.Fprintf(&b, "    %s\n", r.Comments)
		}
	}
	s.detail.SetText(b.String())
}

func (s *ReviewScreen) decide(dec inspection.Decision) {
	if s.selected < 0 || s.selected >= len(s.items) {
		return
	}
	it := s.items[s.selected]
	in, err := s.d.Store.Inspection(s.d.ctx(), it.ID)
	if err != nil {
		s.d.showError(err)
		return
	}
	r, err := inspection.NewReview(in, dec, s.comments.Text, s.reviewer, time.Now())
	if err == nil {
		err = s.d.Store.AddReview(s.d.ctx(), r)
	}
	if err != nil {
		s.d.showError(err)
		return
	}
	s.comments.SetText("")
	if dec == inspection.Approved {
		s.d.notify(fmt.Sprintf("%s approved: issued to the client. The inspector sees it after the next sync.", it.ReportNo))
	} else {
		s.d.notify(fmt.Sprintf("%s returned to %s with your comments, which reach the inspector at the next sync.", it.ReportNo, it.Inspector))
	}
	s.reload()
}
