// Package demo seeds a database with a realistic data set: three suppliers
// (two with Chinese names), their factories, products with golden and boundary
// samples, and five inspections with defects, measurements, tests, photos and
// signatures. It is what `loupe demo` and the screenshots run on.
package demo

import (
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
	"github.com/loupeqc/loupe/inspection/inflight"
	"github.com/loupeqc/loupe/inspection/photo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// Created lists what a seeding run created or found already present.
type Created struct {
	Inspections []inspection.ID
	Suppliers   []inspection.ID
	Products    []inspection.ID
	Samples     []inspection.ID
	Photos      int // photos newly stored by this run
	Skipped     int // inspections already present
}

// epoch anchors the demo IDs' timestamps so they sort before real records.
var epoch = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// id makes a stable UUIDv7 for a demo record: same name, same ID, so running
// the demo twice updates rather than duplicates.
func id(name string) inspection.ID {
	var u inspection.ID
	sum := sha1.Sum([]byte("loupe-demo/" + name))
	copy(u[:], sum[:16])
	ms := uint64(epoch.UnixMilli()) + uint64(binary.BigEndian.Uint16(sum[16:18]))
	u[0], u[1], u[2], u[3], u[4], u[5] = byte(ms>>40), byte(ms>>32), byte(ms>>24), byte(ms>>16), byte(ms>>8), byte(ms)
	u[6] = 0x70 | u[6]&0x0f // version 7
	u[8] = 0x80 | u[8]&0x3f // RFC 4122 variant
	return u
}

// Store is what the demo writes to: the inspection store, and Merge, which
// writes each demo inspection whole, in one transaction.
type Store interface {
	inspection.Store
	Merge(ctx context.Context, d *inspection.Dossier, fin *inspection.Manifest) (sqlite.MergeReport, error)
}

// Seed writes the demo data set into store, importing generated photos with
// im. Existing demo inspections are left as they are. Each inspection is
// written whole or not at all, so a run that is killed leaves no half-built
// inspection, and running Seed again completes the set. The generated
// pictures go through a temporary folder that work records first, so a
// killed run's folder is removed at the next start (work may be nil).
func Seed(ctx context.Context, store Store, im *photo.Importer, work *inflight.Record) (Created, error) {
	var c Created
	tmp, err := tempDir(work)
	if err != nil {
		return c, fmt.Errorf("demo: temporary folder for photos: %w", err)
	}
	defer os.RemoveAll(tmp)
	s := &seeder{ctx: ctx, store: store, im: im, tmp: tmp, created: &c}
	if err := s.parties(); err != nil {
		return c, err
	}
	for _, build := range []func() *plan{s.kettleLot1, s.boardsFailed, s.boardsReinspection, s.shirtsDupro, s.kettleLot2} {
		if err := s.inspection(build()); err != nil {
			return c, err
		}
	}
	return c, nil
}

// tempDir makes a loupe-demo-* folder in the system's temp folder, recorded
// in work before it exists.
func tempDir(work *inflight.Record) (string, error) {
	token := make([]byte, 8)
	rand.Read(token)
	dir := filepath.Join(os.TempDir(), "loupe-demo-"+hex.EncodeToString(token))
	if err := work.Remove(dir); err != nil {
		return "", err
	}
	return dir, os.Mkdir(dir, 0o700)
}

type seeder struct {
	ctx     context.Context
	store   Store
	im      *photo.Importer
	tmp     string
	created *Created
}

func (s *seeder) parties() error {
	client1 := &inspection.Client{ID: id("client/northwind"), Name: "Northwind Home GmbH", Contact: "quality@northwind-home.example"}
	client2 := &inspection.Client{ID: id("client/harbor"), Name: "Harbor & Pine Retail Inc.", Contact: "sourcing@harborpine.example"}
	suppliers := []*inspection.Supplier{
		{ID: id("supplier/brightway"), Name: "Ningbo Brightway Housewares Co., Ltd.", NameLocal: "宁波明途家居用品有限公司", Address: "88 Jiangnan Road, Beilun District, Ningbo, Zhejiang, China"},
		{ID: id("supplier/everlight"), Name: "Dongguan Everlight Electrical Appliances Ltd.", NameLocal: "东莞永光电器有限公司", Address: "12 Xinsha Industrial Park, Chang'an Town, Dongguan, Guangdong, China"},
		{ID: id("supplier/saigon"), Name: "Saigon Garment Export JSC", Address: "45 Tan Thuan Export Processing Zone, District 7, Ho Chi Minh City, Vietnam"},
	}
	factories := []*inspection.Factory{
		{ID: id("factory/brightway2"), SupplierID: suppliers[0].ID, Name: "Brightway Bamboo Works No. 2", NameLocal: "明途竹制品二厂", Address: "6 Xiaogang Road, Beilun, Ningbo, Zhejiang, China"},
		{ID: id("factory/everlight"), SupplierID: suppliers[1].ID, Name: "Everlight Chang'an Plant", NameLocal: "永光长安工厂", Address: "12 Xinsha Industrial Park, Chang'an Town, Dongguan, Guangdong, China"},
		{ID: id("factory/binhduong"), SupplierID: suppliers[2].ID, Name: "Binh Duong Sewing Factory 3", Address: "Lot C4, VSIP I, Thuan An, Binh Duong, Vietnam"},
	}
	products := []*inspection.Product{
		{ID: id("product/kettle"), ClientID: client1.ID, SKU: "NW-KT-1750", Description: "Stainless steel electric kettle 1.7 L, 2200 W", SpecRef: "SPEC-KT-1750 rev C"},
		{ID: id("product/boards"), ClientID: client1.ID, SKU: "NW-BB-0430", Description: "Bamboo cutting board set, 3 pieces", SpecRef: "SPEC-BB-0430 rev B"},
		{ID: id("product/shirt"), ClientID: client2.ID, SKU: "HP-TS-2210", Description: "Men's cotton crew-neck T-shirt, navy, S–XXL", SpecRef: "TP-2210 rev A"},
	}
	for _, c := range []*inspection.Client{client1, client2} {
		if err := s.store.PutClient(s.ctx, c); err != nil {
			return fmt.Errorf("demo client: %w", err)
		}
	}
	for _, x := range suppliers {
		if err := s.store.PutSupplier(s.ctx, x); err != nil {
			return fmt.Errorf("demo supplier: %w", err)
		}
		s.created.Suppliers = append(s.created.Suppliers, x.ID)
	}
	for _, f := range factories {
		if err := s.store.PutFactory(s.ctx, f); err != nil {
			return fmt.Errorf("demo factory: %w", err)
		}
	}
	for _, p := range products {
		if err := s.store.PutProduct(s.ctx, p); err != nil {
			return fmt.Errorf("demo product: %w", err)
		}
		s.created.Products = append(s.created.Products, p.ID)
	}
	return s.samples()
}

var sampleSpecs = []struct {
	product, code, limit, shape string
	kind                        inspection.SampleKind
	tint                        color.RGBA
}{
	{"kettle", "GS-KT1750-A", "", "kettle", inspection.Golden, color.RGBA{190, 195, 200, 255}},
	{"kettle", "BS-KT1750-01", "Scratch on body up to 3 mm, not on the front face: acceptable", "defect", inspection.Boundary, color.RGBA{190, 195, 200, 255}},
	{"kettle", "BS-KT1750-02", "Lid gap up to 0.5 mm when closed: acceptable; wider is major", "kettle", inspection.Boundary, color.RGBA{170, 175, 180, 255}},
	{"boards", "GS-BB0430-B", "", "board", inspection.Golden, color.RGBA{214, 170, 110, 255}},
	{"boards", "BS-BB0430-01", "Hairline crack along the grain up to 10 mm on the back: acceptable", "defect", inspection.Boundary, color.RGBA{214, 170, 110, 255}},
	{"boards", "BS-BB0430-02", "Colour shade: darker than card 3 of the shade band is major", "board", inspection.Boundary, color.RGBA{170, 120, 70, 255}},
	{"shirt", "GS-TS2210-A", "", "shirt", inspection.Golden, color.RGBA{30, 45, 90, 255}},
	{"shirt", "BS-TS2210-01", "Loose thread up to 1 cm on inside seams: acceptable", "defect", inspection.Boundary, color.RGBA{30, 45, 90, 255}},
	{"shirt", "BS-TS2210-02", "Print misalignment up to 3 mm: acceptable", "shirt", inspection.Boundary, color.RGBA{40, 55, 100, 255}},
}

func (s *seeder) samples() error {
	for i, sp := range sampleSpecs {
		smp := &inspection.Sample{
			ID: id("sample/" + sp.code), ProductID: id("product/" + sp.product), Kind: sp.kind,
			Code: sp.code, Version: 1, Date: time.Date(2026, 8, 3+i, 0, 0, 0, 0, time.UTC), Limit: sp.limit,
		}
		if sp.kind == inspection.Golden {
			smp.Notes = "Signed and sealed by buyer, factory and inspector."
		}
		if err := s.store.PutSample(s.ctx, smp); err != nil {
			return fmt.Errorf("demo sample %s: %w", sp.code, err)
		}
		s.created.Samples = append(s.created.Samples, smp.ID)
		pic := picture{label: sp.code + " reference", shape: sp.shape, tint: sp.tint, seed: uint64(100 + i)}
		if _, err := s.libraryPhoto(pic, inspection.PhotoLink{Kind: inspection.LinkSample, Target: smp.ID.String()}); err != nil {
			return err
		}
	}
	return nil
}

// libraryPhoto generates a sample's reference picture, imports it into the
// sample library and links it. Each step can be repeated: a second run (or
// one after a killed run) finds the picture by its content and links again.
func (s *seeder) libraryPhoto(pic picture, links ...inspection.PhotoLink) (*inspection.Photo, error) {
	path := filepath.Join(s.tmp, fmt.Sprintf("IMG_%04d.JPG", pic.seed))
	if err := writeJPEG(path, pic); err != nil {
		return nil, fmt.Errorf("demo photo: %w", err)
	}
	r := s.im.ImportFile(s.ctx, inspection.NilID, path)
	if r.Err != nil {
		return nil, fmt.Errorf("demo photo %s: %w", pic.label, r.Err)
	}
	if !r.Duplicate {
		s.created.Photos++
	}
	p := r.Photo
	if p.Caption == "" {
		p.Caption = pic.label
		if err := s.store.PutPhoto(s.ctx, p); err != nil {
			return nil, err
		}
	}
	for _, l := range links {
		l.PhotoID = p.ID
		if err := s.store.LinkPhoto(s.ctx, l); err != nil {
			return nil, fmt.Errorf("demo photo link: %w", err)
		}
	}
	return p, nil
}

// plan is one demo inspection with its children; its status says whether
// it is written finalized.
type plan struct {
	in           *inspection.Inspection
	sections     map[inspection.SectionKind]inspection.Result
	notes        map[inspection.SectionKind]string
	checklist    []inspection.ChecklistItem
	findings     []inspection.Finding
	findingPics  map[int]picture // finding index → photo
	measurements []inspection.Measurement
	tests        []inspection.Test
	overview     []picture
	signed       bool
}

func (s *seeder) inspection(p *plan) error {
	ctx, in := s.ctx, p.in
	s.created.Inspections = append(s.created.Inspections, in.ID)
	if _, err := s.store.Inspection(ctx, in.ID); err == nil {
		s.created.Skipped++
		return nil
	} else if inspection.ErrorCode(err) != inspection.ENOTFOUND {
		return err
	}
	d, err := s.dossier(p)
	if err != nil {
		return fmt.Errorf("demo inspection %s: %w", in.ReportNo, err)
	}
	// Finalized the way Finalize seals it (verdict, manifest), in the same
	// transaction as the rest: no demo lot is ever a draft by accident.
	if _, err := s.store.Merge(ctx, d, nil); err != nil {
		return fmt.Errorf("demo inspection %s: %w", in.ReportNo, err)
	}
	s.created.Photos += len(d.Photos)
	return nil
}

// dossier builds a plan's inspection with all its records and photos. The
// photo files are stored first; their rows go in with the inspection.
func (s *seeder) dossier(p *plan) (*inspection.Dossier, error) {
	in := *p.in
	in.UpdatedAt = in.FinishedAt
	if in.Status == inspection.Finalized {
		in.FinalizedAt, in.FinalizedBy = in.FinishedAt, in.Inspector
	}
	d := &inspection.Dossier{Inspection: in}
	for _, k := range inspection.Sections {
		if r, ok := p.sections[k]; ok {
			d.Sections = append(d.Sections, inspection.Section{InspectionID: in.ID, Kind: k, Result: r, Notes: p.notes[k]})
		}
	}
	for i, c := range p.checklist {
		c.ID, c.InspectionID, c.Position = id(fmt.Sprintf("%s/check/%d", in.ReportNo, i)), in.ID, i
		d.Checklist = append(d.Checklist, c)
	}
	for i, f := range p.findings {
		f.ID, f.InspectionID, f.Position = id(fmt.Sprintf("%s/finding/%d", in.ReportNo, i)), in.ID, i
		d.Findings = append(d.Findings, f)
		if pic, ok := p.findingPics[i]; ok {
			if err := s.addPhoto(d, pic, inspection.LinkFinding, f.ID.String()); err != nil {
				return nil, err
			}
		}
	}
	for i, m := range p.measurements {
		m.ID, m.InspectionID, m.Position = id(fmt.Sprintf("%s/measure/%d", in.ReportNo, i)), in.ID, i
		d.Measurements = append(d.Measurements, m)
	}
	for i, t := range p.tests {
		t.ID, t.InspectionID, t.Position = id(fmt.Sprintf("%s/test/%d", in.ReportNo, i)), in.ID, i
		d.Tests = append(d.Tests, t)
	}
	for _, pic := range p.overview {
		if err := s.addPhoto(d, pic, inspection.LinkSection, string(inspection.SectionPacking)); err != nil {
			return nil, err
		}
	}
	if p.signed {
		d.Signatures = signatures(&in)
	}
	return d, nil
}

// addPhoto generates a picture, stores its files and adds its row and link.
func (s *seeder) addPhoto(d *inspection.Dossier, pic picture, kind inspection.LinkKind, target string) error {
	path := filepath.Join(s.tmp, fmt.Sprintf("IMG_%04d.JPG", pic.seed))
	if err := writeJPEG(path, pic); err != nil {
		return fmt.Errorf("demo photo: %w", err)
	}
	p, err := s.im.Files.Prepare(s.ctx, path)
	if err != nil {
		return fmt.Errorf("demo photo %s: %w", pic.label, err)
	}
	in := &d.Inspection
	p.ID, p.InspectionID, p.Caption = id(fmt.Sprintf("%s/photo/%d", in.ReportNo, pic.seed)), in.ID, pic.label
	p.Position, p.CreatedAt = len(d.Photos), in.StartedAt
	d.Photos = append(d.Photos, p)
	d.Links = append(d.Links, inspection.PhotoLink{PhotoID: p.ID, Kind: kind, Target: target})
	return nil
}

func signatures(in *inspection.Inspection) []inspection.Signature {
	var out []inspection.Signature
	for i, sig := range []inspection.Signature{
		{Role: inspection.SignerInspector, Name: in.Inspector},
		{Role: inspection.SignerFactory, Name: "Chen Jing (陈静), QC manager"},
	} {
		sig.ID, sig.InspectionID, sig.SignedAt = id(fmt.Sprintf("%s/sign/%d", in.ReportNo, i)), in.ID, in.FinishedAt
		sig.PNG = signaturePNG(uint64(len(in.ReportNo)*10 + i))
		out = append(out, sig)
	}
	return out
}

// day returns a local working-day time for demo dates.
func day(m time.Month, d, hour, min int) time.Time {
	return time.Date(2026, m, d, hour, min, 0, 0, time.UTC)
}

func newDemoInspection(name, reportNo string, t inspection.Type, date time.Time) *inspection.Inspection {
	in := inspection.NewInspection(t, date)
	in.ID = id("inspection/" + name)
	in.ReportNo = reportNo
	in.StartedAt = date.Add(9 * time.Hour)
	in.FinishedAt = date.Add(16*time.Hour + 30*time.Minute)
	in.CreatedAt = in.StartedAt
	in.Level = aql.LevelII
	in.Severity = aql.Normal
	return in
}
