package cli

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"image"
	"image/jpeg"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// crashTrialsEnv sets how many kill -9 trials TestKilledCommandsLeaveAWholeState
// runs in all (`make stress` raises it); crashOnlyEnv restricts them to one
// command ("demo", "photos import", "report", "finalize").
const (
	crashTrialsEnv = "LOUPE_CRASH_TRIALS"
	crashOnlyEnv   = "LOUPE_CRASH_ONLY"
)

// crashScratch is where trials run: tmpfs when the machine has one, since a
// kill -9 loses nothing the page cache holds and trials then cost CPU, not
// disk syncs.
func crashScratch(t *testing.T) string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		dir, err := os.MkdirTemp("/dev/shm", "loupe-crash-")
		if err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// trial is one command killed at a random moment, in its own data folder
// and temp folder.
type trial struct {
	data, tmp, out string
}

// crashCase is a command to kill, the state it starts from, and what must
// hold once the next Loupe has started.
type crashCase struct {
	name   string
	weight int                                                // share of the trials
	setup  func(t *testing.T, tr trial)                       // the data folder before the command
	args   func(tr trial) []string                            // the command
	check  func(t *testing.T, tr trial)                       // after the next start
	rerun  func(t *testing.T, tr trial, code int, out string) // the same command again
}

// TestKilledCommandsLeaveAWholeState kills demo, photos import, report and
// finalize at random moments. After each kill the next Loupe to start (a
// `loupe list`) must find a sound database, no half-built inspection, no
// temporary file anywhere the command wrote, and running the command again
// must succeed.
func TestKilledCommandsLeaveAWholeState(t *testing.T) {
	total := 100
	if s := os.Getenv(crashTrialsEnv); s != "" {
		var err error
		if total, err = strconv.Atoi(s); err != nil || total < 1 {
			t.Fatalf("%s=%q: give a number of trials", crashTrialsEnv, s)
		}
	}
	scratch := crashScratch(t)
	w := newCrashWorld(t, scratch)
	cases := []crashCase{w.demoCase(), w.importCase(), w.reportCase(), w.finalizeCase()}
	if only := os.Getenv(crashOnlyEnv); only != "" {
		cases = slices.DeleteFunc(cases, func(c crashCase) bool { return c.name != only })
	}
	weights := 0
	for _, c := range cases {
		weights += c.weight
	}
	seed := uint64(time.Now().UnixNano())
	start := time.Now()
	var killed, finished atomic.Int64
	t.Run("trials", func(t *testing.T) {
		done := 0
		for i, c := range cases {
			n := total * c.weight / weights
			if i == len(cases)-1 {
				n = total - done
			}
			done += n
			duration := w.measure(t, c)
			t.Logf("%s: a whole run takes %v; %d trials", c.name, duration.Round(time.Millisecond), n)
			for k := range n {
				rng := rand.New(rand.NewPCG(seed, uint64(i*100000+k)))
				delay := time.Duration(rng.Int64N(int64(duration)))
				t.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(c.name, " ", "-"), k), func(t *testing.T) {
					t.Parallel() // trials share nothing; -parallel bounds them
					tr := w.newTrial(t, scratch)
					defer os.RemoveAll(filepath.Dir(tr.data))
					c.setup(t, tr)
					if w.killAfter(t, tr, c.args(tr), delay) {
						killed.Add(1)
					} else {
						finished.Add(1)
					}
					w.nextStart(t, tr)
					w.checkWhole(t, tr)
					c.check(t, tr)
					code, out := w.run(t, tr, c.args(tr))
					c.rerun(t, tr, code, out)
					if t.Failed() {
						t.Logf("killed %v after the start (seed %d)", delay, seed)
					}
				})
			}
		}
	})
	t.Logf("%d trials in %v: %d killed mid-run, %d had finished before the kill", killed.Load()+finished.Load(),
		time.Since(start).Round(time.Second), killed.Load(), finished.Load())
}

