package sqlite

import (
	"context"
	"database/sql"
	"maps"
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
	seq, body, err := document(ctx, tx, id, findings)
	if err != nil {
		return err
	}
	if err := dropDocument(ctx, tx, seq); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_search (rowid, body) VALUES (?, ?)`, seq, body); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO inspection_grams (rowid, grams) VALUES (?, ?)`, seq, grams(body))
	return err
}

// document builds an inspection's search document, folded, each line
// once, and returns the seq it is stored under.
func document(ctx context.Context, tx *sql.Tx, id inspection.ID, findings []inspection.Finding) (int64, string, error) {
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
		return 0, "", notFound(id)
	} else if err != nil {
		return 0, "", err
	}
	doc := append(parts[:], pos...)
	for _, f := range findings {
		doc = append(doc, f.Description, f.Location)
	}
	return seq, fold(strings.Join(distinct(doc), "\n")), nil
}

// distinct drops repeated and empty lines: fifty findings repeat a dozen
// descriptions and locations, and whether a term occurs does not depend
// on how often (no term spans two lines: they are joined by a space once
// folded). The index and every search read less.
func distinct(lines []string) []string {
	seen := make(map[string]bool, len(lines))
	out := lines[:0:0]
	for _, l := range lines {
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	return out
}

// dropDocument removes the search document numbered seq from both indexes.
func dropDocument(ctx context.Context, tx *sql.Tx, seq int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM inspection_search WHERE rowid = ?`, seq); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM inspection_grams WHERE rowid = ?`, seq)
	return err
}

// reindexAll rebuilds every search document, for the migration that began
// storing them folded (schema 6, before the grams index existed: it writes
// the trigram index only; schema 8 builds the grams from these documents).
func reindexAll(ctx context.Context, tx *sql.Tx) error {
	ids, err := inspectionIDs(ctx, tx, `SELECT id FROM inspections`)
	if err != nil {
		return err
	}
	for _, id := range ids {
		findings, err := queryFindings(ctx, tx, id)
		if err != nil {
			return err
		}
		seq, body, err := document(ctx, tx, id, findings)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM inspection_search WHERE rowid = ?`, seq); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO inspection_search (rowid, body) VALUES (?, ?)`, seq, body); err != nil {
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
// each word of a folded document, as tokens the index stores as they are:
// "g" and the hex of the gram's UTF-8, so punctuation and CJK survive
// FTS5's ASCII tokenizer. UTF-8 is prefix-free, so no pair's token equals
// another gram's. A term of one or two characters (never a space) occurs in
// the document exactly when its token is among these.
func grams(folded string) string {
	seen := map[string]struct{}{}
	// A document repeats its words (one product, a few defects, many
	// findings): a word's grams are gathered once.
	words := map[string]struct{}{}
	for word := range strings.FieldsSeq(folded) {
		if _, done := words[word]; done {
			continue
		}
		words[word] = struct{}{}
		prev := -1
		for i := 0; i < len(word); {
			_, w := utf8.DecodeRuneInString(word[i:])
			seen[word[i:i+w]] = struct{}{}
			if prev >= 0 {
				seen[word[prev:i+w]] = struct{}{}
			}
			prev, i = i, i+w
		}
	}
	// Hex keeps the order of the bytes it encodes, prefixes included, so
	// the grams sorted give their tokens sorted.
	sorted := slices.Sorted(maps.Keys(seen))
	out := make([]byte, 0, len(sorted)*8)
	for i, g := range sorted {
		if i > 0 {
			out = append(out, ' ')
		}
		out = appendGramToken(out, g)
	}
	return string(out)
}

func appendGramToken(dst []byte, g string) []byte {
	const digits = "0123456789abcdef"
	dst = append(dst, 'g')
	for i := 0; i < len(g); i++ {
		dst = append(dst, digits[g[i]>>4], digits[g[i]&15])
	}
	return dst
}

func gramToken(g string) string { return string(appendGramToken(nil, g)) }

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

// searchTerms splits user input, folded, into terms for the two indexes.
// Every whitespace-separated term must occur somewhere in the inspection,
// as a substring, case-insensitively ("scratc" finds "scratch", "明途家居"
// the Chinese supplier name, "划痕" a Chinese defect word), and each is
// answered by an index, never by reading every document: three characters
// or more by the trigram index, each term quoted as an FTS5 string so FTS
// syntax in the input ("foo* OR (") is searched for literally; one or two
// characters by the grams index. Both are exact: they index the folded
// document without folding it again (the trigram index is case-sensitive
// since schema 9), so no document is read to confirm a match.
func searchTerms(search string) (long, short []string) {
	for _, term := range strings.Fields(fold(search)) {
		if utf8.RuneCountInString(term) >= 3 {
			long = append(long, term)
		} else {
			short = append(short, term)
		}
	}
	return long, short
}

// trigramMatch is the FTS5 expression for long terms.
func trigramMatch(long []string) string {
	phrases := make([]string, len(long))
	for i, t := range long {
		phrases[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(phrases, " AND ")
}

// gramMatch is the grams index's expression for short terms.
func gramMatch(short []string) string {
	tokens := make([]string, len(short))
	for i, t := range short {
		tokens[i] = gramToken(t)
	}
	return strings.Join(tokens, " AND ")
}

// searchCond filters inspections i by a search, from the indexes alone.
func searchCond(search string) (string, []any) {
	long, short := searchTerms(search)
	var conds []string
	var args []any
	if len(long) > 0 {
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_search WHERE inspection_search MATCH ?)`)
		args = append(args, trigramMatch(long))
	}
	if len(short) > 0 {
		conds = append(conds, `i.seq IN (SELECT rowid FROM inspection_grams WHERE inspection_grams MATCH ?)`)
		args = append(args, gramMatch(short))
	}
	return strings.Join(conds, " AND "), args
}

// searchCount counts a search's hits from the indexes; "" when the search
// has no term.
func searchCount(search string) (string, []any) {
	long, short := searchTerms(search)
	var q string
	var args []any
	if len(long) > 0 {
		q = `SELECT rowid FROM inspection_search WHERE inspection_search MATCH ?`
		args = append(args, trigramMatch(long))
	}
	if len(short) > 0 {
		if q != "" {
			q += ` INTERSECT `
		}
		q += `SELECT rowid FROM inspection_grams WHERE inspection_grams MATCH ?`
		args = append(args, gramMatch(short))
	}
	if q == "" {
		return "", nil
	}
	return `SELECT count(*) FROM (` + q + `)`, args
}
