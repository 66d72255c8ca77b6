package demo

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/inflight"
)

// GeneratorVersion changes whenever Many writes different data for the
// same n, so a database cached by the benchmarks is rebuilt, not reused.
// Version 2 gives records time-ordered IDs, as real ones are.
const GeneratorVersion = 2

// seed seeds the generator's random choices: version 1's, so version 2
// differs from it in IDs only.
const seed = 1

// HandMade is how many inspections Seed writes: `loupe demo` without
// --inspections.
const HandMade = 5

// Writer writes whole inspections, with the parties, samples, photo rows
// and links they carry, in one transaction (sqlite's MergeAll): all of them
// or none.
type Writer func(ctx context.Context, ds []*inspection.Dossier) error

// batchFindings is about how many findings Many hands a Writer at once:
// some 400 inspections, a second or two of writing, share one commit and
// the index pages they all touch (the full-text indexes merge their
// segments once per commit). An interruption loses at most that batch,
// never part of an inspection, and running the demo again writes it.
const batchFindings = 20000

// Preparer stores a photo's files and returns its row unsaved
// (photo.Files.Prepare), so photo rows go in with their inspection.
type Preparer interface {
	Prepare(ctx context.Context, path string) (inspection.Photo, error)
}

// Progress is reported while Many writes.
type Progress struct {
	Done, Total int // generated inspections written (or found) so far, of all
	Findings    int // findings written so far
	Elapsed     time.Duration
}

// Generated says what Many did.
type Generated struct {
	Written, Skipped int // inspections written now, inspections already there
	Findings         int // findings written now
	Photos           int // distinct photo contents the generated inspections share
	Elapsed          time.Duration
}

// Many adds generated inspections to the hand-made set until the database
// holds n demo inspections (n ≥ HandMade): a career of work across many
// suppliers, factories, products and years, about 50 findings each, with
// measurements, tests, checklists, signatures and photos. The photos are a
// small pool whose files are stored once and shared by hash. The data is
// the same for the same n, under the same IDs, so running it again writes
// only what is missing. Inspections are generated on one goroutine while
// write stores them on the caller's. The pictures go through a temporary
// folder recorded in work (may be nil), as Seed's do.
func Many(ctx context.Context, store inspection.Store, write Writer, photos Preparer, work *inflight.Record, n int, progress func(Progress)) (Generated, error) {
	var g Generated
	if n < HandMade {
		return g, inspection.Errorf(inspection.EINVALID, "--inspections %d: the demo has at least its %d hand-made inspections; give %d or more", n, HandMade, HandMade)
	}
	total := n - HandMade
	if total == 0 {
		return g, nil
	}
	have, err := existing(ctx, store)
	if err != nil {
		return g, err
	}
	w := newWorld()
	tmp, err := tempDir(work)
	if err != nil {
		return g, fmt.Errorf("demo: temporary folder for photos: %w", err)
	}
	defer os.RemoveAll(tmp)
	if err := w.photoPool(ctx, photos, tmp); err != nil {
		return g, err
	}
	g.Photos = len(w.pool)
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan *inspection.Dossier, 32)
	go func() {
		defer close(queue)
		for i := range total {
			if have[w.namer(i, total).id("inspection")] {
				queue <- nil
				continue
			}
			select {
			case queue <- w.dossier(i, total):
			case <-ctx.Done():
				return
			}
		}
	}()
	last := start
	var batch []*inspection.Dossier
	pending := 0 // findings in batch
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		// A stop lands between batches: each write runs to its end, and no
		// statement needs a watcher for cancellation.
		if err := write(context.WithoutCancel(ctx), batch); err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		g.Written += len(batch)
		g.Findings += pending
		batch, pending = nil, 0
		return nil
	}
	for d := range queue {
		if err := ctx.Err(); err != nil {
			return g, err
		}
		if d == nil {
			g.Skipped++
		} else {
			batch = append(batch, d)
			pending += len(d.Findings)
		}
		end := g.Skipped+g.Written+len(batch) == total
		if pending >= batchFindings || end {
			if err := flush(); err != nil {
				return g, err
			}
		}
		if done := g.Skipped + g.Written; progress != nil && (time.Since(last) > 2*time.Second || end) {
			last = time.Now()
			progress(Progress{Done: done, Total: total, Findings: g.Findings, Elapsed: time.Since(start)})
		}
	}
	g.Elapsed = time.Since(start)
	return g, ctx.Err()
}

