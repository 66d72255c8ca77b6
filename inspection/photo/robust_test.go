package photo

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestValidButUnsupportedFilesAreNamed: valid files of kinds Go's decoders
// lack are not called damaged (copying them again would not help): the
// message says what the file is and how to convert it.
func TestValidButUnsupportedFilesAreNamed(t *testing.T) {
	im, db, insp := newImporter(t)
	for _, c := range []struct{ file, is, do string }{
		{"testdata/animated.webp", "is an animated WebP", "export the frame that shows the defect as JPEG or PNG"},
		{"testdata/arithmetic.jpg", "is an arithmetic-coded JPEG", "save it as a standard 8-bit JPEG"},
		{"testdata/twelve-bit.jpg", "is a 12-bit JPEG", "save it as a standard 8-bit JPEG"},
	} {
		r := im.ImportFile(context.Background(), insp, c.file)
		if r.Err == nil {
			t.Errorf("%s imported", c.file)
			continue
		}
		msg := r.Err.Error()
		if !strings.Contains(msg, filepath.Base(c.file)) || !strings.Contains(msg, c.is) || !strings.Contains(msg, c.do) {
			t.Errorf("%s: %q, want it to name the file, say it %s and to %s", c.file, msg, c.is, c.do)
		}
		if strings.Contains(msg, "damaged") || strings.Contains(msg, "copy it again") {
			t.Errorf("%s: %q calls a valid file damaged", c.file, msg)
		}
	}
	if photos, _ := db.Photos(context.Background(), insp); len(photos) != 0 {
		t.Errorf("%d rows for refused files", len(photos))
	}
}

func TestJPEGVariantWords(t *testing.T) {
	for _, c := range []struct {
		frame jpegFrame
		want  string
	}{
		{jpegFrame{marker: sof0, precision: 8}, ""},
		{jpegFrame{marker: sof2, precision: 8}, ""},
		{jpegFrame{marker: sof1, precision: 12}, "12-bit JPEG"},
		{jpegFrame{marker: sof3, precision: 16}, "lossless JPEG"},
		{jpegFrame{marker: 0xC5, precision: 8}, "hierarchical JPEG"},
		{jpegFrame{marker: sof9, precision: 8}, "arithmetic-coded JPEG"},
		{jpegFrame{marker: 0xCA, precision: 8}, "arithmetic-coded JPEG"},
		{jpegFrame{marker: 0xCB, precision: 8}, "lossless JPEG"},
		{jpegFrame{}, ""},
	} {
		if got := jpegVariant(c.frame); (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("marker %X precision %d: %q, want %q", c.frame.marker, c.frame.precision, got, c.want)
		}
	}
}

// distinctJPEG is a small JPEG whose content differs by seed.
func distinctJPEG(t testing.TB, seed int) []byte {
	img := quadrants(64, 48)
	for y := range 8 {
		for x := range 8 {
			img.Pix[y*img.Stride+x*4] = uint8(20 * seed)
		}
	}
	return encodeTestJPEG(t, img)
}

// TestLinkedFoldersAreWalked: a folder given through a link is walked, as
// are links inside it, and a link back up the tree does not loop.
func TestLinkedFoldersAreWalked(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	writeFile(t, dir, "real/IMG_0001.JPG", distinctJPEG(t, 1))
	writeFile(t, dir, "real/sub/IMG_0002.JPG", distinctJPEG(t, 2))
	writeFile(t, dir, "other/IMG_0003.JPG", distinctJPEG(t, 3))
	writeFile(t, dir, "loose/IMG_0004.JPG", distinctJPEG(t, 4))
	links := [][2]string{
		{filepath.Join(dir, "real"), filepath.Join(dir, "card")},
		{filepath.Join(dir, "other"), filepath.Join(dir, "real", "more")},
		{filepath.Join(dir, "real"), filepath.Join(dir, "real", "sub", "up")},
		{filepath.Join(dir, "loose", "IMG_0004.JPG"), filepath.Join(dir, "real", "IMG_0005.JPG")},
	}
	for _, l := range links {
		if err := os.Symlink(l[0], l[1]); err != nil {
			t.Skipf("cannot make links here: %v", err)
		}
	}
	results := im.ImportAll(context.Background(), insp, []string{filepath.Join(dir, "card")}, nil)
	var got []string
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%s: %v", r.File, r.Err)
		}
		rel, _ := filepath.Rel(dir, r.File)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"card/IMG_0001.JPG", "card/IMG_0005.JPG", "card/more/IMG_0003.JPG", "card/sub/IMG_0002.JPG"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("imported %q, want %q (links followed, the loop walked once, paths as given)", got, want)
	}
}

