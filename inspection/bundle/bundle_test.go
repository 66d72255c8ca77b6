package bundle_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/bundle"
	"github.com/loupeqc/loupe/inspection/bundle/bundletest"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

var ctx = context.Background()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// export seeds and finalizes an inspection and writes its bundle.
func export(t testing.TB) (*bundletest.Fixture, *inspection.Dossier, string) {
	t.Helper()
	f := bundletest.Seed(t, t.TempDir())
	must(t, f.DB.Finalize(ctx, f.ID, "Li Wei"))
	d, err := f.DB.Dossier(ctx, f.ID)
	must(t, err)
	fin, err := f.DB.Manifest(ctx, f.ID)
	must(t, err)
	pdf := filepath.Join(t.TempDir(), "r.pdf")
	must(t, os.WriteFile(pdf, []byte("%PDF-1.4 stand-in"), 0o600))
	out := filepath.Join(t.TempDir(), "LP-1.loupe")
	must(t, bundle.WriteFile(ctx, out, d, f.Photos, bundle.Options{PDF: pdf, Finalized: fin}))
	return f, d, out
}

func TestExportImportReproducesTheInspection(t *testing.T) {
	src, want, file := export(t)
	dir := t.TempDir()
	db, store := bundletest.Open(t, dir)

	b, err := bundle.Read(file, bundle.Limits{})
	must(t, err)
	defer b.Close()
	var rep sqlite.MergeReport
	n, err := b.Import(filepath.Join(dir, "staging"), photo.Files{Dir: store.Dir}, func() (err error) {
		rep, err = db.Merge(ctx, b.Dossier, b.Finalized)
		return err
	}, nil)
	must(t, err)
	if n != 2 {
		t.Errorf("installed %d photos, want 2", n)
	}
	if left, _ := os.ReadDir(filepath.Join(dir, "staging")); len(left) > 0 {
		t.Errorf("staging folder not emptied: %v", left)
	}
	if len(rep.Conflicts) > 0 {
		t.Fatalf("conflicts importing into an empty database: %+v", rep.Conflicts)
	}
	got, err := db.Dossier(ctx, src.ID)
	must(t, err)
	if !reflect.DeepEqual(got, want) {
		g, _ := json.MarshalIndent(got, "", " ")
		w, _ := json.MarshalIndent(want, "", " ")
		t.Fatalf("imported dossier differs:\n got %s\nwant %s", g, w)
	}
	for _, p := range want.Photos {
		a, err := os.ReadFile(src.Photos.Original(p.SHA256, p.Ext))
		must(t, err)
		c, err := os.ReadFile(store.Original(p.SHA256, p.Ext))
		must(t, err)
		if !bytes.Equal(a, c) {
			t.Errorf("photo %s is not byte-identical after import", p.ID)
		}
	}
	wantFin, _ := src.DB.Manifest(ctx, src.ID)
	gotFin, err := db.Manifest(ctx, src.ID)
	must(t, err)
	if !reflect.DeepEqual(gotFin, wantFin) {
		t.Errorf("finalization manifest not carried over")
	}

	again, err := db.Merge(ctx, b.Dossier, b.Finalized)
	must(t, err)
	if len(again.Added) > 0 || len(again.Conflicts) > 0 {
		t.Errorf("second import changed something: added %v, conflicts %v", again.Added, again.Conflicts)
	}
	after, _ := db.Dossier(ctx, src.ID)
	if !reflect.DeepEqual(after, want) {
		t.Errorf("second import changed the dossier")
	}
}

type entry struct {
	name     string
	data     []byte
	mode     fs.FileMode
	declared uint64 // when set, written raw with this uncompressed size
}

// entries unpacks a bundle so tests can tamper with it.
func entries(t testing.TB, file string) []entry {
	t.Helper()
	zr, err := zip.OpenReader(file)
	must(t, err)
	defer zr.Close()
	var out []entry
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		out = append(out, entry{name: f.Name, data: b})
	}
	return out
}

