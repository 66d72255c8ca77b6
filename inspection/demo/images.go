package demo

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math"
	"math/rand/v2"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/basicfont"
	"golang.org/x/image/math/fixed"
)

// picture describes a generated stand-in for a camera photo: a product shape
// on a bench, with a caption burnt in so the demo photos are recognisable.
type picture struct {
	label string
	shape string // "kettle", "board", "shirt", "carton", "defect"
	tint  color.RGBA
	seed  uint64
}

// writeJPEG renders p at 1600×1200 into path. The content is seeded, so the
// same picture always has the same bytes and re-running the demo dedupes.
func writeJPEG(path string, p picture) error {
	const w, h = 1600, 1200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rng := rand.New(rand.NewPCG(p.seed, 7))
	bench(img, rng)
	switch p.shape {
	case "kettle":
		ellipse(img, w/2, h/2+60, 330, 360, p.tint)
		rect(img, w/2-330, h/2-330, w/2+330, h/2-280, shade(p.tint, 0.6))
		rect(img, w/2+320, h/2-120, w/2+420, h/2+220, shade(p.tint, 0.7))
	case "board":
		rect(img, w/2-520, h/2-300, w/2+520, h/2+300, p.tint)
		for i := 0; i < 14; i++ {
			y := h/2 - 280 + i*42
			rect(img, w/2-500, y, w/2+500, y+6, shade(p.tint, 0.85))
		}
	case "shirt":
		rect(img, w/2-300, h/2-250, w/2+300, h/2+420, p.tint)
		rect(img, w/2-520, h/2-250, w/2-300, h/2-20, p.tint)
		rect(img, w/2+300, h/2-250, w/2+520, h/2-20, p.tint)
		ellipse(img, w/2, h/2-250, 110, 60, shade(p.tint, 0.5))
	case "carton":
		rect(img, w/2-500, h/2-350, w/2+500, h/2+350, color.RGBA{190, 150, 100, 255})
		rect(img, w/2-500, h/2-30, w/2+500, h/2+30, color.RGBA{215, 195, 150, 255})
		rect(img, w/2-420, h/2+90, w/2-80, h/2+300, color.RGBA{250, 250, 245, 255})
	case "defect":
		rect(img, 0, 0, w, h, shade(p.tint, 0.95))
		for i := 0; i < 60; i++ { // a scratch
			x := w/2 - 300 + i*10
			y := h/2 + int(40*math.Sin(float64(i)/6))
			rect(img, x, y, x+14, y+7, color.RGBA{70, 60, 55, 255})
		}
		circle(img, w/2, h/2, 380, 8, color.RGBA{220, 30, 30, 255})
	}
	caption(img, p.label)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 85}); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func bench(img *image.RGBA, rng *rand.Rand) {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			n := uint8(rng.IntN(10))
			g := uint8(200 - y*50/b.Dy())
			img.SetRGBA(x, y, color.RGBA{g + n, g + n, g - 10 + n, 255})
		}
	}
}

func rect(img *image.RGBA, x0, y0, x1, y1 int, c color.RGBA) {
	draw.Draw(img, image.Rect(x0, y0, x1, y1), image.NewUniform(c), image.Point{}, draw.Src)
}

func ellipse(img *image.RGBA, cx, cy, rx, ry int, c color.RGBA) {
	for y := -ry; y <= ry; y++ {
		half := int(float64(rx) * math.Sqrt(1-float64(y*y)/float64(ry*ry)))
		rect(img, cx-half, cy+y, cx+half, cy+y+1, c)
	}
}

func circle(img *image.RGBA, cx, cy, r, width int, c color.RGBA) {
	for a := 0.0; a < 2*math.Pi; a += 0.002 {
		x := cx + int(float64(r)*math.Cos(a))
		y := cy + int(float64(r)*math.Sin(a))
		rect(img, x-width/2, y-width/2, x+width/2, y+width/2, c)
	}
}

func shade(c color.RGBA, f float64) color.RGBA {
	return color.RGBA{uint8(float64(c.R) * f), uint8(float64(c.G) * f), uint8(float64(c.B) * f), 255}
}

// caption burns the label into a dark strip at the bottom, scaled up so it
// stays legible in a thumbnail.
func caption(img *image.RGBA, text string) {
	const scale = 4
	face := basicfont.Face7x13
	small := image.NewRGBA(image.Rect(0, 0, len(text)*7+8, 18))
	d := font.Drawer{Dst: small, Src: image.White, Face: face, Dot: fixed.P(4, 13)}
	d.DrawString(text)
	b := img.Bounds()
	y0 := b.Max.Y - 18*scale - 20
	rect(img, 0, y0-10, b.Max.X, b.Max.Y, color.RGBA{25, 30, 40, 255})
	for y := 0; y < small.Bounds().Dy(); y++ {
		for x := 0; x < small.Bounds().Dx(); x++ {
			if _, _, _, a := small.At(x, y).RGBA(); a > 0x8000 {
				rect(img, 30+x*scale, y0+y*scale, 30+(x+1)*scale, y0+(y+1)*scale, color.RGBA{255, 255, 255, 255})
			}
		}
	}
}

// signaturePNG draws a handwriting-like stroke for demo signatures.
func signaturePNG(seed uint64) []byte {
	const w, h = 600, 200
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rect(img, 0, 0, w, h, color.RGBA{255, 255, 255, 255})
	ink := color.RGBA{20, 40, 120, 255}
	rng := rand.New(rand.NewPCG(seed, 3))
	f1, f2 := 0.03+rng.Float64()*0.02, 0.09+rng.Float64()*0.04
	for x := 40; x < w-40; x++ {
		t := float64(x)
		y := h/2 + int(40*math.Sin(t*f1)+25*math.Sin(t*f2))
		rect(img, x, y-2, x+3, y+2, ink)
	}
	var buf bytes.Buffer
	_ = png.Encode(&buf, img) // encoding to memory cannot fail
	return buf.Bytes()
}
