package report

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestReportCarriesItsIdentity: every file written, the report and a split
// photo annex, names its inspection, content hash and part in the document
// information, the same as its footer prints, and poppler reads it too.
func TestReportCarriesItsIdentity(t *testing.T) {
	needPoppler(t)
	f := newFixture(t, 6, 1200, 900)
	sum, err := inspection.ContentHash(f.d)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	whole, err := Write(context.Background(), f.d, f.photos, filepath.Join(dir, "whole.pdf"), Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	split, err := Write(context.Background(), f.d, f.photos, filepath.Join(dir, "split.pdf"), Options{Now: now, MaxBytes: 60 << 10})
	if err != nil {
		t.Fatal(err)
	}
	if !split.Split {
		t.Fatal("the small budget did not split the report: the annex goes untested")
	}
	files := map[string]string{
		whole.Files[0].Path: PartReport,
		split.Files[0].Path: PartReport,
		split.Files[1].Path: PartAnnex,
	}
	for path, part := range files {
		m, err := ReadMeta(path)
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(path), err)
		}
		want := Meta{Inspection: f.d.Inspection.ID, ContentSHA256: sum, Part: part}
		if m != want {
			t.Errorf("%s: identity %v, want %v", filepath.Base(path), m, want)
		}
		out, err := exec.Command("pdfinfo", path).Output()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(out), want.keywords()) {
			t.Errorf("%s: poppler reads no %q in\n%s", filepath.Base(path), want.keywords(), out)
		}
		footers := regexp.MustCompile(`SHA-256 ([0-9a-f]{64})`).FindAllStringSubmatch(pdfText(t, path), -1)
		if len(footers) == 0 {
			t.Errorf("%s: no footer hash", filepath.Base(path))
		}
		for _, h := range footers {
			if h[1] != m.ContentSHA256 {
				t.Errorf("%s: a footer prints %s, the keywords %s", filepath.Base(path), h[1], m.ContentSHA256)
			}
		}
	}
}

func TestParseKeywords(t *testing.T) {
	id := "0190c3e2-7b1a-7c00-8000-000000000000"
	sha := strings.Repeat("ab", 32)
	full := "loupe:inspection=" + id + " loupe:content-sha256=" + sha + " loupe:part=report"
	cases := []struct {
		kw      string
		want    Meta
		code    string // error code, "" for none
		message string
	}{
		{full, Meta{Inspection: mustID(t, id), ContentSHA256: sha, Part: PartReport}, "", ""},
		{"quality, kettles  " + full + " other words", Meta{Inspection: mustID(t, id), ContentSHA256: sha, Part: PartReport}, "", ""},
		{"", Meta{}, inspection.ENOTFOUND, "no Loupe identity"},
		{"kettle inspection report", Meta{}, inspection.ENOTFOUND, "no Loupe identity"},
		{full + " loupe:content-sha256=" + sha, Meta{}, inspection.EINVALID, "twice"},
		{"loupe:inspection=" + id, Meta{}, inspection.EINVALID, "only part"},
		{strings.Replace(full, id, "LP-2026-0502", 1), Meta{}, inspection.EINVALID, "not an ID"},
		{strings.Replace(full, sha, strings.ToUpper(sha), 1), Meta{}, inspection.EINVALID, "content SHA-256"},
		{strings.Replace(full, sha, sha[:63], 1), Meta{}, inspection.EINVALID, "content SHA-256"},
		{strings.Replace(full, "part=report", "part=invoice", 1), Meta{}, inspection.EINVALID, "part"},
	}
	for _, c := range cases {
		m, err := parseKeywords(c.kw)
		if inspection.ErrorCode(err) != c.code || err != nil && !strings.Contains(err.Error(), c.message) || m != c.want {
			t.Errorf("parseKeywords(%q) = %v, %v; want %v, a %q error saying %q", c.kw, m, err, c.want, c.code, c.message)
		}
	}
	if _, err := parseKeywords("no identity"); !errors.Is(err, ErrNoMeta) {
		t.Errorf("a PDF without identity: %v, want ErrNoMeta", err)
	}
}

func mustID(t *testing.T, s string) inspection.ID {
	id, err := inspection.ParseID(s)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
