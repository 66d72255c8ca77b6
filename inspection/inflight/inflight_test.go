package inflight_test

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection/inflight"
)

// The test binary doubles as a Loupe process that starts work and then
// waits to be killed: INFLIGHT_CHILD=dataDir,outDir,tmpDir.
func TestMain(m *testing.M) {
	if spec := os.Getenv("INFLIGHT_CHILD"); spec != "" {
		os.Exit(child(strings.Split(spec, ",")))
	}
	os.Exit(m.Run())
}

// child leaves every kind of leftover a killed command can leave, says
// "ready" and blocks until it is killed.
func child(dirs []string) int {
	data, out, tmp := dirs[0], dirs[1], dirs[2]
	r, err := inflight.Start(data, inflight.Recovery{})
	if err != nil {
		fmt.Println(err)
		return 1
	}
	demo, err := os.MkdirTemp(tmp, "loupe-demo-")
	check(err)
	check(r.Remove(demo))
	check(os.WriteFile(filepath.Join(demo, "IMG_0001.JPG"), []byte("x"), 0o600))
	check(r.Sweep(out))
	check(os.WriteFile(filepath.Join(out, ".loupe-report-123.pdf.tmp"), []byte("%PDF"), 0o600))
	check(os.MkdirAll(filepath.Join(data, "photos", "originals", "ab"), 0o700))
	check(os.WriteFile(filepath.Join(data, "photos", "originals", "ab", ".loupe-tmp-77"), []byte("x"), 0o600))
	check(r.Promise("backup"))
	fmt.Println("ready")
	select {}
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// spawn starts a child and waits until its leftovers exist.
func spawn(t *testing.T, data, out, tmp string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "INFLIGHT_CHILD="+strings.Join([]string{data, out, tmp}, ","))
	stdout, err := cmd.StdoutPipe()
	check(err)
	check(cmd.Start())
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		cmd.Process.Kill()
		t.Fatalf("child: %q %v", line, err)
	}
	return cmd
}

func kill(cmd *exec.Cmd) {
	cmd.Process.Kill()
	cmd.Wait()
}

// leftovers lists Loupe temporary files under the folders.
func leftovers(t *testing.T, dirs ...string) []string {
	t.Helper()
	var out []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(path string, e fs.DirEntry, err error) error {
			if err == nil && inflight.Temporary(e.Name()) {
				out = append(out, path)
			}
			return nil
		})
	}
	return out
}

func TestDeadProcessLeftoversAreCleanedAtNextStart(t *testing.T) {
	data, out, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	kill(spawn(t, data, out, tmp))
	if got := leftovers(t, data, out, tmp); len(got) != 3 {
		t.Fatalf("the killed child left %v, want 3 leftovers", got)
	}
	// Another program's files beside the report, named like temporary
	// files of Loupe's data directory: not Loupe's to remove there.
	theirs := []string{filepath.Join(out, "movie.mp4.partial"), filepath.Join(out, ".tmp-editor")}
	for _, f := range theirs {
		check(os.WriteFile(f, []byte("theirs"), 0o600))
	}
	var finished []string
	tidy := func() error { return inflight.SweepTree(filepath.Join(data, "photos"), true) }
	r, err := inflight.Start(data, inflight.Recovery{
		Finish: func(task string) error { finished = append(finished, task); return nil },
		Tidy:   tidy,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer r.End()
	if got := leftovers(t, data, out, tmp); !slices.Equal(got, theirs) && !slices.Equal(got, []string{theirs[1], theirs[0]}) {
		t.Errorf("left after the next start: %v, want only the other program's %v", got, theirs)
	}
	for _, f := range theirs {
		if _, err := os.Stat(f); err != nil {
			t.Errorf("another program's file was removed: %v", err)
		}
	}
	if !slices.Equal(finished, []string{"backup"}) {
		t.Errorf("promises kept: %v, want the backup", finished)
	}
	records, _ := os.ReadDir(filepath.Join(data, inflight.Folder))
	for _, e := range records {
		if strings.HasSuffix(e.Name(), ".json") && !strings.Contains(e.Name(), fmt.Sprintf("-%d-", os.Getpid())) {
			t.Errorf("the dead process's record %s is still there", e.Name())
		}
	}
}

func TestRunningProcessFilesAreLeftAlone(t *testing.T) {
	data, out, tmp := t.TempDir(), t.TempDir(), t.TempDir()
	alive := spawn(t, data, out, tmp)
	dead := spawn(t, data, out, t.TempDir())
	kill(dead)
	tidied, finished := 0, 0
	rec := inflight.Recovery{
		Finish: func(string) error { finished++; return nil },
		Tidy:   func() error { tidied++; return nil },
	}
	r, err := inflight.Start(data, rec)
	if err != nil {
		t.Fatal(err)
	}
	r.End()
	if tidied != 0 {
		t.Error("tidied the data folder while another Loupe runs in it")
	}
	if finished != 1 {
		t.Errorf("the dead process's backup was made %d times, want 1", finished)
	}
	if _, err := os.Stat(filepath.Join(out, ".loupe-report-123.pdf.tmp")); err != nil {
		t.Errorf("a running process's report in progress was removed: %v", err)
	}
	if got := leftovers(t, tmp); len(got) != 1 {
		t.Errorf("the running process's temp folder: %v", got)
	}

	// A second start while it still runs keeps nothing twice.
	r, err = inflight.Start(data, rec)
	check(err)
	r.End()
	if finished != 1 {
		t.Errorf("the backup was made again: %d", finished)
	}

	kill(alive)
	r, err = inflight.Start(data, rec)
	check(err)
	defer r.End()
	if tidied != 1 {
		t.Errorf("tidied %d times once alone, want 1", tidied)
	}
	if got := leftovers(t, out, tmp); len(got) != 0 {
		t.Errorf("left after both processes ended: %v", got)
	}
}

func TestRemoveRefusesOrdinaryFiles(t *testing.T) {
	r, err := inflight.Start(t.TempDir(), inflight.Recovery{})
	check(err)
	defer r.End()
	if err := r.Remove(filepath.Join(t.TempDir(), "report.pdf")); err == nil {
		t.Error("Remove accepted a file that is not named like a temporary file")
	}
	if err := r.End(); err != nil {
		t.Errorf("End: %v", err)
	}
	if err := r.Promise("backup"); err == nil {
		t.Error("a record took a promise after End")
	}
}

// TestTempDir: the folder is made in the system's temp directory under a
// name the next start removes when its process died (see Remove).
func TestTempDir(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	r, err := inflight.Start(t.TempDir(), inflight.Recovery{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.End()
	dir, err := r.TempDir()
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		t.Fatalf("the folder was not made: %v", err)
	}
	if filepath.Dir(dir) != os.TempDir() || !inflight.Temporary(filepath.Base(dir)) {
		t.Errorf("%s is not a Loupe temporary folder in %s", dir, os.TempDir())
	}
}

// TestHold: one holder at a time, in one process as in two; the lock is
// free again once released.
func TestHold(t *testing.T) {
	data := t.TempDir()
	release, err := inflight.Hold(data, "sync")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := inflight.Hold(data, "sync"); !errors.Is(err, inflight.ErrHeld) {
		t.Fatalf("a second holder: %v", err)
	}
	other, err := inflight.Hold(data, "backup")
	if err != nil {
		t.Fatalf("another lock's name: %v", err)
	}
	other()
	release()
	again, err := inflight.Hold(data, "sync")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	again()
}
