package sqlite_test

import (
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

func TestSearch(t *testing.T) {
	db := open(t)
	f := seed(t, db)
	must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID,
		Class: inspection.Minor, Quantity: 1, Description: "Glaze scratch", Location: "handle"}))

	// A second inspection of another supplier that must not match.
	other := inspection.Supplier{ID: inspection.NewID(), Name: "Foshan Ceramics", NameLocal: "佛山陶瓷有限公司"}
	must(t, db.PutSupplier(ctx, &other))
	in2 := newInspection(f, "LP-2026-0099", day(2026, 3, 9))
	in2.SupplierID, in2.FactoryID, in2.POs = other.ID, inspection.NilID, []string{"PO-55"}
	must(t, db.PutInspection(ctx, in2))

	for _, tc := range []struct {
		search string
		want   []inspection.ID
	}{
		{"scratch", []inspection.ID{f.in.ID}},         // a word of a finding
		{"scratc", []inspection.ID{f.in.ID}},          // prefix
		{"SCRATCH handle", []inspection.ID{f.in.ID}},  // case, several terms
		{"scratch 佛山", nil},                           // all terms must match
		{"明途家居", []inspection.ID{f.in.ID}},            // Chinese supplier substring
		{"明途二厂", []inspection.ID{f.in.ID}},            // Chinese factory name
		{"陶瓷", []inspection.ID{in2.ID}},               // two Chinese characters
		{"PO-88124", []inspection.ID{f.in.ID}},        // a PO
		{"LP-2026-0099", []inspection.ID{in2.ID}},     // report number
		{"HB-4471", []inspection.ID{in2.ID, f.in.ID}}, // SKU, newest first
		{"mug", []inspection.ID{in2.ID, f.in.ID}},     // product description
		{"Li", []inspection.ID{in2.ID, f.in.ID}},      // short term
		{"nothing-like-this", nil},
		{`"foo* OR (`, nil}, // FTS syntax is searched literally
		{`%`, nil},
		{`_`, nil},
		{"   ", []inspection.ID{in2.ID, f.in.ID}},
	} {
		t.Run(tc.search, func(t *testing.T) {
			got, err := db.ListInspections(ctx, inspection.Filter{Search: tc.search})
			if err != nil {
				t.Fatalf("search %q: %v", tc.search, err)
			}
			if !sameIDs(got, tc.want) {
				t.Errorf("search %q = %v, want %v", tc.search, ids(got), tc.want)
			}
		})
	}

	// Whatever FTS5 would make of these, searching for them must not fail.
	for _, hostile := range []string{`AND`, `OR NOT`, `NEAR(a b) ^x "`, `*`, `col:val`, `"unterminated`, `a"b"c`, `\'); DROP TABLE inspections; --`} {
		if _, err := db.ListInspections(ctx, inspection.Filter{Search: hostile}); err != nil {
			t.Errorf("search %q: %v", hostile, err)
		}
	}

	// Renaming a supplier updates the index of its inspections.
	other.NameLocal = "景德镇瓷器厂"
	must(t, db.PutSupplier(ctx, &other))
	for search, n := range map[string]int{"佛山陶瓷": 0, "景德镇": 1} {
		got, err := db.ListInspections(ctx, inspection.Filter{Search: search})
		must(t, err)
		if len(got) != n {
			t.Errorf("after rename, %q finds %d, want %d", search, len(got), n)
		}
	}
}

func ids(list []inspection.Summary) []inspection.ID {
	var out []inspection.ID
	for _, s := range list {
		out = append(out, s.ID)
	}
	return out
}

func sameIDs(list []inspection.Summary, want []inspection.ID) bool {
	got := ids(list)
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
