package exchange_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/exchange"
	"github.com/loupeqc/loupe/inspection/remote"
	"github.com/loupeqc/loupe/inspection/remote/s3test"
	"github.com/loupeqc/loupe/inspection/sqlite"
	"github.com/loupeqc/loupe/inspection/workspace"
)

var ctx = context.Background()

// laptop is one data folder with a remote named "team".
type laptop struct {
	t   *testing.T
	dir string
	ws  *workspace.Workspace
	db  *sqlite.DB
}

func newLaptop(t *testing.T, dir string, cfg remote.Config) *laptop {
	t.Helper()
	ws, err := workspace.Open(datadir.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	l := &laptop{t: t, dir: dir, ws: ws, db: ws.Store}
	must(t, l.db.AddRemote(ctx, sqlite.RemoteInfo{Name: "team", URL: cfg.URL, Endpoint: cfg.Endpoint, Region: cfg.Region}))
	return l
}

func (l *laptop) sync(r remote.Remote) exchange.Result {
	l.t.Helper()
	res, err := l.trySync(ctx, r)
	if err != nil {
		l.t.Fatalf("sync %s: %v", l.dir, err)
	}
	return res
}

func (l *laptop) trySync(ctx context.Context, r remote.Remote) (exchange.Result, error) {
	info, err := l.db.RemoteNamed(ctx, "team")
	if err != nil {
		return exchange.Result{}, err
	}
	return exchange.Sync(ctx, r, exchange.Options{Remote: info, Store: l.db, Photos: l.ws.Photos, Staging: l.ws.StagingDir(),
		Retry: exchange.Retry{Attempts: 4, First: time.Millisecond, Max: 5 * time.Millisecond}})
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func dossierJSON(t *testing.T, db *sqlite.DB, id inspection.ID) string {
	t.Helper()
	d, err := db.Dossier(ctx, id)
	must(t, err)
	b, err := json.Marshal(d)
	must(t, err)
	return string(b)
}

func folder(t *testing.T) (remote.Remote, remote.Config) {
	dir := t.TempDir()
	cfg := remote.Config{URL: "dir:" + dir}
	r, err := remote.Open(cfg)
	must(t, err)
	return r, cfg
}

// twoLaptops is a draft written on laptop a, and laptop b, sharing a
// folder remote; neither has synced.
func twoLaptops(t *testing.T) (remote.Remote, remote.Config, *bundletest.Fixture, *laptop, *laptop) {
	t.Helper()
	r, cfg := folder(t)
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	return r, cfg, fx, newLaptop(t, aDir, cfg), newLaptop(t, t.TempDir(), cfg)
}

// files lists a folder remote's files under a prefix.
func files(t *testing.T, cfg remote.Config, prefix string) []string {
	root := strings.TrimPrefix(cfg.URL, "dir:")
	var out []string
	filepath.WalkDir(filepath.Join(root, prefix), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(root, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// TestSyncRoundTrip: what A pushes, B pulls whole, photos checked and
// installed; syncing again moves nothing; an edit on A reaches B as an
// edit, not a conflict, and B sends nothing back.
func TestSyncRoundTrip(t *testing.T) {
	r, cfg := folder(t)
	roundTrip(t, r, cfg)
}

func TestSyncRoundTripS3(t *testing.T) {
	srv := s3test.Start(t, "loupe")
	srv.Env(t)
	cfg := srv.Config("loupe", "acme")
	r, err := remote.Open(cfg)
	must(t, err)
	roundTrip(t, r, cfg)
}

func roundTrip(t *testing.T, r remote.Remote, cfg remote.Config) {
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	b := newLaptop(t, t.TempDir(), cfg)

	res := a.sync(r)
	if res.Pushed.Objects != 1 || res.Pushed.Photos != 2 {
		t.Errorf("A pushed %+v, want 1 object and 2 photos", res.Pushed)
	}
	res = b.sync(r)
	if res.Merged != 1 || res.Conflicts != 0 || len(res.Refused) != 0 || res.Pushed.Objects != 0 {
		t.Fatalf("B: %+v", res)
	}
	if got, want := dossierJSON(t, b.db, fx.ID), dossierJSON(t, a.db, fx.ID); got != want {
		t.Fatalf("B's copy differs:\n  A %s\n  B %s", want, got)
	}
	audit, err := b.db.Audit(ctx, fx.ID)
	must(t, err)
	if len(audit) == 0 || !strings.HasPrefix(audit[0].Who, "sync from device ") {
		t.Errorf("B's audit trail does not say the records came by sync: %+v", audit[:min(1, len(audit))])
	}
	d, _ := b.db.Dossier(ctx, fx.ID)
	for _, p := range d.Photos {
		for _, f := range []string{b.ws.Photos.Original(p.SHA256, p.Ext), b.ws.Photos.Working(p.SHA256), b.ws.Photos.Thumbnail(p.SHA256)} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("photo %s: %v", p.OriginalName, err)
			}
		}
	}
	for _, l := range []*laptop{a, b} {
		if res := l.sync(r); res.Pushed.Objects+res.Merged != 0 {
			t.Errorf("a sync with nothing new did something: %+v", res)
		}
	}

	fs, _ := a.db.Findings(ctx, fx.ID)
	fs[0].Quantity = 6
	must(t, a.db.PutFinding(ctx, &fs[0]))
	if res := a.sync(r); res.Pushed.Objects != 1 || res.Pushed.Photos != 0 {
		t.Errorf("A's edit pushed %+v, want one object, no photo again", res.Pushed)
	}
	res = b.sync(r)
	if res.Conflicts != 0 || res.Merged != 1 || res.Pushed.Objects != 0 {
		t.Errorf("B took A's edit: %+v", res)
	}
	if got, _ := b.db.Findings(ctx, fx.ID); got[0].Quantity != 6 {
		t.Errorf("B has quantity %d, want 6", got[0].Quantity)
	}
	if res := a.sync(r); res.Merged != 0 || res.Pushed.Objects != 0 {
		t.Errorf("A got something back: %+v", res)
	}
}

// TestConcurrentDraftEdits: two laptops edit one draft offline, then sync.
// Each keeps its own version of the record both changed, the other's is
// recorded as a conflict on both, and the records only one changed reach
// the other.
func TestConcurrentDraftEdits(t *testing.T) {
	r, _, fx, a, b := twoLaptops(t)
	a.sync(r)
	b.sync(r)

	af, _ := a.db.Findings(ctx, fx.ID)
	af[0].Quantity = 4
	must(t, a.db.PutFinding(ctx, &af[0]))
	bf, _ := b.db.Findings(ctx, fx.ID)
	bf[0].Quantity = 5
	must(t, b.db.PutFinding(ctx, &bf[0]))
	in, _ := b.db.Inspection(ctx, fx.ID)
	in.Comments = "Factory asked for a re-count"
	must(t, b.db.PutInspection(ctx, in))

	a.sync(r)
	resB := b.sync(r)
	resA := a.sync(r)
	if resB.Conflicts != 1 || resA.Conflicts != 1 {
		t.Fatalf("conflicts: A %d, B %d; want one each", resA.Conflicts, resB.Conflicts)
	}
	for _, c := range []struct {
		l    *laptop
		want int
	}{{a, 4}, {b, 5}} {
		fs, _ := c.l.db.Findings(ctx, fx.ID)
		if fs[0].Quantity != c.want {
			t.Errorf("%s: quantity %d, want its own %d", c.l.dir, fs[0].Quantity, c.want)
		}
		open, _ := c.l.db.Conflicts(ctx, false)
		if len(open) != 1 || open[0].Entity != "finding" {
			t.Fatalf("%s: open conflicts %+v", c.l.dir, open)
		}
		var local, incoming inspection.Finding
		json.Unmarshal(open[0].Local, &local)
		json.Unmarshal(open[0].Incoming, &incoming)
		if local.Quantity+incoming.Quantity != 9 {
			t.Errorf("%s: conflict keeps %d and %d, want both versions (4 and 5)", c.l.dir, local.Quantity, incoming.Quantity)
		}
	}
	if got, _ := a.db.Inspection(ctx, fx.ID); got.Comments != "Factory asked for a re-count" {
		t.Errorf("B's comment did not reach A: %q", got.Comments)
	}
	// More syncs settle: no new conflict, nothing moves.
	for i := 0; i < 2; i++ {
		for _, l := range []*laptop{a, b} {
			if res := l.sync(r); res.Conflicts != 0 || res.Merged != 0 {
				t.Errorf("sync %d of %s: %+v", i, l.dir, res)
			}
		}
	}
}

// TestTamperedObjectRefused: an object whose bytes no longer match its
// name is refused, reported, and nothing of it is written.
func TestTamperedObjectRefused(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	a.sync(r)
	objs := files(t, cfg, "v1/objects")
	if len(objs) != 1 {
		t.Fatalf("objects %v", objs)
	}
	path := filepath.Join(strings.TrimPrefix(cfg.URL, "dir:"), objs[0])
	raw, _ := os.ReadFile(path)
	must(t, os.WriteFile(path, []byte(strings.Replace(string(raw), `"quantity":3`, `"quantity":0`, 1)), 0o644))

	res := b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "altered or damaged") {
		t.Fatalf("refused %v", res.Refused)
	}
	if _, err := b.db.Inspection(ctx, fx.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Errorf("the tampered inspection was written: %v", err)
	}
	if res := b.sync(r); len(res.Refused) != 0 {
		t.Errorf("a refused object is tried again: %v", res.Refused)
	}
}

// TestPhotoSwappedRefused: a photo file replaced on the remote by another
// valid image fails its hash; the inspection naming it is refused whole.
func TestPhotoSwappedRefused(t *testing.T) {
	r, cfg, fx, a, b := twoLaptops(t)
	a.sync(r)
	photos := files(t, cfg, "v1/photos")
	root := strings.TrimPrefix(cfg.URL, "dir:")
	other, _ := os.ReadFile(filepath.Join(root, photos[1]))
	must(t, os.WriteFile(filepath.Join(root, photos[0]), other, 0o644))
	res := b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "SHA-256") {
		t.Fatalf("refused %v", res.Refused)
	}
	if _, err := b.db.Inspection(ctx, fx.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Errorf("an inspection with a swapped photo was written: %v", err)
	}
	if entries, _ := os.ReadDir(b.ws.StagingDir()); len(entries) != 0 {
		t.Errorf("staging left %d entries", len(entries))
	}
}

// flaky fails every third call of the remote it wraps, as a factory's
// Wi-Fi does.
type flaky struct {
	remote.Remote
	n atomic.Int64
}

var errDropped = errors.New("connection reset by peer")

func (f *flaky) fail() bool { return f.n.Add(1)%3 == 0 }

func (f *flaky) Put(ctx context.Context, key string, body io.Reader, size int64) error {
	if f.fail() {
		return errDropped
	}
	return f.Remote.Put(ctx, key, body, size)
}

func (f *flaky) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if f.fail() {
		return nil, errDropped
	}
	return f.Remote.Get(ctx, key)
}

