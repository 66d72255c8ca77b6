package exchange

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// pull reads the logs, then merges what they name: the library first, so
// the inspections find their samples, then inspections, then reviews,
// which need their inspection here.
func (s *syncer) pull(ctx context.Context) error {
	if err := s.readLogs(ctx); err != nil {
		return err
	}
	s.phase = "pulling"
	pending, err := s.db.PendingObjects(ctx, s.opt.Remote.Name)
	if err != nil {
		return err
	}
	var mine []string
	library := map[string][]sqlite.SyncObject{}
	dossiers := map[string]map[string][]sqlite.SyncObject{}
	var reviews, reports []sqlite.SyncObject
	for _, o := range pending {
		switch {
		case o.Device == s.device:
			mine = append(mine, o.Object)
		case o.Kind == KindLibrary:
			library[o.Device] = append(library[o.Device], o)
		case o.Kind == KindDossier || o.Kind == KindTombstone:
			if dossiers[o.Subject] == nil {
				dossiers[o.Subject] = map[string][]sqlite.SyncObject{}
			}
			dossiers[o.Subject][o.Device] = append(dossiers[o.Subject][o.Device], o)
		case o.Kind == KindReview:
			reviews = append(reviews, o)
		case o.Kind == KindReport:
			reports = append(reports, o)
		}
	}
	if err := s.db.MarkMerged(ctx, s.opt.Remote.Name, mine); err != nil {
		return err
	}
	inScope, err := s.scope(ctx)
	if err != nil {
		return err
	}
	total := len(library) + len(reviews) + len(reports)
	for _, byDevice := range dossiers {
		total += len(byDevice)
	}
	done := 0
	step := func() {
		done++
		s.report(Progress{Phase: s.phase, Done: done, Total: total})
	}
	for _, dev := range sortedKeys(library) {
		if err := s.mergeVersions(ctx, library[dev]); err != nil {
			return err
		}
		step()
	}
	for _, subject := range sortedKeys(dossiers) {
		byDevice := dossiers[subject]
		if !inScope(byDevice) {
			s.res.OutOfScope += len(byDevice)
			done += len(byDevice)
			continue
		}
		for _, dev := range deletionsLast(byDevice) {
			if err := s.mergeVersions(ctx, byDevice[dev]); err != nil {
				return err
			}
			step()
		}
	}
	for _, r := range reviews {
		if err := s.mergeReview(ctx, r); err != nil {
			return err
		}
		step()
	}
	for _, r := range reports {
		if err := s.mergeReportFile(ctx, r); err != nil {
			return err
		}
		step()
	}
	return nil
}

// scope says whether an inspection's versions are pulled: always with
// scope "all"; with "own", when the inspection is here already, or its
// supplier is one of the suppliers of the inspections here (so a
// re-inspection has the supplier's history).
func (s *syncer) scope(ctx context.Context) (func(map[string][]sqlite.SyncObject) bool, error) {
	if s.opt.Remote.Scope != sqlite.ScopeOwn {
		return func(map[string][]sqlite.SyncObject) bool { return true }, nil
	}
	inspections, suppliers, err := s.db.InspectionSuppliers(ctx)
	if err != nil {
		return nil, err
	}
	return func(byDevice map[string][]sqlite.SyncObject) bool {
		for _, objs := range byDevice {
			for _, o := range objs {
				if inspections[o.Subject] || o.Supplier != "" && suppliers[o.Supplier] {
					return true
				}
			}
		}
		return false
	}, nil
}

