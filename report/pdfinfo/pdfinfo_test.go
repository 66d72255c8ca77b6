package pdfinfo

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

// gofpdfFile writes a small PDF the way the report does (gofpdf), with
// information strings that need escaping and UTF-16.
func gofpdfFile(t testing.TB, dir string, compress bool) string {
	t.Helper()
	pdf := gofpdf.New("P", "mm", "A4", "")
	pdf.SetCompression(compress)
	pdf.SetTitle("Pre-shipment inspection report LP-2026-0502 · 李伟 (draft)", true)
	pdf.SetAuthor("Li Wei", true)
	pdf.SetSubject(`back\slash and (parentheses)`, false)
	pdf.SetKeywords("loupe:inspection=0190c3e2-7b1a-7c00-8000-000000000000 loupe:part=report", false)
	pdf.SetCreator("Loupe", true)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "", 12)
	pdf.Cell(40, 10, "page text is not read")
	path := filepath.Join(dir, fmt.Sprintf("gofpdf-%v.pdf", compress))
	if err := pdf.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func need(t testing.TB, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make deps installs it)", tool)
		}
	}
}

func runTool(t testing.TB, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
}

// poppler returns what poppler's pdfinfo reads as the document information.
func poppler(t testing.TB, path string) map[string]string {
	t.Helper()
	out, err := exec.Command("pdfinfo", "-enc", "UTF-8", path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", path, err)
	}
	got := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^(Title|Subject|Keywords|Author|Creator|Producer):\s+(.*)$`).FindAllStringSubmatch(string(out), -1) {
		got[m[1]] = m[2]
	}
	return got
}

// TestReadAgreesWithPoppler reads files as Loupe writes them and as other
// programs rewrite them (object and cross-reference streams, linearized,
// incrementally updated), and compares with poppler's reading.
func TestReadAgreesWithPoppler(t *testing.T) {
	need(t, "pdfinfo", "qpdf", "exiftool")
	dir := t.TempDir()
	plain := gofpdfFile(t, dir, false)
	packed := gofpdfFile(t, dir, true)
	at := func(name string) string { return filepath.Join(dir, name) }
	runTool(t, "qpdf", "--object-streams=generate", packed, at("objstm.pdf"))
	runTool(t, "qpdf", "--linearize", packed, at("linear.pdf"))
	runTool(t, "exiftool", "-q", "-Keywords=rewritten by exiftool", "-o", at("updated.pdf"), packed)
	runTool(t, "exiftool", "-q", "-Keywords=rewritten over streams", "-Title=新しい題名", "-o", at("updated-objstm.pdf"), at("objstm.pdf"))

	cases := []struct {
		file     string
		keywords string
	}{
		{plain, "loupe:inspection=0190c3e2-7b1a-7c00-8000-000000000000 loupe:part=report"},
		{packed, "loupe:inspection=0190c3e2-7b1a-7c00-8000-000000000000 loupe:part=report"},
		{at("objstm.pdf"), "loupe:inspection=0190c3e2-7b1a-7c00-8000-000000000000 loupe:part=report"},
		{at("linear.pdf"), "loupe:inspection=0190c3e2-7b1a-7c00-8000-000000000000 loupe:part=report"},
		{at("updated.pdf"), "rewritten by exiftool"},
		{at("updated-objstm.pdf"), "rewritten over streams"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			got, err := ReadFile(c.file)
			if err != nil {
				t.Fatal(err)
			}
			if got["Keywords"] != c.keywords {
				t.Errorf("Keywords = %q, want %q", got["Keywords"], c.keywords)
			}
			for k, v := range poppler(t, c.file) {
				if got[k] != v {
					t.Errorf("%s = %q; poppler reads %q", k, got[k], v)
				}
			}
		})
	}
}

// pdfWith assembles a classic PDF from numbered object bodies and a
// trailer dictionary, with correct offsets; "%XREF%" in the trailer stands
// for the cross-reference table's own offset.
func pdfWith(objs []string, trailer string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	trailer = strings.ReplaceAll(trailer, "%XREF%", fmt.Sprint(xref))
	fmt.Fprintf(&b, "trailer\n%s\nstartxref\n%d\n%%%%EOF\n", trailer, xref)
	return b.Bytes()
}

func deflate(b []byte) []byte {
	var buf bytes.Buffer
	w := zlib.NewWriter(&buf)
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

func TestReadHandMadeFiles(t *testing.T) {
	catalog := "<< /Type /Catalog /Pages 2 0 R >>"
	pages := "<< /Type /Pages /Kids [] /Count 0 >>"
	bomb := deflate(make([]byte, maxStream+1024))
	cases := []struct {
		name    string
		file    []byte
		want    map[string]string
		wantErr string
	}{
		{"escapes and octal", pdfWith([]string{catalog, pages, `<< /Keywords (a\(b\)c\\d\101\0619 \
continued) /Title <FEFF00E9 4E2D> >>`}, "<< /Root 1 0 R /Info 3 0 R /Size 4 >>"),
			map[string]string{"Keywords": "a(b)c\\dA19 continued", "Title": "é中"}, ""},
		{"indirect string value", pdfWith([]string{catalog, pages, "<< /Keywords 4 0 R >>", "(by reference)"}, "<< /Root 1 0 R /Info 3 0 R >>"),
			map[string]string{"Keywords": "by reference"}, ""},
		{"no information dictionary", pdfWith([]string{catalog, pages}, "<< /Root 1 0 R >>"), map[string]string{}, ""},
		{"a /Prev loop is read once", pdfWith([]string{catalog, pages, "<< /Keywords (k) >>"}, "<< /Root 1 0 R /Info 3 0 R /Prev %XREF% >>"),
			map[string]string{"Keywords": "k"}, ""},
		{"not a PDF", []byte("PK\x03\x04 a zip file"), nil, "not a PDF"},
		{"cut short", pdfWith([]string{catalog, pages, "<< /Keywords (k) >>"}, "<< /Info 3 0 R >>")[:60], nil, "startxref"},
		{"startxref outside the file", []byte("%PDF-1.4\nstartxref\n999999\n%%EOF"), nil, "outside the file"},
		{"encrypted", pdfWith([]string{catalog, pages, "<< /Keywords (k) >>", "<< /Filter /Standard >>"}, "<< /Info 3 0 R /Encrypt 4 0 R >>"), nil, "encrypted"},
		{"information is not a dictionary", pdfWith([]string{catalog, pages, "(text)"}, "<< /Info 3 0 R >>"), nil, "not a dictionary"},
		{"reference loop", pdfWith([]string{catalog, pages, "<< /Keywords 4 0 R >>", "5 0 R", "4 0 R"}, "<< /Info 3 0 R >>"), nil, "too deep"},
		{"deep nesting", pdfWith([]string{catalog, pages, "<< /K " + strings.Repeat("[", 10000) + " >>"}, "<< /Info 3 0 R >>"), nil, "nested"},
		{"unclosed string", pdfWith([]string{catalog, pages, "<< /Keywords (never closed >>"}, "<< /Info 3 0 R >>"), nil, "not closed"},
		{"object number differs from the table", pdfWith([]string{catalog, pages, "<< /Keywords (k) >>"}, "<< /Info 2 0 R >>"), map[string]string{}, ""},
		{"stream bomb", pdfWith([]string{catalog, pages, "<< /Keywords 5 0 R >>", "",
			fmt.Sprintf("<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream", len(bomb), bomb)},
			"<< /Info 3 0 R >>"), nil, "more than"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Read(bytes.NewReader(c.file), int64(len(c.file)))
			switch {
			case c.wantErr != "":
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, c.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case fmt.Sprint(got) != fmt.Sprint(c.want):
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestEncryptedByQPDF(t *testing.T) {
	need(t, "qpdf")
	dir := t.TempDir()
	out := filepath.Join(dir, "locked.pdf")
	runTool(t, "qpdf", "--encrypt", "user", "owner", "256", "--", gofpdfFile(t, dir, true), out)
	if _, err := ReadFile(out); !errors.Is(err, ErrEncrypted) {
		t.Fatalf("err = %v, want ErrEncrypted", err)
	}
}

// FuzzRead: whatever the bytes, Read returns (no panic, no hang) and what
// it returns is valid UTF-8.
func FuzzRead(f *testing.F) {
	dir := f.TempDir()
	for _, compress := range []bool{false, true} {
		b, err := os.ReadFile(gofpdfFile(f, dir, compress))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(pdfWith([]string{"<< /Type /Catalog >>", "<< /Keywords <FEFFD800> >>"}, "<< /Info 2 0 R /Prev 9 >>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		start := time.Now()
		info, err := Read(bytes.NewReader(b), int64(len(b)))
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("Read took %v on %d bytes", d, len(b))
		}
		if err != nil {
			return
		}
		for k, v := range info {
			if !utf8.ValidString(k) && !utf8.ValidString(v) {
				t.Errorf("%q = %q is not UTF-8", k, v)
			}
		}
	})
}
