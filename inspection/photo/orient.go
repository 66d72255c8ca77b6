package photo

import "image"

// orient returns img as it should be displayed for an EXIF orientation
// (1–8). Cameras store pixels as the sensor read them and only record how to
// turn them; reports and viewers that ignore the tag show photos sideways,
// so Loupe bakes the turn into the working copy and thumbnail.
func orient(img *image.RGBA, o int) *image.RGBA {
	if o < 2 || o > 8 {
		return img
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 { // 5–8 turn by a quarter: width and height swap
		dw, dh = h, w
	}
	src := func(dx, dy int) (int, int) { // display pixel → stored pixel
		switch o {
		case 2: // mirrored left–right
			return w - 1 - dx, dy
		case 3: // upside down
			return w - 1 - dx, h - 1 - dy
		case 4: // mirrored top–bottom
			return dx, h - 1 - dy
		case 5: // mirrored along the main diagonal
			return dy, dx
		case 6: // needs a quarter turn clockwise
			return dy, h - 1 - dx
		case 7: // mirrored along the other diagonal
			return w - 1 - dy, h - 1 - dx
		default: // 8: needs a quarter turn anticlockwise
			return w - 1 - dy, dx
		}
	}
	out := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for dy := 0; dy < dh; dy++ {
		row := out.Pix[dy*out.Stride : dy*out.Stride+dw*4]
		for dx := 0; dx < dw; dx++ {
			sx, sy := src(dx, dy)
			i := sy*img.Stride + sx*4 // offsets relative to Rect.Min, as Pix is
			copy(row[dx*4:dx*4+4], img.Pix[i:i+4])
		}
	}
	return out
}
