package report

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkReport60Photos times a report with 60 photos against the bare
// image pipeline (decode, resize, encode of the same photos on the same
// workers, no PDF) and reports the ratio. The photos stand for 12-megapixel
// camera shots; the report only ever reads working copies (upright, long
// edge 2048 px, made at import), so those are what is generated here.
func BenchmarkReport60Photos(b *testing.B) {
	f := newFixture(b, 55, 2048, 1536) // 5 fixture photos + 55 = 60
	uses := planPhotos(f.d, partAll)
	paths := map[string]string{}
	for _, u := range uses {
		p, _ := f.photos.Working(u.photo)
		paths[u.photo.ID.String()] = p
	}
	out := filepath.Join(b.TempDir(), "bench.pdf")
	var report, bare time.Duration
	var size int64
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
		if err != nil {
			b.Fatal(err)
		}
		report += time.Since(t0)
		size = res.Size

		t1 := time.Now()
		barePipeline(b, uses, paths)
		bare += time.Since(t1)
	}
	n := float64(b.N)
	b.ReportMetric(report.Seconds()/n, "s/report")
	b.ReportMetric(bare.Seconds()/n, "s/bare")
	b.ReportMetric(report.Seconds()/bare.Seconds(), "ratio")
	b.ReportMetric(float64(size)/(1<<20), "MB")
	os.Remove(out)
}

// barePipeline is the floor the report is measured against: every photo
// decoded, resized to its printed size and encoded, in parallel, no PDF.
func barePipeline(b *testing.B, uses []use, paths map[string]string) {
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.NumCPU())
	for _, u := range uses {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if _, err := encodePhoto(paths[u.photo.ID.String()], u.box, bestQuality); err != nil {
				b.Error(err)
			}
		}()
	}
	wg.Wait()
}
