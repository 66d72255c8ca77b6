// Package exchange syncs a Loupe data folder with a remote (an S3 bucket
// or a shared folder) that a team of laptops and an office share.
//
// A sync pushes what changed here since the last one: new versions of
// inspections, the reviews written here and, for the office, the sample
// library; photos first, objects next, the log entry that names them
// last. Then it pulls: it reads every device's log for batches it has
// not read, and merges the versions they name through the same merge, and
// the same checks, as a bundle import (sqlite.DB.MergeWith; every object
// is checked against its SHA-256 first, every photo too). Then it pushes
// again what the merges changed. Nothing on the remote is ever changed or
// deleted.
//
// A sync killed at any point loses nothing and the next one finishes:
// objects without a log entry are invisible and written again by content
// (so stored once), a log entry written but not recorded here is found
// and adopted, and every merge is one transaction with its bookkeeping.
package exchange

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/remote"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Options say what to sync with and how.
type Options struct {
	Remote  sqlite.RemoteInfo // which remote (its name keys the bookkeeping) and its scope
	Store   *sqlite.DB
	Photos  photo.Files
	Staging string // the data folder's staging folder (workspace.StagingDir)
	// Progress hears of each step; it may be nil. It is called from the
	// syncing goroutine.
	Progress func(Progress)
	Retry    Retry
	// BatchSize caps the objects of one log entry, so a push killed
	// halfway keeps most of what it wrote. Zero: 200.
	BatchSize int
}

// Progress is one step of a sync, for a progress line or bar.
type Progress struct {
	Phase       string `json:"phase"` // "reading", "pulling", "pushing"
	Done, Total int    // objects
	Bytes       int64  // bytes moved so far, both ways
	Note        string // a retry, a refusal
}

// Result says what a sync did.
type Result struct {
	Remote  string    `json:"remote"`
	Started time.Time `json:"started"`
	Seconds float64   `json:"seconds"`
	Pulled  Counts    `json:"pulled"`
	Pushed  Counts    `json:"pushed"`
	// Merged counts the inspections (and the library) that changed here.
	Merged     int      `json:"merged"`
	Conflicts  int      `json:"conflicts"` // open conflicts the merges ran into; see `loupe import --conflicts`
	Refused    []string `json:"refused"`   // objects refused, and why
	OutOfScope int      `json:"out_of_scope"`
	Waiting    int      `json:"waiting"` // reviews of inspections not here yet, versions a newer Loupe wrote
	Retries    int      `json:"retries"`
}

// Counts are objects, photos and bytes moved one way.
type Counts struct {
	Objects int   `json:"objects"`
	Photos  int   `json:"photos"`
	Bytes   int64 `json:"bytes"`
}

// maxObject bounds an object or log entry held in memory: a dossier with
// its signatures is well under.
const maxObject = 64 << 20

type syncer struct {
	opt     Options
	r       remote.Remote
	db      *sqlite.DB
	device  string
	role    inspection.Role
	phase   string
	res     Result
	retries int
}

// Sync pulls what others pushed and pushes what this Loupe has that the
// remote lacks. Cancelling ctx stops it at the next step; what was merged
// or pushed by then stays, and the next sync goes on from there. An
// unreachable remote fails at once with a message saying so; nothing here
// changes.
func Sync(ctx context.Context, r remote.Remote, opt Options) (Result, error) {
	s := &syncer{opt: opt, r: r, db: opt.Store}
	s.res.Remote, s.res.Started, s.res.Refused = opt.Remote.Name, time.Now().UTC().Round(0), []string{}
	if s.opt.BatchSize <= 0 {
		s.opt.BatchSize = 200
	}
	err := s.run(ctx)
	s.res.Seconds = time.Since(s.res.Started).Seconds()
	s.res.Retries = s.retries
	return s.res, err
}

