package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/inflight"
)

// secondInspection gives a laptop another draft, without photos (whose
// files it would not have).
func secondInspection(t *testing.T, l *laptop) inspection.ID {
	t.Helper()
	other := bundletest.Seed(t, t.TempDir())
	d, err := other.DB.Dossier(ctx, other.ID)
	must(t, err)
	d.Photos, d.Links = nil, nil
	_, err = l.db.Merge(ctx, d, nil)
	must(t, err)
	return other.ID
}

// logFiles lists a device folder's log entries, oldest first.
func logFiles(t *testing.T, root string) []string {
	t.Helper()
	devices, err := os.ReadDir(filepath.Join(root, "v1", "log"))
	must(t, err)
	if len(devices) != 1 {
		t.Fatalf("%d devices on the remote", len(devices))
	}
	dir := filepath.Join(root, "v1", "log", devices[0].Name())
	entries, err := os.ReadDir(dir)
	must(t, err)
	var out []string
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), ".") {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out
}

// TestLateLogEntryIsRead: a sync tool delivers a laptop's first log entry
// half copied and its second whole. The half one is left for later, not
// skipped for good: once it is whole, the next sync reads it and the
// inspection it names arrives.
func TestLateLogEntryIsRead(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	a.sync(r)
	second := secondInspection(t, a)
	a.sync(r)

	logs := logFiles(t, root)
	if len(logs) != 2 {
		t.Fatalf("log entries %v, want two", logs)
	}
	whole, err := os.ReadFile(logs[0])
	must(t, err)
	must(t, os.WriteFile(logs[0], whole[:len(whole)/2], 0o644))
	res := b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "still being copied") {
		t.Fatalf("refused %v", res.Refused)
	}
	if _, err := b.db.Inspection(ctx, second); err != nil {
		t.Fatalf("the whole entry's inspection did not arrive: %v", err)
	}

	must(t, os.WriteFile(logs[0], whole, 0o644))
	res = b.sync(r)
	if len(res.Refused) != 0 {
		t.Errorf("refused %v", res.Refused)
	}
	if got, want := dossierJSON(t, b.db, fx.ID), dossierJSON(t, a.db, fx.ID); got != want {
		t.Fatalf("the late entry's inspection is not on B as on A:\n  A %s\n  B %s", want, got)
	}
}

// TestLateOlderVersionChangesNothing: a laptop's older version of a draft
// arrives after its newer one (the older log entry was late). It is the
// newer one's ancestor, so it changes nothing and makes no conflict.
func TestLateOlderVersionChangesNothing(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	a.sync(r)
	fs, _ := a.db.Findings(ctx, fx.ID)
	fs[0].Quantity = 9
	must(t, a.db.PutFinding(ctx, &fs[0]))
	a.sync(r)

	logs := logFiles(t, root)
	whole, err := os.ReadFile(logs[0])
	must(t, err)
	must(t, os.WriteFile(logs[0], whole[:len(whole)/2], 0o644))
	b.sync(r)
	must(t, os.WriteFile(logs[0], whole, 0o644))
	res := b.sync(r)
	if res.Conflicts != 0 || len(res.Refused) != 0 {
		t.Errorf("the older version: %+v", res)
	}
	if got, want := dossierJSON(t, b.db, fx.ID), dossierJSON(t, a.db, fx.ID); got != want {
		t.Fatalf("B does not hold A's newest version:\n  A %s\n  B %s", want, got)
	}
}

// TestSelfReviewRefused: a review that reaches a laptop by sync passes the
// rules of one recorded there: the inspector who wrote a report cannot
// approve it, whatever Loupe wrote the review.
func TestSelfReviewRefused(t *testing.T) {
	r, cfg := folder(t)
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	must(t, a.db.Finalize(ctx, fx.ID, "Li Wei"))
	a.sync(r)
	in, err := a.db.Inspection(ctx, fx.ID)
	must(t, err)
	self := inspection.Review{ID: inspection.NewID(), InspectionID: fx.ID, Decision: inspection.Approved,
		Reviewer: in.Inspector, ReviewedAt: time.Now().UTC()}
	writeForged(t, strings.TrimPrefix(cfg.URL, "dir:"), inspection.NewID().String(), 1,
		map[string]any{"schema": 1, "kind": "review", "review": self},
		map[string]any{"kind": "review", "subject": fx.ID.String(), "record": self.ID.String()})
	res := a.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "another reviewer must review it") {
		t.Fatalf("refused %v", res.Refused)
	}
	if rs, _ := a.db.Reviews(ctx, fx.ID); len(rs) != 0 {
		t.Errorf("the self-review was stored: %+v", rs)
	}
}

// TestLibraryFromAnInspectorRefused: only the office publishes the sample
// library; one in the log of a device set up as an inspector's is refused
// and nothing of it is written.
func TestLibraryFromAnInspectorRefused(t *testing.T) {
	r, cfg := folder(t)
	a := newLaptop(t, t.TempDir(), cfg)
	sample := inspection.Sample{ID: inspection.NewID(), Kind: inspection.Golden, Code: "GS-7", Version: 1}
	lib := inspection.Library{Samples: []inspection.Sample{sample}}
	writeForged(t, strings.TrimPrefix(cfg.URL, "dir:"), inspection.NewID().String(), 1,
		map[string]any{"schema": 1, "kind": "library", "library": lib},
		map[string]any{"kind": "library"})
	res := a.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "the office's to publish") {
		t.Fatalf("refused %v", res.Refused)
	}
	if got, _ := a.db.Library(ctx); len(got.Samples) != 0 {
		t.Errorf("the library was merged: %+v", got.Samples)
	}
	if res := a.sync(r); len(res.Refused) != 0 {
		t.Errorf("refused again: %v", res.Refused)
	}
}

// TestOneSyncAtATime: a second sync of a data folder while one runs (the
// window's and a scheduled `loupe sync`, say) is refused with what to do;
// it would write a second log entry under the same number.
func TestOneSyncAtATime(t *testing.T) {
	_, cfg := folder(t)
	dir := t.TempDir()
	a := newLaptop(t, dir, cfg)
	w := exchange.Workspace{Data: dir, Store: a.db, Photos: a.ws.Photos, Staging: a.ws.StagingDir()}
	release, err := inflight.Hold(dir, "sync")
	must(t, err)
	if _, err := exchange.SyncNamed(ctx, w, "team", nil); err == nil || !strings.Contains(err.Error(), "another sync of this data folder is running") {
		t.Fatalf("a second sync: %v", err)
	}
	release()
	if _, err := exchange.SyncNamed(ctx, w, "team", nil); err != nil {
		t.Fatalf("the sync after the first ended: %v", err)
	}
}
