package report

import (
	"context"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/loupeqc/loupe/inspection"
)

// TestBarcodeRowFollowsTheDomainRule prints barcode tests and checks the
// result and reason come from inspection.BarcodeResult, as in the window:
// no expected code and a valid scan is a pass with nothing "differing", and
// a wrong code fails even if a pass was clicked.
func TestBarcodeRowFollowsTheDomainRule(t *testing.T) {
	needPoppler(t)
	cases := []struct {
		name              string
		expected, scanned string
		clicked           inspection.Result
		row               string // what the row reads as pdftotext orders it, whitespace collapsed
	}{
		{"no expected code", "", "96385074", inspection.Pass,
			`Result 5 PASS Details Expected –, scanned 96385074: check digit is valid \(no expected code given to compare with\)\.`},
		{"another product's code", "4006381333931", "036000291452", inspection.Pass,
			`Result 5 FAIL Details Expected 4006381333931, scanned 036000291452: does not match the expected code`},
		{"matching code", "4006381333931", "4006381333931", inspection.Fail,
			`Result 5 PASS Details Expected 4006381333931, scanned 4006381333931: code matches and check digit is valid\.`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, 0, 320, 240)
			f.d.Tests = []inspection.Test{{ID: inspection.NewID(), InspectionID: f.d.Inspection.ID, Kind: inspection.TestBarcode,
				Name: "Scan of the gift box", SampleSize: 5, Expected: c.expected, Observed: c.scanned, Result: c.clicked}}
			out := filepath.Join(t.TempDir(), "r.pdf")
			if _, err := Write(context.Background(), f.d, f.photos, out, Options{Now: now}); err != nil {
				t.Fatal(err)
			}
			text := pdfText(t, out)
			if !regexp.MustCompile(c.row).MatchString(text) {
				t.Errorf("the barcode row does not read %q in:\n%s", c.row, text)
			}
			if regexp.MustCompile(`(?i)differs`).MatchString(text) {
				t.Errorf("the report says a code differs")
			}
		})
	}
}
