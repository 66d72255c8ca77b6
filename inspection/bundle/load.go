package bundle

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

// load decodes dossier.json and checks that everything it refers to is in
// the bundle.
func (b *Bundle) load(raw []byte) error {
	var head struct {
		Schema int `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return refuse("%s is not valid JSON: %v", DossierEntry, err)
	}
	if err := checkSchema(DossierEntry, head.Schema); err != nil {
		return err
	}
	var doc document
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields() // schema 1 knows every field; anything else is not ours
	if err := dec.Decode(&doc); err != nil {
		return refuse("%s does not hold Loupe data: %v", DossierEntry, err)
	}
	d := doc.Dossier
	if d == nil || d.Inspection.ID == inspection.NilID {
		return refuse("%s holds no inspection", DossierEntry)
	}
	// Valid JSON with impossible content (a negative lot, a photo named
	// .exe, a finding of another inspection) is refused like a bad zip,
	// before anything is written.
	if err := d.Validate(); err != nil {
		return refuse("%s: %v", DossierEntry, err)
	}
	for _, p := range d.Photos {
		ext := strings.ToLower(p.Ext)
		if !hexSHA.MatchString(p.SHA256) || !safeExt.MatchString(ext) || !b.Has(PhotoEntry(p.SHA256, ext)) {
			return refuse("photo %s (%q) of the inspection is not in the bundle", p.ID, p.OriginalName)
		}
		if n := b.entries[PhotoEntry(p.SHA256, ext)].UncompressedSize64; uint64(p.Size) != n {
			return refuse("photo %s (%q) declares %d bytes but its file holds %d", p.ID, p.OriginalName, p.Size, n)
		}
	}
	sigs := map[string]bool{}
	for i := range d.Signatures {
		s := &d.Signatures[i]
		name := signatureEntry(s.ID)
		sigs[name] = true
		if f, ok := b.entries[name]; ok {
			png, _, err := b.read(f, b.limits.JSON)
			if err != nil {
				return err
			}
			s.PNG = png
		}
	}
	for name := range b.entries {
		if signatureName.MatchString(name) && !sigs[name] {
			return refuse("entry %q belongs to no signature of the inspection", name)
		}
	}
	if err := d.CheckSeal(doc.Finalized); err != nil {
		return refuse("%v", err)
	}
	b.Dossier, b.Finalized = d, doc.Finalized
	return nil
}
