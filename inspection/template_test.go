package inspection

import (
	"slices"
	"testing"
	"time"
)

func TestTemplateAndReinspection(t *testing.T) {
	d := readyDossier()
	d.Inspection.Status = Finalized
	d.Inspection.POs = []string{"PO-1"}
	d.Inspection.QtyOrdered, d.Inspection.Cartons = 3300, 120
	d.Checklist = []ChecklistItem{{ID: NewID(), InspectionID: d.Inspection.ID, Section: SectionPacking, Text: "5-ply cartons", Result: Fail, Notes: "3-ply"}}
	d.Measurements = []Measurement{{ID: NewID(), InspectionID: d.Inspection.ID, Characteristic: "Width", Values: []float64{1, 2}}}
	d.Tests = []Test{{ID: NewID(), InspectionID: d.Inspection.ID, Kind: TestBarcode, Expected: "96385074", Observed: "96385074", Result: Pass, Notes: "ok"}}
	day, now := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 4, 1, 8, 5, 0, 0, time.UTC)

	cases := []struct {
		name       string
		make       func(*Dossier, time.Time, time.Time, string) *Dossier
		inspector  string
		wantLot    int
		wantPOs    []string
		wantLinked bool
	}{
		{"template", Template, "Zhang San", 0, nil, false},
		{"re-inspection", Reinspection, "", 3200, []string{"PO-1"}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			next := c.make(d, day, now, c.inspector)
			in := next.Inspection
			switch {
			case in.ID == d.Inspection.ID || in.Status != Draft || !in.Date.Equal(day) || !in.StartedAt.Equal(now):
				t.Errorf("new inspection %+v: want a fresh draft dated %s", in, day)
			case in.ReportNo != "LP-2026-0401-0805":
				t.Errorf("report no %q", in.ReportNo)
			case in.LotSize != c.wantLot || !slices.Equal(in.POs, c.wantPOs):
				t.Errorf("lot %d POs %v, want %d %v", in.LotSize, in.POs, c.wantLot, c.wantPOs)
			case (in.ReinspectionOf == d.Inspection.ID) != c.wantLinked:
				t.Errorf("ReinspectionOf = %s", in.ReinspectionOf)
			case in.SupplierID != d.Inspection.SupplierID || in.AQLMajor != d.Inspection.AQLMajor:
				t.Errorf("parties or sampling settings not copied")
			}
			if want := firstNonEmpty(c.inspector, d.Inspection.Inspector); in.Inspector != want {
				t.Errorf("inspector %q, want %q", in.Inspector, want)
			}
			if len(next.Findings)+len(next.Photos)+len(next.Links)+len(next.Signatures)+len(next.Sections) != 0 {
				t.Errorf("what was found was copied: %+v", next)
			}
			ck, m, ts := next.Checklist[0], next.Measurements[0], next.Tests[0]
			if ck.ID == d.Checklist[0].ID || ck.InspectionID != in.ID || ck.Result != Unjudged || ck.Notes != "" || ck.Text != "5-ply cartons" {
				t.Errorf("checklist item %+v", ck)
			}
			if m.ID == d.Measurements[0].ID || m.Values != nil || m.Characteristic != "Width" {
				t.Errorf("measurement %+v", m)
			}
			if ts.Observed != "" || ts.Result != Unjudged || ts.Notes != "" || ts.Expected != "96385074" {
				t.Errorf("test %+v: want the expected code kept and the scan cleared", ts)
			}
		})
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
