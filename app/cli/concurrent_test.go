package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// child starts the test binary as a separate Loupe process running one
// command (see TestMain).
func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+strings.Join(args, "\x1f"))
	return cmd
}

// TestTwoProcessesImportIntoOneDataDirectory: two Loupe processes import
// overlapping batches into one inspection at the same time. Every file is
// imported once or reported as a duplicate in the user's words, and no two
// photos share a position.
func TestTwoProcessesImportIntoOneDataDirectory(t *testing.T) {
	data, id := dataWithInspection(t)
	src := t.TempDir()
	var a, b []string
	for i := range 16 {
		path := filepath.Join(src, fmt.Sprintf("IMG_%04d.JPG", i))
		photoFixture(t, path, uint8(10+i*14))
		if i < 12 {
			a = append(a, path)
		}
		if i >= 4 {
			b = append(b, path)
		}
	}
	var wg sync.WaitGroup
	outs := make([]string, 2)
	codes := make([]int, 2)
	for i, files := range [][]string{a, b} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cmd := child(append([]string{"photos", "import", "--data", data, "--inspection", id.String()}, files...)...)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			err := cmd.Run()
			codes[i], outs[i] = cmd.ProcessState.ExitCode(), out.String()
			if err != nil && codes[i] == 0 {
				codes[i] = -1
			}
		}()
	}
	wg.Wait()
	for i := range outs {
		if codes[i] != ExitOK || strings.Contains(outs[i], "PhotoBySHA") || strings.Contains(outs[i], "failed:") {
			t.Errorf("process %d: exit %d\n%s", i, codes[i], outs[i])
		}
	}
	store, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	photos, err := store.Photos(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if len(photos) != 16 {
		t.Errorf("%d photos, want 16 (each file once)", len(photos))
	}
	positions := map[int]string{}
	for _, p := range photos {
		if other, dup := positions[p.Position]; dup {
			t.Errorf("%s and %s share position %d", other, p.OriginalName, p.Position)
		}
		positions[p.Position] = p.OriginalName
	}
	if left := leftovers(data); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
