package sqlite

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// MergeOptions extend Merge for laptops that sync.
type MergeOptions struct {
	// Base is the version of the inspection both sides last shared: the
	// one the incoming version was edited from, as this database merged or
	// wrote it. With it, Merge tells an edit from a difference: a record
	// only the other side changed since Base is taken, one it deleted is
	// deleted here, one only this side changed stays, and a record both
	// changed is a conflict with both versions kept, as always. Without it,
	// every difference is a conflict.
	Base *inspection.Dossier
	// Sync, when set, is recorded in the merge's own transaction, so a
	// version is merged once or not at all.
	Sync *SyncMark
	// Reports are report files that came with the dossier and print
	// exactly its data (the bundle's report.pdf, checked by the caller):
	// recorded with the merge, so `loupe verify` knows their bytes.
	Reports []inspection.ReportFile
}

// baseline is a base version, record by record, by Record.Key
// ("finding 0190…").
type baseline struct {
	in      inspection.Inspection
	records map[string][]byte
	own     int // how many of them are the inspection's own
}

func newBaseline(d *inspection.Dossier, id inspection.ID) (*baseline, error) {
	if d == nil {
		return nil, nil
	}
	if d.Inspection.ID != id {
		return nil, inspection.Errorf(inspection.EINVALID, "the base version is of inspection %s, not %s", d.Inspection.ID, id)
	}
	u := d.InUTC()
	b := &baseline{in: u.Inspection, records: map[string][]byte{}}
	for _, r := range u.Records(true) {
		raw, err := json.Marshal(r.Value)
		if err != nil {
			return nil, err
		}
		b.records[r.Key()] = raw
	}
	b.own = len(u.Records(false))
	return b, nil
}

// sameAs compares a record with its base version.
func sameAs(base []byte, v any) bool {
	b, err := json.Marshal(v)
	return err == nil && string(b) == string(base)
}

// recordOnBase merges a record that differs here, or is missing here,
// against the base.
func (m *merger) recordOnBase(entity, id string, local any, exists bool, incoming any, put func() error) error {
	base, had := m.base.records[entity+" "+id]
	switch {
	case had && sameAs(base, incoming): // they did not touch it: ours stands, edited or deleted
		m.report.Kept++
		return nil
	case exists && had && sameAs(base, local) && !m.frozen: // we did not touch it: theirs
		if err := put(); err != nil {
			return fmt.Errorf("update %s %s: %w", entity, id, err)
		}
		m.report.Updated = append(m.report.Updated, entity+" "+id)
		return nil
	case exists:
		return m.conflict(entity, id, local, incoming)
	case had || m.frozen: // deleted here and changed there, or nothing may be added
		return m.conflict(entity, id, nil, incoming)
	}
	if err := put(); err != nil {
		return fmt.Errorf("import %s %s: %w", entity, id, err)
	}
	m.added(entity, id)
	return nil
}

// mergeOnBase merges an inspection this database holds, against the base.
// A draft here becomes finalized only when this copy is exactly the base:
// then the incoming version replaces it record by record and must match
// its seal. A draft edited here meanwhile keeps its edits and the
// finalization is a conflict, for the people to settle.
func (m *merger) mergeOnBase(local *inspection.Inspection, d *inspection.Dossier, fin *inspection.Manifest) error {
	var have inspection.Dossier
	if err := loadDossier(m.ctx, m.tx, d.Inspection.ID, &have); err != nil {
		return err
	}
	finalizing := !m.frozen && d.Inspection.Status == inspection.Finalized
	if finalizing && !m.base.matches(&have) {
		if err := m.conflict("inspection", d.Inspection.ID.String(), local, &d.Inspection); err != nil {
			return err
		}
		finalizing = false
	} else if !finalizing {
		if err := m.inspectionRowOnBase(local, &d.Inspection); err != nil {
			return err
		}
	}
	if err := m.children(d, &have); err != nil {
		return err
	}
	if err := m.deletions(d, &have); err != nil {
		return err
	}
	if m.frozen {
		return nil
	}
	if finalizing {
		return m.finalizeFrom(d, fin)
	}
	return touched(m.ctx, m.tx, d.Inspection.ID)
}

// matches reports whether a dossier's own records and inspection are
// exactly the base's: nothing was edited here since.
func (b *baseline) matches(d *inspection.Dossier) bool {
	a, x := d.Inspection, b.in
	a.UpdatedAt, x.UpdatedAt = time.Time{}, time.Time{}
	if !same(a, x) {
		return false
	}
	own := d.Records(false)
	for _, r := range own {
		base, ok := b.records[r.Key()]
		if !ok || !sameAs(base, r.Value) {
			return false
		}
	}
	return b.own == len(own)
}

