package sqlite

import (
	"database/sql"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// refuseForeign refuses a dossier that names a record this database holds
// under another inspection (or under one, for a library photo): writing it
// would change that inspection from outside, past its own finalization.
// Shared records (parties, samples) merge by ID instead; sections and
// photo links are named by their inspection and photo, so cannot be another's.
// When the inspection is new here, its own records are not looked up one
// by one: one stored already fails its insert, and insertNew asks again
// with isNew false to say whose it is.
func (m *merger) refuseForeign(d *inspection.Dossier, isNew bool) error {
	for _, r := range d.Records(true) {
		t, owned := deletable[r.Entity]
		if !owned {
			continue
		}
		owner := d.Inspection.ID
		if p, ok := r.Value.(inspection.Photo); ok {
			owner = p.InspectionID
		}
		if isNew && owner == d.Inspection.ID {
			continue
		}
		id, err := inspection.ParseID(r.ID)
		if err != nil {
			return err
		}
		local, found, err := m.ownerOf(t.table, id)
		if err != nil {
			return err
		}
		if found && local != owner {
			return m.foreign(strings.ReplaceAll(r.Entity, "_", " "), id, local, owner)
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
		"refused: %s %s belongs to %s here, but arrives as part of %s; a bundle or a sync brings only its own inspection's (or the library's) records, so nothing was imported",
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
