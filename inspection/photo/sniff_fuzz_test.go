package photo

import (
	"bytes"
	"context"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// FuzzSniff runs any bytes through what an import does before it trusts a
// file: signature, header, JPEG frame scan, memory estimate and, for small
// images, the decode. Nothing may panic, every refusal must be a user error
// that names the file, and the estimate must cover at least the pixels.
// The seeds run in every `go test`; `go test -fuzz FuzzSniff` explores.
func FuzzSniff(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.*")
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil && !strings.HasSuffix(p, ".py") && !strings.HasSuffix(p, ".txt") {
			f.Add(b)
		}
	}
	good := encodeTestJPEG(f, quadrants(40, 30))
	var gifBuf bytes.Buffer
	gif.Encode(&gifBuf, quadrants(16, 8), nil)
	for _, b := range [][]byte{
		nil, good, good[:len(good)/2], good[:3], gifBuf.Bytes(), pngHeader(20000, 20000), pngHeader(3, 2),
		withEXIF(good, exifAPP1(6, "2026:09:14 09:00:00")),
		append([]byte{0, 0, 0, 0x18}, "ftypheic\x00\x00\x00\x00mif1heic"...),
		[]byte("RIFF\x24\x01\x00\x00WEBPVP8X\x0a\x00\x00\x00\x02\x00\x00\x00"),
		[]byte("\xff\xd8\xff\xc9\x00\x0b\x08\x00\x08\x00\x08\x01\x01\x11\x00"),
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const name = "fuzz.jpg"
		head := data[:min(len(data), headSize)]
		format, err := sniff(name, head)
		if err != nil {
			userError(t, err)
			return
		}
		r := bytes.NewReader(data)
		cfg, err := checkConfig(name, r, format)
		if err != nil {
			userError(t, err)
			return
		}
		frame := readJPEGFrame(bytes.NewReader(data))
		cost := decodeCost(cfg, format, head, frame)
		px := int64(cfg.Width) * int64(cfg.Height)
		if cost < px || cost <= 0 {
			t.Fatalf("estimate %d bytes for %d×%d pixels", cost, cfg.Width, cfg.Height)
		}
		if px > 1<<20 {
			return // a valid header may claim 100 MP: decoding it is not the point here
		}
		img, err := decode(context.Background(), name, r, format)
		if err != nil {
			userError(t, err)
			return
		}
		if b := img.Bounds(); b.Dx() != cfg.Width || b.Dy() != cfg.Height {
			t.Fatalf("header says %d×%d, decoded %v", cfg.Width, cfg.Height, b)
		}
		render(img, readMetadata(r, format).orientation)
	})
}

func userError(t *testing.T, err error) {
	t.Helper()
	if inspection.ErrorCode(err) != inspection.EINVALID || !strings.Contains(err.Error(), "fuzz.jpg") {
		t.Fatalf("refusal %q (code %v) is not a user error naming the file", err, inspection.ErrorCode(err))
	}
}
