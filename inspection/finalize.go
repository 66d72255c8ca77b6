package inspection

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Finalizer closes an inspection, corrects it and shows its history. It is
// part of Store: finalizing is no field a caller sets, and Finalize is the
// only way an inspection becomes finalized.
type Finalizer interface {
	// Finalize checks CheckFinalize and the switching rules, makes the
	// inspection read-only and stores its verdict and Manifest. by is who
	// finalizes.
	Finalize(ctx context.Context, id ID, by string) error
	// Revise copies a finalized inspection into a new draft revision.
	Revise(ctx context.Context, id ID, reason, by string) (*Inspection, error)
	// Manifest returns what Finalize stored.
	Manifest(ctx context.Context, id ID) (*Manifest, error)
	// Audit lists every recorded change of an inspection, oldest first.
	Audit(ctx context.Context, inspectionID ID) ([]AuditEntry, error)
}

// RequiredSigners must have signed, or be waived, before finalizing.
var RequiredSigners = []SignerRole{SignerInspector, SignerFactory}

// Readiness lists what still stops an inspection from being finalized.
type Readiness struct {
	Unjudged          []SectionKind
	MissingSignatures []SignerRole
}

// Ready reports whether nothing is missing.
func (r Readiness) Ready() bool { return len(r.Unjudged) == 0 && len(r.MissingSignatures) == 0 }

// CheckFinalize applies the finalization rules: every section has a result,
// and the inspector and the factory have signed, or each missing signature
// is waived with a reason (on the signature, or for all on the inspection).
func CheckFinalize(d *Dossier) Readiness {
	r := Readiness{Unjudged: d.Outcome().Unjudged()}
	if strings.TrimSpace(d.Inspection.SignatureWaiver) != "" {
		return r
	}
	for _, role := range RequiredSigners {
		if !signed(d.Signatures, role) {
			r.MissingSignatures = append(r.MissingSignatures, role)
		}
	}
	return r
}

func signed(sigs []Signature, role SignerRole) bool {
	for _, s := range sigs {
		if s.Role != role {
			continue
		}
		// A name alone is not a signature: the drawn or photographed one is.
		if len(s.PNG) > 0 || s.Waived && strings.TrimSpace(s.WaiverReason) != "" {
			return true
		}
	}
	return false
}

// Err is nil when ready, else an ECONFLICT error saying what to do.
func (r Readiness) Err(in *Inspection) error {
	if r.Ready() {
		return nil
	}
	var parts []string
	if len(r.Unjudged) > 0 {
		titles := make([]string, len(r.Unjudged))
		for i, k := range r.Unjudged {
			titles[i] = k.Title()
		}
		parts = append(parts, "sections without a result: "+strings.Join(titles, ", ")+" (set pass, fail, pending or n/a)")
	}
	if len(r.MissingSignatures) > 0 {
		roles := make([]string, len(r.MissingSignatures))
		for i, role := range r.MissingSignatures {
			roles[i] = string(role)
		}
		parts = append(parts, "missing signatures: "+strings.Join(roles, ", ")+" (have them sign, or waive the signatures with a reason)")
	}
	return Errorf(ECONFLICT, "inspection %s cannot be finalized yet: %s", label(in), strings.Join(parts, "; "))
}

func label(in *Inspection) string {
	if in.ReportNo != "" {
		return in.ReportNo
	}
	return in.ID.String()
}

// ManifestVersion is the layout of Manifest and of the canonical form it
// hashes; verifiers refuse newer ones. Version 2 seals only the sample
// versions the inspection used (see Dossier.Sealed).
const ManifestVersion = 2

// Manifest fingerprints a finalized inspection, so a report or bundle can
// later be proven to match what was signed. Parts hashes each top-level
// field of the dossier separately to tell what differs, not only that
// something does.
type Manifest struct {
	Version      int     `json:"version"`
	InspectionID ID      `json:"inspection_id"`
	Verdict      Verdict `json:"verdict"`
	DataSHA256   string  `json:"data_sha256"` // of CanonicalJSON
	// ContentSHA256 is ContentHash, the hash every report page prints;
	// empty in manifests of older Loupe versions.
	ContentSHA256 string            `json:"content_sha256,omitempty"`
	Parts         map[string]string `json:"parts"`  // dossier JSON field → SHA-256
	Photos        []PhotoDigest     `json:"photos"` // originals, in dossier order
}

// PhotoDigest is the SHA-256 of one original photo file.
type PhotoDigest struct {
	ID     ID     `json:"id"`
	SHA256 string `json:"sha256"`
	Name   string `json:"name"`
}

// NewManifest fingerprints a dossier.
func NewManifest(d *Dossier) (Manifest, error) {
	return manifestAs(d, ManifestVersion)
}

// Recompute fingerprints d the way m was made, so a manifest sealed by an
// earlier Loupe is compared with the same canonical form.
func (m Manifest) Recompute(d *Dossier) (Manifest, error) {
	return manifestAs(d, m.Version)
}

func manifestAs(d *Dossier, version int) (Manifest, error) {
	data, fields, err := canonicalFields(d, version)
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{
		Version:       version,
		InspectionID:  d.Inspection.ID,
		Verdict:       d.Outcome().Verdict,
		DataSHA256:    hexSHA(data),
		ContentSHA256: contentHash(data, sealedPhotos(d, version)),
		Parts:         make(map[string]string, len(fields)),
	}
	for k, raw := range fields {
		m.Parts[k] = hexSHA(raw)
	}
	for _, p := range sealedPhotos(d, version) {
		m.Photos = append(m.Photos, PhotoDigest{ID: p.ID, SHA256: p.SHA256, Name: p.OriginalName})
	}
	return m, nil
}

