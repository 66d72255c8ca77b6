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

// TestManyIsRealisticAndIdempotent generates 40 inspections into a real
// database through Merge, the bulk path, twice: the second run writes
// nothing. The set spans suppliers, products and years, has about 50
// findings per inspection, shares a small pool of photo files by hash, and
// its finalized inspections are sealed and searchable in both scripts.
func TestManyIsRealisticAndIdempotent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "loupe.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	files := photo.Files{Dir: filepath.Join(dir, "photos")}
	write := func(ctx context.Context, ds []*inspection.Dossier) error {
		_, err := db.MergeAll(sqlite.Bulk(ctx), ds)
		return err
	}
	const n = demo.HandMade + 40
	first, err := demo.Many(ctx, db, write, files, nil, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	if first.Written != 40 || first.Skipped != 0 || first.Findings < 40*45 || first.Findings > 40*55 {
		t.Fatalf("first run: %+v", first)
	}
	second, err := demo.Many(ctx, db, write, files, nil, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	if second.Written != 0 || second.Skipped != 40 {
		t.Errorf("second run: %+v; want every inspection skipped", second)
	}

	list, err := db.ListInspections(ctx, inspection.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	suppliers, years, shas := map[inspection.ID]bool{}, map[int]bool{}, map[string]bool{}
	finalized := 0
	for _, s := range list {
		suppliers[s.SupplierID] = true
		years[s.Date.Year()] = true
		d, err := db.Dossier(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if s.Findings != len(d.Findings) || len(d.Measurements) == 0 || len(d.Photos) == 0 {
			t.Errorf("%s: %d findings listed, %d stored, %d measurements, %d photos", s.ReportNo, s.Findings, len(d.Findings), len(d.Measurements), len(d.Photos))
		}
		for _, p := range d.Photos {
			shas[p.SHA256] = true
		}
		if s.Status == inspection.Finalized {
			finalized++
			if _, err := db.Manifest(ctx, s.ID); err != nil {
				t.Errorf("%s is finalized without a manifest: %v", s.ReportNo, err)
			}
		}
	}
	if len(suppliers) < 20 || len(years) < 8 || finalized < 30 {
		t.Errorf("%d suppliers, %d years, %d finalized: not a career", len(suppliers), len(years), finalized)
	}
	if len(shas) > first.Photos {
		t.Errorf("%d distinct photo contents, but the pool has %d", len(shas), first.Photos)
	}
	for _, term := range []string{"划痕", "scratch", "Ningbo"} {
		hits, err := db.ListInspections(ctx, inspection.Filter{Search: term})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("search %q finds nothing in the generated set", term)
		}
	}
}