// craft writes entries as a zip; with manifest it recomputes manifest.json
// so that only the intended defect remains.
func craft(t testing.TB, es []entry, manifest bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	files := map[string]string{}
	for _, e := range es {
		if e.name == bundle.ManifestEntry && manifest {
			continue
		}
		sum := sha256.Sum256(e.data)
		files[e.name] = hex.EncodeToString(sum[:])
		h := &zip.FileHeader{Name: e.name, Method: zip.Store}
		if e.mode != 0 {
			h.SetMode(e.mode)
		}
		var w io.Writer
		var err error
		if e.declared > 0 {
			h.UncompressedSize64, h.CompressedSize64 = e.declared, uint64(len(e.data))
			w, err = zw.CreateRaw(h)
		} else {
			w, err = zw.CreateHeader(h)
		}
		must(t, err)
		_, err = w.Write(e.data)
		must(t, err)
	}
	if manifest {
		b, _ := json.Marshal(map[string]any{"schema": 1, "files": files})
		w, err := zw.Create(bundle.ManifestEntry)
		must(t, err)
		w.Write(b)
	}
	must(t, zw.Close())
	return buf.Bytes()
}

func replace(es []entry, name string, fn func(*entry)) []entry {
	out := append([]entry(nil), es...)
	for i := range out {
		if out[i].name == name {
			fn(&out[i])
		}
	}
	return out
}

func TestHostileBundlesAreRefused(t *testing.T) {
	_, _, file := export(t)
	good := entries(t, file)
	schema2 := replace(good, bundle.DossierEntry, func(e *entry) {
		e.data = bytes.Replace(e.data, []byte(`"schema": 1`), []byte(`"schema": 2`), 1)
	})
	flipped := replace(good, bundle.DossierEntry, func(e *entry) {
		e.data = bytes.Replace(append([]byte(nil), e.data...), []byte("Scratch"), []byte("Scretch"), 1)
	})
	negativeLot := replace(good, bundle.DossierEntry, func(e *entry) {
		e.data = regexp.MustCompile(`"lot_size": ?\d+`).ReplaceAll(append([]byte(nil), e.data...), []byte(`"lot_size": -3200`))
	})
	programPhoto := replace(good, bundle.DossierEntry, func(e *entry) {
		e.data = regexp.MustCompile(`"ext": ?"[^"]*"`).ReplaceAll(append([]byte(nil), e.data...), []byte(`"ext": ".exe"`))
	})
	var noManifest []entry
	for _, e := range good {
		if e.name != bundle.ManifestEntry {
			noManifest = append(noManifest, e)
		}
	}
	zeros := make([]byte, 2<<20)
	cases := []struct {
		name string
		zip  []byte
		want string
	}{
		{"zip slip", craft(t, append(good, entry{name: "photos/../../evil.txt", data: []byte("x")}), true), "zip slip"},
		{"absolute path", craft(t, append(good, entry{name: "/etc/cron.d/evil", data: []byte("x")}), true), "absolute"},
		{"windows absolute path", craft(t, append(good, entry{name: "C:/evil", data: []byte("x")}), true), "absolute"},
		{"symlink", craft(t, replace(good, bundle.ReportEntry, func(e *entry) { e.mode = fs.ModeSymlink | 0o777; e.data = []byte("/etc/passwd") }), true), "symbolic link"},
		{"duplicate", craft(t, append(good, entry{name: bundle.DossierEntry, data: []byte("{}")}), true), "twice"},
		{"bomb by declared size", craft(t, replace(good, bundle.ReportEntry, func(e *entry) { e.declared = 1 << 40 }), true), "declares"},
		{"bomb by real size", craft(t, replace(good, bundle.ReportEntry, func(e *entry) { e.data, e.declared = zeros, 100 }), true), "declares"},
		{"bomb over entry limit", craft(t, replace(good, bundle.ReportEntry, func(e *entry) { e.data = zeros }), true), "allowed"},
		{"hash mismatch", craft(t, flipped, false), "SHA-256"},
		{"unknown schema", craft(t, schema2, true), "schema 2"},
		{"valid JSON, negative lot size", craft(t, negativeLot, true), "lot size is -3200"},
		{"valid JSON, photo with a program's extension", craft(t, programPhoto, true), "extension"},
		{"missing manifest", craft(t, noManifest, false), "manifest.json"},
		{"not a zip", []byte("PK\x03\x04 nope"), "not a Loupe bundle"},
	}
	limits := bundle.Limits{Entry: 1 << 20}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db, store := bundletest.Open(t, dir)
			path := filepath.Join(dir, "hostile.loupe")
			must(t, os.WriteFile(path, c.zip, 0o600))
			b, err := bundle.Read(path, limits)
			if err == nil {
				b.Close()
				t.Fatalf("hostile bundle accepted")
			}
			if inspection.ErrorCode(err) != inspection.EINVALID || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q (code %s), want EINVALID mentioning %q", err, inspection.ErrorCode(err), c.want)
			}
			list, err := db.ListInspections(ctx, inspection.Filter{})
			must(t, err)
			if len(list) != 0 {
				t.Errorf("database has %d inspections after a refused import", len(list))
			}
			if _, err := os.Stat(store.Dir); !os.IsNotExist(err) {
				t.Errorf("photo store was touched by a refused import")
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	_, _, file := export(f)
	good, err := os.ReadFile(file)
	must(f, err)
	f.Add(good)
	f.Add(craft(f, []entry{{name: "../x", data: []byte("x")}}, true))
	f.Add([]byte("PK\x05\x06" + strings.Repeat("\x00", 18)))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := bundle.ReadFrom(bytes.NewReader(data), int64(len(data)), bundle.Limits{Total: 8 << 20, Entry: 4 << 20, JSON: 1 << 20, Entries: 100})
		if err != nil {
			if inspection.ErrorCode(err) != inspection.EINVALID {
				t.Fatalf("a bad bundle is refused with an error of kind %s: %v", inspection.ErrorCode(err), err)
			}
			return
		}
		// Whatever is accepted is what the window would accept: valid,
		// sealed if finalized, and every photo it names is inside it.
		d := b.Dossier
		if d == nil || d.Inspection.ID == inspection.NilID {
			t.Fatalf("accepted a bundle without an inspection")
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("accepted invalid data: %v", err)
		}
		if err := d.CheckSeal(b.Finalized); err != nil {
			t.Fatalf("accepted an unsealed inspection: %v", err)
		}
		staging := t.TempDir()
		if s, err := b.Stage(staging); err == nil {
			must(t, s.Discard())
		}
		if left, _ := os.ReadDir(staging); len(left) > 0 {
			t.Fatalf("staging left %d entries", len(left))
		}
	})
}

