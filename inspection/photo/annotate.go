package photo

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"github.com/loupeqc/loupe/assets"
	"github.com/loupeqc/loupe/inspection"
)

// Annotated returns the image a report prints for p: the working copy
// itself when p has no marks, else a copy with the marks drawn, kept under
// annotated/<photo ID>-<hash of the layer>.jpg. The name changes with the
// marks, so an edited layer is never served stale, and the original and
// working copy are never touched.
func (f Files) Annotated(p inspection.Photo) (string, error) {
	return f.annotated(p, f.Working(p.SHA256), "")
}

// AnnotatedThumbnail is Annotated at thumbnail size, for the photo grid:
// the marks show there too, without decoding a working copy per cell.
func (f Files) AnnotatedThumbnail(p inspection.Photo) (string, error) {
	return f.annotated(p, f.Thumbnail(p.SHA256), "-thumb")
}

func (f Files) annotated(p inspection.Photo, base, suffix string) (string, error) {
	marks, err := inspection.ParseMarks(p.Annotations)
	if err != nil {
		return "", fmt.Errorf("photo %s: %w", p.OriginalName, err)
	}
	if len(marks) == 0 {
		return base, nil
	}
	sum := sha256.Sum256([]byte(p.SHA256 + "\n" + p.Annotations))
	dir := f.annotatedDir()
	layer := p.ID.String() + "-" + hex.EncodeToString(sum[:8])
	path := filepath.Join(dir, layer+suffix+".jpg")
	defer contentLocks.lock(path)()
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	img, err := decodeFile(base)
	if err != nil {
		return "", fmt.Errorf("photo %s cannot be annotated: %w", p.OriginalName, err)
	}
	out := Annotate(img, marks)
	if err := writeAtomic(path, func(w io.Writer) error { return encodeJPEG(w, out) }); err != nil {
		return "", err
	}
	removeStale(dir, p.ID, layer)
	return path, nil
}

// annotatedDir holds the renderings of annotation layers.
func (f Files) annotatedDir() string {
	return filepath.Join(filepath.Dir(filepath.Dir(filepath.Dir(f.Working("00")))), "annotated")
}

// removeStale deletes renderings of earlier versions of a photo's layer,
// keeping those of the current layer (keep: "<id>-<hash>"; "" keeps none).
func removeStale(dir string, id inspection.ID, keep string) {
	old, _ := filepath.Glob(filepath.Join(dir, id.String()+"-*.jpg"))
	for _, o := range old {
		if keep == "" || !strings.HasPrefix(filepath.Base(o), keep) {
			os.Remove(o)
		}
	}
}

func decodeFile(path string) (image.Image, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("its working copy is missing (%v): re-import the photo", err)
	}
	defer file.Close()
	img, _, err := image.Decode(bufio.NewReader(file))
	if err != nil {
		return nil, fmt.Errorf("its working copy %s is damaged (%v): re-import the photo", path, err)
	}
	return img, nil
}

// Stroke and label sizes are fractions of the image's long edge, so a mark
// looks the same on the 2048 px working copy and on a 600 px print.
const (
	strokeFrac = 0.008
	textFrac   = 0.035
)

// Annotate returns a copy of img with the marks drawn over it: thick
// anti-aliased arrows, ellipses and labels, each with a thin white halo so a
// red mark still shows on a red or dark product. img is not changed.
func Annotate(img image.Image, marks []inspection.Mark) *image.RGBA {
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	w, h := float64(b.Dx()), float64(b.Dy())
	long := math.Max(w, h)
	sw := math.Max(2, strokeFrac*long)
	halo := color.NRGBA{255, 255, 255, 190}
	for _, m := range marks {
		r, g, bl := m.RGB()
		ink := color.RGBA{r, g, bl, 255}
		p1, p2 := pt{m.X1 * w, m.Y1 * h}, pt{m.X2 * w, m.Y2 * h}
		switch m.Kind {
		case inspection.MarkArrow:
			for _, part := range arrow(p1, p2, sw, sw*0.3) {
				fill(dst, [][]pt{part}, halo)
			}
			for _, part := range arrow(p1, p2, sw, 0) {
				fill(dst, [][]pt{part}, ink)
			}
		case inspection.MarkCircle:
			fill(dst, ellipse(p1, p2, sw+sw*0.6), halo)
			fill(dst, ellipse(p1, p2, sw), ink)
		case inspection.MarkText:
			label(dst, p1, m.Text, math.Max(12, textFrac*long), ink)
		}
	}
	return dst
}

type pt struct{ x, y float64 }