// crashWorld holds what trials start from: a complete demo data folder (the
// reference for whole inspections), a data folder with one finalizable
// inspection, and a folder of camera photos.
type crashWorld struct {
	demo     string
	demoWant map[inspection.ID]shape
	sealable string
	sealID   inspection.ID
	camera   string
	draft    inspection.ID // the inspection photos go into, in a copy of sealable
}

func newCrashWorld(t *testing.T, scratch string) *crashWorld {
	w := &crashWorld{demo: filepath.Join(scratch, "demo"), sealable: filepath.Join(scratch, "sealable"), camera: filepath.Join(scratch, "camera")}
	if code, out := run(t, Demo, "--data", w.demo); code != ExitOK {
		t.Fatalf("demo: %d %s", code, out)
	}
	w.demoWant = shapes(t, w.demo)
	if len(w.demoWant) != 5 {
		t.Fatalf("the demo has %d inspections, want 5", len(w.demoWant))
	}
	if err := os.MkdirAll(w.sealable, 0o700); err != nil {
		t.Fatal(err)
	}
	f := bundletest.Seed(t, w.sealable)
	w.sealID = f.ID
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC))
	if err := f.DB.PutInspection(context.Background(), in); err != nil {
		t.Fatal(err)
	}
	w.draft = in.ID
	f.DB.Close()
	for i := range cameraPhotos {
		cameraPhoto(t, filepath.Join(w.camera, fmt.Sprintf("IMG_%04d.JPG", i)), uint64(i))
	}
	return w
}

// cameraPhotos is how many photos a killed import brings.
const cameraPhotos = 6

// cameraPhoto writes a noisy 1200×900 JPEG, so decoding and rendering take
// a camera photo's share of the time.
func cameraPhoto(t *testing.T, path string, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 3))
	var b bytes.Buffer
	img := noise(1200, 900, rng)
	if err := encodeJPEG(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func (w *crashWorld) newTrial(t *testing.T, scratch string) trial {
	t.Helper()
	root, err := os.MkdirTemp(scratch, "trial-")
	if err != nil {
		t.Fatal(err)
	}
	tr := trial{data: filepath.Join(root, "data"), tmp: filepath.Join(root, "tmp"), out: filepath.Join(root, "out")}
	for _, d := range []string{tr.tmp, tr.out} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// start runs a command as its own process, as a user would run loupe.
func (w *crashWorld) start(tr trial, args []string) (*exec.Cmd, *bytes.Buffer) {
	cmd := child(args...)
	cmd.Env = append(cmd.Env, "TMPDIR="+tr.tmp)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	return cmd, &out
}

func (w *crashWorld) run(t *testing.T, tr trial, args []string) (int, string) {
	t.Helper()
	cmd, out := w.start(tr, args)
	if err := cmd.Run(); err != nil && cmd.ProcessState == nil {
		t.Fatalf("%v: %v", args, err)
	}
	return cmd.ProcessState.ExitCode(), out.String()
}

// measure runs the command whole once, in a trial of its own, and returns
// how long it took: the kills are spread over that time.
func (w *crashWorld) measure(t *testing.T, c crashCase) time.Duration {
	t.Helper()
	tr := w.newTrial(t, filepath.Dir(w.demo))
	c.setup(t, tr)
	start := time.Now()
	code, out := w.run(t, tr, c.args(tr))
	d := time.Since(start)
	c.rerun(t, tr, code, out)
	os.RemoveAll(filepath.Dir(tr.data))
	return max(d, time.Millisecond)
}

// killAfter starts the command and kills it (SIGKILL) after delay; it
// reports whether the command was still running then.
func (w *crashWorld) killAfter(t *testing.T, tr trial, args []string, delay time.Duration) bool {
	t.Helper()
	cmd, _ := w.start(tr, args)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
		return false
	case <-time.After(delay):
		cmd.Process.Kill()
		<-done
		return true
	}
}

// nextStart is the next Loupe to start in the data folder.
func (w *crashWorld) nextStart(t *testing.T, tr trial) {
	t.Helper()
	if code, out := w.run(t, tr, []string{"list", "--data", tr.data}); code != ExitOK || strings.Contains(out, "warning") {
		t.Errorf("the next start: exit %d\n%s", code, out)
	}
}

// checkWhole checks what every kill must leave: a sound database, no
// temporary file in the data folder, beside the output or in the temp
// folder, nothing staged, and no record of a dead process.
func (w *crashWorld) checkWhole(t *testing.T, tr trial) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(tr.data, DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	var ok string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Errorf("integrity_check: %q %v", ok, err)
	}
	db.Close()
	for _, dir := range []string{tr.data, tr.tmp, tr.out} {
		filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
			switch {
			case err != nil:
			case inflight.Temporary(e.Name()), strings.HasSuffix(e.Name(), "-journal") && !strings.HasPrefix(e.Name(), DBFile):
				t.Errorf("left behind: %s", path)
			case filepath.Base(filepath.Dir(path)) == "staging":
				t.Errorf("left staged: %s", path)
			case filepath.Base(filepath.Dir(path)) == inflight.Folder && strings.HasSuffix(path, ".json"):
				t.Errorf("record of a dead process left: %s", path)
			}
			return nil
		})
	}
}

