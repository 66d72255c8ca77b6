package report

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"os"
	"sort"

	"github.com/loupeqc/loupe/inspection"
)

// A report over its size budget used to be rendered whole, then again with
// smaller photos, then split: up to four encodes of every photo. Now the
// photo bytes are predicted first, cheaply: every working copy's file size
// and pixel count (headers only), scaled by what a few of them measure
// when encoded for print at the quality in question. The report is then
// rendered once at the quality the prediction chose, and at most once more
// if the prediction missed.

// samplesPerSet is how many photos are encoded to learn how a set of
// photos compresses: their decoding is the one extra cost of predicting.
const samplesPerSet = 4

// sizing predicts the bytes a part's photos take in the PDF.
type sizing struct {
	ctx     context.Context
	photos  []sized
	samples []sample
	rho     map[quality]float64 // print bytes per working byte per pixel kept, measured
}

type sized struct {
	use
	bytes float64 // working copy's file size
	w, h  int     // working copy's pixels
}

// sample is a photo kept decoded, so each quality costs it a resize and an
// encode, the same the render does, but not a second decode.
type sample struct {
	i    int
	src  image.Image
	made map[quality][]byte
}

func newSizing(ctx context.Context, uses []use, paths map[inspection.ID]string) (*sizing, error) {
	s := &sizing{ctx: ctx, rho: map[quality]float64{}}
	for _, u := range uses {
		st, err := os.Stat(paths[u.photo.ID])
		if err != nil {
			return nil, err
		}
		w, h, err := jpegSize(paths[u.photo.ID])
		if err != nil {
			return nil, err
		}
		s.photos = append(s.photos, sized{use: u, bytes: float64(st.Size()), w: w, h: h})
	}
	return s, nil
}

func jpegSize(path string) (int, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	cfg, _, err := image.DecodeConfig(bufio.NewReader(f))
	if err != nil {
		return 0, 0, fmt.Errorf("read %s: %w", path, err)
	}
	return cfg.Width, cfg.Height, nil
}

// kept is the share of a photo's working pixels printed at q.
func (p sized) kept(q quality) float64 {
	if p.w <= 0 || p.h <= 0 {
		return 1
	}
	tw, th := pixels(p.w, p.h, p.box, q.dpi)
	return float64(tw*th) / float64(p.w*p.h)
}

// upperBound is a prediction no real photo set exceeds by much: bytes
// shrink more slowly than pixels (detail per pixel grows), never faster
// than with the square root of the pixels kept. It tells the many
// reports far under budget to skip predicting.
func (s *sizing) upperBound(q quality) float64 {
	total := 0.0
	for _, p := range s.photos {
		total += p.bytes * math.Sqrt(math.Min(p.kept(q), 1))
	}
	return total
}

// predict is the photos' bytes at q, from the samples encoded at q.
func (s *sizing) predict(q quality, paths map[inspection.ID]string) (float64, error) {
	rho, err := s.measure(q, paths)
	if err != nil {
		return 0, err
	}
	total := 0.0
	for _, p := range s.photos {
		total += p.bytes * math.Min(p.kept(q), 1) * rho
	}
	return total, nil
}

// measure encodes the samples at q (decoding them the first time) and
// returns their print bytes per working byte per share of pixels kept.
func (s *sizing) measure(q quality, paths map[inspection.ID]string) (float64, error) {
	if rho, ok := s.rho[q]; ok {
		return rho, nil
	}
	if s.samples == nil {
		if err := s.pickSamples(paths); err != nil {
			return 0, err
		}
	}
	var made, expected float64
	for _, smp := range s.samples {
		if err := s.ctx.Err(); err != nil {
			return 0, err
		}
		p := s.photos[smp.i]
		b, err := smp.encode(p.box, q)
		if err != nil {
			return 0, err
		}
		made += float64(len(b))
		expected += p.bytes * math.Min(p.kept(q), 1)
	}
	rho := made / math.Max(expected, 1)
	s.rho[q] = rho
	return rho, nil
}

// pickSamples takes photos spread over the set, the largest prints first
// among equals, and decodes them at their best print size.
func (s *sizing) pickSamples(paths map[inspection.ID]string) error {
	idx := make([]int, len(s.photos))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s.photos[idx[a]].bytes > s.photos[idx[b]].bytes })
	n := min(samplesPerSet, len(idx))
	s.samples = []sample{}
	for k := range n {
		i := idx[k*len(idx)/max(n, 1)]
		src, err := decodeWorking(paths[s.photos[i].photo.ID])
		if err != nil {
			return err
		}
		s.samples = append(s.samples, sample{i: i, src: src, made: map[quality][]byte{}})
	}
	return nil
}

// encode makes the sample's print bytes at q: exactly the bytes the
// render makes of it at q.
func (smp *sample) encode(b box, q quality) ([]byte, error) {
	if data, ok := smp.made[q]; ok {
		return data, nil
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, resizeForPrint(smp.src, b, q), &jpeg.Options{Quality: q.jpeg}); err != nil {
		return nil, err
	}
	smp.made[q] = buf.Bytes()
	return buf.Bytes(), nil
}

// made lists the samples' encodes at q, which the render reuses.
func (s *sizing) made(q quality) map[inspection.ID][]byte {
	out := map[inspection.ID][]byte{}
	for _, smp := range s.samples {
		if b, ok := smp.made[q]; ok {
			out[s.photos[smp.i].photo.ID] = b
		}
	}
	return out
}

// toward is the quality that makes photo bytes about ratio times what q
// makes: bytes follow pixels, the square of the resolution; below 110 dpi
// the JPEG quality drops first (about 0.7 times the bytes), so text on
// labels stays readable. Never above from nor below the floor.
func toward(from quality, ratio float64) quality {
	switch {
	case ratio >= 1:
		return from
	case !(ratio > 0): // no room at all, or NaN
		return floorQuality
	}
	next := quality{dpi: from.dpi * math.Sqrt(ratio), jpeg: from.jpeg}
	if next.dpi < 110 && from.jpeg > 60 {
		next = quality{dpi: from.dpi * math.Sqrt(ratio/0.7), jpeg: 60}
	}
	next.dpi = math.Round(math.Max(floorQuality.dpi, math.Min(next.dpi, from.dpi)))
	if next.dpi == floorQuality.dpi {
		next.jpeg = floorQuality.jpeg
	}
	return next
}

// choose returns the best quality whose predicted photo bytes fit in room,
// or the floor, and whether it fits.
func (s *sizing) choose(room float64, paths map[inspection.ID]string) (quality, bool, error) {
	if !(room > 0) {
		return floorQuality, false, nil
	}
	q := bestQuality
	for range 4 {
		bytes, err := s.predict(q, paths)
		if err != nil {
			return q, false, err
		}
		if bytes <= room {
			return q, true, nil
		}
		if q == floorQuality {
			return q, false, nil
		}
		q = toward(q, 0.97*room/bytes)
	}
	bytes, err := s.predict(q, paths)
	return q, err == nil && bytes <= room, err
}

// decodeWorking decodes a working copy, as encodePhoto does.
func decodeWorking(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	src, _, err := image.Decode(f)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", path, err)
	}
	return src, nil
}
