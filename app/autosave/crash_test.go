package autosave_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/app/autosave"
	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Environment of the helper process.
const (
	typistEnv   = "LOUPE_AUTOSAVE_TYPIST_DB"
	typistInsp  = "LOUPE_AUTOSAVE_TYPIST_INSPECTION"
	typistRun   = "LOUPE_AUTOSAVE_TYPIST_RUN"
	typistWin   = 100 * time.Millisecond // the helper's window: short, so the test is quick
	typistSlack = time.Second            // for one write and a busy machine
)

// TestTypistProcess is not a test: it is the process the crash test kills.
// It types into an inspection's comments as fast as a scanner, through the
// autosaver, and prints each value with the time it was typed.
func TestTypistProcess(t *testing.T) {
	path := os.Getenv(typistEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	db, err := sqlite.Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	id, _ := inspection.ParseID(os.Getenv(typistInsp))
	in, err := db.Inspection(context.Background(), id)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	s := autosave.New(context.Background(), typistWin, nil)
	run := os.Getenv(typistRun)
	for n := 1; ; n++ {
		snap := *in
		snap.Comments = run + " " + strconv.Itoa(n)
		s.Put("inspection", snap, func(ctx context.Context) error { return db.PutInspection(ctx, &snap) })
		fmt.Printf("T %d %d\n", n, time.Now().UnixNano())
		time.Sleep(3 * time.Millisecond)
	}
}

// TestKillLosesAtMostTheWindow kills the typist at random moments with
// SIGKILL and checks the database is sound and holds a value typed no
// earlier than one window (plus one write) before the kill.
func TestKillLosesAtMostTheWindow(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL semantics differ on Windows")
	}
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "loupe.db")
	db, err := sqlite.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	in := inspection.NewInspection(inspection.PSI, time.Now())
	if err := db.PutInspection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	db.Close()

	const kills = 4
	for run := range kills {
		cmd := exec.Command(os.Args[0], "-test.run=^TestTypistProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), typistEnv+"="+path, typistInsp+"="+in.ID.String(), typistRun+"="+strconv.Itoa(run))
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		typed := make(chan map[int]time.Time, 1)
		go func() { typed <- readTyped(stdout) }()
		time.Sleep(time.Duration(1200+rand.IntN(800)) * time.Millisecond)
		killedAt := time.Now()
		cmd.Process.Kill()
		got := <-typed
		cmd.Wait()

		db, err := sqlite.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		report, _ := db.IntegrityCheck(context.Background())
		stored, err := db.Inspection(context.Background(), in.ID)
		db.Close()
		if err != nil || report != "ok" {
			t.Fatalf("run %d: integrity %q, read %v", run, report, err)
		}
		// Each run types "<run> <n>": a value left by an earlier run is
		// not mistaken for this one's.
		var storedRun, n int
		_, err = fmt.Sscanf(stored.Comments, "%d %d", &storedRun, &n)
		if _, wasTyped := got[n]; err != nil || storedRun != run || !wasTyped {
			t.Fatalf("run %d: the database holds %q, which this run never typed", run, stored.Comments)
		}
		mustHave := 0
		for v, at := range got {
			if at.Before(killedAt.Add(-typistWin-typistSlack)) && v > mustHave {
				mustHave = v
			}
		}
		if mustHave == 0 {
			t.Fatalf("run %d: nothing was typed long enough before the kill: nothing was tested", run)
		}
		if n < mustHave {
			t.Errorf("run %d: stored value %d, but %d was typed more than %s before the kill", run, n, mustHave, typistWin+typistSlack)
		}
		t.Logf("run %d: %d values typed, %d stored, %d at least", run, len(got), n, mustHave)
	}
}

// readTyped reads "T n unixnano" lines until the process dies; a line cut
// by the kill is dropped.
func readTyped(r io.Reader) map[int]time.Time {
	out := map[int]time.Time{}
	br := bufio.NewReader(r)
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			return out
		}
		f := strings.Fields(l)
		if len(f) != 3 || f[0] != "T" {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		ns, _ := strconv.ParseInt(f[2], 10, 64)
		out[n] = time.Unix(0, ns)
	}
}
