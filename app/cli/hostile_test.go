package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// The hostile bundles are valid files with wrong content: zip, JSON,
// hashes and manifest all in order, the data forged. Each is imported into
// a copy of a demo data folder (the "local laptop") and must be refused
// whole: exit 1, a message saying what is wrong, the database, the photo
// store and the staging folder exactly as they were.

// localLaptop is a demo data folder, made once and copied for each case;
// TestMain removes it.
var (
	laptopDir   string
	localLaptop = sync.OnceValues(func() (string, error) {
		dir, err := os.MkdirTemp("", "loupe-hostile-")
		if err != nil {
			return "", err
		}
		laptopDir = dir
		var out bytes.Buffer
		if code := Demo([]string{"--data", dir}, &out, &out); code != 0 {
			return "", fmt.Errorf("demo: %d %s", code, out.String())
		}
		return dir, nil
	})
)

// copyData copies a data folder (database and photo store) for one case.
func copyData(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	copyTree(t, src, dst)
	return dst
}

// state is everything an import could change in a data folder: every row
// of every table, and every file of the photo store with its hash.
func state(t *testing.T, dir string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, DBFile)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	tables, err := db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'inspection_search_%' AND name NOT LIKE 'inspection_grams_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for tables.Next() {
		var n string
		tables.Scan(&n)
		names = append(names, n)
	}
	tables.Close()
	for _, n := range names {
		rows, err := db.Query(`SELECT * FROM "` + n + `" ORDER BY rowid`)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			rows.Scan(ptrs...)
			fmt.Fprintf(&b, "%s %v\n", n, vals)
		}
		rows.Close()
	}
	filepath.WalkDir(filepath.Join(dir, "photos"), func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			raw, _ := os.ReadFile(path)
			sum := sha256.Sum256(raw)
			fmt.Fprintf(&b, "%s %x\n", strings.TrimPrefix(path, dir), sum)
		}
		return nil
	})
	return b.String()
}

// leftovers lists staged imports and temporary files in a data folder.
func leftovers(dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err == nil && (inflight.Temporary(e.Name()) || strings.Contains(path, string(filepath.Separator)+"staging"+string(filepath.Separator))) {
			out = append(out, path)
		}
		return nil
	})
	return out
}

// attacker is another laptop: a complete inspection of its own, finalized
// or not, from which forged bundles are written.
type attacker struct {
	f   *bundletest.Fixture
	dir string
}

func newAttacker(t *testing.T, finalize bool) *attacker {
	a := &attacker{dir: t.TempDir()}
	a.f = bundletest.Seed(t, a.dir)
	if finalize {
		if err := a.f.DB.Finalize(context.Background(), a.f.ID, "Li Wei"); err != nil {
			t.Fatal(err)
		}
	}
	return a
}

func (a *attacker) dossier(t *testing.T) (*inspection.Dossier, *inspection.Manifest) {
	t.Helper()
	ctx := context.Background()
	d, err := a.f.DB.Dossier(ctx, a.f.ID)
	if err != nil {
		t.Fatal(err)
	}
	fin, err := a.f.DB.Manifest(ctx, a.f.ID)
	if inspection.ErrorCode(err) == inspection.ENOTFOUND {
		fin = nil
	} else if err != nil {
		t.Fatal(err)
	}
	return d, fin
}

// write makes a bundle of d that passes every check of the file format.
func (a *attacker) write(t *testing.T, d *inspection.Dossier, fin *inspection.Manifest) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "forged.loupe")
	if err := bundle.WriteFile(context.Background(), out, d, a.f.Photos, bundle.Options{Finalized: fin}); err != nil {
		t.Fatal(err)
	}
	return out
}

// reseal recomputes the finalization manifest of a tampered dossier, as an
// attacker holding Loupe's source can.
func reseal(t *testing.T, d *inspection.Dossier) *inspection.Manifest {
	m, err := inspection.NewManifest(d)
	if err != nil {
		t.Fatal(err)
	}
	return &m
}

// local are records of the local laptop's finalized kettle lot, which the
// forged bundles try to reach.
type local struct {
	in                                     inspection.ID
	finding, measurement, test, check, sig inspection.ID
	photo                                  inspection.ID
	sample                                 inspection.ID
}

