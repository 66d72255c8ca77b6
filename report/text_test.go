package report

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loupeqc/loupe/inspection"
)

// numbered is n distinct words ("cap1 cap2 …"), so a test can tell which
// word of a long text is missing, not only that one is.
func numbered(prefix string, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s%d", prefix, i+1)
	}
	return b.String()
}

// wordSet is every whitespace-separated word of a PDF's text.
func wordSet(t testing.TB, path string) map[string]bool {
	t.Helper()
	set := map[string]bool{}
	for _, w := range strings.Fields(pdfText(t, path)) {
		set[w] = true
	}
	return set
}

func missingWords(set map[string]bool, text string) []string {
	var out []string
	for _, w := range strings.Fields(text) {
		if !set[w] {
			out = append(out, w)
		}
	}
	return out
}

// TestLongTextsPrintWhole: what an inspector wrote is printed whole however
// long, in tables (rows split across pages), captions, callouts, signature
// boxes and the summary, where the page header's shortened values are
// printed in full.
func TestLongTextsPrintWhole(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 1, 640, 480)
	long := map[string]string{
		// About 5,000 characters in 624 words, as in the report that lost
		// 329 of them.
		"description":    numbered("desc", 624),
		"caption":        numbered("cap", 250),
		"location":       numbered("loc", 120),
		"check notes":    numbered("note", 700),
		"recommendation": numbered("rec", 1500),
		"waiver":         numbered("why", 300),
		"signer":         numbered("name", 40),
		"severity":       numbered("sev", 80),
		"sample limit":   numbered("lim", 200),
		"client":         "Northwind Home GmbH & Co. KG Einkauf Haushaltsgeräte Abteilung Qualitätssicherung Fernost",
	}
	f.d.Findings[0].Description = long["description"]
	f.d.Findings[0].Location = long["location"]
	f.d.Photos[0].Caption = long["caption"]
	f.d.Checklist[2].Notes = long["check notes"]
	f.d.Inspection.Recommendation = long["recommendation"]
	f.d.Inspection.SeverityReason = long["severity"]
	f.d.Client.Name = long["client"]
	for i := range f.d.Samples {
		if f.d.Samples[i].Kind == inspection.Boundary {
			f.d.Samples[i].Limit = long["sample limit"]
		}
	}
	f.d.Inspection.POs = strings.Fields(numbered("PO-", 30))
	long["orders"] = f.d.Inspection.POList()
	f.d.Signatures[1].Name = long["signer"]
	f.d.Signatures[1].Waived, f.d.Signatures[1].WaiverReason = true, long["waiver"]
	out := filepath.Join(t.TempDir(), "long.pdf")
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	set := wordSet(t, out)
	for field, text := range long {
		if miss := missingWords(set, text); len(miss) > 0 {
			t.Errorf("%s: %d of %d words missing from the PDF, first %q", field, len(miss), len(strings.Fields(text)), miss[0])
		}
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings for Latin text: %v", res.Warnings)
	}
	if pdfPages(t, out) != res.Pages {
		t.Errorf("page count mismatch")
	}
}

// TestKoreanAndJapanesePrint: every Hangul syllable and kana has a glyph in
// an embedded font (text extraction alone would not tell: a missing glyph
// still extracts), and a report with them embeds the fonts and warns of
// nothing.
func TestKoreanAndJapanesePrint(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	m := newMetrics()
	blocks := []struct {
		name     string
		from, to rune
		want     *face
	}{
		{"Hangul syllables", 0xAC00, 0xD7A3, faces.hangul},
		{"Hangul compatibility jamo", 0x3131, 0x318E, faces.hangul},
		// Every kana of modern Japanese. No embedded font has the small
		// ゕ ゖ or the archaic ヷ ヸ ヹ ヺ: they print as the replacement,
		// with a warning (see TestUnprintableIsMarkedAndReported).
		{"Hiragana", 0x3041, 0x3094, faces.cjk},
		{"Hiragana marks", 0x3099, 0x309E, faces.cjk},
		{"Katakana", 0x30A1, 0x30F6, faces.cjk},
		{"Katakana marks", 0x30FB, 0x30FE, faces.cjk},
		{"half-width katakana", 0xFF66, 0xFF9D, faces.cjk},
	}
	for _, b := range blocks {
		for r := b.from; r <= b.to; r++ {
			for _, bold := range []bool{false, true} {
				m.bold = bold
				if g := m.glyph(r); g.r != r || g.f != b.want || g.em <= 0 {
					t.Fatalf("%s: U+%04X %c is set as %q in %s (width %.2f em), want itself in %s", b.name, r, r, g.r, g.f.name, g.em, b.want.name)
				}
			}
		}
	}

	needPoppler(t)
	f := newFixture(t, 0, 64, 48)
	korean := "뚜껑 경첩이 느슨하여 뚜껑이 열린 채로 고정되지 않음"
	japanese := "蓋のヒンジが緩く、開いた状態で固定されない。ｶﾀｶﾅ"
	f.d.Findings[2].Description = korean
	f.d.Findings[2].Location = japanese
	f.d.Signatures[1].Name = "김민준 (Kim Min-jun)"
	out := filepath.Join(t.TempDir(), "cjk.pdf")
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings: %v", res.Warnings)
	}
	text := strings.ReplaceAll(pdfText(t, out), " ", "")
	for _, s := range []string{korean, japanese, "김민준"} {
		if !strings.Contains(text, strings.ReplaceAll(s, " ", "")) {
			t.Errorf("report text lacks %q", s)
		}
	}
	fonts, err := exec.Command("pdffonts", out).Output()
	if err != nil {
		t.Skipf("pdffonts: %v", err)
	}
	if !strings.Contains(string(fonts), "utf8"+faces.hangul.name) {
		t.Errorf("the Hangul font is not embedded:\n%s", fonts)
	}
}

