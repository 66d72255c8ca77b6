package report

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // working copies are JPEG; PNG is accepted in case a caller hands one
	"math"
	"runtime"
	"sync"
	"sync/atomic"

	"golang.org/x/image/draw"

	"github.com/loupeqc/loupe/inspection"
)

// quality is how photos are encoded for print.
type quality struct {
	dpi  float64
	jpeg int
}

// Encoding settings, best first. 150 dpi is sharp at arm's length; the budget
// loop steps down towards the floor when the file is too big.
var (
	bestQuality  = quality{dpi: 150, jpeg: 75}
	floorQuality = quality{dpi: 72, jpeg: 50}
)

// pixels is the image size that prints a w×h photo into b at dpi.
func pixels(w, h int, b box, dpi float64) (int, int) {
	mmPerPx := math.Min(b.w/float64(w), b.h/float64(h))
	tw := int(math.Ceil(float64(w) * mmPerPx / 25.4 * dpi))
	if tw >= w {
		return w, h
	}
	th := max(1, int(math.Round(float64(h)*float64(tw)/float64(w))))
	return tw, th
}

// photoEncodes counts encodePhoto's work, for the tests that hold a report
// to one or two encodes per photo.
var photoEncodes atomic.Int64

// encodePhoto reads a working copy and re-encodes it for a box at q. It is
// the whole per-photo cost of a report; the benchmark times it alone too.
func encodePhoto(path string, b box, q quality) ([]byte, error) {
	photoEncodes.Add(1)
	src, err := decodeWorking(path)
	if err != nil {
		return nil, err
	}
	dst := resizeForPrint(src, b, q)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: q.jpeg}); err != nil {
		return nil, fmt.Errorf("encode %s: %w", path, err)
	}
	return buf.Bytes(), nil
}

// resizeForPrint makes the image that prints src into b at q's resolution.
func resizeForPrint(src image.Image, b box, q quality) *image.RGBA {
	sb := src.Bounds()
	tw, th := pixels(sb.Dx(), sb.Dy(), b, q.dpi)
	dst := image.NewRGBA(image.Rect(0, 0, tw, th))
	if tw == sb.Dx() && th == sb.Dy() {
		draw.Draw(dst, dst.Bounds(), src, sb.Min, draw.Src)
	} else {
		if ycc, ok := src.(*image.YCbCr); ok && sb.Dx()/tw >= 2 {
			// A box average by the whole factor first: a tenth of the cost
			// of a wide kernel over the full image, and just as free of moiré.
			src = boxShrink(ycc, sb.Dx()/tw)
			sb = src.Bounds()
		}
		// BiLinear widens its kernel when shrinking, so fine texture
		// (fabric, brushed steel) does not turn into moiré.
		draw.BiLinear.Scale(dst, dst.Bounds(), src, sb, draw.Src, nil)
	}
	return dst
}

// boxShrink averages k×k blocks of luma (chroma is sampled at the block's
// centre: it is subsampled and smooth already) into an RGBA image.
func boxShrink(src *image.YCbCr, k int) *image.RGBA {
	b := src.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	n := k * k
	for oy := range h {
		sy := b.Min.Y + oy*k
		for ox := range w {
			sx := b.Min.X + ox*k
			sum := 0
			for y := sy; y < sy+k; y++ {
				row := src.Y[src.YOffset(sx, y):]
				for x := range k {
					sum += int(row[x])
				}
			}
			ci := src.COffset(sx+k/2, sy+k/2)
			r, g, bl := color.YCbCrToRGB(uint8((sum+n/2)/n), src.Cb[ci], src.Cr[ci])
			i := dst.PixOffset(ox, oy)
			dst.Pix[i], dst.Pix[i+1], dst.Pix[i+2], dst.Pix[i+3] = r, g, bl, 255
		}
	}
	return dst
}

// prepared is one photo ready to register with the PDF.
type prepared struct {
	id   inspection.ID
	data []byte
	err  error
}

// pipeline prepares photos on NumCPU workers in the order the pages need
// them. A window caps how many finished photos wait for the writer, so memory
// holds at most one batch of decoded images, however many photos there are.
type pipeline struct {
	uses    []use
	results []chan prepared
	window  chan struct{}
	next    int
	cancel  context.CancelFunc
	wg      sync.WaitGroup
}

// encoder makes a photo's bytes for the PDF.
type encoder func(u use) ([]byte, error)

// encodeAt encodes every photo from its working copy at q, except those
// already made (keyed by photo) at that quality.
func encodeAt(paths map[inspection.ID]string, q quality, made map[inspection.ID][]byte) encoder {
	return func(u use) ([]byte, error) {
		if b, ok := made[u.photo.ID]; ok {
			return b, nil
		}
		return encodePhoto(paths[u.photo.ID], u.box, q)
	}
}

func startPipeline(ctx context.Context, uses []use, encode encoder) *pipeline {
	ctx, cancel := context.WithCancel(ctx)
	workers := runtime.NumCPU()
	p := &pipeline{
		uses:    uses,
		results: make([]chan prepared, len(uses)),
		window:  make(chan struct{}, 2*workers),
		cancel:  cancel,
	}
	for i := range p.results {
		p.results[i] = make(chan prepared, 1)
	}
	jobs := make(chan int)
	p.wg.Add(1)
	go func() { // feeder: hands out jobs in order while the window has room
		defer p.wg.Done()
		defer close(jobs)
		for i := range uses {
			select {
			case p.window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	for range workers {
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			for i := range jobs {
				u := uses[i]
				r := prepared{id: u.photo.ID}
				if r.err = ctx.Err(); r.err == nil {
					r.data, r.err = encode(u)
				}
				p.results[i] <- r
			}
		}()
	}
	return p
}

// take returns the next photo in plan order, waiting for it if needed.
func (p *pipeline) take(ctx context.Context) (prepared, bool, error) {
	if p.next >= len(p.uses) {
		return prepared{}, false, nil
	}
	select {
	case r := <-p.results[p.next]:
		p.next++
		<-p.window
		return r, true, nil
	case <-ctx.Done():
		return prepared{}, false, ctx.Err()
	}
}

// stop cancels outstanding work and waits for the workers to exit.
func (p *pipeline) stop() {
	p.cancel()
	p.wg.Wait()
}
