package photo

import (
	"io"
	"time"

	"github.com/evanoberholster/imagemeta"
	"github.com/evanoberholster/imagemeta/exif2"
)

// metadata is what the pipeline needs from EXIF.
type metadata struct {
	orientation int       // 1–8 as in the EXIF spec; 1 when absent
	takenAt     time.Time // DateTimeOriginal on the camera's wall clock; zero when absent
}

// readMetadata uses github.com/evanoberholster/imagemeta rather than
// rwcarlsen/goexif: imagemeta is maintained (goexif's last change is from
// 2019), reads the EXIF block of JPEG, PNG and HEIF without touching pixel
// data, and applies OffsetTimeOriginal when the camera wrote one. Metadata is
// a nicety, never a reason to refuse evidence: a damaged EXIF block (even
// one that panics the parser) means "no metadata", and the photo imports.
func readMetadata(r io.ReadSeeker, f format) (m metadata) {
	m.orientation = 1
	defer func() {
		if recover() != nil {
			m = metadata{orientation: 1}
		}
	}()
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return m
	}
	var (
		x   exif2.Exif
		err error
	)
	switch f {
	case formatJPEG:
		x, err = imagemeta.DecodeJPEG(r)
	case formatPNG:
		x, err = imagemeta.DecodePng(r)
	default: // GIF has no EXIF; WebP EXIF is rare and imagemeta does not read it
		return m
	}
	if err != nil {
		return m
	}
	if o := int(x.Orientation); o >= 1 && o <= 8 {
		m.orientation = o
	}
	if t := x.DateTimeOriginal(); !t.IsZero() && t.Year() > 1900 {
		m.takenAt = t
	}
	return m
}
