package inspection

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDiffDossiers(t *testing.T) {
	cases := []struct {
		name string
		edit func(d *Dossier)
		want []string // every line, in order; nil when they match
	}{
		{"identical", func(d *Dossier) {}, nil},
		{"the same times in another zone", func(d *Dossier) {
			d.Inspection.Date = d.Inspection.Date.In(time.FixedZone("CST", 8*3600))
			d.Photos[0].TakenAt = d.Photos[0].TakenAt.In(time.FixedZone("EST", -5*3600))
		}, nil},
		{"only updated_at differs", func(d *Dossier) { d.Inspection.UpdatedAt = time.Now() }, nil},
		{"a quantity", func(d *Dossier) { d.Findings[0].Quantity = 3 }, []string{
			"finding 01900000-0000-7000-8000-000000000002: quantity 2 in DB, 3 in file"}},
		{"a section result", func(d *Dossier) { d.Sections[0].Result = Fail }, []string{
			`section packing: result "pass" in DB, "fail" in file`}},
		{"a record only in the file", func(d *Dossier) {
			d.Findings = append(d.Findings, Finding{ID: d.Findings[0].ID, Class: Major})
			d.Findings[1].ID[15] = 9
		}, []string{"finding 01900000-0000-7000-8000-000000000009: only in file"}},
		{"a record only in the database", func(d *Dossier) { d.Photos = nil }, []string{
			"photo 01900000-0000-7000-8000-000000000003: only in DB"}},
		{"a party, which the content hash covers", func(d *Dossier) {
			d.Supplier = Supplier{ID: d.Findings[0].ID, Name: "Mingtu"}
			d.Supplier.ID[15] = 7
		}, []string{"supplier 01900000-0000-7000-8000-000000000007: only in file"}},
		{"a sample version the inspection never used, which it does not", func(d *Dossier) {
			d.Samples = append(d.Samples, Sample{ID: d.Findings[0].ID, Kind: Golden, Code: "GS-1"})
		}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := fixedDossier()
			c.edit(b)
			got := DiffDossiers(fixedDossier(), b, "DB", "file")
			if !slices.Equal(got, c.want) {
				t.Errorf("diff =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}
