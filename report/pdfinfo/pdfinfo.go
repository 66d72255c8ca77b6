// Package pdfinfo reads the document information dictionary of a PDF file
// (Title, Author, Keywords, …), which is where Loupe writes the identity of
// its reports, so `loupe verify` needs no other program on any platform.
//
// It follows the cross-reference chain the way a PDF reader does, newest
// section first, so after an incremental update it reads the dictionary the
// update wrote, as every viewer shows it. It reads classic cross-reference
// tables as well as the compressed cross-reference and object streams of
// PDF 1.5 that other programs write when they re-save a file. It renders
// nothing and bounds everything it reads: files are hostile until proven
// otherwise.
package pdfinfo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// ErrEncrypted is returned for an encrypted PDF: its strings cannot be read
// without the key.
var ErrEncrypted = errors.New("the PDF is encrypted")

// Bounds on what one file may make the reader do.
const (
	maxSections = 1000     // cross-reference sections followed through /Prev
	maxStream   = 64 << 20 // decoded bytes of one stream
	maxResolve  = 8        // nested indirect references
	tailLen     = 2048     // where startxref is looked for
)

// ReadFile is Read on the file at path.
func ReadFile(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	return Read(f, st.Size())
}

// Read returns the string entries of the document information dictionary,
// decoded to UTF-8, keyed by name without the slash ("Keywords"). A PDF
// without the dictionary gives an empty map. Anything that is not a readable
// PDF gives an error saying where reading stopped.
func Read(src io.ReaderAt, size int64) (map[string]string, error) {
	f := &file{src: src, size: size, xref: map[int64]entry{}, streams: map[int64]*objStream{}}
	if err := f.load(); err != nil {
		return nil, err
	}
	if f.trailer["Encrypt"] != nil {
		return nil, ErrEncrypted
	}
	out := map[string]string{}
	if f.trailer["Info"] == nil {
		return out, nil
	}
	info, err := f.resolve(f.trailer["Info"], 0)
	if err != nil {
		return nil, fmt.Errorf("the document information dictionary: %w", err)
	}
	d, ok := info.(dict)
	if !ok {
		return nil, fmt.Errorf("the trailer's /Info is not a dictionary")
	}
	for k, v := range d {
		if v, err = f.resolve(v, 0); err != nil {
			return nil, fmt.Errorf("/%s of the document information: %w", k, err)
		}
		if s, ok := v.([]byte); ok {
			out[string(k)] = textString(s)
		}
	}
	return out, nil
}

// entry is where an object lives: at an offset (kind 1) or as the index-th
// object of an object stream (kind 2).
type entry struct {
	kind  byte
	off   int64 // kind 1: byte offset; kind 2: the object stream's number
	index int64
}

type objStream struct {
	data    []byte
	first   int64
	offsets map[int64]int64 // object number → offset after first
}

type file struct {
	src     io.ReaderAt
	size    int64
	xref    map[int64]entry
	trailer dict // of the newest section
	streams map[int64]*objStream
}

// load checks the header, finds startxref and reads every cross-reference
// section, newest first: an object's newest entry wins.
func (f *file) load() error {
	head := make([]byte, min(f.size, 1024))
	f.src.ReadAt(head, 0)
	if !bytes.Contains(head, []byte("%PDF-")) {
		return errors.New("not a PDF file (no %PDF- header)")
	}
	tail := make([]byte, min(f.size, tailLen))
	f.src.ReadAt(tail, f.size-int64(len(tail)))
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return errors.New("no startxref at the end of the file: it is cut short or damaged")
	}
	l := newLexer(bytes.NewReader(tail), int64(len(tail)), int64(i+len("startxref")))
	off, err := l.integer()
	if err != nil {
		return fmt.Errorf("startxref: %w", err)
	}
	seen := map[int64]bool{}
	for n := 0; ; n++ {
		if n == maxSections {
			return fmt.Errorf("more than %d cross-reference sections", maxSections)
		}
		if seen[off] {
			break // a /Prev loop: every section is read already
		}
		seen[off] = true
		tr, err := f.section(off)
		if err != nil {
			return fmt.Errorf("cross-reference section at byte %d: %w", off, err)
		}
		if f.trailer == nil {
			f.trailer = tr
		}
		if stm, ok := tr["XRefStm"].(int64); ok && !seen[stm] { // a hybrid file's stream half
			seen[stm] = true
			if _, err := f.section(stm); err != nil {
				return fmt.Errorf("cross-reference stream at byte %d: %w", stm, err)
			}
		}
		prev, ok := tr["Prev"].(int64)
		if !ok {
			break
		}
		off = prev
	}
	return nil
}

