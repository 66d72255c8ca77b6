package inspection

import (
	"slices"
	"time"
)

// NewReportNo gives a new inspection a readable, unique-enough number that
// the inspector may overwrite with the client's own numbering.
func NewReportNo(now time.Time) string { return "LP-" + now.Format("2006-0102-1504") }

// Template starts a new draft from an earlier inspection used as a model:
// the same parties, product, type, sampling settings, golden sample and
// specification, and what to check (checklist, measurement
// characteristics, tests), never what was found there: no results, values,
// findings, photos or signatures. day is the new visit's date, now when it
// starts, inspector who does it ("" keeps the earlier one).
func Template(d *Dossier, day, now time.Time, inspector string) *Dossier {
	old := d.Inspection
	in := NewInspection(old.Type, day)
	in.ReportNo = NewReportNo(now)
	in.Inspector = inspector
	if in.Inspector == "" {
		in.Inspector = old.Inspector
	}
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = old.ClientID, old.SupplierID, old.FactoryID, old.ProductID
	in.Level, in.AQLCritical, in.AQLMajor, in.AQLMinor = old.Level, old.AQLCritical, old.AQLMajor, old.AQLMinor
	in.GoldenSampleID, in.SpecRevision = old.GoldenSampleID, old.SpecRevision
	in.StartedAt = now
	next := &Dossier{Inspection: *in, Client: d.Client, Supplier: d.Supplier, Factory: d.Factory, Product: d.Product, Samples: d.Samples}
	for _, c := range d.Checklist {
		c.ID, c.InspectionID, c.Result, c.Notes = NewID(), in.ID, Unjudged, ""
		next.Checklist = append(next.Checklist, c)
	}
	for _, m := range d.Measurements {
		m.ID, m.InspectionID, m.Values = NewID(), in.ID, nil
		next.Measurements = append(next.Measurements, m)
	}
	for _, t := range d.Tests {
		t.ID, t.InspectionID, t.Result, t.Notes, t.Observed = NewID(), in.ID, Unjudged, "", ""
		next.Tests = append(next.Tests, t)
	}
	return next
}

// Reinspection is Template for the same lot inspected again (after re-work,
// or when the client asks): it also keeps the POs and quantities and links
// back with ReinspectionOf, so the editor and the report can show the
// earlier defects.
func Reinspection(d *Dossier, day, now time.Time, inspector string) *Dossier {
	next := Template(d, day, now, inspector)
	old, in := d.Inspection, &next.Inspection
	in.POs = slices.Clone(old.POs)
	in.LotSize, in.QtyOrdered, in.Cartons = old.LotSize, old.QtyOrdered, old.Cartons
	in.PctProduced, in.PctPacked = old.PctProduced, old.PctPacked
	in.ReinspectionOf = old.ID
	return next
}
