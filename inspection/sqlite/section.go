package sqlite

import (
	"context"
	"database/sql"
	"slices"

	"github.com/loupeqc/loupe/inspection"
)

// PutSection inserts or replaces the result of one section and refreshes the
// inspection's verdict.
func (db *DB) PutSection(ctx context.Context, s *inspection.Section) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := putSection(ctx, tx, s); err != nil {
			return err
		}
		return refreshVerdict(ctx, tx, s.InspectionID)
	})
}

func putSection(ctx context.Context, tx *sql.Tx, s *inspection.Section) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if !fresh(ctx, s.InspectionID) {
		if err := writable(ctx, tx, s.InspectionID); err != nil {
			return err
		}
	}
	r := row{table: "sections", entity: "section", inspectionID: s.InspectionID, entityID: string(s.Kind),
		where: "inspection_id = ? AND kind = ?", args: []any{s.InspectionID.String(), string(s.Kind)}}
	return upsert(ctx, tx, stored{row: r, key: sectionKey, cols: sectionColumns,
		vals: []any{s.InspectionID.String(), string(s.Kind), string(s.Result), s.Notes}})
}

var (
	sectionKey     = []string{"inspection_id", "kind"}
	sectionColumns = []string{"inspection_id", "kind", "result", "notes"}
)

// Sections lists an inspection's section results in report order.
func (db *DB) Sections(ctx context.Context, inspectionID inspection.ID) ([]inspection.Section, error) {
	var out []inspection.Section
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = querySections(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func querySections(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.Section, error) {
	rows, err := tx.QueryContext(ctx, `SELECT inspection_id, kind, result, notes FROM sections WHERE inspection_id = ? ORDER BY kind`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.Section
	for rows.Next() {
		var s inspection.Section
		if err := rows.Scan(&s.InspectionID, &s.Kind, &s.Result, &s.Notes); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	inReportOrder(out)
	return out, nil
}

// inReportOrder sorts sections read in kind order into the report's order.
func inReportOrder(sections []inspection.Section) {
	slices.SortStableFunc(sections, func(a, b inspection.Section) int { return reportOrder(a.Kind) - reportOrder(b.Kind) })
}

// reportOrder ranks a section kind by its place in the report; unknown kinds
// go last.
func reportOrder(k inspection.SectionKind) int {
	if i := slices.Index(inspection.Sections, k); i >= 0 {
		return i
	}
	return len(inspection.Sections)
}

const checklistCols = `id, inspection_id, section, position, text, result, notes`

// PutChecklistItem inserts or replaces a checklist item.
func (db *DB) PutChecklistItem(ctx context.Context, c *inspection.ChecklistItem) error {
	return db.write(ctx, func(tx *sql.Tx) error { return putChecklistItem(ctx, tx, c) })
}

func putChecklistItem(ctx context.Context, tx *sql.Tx, c *inspection.ChecklistItem) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if err := claimed(ctx, tx, "checklist_items", "checklist item", c.ID, c.InspectionID); err != nil {
		return err
	}
	return upsert(ctx, tx, stored{row: recordOf("checklist_items", "checklist_item", c.InspectionID, c.ID), key: idKey, cols: checklistColumns,
		vals: []any{c.ID.String(), c.InspectionID.String(), string(c.Section), c.Position, c.Text, string(c.Result), c.Notes}})
}

var checklistColumns = columns(checklistCols)

// DeleteChecklistItem removes a checklist item.
func (db *DB) DeleteChecklistItem(ctx context.Context, id inspection.ID) error {
	return db.deleteChild(ctx, "checklist_items", "checklist item", "", id, nil)
}

// Checklist lists an inspection's checklist items by position.
func (db *DB) Checklist(ctx context.Context, inspectionID inspection.ID) ([]inspection.ChecklistItem, error) {
	var out []inspection.ChecklistItem
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryChecklist(ctx, tx, inspectionID)
		return err
	})
	return out, err
}

func queryChecklist(ctx context.Context, tx *sql.Tx, inspectionID inspection.ID) ([]inspection.ChecklistItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+checklistCols+` FROM checklist_items WHERE inspection_id = ? ORDER BY position, id`, inspectionID.String())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inspection.ChecklistItem
	for rows.Next() {
		var c inspection.ChecklistItem
		if err := rows.Scan(&c.ID, &c.InspectionID, &c.Section, &c.Position, &c.Text, &c.Result, &c.Notes); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
