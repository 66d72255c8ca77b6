package inspection

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"
)

// fixedDossier has fixed IDs and times, so its hash is a constant.
func fixedDossier() *Dossier {
	id := func(n byte) ID { return uuid.UUID{0x01, 0x90, 0, 0, 0, 0, 0x70, 0, 0x80, 0, 0, 0, 0, 0, 0, n} }
	day := time.Date(2026, 3, 4, 0, 0, 0, 0, time.UTC)
	in := Inspection{ID: id(1), ReportNo: "LP-7", Type: PSI, Status: Draft, Date: day, LotSize: 3200, Inspector: "Li Wei"}
	return &Dossier{
		Inspection: in,
		Sections:   []Section{{InspectionID: in.ID, Kind: SectionPacking, Result: Pass}},
		Findings:   []Finding{{ID: id(2), InspectionID: in.ID, Class: Minor, Quantity: 2, Description: "划痕 scratch"}},
		Photos:     []Photo{{ID: id(3), InspectionID: in.ID, SHA256: "aa", Ext: ".jpg", TakenAt: day.Add(9 * time.Hour)}},
	}
}

func TestContentHash(t *testing.T) {
	base, err := ContentHash(fixedDossier())
	if err != nil {
		t.Fatal(err)
	}
	// Reports already handed to clients print this value: the canonical
	// form must not drift, or they stop verifying.
	const golden = "d8f22e779e0161e925f19fb0b77c5a006907a33cad5ba7f8a4ee7e47555b3b0d"
	if base != golden {
		t.Errorf("ContentHash(fixedDossier()) = %s, want %s", base, golden)
	}
	cases := []struct {
		name string
		edit func(d *Dossier)
		same bool
	}{
		{"nothing changed", func(d *Dossier) {}, true},
		{"the same times seen from Shanghai", func(d *Dossier) {
			cst := time.FixedZone("CST", 8*3600)
			d.Inspection.Date = d.Inspection.Date.In(cst)
			d.Photos[0].TakenAt = d.Photos[0].TakenAt.In(cst)
		}, true},
		{"a quantity", func(d *Dossier) { d.Findings[0].Quantity++ }, false},
		{"a section result", func(d *Dossier) { d.Sections[0].Result = Fail }, false},
		{"a photo's bytes", func(d *Dossier) { d.Photos[0].SHA256 = "bb" }, false},
		{"a minute of the visit", func(d *Dossier) { d.Inspection.Date = d.Inspection.Date.Add(time.Minute) }, false},
	}
	for _, c := range cases {
		d := fixedDossier()
		c.edit(d)
		got, err := ContentHash(d)
		if err != nil {
			t.Fatal(err)
		}
		if (got == base) != c.same {
			t.Errorf("%s: hash %s, base %s, want same=%v", c.name, got, base, c.same)
		}
	}
}

// TestContentHashMatchesEarlierReports recomputes the hash the way reports
// were hashed before the canonical form was shared (plain JSON of a dossier
// as the database returns it, in UTC) and checks nothing changed for them.
func TestContentHashMatchesEarlierReports(t *testing.T) {
	d := fixedDossier()
	b, _ := json.Marshal(d)
	h := sha256.New()
	h.Write(b)
	for _, p := range d.Photos {
		h.Write([]byte{'\n'})
		h.Write([]byte(p.SHA256))
	}
	if got, _ := ContentHash(d); got != hex.EncodeToString(h.Sum(nil)) {
		t.Errorf("ContentHash of a UTC dossier = %s, earlier reports printed %x", got, h.Sum(nil))
	}
	m, err := NewManifest(d)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := ContentHash(d); m.ContentSHA256 != want {
		t.Errorf("manifest content hash %s, report hash %s: finalize and the report print different hashes", m.ContentSHA256, want)
	}
}

// TestCanonicalFields: the canonical form put together from its fields is
// byte for byte json.Marshal's, and each field is the JSON the object holds
// under its name, for both manifest versions and dossiers with every kind
// of record, empty lists and text JSON escapes.
func TestCanonicalFields(t *testing.T) {
	for _, k := range dossierKeys() {
		if !regexp.MustCompile(`^[a-z_]+$`).MatchString(k) {
			t.Errorf("Dossier field JSON name %q: canonicalFields writes plain names with no options", k)
		}
	}
	full := readyDossier()
	full.Findings[0].Description = `<a href="x">&</a> "quoted" \ 划痕 ` + "\u2028\x01"
	full.Links = []PhotoLink{{PhotoID: full.Photos[0].ID, Kind: LinkFinding, Target: full.Findings[0].ID.String()}}
	for _, d := range []*Dossier{fixedDossier(), readyDossier(), full, {}} {
		for _, version := range []int{1, ManifestVersion} {
			data, fields, err := canonicalFields(d, version)
			if err != nil {
				t.Fatal(err)
			}
			want, err := canonicalJSON(d, version)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != string(want) {
				t.Fatalf("version %d: put together\n%s\njson.Marshal\n%s", version, data, want)
			}
			var parsed map[string]json.RawMessage
			if err := json.Unmarshal(want, &parsed); err != nil {
				t.Fatal(err)
			}
			if len(parsed) != len(fields) {
				t.Errorf("version %d: %d fields, the JSON has %d", version, len(fields), len(parsed))
			}
			for k, raw := range parsed {
				if string(fields[k]) != string(raw) {
					t.Errorf("version %d, field %s: %s, the JSON holds %s", version, k, fields[k], raw)
				}
			}
		}
	}
}
