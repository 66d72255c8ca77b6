package demo_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// TestSeedIsRealisticAndIdempotent seeds a real database twice: the second
// run adds nothing, and the data set has what the issue promises: five
// inspections with a pass, a fail and a pending verdict, PSI, DUPRO and a
// re-inspection, Chinese names, samples per product, and searchable defects.
func TestSeedIsRealisticAndIdempotent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	im := &photo.Importer{Store: db, Files: photo.Files{Dir: filepath.Join(dir, "photos")}}
	first, err := demo.Seed(ctx, db, im, nil)
	if err != nil {
		t.Fatal(err)
	}
	second, err := demo.Seed(ctx, db, im, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Skipped != len(first.Inspections) || second.Photos != 0 {
		t.Errorf("second run: %+v; want every inspection skipped and no photo added", second)
	}
	list, err := db.ListInspections(ctx, inspection.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 5 {
		t.Fatalf("%d inspections, want 5", len(list))
	}
	verdicts, types := map[inspection.Verdict]int{}, map[inspection.Type]int{}
	for _, s := range list {
		verdicts[s.Verdict]++
		types[s.Type]++
	}
	if verdicts[inspection.VerdictPass] == 0 || verdicts[inspection.VerdictFail] == 0 || verdicts[inspection.VerdictPending] == 0 {
		t.Errorf("verdicts %v; want at least one pass, fail and pending", verdicts)
	}
	if types[inspection.PSI] == 0 || types[inspection.DUPRO] == 0 {
		t.Errorf("types %v; want PSI and DUPRO", types)
	}
	reinspections := 0
	for _, id := range first.Inspections {
		in, err := db.Inspection(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if in.ReinspectionOf != inspection.NilID {
			reinspections++
		}
		if in.Status == inspection.Finalized {
			if _, err := db.Manifest(ctx, id); err != nil {
				t.Errorf("finalized demo inspection %s has no manifest: %v", in.ReportNo, err)
			}
		}
	}
	if reinspections == 0 {
		t.Error("no re-inspection in the demo")
	}
	suppliers, _ := db.Suppliers(ctx)
	chinese := 0
	for _, s := range suppliers {
		if s.NameLocal != "" {
			chinese++
		}
	}
	if len(suppliers) < 3 || chinese == 0 {
		t.Errorf("%d suppliers, %d with a local name; want ≥3 and ≥1", len(suppliers), chinese)
	}
	products, _ := db.Products(ctx)
	for _, p := range products {
		samples, _ := db.Samples(ctx, p.ID)
		kinds := map[inspection.SampleKind]int{}
		for _, s := range samples {
			kinds[s.Kind]++
		}
		if kinds[inspection.Golden] < 1 || kinds[inspection.Boundary] < 2 {
			t.Errorf("product %s samples %v; want a golden and two boundary", p.SKU, kinds)
		}
	}
	found, err := db.ListInspections(ctx, inspection.Filter{Search: "crack"})
	if err != nil || len(found) == 0 {
		t.Errorf("search for a defect word: %d results, %v", len(found), err)
	}
}