func (f *file) add(num int64, e entry) {
	if _, ok := f.xref[num]; !ok && num >= 0 {
		f.xref[num] = e
	}
}

// section reads the cross-reference table or stream at off and returns its
// trailer dictionary.
func (f *file) section(off int64) (dict, error) {
	if off < 0 || off >= f.size {
		return nil, errors.New("the offset lies outside the file")
	}
	l := newLexer(f.src, f.size, off)
	if l.keyword("xref") {
		return f.table(l)
	}
	l.pos = off
	d, data, err := f.indirect(l, -1)
	if err != nil {
		return nil, err
	}
	sd, ok := d.(dict)
	if !ok || sd["Type"] != name("XRef") || data == nil {
		return nil, errors.New("neither an xref table nor an xref stream")
	}
	return sd, f.xrefStream(sd, data)
}

func (f *file) table(l *lexer) (dict, error) {
	for {
		if l.keyword("trailer") {
			d, err := l.object(0)
			if err != nil {
				return nil, err
			}
			t, ok := d.(dict)
			if !ok {
				return nil, l.errorf("the trailer is not a dictionary")
			}
			return t, nil
		}
		start, err := l.integer()
		if err != nil {
			return nil, err
		}
		count, err := l.integer()
		if err != nil {
			return nil, err
		}
		if start < 0 || count < 0 || count > f.size/18+1 {
			return nil, l.errorf("a subsection of %d entries from %d cannot fit in the file", count, start)
		}
		for i := int64(0); i < count; i++ {
			off, err := l.integer()
			if err != nil {
				return nil, err
			}
			if _, err := l.integer(); err != nil {
				return nil, err
			}
			l.skip()
			switch l.word() {
			case "n":
				f.add(start+i, entry{kind: 1, off: off})
			case "f":
			default:
				return nil, l.errorf("an xref entry is neither in use (n) nor free (f)")
			}
		}
	}
}

func (f *file) xrefStream(d dict, data []byte) error {
	w, ok := d["W"].(array)
	if !ok || len(w) != 3 {
		return errors.New("/W is not an array of three widths")
	}
	var widths [3]int
	row := 0
	for i, v := range w {
		n, ok := v.(int64)
		if !ok || n < 0 || n > 8 {
			return errors.New("/W holds a width that is not 0 to 8")
		}
		widths[i] = int(n)
		row += int(n)
	}
	if row == 0 {
		return errors.New("/W gives entries no width")
	}
	index := array{int64(0), d["Size"]}
	if ix, ok := d["Index"].(array); ok {
		index = ix
	}
	if len(index)%2 != 0 {
		return errors.New("/Index has an odd number of numbers")
	}
	pos := 0
	for i := 0; i < len(index); i += 2 {
		start, ok1 := index[i].(int64)
		count, ok2 := index[i+1].(int64)
		if !ok1 || !ok2 || start < 0 || count < 0 || count > int64(len(data)/row) {
			return errors.New("/Index or /Size does not fit the stream")
		}
		for j := int64(0); j < count; j++ {
			if pos+row > len(data) {
				return errors.New("the stream is shorter than its /Index says")
			}
			var fld [3]int64
			for k, n := range widths {
				for _, b := range data[pos : pos+n] {
					fld[k] = fld[k]<<8 | int64(b)
				}
				pos += n
			}
			if widths[0] == 0 {
				fld[0] = 1
			}
			switch fld[0] {
			case 1:
				f.add(start+j, entry{kind: 1, off: fld[1]})
			case 2:
				f.add(start+j, entry{kind: 2, off: fld[1], index: fld[2]})
			}
		}
	}
	return nil
}

