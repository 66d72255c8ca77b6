package inspection

import "strings"

// validateLinks checks that every photo link of a dossier stays inside it:
// the photo travels with it, and a finding, measurement or test it shows is
// one of the inspection's own. A link naming another inspection's record
// would attach a photo to that inspection from outside. Sample links may
// name samples the dossier does not carry (a library photo shows several
// samples); what a store does with those is the store's decision.
func (d *Dossier) validateLinks() error {
	photos := map[ID]bool{}
	for _, p := range d.Photos {
		photos[p.ID] = true
	}
	own := map[LinkKind]map[string]bool{LinkFinding: {}, LinkMeasurement: {}, LinkTest: {}}
	for _, f := range d.Findings {
		own[LinkFinding][f.ID.String()] = true
	}
	for _, m := range d.Measurements {
		own[LinkMeasurement][m.ID.String()] = true
	}
	for _, t := range d.Tests {
		own[LinkTest][t.ID.String()] = true
	}
	for _, l := range d.Links {
		if !photos[l.PhotoID] {
			return invalid("a photo link names photo %s, which is not part of inspection %s", l.PhotoID, d.Inspection.ID)
		}
		if ids, checked := own[l.Kind]; checked && !ids[l.Target] {
			return invalid("photo %s is linked to %s %s, which is not part of inspection %s", l.PhotoID, l.Kind, l.Target, d.Inspection.ID)
		}
		if l.Kind == LinkSample {
			if _, err := ParseID(l.Target); err != nil {
				return invalid("photo %s is linked to sample %q, which is not a sample ID", l.PhotoID, l.Target)
			}
		}
	}
	return nil
}

// CheckSeal checks a dossier that arrives from another Loupe (a bundle, a
// sync) against the manifest Finalize recorded there, fin. A finalized
// inspection must come complete, as Finalize requires (every section
// judged, signatures present or waived), and with a manifest that matches
// it field for field and photo for photo: "finalized" is a seal, not a
// status anyone may type. A draft comes without one.
func (d *Dossier) CheckSeal(fin *Manifest) error {
	in := &d.Inspection
	if in.Status != Finalized {
		if fin != nil {
			return invalid("inspection %s is a draft but comes with a finalization manifest: it was altered", label(in))
		}
		return nil
	}
	if fin == nil {
		return invalid("inspection %s is marked finalized but comes without the manifest Finalize records: export it again from the Loupe that finalized it", label(in))
	}
	if fin.InspectionID != in.ID {
		return invalid("the finalization manifest belongs to inspection %s, not %s", fin.InspectionID, in.ID)
	}
	if fin.Version > ManifestVersion {
		return invalid("the finalization manifest has version %d, newer than this Loupe reads (%d): update Loupe", fin.Version, ManifestVersion)
	}
	if r := CheckFinalize(d); !r.Ready() {
		return invalid("inspection %s is marked finalized but could not have been: %v", label(in), r.Err(in))
	}
	got, err := fin.Recompute(d)
	if err != nil {
		return err
	}
	if diffs := fin.Diff(got); len(diffs) > 0 {
		return invalid("inspection %s does not match the manifest it was finalized with (%s): the data was altered after finalizing",
			label(in), strings.Join(diffs, "; "))
	}
	return nil
}
