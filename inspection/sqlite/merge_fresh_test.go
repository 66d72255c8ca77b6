package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/loupeqc/loupe/inspection"
	"github.com/loupeqc/loupe/inspection/demo"
	"github.com/loupeqc/loupe/inspection/sqlite"
)

// generated returns n of the demo's generated dossiers, unwritten.
func generated(t *testing.T, n int) []*inspection.Dossier {
	t.Helper()
	scratch := openAt(t, filepath.Join(t.TempDir(), "scratch.db"))
	var out []*inspection.Dossier
	collect := func(_ context.Context, ds []*inspection.Dossier) error {
		out = append(out, ds...)
		return nil
	}
	if _, err := demo.Many(ctx, scratch, collect, fakePhotos{}, nil, demo.HandMade+n, nil); err != nil {
		t.Fatal(err)
	}
	return out
}

// renew gives a dossier's inspection and every record of its own a new
// ID, references included, so one dossier can be written many times.
func renew(d *inspection.Dossier) *inspection.Dossier {
	c := *d
	in := inspection.NewID()
	c.Inspection.ID = in
	ids := map[string]inspection.ID{}
	fresh := func(old inspection.ID) inspection.ID {
		id := inspection.NewID()
		ids[old.String()] = id
		return id
	}
	c.Sections = slices.Clone(d.Sections)
	for i := range c.Sections {
		c.Sections[i].InspectionID = in
	}
	c.Checklist = slices.Clone(d.Checklist)
	for i := range c.Checklist {
		c.Checklist[i].ID, c.Checklist[i].InspectionID = fresh(c.Checklist[i].ID), in
	}
	c.Findings = slices.Clone(d.Findings)
	for i := range c.Findings {
		c.Findings[i].ID, c.Findings[i].InspectionID = fresh(c.Findings[i].ID), in
	}
	c.Measurements = slices.Clone(d.Measurements)
	for i := range c.Measurements {
		c.Measurements[i].ID, c.Measurements[i].InspectionID = fresh(c.Measurements[i].ID), in
	}
	c.Tests = slices.Clone(d.Tests)
	for i := range c.Tests {
		c.Tests[i].ID, c.Tests[i].InspectionID = fresh(c.Tests[i].ID), in
	}
	c.Signatures = slices.Clone(d.Signatures)
	for i := range c.Signatures {
		c.Signatures[i].ID, c.Signatures[i].InspectionID = fresh(c.Signatures[i].ID), in
	}
	c.Photos = slices.Clone(d.Photos)
	for i := range c.Photos {
		if c.Photos[i].InspectionID != inspection.NilID {
			c.Photos[i].ID, c.Photos[i].InspectionID = fresh(c.Photos[i].ID), in
		}
	}
	c.Links = slices.Clone(d.Links)
	for i, l := range c.Links {
		if id, ok := ids[l.PhotoID.String()]; ok {
			c.Links[i].PhotoID = id
		}
		if id, ok := ids[l.Target]; ok {
			c.Links[i].Target = id.String()
		}
	}
	return &c
}

