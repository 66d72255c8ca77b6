package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/loupeqc/loupe/inspection"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// stored is one record of an inspection as it goes into its table: the
// audit row that names it, the columns of its key, and every column with
// the value written there.
type stored struct {
	row
	key  []string
	cols []string
	vals []any
}

// idKey is the key of the records stored under their own ID.
var idKey = []string{"id"}

// columns splits a column list as the SELECTs use it.
func columns(list string) []string {
	var out []string
	for _, c := range strings.Split(list, ",") {
		out = append(out, strings.TrimSpace(c))
	}
	return out
}

// claimed checks a child record may be written (see claim), unless it
// belongs to a fresh inspection, where nothing it could clash with exists.
func claimed(ctx context.Context, tx *sql.Tx, table, what string, id, inspectionID inspection.ID) error {
	if fresh(ctx, inspectionID) {
		return nil
	}
	return claim(ctx, tx, table, what, id, inspectionID)
}

// upsert inserts or replaces the record, audited: the fields it changed,
// or all of them for a new record. In a fresh inspection (see withFresh)
// the record is new by construction: a plain insert, and its audit row is
// made from the values written, without reading anything back.
func upsert(ctx context.Context, tx *sql.Tx, s stored) error {
	if fresh(ctx, s.inspectionID) {
		return insertFresh(ctx, tx, s)
	}
	return audited(ctx, tx, s.row, func() error {
		_, err := tx.ExecContext(ctx, upsertSQL(s.table, s.key, s.cols), s.vals...)
		return err
	})
}

// insertFresh writes a record of an inspection created in this
// transaction. A record whose ID is already stored (under another
// inspection) fails the insert, and with it the transaction. Under a
// merge's auditBatch its audit row is held for the batch.
func insertFresh(ctx context.Context, tx *sql.Tx, s stored) error {
	if _, err := tx.ExecContext(ctx, insertSQL(s.table, s.cols), s.vals...); err != nil {
		var se *sqlite.Error
		if errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY || se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE) {
			return inspection.Errorf(inspection.ECONFLICT, "the %s %s of the new inspection %s is stored already (%v): a record belongs to one inspection", s.entity, s.entityID, s.inspectionID, err)
		}
		return err
	}
	vals := freshValues(s)
	if b := auditBatchOf(ctx); b != nil {
		b.add(ctx, s, vals)
		return nil
	}
	return writeRecordValues(ctx, tx, s.row, inspection.AuditCreate, vals)
}

// freshValues is recordValues of a new record's audited columns, each
// the storedText of the value written.
func freshValues(s stored) string {
	j := recordJSON{entityID: s.entityID, inspectionID: s.inspectionID.String()}
	for _, i := range auditedInOrder(s.table, s.cols) {
		j.field(s.cols[i], storedText(s.vals[i]))
	}
	return j.String()
}

// auditedOrders caches, per list of columns, its audited columns' indexes
// in the order of their names, the order recordValues writes them in. The
// key is the list's names, so a table written with another list of columns
// gets its own order.
var auditedOrders sync.Map

func auditedInOrder(table string, cols []string) []int {
	key := table + ":" + strings.Join(cols, ",")
	if o, ok := auditedOrders.Load(key); ok {
		return o.([]int)
	}
	var o []int
	for i, c := range cols {
		if !unaudited[c] {
			o = append(o, i)
		}
	}
	slices.SortFunc(o, func(a, b int) int { return strings.Compare(cols[a], cols[b]) })
	auditedOrders.Store(key, o)
	return o
}

// storedText is auditText of what SQLite gives back for v: the types the
// store writes read back as themselves, booleans as 0 and 1, integers
// written to REAL columns as floats, which print the same.
func storedText(v any) string {
	switch x := v.(type) {
	case int:
		return strconv.Itoa(x)
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return auditText(v)
}

type freshKey struct{}

// withFresh marks ctx as writing the records of inspection id, which this
// transaction has just created: none of them can exist yet.
func withFresh(ctx context.Context, id inspection.ID) context.Context {
	return context.WithValue(ctx, freshKey{}, id)
}

func fresh(ctx context.Context, id inspection.ID) bool {
	f, ok := ctx.Value(freshKey{}).(inspection.ID)
	return ok && id != inspection.NilID && f == id
}

// The statements of each table are built once.
var (
	sqlMu    sync.Mutex
	sqlCache = map[string]string{}
)

func cachedSQL(name string, build func() string) string {
	sqlMu.Lock()
	q, ok := sqlCache[name]
	sqlMu.Unlock()
	if ok {
		return q
	}
	q = build()
	sqlMu.Lock()
	sqlCache[name] = q
	sqlMu.Unlock()
	return q
}

func insertSQL(table string, cols []string) string {
	return cachedSQL("insert "+table, func() string {
		return fmt.Sprintf(`INSERT INTO %s (%s) VALUES (%s)`, table, strings.Join(cols, ", "),
			strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "))
	})
}

// upsertSQL replaces every column but the key and the owning inspection,
// which a record never changes.
func upsertSQL(table string, key, cols []string) string {
	return cachedSQL("upsert "+table, func() string {
		var set []string
		for _, c := range cols {
			if !slices.Contains(key, c) && c != "inspection_id" {
				set = append(set, c+" = excluded."+c)
			}
		}
		return insertSQL(table, cols) + ` ON CONFLICT (` + strings.Join(key, ", ") + `) DO UPDATE SET ` + strings.Join(set, ", ")
	})
}