func (s *syncer) run(ctx context.Context) error {
	var err error
	if s.device, err = s.db.DeviceID(ctx); err != nil {
		return err
	}
	if s.role, _, err = s.db.Role(ctx); err != nil {
		return err
	}
	if err := s.checkMarker(ctx); err != nil {
		return err
	}
	// A log entry this Loupe wrote but did not record (killed right after
	// writing it) is adopted first, or the push would name its objects again.
	if err := s.readDevice(ctx, s.device); err != nil {
		return err
	}
	// Push first: a report finalized offline goes out as it was sealed,
	// before a library update pulled now changes the samples it shows.
	// Push again after the pull: drafts merged with edits of this laptop.
	if err := s.push(ctx); err != nil {
		return err
	}
	if err := s.pull(ctx); err != nil {
		return err
	}
	if err := s.push(ctx); err != nil {
		return err
	}
	if sw, ok := s.r.(interface{ SweepTemporary(time.Duration) error }); ok {
		sw.SweepTemporary(24 * time.Hour) // best effort: leftovers are invisible to readers anyway
	}
	return nil
}

// marker is loupe-remote.json. Every Loupe writes the very same bytes, so
// two writing it at once (or a sync tool copying it twice) agree.
type marker struct {
	Schema int `json:"schema"`
}

// checkMarker reads the remote's schema, or starts a new exchange. It is
// the first call to the remote: an unreachable one fails here after two
// tries, quickly, with what to do.
func (s *syncer) checkMarker(ctx context.Context) error {
	s.phase = "reading"
	var raw []byte
	quick := s.opt.Retry
	s.opt.Retry = Retry{Attempts: 2, First: 500 * time.Millisecond, Max: time.Second}
	err := s.do(ctx, "read "+markerKey, func() (err error) {
		raw, err = s.get(ctx, markerKey)
		return err
	})
	s.opt.Retry = quick
	switch {
	case errors.Is(err, remote.ErrNotFound):
		b, _ := json.Marshal(marker{Schema: Schema})
		return s.do(ctx, "start the exchange", func() error { return s.r.Put(ctx, markerKey, bytes.NewReader(b), int64(len(b))) })
	case errors.Is(err, context.Canceled):
		return err
	case err != nil:
		return offline(s.r, err)
	}
	var m marker
	if err := json.Unmarshal(raw, &m); err != nil {
		return fmt.Errorf("%s holds a %s that is not Loupe's (%v): is this the right bucket and prefix?", s.r, markerKey, err)
	}
	if m.Schema > Schema {
		return fmt.Errorf("%s was written by a newer Loupe (layout %d, this Loupe knows %d): update Loupe to sync; nothing was changed", s.r, m.Schema, Schema)
	}
	return nil
}

// OfflineError is a remote that could not be reached at all.
type OfflineError struct {
	Remote string
	Err    error
}

func (e *OfflineError) Error() string {
	return fmt.Sprintf("cannot reach %s (%v). Nothing was changed: Loupe works offline as usual; sync again when there is a connection", e.Remote, e.Err)
}

func (e *OfflineError) Unwrap() error { return e.Err }

func offline(r remote.Remote, err error) error {
	var p *remote.Permanent
	if errors.As(err, &p) {
		return err
	}
	return &OfflineError{Remote: r.String(), Err: err}
}

func (s *syncer) report(p Progress) {
	if s.opt.Progress == nil {
		return
	}
	p.Bytes = s.res.Pulled.Bytes + s.res.Pushed.Bytes
	s.opt.Progress(p)
}

// get reads a whole object, at most maxObject bytes.
func (s *syncer) get(ctx context.Context, key string) ([]byte, error) {
	rc, err := s.r.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxObject+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxObject {
		return nil, refuse("%s is larger than the %d MB an object may be", key, maxObject>>20)
	}
	s.res.Pulled.Bytes += int64(len(b))
	return b, nil
}

// getObject reads and checks a record object, retrying a flaky link.
func (s *syncer) getObject(ctx context.Context, name string) (*object, error) {
	var raw []byte
	err := s.do(ctx, "download object "+name, func() (err error) {
		raw, err = s.get(ctx, objectsDir+name+".json")
		return err
	})
	if errors.Is(err, remote.ErrNotFound) {
		return nil, refuse("object %s is named in a log but missing from the remote", name)
	}
	if err != nil {
		return nil, err
	}
	s.res.Pulled.Objects++
	return decode(raw, name)
}

