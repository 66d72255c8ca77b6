package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// SyncObject is one object a remote's logs name: a version of an
// inspection (kind "dossier"), a review, or the sample library.
type SyncObject struct {
	Object   string // SHA-256 of its bytes, its name on the remote
	Kind     string
	Subject  string // the inspection's ID; "" for the library
	Record   string // the review's ID
	Supplier string // the inspection's supplier, for scopes
	Device   string // the Loupe that wrote it
	Seq      int64  // the device's batch it came in
	Parent   string // the version it was edited from, "" for none
	MergedAt time.Time
	Refused  string
}

// SyncHead is the version a subject was last in step with on a remote.
type SyncHead struct {
	Subject     string
	Object      string
	Fingerprint string // "" when this copy holds more than Object: it waits to go
	Mark        string
}

// SyncMark is what a merge records, in its own transaction, for a sync.
type SyncMark struct {
	Remote  string
	Objects []string // every object this merge takes in: the version, and older ones of its devices it replaces
	Head    string   // the version merged
}

// syncState is what a merge remembers between its start and its end.
type syncState struct {
	existed  bool
	before   string // this copy's fingerprint before the merge
	head     SyncHead
	haveHead bool
}

const syncObjectCols = `object, kind, subject, record, supplier, device, seq, parent, merged_at, refused`

func scanSyncObject(sc scanner) (SyncObject, error) {
	var o SyncObject
	err := sc.Scan(&o.Object, &o.Kind, &o.Subject, &o.Record, &o.Supplier, &o.Device, &o.Seq, &o.Parent, timeCol{&o.MergedAt}, &o.Refused)
	return o, err
}

// startSync reads the subject's head and fingerprint before a merge.
func (m *merger) startSync(s *SyncMark, id inspection.ID) error {
	if s == nil {
		return nil
	}
	var err error
	subject := subjectOf(id)
	m.sync.head, m.sync.haveHead, err = getHead(m.ctx, m.tx, s.Remote, subject)
	if err != nil {
		return err
	}
	m.sync.before, m.sync.existed, err = fingerprint(m.ctx, m.tx, id)
	return err
}

// finishSync marks the objects merged and moves the head. After a clean
// merge into a copy unchanged since its head (or new here), this copy is
// the merged version: the head moves there with the new fingerprint.
// After a clean merge into a copy with edits of its own, the head moves
// too (the next push is edited from the merged version) but the copy waits
// to go. After conflicts the head stays: the copy still holds this side's
// versions, which the other side must see as edits, not as its own.
func (m *merger) finishSync(s *SyncMark, id inspection.ID) error {
	if s == nil {
		return nil
	}
	if err := markMerged(m.ctx, m.tx, s.Remote, s.Objects, m.now); err != nil {
		return err
	}
	for _, c := range m.report.Conflicts {
		if !shared[c.Entity] || id == inspection.NilID {
			return nil
		}
	}
	after, _, err := fingerprint(m.ctx, m.tx, id)
	if err != nil {
		return err
	}
	mark, err := changeMark(m.ctx, m.tx, id)
	if err != nil {
		return err
	}
	fp := after
	if m.sync.existed && (!m.sync.haveHead || m.sync.head.Fingerprint != m.sync.before) {
		fp = ""
	}
	return putHead(m.ctx, m.tx, s.Remote, SyncHead{Subject: subjectOf(id), Object: s.Head, Fingerprint: fp, Mark: mark})
}

// shared are the records of a dossier that belong to no inspection: a
// conflict on one says nothing about the inspection's own versions.
var shared = map[string]bool{"client": true, "supplier": true, "factory": true, "product": true, "sample": true}