// TestUnprintableIsMarkedAndReported: a character no embedded font has is
// printed as a visible mark and named in a warning, never dropped silently.
func TestUnprintableIsMarkedAndReported(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 0, 64, 48)
	f.d.Findings[2].Description = "Label reads ก ข (Thai) and 😀, as printed"
	out := filepath.Join(t.TempDir(), "marks.pdf")
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 {
		t.Fatalf("warnings = %q, want one", res.Warnings)
	}
	for _, want := range []string{"U+0E01", "U+0E02", "U+1F600", "3 character(s)", "Label reads"} {
		if !strings.Contains(res.Warnings[0], want) {
			t.Errorf("warning %q lacks %q", res.Warnings[0], want)
		}
	}
	if text := pdfText(t, out); !strings.Contains(text, "Label reads \uFFFD \uFFFD (Thai) and \uFFFD, as printed") {
		t.Errorf("the unprintable characters are not marked in the text:\n%.2000s", text)
	}
}

// TestRightToLeftIsRefused: Arabic and Hebrew would print reversed, so the
// report is refused with a message saying what and where, and no file is
// left.
func TestRightToLeftIsRefused(t *testing.T) {
	for _, c := range []struct{ script, text string }{
		{"Arabic", "غطاء المفصلة مفكوك"},
		{"Hebrew", "ציר המכסה רופף"},
		{"Arabic", "ﻻ"}, // a presentation form
	} {
		f := newFixture(t, 0, 64, 48)
		f.d.Findings[1].Location = "Lid: " + c.text
		dir := t.TempDir()
		_, err := Write(context.Background(), f.d, f.photos, filepath.Join(dir, "r.pdf"), Options{Now: now})
		if err == nil || !strings.Contains(err.Error(), c.script) || !strings.Contains(err.Error(), "right to left") || !strings.Contains(err.Error(), `"Lid: `) {
			t.Errorf("%s: err = %v, want a refusal naming the script and quoting the text", c.script, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("%s: %d file(s) left", c.script, len(entries))
		}
	}
}

// TestHugeDescriptionCompletes: a 10 MB description (as a bundle may carry)
// is laid out in linear time and printed whole, over thousands of pages.
func TestHugeDescriptionCompletes(t *testing.T) {
	if testing.Short() {
		t.Skip("10 MB of text, thousands of pages")
	}
	needPoppler(t)
	f := newFixture(t, 0, 64, 48)
	var b strings.Builder
	for i := 0; b.Len() < 10<<20; i++ {
		fmt.Fprintf(&b, "w%d ", i)
	}
	last := strings.Fields(b.String()[b.Len()-20:])
	f.d.Findings[2].Description = b.String()
	out := filepath.Join(t.TempDir(), "huge.pdf")
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 1000 {
		t.Errorf("%d pages for 10 MB of text", res.Pages)
	}
	t.Logf("10 MB description: %d pages, %.1f MB", res.Pages, float64(res.Size)/(1<<20))
	// Text alone over the size budget: photos are neither shrunk nor split
	// off, which could not help and would lay the text out again.
	if res.Size > DefaultMaxBytes && (!res.OverBudget || res.Split || res.DPI != bestQuality.dpi) {
		t.Errorf("%d bytes: over budget %v, split %v, %.0f dpi; want over budget, one file, photos untouched", res.Size, res.OverBudget, res.Split, res.DPI)
	}
	// The end of the text is on the last pages of the defect list, before
	// the remaining sections.
	tail, err := exec.Command("pdftotext", "-f", fmt.Sprint(res.Pages-12), "-l", fmt.Sprint(res.Pages), out, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if w := last[len(last)-1]; !strings.Contains(string(tail), w+"\n") && !strings.Contains(string(tail), w+" ") {
		t.Errorf("the last word %q is not printed", w)
	}
}

func TestFitIsLinearAndOnlyShortensWhenNeeded(t *testing.T) {
	if err := loadFaces(); err != nil {
		t.Fatal(err)
	}
	m := newMetrics()
	if got := m.fit("Li Wei", 40); got != "Li Wei" {
		t.Errorf("fit shortened a value that fits: %q", got)
	}
	huge := strings.Repeat("Northwind ", 1<<20)
	got := m.fit(huge, 40)
	if !strings.HasSuffix(got, "…") || m.width(got) > 40.001 || utf8.RuneCountInString(got) > 40 {
		t.Errorf("fit(10 MB, 40 mm) = %q (%.1f mm)", got, m.width(got))
	}
}
