package exchange_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/atomicfile"
	"github.com/loupeqc/loupe/inspection/remote"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Stress settings: `make stress` runs 200 laptops of 50 inspections.
const (
	stressEnv            = "LOUPE_STRESS"             // set to run TestStressTeam
	stressLaptopsEnv     = "LOUPE_STRESS_LAPTOPS"     // default 200
	stressInspectionsEnv = "LOUPE_STRESS_INSPECTIONS" // per laptop, default 50
)

func envInt(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("%s=%q: give a positive number", name, s)
	}
	return n
}

// scratch is tmpfs when the machine has one: the simulation measures the
// exchange, not the disk's fsyncs.
func scratch(t *testing.T) string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if dir, err := os.MkdirTemp("/dev/shm", "loupe-stress-"); err == nil {
			t.Cleanup(func() { os.RemoveAll(dir) })
			return dir
		}
	}
	return t.TempDir()
}

// TestStressTeam simulates a company on one exchange: every laptop pushes
// its inspections (photos shared between some of them) to one folder
// remote, then an office pulls and merges them all. It reports objects,
// bytes and seconds, and checks that every inspection is at the office
// once and exactly as its laptop has it (no silent overwrite), that every
// photo content is stored once, and that no conflict appeared where none
// was made. Then two laptops edit the same draft offline and sync: a
// conflict, recorded on both, both versions kept.
func TestStressTeam(t *testing.T) {
	if os.Getenv(stressEnv) == "" {
		t.Skip("set " + stressEnv + "=1 (make stress) to run the team simulation")
	}
	laptops, per := envInt(t, stressLaptopsEnv, 200), envInt(t, stressInspectionsEnv, 50)
	root := scratch(t)
	share := filepath.Join(root, "share")
	must(t, os.Mkdir(share, 0o755))
	r, err := remote.Open(remote.Config{URL: "dir:" + share})
	must(t, err)
	cfg := remote.Config{URL: "dir:" + share}

	pool := sharedPhotos(t, 40) // the factory's gate, the golden sample: in many reports
	suppliers := make([]inspection.Supplier, laptops)
	for i := range suppliers {
		suppliers[i] = inspection.Supplier{ID: inspection.NewID(), Name: fmt.Sprintf("Supplier %02d Co., Ltd.", i)}
	}

	start := time.Now()
	want := map[inspection.ID]string{} // inspection → its dossier JSON on its laptop
	shas := map[string]bool{}
	var first, second *laptop
	var shared inspection.ID
	var pushed pushCounts
	photoRows := 0
	for l := 0; l < laptops; l++ {
		dir := filepath.Join(root, fmt.Sprintf("laptop-%03d", l))
		must(t, os.Mkdir(dir, 0o700))
		lp := newLaptop(t, dir, cfg)
		// Inspectors pull their own work and their suppliers' history; each
		// works with two suppliers, one shared with the laptop before it.
		must(t, lp.db.RemoveRemote(ctx, "team"))
		must(t, lp.db.AddRemote(ctx, sqlite.RemoteInfo{Name: "team", URL: cfg.URL, Scope: sqlite.ScopeOwn}))
		for i := 0; i < per; i++ {
			d := stressDossier(t, lp, l, i, suppliers[(l+i%2)%len(suppliers)], pool)
			_, err := lp.db.Merge(ctx, d, nil)
			must(t, err)
			for _, p := range d.Photos {
				shas[p.SHA256] = true
			}
			photoRows += len(d.Photos)
		}
		res := lp.sync(r)
		pushed.add(res.Pushed.Objects, res.Pushed.Photos, res.Pushed.Bytes)
		sums, err := lp.db.ListInspections(ctx, inspection.Filter{})
		must(t, err)
		for _, s := range sums {
			want[s.ID] = dossierJSON(t, lp.db, s.ID)
		}
		switch l {
		case 0:
			first = lp
			for _, s := range sums { // a draft of the supplier laptop 1 shares
				if s.Status == inspection.Draft && s.SupplierID == suppliers[1%len(suppliers)].ID {
					shared = s.ID
				}
			}
		case 1:
			second = lp
		default:
			lp.ws.Close()
		}
	}
	pushSecs := time.Since(start).Seconds()

	must(t, os.Mkdir(filepath.Join(root, "office"), 0o700))
	office := newLaptop(t, filepath.Join(root, "office"), cfg)
	must(t, office.db.SetRole(ctx, inspection.RoleReviewer, "Office"))
	start = time.Now()
	res := office.sync(r)
	pullSecs := time.Since(start).Seconds()
	objects, bytesOnRemote, photoFiles := remoteSize(t, share)
	t.Logf("%d laptops × %d inspections: pushed %d objects, %d photos, %.1f MB in %.1f s (building the laptops included)",
		laptops, per, pushed.objects, pushed.photos, float64(pushed.bytes)/1e6, pushSecs)
	t.Logf("office pulled %d objects and %d photos, %.1f MB, merged %d, in %.1f s (%.0f inspections/s)",
		res.Pulled.Objects, res.Pulled.Photos, float64(res.Pulled.Bytes)/1e6, res.Merged, pullSecs, float64(res.Merged)/pullSecs)
	t.Logf("remote: %d files, %.1f MB; %d photo files for %d distinct photos in %d photo rows", objects, float64(bytesOnRemote)/1e6, photoFiles, len(shas), photoRows)

	if res.Conflicts != 0 || len(res.Refused) != 0 {
		t.Errorf("office: %d conflicts, refused %v; none were made", res.Conflicts, res.Refused)
	}
	sums, err := office.db.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	if len(sums) != len(want) || len(want) != laptops*per {
		t.Errorf("office holds %d inspections, the laptops %d (want %d)", len(sums), len(want), laptops*per)
	}
	seen := map[inspection.ID]bool{}
	for _, s := range sums {
		if seen[s.ID] {
			t.Errorf("inspection %s listed twice", s.ID)
		}
		seen[s.ID] = true
	}
	differ := 0
	for id, w := range want {
		if dossierJSON(t, office.db, id) != w {
			differ++
		}
	}
	if differ > 0 {
		t.Errorf("%d inspections differ between the office and their laptop", differ)
	}
	if photoFiles != len(shas) {
		t.Errorf("%d photo files on the remote for %d distinct photos: each must be stored once", photoFiles, len(shas))
	}
	if again := office.sync(r); again.Merged+again.Pushed.Objects != 0 {
		t.Errorf("a second office sync did something: %+v", again)
	}

	// Two laptops edit the same draft offline.
	second.sync(r)
	edit := func(l *laptop, qty int) {
		fs, err := l.db.Findings(ctx, shared)
		must(t, err)
		fs[0].Quantity = qty
		must(t, l.db.PutFinding(ctx, &fs[0]))
	}
	edit(first, 11)
	edit(second, 12)
	first.sync(r)
	rb := second.sync(r)
	ra := first.sync(r)
	ro := office.sync(r)
	if ra.Conflicts != 1 || rb.Conflicts != 1 {
		t.Errorf("conflicts: first %d, second %d; want one each", ra.Conflicts, rb.Conflicts)
	}
	for _, c := range []struct {
		l    *laptop
		name string
		own  int
	}{{first, "first", 11}, {second, "second", 12}, {office, "office", 11}} {
		fs, _ := c.l.db.Findings(ctx, shared)
		open, _ := c.l.db.Conflicts(ctx, false)
		if fs[0].Quantity != c.own {
			t.Errorf("%s: quantity %d, want %d", c.name, fs[0].Quantity, c.own)
		}
		if c.l != office && len(open) != 1 {
			t.Errorf("%s: %d open conflicts, want 1 with both versions", c.name, len(open))
		}
	}
	t.Logf("two laptops, one draft edited offline: %d + %d conflicts recorded; office %d", ra.Conflicts, rb.Conflicts, ro.Conflicts)
}