// UpdateHeadMark records that a subject's copy, changed by its mark, still
// holds exactly its head: nothing to push.
func (db *DB) UpdateHeadMark(ctx context.Context, remote, subject, mark string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sync_heads SET mark = ? WHERE remote = ? AND subject = ?`, mark, remote, subject)
		return err
	})
}

func subjectOf(id inspection.ID) string {
	if id == inspection.NilID {
		return ""
	}
	return id.String()
}

// fingerprint is what a copy holds: the inspection's content hash, or the
// library's; ok is false when the inspection is not here.
func fingerprint(ctx context.Context, tx *sql.Tx, id inspection.ID) (string, bool, error) {
	if id == inspection.NilID {
		lib, err := loadLibrary(ctx, tx)
		if err != nil {
			return "", false, err
		}
		fp, err := LibraryFingerprint(lib)
		return fp, true, err
	}
	// A finalized inspection is its seal: what it printed never changes,
	// while the library it was judged against may (a sample superseded
	// since), which must not make it a new version.
	var status, manifest string
	err := tx.QueryRowContext(ctx, `SELECT status, coalesce(manifest, '') FROM inspections WHERE id = ?`, id.String()).Scan(&status, &manifest)
	switch {
	case err == sql.ErrNoRows:
		return "", false, nil
	case err != nil:
		return "", false, err
	case status == string(inspection.Finalized) && manifest != "":
		var m inspection.Manifest
		if err := json.Unmarshal([]byte(manifest), &m); err != nil {
			return "", false, err
		}
		return "sealed:" + m.DataSHA256, true, nil
	}
	var d inspection.Dossier
	if err := loadDossier(ctx, tx, id, &d); err != nil {
		return "", false, err
	}
	fp, err := inspection.ContentHash(&d)
	return fp, true, err
}

// LibraryFingerprint is the content hash of a library.
func LibraryFingerprint(lib *inspection.Library) (string, error) {
	b, err := json.Marshal(lib)
	if err != nil {
		return "", err
	}
	return inspection.SHA256Hex(b), nil
}

// changeMarkSQL is the change mark of inspection i, cheap to read and
// changed whenever anything of the inspection is: the ID of its newest
// audit row, which every change takes anew (a typing burst folded into
// one row too: extendBurst gives the row a new ID), read by one lookup in
// the audit index however long the trail; and its own status and time.
const changeMarkSQL = `coalesce((SELECT max(id) FROM audit WHERE inspection_id = i.id), '') || '/' || i.status || '/' || i.updated_at`

// changeMark reads an inspection's change mark (see changeMarkSQL).
func changeMark(ctx context.Context, tx *sql.Tx, id inspection.ID) (string, error) {
	if id == inspection.NilID {
		return "", nil
	}
	var mark string
	err := tx.QueryRowContext(ctx, `SELECT `+changeMarkSQL+` FROM inspections i WHERE i.id = ?`, id.String()).Scan(&mark)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return mark, err
}

func getHead(ctx context.Context, tx *sql.Tx, remote, subject string) (SyncHead, bool, error) {
	h := SyncHead{Subject: subject}
	err := tx.QueryRowContext(ctx, `SELECT object, fingerprint, mark FROM sync_heads WHERE remote = ? AND subject = ?`, remote, subject).
		Scan(&h.Object, &h.Fingerprint, &h.Mark)
	if err == sql.ErrNoRows {
		return h, false, nil
	}
	return h, err == nil, err
}

func putHead(ctx context.Context, tx *sql.Tx, remote string, h SyncHead) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sync_heads (remote, subject, object, fingerprint, mark) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (remote, subject) DO UPDATE SET object = excluded.object, fingerprint = excluded.fingerprint, mark = excluded.mark`,
		remote, h.Subject, h.Object, h.Fingerprint, h.Mark)
	return err
}

// Head returns the version a subject ("" for the library) was last in step
// with on a remote.
func (db *DB) Head(ctx context.Context, remote, subject string) (SyncHead, bool, error) {
	var h SyncHead
	var ok bool
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		h, ok, err = getHead(ctx, tx, remote, subject)
		return err
	})
	return h, ok, err
}

// Fingerprint returns what a copy holds now (see fingerprint) and its
// change mark, from one snapshot.
func (db *DB) Fingerprint(ctx context.Context, id inspection.ID) (fp, mark string, err error) {
	err = db.read(ctx, func(tx *sql.Tx) error {
		if fp, _, err = fingerprint(ctx, tx, id); err != nil {
			return err
		}
		mark, err = changeMark(ctx, tx, id)
		return err
	})
	return fp, mark, err
}

// pushCandidatesSQL selects the inspections i that may hold what remote ?1
// lacks: never pushed there, changed since (their change mark moved), or
// known to hold more than their head.
const pushCandidatesSQL = `FROM inspections i
	LEFT JOIN sync_heads h ON h.remote = ?1 AND h.subject = i.id
	WHERE h.subject IS NULL OR h.fingerprint = '' OR h.mark != ` + changeMarkSQL

// PushCandidates lists the inspections that may hold what a remote lacks:
// never pushed there, changed since (by their change mark), or known to
// hold more than their head.
func (db *DB) PushCandidates(ctx context.Context, remote string) ([]inspection.ID, error) {
	var out []inspection.ID
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = inspectionIDs(ctx, tx, `SELECT i.id `+pushCandidatesSQL+` ORDER BY i.created_at, i.id`, remote)
		return err
	})
	return out, err
}

