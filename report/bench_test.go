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

// BenchmarkLongText times reports whose first defect description is 10k,
// 40k and 80k characters (printed three times: defect list, comparison and
// photo annex) and reports each one's cost above a report with a one-word
// description, as a ratio to the 10k cost. Linear layout gives 4× and 8×;
// the quadratic one this replaced gave about 30× and 105× (3.0 s, 90 s and
// 314 s). The fastest of b.N runs counts, as the machine's other load only
// ever adds time; run with -benchtime 10x or more.
func BenchmarkLongText(b *testing.B) {
	sizes := []int{0, 10_000, 40_000, 80_000}
	f := newFixture(b, 0, 320, 240)
	texts := make([]string, len(sizes))
	for i, n := range sizes {
		texts[i] = "Scratch"
		for len(texts[i]) < n {
			texts[i] += " scratch"
		}
	}
	out := filepath.Join(b.TempDir(), "long.pdf")
	fastest := make([]time.Duration, len(sizes))
	b.ResetTimer()
	for range b.N {
		for i, s := range texts {
			f.d.Findings[0].Description = s
			runtime.GC() // no size pays for the garbage of the one before
			t0 := time.Now()
			if _, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now}); err != nil {
				b.Fatal(err)
			}
			if d := time.Since(t0); fastest[i] == 0 || d < fastest[i] {
				fastest[i] = d
			}
		}
	}
	above := func(i int) float64 { return (fastest[i] - fastest[0]).Seconds() }
	for i, name := range []string{"ms/base", "ms/10k", "ms/40k", "ms/80k"} {
		b.ReportMetric(fastest[i].Seconds()*1000, name)
	}
	b.ReportMetric(above(2)/above(1), "40k/10k")
	b.ReportMetric(above(3)/above(1), "80k/10k")
}
