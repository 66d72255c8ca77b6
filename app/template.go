package app

import (
	"fmt"
	"slices"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// reportNo gives a new inspection a readable, unique-enough number that the
// inspector may overwrite with the client's own numbering.
func reportNo(now time.Time) string { return "LP-" + now.Format("2006-0102-1504") }

// newInspection starts a draft with the inspector's name and usual AQLs and
// opens it: nothing to fill in before work can start.
func (d *Desk) newInspection() {
	in, err := createInspection(d)
	if err == nil {
		err = d.OpenInspection(in.ID)
	}
	d.showError(err)
}

func createInspection(d *Desk) (*inspection.Inspection, error) {
	in := inspection.NewInspection(inspection.PSI, today())
	in.ReportNo = reportNo(time.Now())
	in.Inspector = prefInspector(d.App)
	a := defaultAQLs(d.App)
	in.AQLCritical, in.AQLMajor, in.AQLMinor = a[aql.Critical], a[aql.Major], a[aql.Minor]
	in.StartedAt = time.Now()
	if err := d.Store.PutInspection(d.ctx(), in); err != nil {
		return nil, fmt.Errorf("could not create the inspection: %w", err)
	}
	d.saved(nil)
	return in, nil
}

// duplicateInspection copies an inspection's header, sampling settings and
// checks, without results, findings or photos. As a re-inspection it also
// keeps the lot and links back, so the editor can show the old defects.
func duplicateInspection(d *Desk, id inspection.ID, reinspect bool) (*inspection.Inspection, error) {
	ctx := d.ctx()
	dos, err := d.Store.Dossier(ctx, id)
	if err != nil {
		return nil, err
	}
	old := dos.Inspection
	in := inspection.NewInspection(old.Type, today())
	in.ReportNo = reportNo(time.Now())
	in.Inspector = prefInspector(d.App)
	if in.Inspector == "" {
		in.Inspector = old.Inspector
	}
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = old.ClientID, old.SupplierID, old.FactoryID, old.ProductID
	in.Level, in.AQLCritical, in.AQLMajor, in.AQLMinor = old.Level, old.AQLCritical, old.AQLMajor, old.AQLMinor
	in.GoldenSampleID, in.SpecRevision = old.GoldenSampleID, old.SpecRevision
	in.StartedAt = time.Now()
	if reinspect {
		in.POs = slices.Clone(old.POs)
		in.LotSize, in.QtyOrdered, in.Cartons = old.LotSize, old.QtyOrdered, old.Cartons
		in.PctProduced, in.PctPacked = old.PctProduced, old.PctPacked
		in.ReinspectionOf = old.ID
	}
	if err := d.Store.PutInspection(ctx, in); err != nil {
		return nil, fmt.Errorf("could not create the copy: %w", err)
	}
	if err := copyChecks(d, dos, in.ID); err != nil {
		return nil, err
	}
	d.saved(nil)
	return in, nil
}

// copyChecks carries over what to check, never what was found.
func copyChecks(d *Desk, dos *inspection.Dossier, to inspection.ID) error {
	ctx := d.ctx()
	for _, c := range dos.Checklist {
		c.ID, c.InspectionID, c.Result, c.Notes = inspection.NewID(), to, inspection.Unjudged, ""
		if err := d.Store.PutChecklistItem(ctx, &c); err != nil {
			return err
		}
	}
	for _, m := range dos.Measurements {
		m.ID, m.InspectionID, m.Values = inspection.NewID(), to, nil
		if err := d.Store.PutMeasurement(ctx, &m); err != nil {
			return err
		}
	}
	for _, t := range dos.Tests {
		t.ID, t.InspectionID, t.Result, t.Notes, t.Observed = inspection.NewID(), to, inspection.Unjudged, "", ""
		if err := d.Store.PutTest(ctx, &t); err != nil {
			return err
		}
	}
	return nil
}
