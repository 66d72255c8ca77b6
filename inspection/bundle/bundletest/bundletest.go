// Package bundletest builds a complete inspection in a real database with
// real photo files, for the tests of bundles, merging, verify and the outbox.
package bundletest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/datadir"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Store is a content-addressed folder laid out like photo.Files.
type Store struct{ Dir string }

// Original returns where an original lives.
func (s Store) Original(sha, ext string) string {
	return filepath.Join(s.Dir, "originals", sha[:2], sha+strings.ToLower(ext))
}

// Fixture is what Seed created.
type Fixture struct {
	DB      *sqlite.DB
	Photos  Store
	ID      inspection.ID
	Finding inspection.ID
}

// Open opens a fresh database and photo store in dir.
func Open(t testing.TB, dir string) (*sqlite.DB, Store) {
	t.Helper()
	db, err := sqlite.Open(datadir.Dir(dir).DB())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, Store{Dir: datadir.Dir(dir).Photos()}
}

// Seed writes an inspection with every kind of record, two photos (one in
// the sample library) and a drawn signature into a fresh database in dir.
func Seed(t testing.TB, dir string) *Fixture {
	t.Helper()
	ctx := context.Background()
	db, store := Open(t, dir)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	day := time.Date(2026, 3, 4, 9, 0, 0, 0, time.UTC)
	client := inspection.Client{ID: inspection.NewID(), Name: "Hearth & Home GmbH"}
	supplier := inspection.Supplier{ID: inspection.NewID(), Name: "Ningbo Brightway", NameLocal: "宁波明途"}
	factory := inspection.Factory{ID: inspection.NewID(), SupplierID: supplier.ID, Name: "Plant 2"}
	product := inspection.Product{ID: inspection.NewID(), ClientID: client.ID, SKU: "HB-4471", Description: "Mug"}
	golden := inspection.Sample{ID: inspection.NewID(), ProductID: product.ID, Kind: inspection.Golden, Code: "GS-1", Version: 1, Date: day}
	must(db.PutClient(ctx, &client))
	must(db.PutSupplier(ctx, &supplier))
	must(db.PutFactory(ctx, &factory))
	must(db.PutProduct(ctx, &product))
	must(db.PutSample(ctx, &golden))
	in := inspection.NewInspection(inspection.PSI, day)
	in.ReportNo, in.Inspector, in.LotSize, in.POs = "LP-1", "Li Wei", 3200, []string{"PO-1"}
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID, in.GoldenSampleID = client.ID, supplier.ID, factory.ID, product.ID, golden.ID
	must(db.PutInspection(ctx, in))
	for _, k := range inspection.Sections {
		must(db.PutSection(ctx, &inspection.Section{InspectionID: in.ID, Kind: k, Result: inspection.Pass}))
	}
	must(db.PutChecklistItem(ctx, &inspection.ChecklistItem{ID: inspection.NewID(), InspectionID: in.ID, Section: inspection.SectionPacking, Text: "Count", Result: inspection.Pass}))
	f := inspection.Finding{ID: inspection.NewID(), InspectionID: in.ID, Class: inspection.Minor, Description: "Scratch", Quantity: 3, SampleID: golden.ID}
	must(db.PutFinding(ctx, &f))
	must(db.PutMeasurement(ctx, &inspection.Measurement{ID: inspection.NewID(), InspectionID: in.ID, Characteristic: "Height", Unit: "mm", Nominal: 100, TolMinus: 1, TolPlus: 1, Values: []float64{100.2, 99.9}, CalibratedOn: day}))
	must(db.PutTest(ctx, &inspection.Test{ID: inspection.NewID(), InspectionID: in.ID, Kind: inspection.TestDrop, Name: "Drop", SampleSize: 2, Result: inspection.Pass}))
	own := photo(t, store, in.ID, color.RGBA{200, 30, 30, 255})
	lib := photo(t, store, inspection.NilID, color.RGBA{30, 30, 200, 255})
	must(db.PutPhoto(ctx, &own))
	must(db.PutPhoto(ctx, &lib))
	must(db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: own.ID, Kind: inspection.LinkFinding, Target: f.ID.String()}))
	must(db.LinkPhoto(ctx, inspection.PhotoLink{PhotoID: lib.ID, Kind: inspection.LinkSample, Target: golden.ID.String()}))
	sig, _ := pngBytes(color.RGBA{0, 0, 0, 255})
	must(db.PutSignature(ctx, &inspection.Signature{ID: inspection.NewID(), InspectionID: in.ID, Role: inspection.SignerInspector, Name: "Li Wei", SignedAt: day, PNG: sig}))
	must(db.PutSignature(ctx, &inspection.Signature{ID: inspection.NewID(), InspectionID: in.ID, Role: inspection.SignerFactory, Name: "Zhang", Waived: true, WaiverReason: "left early"}))
	return &Fixture{DB: db, Photos: store, ID: in.ID, Finding: f.ID}
}

func pngBytes(c color.RGBA) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

// photo writes a real PNG into the store and returns its row.
func photo(t testing.TB, s Store, owner inspection.ID, c color.RGBA) inspection.Photo {
	t.Helper()
	b, err := pngBytes(c)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	sha := hex.EncodeToString(sum[:])
	path := s.Original(sha, ".png")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return inspection.Photo{ID: inspection.NewID(), InspectionID: owner, SHA256: sha, Ext: ".png", OriginalName: "IMG.png",
		Width: 8, Height: 8, Size: int64(len(b)), TakenAt: time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)}
}

// Quantity returns the quantity of a finding of an inspection in db, -1
// when the finding is not there.
func Quantity(t testing.TB, db *sqlite.DB, id, finding inspection.ID) int {
	t.Helper()
	fs, err := db.Findings(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		if f.ID == finding {
			return f.Quantity
		}
	}
	return -1
}