func (f *flaky) List(ctx context.Context, dir, after string, fn func(string, int64) error) error {
	if f.fail() {
		return errDropped
	}
	return f.Remote.List(ctx, dir, after, fn)
}

// TestFlakyLink: every third call fails; retries with backoff carry the
// sync through and say so.
func TestFlakyLink(t *testing.T) {
	r, cfg := folder(t)
	fr := &flaky{Remote: r}
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	b := newLaptop(t, t.TempDir(), cfg)
	if res := a.sync(fr); res.Retries == 0 {
		t.Errorf("no retries counted: %+v", res)
	}
	b.sync(fr)
	if got, want := dossierJSON(t, b.db, fx.ID), dossierJSON(t, a.db, fx.ID); got != want {
		t.Errorf("B's copy differs after a flaky sync")
	}
}

// TestOffline: an unreachable S3 endpoint fails at once with what to do,
// and nothing changes here.
func TestOffline(t *testing.T) {
	t.Setenv(remote.AccessKeyEnv, "k")
	t.Setenv(remote.SecretKeyEnv, "s")
	cfg := remote.Config{URL: "s3://loupe/acme", Endpoint: "http://127.0.0.1:1"}
	r, err := remote.Open(cfg)
	must(t, err)
	aDir := t.TempDir()
	fx := bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	before := dossierJSON(t, a.db, fx.ID)
	start := time.Now()
	_, err = a.trySync(ctx, r)
	var off *exchange.OfflineError
	if !errors.As(err, &off) || !strings.Contains(err.Error(), "works offline") {
		t.Fatalf("offline sync: %v", err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("failing took %s", time.Since(start))
	}
	if after := dossierJSON(t, a.db, fx.ID); after != before {
		t.Errorf("an offline sync changed the data")
	}
}

// TestCancelThenFinish: a sync cancelled halfway stops; the next finishes
// with everything there once.
func TestCancelThenFinish(t *testing.T) {
	r, cfg := folder(t)
	aDir := t.TempDir()
	bundletest.Seed(t, aDir)
	a := newLaptop(t, aDir, cfg)
	cctx, cancel := context.WithCancel(ctx)
	calls := 0
	info, _ := a.db.RemoteNamed(ctx, "team")
	_, err := exchange.Sync(cctx, r, exchange.Options{Remote: info, Store: a.db, Photos: a.ws.Photos, Staging: a.ws.StagingDir(),
		Progress: func(p exchange.Progress) {
			if calls++; p.Phase == "pushing" {
				cancel()
			}
		}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled sync: %v", err)
	}
	a.sync(r)
	if logs := files(t, cfg, "v1/log"); len(logs) != 1 {
		t.Errorf("log entries %v, want one", logs)
	}
	if objs := files(t, cfg, "v1/objects"); len(objs) != 1 {
		t.Errorf("objects %v, want one", objs)
	}
}

// TestNewerRemoteRefused: a remote laid out by a newer Loupe is left alone.
func TestNewerRemoteRefused(t *testing.T) {
	r, cfg := folder(t)
	must(t, os.WriteFile(filepath.Join(strings.TrimPrefix(cfg.URL, "dir:"), "loupe-remote.json"), []byte(`{"schema":2}`), 0o644))
	a := newLaptop(t, t.TempDir(), cfg)
	_, err := a.trySync(ctx, r)
	if err == nil || !strings.Contains(err.Error(), "update Loupe") {
		t.Fatalf("newer remote: %v", err)
	}
	if logs := files(t, cfg, "v1"); len(logs) != 0 {
		t.Errorf("wrote %v to a newer remote", logs)
	}
}

// forge writes a valid object and a log entry naming it, as a hostile or
// broken Loupe with write access to the remote could, and returns the
// object's name.
func forge(t *testing.T, r remote.Remote, device string, seq int, subject string, obj map[string]any) string {
	t.Helper()
	raw, err := json.Marshal(obj)
	must(t, err)
	name := inspection.SHA256Hex(raw)
	must(t, r.Put(ctx, "v1/objects/"+name+".json", strings.NewReader(string(raw)), int64(len(raw))))
	b, err := json.Marshal(map[string]any{"schema": 1, "device": device, "role": "inspector", "seq": seq,
		"written_at": time.Now().UTC(), "entries": []map[string]any{{"object": name, "kind": "dossier", "subject": subject, "bytes": len(raw)}}})
	must(t, err)
	key := "v1/log/" + device + "/" + strings.Repeat("0", 9) + string(rune('0'+seq)) + "-" + inspection.SHA256Hex(b) + ".json"
	must(t, r.Put(ctx, key, strings.NewReader(string(b)), int64(len(b))))
	return name
}

// TestForeignRecordRefused: valid files with wrong content. A version whose
// finding belongs to another inspection here, and one that is not the
// inspection its log entry names, are refused whole, with the reason; the
// inspection they reach for is untouched.
func TestForeignRecordRefused(t *testing.T) {
	r, cfg := folder(t)
	bDir := t.TempDir()
	victim := bundletest.Seed(t, bDir)
	b := newLaptop(t, bDir, cfg)
	before := dossierJSON(t, b.db, victim.ID)

	other := bundletest.Seed(t, t.TempDir())
	d, err := other.DB.Dossier(ctx, other.ID)
	must(t, err)
	d.Photos, d.Links = nil, nil
	d.Findings[0].ID = victim.Finding // reaches into B's inspection
	d.Findings[0].Quantity = 99
	device := inspection.NewID().String()
	forge(t, r, device, 1, other.ID.String(), map[string]any{"schema": 1, "kind": "dossier", "dossier": d})
	res := b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "belongs to") {
		t.Fatalf("refused %v", res.Refused)
	}
	if after := dossierJSON(t, b.db, victim.ID); after != before {
		t.Errorf("the victim inspection changed")
	}
	if _, err := b.db.Inspection(ctx, other.ID); inspection.ErrorCode(err) != inspection.ENOTFOUND {
		t.Errorf("the forged inspection was written: %v", err)
	}

	// A version filed under the victim's ID in the log, holding another inspection.
	d2, _ := other.DB.Dossier(ctx, other.ID)
	d2.Photos, d2.Links = nil, nil
	forge(t, r, device, 2, victim.ID.String(), map[string]any{"schema": 1, "kind": "dossier", "dossier": d2})
	res = b.sync(r)
	if len(res.Refused) != 1 || !strings.Contains(res.Refused[0], "holds inspection") {
		t.Fatalf("refused %v", res.Refused)
	}
}