// inspectionRowOnBase merges the inspection's own fields against the base;
// UpdatedAt is bookkeeping, not data.
func (m *merger) inspectionRowOnBase(local, incoming *inspection.Inspection) error {
	a, b, base := *local, *incoming, m.base.in
	a.UpdatedAt, b.UpdatedAt, base.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	switch {
	case same(a, b):
		m.report.Skipped++
		return nil
	case same(base, b):
		m.report.Kept++
		return nil
	case same(base, a) && !m.frozen:
		if err := m.writeInspection(incoming); err != nil {
			return err
		}
		m.report.Updated = append(m.report.Updated, "inspection "+incoming.ID.String())
		return nil
	}
	return m.conflict("inspection", incoming.ID.String(), local, incoming)
}

// writeInspection stores the incoming inspection's fields as a draft, with
// its own UpdatedAt.
func (m *merger) writeInspection(in *inspection.Inspection) error {
	v := *in
	v.Status = inspection.Draft
	if _, err := putInspection(m.ctx, m.tx, &v, m.now); err != nil {
		return err
	}
	_, err := m.tx.ExecContext(m.ctx, `UPDATE inspections SET updated_at = ? WHERE id = ?`, encTime(in.UpdatedAt), in.ID.String())
	return err
}

// finalizeFrom finishes taking a finalized version over an unedited draft:
// its fields, then its status and seal, which the result must match.
func (m *merger) finalizeFrom(d *inspection.Dossier, fin *inspection.Manifest) error {
	in := &d.Inspection
	if err := m.writeInspection(in); err != nil {
		return err
	}
	if err := touched(m.ctx, m.tx, in.ID); err != nil {
		return err
	}
	if _, err := m.tx.ExecContext(m.ctx, `UPDATE inspections SET status = ?, updated_at = ? WHERE id = ?`,
		string(in.Status), encTime(in.UpdatedAt), in.ID.String()); err != nil {
		return err
	}
	if fin == nil {
		return storeManifest(m.ctx, m.tx, in.ID)
	}
	var now inspection.Dossier
	if err := loadDossier(m.ctx, m.tx, in.ID, &now); err != nil {
		return err
	}
	if err := now.CheckSeal(fin); err != nil {
		return fmt.Errorf("the finalized version does not come out whole here, so nothing was merged: %w", err)
	}
	b, err := json.Marshal(fin)
	if err != nil {
		return err
	}
	m.report.Updated = append(m.report.Updated, "inspection "+in.ID.String()+" (finalized)")
	_, err = m.tx.ExecContext(m.ctx, `UPDATE inspections SET manifest = ? WHERE id = ?`, string(b), in.ID.String())
	return err
}

// deletions removes the records the other side deleted since the base and
// this side left as they were; one edited here since is a conflict (keep
// incoming deletes it). Records added here stay.
func (m *merger) deletions(d, have *inspection.Dossier) error {
	if m.frozen {
		return nil
	}
	incoming := map[string]bool{}
	for _, r := range d.Records(false) {
		incoming[r.Key()] = true
	}
	// Links before photos, so a photo is deleted with no link left to audit twice.
	local := have.Records(false)
	for pass := 0; pass < 2; pass++ {
		for _, r := range local {
			if (r.Entity == "photo_link") != (pass == 0) || incoming[r.Key()] || r.Entity == "section" {
				continue
			}
			base, had := m.base.records[r.Key()]
			switch {
			case !had:
				continue
			case sameAs(base, r.Value):
				if err := deleteRecord(m.ctx, m.tx, r.Entity, r.ID, d.Inspection.ID); err != nil {
					return fmt.Errorf("delete %s %s: %w", r.Entity, r.ID, err)
				}
				m.report.Deleted = append(m.report.Deleted, r.Key())
			default:
				if err := m.conflict(r.Entity, r.ID, r.Value, nil); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// supersession settles two versions of a library sample that differ only
// in whether a newer version supersedes it: supersession only moves
// forward, so the superseded one is right, whichever side it is on.
// done is false when they differ otherwise.
func (m *merger) supersession(local, incoming any, put func() error) (done bool, err error) {
	l, ok1 := local.(inspection.Sample)
	in, ok2 := incoming.(inspection.Sample)
	if !ok1 || !ok2 {
		return false, nil
	}
	a, b := l, in
	a.SupersededBy, b.SupersededBy = inspection.NilID, inspection.NilID
	switch {
	case !same(a, b):
		return false, nil
	case in.SupersededBy == inspection.NilID:
		m.report.Kept++
		return true, nil
	case l.SupersededBy == inspection.NilID:
		if err := put(); err != nil {
			return true, err
		}
		m.report.Updated = append(m.report.Updated, "sample "+in.ID.String())
		return true, nil
	}
	return false, nil
}
