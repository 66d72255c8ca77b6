package inspection

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestValidate(t *testing.T) {
	in := func(edit func(*Inspection)) *Inspection {
		x := NewInspection(PSI, time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC))
		x.LotSize, x.Cartons, x.CartonsOpened, x.PctPacked = 3200, 120, []int{4, 17}, 85
		edit(x)
		return x
	}
	sha := strings.Repeat("ab", 32)
	id := NewID()
	cases := []struct {
		name string
		v    interface{ Validate() error }
		want string // "" when valid, else a word of the message
	}{
		{"a usual inspection", in(func(*Inspection) {}), ""},
		{"an inspection without an ID", in(func(x *Inspection) { x.ID = NilID }), "no ID"},
		{"a negative lot size", in(func(x *Inspection) { x.LotSize = -5 }), "lot size is -5"},
		{"a lot size with six zeros too many", in(func(x *Inspection) { x.LotSize = 5_000_000_000 }), "lot size"},
		{"the largest lot", in(func(x *Inspection) { x.LotSize = MaxLotSize }), ""},
		{"an unknown status", in(func(x *Inspection) { x.Status = "approved" }), "status"},
		{"an unknown type", in(func(x *Inspection) { x.Type = "XYZ" }), "type"},
		{"an unknown level", in(func(x *Inspection) { x.Level = "IV" }), "level"},
		{"an unknown severity", in(func(x *Inspection) { x.Severity = "lenient" }), "severity"},
		{"a NaN AQL", in(func(x *Inspection) { x.AQLMajor = math.NaN() }), "enter a number"},
		{"a negative AQL", in(func(x *Inspection) { x.AQLMinor = -1 }), "minor AQL"},
		{"an AQL above the tables", in(func(x *Inspection) { x.AQLMinor = 1500 }), "minor AQL"},
		{"1000 % packed", in(func(x *Inspection) { x.PctPacked = 1000 }), "% packed"},
		{"carton number 0", in(func(x *Inspection) { x.CartonsOpened = []int{0, 3} }), "opened carton"},
		{"negative cartons", in(func(x *Inspection) { x.Cartons = -1 }), "cartons"},

		{"a section", Section{Kind: SectionPacking, Result: Pending}, ""},
		{"an unjudged section", Section{Kind: SectionPacking}, ""},
		{"an unknown section", Section{Kind: "lighting", Result: Pass}, "section"},
		{"an unknown result", Section{Kind: SectionPacking, Result: "ok"}, "result"},
		{"a checklist item in no section", ChecklistItem{ID: id, Result: Pass}, "section"},

		{"a finding", Finding{ID: id, Class: Major, Quantity: 2, Units: []int{1, 7}}, ""},
		{"a finding of an unknown class", Finding{ID: id, Class: "cosmetic", Quantity: 1}, "class"},
		{"a negative quantity", Finding{ID: id, Class: Minor, Quantity: -1}, "negative"},
		{"unit 0", Finding{ID: id, Class: Minor, Units: []int{0}}, "numbered from 1"},

		{"a measurement", Measurement{ID: id, Characteristic: "Width", TolMinus: 0.1, TolPlus: 0.2, Values: []float64{1}}, ""},
		{"an infinite value", Measurement{ID: id, Characteristic: "Width", Values: []float64{math.Inf(1)}}, "enter a number"},
		{"a negative tolerance", Measurement{ID: id, Characteristic: "Width", TolMinus: -0.1}, "tolerance"},

		{"a test", Test{ID: id, Kind: TestDrop, SampleSize: 3, Result: Fail}, ""},
		{"a test of an unknown kind", Test{ID: id, Kind: "x-ray"}, "test kind"},
		{"a negative sample size", Test{ID: id, Kind: TestDrop, SampleSize: -2}, "negative"},

		{"a photo", Photo{ID: id, SHA256: sha, Ext: ".JPG"}, ""},
		{"a photo without a hash", Photo{ID: id, Ext: ".jpg"}, "no SHA-256"},
		{"a photo with a forged hash", Photo{ID: id, SHA256: "../../etc/passwd", Ext: ".jpg"}, "hex"},
		{"a photo that is a program", Photo{ID: id, SHA256: sha, Ext: ".exe"}, "extension"},
		{"a photo without extension", Photo{ID: id, SHA256: sha}, "extension"},
		{"a photo with a broken annotation layer", Photo{ID: id, SHA256: sha, Ext: ".png", Annotations: "{"}, "annotations"},
		{"a link to a section", PhotoLink{PhotoID: id, Kind: LinkSection, Target: string(SectionMarking)}, ""},
		{"a link to an unknown section", PhotoLink{PhotoID: id, Kind: LinkSection, Target: "roof"}, "section"},
		{"a link to nothing", PhotoLink{PhotoID: id, Kind: LinkFinding}, "no target"},

		{"a signature", Signature{ID: id, Role: SignerFactory, PNG: []byte{1}}, ""},
		{"a signature by a stranger", Signature{ID: id, Role: "buyer"}, "role"},
		{"a sample", Sample{ID: id, Kind: Golden, Code: "GS-1", Version: 1}, ""},
		{"a sample of an unknown kind", Sample{ID: id, Kind: "silver"}, "kind"},
		{"a client without ID", Client{Name: "x"}, "no ID"},
	}
	for _, c := range cases {
		err := c.v.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.want)
		case err != nil && ErrorCode(err) != EINVALID:
			t.Errorf("%s: code %s, want invalid", c.name, ErrorCode(err))
		}
	}
}

func TestDossierValidate(t *testing.T) {
	if err := readyDossier().Validate(); err != nil {
		t.Fatalf("a sound dossier: %v", err)
	}
	for name, edit := range map[string]func(d *Dossier){
		"a finding of another inspection": func(d *Dossier) { d.Findings[0].InspectionID = NewID() },
		"a negative lot size":             func(d *Dossier) { d.Inspection.LotSize = -1 },
		"a photo with a program's name":   func(d *Dossier) { d.Photos[0].Ext = ".bat" },
		"a section of another inspection": func(d *Dossier) { d.Sections[0].InspectionID = NewID() },
	} {
		d := readyDossier()
		edit(d)
		if err := d.Validate(); ErrorCode(err) != EINVALID {
			t.Errorf("%s: Validate = %v, want invalid", name, err)
		}
	}
}
