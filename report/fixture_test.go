package report

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// photoDir is a stand-in for the photo store: working copies named by ID.
type photoDir string

func (dir photoDir) Working(p inspection.Photo) (string, error) {
	return filepath.Join(string(dir), p.ID.String()+".jpg"), nil
}

// photoJPEG returns a camera-like JPEG: a lit bench, an object and sensor
// noise, so it compresses like a real photo rather than a flat test card.
// Every seed gives different bytes (a stamped patch), as the report dedupes
// identical images; the costly noisy base is shared between seeds.
func photoJPEG(w, h int, seed uint64) []byte {
	base := basePicture(w, h, seed%5)
	img := image.NewRGBA(base.Rect)
	copy(img.Pix, base.Pix)
	rng := rand.New(rand.NewPCG(seed, 2))
	patch := color.RGBA{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
	x0, y0 := rng.IntN(w*3/4), rng.IntN(h*3/4)
	draw.Draw(img, image.Rect(x0, y0, x0+w/8, y0+h/8), image.NewUniform(patch), image.Point{}, draw.Over)
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
	return buf.Bytes()
}

var bases sync.Map // [3]int → *image.RGBA

func basePicture(w, h int, seed uint64) *image.RGBA {
	key := [3]int{w, h, int(seed)}
	if b, ok := bases.Load(key); ok {
		return b.(*image.RGBA)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	bg := color.RGBA{uint8(120 + rng.IntN(80)), uint8(110 + rng.IntN(80)), uint8(100 + rng.IntN(80)), 255}
	cx, cy, r := w/2, h/2, min(w, h)/3
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			light := 0.6 + 0.4*float64(x+y)/float64(w+h)
			c := bg
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy < r*r {
				c = color.RGBA{200, 205, 210, 255}
				light = 0.5 + 0.5*float64(cy+r-y)/float64(2*r)
			}
			n := float64(rng.IntN(24) - 12)
			i := img.PixOffset(x, y)
			img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = clamp(float64(c.R)*light+n), clamp(float64(c.G)*light+n), clamp(float64(c.B)*light+n), 255
		}
	}
	bases.Store(key, img)
	return img
}

// writePhotos writes the queued working copies on all CPUs.
func (f *fixture) writePhotos(t testing.TB) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, len(f.queue))
	sem := make(chan struct{}, runtime.NumCPU())
	for _, q := range f.queue {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			if err := os.WriteFile(q.path, photoJPEG(q.w, q.h, q.seed), 0o600); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	f.queue = nil
}

type queued struct {
	path string
	w, h int
	seed uint64
}

func clamp(v float64) uint8 { return uint8(max(0, min(255, v))) }