func localRecords(t *testing.T, dir string) local {
	t.Helper()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	list, err := store.ListInspections(ctx, inspection.Filter{Search: "LP-2026-0412"})
	if err != nil || len(list) != 1 {
		t.Fatalf("demo kettle lot: %v %v", list, err)
	}
	d, err := store.Dossier(ctx, list[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Inspection.Status != inspection.Finalized || len(d.Photos) == 0 || len(d.Signatures) == 0 {
		t.Fatalf("demo kettle lot is not a finalized, signed inspection with photos")
	}
	return local{in: d.Inspection.ID, finding: d.Findings[0].ID, measurement: d.Measurements[0].ID, test: d.Tests[0].ID,
		check: d.Checklist[0].ID, sig: d.Signatures[0].ID, photo: d.Photos[0].ID, sample: d.Inspection.GoldenSampleID}
}

func TestHostileBundlesAreRefusedWhole(t *testing.T) {
	base, err := localLaptop()
	if err != nil {
		t.Fatal(err)
	}
	y := localRecords(t, base)
	draft, sealed := newAttacker(t, false), newAttacker(t, true)

	type forge func(t *testing.T) string
	// edit forges a draft bundle by changing its dossier.
	edit := func(a *attacker, change func(d *inspection.Dossier)) forge {
		return func(t *testing.T) string {
			d, fin := a.dossier(t)
			change(d)
			return a.write(t, d, fin)
		}
	}
	cases := []struct {
		name string
		file forge
		says string
	}{
		// Records that name another local inspection's ID.
		{"finding with a local inspection's finding ID", edit(draft, func(d *inspection.Dossier) {
			for i := range d.Links {
				if d.Links[i].Target == d.Findings[0].ID.String() {
					d.Links[i].Target = y.finding.String()
				}
			}
			d.Findings[0].ID = y.finding
		}), "belongs to inspection LP-2026-0412"},
		{"measurement with a local inspection's ID", edit(draft, func(d *inspection.Dossier) { d.Measurements[0].ID = y.measurement }), "belongs to inspection LP-2026-0412"},
		{"test with a local inspection's ID", edit(draft, func(d *inspection.Dossier) { d.Tests[0].ID = y.test }), "belongs to inspection LP-2026-0412"},
		{"checklist item with a local inspection's ID", edit(draft, func(d *inspection.Dossier) { d.Checklist[0].ID = y.check }), "belongs to inspection LP-2026-0412"},
		{"signature with a local inspection's ID", edit(draft, func(d *inspection.Dossier) { d.Signatures[0].ID = y.sig }), "belongs to inspection LP-2026-0412"},
		{"photo with a local inspection's photo ID", edit(draft, func(d *inspection.Dossier) {
			old := d.Photos[0].ID
			d.Photos[0].ID = y.photo
			for i := range d.Links {
				if d.Links[i].PhotoID == old {
					d.Links[i].PhotoID = y.photo
				}
			}
		}), "belongs to inspection LP-2026-0412"},
		{"finding filed under the local inspection", edit(draft, func(d *inspection.Dossier) {
			d.Findings = append(d.Findings, inspection.Finding{ID: inspection.NewID(), InspectionID: y.in, Class: inspection.Critical, Quantity: 50})
		}), "belongs to inspection " + y.in.String()},
		{"section filed under the local inspection", edit(draft, func(d *inspection.Dossier) { d.Sections[0].InspectionID = y.in }), "belongs to inspection " + y.in.String()},
		{"photo linked to the local inspection's finding", edit(draft, func(d *inspection.Dossier) {
			d.Links = append(d.Links, inspection.PhotoLink{PhotoID: d.Photos[0].ID, Kind: inspection.LinkFinding, Target: y.finding.String()})
		}), "not part of inspection"},

		// Impossible values.
		{"lot size -5", edit(draft, func(d *inspection.Dossier) { d.Inspection.LotSize = -5 }), "lot size is -5"},
		{"quantity 2^63-1", edit(draft, func(d *inspection.Dossier) { d.Findings[0].Quantity = math.MaxInt64 }), "defect quantity"},
		{"class bogus", edit(draft, func(d *inspection.Dossier) { d.Findings[0].Class = "bogus" }), `class "bogus"`},
		{"status bogus", edit(draft, func(d *inspection.Dossier) { d.Inspection.Status = "bogus" }), `status "bogus"`},
		{"photo stored as .exe", func(t *testing.T) string { return photoAs(t, draft, ".exe", nil) }, "extension"},
		{"PNG bytes declared as .jpg", func(t *testing.T) string { return photoAs(t, draft, ".jpg", nil) }, "holds a PNG image"},
		{"a program declared as .png", func(t *testing.T) string { return photoAs(t, draft, ".png", []byte("MZ\x90\x00 not a picture")) }, "not a photo"},
		{"photo bytes that do not match their SHA-256", func(t *testing.T) string { return swapPhotoBytes(t, draft) }, "does not hold the content"},
		{"photo size that does not match its file", edit(draft, func(d *inspection.Dossier) { d.Photos[0].Size++ }), "declares"},

		// Finalized without the seal.
		{"finalized, manifest does not verify", func(t *testing.T) string {
			d, fin := sealed.dossier(t)
			d.Findings[0].Quantity = 0
			return sealed.write(t, d, fin)
		}, "does not match the manifest"},
		{"finalized, no manifest", func(t *testing.T) string {
			d, _ := sealed.dossier(t)
			return sealed.write(t, d, nil)
		}, "without the manifest"},
		{"finalized with no signatures and unchecked sections, resealed", func(t *testing.T) string {
			d, _ := sealed.dossier(t)
			d.Signatures, d.Sections = nil, d.Sections[:2]
			return sealed.write(t, d, reseal(t, d))
		}, "could not have been"},
		{"finalized with a forged verdict, resealed", func(t *testing.T) string {
			d, _ := sealed.dossier(t)
			fin := reseal(t, d)
			d.Findings[0].Quantity, d.Findings[0].Class = 500, inspection.Critical
			return sealed.write(t, d, fin)
		}, "does not match the manifest"},
		{"draft carrying a finalization manifest", func(t *testing.T) string {
			d, fin := sealed.dossier(t)
			d.Inspection.Status = inspection.Draft
			return sealed.write(t, d, fin)
		}, "draft but comes with"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := c.file(t)
			dir := copyData(t, base)
			before := state(t, dir)
			code, out := run(t, Import, file, "--data", dir)
			if code != ExitError || !strings.Contains(out, c.says) {
				t.Errorf("exit %d, want %d; output should say %q:\n%s", code, ExitError, c.says, out)
			}
			if after := state(t, dir); after != before {
				t.Errorf("a refused bundle changed the data folder:\n%s", diffLines(before, after))
			}
			if left := leftovers(dir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
}

// photoAs forges the attacker's own photo: content (a PNG when nil) filed
// under ext, hashed and sized honestly, so only its type is a lie.
func photoAs(t *testing.T, a *attacker, ext string, content []byte) string {
	t.Helper()
	if content == nil {
		img := image.NewRGBA(image.Rect(0, 0, 4, 4))
		img.Set(1, 1, color.RGBA{255, 0, 0, 255})
		var b bytes.Buffer
		png.Encode(&b, img)
		content = b.Bytes()
	}
	sum := sha256.Sum256(content)
	sha := hex.EncodeToString(sum[:])
	path := a.f.Photos.Original(sha, ext)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, content, 0o600); err != nil {
		t.Fatal(err)
	}
	d, fin := a.dossier(t)
	d.Photos = append(d.Photos, inspection.Photo{ID: inspection.NewID(), InspectionID: d.Inspection.ID, SHA256: sha, Ext: ext, Size: int64(len(content)), OriginalName: "IMG_9999" + ext})
	return a.write(t, d, fin)
}

// swapPhotoBytes rewrites a bundle so a photo entry holds other bytes than
// its name's SHA-256, with manifest.json recomputed to match.
func swapPhotoBytes(t *testing.T, a *attacker) string {
	t.Helper()
	d, fin := a.dossier(t)
	src := a.write(t, d, fin)
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	sums := map[string]string{}
	swapped := false
	for _, f := range zr.File {
		if f.Name == bundle.ManifestEntry {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasPrefix(f.Name, "photos/") && !swapped {
			b, swapped = append(b, 0), true // still an image to a lenient decoder
		}
		sum := sha256.Sum256(b)
		sums[f.Name] = hex.EncodeToString(sum[:])
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	m, _ := json.Marshal(map[string]any{"schema": bundle.Schema, "files": sums})
	w, _ := zw.Create(bundle.ManifestEntry)
	w.Write(m)
	zw.Close()
	out := filepath.Join(t.TempDir(), "swapped.loupe")
	if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return out
}

func diffLines(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out []string
	for _, l := range bl {
		if !slices.Contains(al, l) {
			out = append(out, "+ "+l)
		}
	}
	for _, l := range al {
		if !slices.Contains(bl, l) {
			out = append(out, "- "+l)
		}
	}
	if len(out) > 20 {
		out = append(out[:20], "…")
	}
	return strings.Join(out, "\n")
}

// contentHashes is the SHA-256 each local inspection's reports print.
func contentHashes(t *testing.T, dir string) map[inspection.ID]string {
	t.Helper()
	out := map[inspection.ID]string{}
	eachDossier(t, dir, func(_ *sqlite.DB, d *inspection.Dossier) {
		h, err := inspection.ContentHash(d)
		if err != nil {
			t.Fatal(err)
		}
		out[d.Inspection.ID] = h
	})
	return out
}

// eachDossier calls fn with every inspection of the data folder dir, whole,
// and the store it was read from.
func eachDossier(t *testing.T, dir string, fn func(*sqlite.DB, *inspection.Dossier)) {
	t.Helper()
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	ctx := context.Background()
	list, err := store.ListInspections(ctx, inspection.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list {
		d, err := store.Dossier(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		fn(store, d)
	}
}

// TestSharedRecordsCannotReachOtherInspections: a bundle may carry a
// sample this laptop holds, and photos linked to it, but neither its own
// inspection's photos nor its library photos change what another
// inspection's report shows (a golden sample's reference photo is printed
// in every report judged against it, finalized ones included).
func TestSharedRecordsCannotReachOtherInspections(t *testing.T) {
	base, err := localLaptop()
	if err != nil {
		t.Fatal(err)
	}
	dir := copyData(t, base)
	y := localRecords(t, dir)
	store, err := OpenStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	golden, err := store.Dossier(context.Background(), y.in)
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, _ := golden.Sample(y.sample)
	before := contentHashes(t, dir)

	a := newAttacker(t, false)
	d, _ := a.dossier(t)
	d.Samples = append(d.Samples, s)
	for _, p := range d.Photos {
		d.Links = append(d.Links, inspection.PhotoLink{PhotoID: p.ID, Kind: inspection.LinkSample, Target: s.ID.String()})
	}
	code, out := run(t, Import, a.write(t, d, nil), "--data", dir)
	if code != ExitOK || !strings.Contains(out, "already in this library with its own photos") {
		t.Fatalf("import: %d %s", code, out)
	}
	after := contentHashes(t, dir)
	for id, h := range before {
		if after[id] != h {
			t.Errorf("inspection %s changed (content hash %s → %s)", id, h, after[id])
		}
	}
	if len(after) != len(before)+1 {
		t.Errorf("%d inspections after the import, want %d", len(after), len(before)+1)
	}
}

// TestKeepIncomingStaysInItsInspection: a conflict's incoming version is
// applied to the inspection the conflict belongs to and nowhere else, even
// if the conflict row says otherwise (recorded by an earlier Loupe, or
// edited in the database), and never finalizes anything.
func TestKeepIncomingStaysInItsInspection(t *testing.T) {
	base, err := localLaptop()
	if err != nil {
		t.Fatal(err)
	}
	dir := copyData(t, base)
	y := localRecords(t, dir)
	a := newAttacker(t, false)
	d, _ := a.dossier(t)
	if code, out := run(t, Import, a.write(t, d, nil), "--data", dir); code != ExitOK {
		t.Fatalf("import of a sound bundle: %d %s", code, out)
	}
	x := d.Inspection.ID
	db, err := sql.Open("sqlite", filepath.Join(dir, DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	forged := func(entity, entityID string, incoming any) string {
		raw, _ := json.Marshal(incoming)
		sum := sha256.Sum256(raw)
		res, err := db.Exec(`INSERT INTO import_conflicts (inspection_id, entity, entity_id, local, incoming, incoming_sha, state, created_at)
			VALUES (?, ?, ?, 'null', ?, ?, 'open', '2026-01-01T00:00:00.000000000Z')`, x.String(), entity, entityID, string(raw), hex.EncodeToString(sum[:]))
		if err != nil {
			t.Fatal(err)
		}
		n, _ := res.LastInsertId()
		return fmt.Sprint(n)
	}
	finalized := d.Inspection
	finalized.Status = inspection.Finalized
	cases := []struct {
		name, conflict, says string
	}{
		{"finding of another inspection", forged("finding", y.finding.String(),
			inspection.Finding{ID: y.finding, InspectionID: y.in, Class: inspection.Critical, Quantity: 50}), "belongs to " + y.in.String()},
		{"another inspection's finding moved here", forged("finding", y.finding.String(),
			inspection.Finding{ID: y.finding, InspectionID: x, Class: inspection.Critical, Quantity: 50}), "cannot move"},
		{"another inspection itself", forged("inspection", y.in.String(),
			inspection.Inspection{ID: y.in, Status: inspection.Draft}), "belongs to " + y.in.String()},
		{"this inspection, finalized", forged("inspection", x.String(), finalized), "finalized"},
		{"a photo linked to another inspection's finding", forged("photo_link", "x",
			inspection.PhotoLink{PhotoID: d.Photos[0].ID, Kind: inspection.LinkFinding, Target: y.finding.String()}), "belongs to " + y.in.String()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := state(t, dir)
			code, out := run(t, Import, "--data", dir, "--conflict", c.conflict, "--keep", "incoming")
			if code != ExitError || !strings.Contains(out, c.says) {
				t.Errorf("exit %d, want %d; output should say %q:\n%s", code, ExitError, c.says, out)
			}
			if after := state(t, dir); after != before {
				t.Errorf("keeping a forged incoming version changed the data:\n%s", diffLines(before, after))
			}
		})
	}
}
