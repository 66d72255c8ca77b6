package sqlite_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/loupeqc/loupe/inspection"
)

// contains is the promise of search, written independently of the store:
// term occurs in text, character by character equal under Unicode simple
// case folding, within one run of text between control characters.
func contains(text, term string) bool {
	want := []rune(term)
	for _, seg := range strings.FieldsFunc(text, unicode.IsControl) {
		have := []rune(seg)
	window:
		for i := 0; i+len(want) <= len(have); i++ {
			for j, r := range want {
				if !strings.EqualFold(string(have[i+j]), string(r)) {
					continue window
				}
			}
			return true
		}
	}
	return false
}

// matches says whether every term of search occurs in one of the texts.
func matches(texts []string, search string) bool {
	for _, term := range strings.FieldsFunc(search, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		if !slices.ContainsFunc(texts, func(t string) bool { return contains(t, term) }) {
			return false
		}
	}
	return true
}

// searchable is what a test inspection holds that search looks at.
func searchable(in *inspection.Inspection, fs []inspection.Finding) []string {
	texts := append([]string{in.ReportNo, in.Inspector, in.Comments, in.Recommendation, string(in.Type)}, in.POs...)
	for _, f := range fs {
		texts = append(texts, f.Description, f.Location)
	}
	return texts
}

// FuzzSearch: whatever the inspector types, and whatever a finding says
// (bundles bring any text), a search never fails and finds exactly the
// inspections that hold every term.
func FuzzSearch(f *testing.F) {
	db := open(f)
	fx := seed(f, db)
	fixed := map[inspection.ID][]string{}
	for i, text := range []string{"Crème brûlée ÉCLAIR", "明途家居用品 宁波", "100%_done back\\slash \"quoted\" foo* OR ( NEAR", "Kelvin \u212a and \u017f long s, İstanbul ß"} {
		in := newInspection(fx, "LP-FZ-"+string(rune('A'+i)), day(2026, 4, 1+i))
		in.SupplierID, in.FactoryID, in.ClientID, in.ProductID, in.GoldenSampleID = inspection.NilID, inspection.NilID, inspection.NilID, inspection.NilID, inspection.NilID
		in.Comments = text
		must(f, db.PutInspection(f.Context(), in))
		fixed[in.ID] = searchable(in, nil)
	}
	target := newInspection(fx, "LP-FZ-T", day(2026, 5, 1))
	target.SupplierID, target.FactoryID, target.ClientID, target.ProductID, target.GoldenSampleID = inspection.NilID, inspection.NilID, inspection.NilID, inspection.NilID, inspection.NilID
	must(f, db.PutInspection(f.Context(), target))
	finding := inspection.Finding{ID: inspection.NewID(), InspectionID: target.ID, Class: inspection.Minor, Quantity: 1}
	// seed's own inspection has parties and a product, whose names search
	// looks at too: only the inspections made here are compared.
	for _, s := range [][2]string{
		{"Glaze scratch", "SCRATCH"}, {"Glaze scratch", "scr zz"}, {"Crème", "CRÈME"}, {"É", "é"},
		{"straße", "STRASSE"}, {"Kelvin K", "\u212a"}, {"a\x00b", "a b"}, {"a\x00b", "a\x00b"},
		{"100%_done", "%_"}, {"x", "%"}, {"back\\slash", "\\s"}, {`"quoted"`, `"quo`}, {`a""b`, `""`},
		{"明途家居用品", "家居"}, {"İstanbul", "i̇s"}, {"emoji 😀😀", "😀"}, {"\xff\xfeabc", "\xffab"},
		{"foo* OR (", "foo* OR ("}, {"NEAR(a b)", "NEAR(a"}, {"", "   "}, {"x", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, text, search string) {
		if len(text) > 4096 || len(search) > 512 {
			return
		}
		finding.Description = text
		if err := db.PutFinding(t.Context(), &finding); err != nil {
			if inspection.ErrorCode(err) == inspection.EINVALID {
				return // not a finding the store keeps
			}
			t.Fatalf("finding %q: %v", text, err)
		}
		got, err := db.ListInspections(t.Context(), inspection.Filter{Search: search})
		if err != nil {
			t.Fatalf("search %q: %v", search, err)
		}
		found := map[inspection.ID]bool{}
		for _, s := range got {
			found[s.ID] = true
		}
		docs := map[inspection.ID][]string{target.ID: searchable(target, []inspection.Finding{finding})}
		for id, texts := range fixed {
			docs[id] = texts
		}
		for id, texts := range docs {
			if want := matches(texts, search); found[id] != want {
				t.Errorf("search %q: inspection %s (%q) found=%v, want %v", search, id, texts, found[id], want)
			}
		}
	})
}

// TestSearchDocumentsFoldedOnUpgrade: a database from before folded search
// documents gets them rebuilt when it is opened.
func TestSearchDocumentsFoldedOnUpgrade(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	db := openAt(t, path)
	fx := seed(t, db)
	fx.in.Comments = "éclair"
	must(t, db.PutInspection(ctx, fx.in))
	must(t, db.Close())
	rawDB(t, path, `UPDATE inspection_search SET body = 'éclair'`, `PRAGMA user_version = 5`)
	db = openAt(t, path)
	got, err := db.ListInspections(ctx, inspection.Filter{Search: "ÉCL"})
	must(t, err)
	if len(got) != 1 {
		t.Errorf("search after the upgrade found %d inspections, want 1", len(got))
	}
}
