package sqlite_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// fakePhotos stands in for the photo store: rows only, no files.
type fakePhotos struct{}

func (fakePhotos) Prepare(_ context.Context, path string) (inspection.Photo, error) {
	sum := sha256.Sum256([]byte(path))
	return inspection.Photo{SHA256: hex.EncodeToString(sum[:]), Ext: ".jpg", OriginalName: filepath.Base(path),
		Width: 2048, Height: 1536, Size: 1 << 20}, nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkMergeGenerated writes generated inspections through Merge and
// reports findings per second of wall and of CPU time.
func BenchmarkMergeGenerated(b *testing.B) {
	db := openAt(b, filepath.Join(b.TempDir(), "loupe.db"))
	write := func(ctx context.Context, ds []*inspection.Dossier) error {
		_, err := db.MergeAll(sqlite.Bulk(ctx), ds)
		return err
	}
	b.ResetTimer()
	c0 := cpuTime()
	g, err := demo.Many(ctx, db, write, fakePhotos{}, nil, demo.HandMade+200*b.N, nil)
	if err != nil {
		b.Fatal(err)
	}
	cpu := cpuTime() - c0
	b.ReportMetric(float64(g.Findings)/g.Elapsed.Seconds(), "findings/s")
	b.ReportMetric(float64(g.Findings)/cpu.Seconds(), "findings/cpu-s")
}

// BenchmarkGenerateOnly is BenchmarkMergeGenerated without the store: the
// cost of making the dossiers.
func BenchmarkGenerateOnly(b *testing.B) {
	db := openAt(b, filepath.Join(b.TempDir(), "loupe.db"))
	n := 0
	write := func(ctx context.Context, ds []*inspection.Dossier) error {
		for _, d := range ds {
			n += len(d.Findings)
		}
		return nil
	}
	c0 := cpuTime()
	g, err := demo.Many(ctx, db, write, fakePhotos{}, nil, demo.HandMade+200*b.N, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/(cpuTime()-c0).Seconds(), "findings/cpu-s")
	b.ReportMetric(float64(n)/g.Elapsed.Seconds(), "findings/s")
}
