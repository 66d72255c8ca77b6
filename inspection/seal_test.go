package inspection

import "testing"

func TestSealedCoversWhatTheInspectionUsed(t *testing.T) {
	used := Sample{ID: NewID(), Kind: Boundary, Code: "BS-1", Version: 1}
	unused := Sample{ID: NewID(), Kind: Boundary, Code: "BS-1", Version: 2}
	lib := Photo{ID: NewID(), SHA256: "cc", Ext: ".jpg"}
	newer := Photo{ID: NewID(), SHA256: "dd", Ext: ".jpg"}
	base := func() *Dossier {
		d := fixedDossier()
		d.Findings[0].SampleID = used.ID
		d.Samples = []Sample{used}
		d.Photos = append(d.Photos, lib)
		d.Links = []PhotoLink{{PhotoID: lib.ID, Kind: LinkSample, Target: used.ID.String()}}
		return d
	}
	want, err := ContentHash(base())
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(d *Dossier)
		same bool
	}{
		{"a newer version appears in the library", func(d *Dossier) { d.Samples = append(d.Samples, unused) }, true},
		{"the used version is marked superseded", func(d *Dossier) { d.Samples[0].SupersededBy = unused.ID }, true},
		{"a photo of the newer version", func(d *Dossier) {
			d.Samples = append(d.Samples, unused)
			d.Photos = append(d.Photos, newer)
			d.Links = append(d.Links, PhotoLink{PhotoID: newer.ID, Kind: LinkSample, Target: unused.ID.String()})
		}, true},
		{"the used version's limit", func(d *Dossier) { d.Samples[0].Limit = "up to 3 mm" }, false},
		{"the used version's photo", func(d *Dossier) { d.Photos[1].SHA256 = "ee" }, false},
		{"the finding judged against another version", func(d *Dossier) {
			d.Samples = append(d.Samples, unused)
			d.Findings[0].SampleID = unused.ID
		}, false},
	}
	for _, c := range cases {
		d := base()
		c.edit(d)
		got, err := ContentHash(d)
		if err != nil {
			t.Fatal(err)
		}
		if (got == want) != c.same {
			t.Errorf("%s: same hash = %v, want %v", c.name, got == want, c.same)
		}
	}
}

// TestReportsOfEarlierVersionsStillVerify: reports printed before sealing
// hashed the whole dossier; verify must still recognise them.
func TestReportsOfEarlierVersionsStillVerify(t *testing.T) {
	d := fixedDossier()
	d.Samples = []Sample{{ID: NewID(), Kind: Golden, Code: "GS-1", Version: 1}} // not used: only version 1 hashed it
	legacy, err := contentHashAs(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	current, _ := ContentHash(d)
	if legacy == current {
		t.Fatal("the fixture does not tell the two forms apart")
	}
	for _, h := range []string{legacy, current} {
		if ok, err := MatchesContentHash(d, h); err != nil || !ok {
			t.Errorf("MatchesContentHash(%s) = %v, %v", h, ok, err)
		}
	}
	if ok, _ := MatchesContentHash(d, "00"); ok {
		t.Error("MatchesContentHash accepted a hash of nothing")
	}
	m1, err := manifestAs(d, 1)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := m1.Recompute(d)
	if diffs := m1.Diff(again); len(diffs) > 0 {
		t.Errorf("a version 1 manifest does not match its own recomputation: %v", diffs)
	}
}
