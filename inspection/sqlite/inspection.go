package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

const inspectionCols = `id, report_no, type, status, client_id, supplier_id, factory_id, product_id, pos,
	date, inspector, started_at, finished_at, lot_size, qty_ordered, pct_produced, pct_packed,
	cartons, cartons_opened, level, severity, severity_reason, aql_critical, aql_major, aql_minor,
	golden_sample_id, spec_revision, reinspection_of, revision_of, revision_reason, comments,
	recommendation, signature_waiver, finalized_at, finalized_by, created_at, updated_at`

func scanInspection(sc interface{ Scan(...any) error }) (*inspection.Inspection, error) {
	var in inspection.Inspection
	err := sc.Scan(&in.ID, &in.ReportNo, &in.Type, &in.Status, &in.ClientID, &in.SupplierID, &in.FactoryID,
		&in.ProductID, stringsCol{&in.POs}, timeCol{&in.Date}, &in.Inspector, timeCol{&in.StartedAt},
		timeCol{&in.FinishedAt}, &in.LotSize, &in.QtyOrdered, &in.PctProduced, &in.PctPacked, &in.Cartons,
		jsonCol{&in.CartonsOpened}, &in.Level, &in.Severity, &in.SeverityReason, &in.AQLCritical,
		&in.AQLMajor, &in.AQLMinor, &in.GoldenSampleID, &in.SpecRevision, &in.ReinspectionOf,
		&in.RevisionOf, &in.RevisionReason, &in.Comments, &in.Recommendation, &in.SignatureWaiver,
		timeCol{&in.FinalizedAt}, &in.FinalizedBy, timeCol{&in.CreatedAt},
		timeCol{&in.UpdatedAt})
	if err != nil {
		return nil, err
	}
	return &in, nil
}

// PutInspection inserts or replaces a draft inspection and sets its
// UpdatedAt (and CreatedAt when it is new and unset). Any change to a
// finalized inspection is refused with EREADONLY, and so is saving a draft
// as finalized: finalizing goes through Finalize, which checks the sections
// and signatures and seals the data.
func (db *DB) PutInspection(ctx context.Context, in *inspection.Inspection) error {
	if err := validInspection(in); err != nil {
		return err
	}
	now := time.Now().UTC().Round(0)
	var created time.Time
	err := db.write(ctx, func(tx *sql.Tx) (err error) {
		if in.Status == inspection.Finalized {
			if err := writable(ctx, tx, in.ID); inspection.ErrorCode(err) == inspection.EREADONLY {
				return err
			}
			return inspection.Errorf(inspection.EINVALID, "inspection %s cannot be finalized by saving it with status finalized: finalize it (Finalize… in the window, `loupe finalize` on the command line), which checks every section and signature and seals the data", in.ID)
		}
		if created, err = putInspection(ctx, tx, in, now); err != nil {
			return err
		}
		return touched(ctx, tx, in.ID)
	})
	if err != nil {
		return err
	}
	in.CreatedAt, in.UpdatedAt = created, now
	return nil
}

