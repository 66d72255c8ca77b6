package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

const conflictCols = `id, inspection_id, entity, entity_id, local, incoming, state, created_at, resolved_at`

func scanConflict(sc scanner) (Conflict, error) {
	var c Conflict
	var owner, local, incoming string
	err := sc.Scan(&c.ID, &owner, &c.Entity, &c.EntityID, &local, &incoming, &c.State, timeCol{&c.CreatedAt}, timeCol{&c.ResolvedAt})
	if err != nil {
		return c, err
	}
	c.InspectionID, _ = inspection.ParseID(owner)
	c.Local, c.Incoming = json.RawMessage(local), json.RawMessage(incoming)
	return c, nil
}

// Conflicts lists import conflicts, oldest first; open only unless all.
func (db *DB) Conflicts(ctx context.Context, all bool) ([]Conflict, error) {
	var out []Conflict
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanConflict, `SELECT `+conflictCols+` FROM import_conflicts
			WHERE ? OR state = ? ORDER BY id`, all, ConflictOpen)
		return err
	})
	return out, err
}

// ResolveConflict closes an open conflict: keep "local" leaves the record as
// it is; keep "incoming" writes the imported version over it, which a
// finalized inspection refuses (EREADONLY: correct it with a revision).
func (db *DB) ResolveConflict(ctx context.Context, id int64, keep string) error {
	if keep != "local" && keep != "incoming" {
		return inspection.Errorf(inspection.EINVALID, "keep %q: choose \"local\" or \"incoming\"", keep)
	}
	ctx = withDefaultActor(ctx, MergeActor)
	now := time.Now().UTC().Round(0)
	return db.write(ctx, func(tx *sql.Tx) error {
		c, err := scanConflict(tx.QueryRowContext(ctx, `SELECT `+conflictCols+` FROM import_conflicts WHERE id = ?`, id))
		switch {
		case err == sql.ErrNoRows:
			return inspection.Errorf(inspection.ENOTFOUND, "import conflict %d does not exist: list them with `loupe import --conflicts`", id)
		case err != nil:
			return err
		case c.State != ConflictOpen:
			return inspection.Errorf(inspection.ECONFLICT, "import conflict %d was already resolved (%s)", id, c.State)
		}
		state := KeptLocal
		if keep == "incoming" {
			state = KeptIncoming
			if err := applyIncoming(ctx, tx, c, now); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE import_conflicts SET state = ?, resolved_at = ? WHERE id = ?`, state, encTime(now), id)
		return err
	})
}

// applyIncoming writes the imported version of a record.
func applyIncoming(ctx context.Context, tx *sql.Tx, c Conflict, now time.Time) error {
	dec := func(v any) error { return json.Unmarshal(c.Incoming, v) }
	var err error
	switch c.Entity {
	case "client":
		var v inspection.Client
		if err = dec(&v); err == nil {
			err = putParty(ctx, tx, v)
		}
	case "supplier":
		var v inspection.Supplier
		if err = dec(&v); err == nil {
			err = putParty(ctx, tx, v)
		}
	case "factory":
		var v inspection.Factory
		if err = dec(&v); err == nil {
			err = putParty(ctx, tx, v)
		}
	case "product":
		var v inspection.Product
		if err = dec(&v); err == nil {
			err = putParty(ctx, tx, v)
		}
	case "sample":
		var v inspection.Sample
		if err = dec(&v); err == nil {
			err = putSample(ctx, tx, &v)
		}
	default:
		return applyChild(ctx, tx, c, now)
	}
	return err
}

func applyChild(ctx context.Context, tx *sql.Tx, c Conflict, now time.Time) error {
	if string(c.Incoming) == "null" && c.Entity == "inspection" { // another laptop deleted the draft (sync)
		if c.EntityID != c.InspectionID.String() {
			return inspection.Errorf(inspection.EINVALID, "import conflict %d deletes inspection %s but was recorded for %s: keep the local version", c.ID, c.EntityID, c.InspectionID)
		}
		if err := deleteDraft(ctx, tx, c.InspectionID); err != nil {
			return fmt.Errorf("apply the deletion of inspection %s: %w", c.EntityID, err)
		}
		return nil
	}
	if string(c.Incoming) == "null" { // the other side deleted it (a merge against a base)
		if err := deleteRecord(ctx, tx, c.Entity, c.EntityID, c.InspectionID); err != nil {
			return fmt.Errorf("apply the deletion of %s %s: %w", c.Entity, c.EntityID, err)
		}
		return touched(ctx, tx, c.InspectionID)
	}
	dec := func(v any) error { return json.Unmarshal(c.Incoming, v) }
	owner := func(id inspection.ID) error { return sameOwner(c, id) }
	var err error
	switch c.Entity {
	case "inspection":
		var v inspection.Inspection
		if err = dec(&v); err == nil {
			if err = owner(v.ID); err == nil {
				err = incomingInspection(ctx, tx, &v, now)
			}
		}
	case "section":
		var v inspection.Section
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putSection(ctx, tx, &v)
			}
		}
	case "checklist_item":
		var v inspection.ChecklistItem
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putChecklistItem(ctx, tx, &v)
			}
		}
	case "finding":
		var v inspection.Finding
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putFinding(ctx, tx, &v)
			}
		}
	case "measurement":
		var v inspection.Measurement
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putMeasurement(ctx, tx, &v)
			}
		}
	case "test":
		var v inspection.Test
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putTest(ctx, tx, &v)
			}
		}
	case "signature":
		var v inspection.Signature
		if err = dec(&v); err == nil {
			if err = owner(v.InspectionID); err == nil {
				err = putSignature(ctx, tx, &v)
			}
		}
	case "photo":
		var v inspection.Photo
		if err = dec(&v); err == nil {
			if v.InspectionID != inspection.NilID {
				err = owner(v.InspectionID)
			}
			if err == nil {
				err = putPhoto(ctx, tx, &v, v.CreatedAt)
			}
		}
	case "photo_link":
		var v inspection.PhotoLink
		if err = dec(&v); err == nil {
			if err = linkStaysHome(ctx, tx, c, v); err == nil {
				err = linkPhoto(ctx, tx, v)
			}
		}
	default:
		return inspection.Errorf(inspection.EINVALID, "import conflict %d is about a %q, which this Loupe cannot apply: keep the local version", c.ID, c.Entity)
	}
	if err != nil {
		return fmt.Errorf("apply the imported %s %s: %w", c.Entity, c.EntityID, err)
	}
	if c.InspectionID != inspection.NilID {
		return touched(ctx, tx, c.InspectionID)
	}
	return nil
}

// sameOwner refuses to apply a conflict's incoming record to any
// inspection but the one the conflict was recorded for: conflicts recorded
// by an earlier Loupe, or altered in the database, must not reach another
// inspection through "keep incoming".
func sameOwner(c Conflict, id inspection.ID) error {
	if id != c.InspectionID {
		return inspection.Errorf(inspection.EINVALID, "import conflict %d was recorded for inspection %s but its incoming version belongs to %s: keep the local version", c.ID, c.InspectionID, id)
	}
	return nil
}

// linkStaysHome checks that an incoming photo link joins a photo of the
// conflict's inspection (or of the library) to that inspection's records.
func linkStaysHome(ctx context.Context, tx *sql.Tx, c Conflict, l inspection.PhotoLink) error {
	owner, err := photoOwner(ctx, tx, l.PhotoID)
	if err != nil {
		return err
	}
	if owner != inspection.NilID {
		if err := sameOwner(c, owner); err != nil {
			return err
		}
	}
	table := map[inspection.LinkKind]string{inspection.LinkFinding: "findings", inspection.LinkMeasurement: "measurements", inspection.LinkTest: "tests"}[l.Kind]
	if table == "" {
		return nil
	}
	var target inspection.ID
	if err := tx.QueryRowContext(ctx, `SELECT inspection_id FROM `+table+` WHERE id = ?`, l.Target).Scan(&target); err != nil {
		if err == sql.ErrNoRows {
			return inspection.Errorf(inspection.ENOTFOUND, "the %s the photo is linked to does not exist here: keep the local version", l.Kind)
		}
		return err
	}
	return sameOwner(c, target)
}

// incomingInspection writes the imported version of an inspection's own
// fields. Only Finalize finalizes, and a finalized inspection arrives whole
// with its manifest, never through one field: an incoming version that is
// finalized is refused.
func incomingInspection(ctx context.Context, tx *sql.Tx, v *inspection.Inspection, now time.Time) error {
	if v.Status == inspection.Finalized {
		return inspection.Errorf(inspection.EINVALID, "the incoming version of inspection %s is finalized, which keeping one version cannot make this one: keep the local version; to take the finalized inspection, delete the local draft and import its bundle again", v.ID)
	}
	_, err := putInspection(ctx, tx, v, now)
	return err
}

// putParty upserts a library record inside tx (the Put* methods open their
// own transaction) and refreshes the search documents that name it.
func putParty(ctx context.Context, tx *sql.Tx, v interface{ Validate() error }) error {
	col, id, err := writeParty(ctx, tx, v)
	if err != nil {
		return err
	}
	return reindexWhere(ctx, tx, col, id)
}

// writeParty upserts a library record and returns the inspections' column
// that refers to it. A party new here is named by no search document yet,
// so Merge writes it without putParty's reindexing.
func writeParty(ctx context.Context, tx *sql.Tx, v interface{ Validate() error }) (string, inspection.ID, error) {
	if err := v.Validate(); err != nil {
		return "", inspection.NilID, err
	}
	var err error
	var col string
	var id inspection.ID
	switch p := v.(type) {
	case inspection.Client:
		col, id = "client_id", p.ID
		_, err = tx.ExecContext(ctx, `INSERT INTO clients (id, name, contact) VALUES (?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, contact = excluded.contact`,
			p.ID.String(), p.Name, p.Contact)
	case inspection.Supplier:
		col, id = "supplier_id", p.ID
		_, err = tx.ExecContext(ctx, `INSERT INTO suppliers (id, name, name_local, address) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_local = excluded.name_local, address = excluded.address`,
			p.ID.String(), p.Name, p.NameLocal, p.Address)
	case inspection.Factory:
		col, id = "factory_id", p.ID
		_, err = tx.ExecContext(ctx, `INSERT INTO factories (id, supplier_id, name, name_local, address) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET supplier_id = excluded.supplier_id, name = excluded.name,
				name_local = excluded.name_local, address = excluded.address`,
			p.ID.String(), ref(p.SupplierID), p.Name, p.NameLocal, p.Address)
	case inspection.Product:
		col, id = "product_id", p.ID
		_, err = tx.ExecContext(ctx, `INSERT INTO products (id, client_id, sku, description, spec_ref) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET client_id = excluded.client_id, sku = excluded.sku,
				description = excluded.description, spec_ref = excluded.spec_ref`,
			p.ID.String(), ref(p.ClientID), p.SKU, p.Description, p.SpecRef)
	default:
		return "", inspection.NilID, fmt.Errorf("writeParty: %T is not a party", v)
	}
	return col, id, err
}
