package exchange_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
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
	r, cfg := folder(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	b := newLaptop(t, t.TempDir(), cfg)
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
	r, cfg := folder(t)
	root := strings.TrimPrefix(cfg.URL, "dir:")
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	b := newLaptop(t, t.TempDir(), cfg)
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