// Diff says how got differs from the manifest m (the one recorded at
// finalization), one line per difference; nil when they match.
func (m Manifest) Diff(got Manifest) []string {
	var out []string
	if m.Version != got.Version {
		out = append(out, fmt.Sprintf("manifest version %d, expected %d", got.Version, m.Version))
	}
	if m.Verdict != got.Verdict {
		out = append(out, fmt.Sprintf("verdict is %s, was %s when finalized", got.Verdict, m.Verdict))
	}
	keys := make([]string, 0, len(m.Parts))
	for k := range m.Parts {
		keys = append(keys, k)
	}
	for k := range got.Parts {
		if _, ok := m.Parts[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if m.Parts[k] != got.Parts[k] {
			out = append(out, k+" changed")
		}
	}
	out = append(out, diffPhotos(m.Photos, got.Photos)...)
	if len(out) == 0 && (m.DataSHA256 != got.DataSHA256 || m.ContentSHA256 != "" && m.ContentSHA256 != got.ContentSHA256) {
		out = append(out, "inspection data changed")
	}
	return out
}

func diffPhotos(want, got []PhotoDigest) []string {
	var out []string
	have := map[ID]PhotoDigest{}
	for _, p := range got {
		have[p.ID] = p
	}
	for _, w := range want {
		g, ok := have[w.ID]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("photo %s (%s) is missing", w.Name, w.ID))
		case g.SHA256 != w.SHA256:
			out = append(out, fmt.Sprintf("photo %s (%s) has SHA-256 %s, expected %s", w.Name, w.ID, g.SHA256, w.SHA256))
		}
		delete(have, w.ID)
	}
	for _, g := range got {
		if _, extra := have[g.ID]; extra {
			out = append(out, fmt.Sprintf("photo %s (%s) was added", g.Name, g.ID))
		}
	}
	return out
}

// Revision copies a finalized dossier into a new draft that corrects it:
// new IDs everywhere, photo links pointing at the copies, RevisionOf and
// the reason set. Signatures are not copied: they approved the previous
// version, and carrying them onto changed data is exactly the "final report
// that differs from what the factory signed" that Loupe must prevent.
func Revision(d *Dossier, reason string) *Dossier {
	old := d.Inspection
	r := &Dossier{Client: d.Client, Supplier: d.Supplier, Factory: d.Factory, Product: d.Product, Samples: d.Samples}
	in := old
	in.ID, in.Status, in.ReportNo = NewID(), Draft, RevisionReportNo(old.ReportNo)
	in.RevisionOf, in.RevisionReason = old.ID, reason
	in.SignatureWaiver, in.FinalizedBy = "", ""
	in.FinalizedAt, in.CreatedAt, in.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	in.POs, in.CartonsOpened = slices.Clone(old.POs), slices.Clone(old.CartonsOpened)
	r.Inspection = in
	newIDs := map[string]string{}
	for _, s := range d.Sections {
		s.InspectionID = in.ID
		r.Sections = append(r.Sections, s)
	}
	for _, c := range d.Checklist {
		c.ID, c.InspectionID = NewID(), in.ID
		r.Checklist = append(r.Checklist, c)
	}
	for _, f := range d.Findings {
		id := NewID()
		newIDs[f.ID.String()] = id.String()
		f.ID, f.InspectionID, f.Units = id, in.ID, slices.Clone(f.Units)
		r.Findings = append(r.Findings, f)
	}
	for _, m := range d.Measurements {
		id := NewID()
		newIDs[m.ID.String()] = id.String()
		m.ID, m.InspectionID, m.Values = id, in.ID, slices.Clone(m.Values)
		r.Measurements = append(r.Measurements, m)
	}
	for _, t := range d.Tests {
		id := NewID()
		newIDs[t.ID.String()] = id.String()
		t.ID, t.InspectionID = id, in.ID
		r.Tests = append(r.Tests, t)
	}
	r.Photos, r.Links = revisePhotos(d, in.ID, newIDs)
	return r
}

// revisePhotos copies the inspection's own photos (library photos of the
// samples stay shared) and re-points their links at the copied records.
func revisePhotos(d *Dossier, to ID, newIDs map[string]string) ([]Photo, []PhotoLink) {
	var photos []Photo
	photoIDs := map[ID]ID{}
	for _, p := range d.Photos {
		if p.InspectionID != d.Inspection.ID {
			continue
		}
		id := NewID()
		photoIDs[p.ID] = id
		p.ID, p.InspectionID = id, to
		photos = append(photos, p)
	}
	var links []PhotoLink
	for _, l := range d.Links {
		id, ok := photoIDs[l.PhotoID]
		if !ok {
			continue
		}
		l.PhotoID = id
		if t, ok := newIDs[l.Target]; ok {
			l.Target = t
		}
		links = append(links, l)
	}
	return photos, links
}

// RevisionReportNo numbers a revision's report: "LP-7" → "LP-7-R1",
// "LP-7-R1" → "LP-7-R2".
func RevisionReportNo(prev string) string {
	if i := strings.LastIndex(prev, "-R"); i >= 0 {
		if n, err := strconv.Atoi(prev[i+2:]); err == nil && n > 0 {
			return prev[:i] + "-R" + strconv.Itoa(n+1)
		}
	}
	if prev == "" {
		return ""
	}
	return prev + "-R1"
}
