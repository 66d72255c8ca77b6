package sqlite

import (
	"math"
	"slices"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// freshWrites is what a merge wrote of a new inspection's own photos and
// links, which no earlier transaction can hold: what would otherwise be
// looked up in the database is looked up here.
type freshWrites struct {
	photos map[inspection.ID]bool        // own photos written
	bySHA  map[string]inspection.Photo   // the same, by content
	linked map[inspection.PhotoLink]bool // links written to them
	links  []inspection.PhotoLink        // the same, in the order written
}

// seal stores the manifest of a finalized inspection insertNew has just
// written. When the merge wrote the dossier exactly as it came, the
// manifest is made from it; otherwise from what is stored, read back.
func (m *merger) seal(d *inspection.Dossier, created time.Time) error {
	w, err := m.asWritten(d, created)
	if err != nil {
		return err
	}
	if w == nil {
		return storeManifest(m.ctx, m.tx, d.Inspection.ID)
	}
	return putManifest(m.ctx, m.tx, w)
}

// asWritten is the new inspection as loadDossier would read it back now,
// as far as its manifest sees (Dossier.Sealed): the inspection row, its
// parties, the sample versions it used, its own records in stored order.
// It is nil, and the manifest is made from the database, whenever the
// merge did not write the dossier as it came (a conflict, a note, a
// library record kept or updated, a party or used sample the dossier does
// not carry, library photos of the samples it used, which the library may
// hold more of than the dossier brings), or when a column would not give
// a value back as it went in (negativeZero).
func (m *merger) asWritten(d *inspection.Dossier, created time.Time) (*inspection.Dossier, error) {
	r := &m.report
	if m.fresh == nil || len(r.Conflicts) > 0 || len(r.Notes) > 0 || len(r.Updated) > 0 || len(r.Deleted) > 0 || r.Kept > 0 {
		return nil, nil
	}
	in := d.Inspection
	in.CreatedAt = created
	// loadDossier reads the parties the inspection names, and none for a
	// reference left empty.
	if d.Client.ID != in.ClientID || d.Supplier.ID != in.SupplierID || d.Factory.ID != in.FactoryID || d.Product.ID != in.ProductID {
		return nil, nil
	}
	if in.ClientID == inspection.NilID && d.Client != (inspection.Client{}) ||
		in.SupplierID == inspection.NilID && d.Supplier != (inspection.Supplier{}) ||
		in.FactoryID == inspection.NilID && d.Factory != (inspection.Factory{}) ||
		in.ProductID == inspection.NilID && d.Product != (inspection.Product{}) {
		return nil, nil
	}
	samples, ok := usedSamples(d)
	if !ok || negativeZero(d) {
		return nil, nil
	}
	if shown, err := m.libraryShows(samples); err != nil || shown {
		return nil, err
	}
	var photos []inspection.Photo
	for _, p := range d.Photos {
		if m.fresh.photos[p.ID] {
			photos = append(photos, p)
		}
	}
	sections := inStoredOrder(d.Sections, func(a, b inspection.Section) int { return strings.Compare(string(a.Kind), string(b.Kind)) })
	inReportOrder(sections)
	return &inspection.Dossier{
		Inspection: in, Client: d.Client, Supplier: d.Supplier, Factory: d.Factory, Product: d.Product,
		Samples:      inStoredOrder(samples, sampleOrder),
		Sections:     sections,
		Checklist:    inStoredOrder(d.Checklist, checklistOrder),
		Findings:     inStoredOrder(d.Findings, findingOrder),
		Measurements: inStoredOrder(d.Measurements, measurementOrder),
		Tests:        inStoredOrder(d.Tests, testOrder),
		Photos:       inStoredOrder(photos, photoOrder),
		Links:        inStoredOrder(m.fresh.links, linkOrder),
		Signatures:   inStoredOrder(d.Signatures, signatureOrder),
	}, nil
}

// negativeZero says whether d holds −0 in a REAL column: SQLite keeps a
// REAL that is a whole number as an integer, and gives −0 back as 0.
func negativeZero(d *inspection.Dossier) bool {
	in := &d.Inspection
	if slices.ContainsFunc([]float64{in.PctProduced, in.PctPacked, in.AQLCritical, in.AQLMajor, in.AQLMinor}, isNegativeZero) {
		return true
	}
	return slices.ContainsFunc(d.Measurements, func(m inspection.Measurement) bool {
		return isNegativeZero(m.Nominal) || isNegativeZero(m.TolMinus) || isNegativeZero(m.TolPlus)
	})
}

func isNegativeZero(x float64) bool { return x == 0 && math.Signbit(x) }

// usedSamples are the sample versions the inspection used, each carried
// once by the dossier; false when one is missing or carried twice.
func usedSamples(d *inspection.Dossier) ([]inspection.Sample, bool) {
	used := map[inspection.ID]bool{}
	if d.Inspection.GoldenSampleID != inspection.NilID {
		used[d.Inspection.GoldenSampleID] = true
	}
	for _, f := range d.Findings {
		if f.SampleID != inspection.NilID {
			used[f.SampleID] = true
		}
	}
	var out []inspection.Sample
	for _, s := range d.Samples {
		if used[s.ID] {
			if slices.ContainsFunc(out, func(o inspection.Sample) bool { return o.ID == s.ID }) {
				return nil, false
			}
			out = append(out, s)
		}
	}
	return out, len(out) == len(used)
}

// libraryShows says whether the library holds a photo of any of samples.
func (m *merger) libraryShows(samples []inspection.Sample) (bool, error) {
	if len(samples) == 0 {
		return false, nil
	}
	ids := make([]string, len(samples))
	for i, s := range samples {
		ids[i] = s.ID.String()
	}
	list, err := encJSON(ids)
	if err != nil {
		return false, err
	}
	return m.exists(`SELECT count(*) FROM photo_links l JOIN photos p ON p.id = l.photo_id
		WHERE l.kind = ? AND l.target IN (SELECT value FROM json_each(?)) AND p.inspection_id IS NULL`,
		string(inspection.LinkSample), list)
}