// FuzzReadDossier fuzzes dossier.json inside an otherwise sound bundle
// (photos, signatures, manifest recomputed), which is where valid files
// with forged content are refused: what Read accepts must be valid, sealed
// when finalized, and stage cleanly.
func FuzzReadDossier(f *testing.F) {
	_, _, file := export(f)
	good := entries(f, file)
	var doc []byte
	for _, e := range good {
		if e.name == bundle.DossierEntry {
			doc = e.data
		}
	}
	f.Add(doc)
	f.Add(bytes.Replace(doc, []byte(`"status": "finalized"`), []byte(`"status": "draft"`), 1))
	f.Add(regexp.MustCompile(`"quantity": ?\d+`).ReplaceAll(doc, []byte(`"quantity": 9223372036854775807`)))
	f.Fuzz(func(t *testing.T, doc []byte) {
		zip := craft(t, replace(good, bundle.DossierEntry, func(e *entry) { e.data = doc }), true)
		b, err := bundle.ReadFrom(bytes.NewReader(zip), int64(len(zip)), bundle.Limits{})
		if err != nil {
			if inspection.ErrorCode(err) != inspection.EINVALID {
				t.Fatalf("refused with an error of kind %s: %v", inspection.ErrorCode(err), err)
			}
			return
		}
		if err := b.Dossier.Validate(); err != nil {
			t.Fatalf("accepted invalid data: %v", err)
		}
		if err := b.Dossier.CheckSeal(b.Finalized); err != nil {
			t.Fatalf("accepted an unsealed inspection: %v", err)
		}
		staging := t.TempDir()
		if s, err := b.Stage(staging); err == nil {
			must(t, s.Discard())
		}
		if left, _ := os.ReadDir(staging); len(left) > 0 {
			t.Fatalf("staging left %d entries", len(left))
		}
	})
}
