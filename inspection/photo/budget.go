package photo

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"runtime"

	"golang.org/x/sync/semaphore"
)

// DecodeBudget bounds the memory all imports of the process may hold in
// decoded pixels at once, so a batch of huge images cannot exhaust a laptop
// whatever its core count: one 16-bit 100-megapixel PNG needs about 0.95 GB
// and runs alone; 12-megapixel camera JPEGs (about 80 MB each) run one per
// core. An image whose estimate exceeds the budget runs alone.
const DecodeBudget = 1 << 30

// decodeBudget is shared by every Importer and Rebuild: memory is the
// process's, not a batch's.
var decodeBudget = newBudget(DecodeBudget)

// budget is a weighted semaphore of bytes. Waiters are served in order, so a
// huge image is not starved by a stream of small ones.
type budget struct {
	size int64
	sem  *semaphore.Weighted
}

func newBudget(size int64) *budget { return &budget{size: size, sem: semaphore.NewWeighted(size)} }

// bigImage is the estimate above which the heap is collected as soon as
// the image is done: the garbage collector would otherwise let garbage grow
// to the size of the live heap before collecting, doubling the peak.
const bigImage = 64 << 20

// acquire blocks until cost bytes are free (all of them when cost exceeds
// the budget) or ctx ends, and returns the release.
func (b *budget) acquire(ctx context.Context, cost int64) (func(), error) {
	n := min(max(cost, 1), b.size)
	if err := b.sem.Acquire(ctx, n); err != nil {
		return nil, err
	}
	return func() {
		b.sem.Release(n)
		if cost > bigImage {
			runtime.GC()
		}
	}, nil
}

// decodeCost estimates the most memory decoding and rendering an image
// takes, from its header: the decoded pixels, the decoder's own buffers, the
// halving steps of shrink (a third more than one RGBA half-size image
// series, 4/3 bytes per source pixel) and the working copy with its turned
// copy. Estimates err on the high side.
func decodeCost(cfg image.Config, f format, head []byte, frame jpegFrame) int64 {
	px := int64(cfg.Width) * int64(cfg.Height)
	work := min(px, WorkingEdge*WorkingEdge) * 4 * 2
	return px*decodedBytesPerPixel(cfg, f, head, frame) + px*4/3 + work
}

// decodedBytesPerPixel is what Go's decoders allocate per pixel for the
// format.
func decodedBytesPerPixel(cfg image.Config, f format, head []byte, frame jpegFrame) int64 {
	switch f {
	case formatWebP:
		// The header's colour model does not say whether the bitstream is
		// lossless, whose decoder holds NRGBA pixels and a transform buffer.
		return 8
	case formatGIF:
		return 1
	}
	bpp := int64(4)
	switch cfg.ColorModel {
	case color.GrayModel:
		bpp = 1
	case color.Gray16Model:
		bpp = 2
	case color.YCbCrModel:
		bpp = 3 // 4:4:4; subsampled JPEGs take less
	case color.CMYKModel:
		bpp = 8 // YCbCr planes and black, then the CMYK image
	case color.RGBA64Model, color.NRGBA64Model:
		bpp = 8
	}
	if _, ok := cfg.ColorModel.(color.Palette); ok {
		bpp = 1
	}
	switch {
	case f == formatPNG && len(head) > 28 && bytes.HasPrefix(head[12:16], []byte("IHDR")) && head[28] == 1:
		bpp *= 2 // Adam7: each pass is decoded, then merged into the image
	case f == formatJPEG && frame.marker == sof2:
		// A progressive JPEG keeps every DCT coefficient (an int32 per
		// pixel per component) until the last scan.
		bpp += 4 * 3
	}
	return bpp
}
