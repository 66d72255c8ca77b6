package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os/user"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// row names one stored record of an inspection for the audit trail.
type row struct {
	table, entity string
	inspectionID  inspection.ID
	entityID      string
	where         string
	args          []any
}

// recordOf names a record stored under its own ID.
func recordOf(table, entity string, inspectionID, id inspection.ID) row {
	return row{table: table, entity: entity, inspectionID: inspectionID, entityID: id.String(),
		where: "id = ?", args: []any{id.String()}}
}

// unaudited columns are derived or bookkeeping: logging them would bury the
// inspector's own changes.
var unaudited = map[string]bool{"seq": true, "updated_at": true, "verdict": true, "manifest": true, "finding_count": true}

// audited runs mutate and records, in the same transaction, every column of
// r whose stored value it changed. Library records (no inspection) are not
// audited.
func audited(ctx context.Context, tx *sql.Tx, r row, mutate func() error) error {
	if r.inspectionID == inspection.NilID {
		return mutate()
	}
	before, err := snapshot(ctx, tx, r)
	if err != nil {
		return err
	}
	if err := mutate(); err != nil {
		return err
	}
	after, err := snapshot(ctx, tx, r)
	if err != nil {
		return err
	}
	return recordChanges(ctx, tx, r, before, after)
}

// snapshot reads the record as text per column; nil when it does not exist.
func snapshot(ctx context.Context, tx *sql.Tx, r row) (map[string]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT * FROM `+r.table+` WHERE `+r.where, r.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, rows.Err()
	}
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(cols))
	for i, c := range cols {
		if !unaudited[c] {
			out[c] = auditText(vals[i])
		}
	}
	return out, rows.Err()
}

// auditText renders a stored value; blobs (signature images) by size and
// hash, so the trail proves which image it was without copying it.
func auditText(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []byte:
		sum := sha256.Sum256(x)
		return fmt.Sprintf("%d bytes, SHA-256 %s", len(x), hex.EncodeToString(sum[:]))
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

func recordChanges(ctx context.Context, tx *sql.Tx, r row, before, after map[string]string) error {
	switch {
	case before == nil && after == nil:
		return nil
	case before == nil:
		return writeRecord(ctx, tx, r, inspection.AuditCreate, after)
	case after == nil:
		return writeRecord(ctx, tx, r, inspection.AuditDelete, before)
	}
	for _, c := range slices.Sorted(maps.Keys(after)) {
		old, nw := before[c], after[c]
		if old == nw {
			continue
		}
		if err := writeAudit(ctx, tx, r, inspection.AuditUpdate, c, old, nw); err != nil {
			return err
		}
	}
	return nil
}

// writeRecord logs a record that appeared or went away as one row that
// holds its values, so the trail of a new record costs about the record.
// Audit reads it back as one entry per field, as it always did.
func writeRecord(ctx context.Context, tx *sql.Tx, r row, action string, values map[string]string) error {
	vals, err := recordValues(r.entityID, r.inspectionID.String(), values)
	if err != nil {
		return err
	}
	return writeRecordValues(ctx, tx, r, action, vals)
}

// writeRecordValues is writeRecord with the values encoded (recordValues).
func writeRecordValues(ctx context.Context, tx *sql.Tx, r row, action, vals string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit (inspection_id, at, who, action, entity, entity_id, vals)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		r.inspectionID.String(), encTime(time.Now()), actor(ctx), action, r.entity, r.entityID, vals)
	return err
}

// recordValues encodes a record's non-empty fields as a JSON object. Its
// own ID and its inspection's, which the audit row names already, are
// written as null.
func recordValues(entityID, inspectionID string, values map[string]string) (string, error) {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	j := recordJSON{entityID: entityID, inspectionID: inspectionID}
	for _, k := range keys {
		j.field(k, values[k])
	}
	return j.String(), nil
}

// recordJSON writes recordValues' object field by field, given in sorted
// order: what json.Marshal of a map[string]*string writes (keys sorted,
// HTML-safe escaping), without the map and reflection. Every new record of
// a bulk load is encoded here, and the map round trip was a tenth of its
// time.
type recordJSON struct {
	b                      []byte
	entityID, inspectionID string
}

func (j *recordJSON) field(k, v string) {
	if v == "" {
		return
	}
	if len(j.b) == 0 {
		j.b = append(make([]byte, 0, 512), '{')
	} else {
		j.b = append(j.b, ',')
	}
	j.b = appendJSONString(j.b, k)
	j.b = append(j.b, ':')
	if k == "id" && v == j.entityID || k == "inspection_id" && v == j.inspectionID {
		j.b = append(j.b, "null"...)
	} else {
		j.b = appendJSONString(j.b, v)
	}
}

func (j *recordJSON) String() string {
	if len(j.b) == 0 {
		return "{}"
	}
	return string(append(j.b, '}'))
}

// appendJSONString appends s quoted as json.Marshal quotes it: printable
// ASCII that needs no escape is copied, anything else is left to
// encoding/json, so the bytes cannot differ.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// expandRecord turns a record row back into one entry per field, in field
// order, the way the trail was once stored; delays (rows compacted from
// schema 5) give fields written after the row's time their own.
func expandRecord(e inspection.AuditEntry, vals, delays string) ([]inspection.AuditEntry, error) {
	var values map[string]*string
	if err := json.Unmarshal([]byte(vals), &values); err != nil {
		return nil, fmt.Errorf("audit record of %s %s is unreadable: %w", e.Entity, e.EntityID, err)
	}
	var after map[string]int64
	if delays != "" {
		if err := json.Unmarshal([]byte(delays), &after); err != nil {
			return nil, fmt.Errorf("audit record of %s %s is unreadable: %w", e.Entity, e.EntityID, err)
		}
	}
	out := make([]inspection.AuditEntry, 0, len(values))
	for _, k := range slices.Sorted(maps.Keys(values)) {
		v := values[k]
		switch {
		case v != nil:
		case k == "id":
			v = &e.EntityID
		case k == "inspection_id":
			id := e.InspectionID.String()
			v = &id
		default:
			return nil, fmt.Errorf("audit record of %s %s is unreadable: field %s has no value", e.Entity, e.EntityID, k)
		}
		x := e
		x.Field = k
		x.At = e.At.Add(time.Duration(after[k]))
		if e.Action == inspection.AuditDelete {
			x.Old = *v
		} else {
			x.New = *v
		}
		out = append(out, x)
	}
	return out, nil
}

// typingBurst is how long edits of one field by one person, with nothing
// else recorded in between, count as one change: the window saves every
// keystroke, and the trail should read "scratch → deep scratch on lid", not
// one row per letter.
const typingBurst = 2 * time.Minute

func writeAudit(ctx context.Context, tx *sql.Tx, r row, action, field, old, nw string) error {
	if action == inspection.AuditUpdate && !fresh(ctx, r.inspectionID) {
		merged, err := extendBurst(ctx, tx, r, field, nw)
		if err != nil || merged {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit (inspection_id, at, who, action, entity, entity_id, field, old, new)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.inspectionID.String(), encTime(time.Now()), actor(ctx), action, r.entity, r.entityID, field, old, nw)
	return err
}

// extendBurst folds an update into the inspection's latest audit row when
// that row is an update of the same field by the same person moments ago.
func extendBurst(ctx context.Context, tx *sql.Tx, r row, field, nw string) (bool, error) {
	var (
		id                              int64
		at                              time.Time
		who, action, entityID, fld, was string
	)
	err := tx.QueryRowContext(ctx, `
		SELECT id, at, who, action, entity_id, field, old FROM audit
		WHERE inspection_id = ? ORDER BY id DESC LIMIT 1`, r.inspectionID.String()).
		Scan(&id, timeCol{&at}, &who, &action, &entityID, &fld, &was)
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	now := time.Now()
	if action != string(inspection.AuditUpdate) || entityID != r.entityID || fld != field || who != actor(ctx) || now.Sub(at) > typingBurst {
		return false, nil
	}
	if nw == was { // typed back to where it started: nothing changed
		_, err = tx.ExecContext(ctx, `DELETE FROM audit WHERE id = ?`, id)
		return err == nil, err
	}
	// A new ID, as for any change: the newest ID is the inspection's change
	// mark, which a sync reads instead of the whole trail.
	_, err = tx.ExecContext(ctx, `UPDATE audit SET new = ?, at = ?, id = (SELECT max(id) + 1 FROM audit) WHERE id = ?`, nw, encTime(now), id)
	return err == nil, err
}

// actor is who the audit trail names: the context's actor, else the
// operating-system user, so a change is never anonymous.
func actor(ctx context.Context) string {
	if a := inspection.ActorFrom(ctx); a != "" {
		return a
	}
	return osUser()
}

var osUser = sync.OnceValue(func() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return "unknown"
})

// Audit lists every recorded change of an inspection, oldest first.
func (db *DB) Audit(ctx context.Context, inspectionID inspection.ID) ([]inspection.AuditEntry, error) {
	var out []inspection.AuditEntry
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `
			SELECT inspection_id, at, who, action, entity, entity_id, field, old, new, vals, field_delays
			FROM audit WHERE inspection_id = ? ORDER BY id`, inspectionID.String())
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e inspection.AuditEntry
			var vals, delays string
			if err := rows.Scan(&e.InspectionID, timeCol{&e.At}, &e.Who, &e.Action, &e.Entity, &e.EntityID,
				&e.Field, &e.Old, &e.New, &vals, &delays); err != nil {
				return err
			}
			if vals == "" {
				out = append(out, e)
				continue
			}
			fields, err := expandRecord(e, vals, delays)
			if err != nil {
				return err
			}
			out = append(out, fields...)
		}
		return rows.Err()
	})
	return out, err
}