// putInspection writes the row, audited, and returns the CreatedAt it stored.
func putInspection(ctx context.Context, tx *sql.Tx, in *inspection.Inspection, now time.Time) (time.Time, error) {
	if err := validInspection(in); err != nil {
		return time.Time{}, err
	}
	pos, err := encJSON(in.POs)
	if err != nil {
		return time.Time{}, err
	}
	cartons, err := encJSON(in.CartonsOpened)
	if err != nil {
		return time.Time{}, err
	}
	var status inspection.Status
	var storedAt time.Time
	err = tx.QueryRowContext(ctx, `SELECT status, created_at FROM inspections WHERE id = ?`, in.ID.String()).
		Scan(&status, timeCol{&storedAt})
	isNew := err == sql.ErrNoRows
	switch {
	case isNew:
		storedAt = now
	case err != nil:
		return time.Time{}, err
	case status == inspection.Finalized:
		return time.Time{}, readOnly(in.ID)
	}
	created := in.CreatedAt
	if created.IsZero() {
		created = storedAt
	}
	vals := []any{in.ID.String(), in.ReportNo, string(in.Type), string(in.Status), ref(in.ClientID),
		ref(in.SupplierID), ref(in.FactoryID), ref(in.ProductID), pos, encTime(in.Date), in.Inspector,
		encTime(in.StartedAt), encTime(in.FinishedAt), in.LotSize, in.QtyOrdered, in.PctProduced,
		in.PctPacked, in.Cartons, cartons, string(in.Level), string(in.Severity), in.SeverityReason,
		in.AQLCritical, in.AQLMajor, in.AQLMinor, ref(in.GoldenSampleID), in.SpecRevision,
		ref(in.ReinspectionOf), ref(in.RevisionOf), in.RevisionReason, in.Comments, in.Recommendation,
		in.SignatureWaiver, encTime(in.FinalizedAt), in.FinalizedBy,
		encTime(created), encTime(now)}
	r := recordOf("inspections", "inspection", in.ID, in.ID)
	if isNew {
		// Audited from the values written, as every new record of a fresh
		// inspection is, instead of reading the row back.
		return created, insertFresh(ctx, tx, stored{row: r, cols: inspectionColumns, vals: vals})
	}
	return created, audited(ctx, tx, r, func() error {
		_, err := tx.ExecContext(ctx, upsertSQL("inspections", idKey, inspectionColumns), vals...)
		return err
	})
}

var inspectionColumns = columns(inspectionCols)

// validInspection reads an unset status as a draft, then validates.
func validInspection(in *inspection.Inspection) error {
	if in.Status == "" {
		in.Status = inspection.Draft
	}
	return in.Validate()
}

func readOnly(id inspection.ID) error {
	return inspection.Errorf(inspection.EREADONLY, "inspection %s is finalized: corrections need a new revision", id)
}

func notFound(id inspection.ID) error {
	return inspection.Errorf(inspection.ENOTFOUND, "inspection %s does not exist: run `loupe list` to see the inspections", id)
}

// writable fails unless the inspection exists and is still a draft.
func writable(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	var status inspection.Status
	err := tx.QueryRowContext(ctx, `SELECT status FROM inspections WHERE id = ?`, ref(id)).Scan(&status)
	switch {
	case err == sql.ErrNoRows:
		return notFound(id)
	case err != nil:
		return err
	case status == inspection.Finalized:
		return readOnly(id)
	}
	return nil
}

// touched refreshes what is derived from an inspection after a change: the
// stored verdict and the search document, from one reading of its findings.
func touched(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	findings, err := queryFindings(ctx, tx, id)
	if err != nil {
		return err
	}
	return touchedWith(ctx, tx, id, findings)
}

// touchedWith is touched with the inspection's findings at hand, in their
// stored order.
func touchedWith(ctx context.Context, tx *sql.Tx, id inspection.ID, findings []inspection.Finding) error {
	if err := storeVerdict(ctx, tx, id, findings); err != nil {
		return err
	}
	return reindexWith(ctx, tx, id, findings)
}

// refreshVerdict stores the verdict and the number of findings, so lists
// can show them, and filter by verdict, without loading any finding. Every
// write that changes findings or what the verdict depends on refreshes it.
func refreshVerdict(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	findings, err := queryFindings(ctx, tx, id)
	if err != nil {
		return err
	}
	return storeVerdict(ctx, tx, id, findings)
}

func storeVerdict(ctx context.Context, tx *sql.Tx, id inspection.ID, findings []inspection.Finding) error {
	v, err := verdictOf(ctx, tx, id, findings)
	if err != nil {
		return err
	}
	return putVerdict(ctx, tx, id, v, len(findings))
}