// TestNewInspectionSealedAsStored: a finalized inspection new to the
// database is sealed, in the merge that writes it, with the manifest its
// stored data gives when read back, whether the merge made it from the
// dossier it wrote or read it back: generated dossiers, and dossiers whose
// records come out of order and hold the values a column could change
// (negative zero in every REAL column, empty and nil lists, control
// characters, an empty signature image, a duplicate link, zero times).
func TestNewInspectionSealedAsStored(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "loupe.db"))
	gen := generated(t, 40)
	var cases []*inspection.Dossier
	for _, d := range gen {
		if d.Inspection.Status == inspection.Finalized {
			cases = append(cases, d)
		}
	}
	if len(cases) < 20 {
		t.Fatalf("only %d of %d generated inspections are finalized", len(cases), len(gen))
	}
	base := cases[0]
	for _, edit := range []func(d *inspection.Dossier){
		func(d *inspection.Dossier) { // every list reversed, positions tied
			slices.Reverse(d.Sections)
			slices.Reverse(d.Checklist)
			slices.Reverse(d.Findings)
			slices.Reverse(d.Measurements)
			slices.Reverse(d.Tests)
			slices.Reverse(d.Photos)
			slices.Reverse(d.Links)
			slices.Reverse(d.Signatures)
			for i := range d.Findings {
				d.Findings[i].Position = i % 3
			}
			for i := range d.Photos {
				d.Photos[i].Position = 0
			}
		},
		func(d *inspection.Dossier) { // values a column might not give back as they went in
			negZero := math.Copysign(0, -1)
			d.Inspection.PctProduced, d.Inspection.PctPacked = negZero, negZero
			d.Inspection.AQLCritical, d.Inspection.AQLMajor, d.Inspection.AQLMinor = negZero, negZero, negZero
			d.Inspection.POs, d.Inspection.CartonsOpened = []string{}, nil
			d.Inspection.Comments = "tab\there, NUL\x00 inside, é, 划痕, \u2028"
			d.Measurements[0].Nominal, d.Measurements[0].TolMinus, d.Measurements[0].TolPlus = negZero, negZero, negZero
			d.Measurements[1].Nominal = 0.1 + 0.2
			d.Measurements[0].Values = []float64{}
			d.Measurements[1].Values = []float64{negZero, 1e-300, math.MaxFloat64}
			d.Findings[0].Units = []int{}
			d.Findings[1].Units = nil
			d.Findings[2].Description = "\x01\x7f\"quoted\" \\ back"
			d.Signatures[0].PNG = []byte{}
			d.Signatures[0].Waived, d.Signatures[0].WaiverReason = true, "left before signing"
			d.Signatures[1].SignedAt = time.Time{}
			d.Photos[0].CreatedAt, d.Photos[0].TakenAt = time.Time{}, time.Date(2020, 2, 29, 23, 59, 59, 999999999, time.FixedZone("CST", 8*3600))
		},
		func(d *inspection.Dossier) { // a link twice
			d.Links = append(d.Links, d.Links[0])
		},
	} {
		c := renew(base)
		edit(c)
		cases = append(cases, c)
	}
	for i, d := range cases {
		t.Run(fmt.Sprintf("%d %s", i, d.Inspection.ReportNo), func(t *testing.T) {
			if _, err := db.Merge(sqlite.Bulk(ctx), d, nil); err != nil {
				t.Fatal(err)
			}
			sealed, err := db.Manifest(ctx, d.Inspection.ID)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := db.Dossier(ctx, d.Inspection.ID)
			if err != nil {
				t.Fatal(err)
			}
			now, err := sealed.Recompute(stored)
			if err != nil {
				t.Fatal(err)
			}
			if diff := sealed.Diff(now); len(diff) > 0 || sealed.DataSHA256 != now.DataSHA256 || sealed.ContentSHA256 != now.ContentSHA256 {
				t.Errorf("sealed at the merge, it differs from its stored data: %s", strings.Join(diff, "; "))
			}
		})
	}
}

// TestRealColumnsKnown: SQLite gives back a REAL column's negative zero as
// zero, so a merge seals a dossier holding one from the database instead
// of from the dossier (see negativeZero). A new REAL column must join that
// check.
func TestRealColumnsKnown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loupe.db")
	openAt(t, path)
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(t, err)
	defer raw.Close()
	rows, err := raw.Query(`SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND upper(p.type) IN ('REAL', 'FLOAT', 'DOUBLE', 'NUMERIC') ORDER BY 1`)
	must(t, err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var c string
		must(t, rows.Scan(&c))
		got = append(got, c)
	}
	want := []string{"inspections.aql_critical", "inspections.aql_major", "inspections.aql_minor",
		"inspections.pct_packed", "inspections.pct_produced",
		"measurements.nominal", "measurements.tol_minus", "measurements.tol_plus"}
	if !slices.Equal(got, want) {
		t.Errorf("REAL columns %v, want %v: check negativeZero in merge_fresh.go", got, want)
	}
}

// TestNewInspectionVerdictAsStored: a merge evaluates a new inspection's
// verdict on the row and sections it has just written, not on them read
// back; it must be the verdict of what is stored.
func TestNewInspectionVerdictAsStored(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "loupe.db"))
	gen := generated(t, 40)
	negZero := renew(gen[0])
	negZero.Inspection.AQLMajor = math.Copysign(0, -1)
	if _, err := db.MergeAll(sqlite.Bulk(ctx), append(gen, negZero)); err != nil {
		t.Fatal(err)
	}
	list, err := db.ListInspections(ctx, inspection.Filter{})
	must(t, err)
	if len(list) != len(gen)+1 {
		t.Fatalf("%d inspections listed, want %d", len(list), len(gen)+1)
	}
	verdicts := map[inspection.Verdict]int{}
	for _, s := range list {
		stored, err := db.Dossier(ctx, s.ID)
		must(t, err)
		want := stored.Outcome().Verdict
		if s.Verdict != want || s.Findings != len(stored.Findings) {
			t.Errorf("%s: verdict %s with %d findings stored, %s with %d evaluated on what is stored", s.ReportNo, s.Verdict, s.Findings, want, len(stored.Findings))
		}
		verdicts[want]++
	}
	if len(verdicts) < 2 {
		t.Errorf("verdicts %v: the generated inspections should hold more kinds", verdicts)
	}
}
