package photo

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // registered decoders: the formats phones, cameras and screenshots produce
	"image/jpeg"
	_ "image/png"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/loupeqc/loupe/inspection"
	_ "golang.org/x/image/webp"
)

// MaxPixels refuses decompression bombs: a few kilobytes can claim a size
// whose decoded pixels would exhaust memory. 100 MP is above every phone and
// most full-frame cameras (a 61 MP sensor is the largest common one).
const MaxPixels = 100_000_000

// format is what the first bytes of a file say it is.
type format struct {
	name string // as image.DecodeConfig names it
	ext  string // extension of the stored original
}

var (
	formatJPEG = format{"jpeg", ".jpg"}
	formatPNG  = format{"png", ".png"}
	formatGIF  = format{"gif", ".gif"}
	formatWebP = format{"webp", ".webp"}
)

// heifBrands are the ftyp brands of HEIF stills: iPhones write heic, other
// phones mif1/heix; avif is AV1 in the same container.
var heifBrands = map[string]string{
	"heic": "HEIC", "heix": "HEIC", "hevc": "HEIC", "hevx": "HEIC", "heim": "HEIC", "heis": "HEIC",
	"mif1": "HEIF", "msf1": "HEIF", "heif": "HEIF", "avif": "AVIF", "avis": "AVIF",
}

// headSize is how much of a file sniff reads: enough for every signature
// and for the flags of a WebP's extended header.
const headSize = 32

// sniff names the format from the file's signature, not its extension:
// cameras and chat apps get extensions wrong.
func sniff(name string, head []byte) (format, error) {
	name = Printable(name)
	switch {
	case len(head) == 0:
		return format{}, inspection.Errorf(inspection.EINVALID, "%s is empty (0 bytes): copy it again from the camera or phone", name)
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return formatJPEG, nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG, nil
	case bytes.HasPrefix(head, []byte("GIF87a")), bytes.HasPrefix(head, []byte("GIF89a")):
		return formatGIF, nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		if animatedWebP(head) {
			return format{}, inspection.Errorf(inspection.EINVALID,
				"%s is an animated WebP (a short clip, not a photo), which Loupe cannot import: open it in a viewer or editor, export the frame that shows the defect as JPEG or PNG, and import that", name)
		}
		return formatWebP, nil
	case len(head) >= 12 && string(head[4:8]) == "ftyp":
		if kind, ok := heifBrands[string(head[8:12])]; ok {
			return format{}, inspection.Errorf(inspection.EINVALID,
				"%s is a %s photo, which Loupe cannot read yet: export it as JPEG (iPhone: Settings > Camera > Formats > Most Compatible for new photos, "+
					"or share the photo and choose JPEG / \"Most Compatible\"; Android: turn off HEIF in the camera settings)", name, kind)
		}
		return format{}, inspection.Errorf(inspection.EINVALID, "%s is a video or other ISO media file, not a photo: import photos as JPEG, PNG, GIF or WebP", name)
	}
	return format{}, inspection.Errorf(inspection.EINVALID, "%s is not a photo Loupe can read: use JPEG, PNG, GIF or WebP", name)
}

// animatedWebP reads the animation flag of an extended (VP8X) WebP header.
func animatedWebP(head []byte) bool {
	const animation = 1 << 1
	return len(head) > 20 && string(head[12:16]) == "VP8X" && head[20]&animation != 0
}

// checkConfig reads only the header, so a bomb is refused before any pixel
// memory is allocated.
func checkConfig(name string, r io.ReadSeeker, f format) (image.Config, error) {
	cfg, got, err := image.DecodeConfig(bufio.NewReader(r))
	if err != nil {
		return cfg, unreadable(name, r, f, err)
	}
	name = Printable(name)
	if got != f.name {
		return cfg, inspection.Errorf(inspection.EINVALID, "%s looks like %s but reads as %s: re-export it from the camera or an editor", name, f.name, got)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, inspection.Errorf(inspection.EINVALID, "%s claims a size of %d×%d pixels: the file is damaged", name, cfg.Width, cfg.Height)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxPixels {
		return cfg, inspection.Errorf(inspection.EINVALID, "%s is %d×%d pixels (%.0f megapixels), above Loupe's limit of %d megapixels: resize it before importing",
			name, cfg.Width, cfg.Height, float64(px)/1e6, MaxPixels/1_000_000)
	}
	return cfg, nil
}

// unreadable words a decoder failure. A valid file in a variant Go's
// decoders lack (arithmetic coding, 12 bits) is not damaged, and copying it
// again would not help: the user is told what it is and how to convert it.
func unreadable(name string, r io.ReadSeeker, f format, err error) error {
	if f == formatJPEG {
		if _, serr := r.Seek(0, io.SeekStart); serr == nil {
			if msg := jpegVariant(readJPEGFrame(r)); msg != "" {
				return inspection.Errorf(inspection.EINVALID, "%s is %s, which Loupe cannot read: open it in an image editor, save it as a standard 8-bit JPEG (or PNG), and import that",
					Printable(name), msg)
			}
		}
		var unsupported jpeg.UnsupportedError
		if errors.As(err, &unsupported) {
			return inspection.Errorf(inspection.EINVALID, "%s is a JPEG using a feature Loupe cannot read (%s): open it in an image editor, save it as a standard JPEG, and import that",
				Printable(name), string(unsupported))
		}
	}
	return damaged(name, f, err)
}

// jpegVariant names a JPEG coding Go's decoder does not implement, or "".
func jpegVariant(fr jpegFrame) string {
	switch {
	case fr.marker == 0:
		return ""
	case fr.lossless():
		return "a lossless JPEG (as medical and scientific imaging writes)"
	case fr.hierarchical():
		return "a hierarchical JPEG"
	case fr.arithmetic():
		return "an arithmetic-coded JPEG (a rare variant most programs cannot open)"
	case fr.precision != 8:
		return fmt.Sprintf("a %d-bit JPEG (as X-ray, medical and some industrial cameras write)", fr.precision)
	}
	return ""
}

// damaged words a decoder failure for the user.
func damaged(name string, f format, err error) error {
	name = Printable(name)
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return inspection.Errorf(inspection.EINVALID, "%s is incomplete (the %s data stops early): copy it again from the camera, the transfer was probably interrupted",
			name, strings.ToUpper(f.name))
	}
	return inspection.Errorf(inspection.EINVALID, "%s is a damaged %s file (%v): copy it again or re-export it", name, strings.ToUpper(f.name), err)
}

// Printable returns a file name as it can be shown: unchanged when every
// character prints, otherwise quoted with Go escapes, so a name holding
// control characters (a line break, an escape sequence, a right-to-left
// override) cannot fake or garble the text around it.
func Printable(name string) string {
	if !utf8.ValidString(name) {
		return strconv.Quote(name)
	}
	for _, r := range name {
		if !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(name)
		}
	}
	return name
}
