package report

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/loupeqc/loupe/assets"
)

// clean makes user text safe for the PDF writer: gofpdf's width tables stop
// at U+FFFF (an emoji would panic it) and control characters print as boxes.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r == '\r' || unicode.IsControl(r):
			return -1
		case r > 0xFFFF || r == unicode.ReplacementChar:
			return '?'
		}
		return r
	}, s)
}

// isCJK reports runes a line may break before or after: Chinese and Japanese
// text has no spaces between words.
func isCJK(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// face is a font the report sets text in: its gofpdf family name and its
// outlines for measuring.
type face struct {
	name string
	sf   *sfnt.Font
	upem float64
}

// The report's faces, parsed once per process: Latin text in DejaVu Sans
// Condensed, everything it lacks (Chinese) in Droid Sans Fallback.
var faces struct {
	once            sync.Once
	sans, bold, cjk *face
	err             error
}

func loadFaces() error {
	faces.once.Do(func() {
		parse := func(name string, b []byte) *face {
			sf, err := sfnt.Parse(b)
			if err != nil {
				faces.err = fmt.Errorf("embedded font %s: %w", name, err)
				return nil
			}
			return &face{name: name, sf: sf, upem: float64(sf.UnitsPerEm())}
		}
		faces.sans = parse("sans", assets.Sans)
		faces.bold = parse("sansbold", assets.SansBold)
		faces.cjk = parse("cjk", assets.CJKFont)
	})
	return faces.err
}

// glyph is how one rune is set: in which face and how wide (in em).
type glyph struct {
	f  *face
	em float64
}

// metrics measures and splits text the way it will be drawn. gofpdf cannot
// fall back from one font to another, and its SplitText drops the character
// at a break between two Chinese characters, so both are done here.
type metrics struct {
	buf    sfnt.Buffer
	glyphs map[[2]rune]glyph // {bold, rune}
	size   float64           // pt
	bold   bool
}

func newMetrics() *metrics { return &metrics{glyphs: map[[2]rune]glyph{}, size: bodySize} }

func (m *metrics) glyph(r rune) glyph {
	b := rune(0)
	if m.bold {
		b = 1
	}
	if g, ok := m.glyphs[[2]rune{b, r}]; ok {
		return g
	}
	latin := faces.sans
	if m.bold {
		latin = faces.bold
	}
	g := glyph{f: latin}
	if em, ok := m.advance(latin, r); ok {
		g.em = em
	} else if em, ok := m.advance(faces.cjk, r); ok {
		g = glyph{f: faces.cjk, em: em}
	} else {
		g.em = 0.5 // neither face has it: gofpdf prints the missing-glyph box
	}
	m.glyphs[[2]rune{b, r}] = g
	return g
}

func (m *metrics) advance(f *face, r rune) (float64, bool) {
	i, err := f.sf.GlyphIndex(&m.buf, r)
	if err != nil || i == 0 {
		return 0, false
	}
	adv, err := f.sf.GlyphAdvance(&m.buf, i, fixed.I(int(f.upem)), xfont.HintingNone)
	if err != nil {
		return 0, false
	}
	return float64(adv) / 64 / f.upem, true
}

// mmPerEm converts em to mm at the current size.
func (m *metrics) mmPerEm() float64 { return m.size * 25.4 / 72 }

func (m *metrics) runeWidth(r rune) float64 { return m.glyph(r).em * m.mmPerEm() }

func (m *metrics) width(s string) float64 {
	w := 0.0
	for _, r := range s {
		w += m.runeWidth(r)
	}
	return w
}

// run is a stretch of text set in one face.
type run struct {
	f    *face
	text string
	w    float64 // mm
}

// runs splits s by face; spaces stay in the run they are in, so mixed text
// switches fonts only where it must.
func (m *metrics) runs(s string) []run {
	var out []run
	var b strings.Builder
	var cur *face
	w := 0.0
	for _, r := range s {
		g := m.glyph(r)
		if r == ' ' && cur != nil {
			g.f = cur
		}
		if g.f != cur && cur != nil {
			out = append(out, run{f: cur, text: b.String(), w: w})
			b.Reset()
			w = 0
		}
		cur = g.f
		b.WriteRune(r)
		w += g.em * m.mmPerEm()
	}
	if cur != nil {
		out = append(out, run{f: cur, text: b.String(), w: w})
	}
	return out
}

// wrap breaks s into lines no wider than w (mm) at spaces, around CJK
// characters and at newlines; a word longer than a line is cut.
func (m *metrics) wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(clean(s), "\n") {
		lines = append(lines, m.wrapParagraph([]rune(para), w)...)
	}
	return lines
}

func (m *metrics) wrapParagraph(rs []rune, w float64) []string {
	var lines []string
	start, brk, width := 0, -1, 0.0
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if isCJK(r) && i > start {
			brk = i
		}
		cw := m.runeWidth(r)
		if width+cw > w && i > start && r != ' ' {
			end := i
			if brk > start {
				end = brk
			}
			lines = append(lines, strings.TrimRight(string(rs[start:end]), " "))
			for end < len(rs) && rs[end] == ' ' {
				end++
			}
			start, brk, width = end, -1, 0
			i = start - 1
			continue
		}
		width += cw
		if r == ' ' || isCJK(r) {
			brk = i + 1
		}
	}
	return append(lines, strings.TrimRight(string(rs[start:]), " "))
}

// fit shortens s with an ellipsis so it fits in w (mm): for one-line slots
// such as the page header.
func (m *metrics) fit(s string, w float64) string {
	s = strings.ReplaceAll(clean(s), "\n", " ")
	if m.width(s) <= w {
		return s
	}
	rs := []rune(s)
	ell := m.width("…")
	for len(rs) > 0 && m.width(string(rs))+ell > w {
		rs = rs[:len(rs)-1]
	}
	return strings.TrimRight(string(rs), " ") + "…"
}
