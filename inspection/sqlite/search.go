package sqlite

import (
	"context"
	"database/sql"
	"encoding/hex"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loupeqc/loupe/inspection"
)

// reindex rebuilds the search document of an inspection: its header (report
// number, POs, parties in both scripts, product, inspector, comments) and
// every finding, in the caller's transaction so the index never disagrees
// with the data. The document is built once and goes into both indexes:
// trigrams for terms of three characters or more, grams for shorter ones.
func reindex(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	findings, err := queryFindings(ctx, tx, id)
	if err != nil {
		return err
	}
	return reindexWith(ctx, tx, id, findings)
}

// reindexWith is reindex with the inspection's findings already read.
func reindexWith(ctx context.Context, tx *sql.Tx, id inspection.ID, findings []inspection.Finding) error {
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
	for _, f := range findings {
		doc = append(doc, f.Description, f.Location)
	}
	return storeDocument(ctx, tx, seq, strings.Join(doc, "\n"))
}

// storeDocument replaces the search document numbered seq in both indexes.
func storeDocument(ctx context.Context, tx *sql.Tx, seq int64, body string) error {
	if err := dropDocument(ctx, tx, seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_search (rowid, body) VALUES (?, ?)`, seq, body); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO inspection_grams (rowid, grams) VALUES (?, ?)`, seq, grams(body))
	return err
}

func dropDocument(ctx context.Context, tx *sql.Tx, seq int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM inspection_search WHERE rowid = ?`, seq); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM inspection_grams WHERE rowid = ?`, seq)
	return err
}

// unindex drops an inspection's search document before the row goes.
func unindex(ctx context.Context, tx *sql.Tx, id inspection.ID) error {
	var seq int64
	err := tx.QueryRowContext(ctx, `SELECT seq FROM inspections WHERE id = ?`, id.String()).Scan(&seq)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	return dropDocument(ctx, tx, seq)
}

// grams lists every distinct character and pair of adjacent characters of
// each word of body, lower-cased, as tokens the index stores as they are:
// "g" and the hex of the gram's UTF-8, so punctuation and CJK survive
// FTS5's ASCII tokenizer. UTF-8 is prefix-free, so no pair's token equals
// another gram's.
func grams(body string) string {
	seen := map[string]struct{}{}
	for _, word := range strings.FieldsFunc(strings.ToLower(body), unicode.IsSpace) {
		prev := -1
		for i, r := range word {
			seen[word[i:i+utf8.RuneLen(r)]] = struct{}{}
			if prev >= 0 {
				seen[word[prev:i+utf8.RuneLen(r)]] = struct{}{}
			}
			prev = i
		}
	}
	tokens := make([]string, 0, len(seen))
	for g := range seen {
		tokens = append(tokens, gramToken(g))
	}
	slices.Sort(tokens)
	return strings.Join(tokens, " ")
}

func gramToken(g string) string { return "g" + hex.EncodeToString([]byte(g)) }

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

// searchTerms splits user input into the two indexes' queries. Every
// whitespace-separated term must occur somewhere in the inspection, as a
// substring, case-insensitively ("scratc" finds "scratch", "明途家居" the
// Chinese supplier name, "划痕" a Chinese defect word), and each is
// answered by an index, never by reading the documents: three characters
// or more by the trigram index, each term quoted as an FTS5 string so FTS
// syntax in the input ("foo* OR (") is searched for literally; one or two
// by the grams index. An empty expression means no term of that kind.
func searchTerms(search string) (trigram, gram string) {
	var phrases, short []string
	for _, term := range strings.Fields(search) {
		if utf8.RuneCountInString(term) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(term, `"`, `""`)+`"`)
			continue
		}
		short = append(short, gramToken(strings.ToLower(term)))
	}
	return strings.Join(phrases, " AND "), strings.Join(short, " AND ")
}

// searchCond filters inspections i by a search.
func searchCond(search string) (string, []any) {
	trigram, gram := searchTerms(search)
	var conds []string
	var args []any
	if trigram != "" {
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_search WHERE inspection_search MATCH ?)`)
		args = append(args, trigram)
	}
	if gram != "" {
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_grams WHERE inspection_grams MATCH ?)`)
		args = append(args, gram)
	}
	return strings.Join(conds, " AND "), args
}

// searchCount counts a search's hits from the indexes alone; "" when the
// search has no term.
func searchCount(search string) (string, []any) {
	trigram, gram := searchTerms(search)
	switch {
	case trigram != "" && gram != "":
		return `SELECT count(*) FROM (SELECT rowid FROM inspection_search WHERE inspection_search MATCH ?
			INTERSECT SELECT rowid FROM inspection_grams WHERE inspection_grams MATCH ?)`, []any{trigram, gram}
	case trigram != "":
		return `SELECT count(*) FROM inspection_search WHERE inspection_search MATCH ?`, []any{trigram}
	case gram != "":
		return `SELECT count(*) FROM inspection_grams WHERE inspection_grams MATCH ?`, []any{gram}
	}
	return "", nil
}