func signature(seed int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 300, 90))
	for x := 20; x < 280; x++ {
		y := 45 + int(25*float64((x*7+seed*13)%60-30)/30)
		for d := -2; d <= 2; d++ {
			img.Set(x, y+d, color.NRGBA{20, 30, 90, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	return buf.Bytes()
}

// fixture is a failed PSI of kettles from a Chinese supplier, with every
// kind of content the report prints.
type fixture struct {
	d      *inspection.Dossier
	photos photoDir
	queue  []queued
}

// newFixture builds the dossier; photos are w×h JPEGs in a temp directory.
func newFixture(t testing.TB, extraPhotos, w, h int) fixture {
	t.Helper()
	dir := t.TempDir()
	day := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	in := inspection.NewInspection(inspection.PSI, day)
	in.ReportNo = "LP-2026-0502"
	in.POs = []string{"NW-PO-59107", "NW-PO-59108"}
	in.Inspector = "Li Wei"
	in.StartedAt, in.FinishedAt = day.Add(8*time.Hour+30*time.Minute), day.Add(16*time.Hour+5*time.Minute)
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 3200, 3200, 100, 85, 534
	in.CartonsOpened = []int{230, 12, 47, 101, 166, 288, 349, 402, 455, 511, 520, 530, 18, 77, 190, 260, 301, 377, 420, 498, 3, 333, 350}
	in.SpecRevision = "SPEC-KT-1750 rev C"
	in.Comments = "Lid hinge defects exceed the major limit. The factory agreed to re-check all cartons and re-work the hinges; 客户需确认返工方案。"
	in.Recommendation = "Reject the lot; re-inspect after re-work."
	golden := inspection.Sample{ID: inspection.NewID(), Kind: inspection.Golden, Code: "GS-KT1750-A", Version: 2, Date: day.AddDate(0, -3, 0), Notes: "Signed by buyer and factory, sealed bag #4471."}
	boundary := inspection.Sample{ID: inspection.NewID(), Kind: inspection.Boundary, Code: "BS-KT1750-02", Version: 1, Date: day.AddDate(0, -3, 0), Limit: "Hinge play up to 1 mm acceptable; lid must stay open at 90°"}
	in.GoldenSampleID = golden.ID
	d := &inspection.Dossier{
		Inspection: *in,
		Client:     inspection.Client{ID: inspection.NewID(), Name: "Northwind Home GmbH"},
		Supplier:   inspection.Supplier{ID: inspection.NewID(), Name: "Dongguan Everlight Electrical Appliances Ltd.", NameLocal: "东莞市永明电器有限公司"},
		Factory:    inspection.Factory{ID: inspection.NewID(), Name: "Everlight Plant 2", NameLocal: "永明二厂", Address: "18 Xingye Road, Chang'an Town, Dongguan, Guangdong"},
		Product:    inspection.Product{ID: inspection.NewID(), SKU: "NW-KT-1750", Description: "Stainless steel electric kettle 1.7 L, 2200 W"},
		Samples:    []inspection.Sample{golden, boundary},
	}
	for _, k := range inspection.Sections {
		r := inspection.Pass
		notes := ""
		switch k {
		case inspection.SectionWorkmanship:
			r = inspection.Unjudged
		case inspection.SectionClient:
			r, notes = inspection.Pending, "Manual is EN/DE only; the PO asks for EN/DE/FR. Client to decide whether to ship or re-pack. 说明书缺少法语版。"
		}
		d.Sections = append(d.Sections, inspection.Section{InspectionID: in.ID, Kind: k, Result: r, Notes: notes})
	}
	d.Checklist = []inspection.ChecklistItem{
		{ID: inspection.NewID(), Section: inspection.SectionPacking, Text: "Export cartons: 5-ply, double-wall, as specified", Result: inspection.Pass},
		{ID: inspection.NewID(), Section: inspection.SectionMarking, Text: "Shipping marks (main and side) match the PO", Result: inspection.Pass},
		{ID: inspection.NewID(), Section: inspection.SectionClient, Text: "Instruction manual in DE/EN/FR in every box", Result: inspection.Pending, Notes: "French version missing in 32 of 32 boxes checked."},
	}
	d.Findings = []inspection.Finding{
		{ID: inspection.NewID(), Class: inspection.Major, Description: "Lid hinge loose, lid does not stay open", Location: "Lid hinge", Quantity: 12, SampleID: boundary.ID},
		{ID: inspection.NewID(), Class: inspection.Minor, Description: "Light scratch on stainless body, visible at arm's length", Location: "Body, rear side", Quantity: 5},
		{ID: inspection.NewID(), Class: inspection.Minor, Description: "底座有胶水残留 (glue residue on base)", Location: "Base", Quantity: 2},
	}
	d.Measurements = []inspection.Measurement{
		// Hand-computed: mean 10.1, sd 0.0707107, Cp = 0.6/0.424264 = 1.41, Cpk = 0.2/0.212132 = 0.94.
		{ID: inspection.NewID(), Characteristic: "Spout width", Unit: "mm", Nominal: 10, TolMinus: 0.3, TolPlus: 0.3, CTQ: true, Values: []float64{10.0, 10.1, 10.2, 10.1, 10.1}, Instrument: "Caliper #QC-031", CalibratedOn: day.AddDate(0, -8, 0)},
		{ID: inspection.NewID(), Characteristic: "Power cord length", Unit: "mm", Nominal: 750, TolMinus: 10, TolPlus: 20, Values: []float64{752, 748, 761, 738, 749, 771, 755, 750, 751, 760, 744, 752}},
	}
	d.Tests = []inspection.Test{
		{ID: inspection.NewID(), Kind: inspection.TestDrop, Name: "Carton drop test (ISTA 1A, 76 cm)", SampleSize: 2, Result: inspection.Pass, Notes: "No damage."},
		{ID: inspection.NewID(), Kind: inspection.TestBarcode, Name: "EAN-13 on retail box", SampleSize: 5, Expected: "4006381333931", Observed: "4006381333931", Result: inspection.Pass},
	}
	d.Signatures = []inspection.Signature{
		{ID: inspection.NewID(), Role: inspection.SignerInspector, Name: "Li Wei", SignedAt: day.Add(16 * time.Hour), PNG: signature(1)},
		{ID: inspection.NewID(), Role: inspection.SignerFactory, Name: "陈国华 (Chen Guohua)", SignedAt: day.Add(16*time.Hour + 10*time.Minute), PNG: signature(2)},
	}
	f := fixture{d: d, photos: photoDir(dir)}
	f.addPhoto(t, in.ID, "Lid hinge, unit 37", inspection.LinkFinding, d.Findings[0].ID.String(), w, h)
	f.addPhoto(t, in.ID, "Scratch, rear side", inspection.LinkFinding, d.Findings[1].ID.String(), w, h)
	f.addPhoto(t, inspection.NilID, "Boundary sample BS-KT1750-02", inspection.LinkSample, boundary.ID.String(), w, h)
	f.addPhoto(t, inspection.NilID, "Golden sample", inspection.LinkSample, golden.ID.String(), w, h)
	f.addPhoto(t, in.ID, "Manual languages", inspection.LinkSection, string(inspection.SectionClient), w, h)
	for i := range extraPhotos {
		f.addPhoto(t, in.ID, fmt.Sprintf("Overview %d", i+1), inspection.LinkSection, string(inspection.SectionPacking), w, h)
	}
	f.writePhotos(t)
	return f
}

func (f *fixture) addPhoto(t testing.TB, owner inspection.ID, caption string, kind inspection.LinkKind, target string, w, h int) inspection.Photo {
	t.Helper()
	n := len(f.d.Photos)
	p := inspection.Photo{ID: inspection.NewID(), InspectionID: owner, SHA256: fmt.Sprintf("%064x", n+1), Ext: ".jpg",
		OriginalName: fmt.Sprintf("IMG_%04d.JPG", 100+n), Caption: caption, Width: w, Height: h, Position: n,
		TakenAt: f.d.Inspection.Date.Add(9*time.Hour + time.Duration(n)*time.Minute)}
	path, _ := f.photos.Working(p)
	f.queue = append(f.queue, queued{path, w, h, uint64(n + 1)})
	f.d.Photos = append(f.d.Photos, p)
	f.d.Links = append(f.d.Links, inspection.PhotoLink{PhotoID: p.ID, Kind: kind, Target: target})
	return p
}
