package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"

	"github.com/loupeqc/loupe/inspection"
)

// reindex rebuilds the search document of an inspection: its header (report
// number, POs, parties in both scripts, product, inspector, comments) and
// every finding, in the caller's transaction so the index never disagrees
// with the data.
func reindex(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	var seq int64
	var pos []string
	var parts [12]string
	err := tx.QueryRowContext(ctx, `
		SELECT i.seq, i.report_no, i.pos, i.inspector, i.comments, i.recommendation,
			coalesce(c.name, ''), coalesce(s.name, ''), coalesce(s.name_local, ''),
			coalesce(f.name, ''), coalesce(f.name_local, ''), coalesce(p.sku, ''),
			coalesce(p.description, ''), i.type
		FROM inspections i
		LEFT JOIN clients c ON c.id = i.client_id
		LEFT JOIN suppliers s ON s.id = i.supplier_id
		LEFT JOIN factories f ON f.id = i.factory_id
		LEFT JOIN products p ON p.id = i.product_id
		WHERE i.id = ?`, id.String()).Scan(&seq, &parts[0], jsonCol{&pos}, &parts[1], &parts[2], &parts[3],
		&parts[4], &parts[5], &parts[6], &parts[7], &parts[8], &parts[9], &parts[10], &parts[11])
	if err == sql.ErrNoRows {
		return notFound(id)
	} else if err != nil {
		return err
	}
	doc := append(parts[:], pos...)
	findings, err := queryFindings(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, f := range findings {
		doc = append(doc, f.Description, f.Location)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM inspection_search WHERE rowid = ?`, seq); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_search (rowid, body) VALUES (?, ?)`, seq, strings.Join(doc, "\n"))
	return err
}

// unindex drops an inspection's search document before the row goes.
func unindex(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	_, err := tx.ExecContext(ctx, `
		DELETE FROM inspection_search WHERE rowid = (SELECT seq FROM inspections WHERE id = ?)`, id.String())
	return err
}

// reindexWhere rebuilds the documents of the inspections whose column col
// refers to id, after a party or product they show was renamed.
func reindexWhere(ctx context.Context, tx *sql.Tx, col string, id inspection.ID) error {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM inspections WHERE `+col+` = ?`, id.String())
	if err != nil {
		return err
	}
	var ids []inspection.ID
	for rows.Next() {
		var x inspection.ID
		if err := rows.Scan(&x); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, x)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, x := range ids {
		if err := reindex(ctx, tx, x); err != nil {
			return err
		}
	}
	return nil
}

// searchCond turns user input into a filter on inspections i. Every
// whitespace-separated term must occur somewhere in the inspection, as a
// substring, case-insensitively ("scratc" finds "scratch", "明途家居" finds
// the Chinese supplier name). Each term is quoted as an FTS5 string, so
// FTS syntax in the input ("foo* OR (") is searched for literally instead of
// failing. Terms under three characters are below what the trigram index
// can answer and fall back to LIKE, which scans the index table.
func searchCond(search string) (string, []any) {
	var phrases, conds []string
	var args []any
	for _, term := range strings.Fields(search) {
		if utf8.RuneCountInString(term) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(term, `"`, `""`)+`"`)
			continue
		}
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_search WHERE body LIKE ? ESCAPE '\')`)
		args = append(args, "%"+likeEscaper.Replace(term)+"%")
	}
	if len(phrases) > 0 {
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_search WHERE inspection_search MATCH ?)`)
		args = append(args, strings.Join(phrases, " AND "))
	}
	return strings.Join(conds, " AND "), args
}

var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
