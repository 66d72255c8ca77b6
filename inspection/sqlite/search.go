package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"unicode"
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
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_search (rowid, body) VALUES (?, ?)`, seq, fold(strings.Join(doc, "\n")))
	return err
}

// reindexAll rebuilds every search document, for the migration that began
// storing them folded.
func reindexAll(ctx context.Context, tx *sql.Tx) error {
	ids, err := inspectionIDs(ctx, tx, `SELECT id FROM inspections`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := reindex(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

func inspectionIDs(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]inspection.ID, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []inspection.ID
	for rows.Next() {
		var x inspection.ID
		if err := rows.Scan(&x); err != nil {
			return nil, err
		}
		ids = append(ids, x)
	}
	return ids, rows.Err()
}

// fold is the one form in which search compares text: every character
// becomes the smallest of those it equals under Unicode's simple case
// folding ("É" and "é" meet, and "K", "k" and the Kelvin sign), and
// control characters become spaces. Documents are stored folded and terms
// are folded the same way, so what matches does not depend on the script,
// on the term's length, or on the index's own notion of case.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsControl(r) {
			b.WriteByte(' ')
			continue
		}
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
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
	ids, err := inspectionIDs(ctx, tx, `SELECT id FROM inspections WHERE `+col+` = ?`, id.String())
	if err != nil {
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
// the Chinese supplier name): instr on the folded document decides. Terms
// of three characters or more also go to the trigram index, which narrows
// the documents first (folding is per character, so it never drops one
// that instr would keep); each is quoted as an FTS5 string, so FTS syntax in
// the input ("foo* OR (") is searched for literally instead of failing.
// Shorter terms are below what a trigram index can answer: instr alone
// scans the documents.
func searchCond(search string) (string, []any) {
	terms := strings.Fields(fold(search))
	if len(terms) == 0 {
		return "", nil
	}
	var phrases, conds []string
	var args []any
	for _, term := range terms {
		if utf8.RuneCountInString(term) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(term, `"`, `""`)+`"`)
		}
	}
	if len(phrases) > 0 {
		conds = append(conds, `inspection_search MATCH ?`)
		args = append(args, strings.Join(phrases, " AND "))
	}
	for _, term := range terms {
		conds = append(conds, `instr(body, ?) > 0`)
		args = append(args, term)
	}
	return `i.seq IN (SELECT rowid FROM inspection_search WHERE ` + strings.Join(conds, " AND ") + `)`, args
}
