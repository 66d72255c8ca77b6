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

// clean makes user text safe for the PDF writer: tabs become spaces, and
// control and format characters (zero-width spaces, bidi overrides, soft
// hyphens) are dropped, as they would print as boxes and a bidi override
// must not make anything look reordered. Characters no font has are
// replaced when drawn, see metrics.glyph.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return -1
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

// rtlScripts are written right to left. The report's PDF writer lays text
// out left to right and cannot shape Arabic, so such text would print
// reversed and unjoined: it is refused instead (see metrics.runs).
var rtlScripts = []struct {
	name  string
	table *unicode.RangeTable
}{
	{"Arabic", unicode.Arabic}, {"Hebrew", unicode.Hebrew}, {"Syriac", unicode.Syriac},
	{"Thaana", unicode.Thaana}, {"N'Ko", unicode.Nko}, {"Samaritan", unicode.Samaritan},
	{"Mandaic", unicode.Mandaic}, {"Adlam", unicode.Adlam}, {"Hanifi Rohingya", unicode.Hanifi_Rohingya},
}

// rtlScript names the right-to-left script r belongs to, or "".
func rtlScript(r rune) string {
	if r < 0x0590 {
		return ""
	}
	for _, s := range rtlScripts {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return ""
}

// replacement is printed for a character no embedded font has: visible,
// and a glyph Sans has.
const replacement = '\uFFFD'

// face is a font the report sets text in: its gofpdf family name and its
// outlines for measuring.
type face struct {
	name string
	sf   *sfnt.Font
	upem float64
}

// The report's faces, parsed once per process: Latin text in DejaVu Sans
// Condensed, Chinese and Japanese in Droid Sans Fallback, Korean in Loupe
// Hangul.
var faces struct {
	once                    sync.Once
	sans, bold, cjk, hangul *face
	err                     error
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
		faces.hangul = parse("hangul", assets.HangulFont)
	})
	return faces.err
}

// fontFiles are the faces gofpdf embeds, in the order they are added.
func fontFiles() []struct {
	f    *face
	data []byte
} {
	return []struct {
		f    *face
		data []byte
	}{{faces.sans, assets.Sans}, {faces.bold, assets.SansBold}, {faces.cjk, assets.CJKFont}, {faces.hangul, assets.HangulFont}}
}

// synthetic reports faces without a bold cut: bold is drawn by stroking
// their outlines, as a second multi-megabyte font for it would be absurd.
func (f *face) synthetic() bool { return f == faces.cjk || f == faces.hangul }

// glyph is how one rune is set: in which face, as which rune (the
// replacement when no face has it) and how wide (in em).
type glyph struct {
	f  *face
	r  rune
	em float64
}

// metrics measures and splits text the way it will be drawn. gofpdf cannot
// fall back from one font to another, and its SplitText drops the character
// at a break between two Chinese characters, so both are done here. It also
// notes what could not be printed as it was written (see drawn).
type metrics struct {
	buf    sfnt.Buffer
	glyphs map[[2]rune]glyph // {bold, rune}
	size   float64           // pt
	bold   bool

	missing   map[rune]int // runes drawn as the replacement, and how often
	missingAt string       // a line where the first of them was drawn
	rtl       string       // the first right-to-left script drawn
	rtlAt     string       // a line where it was
}

func newMetrics() *metrics {
	return &metrics{glyphs: map[[2]rune]glyph{}, size: bodySize, missing: map[rune]int{}}
}

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
	order := []*face{latin, faces.cjk, faces.hangul}
	if unicode.Is(unicode.Hangul, r) {
		// Droid has a few syllables; mixing its design into Korean words
		// would look patched.
		order = []*face{faces.hangul, latin, faces.cjk}
	}
	g := glyph{f: latin, r: replacement}
	if r <= 0xFFFF { // gofpdf's width tables stop at U+FFFF
		for _, f := range order {
			if em, ok := m.advance(f, r); ok {
				g = glyph{f: f, r: r, em: em}
				break
			}
		}
	}
	if g.r == replacement {
		g.em, _ = m.advance(latin, replacement)
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

// runs splits a line about to be drawn by face. A space is set in the face
// that measured it, even inside Korean or Chinese text: the fallback fonts'
// spaces are wider, and a run wider than measured would overprint the next.
func (m *metrics) runs(s string) []run {
	var out []run
	var b strings.Builder
	var cur *face
	w := 0.0
	for _, r := range s {
		g := m.glyph(r)
		m.drawn(r, g, s)
		if g.f != cur && cur != nil {
			out = append(out, run{f: cur, text: b.String(), w: w})
			b.Reset()
			w = 0
		}
		cur = g.f
		b.WriteRune(g.r)
		w += g.em * m.mmPerEm()
	}
	if cur != nil {
		out = append(out, run{f: cur, text: b.String(), w: w})
	}
	return out
}

// drawn notes a rune that is not printed as written, with the line it is in
// so the user can find it.
func (m *metrics) drawn(r rune, g glyph, line string) {
	if g.r == replacement && r != replacement {
		if len(m.missing) == 0 {
			m.missingAt = line
		}
		m.missing[r]++
	}
	if m.rtl == "" {
		if s := rtlScript(r); s != "" {
			m.rtl, m.rtlAt = s, line
		}
	}
}

// wrap breaks s into lines no wider than w (mm) at spaces, around CJK
// characters and at newlines; a word longer than a line is cut. Nothing is
// dropped but the spaces at a break. Time is linear in len(s).
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
			// The runes after the break are measured again on the next
			// line: less than a line's worth, so the work stays linear.
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

// fit shortens s with an ellipsis so it fits in w (mm). Only the running
// page header uses it, for values the summary prints whole (see
// doc.headerCuts): what an inspector wrote is never cut anywhere else.
func (m *metrics) fit(s string, w float64) string {
	s = strings.ReplaceAll(clean(s), "\n", " ")
	if m.fits(s, w) {
		return s
	}
	return m.cut(s, w-m.width("…")) + "…"
}

// cut is the longest prefix of s no wider than w, without trailing spaces.
func (m *metrics) cut(s string, w float64) string {
	used := 0.0
	for i, r := range s {
		used += m.runeWidth(r)
		if used > w {
			return strings.TrimRight(s[:i], " ")
		}
	}
	return s
}

// fits reports whether s prints on one line of w mm. It stops measuring at
// w, so a huge text costs no more than a line.
func (m *metrics) fits(s string, w float64) bool {
	if strings.Contains(s, "\n") {
		return false
	}
	used := 0.0
	for _, r := range s {
		if used += m.runeWidth(r); used > w {
			return false
		}
	}
	return true
}