// RegisterBatch records a device's log object as read, with the objects it
// names (refused already when Refused says why), in one transaction;
// objects known already keep their state.
func (db *DB) RegisterBatch(ctx context.Context, remote, key, device string, seq int64, objs []SyncObject) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, o := range objs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_objects (remote, `+syncObjectCols+`)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?) ON CONFLICT DO NOTHING`,
				remote, o.Object, o.Kind, o.Subject, o.Record, o.Supplier, o.Device, o.Seq, o.Parent, o.Refused); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_batches (remote, key, device, seq, read_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, remote, key, device, seq, encTime(time.Now()))
		return err
	})
}

// ReadBatches is what this database has read of a device's log on a
// remote.
type ReadBatches struct {
	Keys map[string]bool // the log objects read
	Top  int64           // the highest batch number read
	// Whole is the highest batch number up to which every batch was read:
	// an entry below Top that could not be read yet (a sync tool still
	// copying it) lies above Whole, so the next sync looks from there.
	Whole int64
}

// ReadBatches lists the log objects of a device read from a remote.
func (db *DB) ReadBatches(ctx context.Context, remote, device string) (ReadBatches, error) {
	rb := ReadBatches{Keys: map[string]bool{}}
	var seqs []int64
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT key, seq FROM sync_batches WHERE remote = ? AND device = ? ORDER BY seq`, remote, device)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var seq int64
			if err := rows.Scan(&k, &seq); err != nil {
				return err
			}
			rb.Keys[k] = true
			seqs = append(seqs, seq)
		}
		return rows.Err()
	})
	for _, seq := range seqs {
		rb.Top = max(rb.Top, seq)
		if seq == rb.Whole+1 {
			rb.Whole = seq
		}
	}
	return rb, err
}

// PendingObjects lists the objects read from a remote's logs and neither
// merged nor refused yet, oldest batch first.
func (db *DB) PendingObjects(ctx context.Context, remote string) ([]SyncObject, error) {
	return db.syncObjects(ctx, `WHERE remote = ? AND merged_at = '' AND refused = '' ORDER BY device, seq, object`, remote)
}

// SyncObjectByName returns what is known of one object of a remote.
func (db *DB) SyncObjectByName(ctx context.Context, remote, object string) (SyncObject, bool, error) {
	objs, err := db.syncObjects(ctx, `WHERE remote = ? AND object = ?`, remote, object)
	if err != nil || len(objs) == 0 {
		return SyncObject{}, false, err
	}
	return objs[0], true, nil
}

// LastMerged returns the newest version of a subject from a device that
// this database merged or wrote: the base for that device's next version
// when the version it names as its parent is unknown here.
func (db *DB) LastMerged(ctx context.Context, remote, subject, device string) (SyncObject, bool, error) {
	objs, err := db.syncObjects(ctx, `WHERE remote = ? AND subject = ? AND device = ? AND kind != 'review' AND merged_at != ''
		ORDER BY seq DESC LIMIT 1`, remote, subject, device)
	if err != nil || len(objs) == 0 {
		return SyncObject{}, false, err
	}
	return objs[0], true, nil
}

func (db *DB) syncObjects(ctx context.Context, where string, args ...any) ([]SyncObject, error) {
	var out []SyncObject
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanSyncObject, `SELECT `+syncObjectCols+` FROM sync_objects `+where, args...)
		return err
	})
	return out, err
}

// RefuseObject records why an object will not be merged: it failed its
// hash or the rules every record from another Loupe must pass.
func (db *DB) RefuseObject(ctx context.Context, remote, object, reason string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sync_objects SET refused = ? WHERE remote = ? AND object = ?`, reason, remote, object)
		return err
	})
}

// MarkMerged records objects as taken in without a merge of their own:
// older versions a newer one of the same device replaces, or versions
// identical to what is here.
func (db *DB) MarkMerged(ctx context.Context, remote string, objects []string) error {
	return db.write(ctx, func(tx *sql.Tx) error { return markMerged(ctx, tx, remote, objects, time.Now()) })
}

// markMerged records objects of a remote as taken in at now, unless they
// were already.
func markMerged(ctx context.Context, tx *sql.Tx, remote string, objects []string, now time.Time) error {
	for _, o := range objects {
		if _, err := tx.ExecContext(ctx, `UPDATE sync_objects SET merged_at = ? WHERE remote = ? AND object = ? AND merged_at = ''`, encTime(now), remote, o); err != nil {
			return err
		}
	}
	return nil
}

// RecordPush records a batch this Loupe wrote to a remote, once its log
// object is there: the objects it names as merged (they are this copy),
// and the heads that moved.
func (db *DB) RecordPush(ctx context.Context, remote, key, device string, seq int64, objs []SyncObject, heads []SyncHead) error {
	now := encTime(time.Now())
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, o := range objs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_objects (remote, `+syncObjectCols+`)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT (remote, object) DO UPDATE SET merged_at = excluded.merged_at WHERE merged_at = ''`,
				remote, o.Object, o.Kind, o.Subject, o.Record, o.Supplier, o.Device, o.Seq, o.Parent, now); err != nil {
				return err
			}
		}
		for _, h := range heads {
			if err := putHead(ctx, tx, remote, h); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sync_batches (remote, key, device, seq, read_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING`, remote, key, device, seq, now)
		return err
	})
}

// KnownPhotos lists the photo originals known to be on a remote.
func (db *DB) KnownPhotos(ctx context.Context, remote string) (map[string]bool, error) {
	out := map[string]bool{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT sha256 FROM sync_photos WHERE remote = ?`, remote)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				return err
			}
			out[s] = true
		}
		return rows.Err()
	})
	return out, err
}