func putVerdict(ctx context.Context, tx *sql.Tx, id inspection.ID, v inspection.Verdict, findings int) error {
	_, err := tx.ExecContext(ctx, `UPDATE inspections SET verdict = ?, finding_count = ? WHERE id = ?`, string(v), findings, id.String())
	return err
}

// touchedNew is touchedWith for an inspection this transaction has just
// written, all of it: in is its row and sections its sections exactly as
// they were stored, so the verdict is evaluated on them instead of on the
// same values read back.
func touchedNew(ctx context.Context, tx *sql.Tx, in *inspection.Inspection, sections []inspection.Section, findings []inspection.Finding) error {
	if err := putVerdict(ctx, tx, in.ID, inspection.Evaluate(in, findings, sections).Verdict, len(findings)); err != nil {
		return err
	}
	return reindexWith(ctx, tx, in.ID, findings)
}

// verdictOf evaluates a stored inspection with its findings.
func verdictOf(ctx context.Context, tx *sql.Tx, id inspection.ID, findings []inspection.Finding) (inspection.Verdict, error) {
	in, err := getInspection(ctx, tx, id)
	if err != nil {
		return "", err
	}
	sections, err := querySections(ctx, tx, in.ID)
	if err != nil {
		return "", err
	}
	return inspection.Evaluate(in, findings, sections).Verdict, nil
}

func getInspection(ctx context.Context, tx *sql.Tx, id inspection.ID) (*inspection.Inspection, error) {
	in, err := scanInspection(tx.QueryRowContext(ctx, `SELECT `+inspectionCols+` FROM inspections WHERE id = ?`, ref(id)))
	if err == sql.ErrNoRows {
		return nil, notFound(id)
	}
	return in, err
}

// Inspection loads one inspection.
func (db *DB) Inspection(ctx context.Context, id inspection.ID) (*inspection.Inspection, error) {
	var in *inspection.Inspection
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		in, err = getInspection(ctx, tx, id)
		return err
	})
	return in, err
}

// Latest returns the most recently created inspection.
func (db *DB) Latest(ctx context.Context) (*inspection.Inspection, error) {
	var in *inspection.Inspection
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		in, err = scanInspection(tx.QueryRowContext(ctx,
			`SELECT `+inspectionCols+` FROM inspections ORDER BY created_at DESC, id DESC LIMIT 1`))
		if err == sql.ErrNoRows {
			return inspection.Errorf(inspection.ENOTFOUND, "no inspections yet: run `loupe demo` or create one")
		}
		return err
	})
	return in, err
}

// DeleteInspection removes a draft inspection with everything it holds.
// Finalized inspections are the record of what was signed and stay.
func (db *DB) DeleteInspection(ctx context.Context, id inspection.ID) error {
	return db.write(ctx, func(tx *sql.Tx) error { return deleteDraft(ctx, tx, id) })
}

// deleteDraft removes a draft with every record it owns, audited; a
// finalized inspection is refused (EREADONLY).
func deleteDraft(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	if err := writable(ctx, tx, id); err != nil {
		return err
	}
	if err := unindex(ctx, tx, id); err != nil {
		return err
	}
	return audited(ctx, tx, recordOf("inspections", "inspection", id, id), func() error {
		_, err := tx.ExecContext(ctx, `DELETE FROM inspections WHERE id = ?`, id.String())
		return err
	})
}

