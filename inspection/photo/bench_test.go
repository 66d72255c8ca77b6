package photo

import (
	"context"
	"fmt"
	"image"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"
)

const benchPhotos = 100

// cameraLike renders a 12 MP (4000×3000) frame with smooth shapes and sensor
// noise, which compresses like a real photo (about 3.7 MB at q90).
func cameraLike() *image.RGBA {
	const w, h = 4000, 3000
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(1, 2))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			n := float64(rng.IntN(24))
			i := img.PixOffset(x, y)
			img.Pix[i] = uint8(128 + 60*math.Sin(float64(x)/97) + n)
			img.Pix[i+1] = uint8(128 + 60*math.Sin(float64(y)/71) + n)
			img.Pix[i+2] = uint8(128 + 50*math.Sin(float64(x+y)/130) + n)
			img.Pix[i+3] = 0xff
		}
	}
	return img
}

// benchFiles writes benchPhotos distinct camera files: one encoded frame,
// each copy with its own EXIF (capture second; every other one shot in
// portrait, orientation 6, as phones do), so none is a duplicate.
func benchFiles(b *testing.B) []string {
	dir := b.TempDir()
	jpg := encodeTestJPEG(b, cameraLike())
	paths := make([]string, benchPhotos)
	for i := range paths {
		o := 1
		if i%2 == 1 {
			o = 6
		}
		taken := fmt.Sprintf("2026:09:14 10:%02d:%02d", i/60, i%60)
		paths[i] = writeFile(b, dir, fmt.Sprintf("IMG_%04d.JPG", i), withEXIF(jpg, exifAPP1(o, taken)))
	}
	return paths
}

// BenchmarkImport imports 100 12-megapixel JPEGs (hash, original copy, EXIF,
// decode, working copy, thumbnail, fsyncs, database rows) and, when
// ImageMagick is installed, runs `convert -auto-orient -thumbnail 2048x2048`
// on the same files with the same number of parallel processes.
// x-vs-imagemagick above 1 means Loupe is faster.
func BenchmarkImport(b *testing.B) {
	paths := benchFiles(b)
	var loupe time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		im, _, insp := newImporter(b)
		b.StartTimer()
		start := time.Now()
		for _, r := range im.ImportAll(context.Background(), insp, paths, nil) {
			if r.Err != nil || r.Duplicate {
				b.Fatalf("%s: %v (duplicate %v)", r.File, r.Err, r.Duplicate)
			}
		}
		loupe += time.Since(start)
	}
	b.StopTimer()
	perRun := loupe / time.Duration(b.N)
	b.ReportMetric(float64(benchPhotos)/perRun.Seconds(), "photos/s")
	if _, err := exec.LookPath("convert"); err != nil {
		b.Log("ImageMagick's convert is not installed: no comparison")
		return
	}
	magick := imageMagick(b, paths)
	b.ReportMetric(float64(benchPhotos)/magick.Seconds(), "imagemagick-photos/s")
	b.ReportMetric(magick.Seconds()/perRun.Seconds(), "x-vs-imagemagick")
}

func imageMagick(b *testing.B, paths []string) time.Duration {
	out := b.TempDir()
	work := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range runtime.NumCPU() {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				dst := filepath.Join(out, fmt.Sprintf("%d.jpg", i))
				if msg, err := exec.Command("convert", paths[i], "-auto-orient", "-thumbnail", "2048x2048", dst).CombinedOutput(); err != nil {
					b.Errorf("convert %s: %v: %s", paths[i], err, msg)
				}
			}
		}()
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	elapsed := time.Since(start)
	if _, err := os.Stat(filepath.Join(out, "0.jpg")); err != nil {
		b.Errorf("ImageMagick wrote nothing: %v", err)
	}
	return elapsed
}
