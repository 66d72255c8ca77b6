package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Environment of the helper process: the arguments of `loupe report`.
const reportArgsEnv = "LOUPE_CLI_REPORT_ARGS"

// TestReportHelperProcess is not a test: TestCtrlCStopsReportAndLeavesNothing
// runs `loupe report` in it, to interrupt it as a user would.
func TestReportHelperProcess(t *testing.T) {
	args := os.Getenv(reportArgsEnv)
	if args == "" {
		t.Skip("helper process only")
	}
	os.Exit(Report(strings.Split(args, "\n"), os.Stdout, os.Stderr))
}

// TestCtrlCStopsReportAndLeavesNothing presses Ctrl-C (SIGINT) while a
// report is being rendered: the command stops, says so, exits 1 and leaves
// neither the report nor a temporary file in the output folder.
func TestCtrlCStopsReportAndLeavesNothing(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGINT to send on Windows")
	}
	data := seedDemo(t)
	outDir := t.TempDir()
	// A tiny budget makes the report render again and again with smaller
	// photos, then split: long enough to be interrupted half-way.
	args := []string{"--data", data, "--inspection", "latest", "--out", filepath.Join(outDir, "r.pdf"), "--max-mb", "0.02"}
	cmd := exec.Command(os.Args[0], "-test.run=^TestReportHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), reportArgsEnv+"="+strings.Join(args, "\n"))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	// Interrupt as soon as the first temporary file shows rendering began.
	deadline := time.Now().Add(30 * time.Second)
	for started := false; !started; time.Sleep(2 * time.Millisecond) {
		entries, _ := os.ReadDir(outDir)
		started = len(entries) > 0
		select {
		case err := <-done:
			t.Skipf("the report finished (%v) before it could be interrupted: nothing to test on this machine", err)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the report never started writing")
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	err := <-done
	if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != ExitError {
		t.Fatalf("after Ctrl-C: %v, want exit %d\n%s", err, ExitError, stderr.String())
	}
	if !strings.Contains(stderr.String(), "interrupted") {
		t.Errorf("stderr = %q, want it to say the command was interrupted", stderr.String())
	}
	if entries, _ := os.ReadDir(outDir); len(entries) != 0 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("Ctrl-C left %v behind", names)
	}
}