// putBytes uploads an object unless the remote has it.
func (s *syncer) putBytes(ctx context.Context, key string, b []byte) error {
	return s.do(ctx, "upload "+key, func() error {
		return s.r.Put(ctx, key, bytes.NewReader(b), int64(len(b)))
	})
}

// fetchPhoto downloads an original into dest, checking its SHA-256 and size
// as it goes: a photo that is not what its name says is refused.
func (s *syncer) fetchPhoto(ctx context.Context, p inspection.Photo, dest string) error {
	key := photosDir + p.SHA256 + p.Ext
	return s.do(ctx, "download photo "+p.SHA256[:12], func() error {
		rc, err := s.r.Get(ctx, key)
		if errors.Is(err, remote.ErrNotFound) {
			return refuse("photo %s (%q) is missing from the remote", p.ID, p.OriginalName)
		}
		if err != nil {
			return err
		}
		defer rc.Close()
		f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return &remote.Permanent{Err: err}
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(rc, p.Size+1))
		if err == nil {
			err = f.Sync() // it is renamed into the photo store: on disk first
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		s.res.Pulled.Bytes += n
		if got := hex.EncodeToString(h.Sum(nil)); got != p.SHA256 || n != p.Size {
			return refuse("photo %s (%q) on the remote holds %d bytes with SHA-256 %s, not the %d bytes of %s: it was altered or damaged", p.ID, p.OriginalName, n, got, p.Size, p.SHA256)
		}
		s.res.Pulled.Photos++
		return nil
	})
}

// Workspace is what a sync needs of an open data folder.
type Workspace struct {
	Data    string // the data folder, where one sync at a time runs
	Store   *sqlite.DB
	Photos  photo.Files
	Staging string
}

// SyncNamed syncs with the remote of that name ("" when there is one
// only): it connects with the keys from the environment, syncs, and
// records when and how it went, which the window shows. Two syncs of one
// data folder at once would write two log entries under one number; the
// second is refused.
func SyncNamed(ctx context.Context, w Workspace, name string, progress func(Progress)) (Result, error) {
	info, err := w.Store.RemoteNamed(ctx, name)
	if err != nil {
		return Result{}, err
	}
	if w.Data == "" {
		return Result{Remote: info.Name}, errors.New("SyncNamed: no data folder given")
	}
	release, err := inflight.Hold(w.Data, "sync")
	if errors.Is(err, inflight.ErrHeld) {
		return Result{Remote: info.Name}, fmt.Errorf("another sync of this data folder is running (in the window, or a `loupe sync`): let it finish, then sync again")
	}
	if err != nil {
		return Result{Remote: info.Name}, err
	}
	defer release()
	res := Result{Remote: info.Name, Started: time.Now()}
	r, err := remote.Open(remote.Config{URL: info.URL, Endpoint: info.Endpoint, Region: info.Region})
	if err == nil {
		res, err = Sync(ctx, r, Options{Remote: info, Store: w.Store, Photos: w.Photos, Staging: w.Staging, Progress: progress})
	}
	summary, _ := json.Marshal(res)
	if rerr := w.Store.SyncTried(context.WithoutCancel(ctx), info.Name, time.Now(), err, summary); rerr != nil && err == nil {
		err = rerr
	}
	return res, err
}

// Pending counts what waits to go to a remote, and what came from it and
// waits (out of scope, or refused), from this database alone: it works
// offline.
func Pending(ctx context.Context, db *sqlite.DB, remoteName string) (sqlite.SyncPending, error) {
	p, err := db.PendingCounts(ctx, remoteName)
	if err != nil {
		return p, err
	}
	role, _, err := db.Role(ctx)
	if err != nil || role != inspection.RoleReviewer {
		return p, err
	}
	lib, err := db.Library(ctx)
	if err != nil {
		return p, err
	}
	fp, err := sqlite.LibraryFingerprint(lib)
	if err != nil {
		return p, err
	}
	head, ok, err := db.Head(ctx, remoteName, "")
	p.Library = (ok && head.Fingerprint != fp) || (!ok && len(lib.Samples) > 0)
	return p, err
}
