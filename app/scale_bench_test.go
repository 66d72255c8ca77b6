package app

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/loupeqc/loupe/app/firstframe"
	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// BenchmarkScale measures Loupe at the size of a career, 10,000
// inspections with about 500,000 findings made by `loupe demo
// --inspections 10000`, against baselines measured in the same run, and
// prints every ratio with the machine it ran on. The database is built
// once and kept in the user's cache folder under the generator's and the
// schema's versions (LOUPE_BENCH_REBUILD=1 builds it again, and the bulk
// load is then measured in this run). Run it with `make bench`; it takes
// minutes, so `make test` does not.
func BenchmarkScale(b *testing.B) {
	if b.N > 1 {
		b.Skip("one run is the measurement: use -benchtime 1x")
	}
	const n = 10_000
	bins := buildBinaries(b)
	c := career(b, bins.loupe, n)
	r := &scaleReport{}
	r.machine()
	r.line("Loupe at scale: %d inspections, %d findings (demo generator v%d, schema %d)", c.Inspections, c.Findings, demo.GeneratorVersion, sqlite.SchemaVersion())

	db, err := sqlite.Open(filepath.Join(c.dir, "loupe.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(c.dir, "loupe.db")+"?mode=ro")
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	ctx := context.Background()

	d := deskOn(b, db, c.dir)
	for _, t := range []struct{ kind, term string }{
		{"rare", "Gooseneck"}, {"common", "scratch"}, {"supplier", "Brightway"},
		{"two-character", "PO"}, {"Chinese", "划痕"},
	} {
		hits := 0
		bare := best(7, func() { hits = bareFTS(b, raw, t.term) })
		page := best(7, func() {
			if _, err := db.ListInspections(ctx, inspection.Filter{Search: t.term, Limit: homePage}); err != nil {
				b.Fatal(err)
			}
		})
		window := fastest(7, func() time.Duration { return searchInWindow(d, t.term) })
		r.ratio(fmt.Sprintf("search %s %q, %d hits: first page", t.kind, t.term, hits), page, "bare FTS5 query", bare, "≤ 2×")
		r.value(fmt.Sprintf("search %s %q: first page in the window", t.kind, t.term), window, "≤ 50 ms")
	}
	list := best(7, func() {
		if _, err := db.ListInspections(ctx, inspection.Filter{Limit: homePage}); err != nil {
			b.Fatal(err)
		}
	})
	r.value(fmt.Sprintf("list of all %d, first page", c.Inspections), list, "≤ 50 ms")
	windowList := fastest(7, func() time.Duration { return searchInWindow(d, "") })
	r.value("list of all in the window, first page", windowList, "≤ 50 ms")

	for _, mode := range []struct{ mode, what string }{
		{firstframe.Window, "window start to first frame"},
		{firstframe.List, "window start to first frame showing the list"},
	} {
		if app, minimal, err := windowStart(b, bins, c.dir, mode.mode); err != nil {
			r.line("%s: not measured (%v)", mode.what, err)
		} else {
			r.ratio(mode.what, app, "minimal Fyne window", minimal, "≤ 1.5×")
		}
	}
	r.ratioN("database bytes", float64(c.DBBytes)/(1<<20), "MB", "same data as JSON", float64(c.JSONBytes)/(1<<20), "≤ 3×")
	r.line("%-58s %10.0f findings/s wall, %.0f per CPU-second (%s)", "bulk load, demo --inspections, whole process", c.PerSecond, c.PerCPUSecond, c.When)
	r.line("%-58s %10.0f findings/s wall", "the same, from the photo pool drawn to the end (demo's rate)", c.LoadPerSecond)
	r.line("%-58s target ≥ 20,000 findings/s", "")
	r.print()
}

// bins are the programs the window benchmark starts.
type bins struct{ loupe, minimal string }

func buildBinaries(b *testing.B) bins {
	b.Helper()
	dir := b.TempDir()
	out := bins{filepath.Join(dir, "loupe"), filepath.Join(dir, "minimal")}
	for _, x := range []struct{ bin, pkg string }{{out.loupe, "github.com/loupeqc/loupe"}, {out.minimal, "github.com/loupeqc/loupe/app/firstframe/minimal"}} {
		cmd := exec.Command("go", "build", "-o", x.bin, x.pkg)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", x.pkg, err, msg)
		}
	}
	return out
}

// built is the cached career and what building it measured.
type built struct {
	dir          string
	Inspections  int
	Findings     int
	DBBytes      int64
	JSONBytes    int64
	PerSecond    float64
	PerCPUSecond float64
	// LoadPerSecond is the rate demo prints: it starts once the photo
	// pool and the hand-made inspections are drawn.
	LoadPerSecond float64
	When          string
}

// career returns the data folder of n generated inspections, building it
// with `loupe demo --inspections n` unless the cache has it.
func career(b *testing.B, loupe string, n int) built {
	b.Helper()
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "loupe-bench", fmt.Sprintf("career-%d-generator%d-schema%d", n, demo.GeneratorVersion, sqlite.SchemaVersion()))
	sidecar := filepath.Join(dir, "built.json")
	var c built
	if raw, err := os.ReadFile(sidecar); err == nil && os.Getenv("LOUPE_BENCH_REBUILD") == "" {
		if json.Unmarshal(raw, &c) == nil {
			c.dir = dir
			c.When = "built " + c.When + ", cached"
			return c
		}
	}
	os.RemoveAll(dir)
	tmp := dir + ".building"
	os.RemoveAll(tmp)
	cmd := exec.Command(loupe, "demo", "--inspections", strconv.Itoa(n), "--data", tmp)
	cmd.Stderr = os.Stderr
	fmt.Printf("building %s (%d inspections)…\n", dir, n)
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("loupe demo: %v\n%s", err, out)
	}
	cpu := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	c.When = time.Now().UTC().Format("2006-01-02 15:04 UTC") + " in this run"
	if err := measureBuilt(&c, tmp); err != nil {
		b.Fatal(err)
	}
	c.PerSecond, c.PerCPUSecond = float64(c.Findings)/wall.Seconds(), float64(c.Findings)/cpu.Seconds()
	c.LoadPerSecond = demoRate(out)
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	c.dir = dir
	raw, _ := json.Marshal(c)
	if err := os.WriteFile(sidecar, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	return c
}

