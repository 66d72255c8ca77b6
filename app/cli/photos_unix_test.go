//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPhotosImportHostileNames: a named pipe called x.jpg is refused at once
// (it used to hang the import), and names with control characters are
// printed escaped on every line, so they cannot forge or hide output.
func TestPhotosImportHostileNames(t *testing.T) {
	data, _ := dataWithInspection(t)
	src := t.TempDir()
	photoFixture(t, filepath.Join(src, "IMG\x1b[2J\nok.jpg"), 60)
	if err := os.WriteFile(filepath.Join(src, "bad\rname.jpg"), []byte("not a photo"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(src, "x.jpg"), 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	var stdout, stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Photos([]string{"import", "--data", data, "--inspection", "latest", src}, &stdout, &stderr)
	}()
	var code int
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("photos import hangs on a named pipe")
	}
	out := stdout.String()
	if code != ExitError {
		t.Errorf("exit %d, want %d (two files failed)", code, ExitError)
	}
	if strings.ContainsAny(out, "\x1b\r") {
		t.Errorf("control characters printed raw:\n%q", out)
	}
	for _, want := range []string{`IMG\x1b[2J\nok.jpg"`, `"bad\rname.jpg"`, "x.jpg is a named pipe", "Imported 1 of 3 files"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if !strings.HasPrefix(line, "[") && !strings.HasPrefix(line, "failed:") && !strings.HasPrefix(line, "Imported") {
			t.Errorf("line %q: a file name broke a line", line)
		}
	}
}