// ListInspections returns inspection summaries, newest first, a page at a
// time when f.Limit is set. The cost of a page follows its length and the
// index lookups, not the size of the database: the order is an index,
// search terms are answered by the search indexes (see listQuery), and each
// inspection's number of findings is stored with it.
func (db *DB) ListInspections(ctx context.Context, f inspection.Filter) ([]inspection.Summary, error) {
	from, where, args := listQuery(f)
	q := `
		SELECT i.id, i.report_no, i.type, i.status, i.date, coalesce(s.name, ''), i.supplier_id,
			coalesce(p.sku, ''), coalesce(p.description, ''), i.pos, i.inspector, i.verdict, i.finding_count
		FROM ` + from + `
		LEFT JOIN suppliers s ON s.id = i.supplier_id
		LEFT JOIN products p ON p.id = i.product_id
		` + where + `
		ORDER BY i.date DESC, i.created_at DESC, i.id DESC`
	switch {
	case f.Limit > 0:
		q += ` LIMIT ? OFFSET ?`
		args = append(args, f.Limit, max(f.Offset, 0))
	case f.Offset > 0:
		q += ` LIMIT -1 OFFSET ?`
		args = append(args, f.Offset)
	}
	// One statement reads one snapshot: no transaction around it, whose
	// BEGIN and ROLLBACK would cost a search page a tenth of its time.
	rows, err := db.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := make([]inspection.Summary, 0, max(f.Limit, 0))
	for rows.Next() {
		var s inspection.Summary
		var sku, desc string
		if err := rows.Scan(&s.ID, &s.ReportNo, &s.Type, &s.Status, timeCol{&s.Date}, &s.Supplier,
			&s.SupplierID, &sku, &desc, stringsCol{&s.POs}, &s.Inspector, &s.Verdict, &s.Findings); err != nil {
			return nil, translate(err)
		}
		s.Product = productLabel(sku, desc)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	if len(out) == 0 {
		return nil, nil // none is nil, as every list the store returns
	}
	return out, nil
}

// CountInspections counts the inspections ListInspections returns for f
// without its Limit and Offset: the "9,337 inspections" above a list shown
// a page at a time.
func (db *DB) CountInspections(ctx context.Context, f inspection.Filter) (int, error) {
	var n int
	err := db.read(ctx, func(tx *sql.Tx) error {
		if plain := (inspection.Filter{Search: f.Search}); f == plain {
			if q, args := searchCount(f.Search); q != "" {
				return tx.QueryRowContext(ctx, q, args...).Scan(&n)
			}
		}
		_, where, args := listQuery(f)
		return tx.QueryRowContext(ctx, `SELECT count(*) FROM inspections i `+where, args...).Scan(&n)
	})
	return n, err
}

// listQuery is the FROM and WHERE of a list. A search is answered by the
// search indexes, once per query (SQLite keeps the hits in a temporary
// index); the list's order is then walked until a page of hits went by: a
// common term meets them within the first entries, a rare one passes
// index entries only, never the inspections themselves. Sorting every hit
// instead cost as much as the hits, 10,000 for "PO".
func listQuery(f inspection.Filter) (from, where string, args []any) {
	conds, args := listConds(f)
	from = "inspections i"
	if c, a := searchCond(f.Search); c != "" {
		conds = append(conds, c)
		args = append(args, a...)
		from = "inspections i INDEXED BY inspections_list"
	}
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	return from, where, args
}

// productLabel is how lists name a product: "HB-4471 — Ceramic mug".
func productLabel(sku, desc string) string {
	switch {
	case sku == "":
		return desc
	case desc == "":
		return sku
	}
	return sku + " — " + desc
}

// listConds builds the filter but the search. From and To are calendar
// days in their own time zone, both included.
func listConds(f inspection.Filter) ([]string, []any) {
	var conds []string
	var args []any
	if f.SupplierID != inspection.NilID {
		conds = append(conds, `i.supplier_id = ?`)
		args = append(args, f.SupplierID.String())
	}
	if f.Verdict != "" {
		conds = append(conds, `i.verdict = ?`)
		args = append(args, string(f.Verdict))
	}
	if f.Status != "" {
		conds = append(conds, `i.status = ?`)
		args = append(args, string(f.Status))
	}
	if !f.From.IsZero() {
		conds = append(conds, `i.date >= ?`)
		args = append(args, encTime(startOfDay(f.From)))
	}
	if !f.To.IsZero() {
		conds = append(conds, `i.date <> '' AND i.date < ?`)
		args = append(args, encTime(startOfDay(f.To).AddDate(0, 0, 1)))
	}
	return conds, args
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}
