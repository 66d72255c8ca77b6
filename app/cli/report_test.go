package cli

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/photo"
)

// seedDemo fills a data directory with the demo data set, real photos included.
func seedDemo(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	im := &photo.Importer{Store: store, Files: photo.Files{Dir: filepath.Join(dir, "photos")}}
	if _, err := demo.Seed(context.Background(), store, im, nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestReportWritesDemoInspection(t *testing.T) {
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo not installed (apt-get install poppler-utils)")
	}
	data := seedDemo(t)
	out := filepath.Join(t.TempDir(), "latest.pdf")
	var stdout, stderr bytes.Buffer
	if code := Report([]string{"--data", data, "--inspection", "latest", "--out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), out) || !strings.Contains(stdout.String(), "pages") || !strings.Contains(stdout.String(), "MB") {
		t.Errorf("stdout = %q, want the path, page count and size", stdout.String())
	}
	if err := exec.Command("pdfinfo", out).Run(); err != nil {
		t.Errorf("pdfinfo %s: %v", out, err)
	}
}

func TestReportErrors(t *testing.T) {
	data := seedDemo(t)
	outDir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no out", []string{"--inspection", "latest"}, ExitUsage, "--out"},
		{"not pdf", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.doc")}, ExitUsage, ".pdf"},
		{"bad budget", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "0"}, ExitUsage, "--max-mb"},
		{"NaN budget", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "NaN"}, ExitUsage, "not NaN"},
		{"infinite budget", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "Inf"}, ExitUsage, "not +Inf"},
		{"huge budget", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "1e308"}, ExitUsage, "not 1e+308"},
		{"negative budget", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "-1"}, ExitUsage, "not -1"},
		{"budget rounding to no bytes", []string{"--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "1e-300"}, ExitUsage, "--max-mb"},
		{"bad id", []string{"--inspection", "nope", "--out", filepath.Join(outDir, "r.pdf")}, ExitUsage, "UUID"},
		{"unknown id", []string{"--inspection", "0190c3e2-7b1a-7c00-8000-000000000000", "--out", filepath.Join(outDir, "r.pdf")}, ExitError, ""},
	} {
		var stdout, stderr bytes.Buffer
		code := Report(append([]string{"--data", data}, c.args...), &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d mentioning %q", c.name, code, stderr.String(), c.code, c.want)
		}
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		t.Errorf("failed runs left %d file(s) behind", len(entries))
	}
}

// TestReportWarnsOfUnprintableText: characters no report font has are
// printed as a visible mark and named on stderr; the report is still written.
func TestReportWarnsOfUnprintableText(t *testing.T) {
	data := seedDemo(t)
	store, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	d, err := openDossier(ctx, store, "latest")
	if err != nil || len(d.Findings) == 0 {
		t.Fatalf("demo dossier: %v, %d findings", err, len(d.Findings))
	}
	f := d.Findings[0]
	f.Description = "Seal label shows 😀 instead of the logo"
	if err := store.PutFinding(ctx, &f); err != nil {
		t.Fatal(err)
	}
	store.Close()
	out := filepath.Join(t.TempDir(), "r.pdf")
	var stdout, stderr bytes.Buffer
	if code := Report([]string{"--data", data, "--inspection", d.Inspection.ID.String(), "--out", out}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "warning") || !strings.Contains(stderr.String(), "U+1F600") {
		t.Errorf("stderr = %q, want a warning naming U+1F600", stderr.String())
	}
}
