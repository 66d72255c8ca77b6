package exchange

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// outgoing is one object waiting to go, with the photos it needs there
// first and the head it moves to once its batch is written.
type outgoing struct {
	e      entry
	raw    []byte
	photos []inspection.Photo
	head   *sqlite.SyncHead
}

// push writes what changed here since the last sync, in batches.
func (s *syncer) push(ctx context.Context) error {
	s.phase = "pushing"
	known, err := s.db.KnownPhotos(ctx, s.opt.Remote.Name)
	if err != nil {
		return err
	}
	var out []outgoing
	flush := func(force bool) error {
		if len(out) == 0 || !force && len(out) < s.opt.BatchSize {
			return nil
		}
		err := s.writeBatch(ctx, out, known)
		out = out[:0]
		return err
	}
	ids, err := s.db.PushCandidates(ctx, s.opt.Remote.Name)
	if err != nil {
		return err
	}
	for i, id := range ids {
		s.report(Progress{Phase: "preparing", Done: i, Total: len(ids)})
		o, err := s.dossierOut(ctx, id)
		if err != nil {
			return err
		}
		if o != nil {
			out = append(out, *o)
		}
		if err := flush(false); err != nil {
			return err
		}
	}
	deletions, err := s.deletionsOut(ctx)
	if err != nil {
		return err
	}
	out = append(out, deletions...)
	reviews, err := s.reviewsOut(ctx)
	if err != nil {
		return err
	}
	out = append(out, reviews...)
	reports, err := s.reportsOut(ctx)
	if err != nil {
		return err
	}
	out = append(out, reports...)
	if s.role == inspection.RoleReviewer {
		lib, err := s.libraryOut(ctx)
		if err != nil {
			return err
		}
		if lib != nil {
			out = append(out, *lib)
		}
	}
	return flush(true)
}

// dossierOut prepares an inspection's new version, or nil when the copy
// here still holds what it last pushed or merged.
func (s *syncer) dossierOut(ctx context.Context, id inspection.ID) (*outgoing, error) {
	remoteName := s.opt.Remote.Name
	fp, mark, err := s.db.Fingerprint(ctx, id)
	if err != nil {
		return nil, err
	}
	head, ok, err := s.db.Head(ctx, remoteName, id.String())
	if err != nil {
		return nil, err
	}
	if ok && head.Fingerprint == fp {
		return nil, s.db.UpdateHeadMark(ctx, remoteName, id.String(), mark)
	}
	d, err := s.db.Dossier(ctx, id)
	if err != nil {
		return nil, err
	}
	var fin *inspection.Manifest
	if d.Inspection.Status == inspection.Finalized {
		if fin, err = s.db.Manifest(ctx, id); err != nil {
			return nil, err
		}
	}
	raw, name, err := encode(object{Schema: Schema, Kind: KindDossier, Dossier: d, Finalized: fin})
	if err != nil {
		return nil, err
	}
	e := entry{Object: name, Kind: KindDossier, Subject: id.String(), Fingerprint: fp, Bytes: int64(len(raw))}
	if d.Inspection.SupplierID != inspection.NilID {
		e.Supplier = d.Inspection.SupplierID.String()
	}
	if ok {
		e.Parent = head.Object
	}
	return &outgoing{e: e, raw: raw, photos: d.Photos,
		head: &sqlite.SyncHead{Subject: id.String(), Object: name, Fingerprint: fp, Mark: mark}}, nil
}

