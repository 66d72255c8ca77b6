package inspection

// Dossier is an inspection with everything it refers to: what the report
// prints and what a bundle carries.
type Dossier struct {
	Inspection   Inspection      `json:"inspection"`
	Client       Client          `json:"client"`
	Supplier     Supplier        `json:"supplier"`
	Factory      Factory         `json:"factory"`
	Product      Product         `json:"product"`
	Samples      []Sample        `json:"samples"` // the samples findings or the header refer to
	Sections     []Section       `json:"sections"`
	Checklist    []ChecklistItem `json:"checklist"`
	Findings     []Finding       `json:"findings"`
	Measurements []Measurement   `json:"measurements"`
	Tests        []Test          `json:"tests"`
	Photos       []Photo         `json:"photos"` // the inspection's and its samples' photos
	Links        []PhotoLink     `json:"links"`
	Signatures   []Signature     `json:"signatures"`
}

// Outcome evaluates the dossier's verdict.
func (d *Dossier) Outcome() Outcome {
	return Evaluate(&d.Inspection, d.Findings, d.Sections)
}

// PhotosOf returns the photos linked to a target, in photo order.
func (d *Dossier) PhotosOf(kind LinkKind, target string) []Photo {
	linked := map[ID]bool{}
	for _, l := range d.Links {
		if l.Kind == kind && l.Target == target {
			linked[l.PhotoID] = true
		}
	}
	var out []Photo
	for _, p := range d.Photos {
		if linked[p.ID] {
			out = append(out, p)
		}
	}
	return out
}

// Sample returns the sample with the given ID, if the dossier has it.
func (d *Dossier) Sample(id ID) (Sample, bool) {
	for _, s := range d.Samples {
		if s.ID == id {
			return s, true
		}
	}
	return Sample{}, false
}
