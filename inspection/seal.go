package inspection

// Sealed is the part of a dossier that finalization seals and every report
// hash covers: what the inspection recorded, and the sample versions it was
// judged against with their library photos. The library's later life — a
// newer version, the mark that one superseded it, versions nobody used here —
// stays out, so the office publishing a new golden sample never unseals the
// reports that used the old one.
func (d *Dossier) Sealed() *Dossier {
	c := *d
	used := d.samplesUsed()
	c.Samples = nil
	for _, s := range d.Samples {
		if used[s.ID.String()] {
			s.SupersededBy = NilID
			c.Samples = append(c.Samples, s)
		}
	}
	own := map[ID]bool{}
	kept := map[ID]bool{}
	for _, p := range d.Photos {
		own[p.ID] = p.InspectionID == d.Inspection.ID
		kept[p.ID] = own[p.ID]
	}
	for _, l := range d.Links {
		if l.Kind == LinkSample && used[l.Target] {
			kept[l.PhotoID] = true
		}
	}
	c.Photos = nil
	for _, p := range d.Photos {
		if kept[p.ID] {
			c.Photos = append(c.Photos, p)
		}
	}
	c.Links = nil
	for _, l := range d.Links {
		if own[l.PhotoID] || kept[l.PhotoID] && l.Kind == LinkSample && used[l.Target] {
			c.Links = append(c.Links, l)
		}
	}
	return &c
}

// samplesUsed are the sample versions the inspection refers to: its golden
// sample and the samples its findings were judged against, by ID string (the
// form photo links name them in).
func (d *Dossier) samplesUsed() map[string]bool {
	used := map[string]bool{}
	if d.Inspection.GoldenSampleID != NilID {
		used[d.Inspection.GoldenSampleID.String()] = true
	}
	for _, f := range d.Findings {
		if f.SampleID != NilID {
			used[f.SampleID.String()] = true
		}
	}
	return used
}
