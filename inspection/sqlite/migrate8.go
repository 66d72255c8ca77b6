package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"
)

// upgradeTo8 is the Go part of schema 8: it indexes every search document
// for short terms and compacts the audit trail.
func upgradeTo8(ctx context.Context, tx *sql.Tx) error {
	if err := fillGrams(ctx, tx); err != nil {
		return fmt.Errorf("index short search terms: %w", err)
	}
	if err := compactAudit(ctx, tx); err != nil {
		return fmt.Errorf("compact the audit trail: %w", err)
	}
	return nil
}

func fillGrams(ctx context.Context, tx *sql.Tx) error {
	type doc struct {
		seq  int64
		body string
	}
	var docs []doc
	rows, err := tx.QueryContext(ctx, `SELECT rowid, body FROM inspection_search`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d doc
		if err := rows.Scan(&d.seq, &d.body); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range docs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_grams (rowid, grams) VALUES (?, ?)`, d.seq, grams(d.body)); err != nil {
			return err
		}
	}
	return nil
}

// oldAuditRow is a row of the trail as schema 5 stored it: one per field.
type oldAuditRow struct {
	id                                    int64
	inspectionID, at, who, action, entity string
	entityID, field, old, new             string
}

// group is a run of rows that one create or delete wrote: consecutive IDs,
// one record, one instant, fields in the order they were written (sorted).
type group struct {
	first, last oldAuditRow
	start       time.Time
	values      map[string]string
	delays      map[string]int64 // ns after start, for fields not written at start
}

func newGroup(r oldAuditRow) (*group, error) {
	start, err := time.Parse(time.RFC3339Nano, r.at)
	if err != nil {
		return nil, fmt.Errorf("audit row %d: time %q: %w", r.id, r.at, err)
	}
	return &group{first: r, last: r, start: start, values: map[string]string{r.field: r.value()}, delays: map[string]int64{}}, nil
}

// take adds r to the group if the same write made it: the next ID, the
// same record, person and action, the next field, within a second.
func (g *group) take(r oldAuditRow) bool {
	f := g.last
	if r.id != f.id+1 || r.inspectionID != f.inspectionID || r.who != f.who || r.action != f.action ||
		r.entity != f.entity || r.entityID != f.entityID || r.field <= f.field || !compactable(r) {
		return false
	}
	at, err := time.Parse(time.RFC3339Nano, r.at)
	delay := at.Sub(g.start)
	if err != nil || delay < 0 || delay > time.Second {
		return false
	}
	g.last = r
	g.values[r.field] = r.value()
	if delay > 0 {
		g.delays[r.field] = int64(delay)
	}
	return true
}

// compactable rows are exactly what a record row expands back into: a
// create names a value only as new, a delete only as old, never empty.
func compactable(r oldAuditRow) bool {
	switch r.action {
	case "create":
		return r.old == "" && r.new != ""
	case "delete":
		return r.new == "" && r.old != ""
	}
	return false
}

func (r oldAuditRow) value() string {
	if r.action == "delete" {
		return r.old
	}
	return r.new
}

// compactAudit rewrites each create and delete of schema 5 (one row per
// field) as one record row in place of its first, in batches so memory
// stays small whatever the size of the trail. Audit reads the record row
// back as the very entries it replaced, in the same order.
func compactAudit(ctx context.Context, tx *sql.Tx) error {
	var open *group
	after := int64(0)
	for {
		batch, err := oldAuditBatch(ctx, tx, after, 20000)
		if err != nil || len(batch) == 0 {
			if err == nil && open != nil {
				err = writeGroup(ctx, tx, open)
			}
			return err
		}
		after = batch[len(batch)-1].id
		for _, r := range batch {
			if open != nil && open.take(r) {
				continue
			}
			if open != nil {
				if err := writeGroup(ctx, tx, open); err != nil {
					return err
				}
				open = nil
			}
			if compactable(r) {
				if open, err = newGroup(r); err != nil {
					return err
				}
			}
		}
	}
}

func oldAuditBatch(ctx context.Context, tx *sql.Tx, after int64, n int) ([]oldAuditRow, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT id, inspection_id, at, who, action, entity, entity_id, field, old, new
		FROM audit WHERE id > ? AND vals = '' ORDER BY id LIMIT ?`, after, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []oldAuditRow
	for rows.Next() {
		var r oldAuditRow
		if err := rows.Scan(&r.id, &r.inspectionID, &r.at, &r.who, &r.action, &r.entity, &r.entityID,
			&r.field, &r.old, &r.new); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func writeGroup(ctx context.Context, tx *sql.Tx, g *group) error {
	vals, err := recordValues(g.first.entityID, g.first.inspectionID, g.values)
	if err != nil {
		return err
	}
	delays := ""
	if len(g.delays) > 0 {
		b, err := json.Marshal(g.delays)
		if err != nil {
			return err
		}
		delays = string(b)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit SET field = '', old = '', new = '', vals = ?, field_delays = ? WHERE id = ?`,
		vals, delays, g.first.id); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM audit WHERE id > ? AND id <= ?`, g.first.id, g.last.id)
	return err
}