// demoRate is the findings per second in demo's last line, "… (N findings/s) …"; 0 if none.
func demoRate(out []byte) float64 {
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	last := lines[len(lines)-1]
	if i := strings.LastIndex(last, " findings/s)"); i >= 0 {
		head := last[:i]
		if v, err := strconv.ParseFloat(head[strings.LastIndex(head, "(")+1:], 64); err == nil {
			return v
		}
	}
	return 0
}

// measureBuilt counts the built data and its size as a database and as JSON: every
// inspection's dossier, as a bundle carries it.
func measureBuilt(c *built, dir string) error {
	st, err := os.Stat(datadir.Dir(dir).DB())
	if err != nil {
		return err
	}
	c.DBBytes = st.Size()
	db, err := sqlite.Open(datadir.Dir(dir).DB())
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	list, err := db.ListInspections(ctx, inspection.Filter{})
	if err != nil {
		return err
	}
	for _, s := range list {
		d, err := db.Dossier(ctx, s.ID)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(d)
		if err != nil {
			return err
		}
		c.JSONBytes += int64(len(raw))
		c.Findings += len(d.Findings)
	}
	c.Inspections = len(list)
	return nil
}

// best runs f k times and returns its fastest run: the machine's other
// load only ever adds time.
func best(k int, f func()) time.Duration {
	var m time.Duration
	for range k {
		start := time.Now()
		f()
		if d := time.Since(start); m == 0 || d < m {
			m = d
		}
	}
	return m
}

// bareFTS runs the full-text query alone, reading every hit, as the search
// does: the trigram index for terms of three characters or more, the grams
// index for shorter ones.
func bareFTS(b *testing.B, raw *sql.DB, term string) int {
	table, expr := "inspection_search", `"`+fold(term)+`"`
	if len([]rune(term)) < 3 {
		table, expr = "inspection_grams", gramTokenForBench(fold(term))
	}
	rows, err := raw.Query(`SELECT rowid FROM `+table+` WHERE `+table+` MATCH ?`, expr)
	if err != nil {
		b.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var seq int64
		rows.Scan(&seq)
		n++
	}
	return n
}

// fold and gramTokenForBench restate the store's search forms (kept
// unexported there): simple case folding, and "g" + hex of the UTF-8.
func fold(s string) string {
	var out []rune
	for _, r := range s {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		out = append(out, least)
	}
	return string(out)
}

func gramTokenForBench(s string) string { return fmt.Sprintf("g%x", []byte(s)) }

// deskOn opens the real UI, on the test driver, on a data folder.
func deskOn(b *testing.B, db *sqlite.DB, dir string) *Desk {
	a := test.NewTempApp(b)
	w := a.NewWindow("Loupe")
	w.Resize(fyne.NewSize(1366, 768))
	d := NewDesk(a, w, db, datadir.Dir(dir))
	d.Start()
	settle(d)
	return d
}

