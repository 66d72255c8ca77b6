package report

import (
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzWrap checks the text wrapper on any input: no character is lost or
// reordered (only spaces at a break go), no line is wider than asked unless
// it is one character wider than the column, and the runs a line is drawn
// with add up to the line as measured. The seeds run in every `go test`;
// `go test -fuzz FuzzWrap ./report/` explores further.
func FuzzWrap(f *testing.F) {
	for _, seed := range []struct {
		s string
		w float64
	}{
		{"", 30},
		{"Lid hinge loose, lid does not stay open on units 3, 17 and 42 of the sample", 30},
		{"说明书缺少法语版，客户需确认返工方案。东莞市永明电器有限公司", 20},
		{"뚜껑 경첩이 느슨하여 뚜껑이 열린 채로 고정되지 않음", 18},
		{"蓋のヒンジが緩い（ネジ止め不良）。ｶﾀｶﾅ ー", 15},
		{"Averyveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaceatall", 10},
		{"tabs\tand\r\nnewlines\n\n\nand   runs    of spaces  ", 12},
		{"     leading spaces wider than the line", 2},
		{"emoji 😀 thai ก and a replacement \uFFFD and invalid \xff\xfe bytes", 8},
		{"bidi \u202eoverride\u202c zero\u200bwidth soft\u00adhyphen", 9},
		{"غطاء المفصلة مفكوك ציר המכסה רופף", 25},
		{"±0.3 mm ≥ √2 … – — “quotes” «guillemets»", 6},
		{strings.Repeat("x", 500), 0.5},
		{"narrow", 0.01},
	} {
		f.Add(seed.s, seed.w)
	}
	if err := loadFaces(); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, w float64) {
		if math.IsNaN(w) || w < 0.01 || w > 500 {
			w = 30
		}
		m := newMetrics()
		for _, bold := range []bool{false, true} {
			m.bold = bold
			lines := m.wrap(s, w)
			drop := func(r rune) rune {
				if r == ' ' || r == '\n' {
					return -1
				}
				return r
			}
			if got, want := strings.Map(drop, strings.Join(lines, "")), strings.Map(drop, clean(s)); got != want {
				t.Fatalf("wrap(%q, %g) = %q: characters lost or changed", s, w, lines)
			}
			if paras := strings.Count(clean(s), "\n") + 1; len(lines) < paras {
				t.Fatalf("wrap(%q, %g) gave %d lines for %d paragraphs", s, w, len(lines), paras)
			}
			for _, l := range lines {
				if strings.HasSuffix(l, " ") {
					t.Fatalf("line %q ends in a space", l)
				}
				if lw := m.width(l); lw > w+1e-9 && utf8.RuneCountInString(strings.TrimLeft(l, " ")) > 1 {
					t.Fatalf("line %q is %.3f mm wide in a %.3f mm column", l, lw, w)
				}
				total := 0.0
				var drawn strings.Builder
				for _, r := range m.runs(l) {
					total += r.w
					drawn.WriteString(r.text)
					if !utf8.ValidString(r.text) {
						t.Fatalf("run %q is not valid UTF-8", r.text)
					}
					for _, c := range r.text {
						if c > 0xFFFF {
							t.Fatalf("run %q holds U+%X, beyond gofpdf's width tables", r.text, c)
						}
					}
				}
				if math.Abs(total-m.width(l)) > 1e-6 {
					t.Fatalf("runs of %q are %.4f mm, the line measures %.4f", l, total, m.width(l))
				}
				if utf8.RuneCountInString(drawn.String()) != utf8.RuneCountInString(l) {
					t.Fatalf("runs of %q draw %q: a character was added or lost", l, drawn.String())
				}
			}
		}
	})
}
