package report

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestBudgetsTakeOneOrTwoEncodes writes one report under budgets from
// roomy to impossible: every file that can fit does, the photos shrink no
// more than needed, no photo is encoded more than twice (the samples that
// predict the size are decoded once more, and counted), and the note says
// the resolution and quality actually used.
func TestBudgetsTakeOneOrTwoEncodes(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 20, 1600, 1200)
	uses := len(planPhotos(f.d, partAll))
	dir := t.TempDir()
	free, err := Write(context.Background(), f.d, f.photos, filepath.Join(dir, "free.pdf"), Options{Now: now, MaxBytes: 1 << 30})
	if err != nil {
		t.Fatal(err)
	}
	if free.DPI != bestQuality.dpi || free.Note(1<<30) != "" {
		t.Fatalf("with room to spare: %.0f dpi, note %q", free.DPI, free.Note(1<<30))
	}
	for _, share := range []float64{0.9, 0.6, 0.35, 0.2, 0.05} {
		t.Run(fmt.Sprintf("%.0f%%", share*100), func(t *testing.T) {
			budget := int64(float64(free.Size) * share)
			photoEncodes.Store(0)
			res, err := Write(context.Background(), f.d, f.photos, filepath.Join(t.TempDir(), "r.pdf"), Options{Now: now, MaxBytes: budget})
			if err != nil {
				t.Fatal(err)
			}
			if n := photoEncodes.Load(); n > int64(2*uses+samplesPerSet) {
				t.Errorf("%d encodes for %d photos: more than two each", n, uses)
			}
			note := res.Note(budget)
			used := fmt.Sprintf("%g dpi, JPEG quality %d", res.DPI, res.Quality)
			for _, file := range res.Files {
				if file.Size > budget && !res.OverBudget {
					t.Errorf("%s is %d bytes over a %d budget, not flagged", file.Path, file.Size, budget)
				}
			}
			switch {
			case res.OverBudget:
				if !strings.Contains(note, used) || !strings.Contains(note, "over the") {
					t.Errorf("over budget, note %q does not say %q", note, used)
				}
				if strings.Contains(note, "smallest") != (res.DPI == floorQuality.dpi && res.Quality == floorQuality.jpeg) {
					t.Errorf("note %q calls %s the smallest wrongly", note, used)
				}
			case res.DPI < bestQuality.dpi || res.Quality < bestQuality.jpeg:
				if !strings.Contains(note, used) {
					t.Errorf("shrunk, note %q does not say %q", note, used)
				}
			}
			t.Logf("budget %d: %d bytes in %d files, %s, split %v, over %v, %d encodes; %s", budget, res.Size, len(res.Files), used, res.Split, res.OverBudget, photoEncodes.Load(), note)
		})
	}
}
