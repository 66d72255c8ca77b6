package app

import (
	"fmt"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/aql"
)

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

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
	in.ReportNo = inspection.NewReportNo(time.Now())
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

// duplicateInspection starts a new draft from an inspection: as a
// template (inspection.Template) or, to inspect the same lot again, as a
// re-inspection (inspection.Reinspection). The store writes the copy in one
// transaction.
func duplicateInspection(d *Desk, id inspection.ID, reinspect bool) (*inspection.Inspection, error) {
	ctx := d.ctx()
	dos, err := d.Store.Dossier(ctx, id)
	if err != nil {
		return nil, err
	}
	copyOf := inspection.Template
	if reinspect {
		copyOf = inspection.Reinspection
	}
	next := copyOf(dos, today(), time.Now(), prefInspector(d.App))
	if err := d.Store.CreateInspection(ctx, next); err != nil {
		return nil, fmt.Errorf("could not create the copy: %w", err)
	}
	d.saved(nil)
	return &next.Inspection, nil
}
