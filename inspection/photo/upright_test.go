package photo

import "testing"

// TestUprightInMemory: a photo held in memory (a signed paper) is turned by
// its EXIF orientation and shrunk like an import, and garbage is refused.
func TestUprightInMemory(t *testing.T) {
	data := withEXIF(encodeTestJPEG(t, quadrants(600, 400)), exifAPP1(6, ""))
	img, err := Upright("signed.jpg", data, 300)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 200 || b.Dy() != 300 {
		t.Errorf("upright size %v; want 200×300 (turned, shrunk)", b)
	}
	if _, err := Upright("notes.txt", []byte("not a photo"), 300); err == nil {
		t.Error("text accepted as a photo")
	}
}