// indirect parses "num gen obj" and its object at l, and the decoded data
// when the object is a stream. want checks the number unless negative.
func (f *file) indirect(l *lexer, want int64) (any, []byte, error) {
	num, err := l.integer()
	if err != nil {
		return nil, nil, err
	}
	if _, err := l.integer(); err != nil {
		return nil, nil, err
	}
	if !l.keyword("obj") {
		return nil, nil, l.errorf("no object starts here")
	}
	if want >= 0 && num != want {
		return nil, nil, l.errorf("object %d found where the cross-reference puts object %d", num, want)
	}
	v, err := l.object(0)
	if err != nil {
		return nil, nil, err
	}
	d, ok := v.(dict)
	if !ok || !l.keyword("stream") {
		return v, nil, nil
	}
	if b := l.peek(2); len(b) == 2 && b[0] == '\r' && b[1] == '\n' {
		l.pos += 2
	} else if len(b) > 0 && (b[0] == '\n' || b[0] == '\r') {
		l.pos++
	}
	start := l.pos
	lv, err := f.resolve(d["Length"], 1)
	if err != nil {
		return nil, nil, fmt.Errorf("stream length: %w", err)
	}
	n, ok := lv.(int64)
	if !ok || n < 0 || n > maxStream || start+n > f.size {
		return nil, nil, l.errorf("the stream's /Length %v does not fit the file", lv)
	}
	raw := make([]byte, n)
	if _, err := f.src.ReadAt(raw, start); err != nil {
		return nil, nil, err
	}
	data, err := decode(d, raw)
	return d, data, err
}

// object reads object num, following the cross-reference.
func (f *file) object(num int64, depth int) (any, error) {
	e, ok := f.xref[num]
	switch {
	case !ok:
		return nil, nil // a missing object is null
	case e.kind == 1:
		v, _, err := f.indirect(newLexer(f.src, f.size, e.off), num)
		return v, err
	}
	s, err := f.objStream(e.off, depth)
	if err != nil {
		return nil, fmt.Errorf("object stream %d: %w", e.off, err)
	}
	at, ok := s.offsets[num]
	if !ok {
		return nil, fmt.Errorf("object %d is not in object stream %d", num, e.off)
	}
	l := newLexer(bytes.NewReader(s.data), int64(len(s.data)), s.first+at)
	return l.object(0)
}

func (f *file) objStream(num int64, depth int) (*objStream, error) {
	if s, ok := f.streams[num]; ok {
		return s, nil
	}
	e, ok := f.xref[num]
	if !ok || e.kind != 1 {
		return nil, errors.New("not stored as a plain object")
	}
	if depth > maxResolve {
		return nil, errors.New("references nested too deep")
	}
	v, data, err := f.indirect(newLexer(f.src, f.size, e.off), num)
	if err != nil {
		return nil, err
	}
	d, _ := v.(dict)
	n, ok1 := d["N"].(int64)
	first, ok2 := d["First"].(int64)
	if data == nil || d["Type"] != name("ObjStm") || !ok1 || !ok2 || n < 0 || first < 0 || first > int64(len(data)) || n > first {
		return nil, errors.New("not a valid object stream")
	}
	s := &objStream{data: data, first: first, offsets: map[int64]int64{}}
	l := newLexer(bytes.NewReader(data), first, 0)
	for i := int64(0); i < n; i++ {
		obj, err1 := l.integer()
		at, err2 := l.integer()
		if err1 != nil || err2 != nil || at < 0 || first+at > int64(len(data)) {
			return nil, errors.New("its table of objects is damaged")
		}
		s.offsets[obj] = at
	}
	f.streams[num] = s
	return s, nil
}

