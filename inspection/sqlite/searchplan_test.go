package sqlite

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestSearchUsesIndexesOnly reads SQLite's plan of the list query for
// every kind of term: each search table is entered through its full-text
// index (a MATCH) or one document at a time by its rowid, and no table or
// document is read row by row.
func TestSearchUsesIndexesOnly(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, search := range []string{"Li", "划痕", "P", "scratch", "明途家居", "PO scratch 划痕"} {
		f := inspection.Filter{Search: search, Limit: 50}
		from, where, args := listQuery(f)
		q := `SELECT i.id FROM ` + from + ` ` + where + ` ORDER BY i.date DESC, i.created_at DESC, i.id DESC LIMIT 50`
		plan := queryPlan(t, db, q, args...)
		text := strings.Join(plan, "\n")
		for _, line := range plan {
			switch {
			case strings.Contains(line, "inspection_search") || strings.Contains(line, "inspection_grams"):
				// :M is a MATCH, := a lookup of one document by its rowid
				if !strings.Contains(line, "VIRTUAL TABLE INDEX") || !strings.Contains(line, ":M") && !strings.Contains(line, ":=") {
					t.Errorf("%q: %q does not use the full-text index:\n%s", search, line, text)
				}
			case strings.HasPrefix(line, "SCAN") && !strings.Contains(line, "INDEX inspections_list"):
				t.Errorf("%q: %q reads a table row by row:\n%s", search, line, text)
			}
		}
		if strings.Contains(q, "LIKE") {
			t.Errorf("%q: the query uses LIKE", search)
		}
	}
}