// shape is what makes an inspection whole: how many records of each kind
// it has, its status and whether it is sealed.
type shape struct {
	Status                                         inspection.Status
	Sections, Checklist, Findings, Measures, Tests int
	Photos, Links, Signatures                      int
	Sealed                                         bool
}

func shapes(t *testing.T, data string) map[inspection.ID]shape {
	t.Helper()
	out := map[inspection.ID]shape{}
	eachDossier(t, data, func(store *sqlite.DB, d *inspection.Dossier) {
		id := d.Inspection.ID
		own := 0
		for _, p := range d.Photos {
			if p.InspectionID == id {
				own++
			}
		}
		_, merr := store.Manifest(context.Background(), id)
		out[id] = shape{d.Inspection.Status, len(d.Sections), len(d.Checklist), len(d.Findings), len(d.Measurements),
			len(d.Tests), own, len(d.Links), len(d.Signatures), merr == nil}
	})
	return out
}

func (w *crashWorld) demoCase() crashCase {
	return crashCase{
		name: "demo", weight: 10,
		setup: func(t *testing.T, tr trial) {},
		args:  func(tr trial) []string { return []string{"demo", "--data", tr.data} },
		check: func(t *testing.T, tr trial) {
			for id, got := range shapes(t, tr.data) {
				if want := w.demoWant[id]; got != want {
					t.Errorf("half-built demo inspection %s: %+v, want %+v", id, got, want)
				}
			}
		},
		rerun: func(t *testing.T, tr trial, code int, out string) {
			if code != ExitOK {
				t.Fatalf("demo again: %d %s", code, out)
			}
			got := shapes(t, tr.data)
			if len(got) != len(w.demoWant) {
				t.Errorf("demo again left %d inspections, want %d", len(got), len(w.demoWant))
			}
			for id, want := range w.demoWant {
				if got[id] != want {
					t.Errorf("demo inspection %s after the re-run: %+v, want %+v", id, got[id], want)
				}
			}
		},
	}
}

func (w *crashWorld) importCase() crashCase {
	return crashCase{
		name: "photos import", weight: 26,
		setup: func(t *testing.T, tr trial) { copyTree(t, w.sealable, tr.data) },
		args: func(tr trial) []string {
			return []string{"photos", "import", "--data", tr.data, "--inspection", w.draft.String(), w.camera}
		},
		check: func(t *testing.T, tr trial) { photosWhole(t, tr.data, w.draft) },
		rerun: func(t *testing.T, tr trial, code int, out string) {
			if code != ExitOK {
				t.Fatalf("photos import again: %d %s", code, out)
			}
			if n := photosWhole(t, tr.data, w.draft); n != cameraPhotos {
				t.Errorf("%d photos after the re-run, want %d", n, cameraPhotos)
			}
		},
	}
}

