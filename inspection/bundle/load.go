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
	if err := CheckData(d); err != nil {
		return refuse("%s: %v", DossierEntry, err)
	}
	for _, p := range d.Photos {
		ext := strings.ToLower(p.Ext)
		if !b.Has(PhotoEntry(p.SHA256, ext)) {
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

// CheckData is what every dossier from another Loupe (a bundle, a sync)
// must pass before anything of it is written: valid JSON with impossible
// content (a negative lot, a photo named .exe, a finding of another
// inspection) is refused like a damaged file. The seal of a finalized
// dossier is checked apart (inspection.Dossier.CheckSeal), with the
// manifest that travels with it.
func CheckData(d *inspection.Dossier) error {
	if err := d.Validate(); err != nil {
		return err
	}
	for _, p := range d.Photos {
		if !hexSHA.MatchString(p.SHA256) || !safeExt.MatchString(strings.ToLower(p.Ext)) {
			return inspection.Errorf(inspection.EINVALID, "photo %s (%q) has SHA-256 %q and extension %q, which name no photo file", p.ID, p.OriginalName, p.SHA256, p.Ext)
		}
	}
	return nil
}
