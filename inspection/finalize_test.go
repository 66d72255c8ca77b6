package inspection

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// shaOf makes a SHA-256-shaped hex string from one repeated digit.
func shaOf(digit string) string { return strings.Repeat(digit, 64) }

func readyDossier() *Dossier {
	in := NewInspection(PSI, time.Date(2026, 3, 4, 0, 0, 0, 0, time.FixedZone("CST", 8*3600)))
	in.ReportNo, in.LotSize = "LP-7", 3200
	d := &Dossier{Inspection: *in}
	for _, k := range Sections {
		d.Sections = append(d.Sections, Section{InspectionID: in.ID, Kind: k, Result: Pass})
	}
	for _, role := range RequiredSigners {
		d.Signatures = append(d.Signatures, Signature{ID: NewID(), InspectionID: in.ID, Role: role, PNG: []byte{1}})
	}
	f := Finding{ID: NewID(), InspectionID: in.ID, Class: Minor, Quantity: 1, Description: "dot"}
	d.Findings = []Finding{f}
	p := Photo{ID: NewID(), InspectionID: in.ID, SHA256: shaOf("a"), Ext: ".jpg", OriginalName: "IMG_1.JPG"}
	lib := Photo{ID: NewID(), SHA256: shaOf("b"), Ext: ".png"} // a sample-library photo
	d.Photos = []Photo{p, lib}
	d.Links = []PhotoLink{{PhotoID: p.ID, Kind: LinkFinding, Target: f.ID.String()}, {PhotoID: lib.ID, Kind: LinkSample, Target: NewID().String()}}
	return d
}

func TestCheckFinalize(t *testing.T) {
	d := readyDossier()
	if r := CheckFinalize(d); !r.Ready() || r.Err(&d.Inspection) != nil {
		t.Fatalf("complete dossier not ready: %+v", r)
	}
	d.Sections = d.Sections[:5]                                           // packing, marking, client missing
	d.Signatures = []Signature{{Role: SignerFactory, Waived: true}}       // waived without a reason
	d.Signatures = append(d.Signatures, Signature{Role: SignerInspector}) // a name is not a signature
	r := CheckFinalize(d)
	if !slices.Equal(r.Unjudged, []SectionKind{SectionPacking, SectionMarking, SectionClient}) ||
		!slices.Equal(r.MissingSignatures, []SignerRole{SignerInspector, SignerFactory}) {
		t.Errorf("readiness = %+v", r)
	}
	if ErrorCode(r.Err(&d.Inspection)) != ECONFLICT {
		t.Errorf("Err = %v", r.Err(&d.Inspection))
	}
	d.Signatures[0].WaiverReason = "refused to sign"
	d.Signatures[1].PNG = []byte{1}
	if r := CheckFinalize(d); len(r.MissingSignatures) != 0 {
		t.Errorf("waived and signed still missing: %v", r.MissingSignatures)
	}
	d.Signatures = nil
	d.Inspection.SignatureWaiver = "factory closed early"
	if r := CheckFinalize(d); len(r.MissingSignatures) != 0 {
		t.Errorf("inspection-level waiver ignored: %v", r.MissingSignatures)
	}
}

func TestManifestDiff(t *testing.T) {
	d := readyDossier()
	m, err := NewManifest(d)
	if err != nil {
		t.Fatal(err)
	}
	// The same data seen from another time zone is the same data.
	d.Inspection.Date = d.Inspection.Date.UTC()
	same, _ := NewManifest(d)
	if diff := m.Diff(same); diff != nil {
		t.Errorf("time zone changed the manifest: %v", diff)
	}
	d.Findings[0].Quantity = 2
	d.Photos[0].SHA256 = shaOf("c")
	got, _ := NewManifest(d)
	diff := m.Diff(got)
	for _, want := range []string{"findings changed", "photos changed", "photo IMG_1.JPG (" + d.Photos[0].ID.String() + ") has SHA-256 " + shaOf("c") + ", expected " + shaOf("a")} {
		if !slices.Contains(diff, want) {
			t.Errorf("diff %q lacks %q", diff, want)
		}
	}
}

func TestRevision(t *testing.T) {
	d := readyDossier()
	d.Inspection.Status = Finalized
	r := Revision(d, "wrong PO")
	in := r.Inspection
	if in.ID == d.Inspection.ID || in.Status != Draft || in.RevisionOf != d.Inspection.ID || in.ReportNo != "LP-7-R1" {
		t.Errorf("revision = %+v", in)
	}
	if len(r.Photos) != 1 || r.Photos[0].ID == d.Photos[0].ID || len(r.Links) != 1 {
		t.Fatalf("photos %+v links %+v: want the inspection's own photo only, copied", r.Photos, r.Links)
	}
	if r.Links[0].Target != r.Findings[0].ID.String() || r.Findings[0].ID == d.Findings[0].ID {
		t.Errorf("link %+v does not point at the copied finding %s", r.Links[0], r.Findings[0].ID)
	}
	if len(r.Signatures) != 0 {
		t.Error("signatures copied onto the revision")
	}
	for prev, want := range map[string]string{"LP-7-R1": "LP-7-R2", "A-R9": "A-R10", "LP-R-X": "LP-R-X-R1", "": ""} {
		if got := RevisionReportNo(prev); got != want {
			t.Errorf("RevisionReportNo(%q) = %q, want %q", prev, got, want)
		}
	}
}
