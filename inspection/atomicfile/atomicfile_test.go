package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".loupe-tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestWrite(t *testing.T) {
	cases := []struct {
		name     string
		old      string // "" for no file before
		write    func(io.Writer) error
		want     string // content after
		wantErr  bool
		wantPerm os.FileMode
	}{
		{"new file", "", func(w io.Writer) error { _, err := io.WriteString(w, "report"); return err }, "report", false, 0o644},
		{"replaces", "old", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", false, 0o600},
		{"failed write leaves the old file", "old", func(w io.Writer) error {
			io.WriteString(w, "half")
			return errors.New("disk gone")
		}, "old", true, 0},
		{"failed write leaves no file", "", func(w io.Writer) error { return errors.New("cancelled") }, "", true, 0},
		{"large", "", func(w io.Writer) error { _, err := w.Write(make([]byte, 3<<20)); return err }, strings.Repeat("\x00", 3<<20), false, 0o600},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "sub", "folder") // created on demand
			path := filepath.Join(dir, "f.pdf")
			if c.old != "" {
				os.MkdirAll(dir, 0o700)
				os.WriteFile(path, []byte(c.old), 0o600)
			}
			err := Write(path, c.wantPerm, c.write)
			if (err != nil) != c.wantErr {
				t.Fatalf("err = %v, want error %v", err, c.wantErr)
			}
			got, rerr := os.ReadFile(path)
			if c.want == "" && !os.IsNotExist(rerr) || c.want != "" && string(got) != c.want {
				t.Errorf("after: %d bytes (%v), want %d", len(got), rerr, len(c.want))
			}
			if l := leftovers(t, dir); len(l) > 0 {
				t.Errorf("temporary files left: %v", l)
			}
			if !c.wantErr && runtime.GOOS != "windows" {
				if fi, _ := os.Stat(path); fi.Mode().Perm() != c.wantPerm {
					t.Errorf("mode %v, want %v", fi.Mode().Perm(), c.wantPerm)
				}
			}
		})
	}
}

func TestCreateCommitAbortInstall(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(f, "candidate")
	f.Abort()
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("Abort left %v", l)
	}
	f, _ = Create(dir)
	io.WriteString(f, "kept")
	if err := f.Commit(filepath.Join(dir, "kept.pdf"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "kept.pdf")); string(b) != "kept" {
		t.Errorf("committed %q", b)
	}
	finished := filepath.Join(dir, ".finished")
	os.WriteFile(finished, []byte("backup"), 0o600)
	if err := Install(finished, filepath.Join(dir, "loupe.db"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(finished); !os.IsNotExist(err) {
		t.Error("Install left the finished file under its old name")
	}
	if err := Install(filepath.Join(dir, "missing"), filepath.Join(dir, "x"), 0o600); err == nil {
		t.Error("installing a file that is not there succeeded")
	}
	if err := Copy(filepath.Join(dir, "loupe.db"), filepath.Join(dir, "copy", "loupe.db"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "copy", "loupe.db")); string(b) != "backup" {
		t.Errorf("copied %q", b)
	}
}