// TestCancelWhileWaitingForMemory: an import waiting for its share of the
// decode budget stops when cancelled, records nothing and leaves no
// temporary file.
func TestCancelWhileWaitingForMemory(t *testing.T) {
	im, db, insp := newImporter(t)
	saved := decodeBudget
	decodeBudget = newBudget(8 << 20)
	t.Cleanup(func() { decodeBudget = saved })
	release, err := decodeBudget.acquire(context.Background(), 8<<20) // all of it
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	dir := t.TempDir()
	var paths []string
	for i := range 3 {
		paths = append(paths, writeFile(t, dir, "IMG_000"+string(rune('1'+i))+".JPG", distinctJPEG(t, i)))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan []Result)
	go func() { done <- im.ImportAll(ctx, insp, paths, nil) }()
	select {
	case r := <-done:
		t.Fatalf("imported without memory to decode in: %+v", r)
	case <-time.After(300 * time.Millisecond):
	}
	cancel()
	var results []Result
	select {
	case results = <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the import did not stop after cancellation")
	}
	for _, r := range results {
		if !errors.Is(r.Err, context.Canceled) || !strings.Contains(r.Err.Error(), "cancelled") {
			t.Errorf("%s: %v, want a cancellation", r.File, r.Err)
		}
	}
	if photos, _ := db.Photos(context.Background(), insp); len(photos) != 0 {
		t.Errorf("%d rows after a cancelled import", len(photos))
	}
	assertNoTempFiles(t, im.Files.Dir)
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

// bigPNG is a 16-bit w×h PNG (8 bytes a pixel decoded) that compresses
// well, so it is quick to write and read.
func bigPNG(t testing.TB, w, h int) []byte {
	img := image.NewNRGBA64(image.Rect(0, 0, w, h))
	for y := range h {
		c := color.NRGBA64{uint16(y * 30), uint16(65535 - y*20), 20000, 65535}
		for x := range w {
			img.SetNRGBA64(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// peakHeap runs f and returns the most heap it held above what was in use
// before, sampled every 2 ms.
func peakHeap(f func()) uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base, peak := ms.HeapInuse, ms.HeapInuse
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapInuse)
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak - base
}

// TestDecodingStaysWithinBudget imports four large 16-bit PNGs on four
// workers. With a budget that holds one of them, the heap's high-water mark
// stays within the budget plus slack; with no budget it does not, which
// shows the measurement can fail.
func TestDecodingStaysWithinBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("decodes four 6-megapixel 16-bit PNGs three times")
	}
	data := bigPNG(t, 3000, 2000)
	dir := t.TempDir()
	var paths []string
	for i := range 4 {
		// Bytes after IEND make the files differ without a second encode.
		paths = append(paths, writeFile(t, dir, "scan"+string(rune('1'+i))+".png", append(append([]byte{}, data...), byte(i))))
	}
	f, err := os.Open(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	src, err := inspect(context.Background(), f, "scan1.png")
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	saved := decodeBudget
	t.Cleanup(func() { decodeBudget = saved })
	run := func(budget int64) uint64 {
		im, db, insp := newImporter(t)
		im.Workers = 4
		decodeBudget = newBudget(budget)
		peak := peakHeap(func() {
			for _, r := range im.ImportAll(context.Background(), insp, paths, nil) {
				if r.Err != nil {
					t.Fatal(r.Err)
				}
			}
		})
		if photos, _ := db.Photos(context.Background(), insp); len(photos) != 4 {
			t.Fatalf("%d photos imported, want 4", len(photos))
		}
		return peak
	}
	const slack = 24 << 20 // database, JPEG encoders, file buffers
	budget := src.cost * 5 / 4
	bounded := run(budget)
	unbounded := run(1 << 40)
	t.Logf("estimate %d MB per image; peak heap %d MB with a %d MB budget, %d MB without",
		src.cost>>20, bounded>>20, budget>>20, unbounded>>20)
	if bounded > uint64(budget)+slack {
		t.Errorf("peak heap %d MB, over the %d MB budget plus %d MB slack", bounded>>20, budget>>20, slack>>20)
	}
	if unbounded <= uint64(budget)+slack {
		t.Errorf("without a budget the peak was only %d MB: the test cannot tell a bound from none", unbounded>>20)
	}
}

// TestKoreanLabelsAreDrawn: a Hangul label on a photo is drawn in the
// Korean font: two different syllables give different pixels, where
// missing glyphs would both be the same empty box.
func TestKoreanLabelsAreDrawn(t *testing.T) {
	draw := func(s string) *image.RGBA {
		img := image.NewRGBA(image.Rect(0, 0, 120, 60))
		label(img, pt{10, 10}, s, 24, color.Black)
		return img
	}
	for _, pair := range [][2]string{{"경", "첩"}, {"ヒ", "ン"}, {"划", "痕"}} {
		if bytes.Equal(draw(pair[0]).Pix, draw(pair[1]).Pix) {
			t.Errorf("%s and %s draw the same pixels: a missing glyph", pair[0], pair[1])
		}
	}
}