type pushCounts struct {
	objects, photos int
	bytes           int64
}

func (c *pushCounts) add(o, p int, b int64) { c.objects += o; c.photos += p; c.bytes += b }

// remoteSize counts a folder remote's files and bytes, and its photo files
// (temporary files left by a killed write excluded).
func remoteSize(t *testing.T, share string) (files int, size int64, photos int) {
	filepath.WalkDir(share, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		info, _ := d.Info()
		files++
		size += info.Size()
		if filepath.Base(filepath.Dir(p)) == "photos" {
			photos++
		}
		return nil
	})
	return
}

// stressPhoto is a small PNG, different for every seed.
func stressPhoto(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for i := range img.Pix {
		img.Pix[i] = byte(seed >> (8 * (i % 3)))
	}
	img.Set(seed%24, (seed/24)%16, color.RGBA{255, 255, 255, 255})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

type pooled struct {
	sha  string
	data []byte
}

func sharedPhotos(t *testing.T, n int) []pooled {
	out := make([]pooled, n)
	for i := range out {
		b := stressPhoto(1<<22 + i)
		out[i] = pooled{inspection.SHA256Hex(b), b}
	}
	return out
}

// stressDossier is one inspection of laptop l: a finding, every section
// judged, one photo of its own and, for every third, a photo from the
// shared pool; every fifth is finalized.
func stressDossier(t *testing.T, lp *laptop, l, i int, sup inspection.Supplier, pool []pooled) *inspection.Dossier {
	in := inspection.NewInspection(inspection.PSI, time.Date(2026, time.Month(1+i%12), 1+l%28, 0, 0, 0, 0, time.UTC))
	in.ReportNo, in.Inspector, in.LotSize = fmt.Sprintf("LP-%03d-%03d", l, i), fmt.Sprintf("Inspector %03d", l), 1200+i
	in.SupplierID, in.POs = sup.ID, []string{fmt.Sprintf("PO-%d-%d", l, i)}
	d := &inspection.Dossier{Inspection: *in, Supplier: sup}
	for _, k := range inspection.Sections {
		d.Sections = append(d.Sections, inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Pass})
	}
	d.Findings = []inspection.Finding{{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Description: "Scratch on lid", Quantity: 1 + i%3}}
	add := func(data []byte, name string) {
		sha := inspection.SHA256Hex(data)
		path := lp.ws.Photos.Original(sha, ".png")
		if _, err := os.Stat(path); err != nil {
			must(t, os.MkdirAll(filepath.Dir(path), 0o700))
			must(t, atomicfile.Write(path, 0o600, func(w io.Writer) error { _, err := w.Write(data); return err }))
		}
		d.Photos = append(d.Photos, inspection.Photo{ID: inspection.NewID(), InspectionID: in.ID, SHA256: sha, Ext: ".png",
			OriginalName: name, Width: 24, Height: 16, Size: int64(len(data)), Position: len(d.Photos), CreatedAt: in.Date})
	}
	add(stressPhoto(l*1000+i), fmt.Sprintf("IMG_%04d.PNG", i))
	if i%3 == 0 {
		add(pool[(l+i)%len(pool)].data, "gate.png")
	}
	if i%5 == 4 {
		d.Inspection.Status = inspection.Finalized
		d.Inspection.SignatureWaiver = "simulation"
		d.Inspection.FinalizedBy = in.Inspector
		d.Inspection.FinalizedAt = in.Date
	}
	return d
}