// deletionsOut prepares a tombstone for each draft deleted here since it
// was last in step with the remote: the remote keeps every version, so
// without one the others would never learn of the deletion, and the next
// sync would bring the draft back.
func (s *syncer) deletionsOut(ctx context.Context) ([]outgoing, error) {
	gone, err := s.db.Deletions(ctx, s.opt.Remote.Name)
	if err != nil {
		return nil, err
	}
	var out []outgoing
	for _, g := range gone {
		id, err := inspection.ParseID(g.Head.Subject)
		if err != nil {
			return nil, err
		}
		t := &tombstone{InspectionID: id, Base: g.Head.Object, DeletedAt: g.DeletedAt, DeletedBy: g.DeletedBy}
		raw, name, err := encode(object{Schema: Schema, Kind: KindTombstone, Tombstone: t})
		if err != nil {
			return nil, err
		}
		out = append(out, outgoing{raw: raw,
			e: entry{Object: name, Kind: KindTombstone, Subject: g.Head.Subject, Supplier: g.Supplier, Parent: g.Head.Object,
				Fingerprint: sqlite.Deleted, Bytes: int64(len(raw))},
			head: &sqlite.SyncHead{Subject: g.Head.Subject, Object: name, Fingerprint: sqlite.Deleted}})
	}
	return out, nil
}

// reviewsOut prepares the reviews written here and not on the remote yet.
func (s *syncer) reviewsOut(ctx context.Context) ([]outgoing, error) {
	pushed, err := s.db.PushedReviews(ctx, s.opt.Remote.Name)
	if err != nil {
		return nil, err
	}
	all, err := s.db.Reviews(ctx, inspection.NilID)
	if err != nil {
		return nil, err
	}
	var out []outgoing
	for i := range all {
		r := &all[i]
		if pushed[r.ID.String()] {
			continue
		}
		raw, name, err := encode(object{Schema: Schema, Kind: KindReview, Review: r})
		if err != nil {
			return nil, err
		}
		out = append(out, outgoing{raw: raw, e: entry{Object: name, Kind: KindReview, Subject: r.InspectionID.String(),
			Record: r.ID.String(), Bytes: int64(len(raw))}})
	}
	return out, nil
}

// reportsOut prepares the records of the report files written (or
// received in a bundle) here that the remote lacks.
func (s *syncer) reportsOut(ctx context.Context) ([]outgoing, error) {
	pushed, err := s.db.PushedReports(ctx, s.opt.Remote.Name)
	if err != nil {
		return nil, err
	}
	all, err := s.db.ReportFiles(ctx)
	if err != nil {
		return nil, err
	}
	var out []outgoing
	for i := range all {
		r := &all[i]
		if pushed[r.SHA256] {
			continue
		}
		raw, name, err := encode(object{Schema: Schema, Kind: KindReport, Report: r})
		if err != nil {
			return nil, err
		}
		out = append(out, outgoing{raw: raw, e: entry{Object: name, Kind: KindReport, Subject: r.InspectionID.String(),
			Record: r.SHA256, Bytes: int64(len(raw))}})
	}
	return out, nil
}

// libraryOut prepares the library when it changed since it was last
// published or merged here.
func (s *syncer) libraryOut(ctx context.Context) (*outgoing, error) {
	lib, err := s.db.Library(ctx)
	if err != nil {
		return nil, err
	}
	fp, err := sqlite.LibraryFingerprint(lib)
	if err != nil {
		return nil, err
	}
	head, ok, err := s.db.Head(ctx, s.opt.Remote.Name, "")
	if err != nil || ok && head.Fingerprint == fp || len(lib.Samples) == 0 && !ok {
		return nil, err
	}
	raw, name, err := encode(object{Schema: Schema, Kind: KindLibrary, Library: lib})
	if err != nil {
		return nil, err
	}
	e := entry{Object: name, Kind: KindLibrary, Fingerprint: fp, Bytes: int64(len(raw))}
	if ok {
		e.Parent = head.Object
	}
	return &outgoing{e: e, raw: raw, photos: lib.Photos, head: &sqlite.SyncHead{Object: name, Fingerprint: fp}}, nil
}

