//go:build unix

package photo

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipeIsRefusedNotRead: a FIFO named like a photo, given by name
// or found in a folder, is refused at once; opening it to read would wait
// for a writer forever.
func TestNamedPipeIsRefusedNotRead(t *testing.T) {
	im, db, insp := newImporter(t)
	dir := t.TempDir()
	good := writeFile(t, dir, "card/IMG_0001.JPG", distinctJPEG(t, 1))
	fifo := filepath.Join(dir, "card", "x.jpg")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, args := range [][]string{{fifo}, {filepath.Join(dir, "card")}} {
		done := make(chan []Result, 1)
		go func() { done <- im.ImportAll(context.Background(), insp, args, nil) }()
		var results []Result
		select {
		case results = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("import %v hangs on the named pipe", args)
		}
		var refused bool
		for _, r := range results {
			switch r.File {
			case fifo:
				refused = r.Err != nil && strings.Contains(r.Err.Error(), "named pipe") && strings.Contains(r.Err.Error(), "x.jpg")
			case good:
				if r.Err != nil {
					t.Errorf("%s: %v", r.File, r.Err)
				}
			}
		}
		if !refused {
			t.Errorf("import %v: %+v, want the pipe refused by name", args, results)
		}
	}
	// Called directly, the importer refuses it too.
	if r := im.ImportFile(context.Background(), insp, fifo); r.Err == nil || !strings.Contains(r.Err.Error(), "named pipe") {
		t.Errorf("ImportFile on a pipe: %v", r.Err)
	}
	if photos, _ := db.Photos(context.Background(), insp); len(photos) != 1 {
		t.Errorf("%d rows, want the one photo", len(photos))
	}
}

// TestControlCharactersInNamesAreEscaped: a file name holding a line break
// or a terminal escape is quoted in messages, never printed raw.
func TestControlCharactersInNamesAreEscaped(t *testing.T) {
	im, _, insp := newImporter(t)
	dir := t.TempDir()
	name := "IMG\x1b[2J\nfailed: other.jpg"
	path := writeFile(t, dir, name, []byte("not a photo at all"))
	r := im.ImportFile(context.Background(), insp, path)
	if r.Err == nil {
		t.Fatal("garbage imported")
	}
	msg := r.Err.Error()
	if strings.ContainsAny(msg, "\x1b\n") || !strings.Contains(msg, `"IMG\x1b[2J\nfailed: other.jpg"`) {
		t.Errorf("message %q, want the name quoted with escapes", msg)
	}
	if got := Printable("IMG_0001.JPG"); got != "IMG_0001.JPG" {
		t.Errorf("a plain name is changed: %q", got)
	}
	if got := Printable("东莞 样品.jpg"); got != "东莞 样品.jpg" {
		t.Errorf("a printable non-ASCII name is changed: %q", got)
	}
	if got := Printable("photo\u202egpj.exe"); got != `"photo\u202egpj.exe"` {
		t.Errorf("a right-to-left override is not escaped: %q", got)
	}
}
