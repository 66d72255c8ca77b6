package photo

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestRebuildFromOriginal: with only the original in the store (a bundle
// import), Rebuild makes an upright working copy and a thumbnail, and it
// refuses an original whose bytes no longer match its name.
func TestRebuildFromOriginal(t *testing.T) {
	im, _, id := newImporter(t)
	// Stored sideways (600 wide, 400 high) with orientation 6: upright is 400×600.
	data := withEXIF(encodeTestJPEG(t, quadrants(600, 400)), exifAPP1(6, ""))
	res := im.ImportFile(context.Background(), id, writeFile(t, t.TempDir(), "IMG_1.JPG", data))
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	files, sha, ext := im.Files, res.Photo.SHA256, res.Photo.Ext
	for _, p := range []string{files.Working(sha), files.Thumbnail(sha)} {
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := files.Rebuild(sha, ext); err != nil {
		t.Fatal(err)
	}
	if w, h, err := workingSize(files.Working(sha)); err != nil || w != 400 || h != 600 {
		t.Errorf("rebuilt working copy %dx%d (%v); want 400x600, upright", w, h, err)
	}
	if _, err := os.Stat(files.Thumbnail(sha)); err != nil {
		t.Errorf("no thumbnail: %v", err)
	}

	if err := os.Remove(files.Working(sha)); err != nil {
		t.Fatal(err)
	}
	orig := files.Original(sha, ext)
	if err := os.WriteFile(orig, append(data, 0), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := files.Rebuild(sha, ext); err == nil || !strings.Contains(err.Error(), "altered") {
		t.Errorf("altered original: err = %v", err)
	}
	if err := files.Rebuild(strings.Repeat("0", 64), ".jpg"); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("missing original: err = %v", err)
	}
}
