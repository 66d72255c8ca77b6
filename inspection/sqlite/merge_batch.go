package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// A new inspection's records each add one audit row, a hundred or so
// small inserts through database/sql and the driver per inspection. While
// a merge writes them it holds those rows in an auditBatch, and flush
// writes them, in the order they came, with a few multi-row INSERTs: each
// gets the ID it would have had alone. Nothing reads or writes the trail
// between the puts and the flush.
//
// A multi-row statement that may abort half-way opens a statement
// journal, and that makes the search index flush its pending documents
// there, storing them in other segments than before. The audit rows are
// therefore inserted OR FAIL, which cannot abort (a failure fails the
// whole transaction anyway), and the records themselves one by one: their
// foreign keys may abort any multi-row insert.

type auditBatchKey struct{}

// auditBatch holds the audit rows of new records until flush.
type auditBatch struct {
	rows []auditRow
}

type auditRow struct {
	s    stored
	at   string // when the record was written, as writeRecord stamps it
	who  string
	vals string // recordValues
}

func withAuditBatch(ctx context.Context, b *auditBatch) context.Context {
	return context.WithValue(ctx, auditBatchKey{}, b)
}

func auditBatchOf(ctx context.Context) *auditBatch {
	b, _ := ctx.Value(auditBatchKey{}).(*auditBatch)
	return b
}

func (b *auditBatch) add(ctx context.Context, s stored, vals string) {
	b.rows = append(b.rows, auditRow{s: s, at: encTime(time.Now()), who: actor(ctx), vals: vals})
}

// auditBatchSizes are the row counts of the statements: a few fixed
// texts, so the connection's statement cache keeps them all.
var auditBatchSizes = []int{64, 16, 4, 1}

// auditCols is the number of columns writeRecord fills.
const auditCols = 7

// flush writes the rows held, as writeRecord writes each.
func (b *auditBatch) flush(ctx context.Context, tx *sql.Tx) error {
	rows := b.rows
	b.rows = nil
	for len(rows) > 0 {
		n := 1
		for _, size := range auditBatchSizes {
			if len(rows) >= size {
				n = size
				break
			}
		}
		args := make([]any, 0, n*auditCols)
		for _, r := range rows[:n] {
			args = append(args, r.s.inspectionID.String(), r.at, r.who, inspection.AuditCreate, r.s.entity, r.s.entityID, r.vals)
		}
		if _, err := tx.ExecContext(ctx, auditRowsSQL(n), args...); err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}

func auditRowsSQL(n int) string {
	return cachedSQL(fmt.Sprintf("insert audit x%d", n), func() string {
		row := "(" + strings.TrimSuffix(strings.Repeat("?, ", auditCols), ", ") + ")"
		return `INSERT OR FAIL INTO audit (inspection_id, at, who, action, entity, entity_id, vals) VALUES ` +
			strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
	})
}
