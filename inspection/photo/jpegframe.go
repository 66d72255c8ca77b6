package photo

import (
	"bufio"
	"encoding/binary"
	"io"
)

// JPEG start-of-frame markers (ITU T.81 table B.1): the frame header says
// how the image is coded, which decides whether Go's decoder can read it.
const (
	sof0  = 0xC0 // baseline
	sof1  = 0xC1 // extended sequential: 8 or 12 bits
	sof2  = 0xC2 // progressive
	sof3  = 0xC3 // lossless
	dht   = 0xC4
	jpg   = 0xC8
	dac   = 0xCC // arithmetic conditioning table
	sos   = 0xDA
	eoi   = 0xD9
	sof9  = 0xC9 // arithmetic-coded sequential
	sof15 = 0xCF
)

// jpegFrame is what a JPEG's frame header says.
type jpegFrame struct {
	marker     byte // 0 when no frame header was found
	precision  int  // bits per sample
	components int
}

func (f jpegFrame) arithmetic() bool { return f.marker >= sof9 && f.marker <= sof15 }

// lossless covers the lossless processes, Huffman- or arithmetic-coded.
func (f jpegFrame) lossless() bool { return f.marker&0x03 == 0x03 }

// hierarchical covers the differential processes of either coding.
func (f jpegFrame) hierarchical() bool {
	m := f.marker &^ 0x08
	return m >= 0xC5 && m <= 0xC7
}

// maxJPEGSegments bounds the scan: a camera file has a handful of
// segments before its frame header; a hostile one gets no more than this.
const maxJPEGSegments = 256

// readJPEGFrame finds the frame header by walking the segments from the
// start of r, skipping their bodies.
func readJPEGFrame(r io.Reader) jpegFrame {
	br := bufio.NewReaderSize(r, 4096)
	var b [2]byte
	if _, err := io.ReadFull(br, b[:]); err != nil || b != [2]byte{0xFF, 0xD8} {
		return jpegFrame{}
	}
	for range maxJPEGSegments {
		c, err := br.ReadByte()
		if err != nil || c != 0xFF {
			return jpegFrame{}
		}
		m, err := br.ReadByte()
		for err == nil && m == 0xFF { // fill bytes
			m, err = br.ReadByte()
		}
		switch {
		case err != nil, m == sos, m == eoi:
			return jpegFrame{}
		case m >= 0xD0 && m <= 0xD7, m == 0x01: // markers without a length
			continue
		}
		if _, err := io.ReadFull(br, b[:]); err != nil {
			return jpegFrame{}
		}
		n := int(binary.BigEndian.Uint16(b[:])) - 2
		if n < 0 {
			return jpegFrame{}
		}
		if m >= sof0 && m <= sof15 && m != dht && m != jpg && m != dac {
			var h [6]byte
			if n < len(h) {
				return jpegFrame{}
			}
			if _, err := io.ReadFull(br, h[:]); err != nil {
				return jpegFrame{}
			}
			return jpegFrame{marker: m, precision: int(h[0]), components: int(h[5])}
		}
		if _, err := br.Discard(n); err != nil {
			return jpegFrame{}
		}
	}
	return jpegFrame{}
}
