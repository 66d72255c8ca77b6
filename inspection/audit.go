package inspection

import (
	"context"
	"time"
)

// Audit actions: a record appeared, changed or went away.
const (
	AuditCreate = "create"
	AuditUpdate = "update"
	AuditDelete = "delete"
)

// AuditEntry is one changed field of an inspection or of one of its records,
// so a finalized report can be traced back to who typed what and when. A
// created record lists its non-empty fields (Old empty); a deleted one lists
// the values it had (New empty).
type AuditEntry struct {
	InspectionID ID        `json:"inspection_id"`
	At           time.Time `json:"at"`
	Who          string    `json:"who"`
	Action       string    `json:"action"`
	Entity       string    `json:"entity"`    // "inspection", "finding", "section", "photo", …
	EntityID     string    `json:"entity_id"` // the record's ID; the kind for sections
	Field        string    `json:"field"`     // the stored column name
	Old          string    `json:"old"`
	New          string    `json:"new"`
}

type actorKey struct{}

// WithActor names who makes the changes done with ctx, for the audit trail.
// The UI sets it once from the inspector's name; the CLI from --by or the
// inspection's inspector.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// ActorFrom returns the name set by WithActor, or "".
func ActorFrom(ctx context.Context) string {
	name, _ := ctx.Value(actorKey{}).(string)
	return name
}
