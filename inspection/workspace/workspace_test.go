package workspace_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/workspace"
)

// TestOpenSettlesAnImportKilledAfterItsMerge: a bundle import killed after
// its data was merged and before its originals were installed leaves them
// staged; the next start puts the ones the database refers to in the photo
// store, with their renditions, and drops the rest.
func TestOpenSettlesAnImportKilledAfterItsMerge(t *testing.T) {
	dir := t.TempDir()
	f := bundletest.Seed(t, dir)
	d, err := f.DB.Dossier(context.Background(), f.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.DB.Close()
	p := d.Photos[0]
	staged := filepath.Join(dir, workspace.Staging, "import-1")
	if err := os.MkdirAll(staged, 0o700); err != nil {
		t.Fatal(err)
	}
	original := f.Photos.Original(p.SHA256, p.Ext)
	if err := os.Rename(original, filepath.Join(staged, p.SHA256+p.Ext)); err != nil {
		t.Fatal(err)
	}
	stray := filepath.Join(staged, "0000000000000000000000000000000000000000000000000000000000000000.png")
	if err := os.WriteFile(stray, []byte("not referenced"), 0o600); err != nil {
		t.Fatal(err)
	}
	// The killed process's record: a file nobody holds locked.
	if err := os.MkdirAll(filepath.Join(dir, inflight.Folder), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, inflight.Folder, "1-1-dead.json"), nil, 0o600); err != nil {
		t.Fatal(err)
	}

	ws, err := workspace.Open(datadir.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	if ws.Unrecovered != nil {
		t.Fatalf("recovery: %v", ws.Unrecovered)
	}
	for _, path := range []string{original, ws.Photos.Working(p.SHA256), ws.Photos.Thumbnail(p.SHA256)} {
		if _, err := os.Stat(path); err != nil {
			t.Errorf("the staged photo was not installed: %v", err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, workspace.Staging, "import-1")); !os.IsNotExist(err) {
		t.Errorf("the staging folder is still there: %v", err)
	}
}