// AddKnownPhotos records photo originals as being on a remote.
func (db *DB) AddKnownPhotos(ctx context.Context, remote string, shas []string) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		for _, s := range shas {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_photos (remote, sha256) VALUES (?, ?) ON CONFLICT DO NOTHING`, remote, s); err != nil {
				return err
			}
		}
		return nil
	})
}

// InspectionSuppliers returns the suppliers of the inspections here, and
// the inspections: what the "own" scope pulls around.
func (db *DB) InspectionSuppliers(ctx context.Context) (inspections, suppliers map[string]bool, err error) {
	inspections, suppliers = map[string]bool{}, map[string]bool{}
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, coalesce(supplier_id, '') FROM inspections`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id, sup string
			if err := rows.Scan(&id, &sup); err != nil {
				return err
			}
			inspections[id] = true
			if sup != "" {
				suppliers[sup] = true
			}
		}
		return rows.Err()
	})
	return inspections, suppliers, err
}

// SyncPending counts what waits to go to a remote and to come from it.
type SyncPending struct {
	Inspections int  `json:"inspections"` // changed or deleted here since their last push (or never pushed)
	Reviews     int  `json:"reviews"`     // reviews written here and not pushed
	Library     bool `json:"library"`     // the library changed since it was published (reviewers)
	Incoming    int  `json:"incoming"`    // objects read from the remote's logs and not merged yet
	Refused     int  `json:"refused"`     // objects refused (hash or rules)
}

// pendingCountsSQL counts, for remote ?1: the inspections that may hold
// what it lacks, those deleted here it was not told of (?2 is Deleted),
// the reviews not on it, the objects read from it and not merged, and
// those refused.
const pendingCountsSQL = `SELECT
	(SELECT count(*) ` + pushCandidatesSQL + `),
	(SELECT count(*) FROM sync_heads h WHERE h.remote = ?1 AND h.subject != '' AND h.fingerprint != ?2
		AND NOT EXISTS (SELECT 1 FROM inspections i WHERE i.id = h.subject)),
	(SELECT count(*) FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM sync_objects o
		WHERE o.remote = ?1 AND o.subject = r.inspection_id AND o.kind = 'review' AND o.record = r.id AND o.merged_at != '')),
	(SELECT count(*) FROM sync_objects WHERE remote = ?1 AND merged_at = '' AND refused = ''),
	(SELECT count(*) FROM sync_objects WHERE remote = ?1 AND refused != '')`

// PendingCounts counts what waits for a remote, from what this database
// knows (no network), in one snapshot; the library is the caller's to
// compare. Each inspection costs a lookup of its change mark and head,
// none reads its audit trail: the window asks at every return to the list.
func (db *DB) PendingCounts(ctx context.Context, remote string) (SyncPending, error) {
	var p SyncPending
	var deleted int
	err := db.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, pendingCountsSQL, remote, Deleted).
			Scan(&p.Inspections, &deleted, &p.Reviews, &p.Incoming, &p.Refused)
	})
	p.Inspections += deleted
	return p, err
}

// RefusedObjects lists the objects of a remote that were refused, and why.
func (db *DB) RefusedObjects(ctx context.Context, remote string) ([]SyncObject, error) {
	return db.syncObjects(ctx, `WHERE remote = ? AND refused != '' ORDER BY device, seq`, remote)
}

// PushedReviews lists the review IDs already on a remote.
func (db *DB) PushedReviews(ctx context.Context, remote string) (map[string]bool, error) {
	return db.pushedRecords(ctx, remote, "review")
}

// PushedReports lists the report files (their SHA-256) whose record is on
// a remote already, or came from it.
func (db *DB) PushedReports(ctx context.Context, remote string) (map[string]bool, error) {
	return db.pushedRecords(ctx, remote, "report")
}

func (db *DB) pushedRecords(ctx context.Context, remote, kind string) (map[string]bool, error) {
	objs, err := db.syncObjects(ctx, `WHERE remote = ? AND kind = ? AND merged_at != ''`, remote, kind)
	out := map[string]bool{}
	for _, o := range objs {
		out[o.Record] = true
	}
	return out, err
}
