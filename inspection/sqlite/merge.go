package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// MergeReport says what a Merge did.
type MergeReport struct {
	InspectionID inspection.ID
	Added        []string   // "finding 0190…", one per record written
	Skipped      int        // records already present and identical
	Conflicts    []Conflict // open conflicts this merge ran into, new or known
	Notes        []string   // references dropped because their target is not in this database
	// With a base (MergeOptions.Base), records only the other side changed
	// are taken (Updated) or removed (Deleted), and records only this side
	// changed stay as they are (Kept).
	Updated []string
	Deleted []string
	Kept    int
}

// Conflict is a record that differs between this database and an imported
// bundle. Neither side is overwritten until ResolveConflict.
type Conflict struct {
	ID           int64           `json:"id"`
	InspectionID inspection.ID   `json:"inspection_id"`
	Entity       string          `json:"entity"`    // "inspection", "finding", "section", "photo_link", …
	EntityID     string          `json:"entity_id"` // the record's ID; "<inspection>/<kind>" for sections
	Local        json.RawMessage `json:"local"`     // null when the record is missing here
	Incoming     json.RawMessage `json:"incoming"`
	State        string          `json:"state"` // ConflictOpen, KeptLocal, KeptIncoming
	CreatedAt    time.Time       `json:"created_at"`
	ResolvedAt   time.Time       `json:"resolved_at"`
}

// Conflict states.
const (
	ConflictOpen = "open"
	KeptLocal    = "kept_local"
	KeptIncoming = "kept_incoming"
)

// MergeActor names imports in the audit trail when ctx names nobody.
const MergeActor = "import"

// Merge writes a whole inspection, by ID, in one transaction: the shared
// records it refers to (client, supplier, factory, product, samples,
// library photos), the inspection and every record under it, photo rows
// and links, signatures; the verdict and the search document are computed
// once, at the end. It is the one path for writing an inspection in bulk:
// bundle import, the demo data, and any sync between laptops.
//
// Records missing here are added, identical ones skipped, and a record
// that differs is left as it is and recorded as a Conflict with both
// versions. A finalized inspection here takes nothing: any difference is a
// conflict. Merging the same dossier again changes nothing.
//
// Every record must belong to the inspection the dossier carries or be a
// shared record: a dossier that names a record this database holds under
// another inspection is refused whole (EINVALID), as is one that fails
// Validate. A finalized dossier must be complete (CheckFinalize); fin is
// the manifest Finalize recorded on the other side, which must match it
// (CheckSeal) and is stored as is. With fin nil, a finalized inspection new
// here is sealed here, its manifest computed from what was written, in the
// same transaction: for dossiers made on this laptop, such as the demo's.
func (db *DB) Merge(ctx context.Context, d *inspection.Dossier, fin *inspection.Manifest) (MergeReport, error) {
	return db.MergeWith(ctx, d, fin, MergeOptions{})
}

// MergeWith is Merge against a base, the version both sides last shared
// (see MergeOptions), with the sync bookkeeping written in the same
// transaction.
func (db *DB) MergeWith(ctx context.Context, d *inspection.Dossier, fin *inspection.Manifest, opt MergeOptions) (MergeReport, error) {
	m, in, err := newMerger(ctx, d, fin, opt.Base)
	if err != nil {
		return MergeReport{}, err
	}
	err = db.write(m.ctx, func(tx *sql.Tx) error {
		m.tx = tx
		if err := deferForeignKeys(m.ctx, tx); err != nil {
			return err
		}
		if err := m.startSync(opt.Sync, in.Inspection.ID); err != nil {
			return err
		}
		if err := m.merge(in, fin); err != nil {
			return err
		}
		for _, r := range opt.Reports {
			if r.InspectionID != in.Inspection.ID {
				return inspection.Errorf(inspection.EINVALID, "report %s is of inspection %s, not of %s it came with", r.Name, r.InspectionID, in.Inspection.ID)
			}
			if err := recordReport(ctx, tx, r); err != nil {
				return err
			}
		}
		return m.finishSync(opt.Sync, in.Inspection.ID)
	})
	if err != nil {
		return MergeReport{}, err
	}
	return m.report, nil
}

