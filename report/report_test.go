package report

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// needPoppler skips when the PDF tools the checks rely on are missing.
func needPoppler(t testing.TB) {
	t.Helper()
	for _, tool := range []string{"pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed (apt-get install poppler-utils)", tool)
		}
	}
}

// pdfText extracts the text with whitespace collapsed, so phrases that wrap
// across lines still match.
func pdfText(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func pdfPages(t testing.TB, path string) int {
	t.Helper()
	out, err := exec.Command("pdfinfo", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v (not a valid PDF?)", path, err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in %q", path, out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

var now = time.Date(2026, 11, 24, 17, 30, 0, 0, time.UTC)

func TestWriteFullReport(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 4, 1200, 900)
	out := filepath.Join(t.TempDir(), "LP-2026-0502.pdf")
	var last Progress
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now, Progress: func(p Progress) { last = p }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Files) != 1 || res.Files[0].Path != out || res.Split {
		t.Fatalf("files = %v, split %v; want the one report", res.Files, res.Split)
	}
	if pages := pdfPages(t, out); pages != res.Pages || pages < 5 {
		t.Errorf("pdfinfo says %d pages, Result %d; want the same and at least 5", pages, res.Pages)
	}
	if fi, _ := os.Stat(out); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("report mode %v, want 0644: it is meant to be shared", fi.Mode().Perm())
	}
	if fi, _ := os.Stat(out); fi.Size() != res.Size {
		t.Errorf("file has %d bytes, Result says %d", fi.Size(), res.Size)
	}
	if last.Step != "Writing PDF" || last.Done != last.Total {
		t.Errorf("last progress = %+v, want Writing PDF done", last)
	}
	sum, _ := inspection.ContentHash(f.d)
	text := pdfText(t, out)
	plan, _ := f.d.Inspection.Plan()
	want := []string{
		"LP-2026-0502", "FAIL", "东莞市永明电器有限公司", "Northwind Home GmbH", "NW-PO-59107",
		"Page 1 of " + strconv.Itoa(res.Pages), "Page " + strconv.Itoa(res.Pages) + " of " + strconv.Itoa(res.Pages),
		"SHA-256 " + sum, f.d.Inspection.ID.String(),
		strings.Join(strings.Fields(plan.Words()), " "),
		"Remarks needing a client decision", "Sampling plan", "Photos", "Conclusion and signatures",
		"底座有胶水残留", "陈国华", "BS-KT1750-02", "Hinge play up to 1 mm",
		"1.41", "0.94", // Cp, Cpk of "Spout width" (hand-computed in the fixture)
		"code matches and check digit is valid",
	}
	for _, k := range inspection.Sections {
		want = append(want, k.Title())
	}
	for _, cp := range plan.Classes {
		want = append(want, strconv.Itoa(cp.Accept), strconv.Itoa(cp.Reject))
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("report text lacks %q", w)
		}
	}
}

func TestWriteSplitsAnnexOverBudget(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 6, 1200, 900)
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now, MaxBytes: 60 << 10})
	if err != nil {
		t.Fatal(err)
	}
	annex := filepath.Join(dir, "report-photos.pdf")
	if !res.Split || len(res.Files) != 2 || res.Files[1].Path != annex {
		t.Fatalf("files = %v, split %v; want report and %s", res.Files, res.Split, annex)
	}
	if !strings.Contains(pdfText(t, out), "report-photos.pdf") {
		t.Error("the report does not name its photo annex file")
	}
	last := "Photo " + strconv.Itoa(len(annexPhotos(f.d)))
	if text := pdfText(t, annex); !strings.Contains(text, last) || !strings.Contains(text, "LP-2026-0502") {
		t.Error("the annex lacks its last photo or the report number")
	}
	if pdfPages(t, out)+pdfPages(t, annex) != res.Pages {
		t.Errorf("pages over both files differ from Result.Pages %d", res.Pages)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("directory holds %d files, want the report and the annex only", len(entries))
	}
	// Written again with room to spare, the report fits in one file and the
	// old annex must not be left to be mistaken for this one's.
	if res, err = Write(context.Background(), f.d, f.photos, out, Options{Now: now}); err != nil || res.Split {
		t.Fatalf("second write: split %v, %v", res.Split, err)
	}
	if _, err := os.Stat(annex); !os.IsNotExist(err) {
		t.Errorf("a stale annex is left beside the report: %v", err)
	}
}

func TestWriteShrinksPhotosToMeetBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("80 large photos")
	}
	needPoppler(t)
	f := newFixture(t, 76, 2048, 1536) // 80 inspection photos at working-copy size
	out := filepath.Join(t.TempDir(), "big.pdf")
	// Synthetic photos compress far better than camera shots, so the budget
	// is scaled down to force the shrinking pass a real inspection would need.
	const budget = 512 << 10
	res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now, MaxBytes: budget})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("80 photos: %d bytes, %d pages, %.0f dpi, quality %d, split %v", res.Size, res.Pages, res.DPI, res.Quality, res.Split)
	if res.Split || res.OverBudget || res.Size > budget || res.DPI >= bestQuality.dpi {
		t.Errorf("got %d bytes in %d files at %.0f dpi, want one file within %d, photos shrunk", res.Size, len(res.Files), res.DPI, budget)
	}
	if pdfPages(t, out) != res.Pages {
		t.Error("page count mismatch")
	}
}

func TestWriteMissingPhotoLeavesNoFile(t *testing.T) {
	f := newFixture(t, 0, 320, 240)
	lost := f.d.Photos[1]
	path, _ := f.photos.Working(lost)
	os.Remove(path)
	dir := t.TempDir()
	_, err := Write(context.Background(), f.d, f.photos, filepath.Join(dir, "r.pdf"), Options{Now: now})
	if err == nil || !strings.Contains(err.Error(), lost.OriginalName) || !strings.Contains(err.Error(), "Re-import") {
		t.Fatalf("err = %v, want one naming %s and saying what to do", err, lost.OriginalName)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d file(s) behind", len(entries))
	}
}

func TestWriteZeroAndManyFindings(t *testing.T) {
	needPoppler(t)
	for _, n := range []int{0, 500} {
		f := newFixture(t, 0, 320, 240)
		f.d.Findings = nil
		for i := range n {
			f.d.Findings = append(f.d.Findings, inspection.Finding{ID: inspection.NewID(), Class: inspection.Minor,
				Description: "Loose thread " + strconv.Itoa(i+1) + " on the seam, longer than 5 mm", Location: "Hem", Quantity: 1, Units: []int{i + 1}})
		}
		f.d.Sections[len(f.d.Sections)-1].Result = inspection.Pass
		f.d.Checklist = f.d.Checklist[:2]
		out := filepath.Join(t.TempDir(), "r.pdf")
		res, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now})
		if err != nil {
			t.Fatalf("%d findings: %v", n, err)
		}
		text := pdfText(t, out)
		switch n {
		case 0:
			if !strings.Contains(text, "No defects found") || !strings.Contains(text, "PASS") {
				t.Errorf("0 findings: report lacks the empty defect list or PASS")
			}
		default:
			if !strings.Contains(text, "Loose thread 500 on the seam") || !strings.Contains(text, "FAIL") || res.Pages < 15 {
				t.Errorf("500 findings: %d pages, last finding or FAIL missing", res.Pages)
			}
		}
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	dc, err := newDoc(newFixture(t, 0, 64, 48).d, partAll, "", now)
	if err != nil {
		t.Fatal(err)
	}
	dc.font(bodySize, ink, false)
	for _, s := range []string{
		"说明书缺少法语版，客户需确认返工方案。东莞市永明电器有限公司",
		"Lid hinge loose, lid does not stay open on units 3, 17 and 42 of the sample",
		"Averyveryveryveryveryveryveryveryveryveryverylongwordwithoutanyspaceatall",
	} {
		lines := dc.m.wrap(s, 30)
		if strings.ReplaceAll(strings.Join(lines, ""), " ", "") != strings.ReplaceAll(s, " ", "") {
			t.Errorf("wrap(%q) = %q: characters lost", s, lines)
		}
		for _, l := range lines {
			if dc.m.width(l) > 30.01 {
				t.Errorf("line %q is %.1f mm wide, want ≤ 30", l, dc.m.width(l))
			}
		}
	}
}

// TestDraftIsMarkedAndIncompleteIsNotAPass: a draft printed for review says
// so on every page, and a lot with unchecked sections is not shown as PASS.
func TestDraftIsMarkedAndIncompleteIsNotAPass(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 1, 800, 600)
	f.d.Inspection.Status = inspection.Draft
	f.d.Sections = nil
	f.d.Findings = nil
	out := filepath.Join(t.TempDir(), "draft.pdf")
	if _, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now}); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, out)
	if strings.Count(text, "DRAFT") < pdfPages(t, out) {
		t.Errorf("not every page says DRAFT")
	}
	if !strings.Contains(text, "INCOMPLETE") || !strings.Contains(text, "sections not checked") {
		t.Errorf("an unchecked lot reads as a verdict:\n%.600s", text)
	}
}
