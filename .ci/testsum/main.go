// Command testsum runs `go test -json` with the given arguments, prints
// what plain `go test` would (package results, and the output of failing
// tests) and which tests skipped and why, and ends with one line "N passed, N failed, N skipped" counting
// top-level tests. A package that fails without a failing test (it did
// not build, or vet failed, or it crashed) counts as one failed test, so
// the line never reads 0 failed over a broken build. The exit status is
// go test's, or 1 when it exited 0 but a test failed.
//
// Usage: go run ./.ci/testsum -count=1 ./...
// It lives under .ci/ so that ./... patterns skip it.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

type tally struct {
	passed, failed, skipped int
	buffered                map[string][]string // package + top-level test → its output
	testFailed              map[string]bool     // package → some test failed
}

func main() {
	cmd := exec.Command("go", append([]string{"test", "-json"}, os.Args[1:]...)...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(2)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		os.Exit(2)
	}
	t := &tally{buffered: map[string][]string{}, testFailed: map[string]bool{}}
	t.read(out, os.Stdout)
	code := 0
	var exit *exec.ExitError
	if err := cmd.Wait(); errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "testsum:", err)
		code = 2
	}
	fmt.Printf("%d passed, %d failed, %d skipped\n", t.passed, t.failed, t.skipped)
	if code == 0 && t.failed > 0 {
		code = 1
	}
	os.Exit(code)
}

// pkg handles an event about a whole package, or about building it.
func (t *tally) pkg(e event, w io.Writer) {
	switch e.Action {
	case "output", "build-output":
		if e.Output != "PASS\n" { // plain go test does not print it either
			fmt.Fprint(w, e.Output)
		}
	case "fail":
		if !t.testFailed[e.Package] {
			t.failed++ // did not build, vet failed, or crashed outside a test
		}
	}
}

func (t *tally) read(r io.Reader, w io.Writer) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Fprintln(w, sc.Text()) // not JSON: pass it on
			continue
		}
		if e.Test == "" {
			t.pkg(e, w)
			continue
		}
		top, _, _ := strings.Cut(e.Test, "/")
		key := e.Package + " " + top
		switch {
		case e.Action == "output":
			t.buffered[key] = append(t.buffered[key], e.Output)
		case e.Test != top: // a subtest: its parent's result counts
		case e.Action == "pass":
			t.passed++
			delete(t.buffered, key)
		case e.Action == "skip":
			t.skipped++
			for _, line := range t.buffered[key] { // say what was skipped and why
				if !strings.HasPrefix(line, "=== ") {
					fmt.Fprint(w, line)
				}
			}
			delete(t.buffered, key)
		case e.Action == "fail":
			t.failed++
			t.testFailed[e.Package] = true
			fmt.Fprint(w, strings.Join(t.buffered[key], ""))
			delete(t.buffered, key)
		}
	}
}