// newMerger checks a dossier before any transaction (Validate, and
// CheckFinalize or CheckSeal) and returns its merger with the dossier in
// UTC, as it is written.
func newMerger(ctx context.Context, d *inspection.Dossier, fin *inspection.Manifest, base *inspection.Dossier) (*merger, *inspection.Dossier, error) {
	if err := d.Validate(); err != nil {
		return nil, nil, err
	}
	if d.Inspection.Status == inspection.Finalized && fin == nil {
		if err := inspection.CheckFinalize(d).Err(&d.Inspection); err != nil {
			return nil, nil, inspection.Errorf(inspection.EINVALID, "%v", err)
		}
	} else if err := d.CheckSeal(fin); err != nil {
		return nil, nil, err
	}
	in := d.InUTC()
	m := &merger{ctx: withDefaultActor(ctx, MergeActor), now: time.Now().UTC().Round(0),
		report: MergeReport{InspectionID: in.Inspection.ID}, newSamples: map[string]bool{}}
	b, err := newBaseline(base, in.Inspection.ID)
	if err != nil {
		return nil, nil, err
	}
	m.base = b
	return m, in, nil
}

// deferForeignKeys lets a transaction write records in any order: a
// dossier lists samples and parties in no dependency order.
func deferForeignKeys(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`)
	return err
}

type merger struct {
	ctx        context.Context
	tx         *sql.Tx
	now        time.Time
	report     MergeReport
	frozen     bool            // the inspection is finalized here: nothing may be added
	newSamples map[string]bool // samples this merge added to the library
	base       *baseline       // the version both sides last shared; nil: none
	sync       syncState       // what the sync bookkeeping needs to know
	fresh      *freshWrites    // what insertNew wrote of the inspection's own; nil: not new
}

func (m *merger) merge(d *inspection.Dossier, fin *inspection.Manifest) error {
	local, err := getInspection(m.ctx, m.tx, d.Inspection.ID)
	isNew := inspection.ErrorCode(err) == inspection.ENOTFOUND
	if err != nil && !isNew {
		return err
	}
	if err := m.refuseForeign(d, isNew); err != nil {
		return err
	}
	if err := m.parties(d); err != nil {
		return err
	}
	m.dropDangling(&d.Inspection)
	if isNew {
		m.base = nil // new here: nothing to compare with, even if it was deleted here since
		return m.insertNew(d, fin)
	}
	m.frozen = local.Status == inspection.Finalized
	if m.base != nil {
		return m.mergeOnBase(local, d, fin)
	}
	if err := m.inspectionRow(local, &d.Inspection); err != nil {
		return err
	}
	var have inspection.Dossier
	if err := loadDossier(m.ctx, m.tx, d.Inspection.ID, &have); err != nil {
		return err
	}
	if err := m.children(d, &have); err != nil {
		return err
	}
	if m.frozen {
		return nil
	}
	return touched(m.ctx, m.tx, d.Inspection.ID)
}

// insertNew writes an inspection this database has never seen, as a draft
// first (children of a finalized inspection are refused), then restores
// its status, timestamps and manifest. None of its own records can exist
// yet, so they are written without looking for them first: one stored
// under another inspection fails its insert, and refuseForeign then says
// whose it is.
func (m *merger) insertNew(d *inspection.Dossier, fin *inspection.Manifest) error {
	in := d.Inspection
	in.Status = inspection.Draft
	created, err := putInspection(m.ctx, m.tx, &in, m.now)
	if err != nil {
		return err
	}
	m.added("inspection", in.ID.String())
	outer := m.ctx
	m.ctx = withFresh(m.ctx, in.ID) // every record of it is new: no lookups
	m.fresh = &freshWrites{photos: map[inspection.ID]bool{}, bySHA: map[string]inspection.Photo{}, linked: map[inspection.PhotoLink]bool{}}
	err = m.children(d, &inspection.Dossier{Inspection: in})
	m.ctx = outer
	if inspection.ErrorCode(err) == inspection.ECONFLICT {
		if foreign := m.refuseForeign(d, false); foreign != nil {
			return foreign
		}
	}
	if err != nil {
		return err
	}
	if err := m.touchedNew(d, in, created); err != nil {
		return err
	}
	_, err = m.tx.ExecContext(m.ctx, `UPDATE inspections SET status = ?, updated_at = ? WHERE id = ?`,
		string(d.Inspection.Status), encTime(d.Inspection.UpdatedAt), in.ID.String())
	if err != nil || d.Inspection.Status != inspection.Finalized {
		return err
	}
	if fin == nil {
		return m.seal(d, created)
	}
	b, err := json.Marshal(fin)
	if err != nil {
		return err
	}
	_, err = m.tx.ExecContext(m.ctx, `UPDATE inspections SET manifest = ? WHERE id = ?`, string(b), in.ID.String())
	return err
}

// touchedNew stores the verdict and search document of the inspection
// insertNew wrote from in, with created as its creation time. Its row
// holds in as written and its sections are d's (each kind once, or an
// insert failed), unless a REAL column holds −0, which SQLite gives back
// as 0: then the verdict is evaluated on what is stored, read back.
func (m *merger) touchedNew(d *inspection.Dossier, in inspection.Inspection, created time.Time) error {
	findings := inStoredOrder(d.Findings, findingOrder)
	if negativeZero(d) {
		return touchedWith(m.ctx, m.tx, in.ID, findings)
	}
	in.CreatedAt, in.UpdatedAt = created, m.now
	return touchedNew(m.ctx, m.tx, &in, d.Sections, findings)
}

func (m *merger) added(entity, id string) {
	m.report.Added = append(m.report.Added, entity+" "+id)
}

// dropDangling clears links to earlier inspections this database does not
// hold: the foreign key would refuse them, and the data stays complete.
func (m *merger) dropDangling(in *inspection.Inspection) {
	for _, r := range []struct {
		what string
		id   *inspection.ID
	}{{"re-inspection of", &in.ReinspectionOf}, {"revision of", &in.RevisionOf}} {
		if *r.id == inspection.NilID {
			continue
		}
		var n int
		m.tx.QueryRowContext(m.ctx, `SELECT count(*) FROM inspections WHERE id = ?`, r.id.String()).Scan(&n)
		if n == 0 {
			m.report.Notes = append(m.report.Notes, fmt.Sprintf("the inspection is a %s %s, which this database does not hold: the link was left out", r.what, *r.id))
			*r.id = inspection.NilID
		}
	}
}

// inspectionRow compares the inspection itself; UpdatedAt is bookkeeping
// that differs whenever anything was saved, not a difference of data.
func (m *merger) inspectionRow(local, incoming *inspection.Inspection) error {
	a, b := *local, *incoming
	a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
	if same(a, b) {
		m.report.Skipped++
		return nil
	}
	// A link left out by an earlier import, because the inspection it
	// points to was not here yet, is restored now that it is: the one
	// difference is ours, not an edit on either side.
	healed := a
	if healed.ReinspectionOf == inspection.NilID {
		healed.ReinspectionOf = b.ReinspectionOf
	}
	if healed.RevisionOf == inspection.NilID {
		healed.RevisionOf = b.RevisionOf
	}
	if same(healed, b) {
		_, err := m.tx.ExecContext(m.ctx, `UPDATE inspections SET reinspection_of = ?, revision_of = ? WHERE id = ?`,
			ref(healed.ReinspectionOf), ref(healed.RevisionOf), local.ID.String())
		m.report.Notes = append(m.report.Notes, "the link to the earlier inspection, left out by a previous import, was restored")
		return err
	}
	return m.conflict("inspection", incoming.ID.String(), local, incoming)
}

// record merges one record: put writes it when it is missing here.
func (m *merger) record(entity, id string, local any, exists bool, incoming any, put func() error) error {
	switch {
	case exists && same(local, incoming):
		m.report.Skipped++
		return nil
	case exists && entity == "sample":
		if done, err := m.supersession(local, incoming, put); done || err != nil {
			return err
		}
	}
	switch {
	case m.base != nil:
		return m.recordOnBase(entity, id, local, exists, incoming, put)
	case exists:
		return m.conflict(entity, id, local, incoming)
	case m.frozen:
		return m.conflict(entity, id, nil, incoming)
	}
	if err := put(); err != nil {
		return fmt.Errorf("import %s %s: %w", entity, id, err)
	}
	m.added(entity, id)
	return nil
}

func same(a, b any) bool {
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(x) == string(y)
}

// conflict records both versions once per distinct incoming version and
// reports it unless the user already chose for that version.
func (m *merger) conflict(entity, id string, local, incoming any) error {
	lb, err := json.Marshal(local)
	if err != nil {
		return err
	}
	ib, err := json.Marshal(incoming)
	if err != nil {
		return err
	}
	h := sha256.Sum256(ib)
	sha := hex.EncodeToString(h[:])
	owner := m.report.InspectionID.String()
	if _, err := m.tx.ExecContext(m.ctx, `
		INSERT INTO import_conflicts (inspection_id, entity, entity_id, local, incoming, incoming_sha, state, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
		owner, entity, id, string(lb), string(ib), sha, ConflictOpen, encTime(m.now)); err != nil {
		return err
	}
	c, err := scanConflict(m.tx.QueryRowContext(m.ctx, `SELECT `+conflictCols+` FROM import_conflicts
		WHERE entity = ? AND entity_id = ? AND incoming_sha = ?`, entity, id, sha))
	if err != nil {
		return err
	}
	if c.State == ConflictOpen {
		m.report.Conflicts = append(m.report.Conflicts, c)
	}
	return nil
}