// deletionsLast orders an inspection's devices so that those whose newest
// word is a deletion come after those with versions: a deletion is judged
// against the copy as the versions it may not have seen leave it.
func deletionsLast(byDevice map[string][]sqlite.SyncObject) []string {
	devs := sortedKeys(byDevice)
	deletes := func(dev string) bool {
		objs := byDevice[dev]
		newest := objs[0]
		for _, o := range objs {
			if o.Seq > newest.Seq {
				newest = o
			}
		}
		return newest.Kind == KindTombstone
	}
	sort.SliceStable(devs, func(i, j int) bool { return !deletes(devs[i]) && deletes(devs[j]) })
	return devs
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// readLogs registers every batch of every device not read yet. A batch
// that fails its hash (a sync tool still copying it, or damage) is left
// for the next sync and reported; this Loupe's own batches, written by a
// push that was killed before it recorded them, are adopted.
func (s *syncer) readLogs(ctx context.Context) error {
	var devices []string
	err := s.do(ctx, "list the devices on the remote", func() error {
		devices = devices[:0]
		return s.r.List(ctx, logDir, "", func(key string, size int64) error {
			if name := key[len(logDir):]; size < 0 && deviceDir.MatchString(name) {
				devices = append(devices, name[:len(name)-1])
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for i, dev := range devices {
		s.report(Progress{Phase: s.phase, Done: i, Total: len(devices)})
		if err := s.readDevice(ctx, dev); err != nil {
			return err
		}
	}
	return nil
}

func (s *syncer) readDevice(ctx context.Context, dev string) error {
	remoteName := s.opt.Remote.Name
	read, err := s.db.ReadBatches(ctx, remoteName, dev)
	if err != nil {
		return err
	}
	// From the first batch not read yet: one left unread by an earlier
	// sync (still being copied, or written by a newer Loupe) is read once
	// it can be, even after later ones were.
	after := ""
	if read.Whole > 0 {
		after = fmt.Sprintf("%s%s/%010d", logDir, dev, read.Whole) // sorts before every batch numbered Whole
	}
	var keys []string
	err = s.do(ctx, "list the log of "+dev, func() error {
		keys = keys[:0]
		return s.r.List(ctx, logDir+dev+"/", after, func(key string, size int64) error {
			if size >= 0 && logName.MatchString(path.Base(key)) && !read.Keys[key] {
				keys = append(keys, key)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, key := range keys {
		m := logName.FindStringSubmatch(path.Base(key))
		seq, _ := strconv.ParseInt(m[1], 10, 64)
		var raw []byte
		err := s.do(ctx, "download "+key, func() (err error) {
			raw, err = s.get(ctx, key)
			return err
		})
		if err != nil {
			return err
		}
		b, err := decodeBatch(raw, dev, seq, m[2])
		var newer *newerError
		switch {
		case errors.As(err, &newer):
			s.res.Waiting++
			continue
		case isRefusal(err):
			s.res.Refused = append(s.res.Refused, err.Error())
			s.report(Progress{Phase: s.phase, Note: err.Error()})
			continue
		case err != nil:
			return err
		}
		objs := make([]sqlite.SyncObject, len(b.Entries))
		var heads []sqlite.SyncHead
		for i, e := range b.Entries {
			objs[i] = sqlite.SyncObject{Object: e.Object, Kind: e.Kind, Subject: e.Subject, Record: e.Record,
				Supplier: e.Supplier, Device: dev, Seq: seq, Parent: e.Parent}
			if e.Kind == KindLibrary && b.Role != inspection.RoleReviewer {
				objs[i].Refused = fmt.Sprintf("library %s from device %s: the sample library is the office's to publish, and this device is set up as an inspector's", e.Object[:12], dev)
				s.res.Refused = append(s.res.Refused, objs[i].Refused)
			}
			if e.Kind != KindReview && e.Fingerprint != "" {
				heads = append(heads, sqlite.SyncHead{Subject: e.Subject, Object: e.Object, Fingerprint: e.Fingerprint})
			}
		}
		if dev == s.device {
			err = s.db.RecordPush(ctx, remoteName, key, dev, seq, objs, heads)
		} else {
			err = s.db.RegisterBatch(ctx, remoteName, key, dev, seq, objs)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func isRefusal(err error) bool {
	var r *refusal
	return errors.As(err, &r)
}

// mergeVersions merges the newest of one device's versions of a subject
// (an inspection, or the library); the older ones are its ancestors on
// that device and are taken in with it.
func (s *syncer) mergeVersions(ctx context.Context, objs []sqlite.SyncObject) error {
	sort.Slice(objs, func(i, j int) bool { return objs[i].Seq < objs[j].Seq })
	head := objs[len(objs)-1]
	names := []string{head.Object}
	for _, o := range objs[:len(objs)-1] {
		names = append(names, o.Object)
	}
	// Versions that arrive after a newer one of the same device (their log
	// entry was late) are its ancestors: they change nothing.
	last, ok, err := s.db.LastMerged(ctx, s.opt.Remote.Name, head.Subject, head.Device)
	if err != nil {
		return err
	}
	if ok && last.Seq > head.Seq {
		return s.db.MarkMerged(ctx, s.opt.Remote.Name, names)
	}
	if head.Kind == KindDossier {
		gone, err := s.deletedHere(ctx, head)
		if err != nil || gone {
			if err == nil {
				err = s.db.MarkMerged(ctx, s.opt.Remote.Name, names)
			}
			return err
		}
	}
	mark := &sqlite.SyncMark{Remote: s.opt.Remote.Name, Objects: names, Head: head.Object}
	// The audit trail names where a merged change came from, never the
	// person at this laptop.
	ctx = inspection.WithActor(ctx, "sync from device "+head.Device)
	o, err := s.getObject(ctx, head.Object)
	if err == nil {
		err = s.checkClaims(o, head)
	}
	if err == nil {
		switch head.Kind {
		case KindLibrary:
			err = s.mergeLibrary(ctx, o, head, mark)
		case KindTombstone:
			err = s.mergeTombstone(ctx, o, head, mark)
		default:
			err = s.mergeDossier(ctx, o, head, mark)
		}
	}
	return s.settle(ctx, head, err)
}

// deletedHere reports whether v is a version of an inspection deleted
// here (or by a deletion taken in here) that the deletion already covers:
// the version deleted, or one before it. Such a version arrived late and
// must not bring the draft back; a later version, edited since, does.
func (s *syncer) deletedHere(ctx context.Context, v sqlite.SyncObject) (bool, error) {
	h, ok, err := s.db.Head(ctx, s.opt.Remote.Name, v.Subject)
	if err != nil || !ok || h.Fingerprint != sqlite.Deleted {
		return false, err
	}
	t, ok, err := s.db.SyncObjectByName(ctx, s.opt.Remote.Name, h.Object)
	if err != nil || !ok {
		return false, err
	}
	seen := map[string]bool{}
	for name := t.Parent; name != "" && !seen[name]; {
		if name == v.Object {
			return true, nil
		}
		seen[name] = true
		p, ok, err := s.db.SyncObjectByName(ctx, s.opt.Remote.Name, name)
		if err != nil || !ok {
			return false, err
		}
		name = p.Parent
	}
	return false, nil
}

// settle records a refused object and lets the sync go on; other errors
// stop it.
func (s *syncer) settle(ctx context.Context, o sqlite.SyncObject, err error) error {
	var newer *newerError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &newer):
		s.res.Waiting++
		return nil
	case isRefusal(err) || inspection.ErrorCode(err) == inspection.EINVALID:
		msg := fmt.Sprintf("%s %s from device %s: %v", o.Kind, o.Object[:12], o.Device, err)
		s.res.Refused = append(s.res.Refused, msg)
		s.report(Progress{Phase: s.phase, Note: "refused " + msg})
		return s.db.RefuseObject(ctx, s.opt.Remote.Name, o.Object, err.Error())
	}
	return err
}

// checkClaims holds an object to what its log entry said of it: a version
// of another inspection than the log names would slip past the scope.
func (s *syncer) checkClaims(o *object, e sqlite.SyncObject) error {
	if o.Kind != e.Kind {
		return refuse("the log names object %s as a %s, but it holds a %s", e.Object, e.Kind, o.Kind)
	}
	switch o.Kind {
	case KindDossier:
		in := o.Dossier.Inspection
		if in.ID.String() != e.Subject {
			return refuse("the log names object %s as a version of inspection %s, but it holds inspection %s", e.Object, e.Subject, in.ID)
		}
		if e.Supplier != "" && in.SupplierID.String() != e.Supplier {
			return refuse("the log names supplier %s for inspection %s, but it names %s", e.Supplier, in.ID, in.SupplierID)
		}
	case KindTombstone:
		if t := o.Tombstone; t.InspectionID.String() != e.Subject || t.Base != e.Parent {
			return refuse("the log names object %s as the deletion of inspection %s from version %s, but it deletes %s from version %s", e.Object, e.Subject, e.Parent, t.InspectionID, t.Base)
		}
	case KindReport:
		if r := o.Report; r.InspectionID.String() != e.Subject || r.SHA256 != e.Record {
			return refuse("the log names object %s as report %s of inspection %s, but it holds report %s of %s", e.Object, e.Record, e.Subject, r.SHA256, r.InspectionID)
		}
	case KindReview:
		r := o.Review
		if r.InspectionID.String() != e.Subject || r.ID.String() != e.Record {
			return refuse("the log names object %s as review %s of inspection %s, but it holds review %s of %s", e.Object, e.Record, e.Subject, r.ID, r.InspectionID)
		}
	}
	return nil
}

// base returns the version this database shares with the incoming one:
// the version it was edited from, when this database merged or wrote it,
// else the last version of its device merged here; nil when there is none.
// A base that cannot be read is no base: every difference is then a
// conflict, which loses nothing.
func (s *syncer) base(ctx context.Context, head sqlite.SyncObject) *object {
	name := ""
	if head.Parent != "" {
		if p, ok, err := s.db.SyncObjectByName(ctx, s.opt.Remote.Name, head.Parent); err == nil && ok &&
			!p.MergedAt.IsZero() && p.Refused == "" && p.Subject == head.Subject && p.Kind == head.Kind {
			name = p.Object
		}
	}
	if name == "" {
		if p, ok, err := s.db.LastMerged(ctx, s.opt.Remote.Name, head.Subject, head.Device); err == nil && ok {
			name = p.Object
		}
	}
	if name == "" {
		return nil
	}
	o, err := s.getObject(ctx, name)
	if err != nil || o.Kind != head.Kind {
		return nil
	}
	if o.Kind == KindDossier && o.Dossier.Inspection.ID.String() != head.Subject {
		return nil
	}
	return o
}

func (s *syncer) mergeDossier(ctx context.Context, o *object, head sqlite.SyncObject, mark *sqlite.SyncMark) error {
	d, fin := o.Dossier, o.Finalized
	if err := bundle.CheckData(d); err != nil {
		return refuse("%v", err)
	}
	if err := d.CheckSeal(fin); err != nil {
		return refuse("%v", err)
	}
	var base *inspection.Dossier
	if b := s.base(ctx, head); b != nil {
		base = b.Dossier
	}
	var rep sqlite.MergeReport
	err := s.withPhotos(ctx, d.Photos, func() (err error) {
		rep, err = s.db.MergeWith(ctx, d, fin, sqlite.MergeOptions{Base: base, Sync: mark})
		return err
	})
	if err != nil {
		return err
	}
	s.tally(rep)
	return nil
}

// mergeTombstone takes in another device's deletion of a draft. The
// version it deleted must be on the remote, whole, valid, and a draft of
// that inspection: a device can only delete what it could delete here.
func (s *syncer) mergeTombstone(ctx context.Context, o *object, head sqlite.SyncObject, mark *sqlite.SyncMark) error {
	t := o.Tombstone
	base, err := s.getObject(ctx, t.Base)
	if err != nil {
		return err
	}
	if base.Kind != KindDossier || base.Dossier.Inspection.ID != t.InspectionID {
		return refuse("the deletion of inspection %s names version %s, which is not a version of it", t.InspectionID, t.Base)
	}
	if err := bundle.CheckData(base.Dossier); err != nil {
		return refuse("the deletion of inspection %s names an invalid version: %v", t.InspectionID, err)
	}
	if base.Dossier.Inspection.Status != inspection.Draft {
		return refuse("the deletion of inspection %s names a finalized version: a finalized inspection is never deleted", t.InspectionID)
	}
	rep, err := s.db.MergeDeletion(ctx, t.InspectionID, base.Dossier, mark)
	if err != nil {
		return err
	}
	s.tally(rep.MergeReport)
	photos := &photo.Importer{Store: s.db, Files: s.opt.Photos}
	return photos.Forget(ctx, rep.Photos)
}

func (s *syncer) mergeLibrary(ctx context.Context, o *object, head sqlite.SyncObject, mark *sqlite.SyncMark) error {
	if err := o.Library.Validate(); err != nil {
		return refuse("%v", err)
	}
	var base *inspection.Library
	if b := s.base(ctx, head); b != nil {
		base = b.Library
	}
	var rep sqlite.MergeReport
	err := s.withPhotos(ctx, o.Library.Photos, func() (err error) {
		rep, err = s.db.MergeLibrary(ctx, o.Library, base, mark)
		return err
	})
	if err != nil {
		return err
	}
	s.tally(rep)
	return nil
}

func (s *syncer) tally(rep sqlite.MergeReport) {
	if len(rep.Added)+len(rep.Updated)+len(rep.Deleted) > 0 {
		s.res.Merged++
	}
	s.res.Conflicts += len(rep.Conflicts)
}

// withPhotos downloads the originals this Loupe lacks into the staging
// folder, checked, runs merge, and only then installs them, as a bundle
// import does: a refused or failed merge leaves the photo store as it was.
func (s *syncer) withPhotos(ctx context.Context, photos []inspection.Photo, merge func() error) error {
	var missing []inspection.Photo
	for _, p := range photos {
		if _, err := os.Stat(s.opt.Photos.Original(p.SHA256, p.Ext)); err != nil {
			missing = append(missing, p)
		}
	}
	staged, err := bundle.StageWith(s.opt.Staging, missing, func(p inspection.Photo, dest string) error {
		return s.fetchPhoto(ctx, p, dest)
	})
	if err != nil {
		return err
	}
	if err := merge(); err != nil {
		return errors.Join(err, staged.Discard())
	}
	_, err = staged.Install(s.opt.Photos, nil)
	return err
}

// mergeReview merges one review once its inspection is here; until then
// it waits (the inspection may be out of scope, or come in a later sync).
func (s *syncer) mergeReview(ctx context.Context, e sqlite.SyncObject) error {
	o, here, err := s.recordOf(ctx, e, func(o *object) error { return o.Review.Validate() })
	if !here {
		s.res.Waiting++
	}
	if o == nil {
		return err
	}
	rep, err := s.db.MergeReview(ctx, o.Review, &sqlite.SyncMark{Remote: s.opt.Remote.Name, Objects: []string{e.Object}})
	switch inspection.ErrorCode(err) {
	case inspection.ECONFLICT: // a draft here still: the finalized version comes later
		s.res.Waiting++
		return nil
	case inspection.EINVALID: // by the inspector of the report, say
		return s.settle(ctx, e, err)
	}
	if err != nil {
		return err
	}
	s.tally(rep)
	return nil
}

// mergeReportFile records another device's report file once its
// inspection is here, when it prints exactly the data here; a report of
// another version of the data is taken in and not recorded. Until the
// inspection is here (it may be out of scope) it waits, uncounted: it is
// bookkeeping, not work.
func (s *syncer) mergeReportFile(ctx context.Context, e sqlite.SyncObject) error {
	o, _, err := s.recordOf(ctx, e, func(o *object) error { return o.Report.Validate() })
	if o == nil {
		return err
	}
	r := *o.Report
	r.Name += " (received by sync)"
	_, err = s.db.MergeReportFile(ctx, r, &sqlite.SyncMark{Remote: s.opt.Remote.Name, Objects: []string{e.Object}})
	return err
}

// recordOf fetches the object of a record about an inspection (a review, a
// report file) once the inspection is here, checked against its log entry
// and validate. The object is nil while the inspection is not here (here
// false), and when it was refused (the error is settle's).
func (s *syncer) recordOf(ctx context.Context, e sqlite.SyncObject, validate func(*object) error) (o *object, here bool, err error) {
	if _, err := s.db.Inspection(ctx, mustID(e.Subject)); err != nil {
		if inspection.ErrorCode(err) == inspection.ENOTFOUND {
			return nil, false, nil
		}
		return nil, true, err
	}
	o, err = s.getObject(ctx, e.Object)
	if err == nil {
		err = s.checkClaims(o, e)
	}
	if err == nil {
		if verr := validate(o); verr != nil {
			err = refuse("%v", verr)
		}
	}
	if err != nil {
		return nil, true, s.settle(ctx, e, err)
	}
	return o, true, nil
}

func mustID(s string) inspection.ID {
	id, _ := inspection.ParseID(s)
	return id
}