// writeBatch uploads the photos, then the objects, then the log entry that
// names them, and records it all here. An object whose photo file is
// missing from this laptop's photo store stays behind, with a note: the
// others could not check it.
func (s *syncer) writeBatch(ctx context.Context, out []outgoing, known map[string]bool) error {
	total := len(out)
	var ready []outgoing
	for i, o := range out {
		s.report(Progress{Phase: s.phase, Done: i, Total: total})
		if err := s.putPhotos(ctx, o.photos, known); err != nil {
			var missing *missingPhoto
			if errors.As(err, &missing) {
				s.res.Refused = append(s.res.Refused, fmt.Sprintf("not pushed: %s %s: %v", o.e.Kind, o.e.Subject, err))
				continue
			}
			return err
		}
		if err := s.putBytes(ctx, objectsDir+o.e.Object+".json", o.raw); err != nil {
			return err
		}
		s.res.Pushed.Objects++
		s.res.Pushed.Bytes += int64(len(o.raw))
		ready = append(ready, o)
	}
	if len(ready) == 0 {
		return nil
	}
	read, err := s.db.ReadBatches(ctx, s.opt.Remote.Name, s.device)
	if err != nil {
		return err
	}
	b := batch{Schema: Schema, Device: s.device, Role: s.role, Seq: read.Top + 1, WrittenAt: time.Now().UTC().Round(0)}
	objs := make([]sqlite.SyncObject, 0, len(ready))
	var heads []sqlite.SyncHead
	for _, o := range ready {
		b.Entries = append(b.Entries, o.e)
		objs = append(objs, sqlite.SyncObject{Object: o.e.Object, Kind: o.e.Kind, Subject: o.e.Subject, Record: o.e.Record,
			Supplier: o.e.Supplier, Device: s.device, Seq: b.Seq, Parent: o.e.Parent})
		if o.head != nil {
			heads = append(heads, *o.head)
		}
	}
	raw, sha, err := encode(b)
	if err != nil {
		return err
	}
	key := logKey(s.device, b.Seq, sha)
	if err := s.putBytes(ctx, key, raw); err != nil {
		return err
	}
	s.res.Pushed.Bytes += int64(len(raw))
	s.report(Progress{Phase: s.phase, Done: total, Total: total})
	return s.db.RecordPush(ctx, s.opt.Remote.Name, key, s.device, b.Seq, objs, heads)
}

// missingPhoto is a photo whose original is not in this laptop's store.
type missingPhoto struct{ p inspection.Photo }

func (m *missingPhoto) Error() string {
	return fmt.Sprintf("the original of photo %q (%s) is missing from this laptop's photo store", m.p.OriginalName, m.p.SHA256[:12])
}

// putPhotos uploads the originals the remote does not have, once each
// across all inspectors: they are named by their SHA-256.
func (s *syncer) putPhotos(ctx context.Context, photos []inspection.Photo, known map[string]bool) error {
	for _, p := range photos {
		if known[p.SHA256] {
			continue
		}
		path := s.opt.Photos.Original(p.SHA256, p.Ext)
		st, err := os.Stat(path)
		if errors.Is(err, fs.ErrNotExist) {
			var there bool
			if err := s.do(ctx, "look for photo "+p.SHA256[:12], func() (err error) {
				there, err = s.r.Exists(ctx, photosDir+p.SHA256+p.Ext)
				return err
			}); err != nil {
				return err
			}
			if !there {
				return &missingPhoto{p}
			}
		} else if err != nil {
			return err
		} else {
			err = s.do(ctx, "upload photo "+p.SHA256[:12], func() error {
				f, err := os.Open(path)
				if err != nil {
					return err
				}
				defer f.Close()
				return s.r.Put(ctx, photosDir+p.SHA256+p.Ext, f, st.Size())
			})
			if err != nil {
				return err
			}
			s.res.Pushed.Photos++
			s.res.Pushed.Bytes += st.Size()
		}
		known[p.SHA256] = true
		if err := s.db.AddKnownPhotos(ctx, s.opt.Remote.Name, []string{p.SHA256}); err != nil {
			return err
		}
	}
	return nil
}