// existing lists the inspections already stored, so a second run skips
// them without a query each.
func existing(ctx context.Context, store inspection.Store) (map[inspection.ID]bool, error) {
	list, err := store.ListInspections(ctx, inspection.Filter{})
	if err != nil {
		return nil, err
	}
	have := make(map[inspection.ID]bool, len(list))
	for _, s := range list {
		have[s.ID] = true
	}
	return have, nil
}

// namer names the records of generated inspection i. An ID carries the
// time it was made, as a UUIDv7 made on the day does, so the records of
// a career arrive in the order of their keys, as real ones do.
type namer struct {
	i  int
	at time.Time
}

func (n namer) id(what string) inspection.ID {
	u := id(fmt.Sprintf("gen/%d/%s", n.i, what))
	ms := uint64(n.at.UnixMilli())
	u[0], u[1], u[2], u[3], u[4], u[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	return u
}

// world is the cast of the generated career: who buys, who makes what,
// who inspects.
type world struct {
	clients    []inspection.Client
	suppliers  []genSupplier
	inspectors []string
	pool       []pooled // photos shared by hash
	signatures [][]byte
}

type genSupplier struct {
	supplier inspection.Supplier
	factory  inspection.Factory
	kind     *category
	products []genProduct
}

type genProduct struct {
	product  inspection.Product
	golden   inspection.Sample
	boundary inspection.Sample
}

type pooled struct {
	photo inspection.Photo
	kind  string // category name, or "" for any
	label string
}

func newWorld() *world {
	w := &world{inspectors: inspectorNames}
	for i, name := range clientNames {
		w.clients = append(w.clients, inspection.Client{ID: id(fmt.Sprintf("gen/client/%d", i)), Name: name,
			Contact: fmt.Sprintf("quality@client%02d.example", i+1)})
	}
	rng := rand.New(rand.NewPCG(2014, seed))
	for i := range 120 {
		cat := &categories[i%len(categories)]
		city := cities[rng.IntN(len(cities))]
		trade := tradeWords[rng.IntN(len(tradeWords))]
		s := genSupplier{kind: cat}
		s.supplier = inspection.Supplier{ID: id(fmt.Sprintf("gen/supplier/%d", i)),
			Name:    fmt.Sprintf("%s %s %s Co., Ltd.", city.en, trade.en, cat.trade),
			Address: fmt.Sprintf("%d Industrial Road, %s, %s", 1+rng.IntN(300), city.en, city.country)}
		if city.zh != "" {
			s.supplier.NameLocal = city.zh + trade.zh + cat.tradeZH + "有限公司"
		}
		s.factory = inspection.Factory{ID: id(fmt.Sprintf("gen/factory/%d", i)), SupplierID: s.supplier.ID,
			Name: fmt.Sprintf("%s %s Plant %d", city.en, trade.en, 1+rng.IntN(4)), Address: s.supplier.Address}
		if city.zh != "" {
			s.factory.NameLocal = city.zh + trade.zh + fmt.Sprintf("%d厂", 1+rng.IntN(4))
		}
		for k := range 2 + rng.IntN(4) {
			item := cat.items[rng.IntN(len(cat.items))]
			client := w.clients[rng.IntN(len(w.clients))]
			sku := fmt.Sprintf("%s-%s-%04d", client.Name[:2], cat.code, 100*i+k)
			p := genProduct{product: inspection.Product{ID: id(fmt.Sprintf("gen/product/%d/%d", i, k)), ClientID: client.ID,
				SKU: sku, Description: item, SpecRef: "SPEC-" + sku + " rev " + string(rune('A'+rng.IntN(4)))}}
			p.golden = inspection.Sample{ID: id("gen/sample/golden/" + sku), ProductID: p.product.ID, Kind: inspection.Golden,
				Code: "GS-" + sku, Version: 1, Date: time.Date(2013, 11, 4, 0, 0, 0, 0, time.UTC), Notes: "Signed and sealed by buyer and factory."}
			p.boundary = inspection.Sample{ID: id("gen/sample/boundary/" + sku), ProductID: p.product.ID, Kind: inspection.Boundary,
				Code: "BS-" + sku, Version: 1, Date: p.golden.Date, Limit: cat.limit}
			s.products = append(s.products, p)
		}
		w.suppliers = append(w.suppliers, s)
	}
	for i := range 12 {
		w.signatures = append(w.signatures, signaturePNG(uint64(900+i)))
	}
	return w
}

// photoPool renders and stores the shared pictures once.
func (w *world) photoPool(ctx context.Context, photos Preparer, tmp string) error {
	specs := []struct {
		kind, shape, label string
		tint               color.RGBA
	}{
		{"", "carton", "Shipping marks, export carton", color.RGBA{}},
		{"", "carton", "Cartons on pallets, warehouse", color.RGBA{}},
		{"", "carton", "Inner packing, opened carton", color.RGBA{}},
		{"", "defect", "Defect close-up", color.RGBA{200, 200, 200, 255}},
	}
	for _, c := range categories {
		specs = append(specs,
			struct {
				kind, shape, label string
				tint               color.RGBA
			}{c.name, c.shape, "Product overview, " + c.name, c.tint},
			struct {
				kind, shape, label string
				tint               color.RGBA
			}{c.name, "defect", "Defect on " + c.name, c.tint},
			struct {
				kind, shape, label string
				tint               color.RGBA
			}{c.name, c.shape, "Defective unit beside golden sample", shade(c.tint, 0.8)})
	}
	// Each picture is drawn, encoded and stored on its own: on every core.
	w.pool = make([]pooled, len(specs))
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, s := range specs {
		g.Go(func() error {
			path := filepath.Join(tmp, fmt.Sprintf("POOL_%03d.JPG", i))
			if err := writeJPEG(path, picture{label: s.label, shape: s.shape, tint: s.tint, seed: uint64(7000 + i)}); err != nil {
				return fmt.Errorf("demo photo: %w", err)
			}
			p, err := photos.Prepare(ctx, path)
			if err != nil {
				return fmt.Errorf("demo photo %s: %w", s.label, err)
			}
			w.pool[i] = pooled{photo: p, kind: s.kind, label: s.label}
			return nil
		})
	}
	return g.Wait()
}

// genStart and genEnd bound the generated dates: years of work before the
// hand-made inspections of autumn 2026.
var (
	genStart = time.Date(2014, 1, 6, 0, 0, 0, 0, time.UTC)
	genEnd   = time.Date(2026, 8, 28, 0, 0, 0, 0, time.UTC)
)

// start draws what generated inspection i of total is about and when:
// the first draws of its random sequence. Dates rise with i, as an
// inspector's work does.
func (w *world) start(i, total int) (rng *rand.Rand, s *genSupplier, p *genProduct, date time.Time) {
	rng = rand.New(rand.NewPCG(uint64(i), seed))
	s = &w.suppliers[rng.IntN(len(w.suppliers))]
	p = &s.products[rng.IntN(len(s.products))]
	span := genEnd.Sub(genStart).Hours() / 24
	date = workday(genStart.AddDate(0, 0, int(span*float64(i)/float64(total))+rng.IntN(3)))
	return rng, s, p, date
}

// namer names the records of generated inspection i of total, made on
// its day.
func (w *world) namer(i, total int) namer {
	_, _, _, date := w.start(i, total)
	return namer{i: i, at: date.Add(8 * time.Hour)}
}

// dossier builds generated inspection i of total.
func (w *world) dossier(i, total int) *inspection.Dossier {
	rng, s, p, date := w.start(i, total)
	cat := s.kind
	n := namer{i: i, at: date.Add(8 * time.Hour)}

	in := inspection.NewInspection(pick(rng, []inspection.Type{inspection.PSI, inspection.PSI, inspection.PSI, inspection.DUPRO, inspection.IPC, inspection.FAI, inspection.CLC}), date)
	in.ID = n.id("inspection")
	in.ReportNo = fmt.Sprintf("LP-%d-%05d", date.Year(), i+1)
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = p.product.ClientID, s.supplier.ID, s.factory.ID, p.product.ID
	for range 1 + rng.IntN(3) {
		in.POs = append(in.POs, fmt.Sprintf("PO-%d-%05d", date.Year()%100, rng.IntN(100000)))
	}
	in.Inspector = w.inspectors[rng.IntN(len(w.inspectors))]
	in.StartedAt = date.Add(8*time.Hour + time.Duration(rng.IntN(90))*time.Minute)
	in.FinishedAt = in.StartedAt.Add(6*time.Hour + time.Duration(rng.IntN(180))*time.Minute)
	in.CreatedAt = in.StartedAt
	in.LotSize = 500 + rng.IntN(40)*500
	in.QtyOrdered = in.LotSize + rng.IntN(4)*250
	in.PctProduced, in.PctPacked = 100, float64(80+rng.IntN(21))
	if in.Type == inspection.DUPRO || in.Type == inspection.IPC {
		in.PctProduced, in.PctPacked = float64(20+rng.IntN(60)), float64(rng.IntN(20))
	}
	in.Cartons = max(1, in.LotSize/(6+rng.IntN(30)))
	for range 8 + rng.IntN(20) {
		in.CartonsOpened = append(in.CartonsOpened, 1+rng.IntN(in.Cartons))
	}
	in.Level, in.Severity = aql.LevelII, aql.Normal
	in.GoldenSampleID, in.SpecRevision = p.golden.ID, p.product.SpecRef
	in.Comments = pick(rng, comments)
	in.Recommendation = pick(rng, recommendations)

	d := &inspection.Dossier{Client: w.client(p.product.ClientID), Supplier: s.supplier, Factory: s.factory, Product: p.product,
		Samples: []inspection.Sample{p.golden, p.boundary}}
	sections := allSections(inspection.Pass)
	if rng.IntN(20) == 0 {
		sections[inspection.SectionPacking] = inspection.Fail
	}
	for _, k := range inspection.Sections {
		if r, ok := sections[k]; ok {
			d.Sections = append(d.Sections, inspection.Section{InspectionID: in.ID, Kind: k, Result: r})
		}
	}
	for k, c := range packingChecks() {
		c.ID, c.InspectionID, c.Position = n.id(fmt.Sprintf("check/%d", k)), in.ID, k
		d.Checklist = append(d.Checklist, c)
	}
	d.Findings = findings(rng, n, in.ID, cat, p)
	d.Measurements = measurements(rng, n, in.ID, cat)
	d.Tests = tests(rng, n, in.ID, cat)
	w.photos(rng, n, d, in, cat)
	recent := date.After(genEnd.AddDate(0, 0, -20))
	if !recent {
		in.Status = inspection.Finalized
		in.FinalizedAt, in.FinalizedBy = in.FinishedAt, in.Inspector
		for k, role := range []inspection.SignerRole{inspection.SignerInspector, inspection.SignerFactory} {
			name := in.Inspector
			if role == inspection.SignerFactory {
				name = pick(rng, factoryReps)
			}
			d.Signatures = append(d.Signatures, inspection.Signature{ID: n.id(fmt.Sprintf("sign/%d", k)), InspectionID: in.ID,
				Role: role, Name: name, SignedAt: in.FinishedAt, PNG: w.signatures[rng.IntN(len(w.signatures))]})
		}
	}
	in.UpdatedAt = in.FinishedAt
	d.Inspection = *in
	return d
}

func (w *world) client(id inspection.ID) inspection.Client {
	for _, c := range w.clients {
		if c.ID == id {
			return c
		}
	}
	return inspection.Client{}
}

// findings writes a defect list: 45 to 55 lines over a handful of
// defective units, most minor, as a real lot's list reads.
func findings(rng *rand.Rand, n namer, inID inspection.ID, cat *category, p *genProduct) []inspection.Finding {
	count := 45 + rng.IntN(11)
	defective := 6 + rng.IntN(22)
	out := make([]inspection.Finding, count)
	for k := range out {
		def := cat.defects[rng.IntN(len(cat.defects))]
		f := inspection.Finding{ID: n.id(fmt.Sprintf("finding/%d", k)), InspectionID: inID, Position: k,
			Class: inspection.Minor, Description: def.en, Location: pick(rng, cat.locations)}
		switch r := rng.IntN(1000); {
		case r < 3:
			f.Class = inspection.Critical
		case r < 150:
			f.Class = inspection.Major
		}
		if def.zh != "" && rng.IntN(3) == 0 {
			f.Description += " (" + def.zh + ")"
		}
		if rng.IntN(4) == 0 {
			f.Description += fmt.Sprintf(", %d mm", 1+rng.IntN(25))
		}
		u := 1 + rng.IntN(defective)
		f.Units = []int{u}
		if rng.IntN(5) == 0 {
			f.Units = append(f.Units, u%defective+1)
		}
		f.Quantity = len(f.Units)
		if rng.IntN(6) == 0 {
			f.SampleID = p.boundary.ID
		}
		out[k] = f
	}
	return out
}

func measurements(rng *rand.Rand, n namer, inID inspection.ID, cat *category) []inspection.Measurement {
	var out []inspection.Measurement
	for k, m := range cat.measures {
		x := inspection.Measurement{ID: n.id(fmt.Sprintf("measure/%d", k)), InspectionID: inID, Position: k,
			Characteristic: m.name, Unit: m.unit, Nominal: m.nominal, TolMinus: m.tol, TolPlus: m.tol, CTQ: k == 0,
			Instrument: m.instrument, CalibratedOn: time.Date(2013+rng.IntN(12), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC)}
		for range 5 + rng.IntN(6) {
			v := m.nominal + rng.NormFloat64()*m.tol/2.2
			x.Values = append(x.Values, math.Round(v*100)/100)
		}
		out = append(out, x)
	}
	return out
}

func tests(rng *rand.Rand, n namer, inID inspection.ID, cat *category) []inspection.Test {
	out := []inspection.Test{
		{Kind: inspection.TestDrop, Name: "Carton drop test (ISTA 1A, 76 cm)", SampleSize: 2, Result: inspection.Pass, Notes: "No damage to product or inner packing."},
		{Kind: inspection.TestCarton, Name: "Carton dimensions and weight against packing list", SampleSize: 5, Result: inspection.Pass},
	}
	if cat.test.Name != "" {
		out = append(out, cat.test)
	}
	for k := range out {
		out[k].ID, out[k].InspectionID, out[k].Position = n.id(fmt.Sprintf("test/%d", k)), inID, k
		if rng.IntN(25) == 0 {
			out[k].Result, out[k].Notes = inspection.Fail, "Failed on 1 unit: see findings."
		}
	}
	return out
}

// photos picks six pooled pictures: four show findings, two the packing.
func (w *world) photos(rng *rand.Rand, n namer, d *inspection.Dossier, in *inspection.Inspection, cat *category) {
	var mine []pooled
	for _, p := range w.pool {
		if p.kind == "" || p.kind == cat.name {
			mine = append(mine, p)
		}
	}
	rng.Shuffle(len(mine), func(a, b int) { mine[a], mine[b] = mine[b], mine[a] })
	for k, pp := range mine[:min(6, len(mine))] {
		p := pp.photo
		p.ID, p.InspectionID, p.Position, p.CreatedAt = n.id(fmt.Sprintf("photo/%d", k)), in.ID, k, in.StartedAt
		p.Caption = pp.label
		d.Photos = append(d.Photos, p)
		link := inspection.PhotoLink{PhotoID: p.ID, Kind: inspection.LinkSection, Target: string(inspection.SectionPacking)}
		if k < 4 && k < len(d.Findings) {
			f := d.Findings[rng.IntN(len(d.Findings))]
			link = inspection.PhotoLink{PhotoID: p.ID, Kind: inspection.LinkFinding, Target: f.ID.String()}
			d.Photos[k].Caption = f.Description + ", " + f.Location
		}
		d.Links = append(d.Links, link)
	}
}

// workday moves a weekend date to the Monday after.
func workday(t time.Time) time.Time {
	switch t.Weekday() {
	case time.Saturday:
		return t.AddDate(0, 0, 2)
	case time.Sunday:
		return t.AddDate(0, 0, 1)
	}
	return t
}

func pick[T any](rng *rand.Rand, xs []T) T { return xs[rng.IntN(len(xs))] }