// arrow is the shaft as a quad and the head as a triangle, filled one at a
// time: their windings differ, and filled together the overlap would cancel.
// The shaft stops inside the head so the tip stays sharp. grow widens the
// outline evenly, for the halo.
func arrow(a, b pt, sw, grow float64) [][]pt {
	dx, dy := b.x-a.x, b.y-a.y
	l := math.Hypot(dx, dy)
	if l < 1 {
		return nil
	}
	ux, uy := dx/l, dy/l    // along
	nx, ny := -uy, ux       // across
	hl := math.Min(4*sw, l) // head length
	hw := 2.2 * sw          // head half-width
	base := pt{b.x - ux*(hl+grow), b.y - uy*(hl+grow)}
	end := pt{b.x - ux*hl*0.8, b.y - uy*hl*0.8}
	tip := pt{b.x + ux*grow*2.1, b.y + uy*grow*2.1} // the edges meet at about 29°
	s, w := sw/2+grow, hw+grow*1.6
	start := pt{a.x - ux*grow, a.y - uy*grow}
	shaft := []pt{{start.x + nx*s, start.y + ny*s}, {end.x + nx*s, end.y + ny*s}, {end.x - nx*s, end.y - ny*s}, {start.x - nx*s, start.y - ny*s}}
	head := []pt{tip, {base.x + nx*w, base.y + ny*w}, {base.x - nx*w, base.y - ny*w}}
	return [][]pt{shaft, head}
}

// ellipse is the ring inscribed in the box a–b: the outer outline one way,
// the inner the other, so the rasterizer leaves the middle clear.
func ellipse(a, b pt, sw float64) [][]pt {
	cx, cy := (a.x+b.x)/2, (a.y+b.y)/2
	rx, ry := math.Abs(b.x-a.x)/2, math.Abs(b.y-a.y)/2
	const n = 120
	outer, inner := make([]pt, n), make([]pt, n)
	for i := range n {
		t := 2 * math.Pi * float64(i) / n
		c, s := math.Cos(t), math.Sin(t)
		outer[i] = pt{cx + (rx+sw/2)*c, cy + (ry+sw/2)*s}
		ir, jr := math.Max(0, rx-sw/2), math.Max(0, ry-sw/2)
		inner[n-1-i] = pt{cx + ir*c, cy + jr*s}
	}
	return [][]pt{outer, inner}
}

// fill paints polygons with a rasterizer the size of their bounding box:
// one sized to the whole photo would clear 12 MB per mark.
func fill(dst *image.RGBA, polys [][]pt, c color.Color) {
	r := image.Rectangle{}
	for _, poly := range polys {
		for _, p := range poly {
			r = r.Union(image.Rect(int(math.Floor(p.x)), int(math.Floor(p.y)), int(math.Ceil(p.x))+1, int(math.Ceil(p.y))+1))
		}
	}
	r = r.Intersect(dst.Bounds())
	if r.Empty() {
		return
	}
	z := vector.NewRasterizer(r.Dx(), r.Dy())
	ox, oy := float64(r.Min.X), float64(r.Min.Y)
	for _, poly := range polys {
		if len(poly) < 3 {
			continue
		}
		z.MoveTo(float32(poly[0].x-ox), float32(poly[0].y-oy))
		for _, p := range poly[1:] {
			z.LineTo(float32(p.x-ox), float32(p.y-oy))
		}
		z.ClosePath()
	}
	z.Draw(dst, r, image.NewUniform(c), image.Point{})
}

var (
	fontsOnce  sync.Once
	labelFonts []*opentype.Font // Latin first, then the fallbacks in order
)

func fonts() []*opentype.Font {
	fontsOnce.Do(func() {
		for _, b := range [][]byte{assets.Sans, assets.CJKFont, assets.HangulFont} {
			if f, err := opentype.Parse(b); err == nil {
				labelFonts = append(labelFonts, f)
			}
		}
	})
	return labelFonts
}

// label writes text on a light box with its top-left corner at p, moved
// inside the image when it would run off an edge. Characters the Latin font
// lacks come from the Chinese and Japanese font, then the Korean one.
func label(dst *image.RGBA, p pt, text string, size float64, ink color.Color) {
	opt := &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone}
	var faceList []font.Face
	for _, f := range fonts() {
		if face, err := opentype.NewFace(f, opt); err == nil {
			defer face.Close()
			faceList = append(faceList, face)
		}
	}
	if len(faceList) == 0 {
		return
	}
	runes := []rune(text)
	faces := make([]font.Face, len(runes))
	var width fixed.Int26_6
	for i, r := range runes {
		faces[i] = faceList[0]
		for _, f := range faceList {
			if _, ok := f.GlyphAdvance(r); ok {
				faces[i] = f
				break
			}
		}
		adv, _ := faces[i].GlyphAdvance(r)
		width += adv
	}
	pad := size * 0.25
	bw, bh := float64(width.Ceil())+2*pad, size*1.2+2*pad
	b := dst.Bounds()
	x := math.Max(0, math.Min(p.x, float64(b.Dx())-bw))
	y := math.Max(0, math.Min(p.y, float64(b.Dy())-bh))
	box := image.Rect(int(x), int(y), int(x+bw), int(y+bh))
	draw.Draw(dst, box, image.NewUniform(color.NRGBA{255, 255, 255, 215}), image.Point{}, draw.Over)
	d := font.Drawer{Dst: dst, Src: image.NewUniform(ink)}
	d.Dot = fixed.P(int(x+pad), int(y+pad+size*0.95))
	for i, r := range runes {
		d.Face = faces[i]
		d.DrawString(string(r))
	}
}