// searchInWindow asks the home list for term at once (as after the typing
// pause) and returns how long until its first page was in the list (the
// count, which comes after, is not waited for in the measure).
func searchInWindow(d *Desk, term string) time.Duration {
	var shown time.Time
	d.firstPageShown = func() { shown = time.Now() }
	d.Home.search.Text = term
	start := time.Now()
	d.Home.loader.load(0)
	settle(d)
	return shown.Sub(start)
}

// fastest runs f k times and returns the fastest duration it reports.
func fastest(k int, f func() time.Duration) time.Duration {
	var m time.Duration
	for range k {
		if d := f(); m == 0 || d < m {
			m = d
		}
	}
	return m
}

// windowStart starts Loupe on the data folder and the minimal window, in
// turn, under an X server (Xvfb when there is no display), and returns the
// median time of each from the start of the process to its first frame.
func windowStart(b *testing.B, x bins, dir, mode string) (app, minimal time.Duration, err error) {
	display, stop, err := xServer()
	if err != nil {
		return 0, 0, err
	}
	defer stop()
	cfg := b.TempDir()
	env := append(os.Environ(), "DISPLAY="+display, firstframe.Env+"="+mode, "XDG_CONFIG_HOME="+cfg, "HOME="+cfg)
	var apps, mins []time.Duration
	for range 7 {
		t, err := untilFirstFrame(env, x.loupe, "--data", dir)
		if err != nil {
			return 0, 0, fmt.Errorf("loupe: %w", err)
		}
		apps = append(apps, t)
		if t, err = untilFirstFrame(env, x.minimal); err != nil {
			return 0, 0, fmt.Errorf("minimal window: %w", err)
		}
		mins = append(mins, t)
	}
	return median(apps), median(mins), nil
}

func untilFirstFrame(env []string, bin string, args ...string) (time.Duration, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	out, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	defer cmd.Wait()
	seen := make(chan time.Duration, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == firstframe.Line {
				seen <- time.Since(start)
				break
			}
		}
		io.Copy(io.Discard, out)
		close(seen)
	}()
	select {
	case t, ok := <-seen:
		if !ok {
			return 0, errors.New("ended without a first frame")
		}
		return t, nil
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		return 0, errors.New("no first frame within 2 minutes")
	}
}

// xServer returns the display to use, starting Xvfb when there is none.
// Xvfb picks a free display and writes its number to -displayfd once it
// accepts clients: a fixed display's socket file can be a stale one left
// by an earlier run, and a window started on it ends at once.
func xServer() (string, func(), error) {
	if d := os.Getenv("DISPLAY"); d != "" {
		return d, func() {}, nil
	}
	r, w, err := os.Pipe()
	if err != nil {
		return "", nil, err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1920x1080x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{w}
	err = cmd.Start()
	w.Close()
	if err != nil {
		return "", nil, fmt.Errorf("no DISPLAY and no Xvfb (%v)", err)
	}
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	ready := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(r).ReadString('\n')
		ready <- strings.TrimSpace(line)
	}()
	select {
	case n := <-ready:
		if n != "" {
			return ":" + n, stop, nil
		}
	case <-time.After(30 * time.Second):
	}
	stop()
	return "", nil, errors.New("Xvfb did not start")
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// scaleReport collects the benchmark's lines and prints them as one table.
type scaleReport struct{ lines []string }

func (r *scaleReport) line(format string, a ...any) {
	r.lines = append(r.lines, fmt.Sprintf(format, a...))
}

func (r *scaleReport) machine() {
	model := "unknown CPU"
	if raw, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(raw), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	load := ""
	if raw, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = ", load average " + strings.Fields(string(raw))[0]
	}
	r.line("machine: %s/%s, %d CPUs (nproc), %s%s", runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), model, load)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func (r *scaleReport) ratio(what string, v time.Duration, base string, bv time.Duration, target string) {
	r.line("%-58s %8.2f ms  vs %-22s %8.2f ms  = %5.2f×  (target %s)", what, ms(v), base, ms(bv), float64(v)/float64(bv), target)
}

func (r *scaleReport) ratioN(what string, v float64, unit, base string, bv float64, target string) {
	r.line("%-58s %8.0f %s  vs %-22s %8.0f %s  = %5.2f×  (target %s)", what, v, unit, base, bv, unit, v/bv, target)
}

func (r *scaleReport) value(what string, v time.Duration, target string) {
	r.line("%-58s %8.2f ms  (target %s)", what, ms(v), target)
}

func (r *scaleReport) print() {
	fmt.Println()
	for _, l := range r.lines {
		fmt.Println(l)
	}
	fmt.Println()
}
