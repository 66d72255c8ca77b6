package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// photoFixture writes a JPEG whose content depends on shade.
func photoFixture(t *testing.T, path string, shade uint8) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 40))
	for i := range img.Pix {
		img.Pix[i] = shade
	}
	img.Set(0, 0, color.RGBA{255, 0, 0, 255})
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// dataWithInspection makes a data directory holding one draft inspection.
func dataWithInspection(t *testing.T) (string, inspection.ID) {
	t.Helper()
	data := t.TempDir()
	store, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC))
	if err := store.PutInspection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	return data, in.ID
}

func TestPhotosImportJSON(t *testing.T) {
	data, id := dataWithInspection(t)
	src := t.TempDir()
	a := filepath.Join(src, "IMG_0001.JPG")
	photoFixture(t, a, 90)
	photoFixture(t, filepath.Join(src, "DCIM", "IMG_0002.JPG"), 160)
	photoFixture(t, filepath.Join(src, "DCIM", "IMG_0003.JPG"), 90) // same content as a
	broken := filepath.Join(src, "DCIM", "IMG_0004.JPG")
	os.WriteFile(broken, []byte("not a jpeg"), 0o600)

	var stdout, stderr bytes.Buffer
	code := Photos([]string{"import", a, "--inspection", "latest", filepath.Join(src, "DCIM"), "--json", "--data", data}, &stdout, &stderr)
	if code != ExitError {
		t.Fatalf("exit %d, want %d (one file is broken); stderr: %s", code, ExitError, stderr.String())
	}
	var lines []map[string]any
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	if len(lines) != 4 {
		t.Fatalf("%d lines, want one per file:\n%s", len(lines), stdout.String())
	}
	okKeys := []string{"duplicate", "file", "height", "id", "original", "other_day", "reused", "sha256", "taken_at", "thumbnail", "width", "working"}
	for i, want := range []string{a, filepath.Join(src, "DCIM", "IMG_0002.JPG"), filepath.Join(src, "DCIM", "IMG_0003.JPG"), broken} {
		m := lines[i]
		if m["file"] != want {
			t.Errorf("line %d is for %v, want %s", i, m["file"], want)
		}
		if want == broken {
			if keys := sortedKeys(m); !slices.Equal(keys, []string{"error", "file"}) || !strings.Contains(m["error"].(string), "not a photo") {
				t.Errorf("broken file: %v", m)
			}
			continue
		}
		if keys := sortedKeys(m); !slices.Equal(keys, okKeys) {
			t.Errorf("line %d fields %v, want %v", i, keys, okKeys)
		}
		for _, k := range []string{"original", "working", "thumbnail"} {
			p, _ := m[k].(string)
			if _, err := os.Stat(p); err != nil || !filepath.IsAbs(p) {
				t.Errorf("line %d %s %q: %v", i, k, p, err)
			}
		}
		if m["width"] != 60.0 || m["height"] != 40.0 || m["taken_at"] != nil {
			t.Errorf("line %d: %v", i, m)
		}
	}
	if lines[0]["duplicate"] != false || lines[2]["duplicate"] != true || lines[2]["id"] != lines[0]["id"] {
		t.Errorf("duplicate not reported: %v / %v", lines[0], lines[2])
	}

	store, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if photos, _ := store.Photos(context.Background(), id); len(photos) != 2 {
		t.Errorf("%d photos stored, want 2", len(photos))
	}
}

func sortedKeys(m map[string]any) []string {
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestPhotosImportTextAndExitStatus(t *testing.T) {
	data, id := dataWithInspection(t)
	a := filepath.Join(t.TempDir(), "a.jpg")
	photoFixture(t, a, 30)
	var stdout, stderr bytes.Buffer
	if code := Photos([]string{"import", "--data", data, "--inspection", id.String(), a}, &stdout, &stderr); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	out := stdout.String()
	if !strings.Contains(out, "[1/1] "+a) || !strings.Contains(out, "Imported 1 of 1 files") {
		t.Errorf("output:\n%s", out)
	}
	// Importing again is a duplicate, which is success.
	stdout.Reset()
	if code := Photos([]string{"import", "--data", data, "--inspection", "latest", "--", a}, &stdout, &stderr); code != ExitOK || !strings.Contains(stdout.String(), "duplicate") {
		t.Errorf("re-import: exit %d\n%s", code, stdout.String())
	}

	for _, args := range [][]string{
		{},
		{"export"},
		{"import", "--data", data, "--inspection", "latest"},
		{"import", "--data", data, "--bogus", a},
		{"import", "--data", data, "--inspection", "not-an-id", a},
	} {
		if code := Photos(args, &stdout, &stderr); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
	if code := Photos([]string{"import", "--data", data, "--inspection", inspection.NewID().String(), a}, &stdout, &stderr); code != ExitError {
		t.Errorf("unknown inspection: exit %d, want %d", code, ExitError)
	}
}
