package sqlite_test

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Environment of the helper process: what to do, on which database.
const (
	helperEnv     = "LOUPE_SQLITE_HELPER"
	helperDBEnv   = "LOUPE_SQLITE_HELPER_DB"
	helperInspEnv = "LOUPE_SQLITE_HELPER_INSPECTION"
)

// TestHelperProcess is not a test: it is the second process the tests below
// start by re-running the test binary.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process only")
	}
	if err := helper(mode); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func helper(mode string) error {
	db, err := sqlite.Open(os.Getenv(helperDBEnv))
	if err != nil {
		return err
	}
	defer db.Close()
	switch mode {
	case "write-one":
		id, err := inspection.ParseID(os.Getenv(helperInspEnv))
		if err != nil {
			return err
		}
		f := inspection.Finding{ID: inspection.NewID(), InspectionID: id, Class: inspection.Minor, Quantity: 1, Description: "from the other process"}
		if err := db.PutFinding(ctx, &f); err != nil {
			return err
		}
		fmt.Println(f.ID)
		return nil
	case "write-forever":
		// A fresh inspection per run keeps each verdict refresh small.
		in := inspection.NewInspection(inspection.PSI, time.Now())
		in.LotSize = 500
		if err := db.PutInspection(ctx, in); err != nil {
			return err
		}
		fmt.Printf("I %s\n", in.ID)
		for i := 0; ; i++ {
			f := inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Quantity: 1,
				Description: fmt.Sprintf("finding %d", i), Position: i}
			if err := db.PutFinding(ctx, &f); err != nil {
				return err
			}
			// Printed only once Put has returned: every ID the parent
			// reads was committed.
			fmt.Printf("F %s\n", f.ID)
			// The window's autosave rewrites the inspection row as the
			// inspector types: an edit reported saved must survive too.
			in.Comments = strconv.Itoa(i)
			if err := db.PutInspection(ctx, in); err != nil {
				return err
			}
			fmt.Printf("E %d\n", i)
		}
	}
	return fmt.Errorf("unknown helper mode %q", mode)
}

func helperCmd(mode, dbPath string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), append([]string{helperEnv + "=" + mode, helperDBEnv + "=" + dbPath}, env...)...)
	return cmd
}

func TestSecondProcess(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	db := openAt(t, path)
	f := seed(t, db)

	out, err := helperCmd("write-one", path, helperInspEnv+"="+f.in.ID.String()).Output()
	if err != nil {
		t.Fatalf("helper process: %v\n%s", err, stderrOf(err))
	}
	childID, err := inspection.ParseID(strings.TrimSpace(string(out)))
	must(t, err)

	findings, err := db.Findings(ctx, f.in.ID)
	must(t, err)
	if len(findings) != 1 || findings[0].ID != childID {
		t.Fatalf("parent sees %+v, want the child's finding %s", findings, childID)
	}
	// And the parent can still write after the child.
	must(t, db.PutFinding(ctx, &inspection.Finding{ID: inspection.NewID(), InspectionID: f.in.ID, Class: inspection.Minor, Quantity: 1}))
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// TestCrashKeepsCommittedWork kills a writing process at random moments and
// checks that the file stays sound and that every write the process saw
// succeed is there.
func TestCrashKeepsCommittedWork(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL semantics differ on Windows")
	}
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	path := filepath.Join(t.TempDir(), "loupe.db")
	db, err := sqlite.Open(path)
	must(t, err)
	must(t, db.Close())

	const kills = 20
	committed := map[inspection.ID][]inspection.ID{} // inspection → findings
	edited := map[inspection.ID]int{}                // inspection → last comment reported saved
	total := 0
	for i := 0; i < kills; i++ {
		cmd := helperCmd("write-forever", path)
		stdout, err := cmd.StdoutPipe()
		must(t, err)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		must(t, cmd.Start())
		var lines []string
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			lines = completeLines(stdout)
		}()
		time.Sleep(time.Duration(20+rand.IntN(181)) * time.Millisecond)
		must(t, cmd.Process.Kill())
		wg.Wait()
		if err := cmd.Wait(); err != nil && !strings.Contains(err.Error(), "killed") {
			t.Fatalf("run %d: helper failed before it was killed: %v\n%s", i, err, stderr.String())
		}
		var current inspection.ID
		for _, l := range lines {
			kind, id, ok := strings.Cut(l, " ")
			if kind == "E" {
				n, err := strconv.Atoi(id)
				if err != nil {
					t.Fatalf("run %d: unexpected output %q", i, l)
				}
				edited[current] = n
				continue
			}
			parsed, err := inspection.ParseID(id)
			if !ok || err != nil {
				t.Fatalf("run %d: unexpected output %q", i, l)
			}
			switch kind {
			case "I":
				current = parsed
				committed[current] = nil
			case "F":
				committed[current] = append(committed[current], parsed)
				total++
			}
		}
	}
	if total == 0 {
		t.Fatal("the helper never committed a finding: nothing was tested")
	}

	db = openAt(t, path)
	report, err := db.IntegrityCheck(ctx)
	must(t, err)
	if report != "ok" {
		t.Fatalf("integrity check after %d kills: %s", kills, report)
	}
	for in, want := range committed {
		got, err := db.Findings(ctx, in)
		must(t, err)
		have := map[inspection.ID]bool{}
		for _, f := range got {
			have[f.ID] = true
		}
		for _, id := range want {
			if !have[id] {
				t.Errorf("finding %s of inspection %s was reported committed but is lost", id, in)
			}
		}
		if n, ok := edited[in]; ok {
			stored, err := db.Inspection(ctx, in)
			must(t, err)
			if got, err := strconv.Atoi(stored.Comments); err != nil || got < n {
				t.Errorf("inspection %s holds comment %q, but edit %d was reported saved", in, stored.Comments, n)
			}
		}
	}
	t.Logf("%d kills, %d committed findings and %d inspection edits, all present", kills, total, len(edited))
}

// completeLines reads r to the end and returns the newline-terminated lines:
// a line cut short by the kill was never reported.
func completeLines(r io.Reader) []string {
	var lines []string
	br := bufio.NewReader(r)
	for {
		l, err := br.ReadString('\n')
		if err != nil {
			return lines
		}
		lines = append(lines, strings.TrimSuffix(l, "\n"))
	}
}