// photosWhole checks that every photo row has its three files and its own
// position, and returns how many photos the inspection has.
func photosWhole(t *testing.T, data string, id inspection.ID) int {
	t.Helper()
	store, err := OpenStore(data)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	photos, err := store.Photos(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	files := photoFiles(datadir.Dir(data))
	seen := map[int]bool{}
	for _, p := range photos {
		for _, f := range []string{files.Original(p.SHA256, p.Ext), files.Working(p.SHA256), files.Thumbnail(p.SHA256)} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("photo %s is recorded but its file is missing: %v", p.OriginalName, err)
			}
		}
		if seen[p.Position] {
			t.Errorf("two photos at position %d", p.Position)
		}
		seen[p.Position] = true
	}
	return len(photos)
}

func (w *crashWorld) reportCase() crashCase {
	return crashCase{
		name: "report", weight: 32,
		setup: func(t *testing.T, tr trial) { copyTree(t, w.demo, tr.data) },
		args: func(tr trial) []string {
			return []string{"report", "--data", tr.data, "--inspection", "latest", "--out", filepath.Join(tr.out, "LP.pdf")}
		},
		check: func(t *testing.T, tr trial) {
			raw, err := os.ReadFile(filepath.Join(tr.out, "LP.pdf"))
			if err == nil && !bytes.Contains(raw[max(0, len(raw)-64):], []byte("%%EOF")) {
				t.Errorf("a partial report is in place (%d bytes)", len(raw))
			}
		},
		rerun: func(t *testing.T, tr trial, code int, out string) {
			if code != ExitOK || !strings.Contains(out, "LP.pdf") {
				t.Fatalf("report again: %d %s", code, out)
			}
		},
	}
}

func (w *crashWorld) finalizeCase() crashCase {
	return crashCase{
		name: "finalize", weight: 32,
		setup: func(t *testing.T, tr trial) { copyTree(t, w.sealable, tr.data) },
		args: func(tr trial) []string {
			return []string{"finalize", "--data", tr.data, "--inspection", w.sealID.String(), "--by", "Li Wei"}
		},
		check: func(t *testing.T, tr trial) {
			got := shapes(t, tr.data)[w.sealID]
			if got.Status == inspection.Finalized && !backedUpFinalized(t, tr.data, w.sealID) {
				t.Errorf("finalized without the backup finalize promises")
			}
			if got.Status == inspection.Finalized != got.Sealed {
				t.Errorf("status %s but sealed=%v", got.Status, got.Sealed)
			}
		},
		rerun: func(t *testing.T, tr trial, code int, out string) {
			if code != ExitOK && !(code == ExitError && strings.Contains(out, "already finalized")) {
				t.Fatalf("finalize again: %d %s", code, out)
			}
			if !backedUpFinalized(t, tr.data, w.sealID) {
				t.Errorf("no backup holds the finalized inspection")
			}
		},
	}
}

// backedUpFinalized says whether a backup holds the inspection finalized.
func backedUpFinalized(t *testing.T, data string, id inspection.ID) bool {
	t.Helper()
	backups, _ := filepath.Glob(filepath.Join(data, "backups", "loupe-*.db"))
	for _, b := range backups {
		db, err := sql.Open("sqlite", "file:"+b+"?mode=ro&immutable=1")
		if err != nil {
			continue
		}
		var status string
		db.QueryRow(`SELECT status FROM inspections WHERE id = ?`, id.String()).Scan(&status)
		db.Close()
		if status == string(inspection.Finalized) {
			return true
		}
	}
	return false
}

// copyTree copies a closed data folder.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if e.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// noise is an image no encoder can shrink much, like a camera's.
func noise(w, h int, rng *rand.Rand) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		v := rng.Uint32()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = byte(v), byte(v>>8), byte(v>>16), 255
	}
	return img
}

func encodeJPEG(w io.Writer, img image.Image) error {
	return jpeg.Encode(w, img, &jpeg.Options{Quality: 85})
}
