package sqlite

import (
	"database/sql"

	"github.com/loupeqc/loupe/inspection"
)

// refuseForeign refuses a dossier that names a record this database holds
// under another inspection (or under one, for a library photo): writing it
// would change that inspection from outside, past its own finalization.
// Shared records (parties, samples, library photos) merge by ID instead.
// When the inspection is new here, its own records are not looked up one
// by one: one stored already fails its insert, and insertNew asks again
// with isNew false to say whose it is.
func (m *merger) refuseForeign(d *inspection.Dossier, isNew bool) error {
	own := d.Inspection.ID
	type record struct {
		table, what string
		id, owner   inspection.ID
	}
	var rs []record
	for _, c := range d.Checklist {
		rs = append(rs, record{"checklist_items", "checklist item", c.ID, own})
	}
	for _, f := range d.Findings {
		rs = append(rs, record{"findings", "finding", f.ID, own})
	}
	for _, x := range d.Measurements {
		rs = append(rs, record{"measurements", "measurement", x.ID, own})
	}
	for _, t := range d.Tests {
		rs = append(rs, record{"tests", "test", t.ID, own})
	}
	for _, s := range d.Signatures {
		rs = append(rs, record{"signatures", "signature", s.ID, own})
	}
	for _, p := range d.Photos {
		rs = append(rs, record{"photos", "photo", p.ID, p.InspectionID})
	}
	for _, r := range rs {
		if isNew && r.owner == own {
			continue
		}
		local, found, err := m.ownerOf(r.table, r.id)
		if err != nil {
			return err
		}
		if found && local != r.owner {
			return m.foreign(r.what, r.id, local, r.owner)
		}
	}
	return nil
}

// ownerOf returns the inspection a record belongs to here (NilID for a
// library photo) and whether the record exists.
func (m *merger) ownerOf(table string, id inspection.ID) (inspection.ID, bool, error) {
	var owner inspection.ID
	err := m.tx.QueryRowContext(m.ctx, `SELECT inspection_id FROM `+table+` WHERE id = ?`, id.String()).Scan(&owner)
	switch {
	case err == sql.ErrNoRows:
		return owner, false, nil
	case err != nil:
		return owner, false, err
	}
	return owner, true, nil
}

func (m *merger) foreign(what string, id, local, claimed inspection.ID) error {
	return inspection.Errorf(inspection.EINVALID,
		"refused: %s %s belongs to %s here, but arrives as part of %s; a bundle may only bring its own inspection's records, so nothing was imported",
		what, id, m.placeName(local), m.placeName(claimed))
}

// placeName names an inspection by report number and ID, or the library.
func (m *merger) placeName(id inspection.ID) string {
	if id == inspection.NilID {
		return "the sample library"
	}
	var no string
	m.tx.QueryRowContext(m.ctx, `SELECT report_no FROM inspections WHERE id = ?`, id.String()).Scan(&no)
	if no == "" {
		return "inspection " + id.String()
	}
	return "inspection " + no + " (" + id.String() + ")"
}
