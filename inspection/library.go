package inspection

// Library is the sample library as the office keeps it for everyone: the
// products, the golden and boundary samples of each (every version), their
// reference photos and which sample each photo shows, and the clients the
// products belong to.
type Library struct {
	Clients  []Client    `json:"clients"`
	Products []Product   `json:"products"`
	Samples  []Sample    `json:"samples"`
	Photos   []Photo     `json:"photos"` // library photos: no inspection
	Links    []PhotoLink `json:"links"`  // each photo's samples
}

// Validate checks a library as another Loupe sends it: every record valid,
// every photo a library photo, every link joins one of its photos to one
// of its samples, and every sample and product names a record it carries.
// A library that reached into an inspection would change it from outside.
func (l *Library) Validate() error {
	clients := map[ID]bool{}
	for _, c := range l.Clients {
		if err := c.Validate(); err != nil {
			return err
		}
		clients[c.ID] = true
	}
	products := map[ID]bool{}
	for _, p := range l.Products {
		if err := p.Validate(); err != nil {
			return err
		}
		if p.ClientID != NilID && !clients[p.ClientID] {
			return invalid("product %s names client %s, which the library does not carry", p.ID, p.ClientID)
		}
		products[p.ID] = true
	}
	samples := map[string]bool{}
	for _, s := range l.Samples {
		if err := s.Validate(); err != nil {
			return err
		}
		if s.ProductID != NilID && !products[s.ProductID] {
			return invalid("sample %s names product %s, which the library does not carry", s.ID, s.ProductID)
		}
		samples[s.ID.String()] = true
	}
	for _, s := range l.Samples {
		if s.SupersededBy != NilID && !samples[s.SupersededBy.String()] {
			return invalid("sample %s is superseded by %s, which the library does not carry", s.ID, s.SupersededBy)
		}
	}
	photos := map[ID]bool{}
	for _, p := range l.Photos {
		if err := p.Validate(); err != nil {
			return err
		}
		if p.InspectionID != NilID {
			return invalid("photo %s belongs to inspection %s: a library carries library photos only", p.ID, p.InspectionID)
		}
		photos[p.ID] = true
	}
	for _, k := range l.Links {
		if err := k.Validate(); err != nil {
			return err
		}
		if !photos[k.PhotoID] {
			return invalid("a library link names photo %s, which the library does not carry", k.PhotoID)
		}
		if k.Kind != LinkSample || !samples[k.Target] {
			return invalid("library photo %s is linked to %s %s: library photos show the library's samples only", k.PhotoID, k.Kind, k.Target)
		}
	}
	return nil
}
