package app

import (
	"context"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// joinTeam gives a desk a folder remote and the window's sync.
func joinTeam(t *testing.T, d *Desk, db *sqlite.DB, share string) {
	t.Helper()
	if err := db.AddRemote(context.Background(), sqlite.RemoteInfo{Name: "team", URL: "dir:" + share}); err != nil {
		t.Fatal(err)
	}
	staging := filepath.Join(d.Data.Path(), "staging")
	d.Team = &Team{
		Sync: func(ctx context.Context, p func(exchange.Progress)) (exchange.Result, error) {
			return exchange.SyncNamed(ctx, exchange.Workspace{Data: d.Data.Path(), Store: db, Photos: d.Photos, Staging: staging}, "", p)
		},
		Pending: func(ctx context.Context, remote string) (sqlite.SyncPending, error) {
			return exchange.Pending(ctx, db, remote)
		},
	}
}

func syncAndWait(d *Desk) {
	d.syncNow()
	d.bg.Wait()
}

// TestReviewInTheWindow: the inspector's window syncs a finalized report;
// the office's window lists it in the review queue and returns it with
// comments; after the next syncs the inspector's window says it was
// returned, shows the comments, and the home screen says when the last
// sync ran and that nothing waits to go.
func TestReviewInTheWindow(t *testing.T) {
	share := t.TempDir()
	laptop, fx := newSeededDesk(t)
	if err := fx.DB.Finalize(context.Background(), fx.ID, "Li Wei"); err != nil {
		t.Fatal(err)
	}
	joinTeam(t, laptop, fx.DB, share)

	officeDir := t.TempDir()
	odb, err := sqlite.Open(datadir.Dir(officeDir).DB())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { odb.Close() })
	if err := odb.SetRole(context.Background(), inspection.RoleReviewer, "Wang Fang"); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	w := a.NewWindow("Office")
	t.Cleanup(w.Close)
	office := NewDesk(a, w, odb, datadir.Dir(officeDir))
	t.Cleanup(func() { office.Close() })
	office.Start()
	joinTeam(t, office, odb, share)

	laptop.ShowHome()
	settle(laptop)
	if text := laptop.Home.sync.label.Text; !strings.Contains(text, "never synced") || !strings.Contains(text, "1 inspection to send") {
		t.Errorf("home before the first sync: %q", text)
	}
	syncAndWait(laptop)
	syncAndWait(office)

	queue := office.ShowReview()
	if len(queue.Items()) != 1 || queue.Items()[0].ID != fx.ID {
		t.Fatalf("office queue: %+v", queue.Items())
	}
	queue.Select(0)
	test.Tap(queue.ret) // without comments: refused, nothing recorded
	if rs, _ := odb.Reviews(context.Background(), fx.ID); len(rs) != 0 {
		t.Fatalf("returned without comments: %+v", rs)
	}
	test.Type(queue.comments, "Photograph the carton marks.")
	test.Tap(queue.ret)
	if len(queue.Items()) != 0 {
		t.Errorf("a decided report stays in the queue")
	}
	syncAndWait(office)
	syncAndWait(laptop)

	found := false
	for _, n := range laptop.Notices() {
		found = found || strings.Contains(n, "Returned by the office") && strings.Contains(n, "LP-1")
	}
	if !found {
		t.Errorf("the inspector was not told: %q", laptop.Notices())
	}
	mine := laptop.ShowReview()
	if len(mine.Items()) != 1 || mine.Items()[0].Review.State != inspection.StateReturned {
		t.Fatalf("inspector's review screen: %+v", mine.Items())
	}
	mine.Select(0)
	if !strings.Contains(mine.detail.Text, "Photograph the carton marks.") || !strings.Contains(mine.detail.Text, "Wang Fang") {
		t.Errorf("the comments are not shown: %q", mine.detail.Text)
	}
	if !mine.approve.Disabled() {
		t.Errorf("an inspector can approve")
	}
	laptop.ShowHome()
	settle(laptop)
	if text := laptop.Home.sync.label.Text; !strings.Contains(text, "synced") || !strings.Contains(text, "nothing waits to go") {
		t.Errorf("home after syncing: %q", text)
	}
}

// TestSyncStatusNeverBlocksTheWindow: what waits to go is counted off the
// UI goroutine. The home screen opens while the count is held back, and
// shows it when it comes.
func TestSyncStatusNeverBlocksTheWindow(t *testing.T) {
	laptop, fx := newSeededDesk(t)
	joinTeam(t, laptop, fx.DB, t.TempDir())
	count := laptop.Team.Pending
	asked, release := make(chan struct{}, 8), make(chan struct{})
	laptop.Team.Pending = func(ctx context.Context, remote string) (sqlite.SyncPending, error) {
		asked <- struct{}{}
		<-release
		return count(ctx, remote)
	}
	var stuck atomic.Bool
	watchdog := time.AfterFunc(10*time.Second, func() { stuck.Store(true); close(release) })
	laptop.ShowHome()
	if stuck.Load() {
		t.Fatal("ShowHome waited for the count of what waits to go: it runs on the UI goroutine")
	}
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatal("the home screen never asked what waits to go")
	}
	if watchdog.Stop() {
		close(release)
	}
	settle(laptop)
	if text := laptop.Home.sync.label.Text; !strings.Contains(text, "1 inspection to send") || !laptop.Home.sync.view.Visible() {
		t.Errorf("home after the count came: %q", text)
	}
}