// resolve follows references until a direct object.
func (f *file) resolve(v any, depth int) (any, error) {
	for r, ok := v.(ref); ok; r, ok = v.(ref) {
		if depth++; depth > maxResolve {
			return nil, errors.New("references nested too deep")
		}
		var err error
		if v, err = f.object(r.num, depth); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// decode undoes /FlateDecode and its PNG predictors, the only filter that
// cross-reference streams, object streams and Loupe use.
func decode(d dict, raw []byte) ([]byte, error) {
	filter, params := d["Filter"], d["DecodeParms"]
	if a, ok := filter.(array); ok && len(a) == 1 {
		filter = a[0]
		if p, ok := params.(array); ok && len(p) == 1 {
			params = p[0]
		}
	}
	switch filter {
	case nil:
		return raw, nil
	case name("FlateDecode"):
	default:
		return nil, fmt.Errorf("stream filter %v is not supported", filter)
	}
	zr, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, maxStream+1))
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	if len(data) > maxStream {
		return nil, fmt.Errorf("a stream inflates to more than %d bytes", maxStream)
	}
	p, _ := params.(dict)
	return unpredict(p, data)
}

// unpredict reverses PNG row filters (/Predictor 10 to 15).
func unpredict(p dict, data []byte) ([]byte, error) {
	pred, _ := p["Predictor"].(int64)
	if pred <= 1 {
		return data, nil
	}
	if pred < 10 {
		return nil, fmt.Errorf("predictor %d is not supported", pred)
	}
	param := func(k name, def int64) int64 {
		if v, ok := p[k].(int64); ok && v > 0 && v <= 1<<16 {
			return v
		}
		return def
	}
	colors, bpc, cols := param("Colors", 1), param("BitsPerComponent", 8), param("Columns", 1)
	bpp := int(max((colors*bpc+7)/8, 1))
	rowLen := int((colors*bpc*cols + 7) / 8)
	out := make([]byte, 0, len(data))
	prev := make([]byte, rowLen)
	for len(data) > 0 {
		if len(data) < rowLen+1 {
			return nil, errors.New("a predicted stream ends inside a row")
		}
		kind, row := data[0], append([]byte(nil), data[1:rowLen+1]...)
		data = data[rowLen+1:]
		for i := range row {
			var left, upLeft byte
			if i >= bpp {
				left, upLeft = row[i-bpp], prev[i-bpp]
			}
			switch kind {
			case 0:
			case 1:
				row[i] += left
			case 2:
				row[i] += prev[i]
			case 3:
				row[i] += byte((int(left) + int(prev[i])) / 2)
			case 4:
				row[i] += paeth(left, prev[i], upLeft)
			default:
				return nil, fmt.Errorf("PNG row filter %d is not defined", kind)
			}
		}
		out = append(out, row...)
		prev = row
	}
	return out, nil
}

func paeth(a, b, c byte) byte {
	p := int(a) + int(b) - int(c)
	pa, pb, pc := abs(p-int(a)), abs(p-int(b)), abs(p-int(c))
	switch {
	case pa <= pb && pa <= pc:
		return a
	case pb <= pc:
		return b
	}
	return c
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// integer reads a non-negative or negative integer token.
func (l *lexer) integer() (int64, error) {
	l.skip()
	w := l.word()
	n, err := strconv.ParseInt(w, 10, 64)
	if err != nil {
		return 0, l.errorf("expected an integer, found %q", w)
	}
	return n, nil
}

// textString decodes a PDF text string: UTF-16BE with its byte order mark,
// UTF-8 with its mark (PDF 2.0), else PDFDocEncoding.
func textString(b []byte) string {
	switch {
	case len(b) >= 2 && b[0] == 0xfe && b[1] == 0xff:
		b = b[2:]
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		return string(bytes.ToValidUTF8(b[3:], []byte("\uFFFD")))
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, pdfDoc(c))
	}
	return string(out)
}

// pdfDoc maps a PDFDocEncoding byte to its character: Latin-1 except for a
// few typographic characters.
func pdfDoc(c byte) rune {
	switch {
	case c >= 0x18 && c <= 0x1f:
		return []rune("˘ˇˆ˙˝˛˚˜")[c-0x18]
	case c >= 0x80 && c <= 0x9e:
		return []rune("•†‡…—–ƒ⁄‹›−‰„“”‘’‚™ﬁﬂŁŒŠŸŽıłœšž")[c-0x80]
	case c == 0x9f, c == 0x7f, c == 0xad:
		return utf8.RuneError
	case c == 0xa0:
		return '€'
	}
	return rune(c)
}
