package sqlite

import (
	"fmt"

	"github.com/loupeqc/loupe/inspection"
)

// parties merges the library records the inspection refers to. They belong
// to no inspection, so they merge even into a finalized one.
func (m *merger) parties(d *inspection.Dossier) error {
	if d.Client.ID != inspection.NilID {
		have, err := getClient(m.ctx, m.tx, d.Client.ID)
		if err != nil {
			return err
		}
		c := d.Client
		if err := m.record("client", c.ID.String(), have, have.ID != inspection.NilID, c, func() error { return m.newParty(c) }); err != nil {
			return err
		}
	}
	if d.Supplier.ID != inspection.NilID {
		have, err := getSupplier(m.ctx, m.tx, d.Supplier.ID)
		if err != nil {
			return err
		}
		s := d.Supplier
		if err := m.record("supplier", s.ID.String(), have, have.ID != inspection.NilID, s, func() error { return m.newParty(s) }); err != nil {
			return err
		}
	}
	if d.Factory.ID != inspection.NilID {
		have, err := getFactory(m.ctx, m.tx, d.Factory.ID)
		if err != nil {
			return err
		}
		f := d.Factory
		if err := m.record("factory", f.ID.String(), have, have.ID != inspection.NilID, f, func() error { return m.newParty(f) }); err != nil {
			return err
		}
	}
	if d.Product.ID != inspection.NilID {
		have, err := getProduct(m.ctx, m.tx, d.Product.ID)
		if err != nil {
			return err
		}
		p := d.Product
		if err := m.record("product", p.ID.String(), have, have.ID != inspection.NilID, p, func() error { return m.newParty(p) }); err != nil {
			return err
		}
	}
	for _, s := range d.Samples {
		have, err := querySamples(m.ctx, m.tx, `WHERE id = ?`, s.ID.String())
		if err != nil {
			return err
		}
		put := func() error {
			m.newSamples[s.ID.String()] = true
			return putSample(m.ctx, m.tx, &s)
		}
		if err := m.record("sample", s.ID.String(), first(have), len(have) > 0, s, put); err != nil {
			return err
		}
	}
	return nil
}

// newParty writes a party missing here.
func (m *merger) newParty(v interface{ Validate() error }) error {
	_, _, err := writeParty(m.ctx, m.tx, v)
	return err
}

func first[T any](xs []T) any {
	if len(xs) == 0 {
		return nil
	}
	return xs[0]
}

func byID[T any](xs []T, id func(T) inspection.ID) map[inspection.ID]T {
	out := make(map[inspection.ID]T, len(xs))
	for _, x := range xs {
		out[id(x)] = x
	}
	return out
}

// children merges the inspection's own records against what have holds.
func (m *merger) children(d, have *inspection.Dossier) error {
	library := map[inspection.ID]bool{}
	for _, p := range d.Photos {
		library[p.ID] = p.InspectionID == inspection.NilID
	}
	var present map[inspection.ID]bool
	var err error
	if m.fresh != nil {
		// The records of a new inspection up to its photos only add
		// audit rows (links update theirs): they are written together.
		outer, b := m.ctx, &auditBatch{}
		m.ctx = withAuditBatch(outer, b)
		present, err = m.rows(d, have, library)
		m.ctx = outer
		if err == nil {
			err = b.flush(m.ctx, m.tx)
		}
	} else {
		present, err = m.rows(d, have, library)
	}
	if err != nil {
		return err
	}
	carried := map[string]bool{}
	for _, s := range d.Samples {
		carried[s.ID.String()] = true
	}
	return m.links(d.Links, present, carried, library)
}

// rows merges the records and the photos, and returns the IDs of the
// photos that exist here afterwards.
func (m *merger) rows(d, have *inspection.Dossier, library map[inspection.ID]bool) (map[inspection.ID]bool, error) {
	sections := map[inspection.SectionKind]inspection.Section{}
	for _, s := range have.Sections {
		sections[s.Kind] = s
	}
	for _, s := range d.Sections {
		l, ok := sections[s.Kind]
		id := s.InspectionID.String() + "/" + string(s.Kind)
		if err := m.record("section", id, l, ok, s, func() error { return putSection(m.ctx, m.tx, &s) }); err != nil {
			return nil, err
		}
	}
	checklist := byID(have.Checklist, func(c inspection.ChecklistItem) inspection.ID { return c.ID })
	for _, c := range d.Checklist {
		l, ok := checklist[c.ID]
		if err := m.record("checklist_item", c.ID.String(), l, ok, c, func() error { return putChecklistItem(m.ctx, m.tx, &c) }); err != nil {
			return nil, err
		}
	}
	findings := byID(have.Findings, func(f inspection.Finding) inspection.ID { return f.ID })
	for _, f := range d.Findings {
		l, ok := findings[f.ID]
		if err := m.record("finding", f.ID.String(), l, ok, f, func() error { return putFinding(m.ctx, m.tx, &f) }); err != nil {
			return nil, err
		}
	}
	measurements := byID(have.Measurements, func(x inspection.Measurement) inspection.ID { return x.ID })
	for _, x := range d.Measurements {
		l, ok := measurements[x.ID]
		if err := m.record("measurement", x.ID.String(), l, ok, x, func() error { return putMeasurement(m.ctx, m.tx, &x) }); err != nil {
			return nil, err
		}
	}
	tests := byID(have.Tests, func(t inspection.Test) inspection.ID { return t.ID })
	for _, t := range d.Tests {
		l, ok := tests[t.ID]
		if err := m.record("test", t.ID.String(), l, ok, t, func() error { return putTest(m.ctx, m.tx, &t) }); err != nil {
			return nil, err
		}
	}
	signatures := byID(have.Signatures, func(s inspection.Signature) inspection.ID { return s.ID })
	for _, s := range d.Signatures {
		l, ok := signatures[s.ID]
		if err := m.record("signature", s.ID.String(), l, ok, s, func() error { return putSignature(m.ctx, m.tx, &s) }); err != nil {
			return nil, err
		}
	}
	return m.photos(d.Photos, m.shownSamples(d.Links, library))
}

// shownSamples says, for each library photo, whether it shows a sample
// this merge added. Only those photos join the library here: a sample this
// library already holds keeps its own reference photos, which every report
// of an inspection judged against it prints, finalized ones included.
func (m *merger) shownSamples(links []inspection.PhotoLink, library map[inspection.ID]bool) map[inspection.ID]bool {
	out := map[inspection.ID]bool{}
	for _, l := range links {
		if library[l.PhotoID] && l.Kind == inspection.LinkSample && m.newSamples[l.Target] {
			out[l.PhotoID] = true
		}
	}
	return out
}

// photos merges photo rows and returns the IDs that exist here afterwards,
// so links are only made to photos this database holds.
func (m *merger) photos(photos []inspection.Photo, newSampleShown map[inspection.ID]bool) (map[inspection.ID]bool, error) {
	present := map[inspection.ID]bool{}
	for _, p := range photos {
		if fresh(m.ctx, p.InspectionID) {
			if err := m.freshPhoto(p); err != nil {
				return nil, err
			}
			present[p.ID] = m.fresh.photos[p.ID]
			continue
		}
		have, err := queryPhotos(m.ctx, m.tx, `WHERE id = ?`, p.ID.String())
		if err != nil {
			return nil, err
		}
		if len(have) == 0 && p.InspectionID == inspection.NilID && !newSampleShown[p.ID] {
			m.report.Notes = append(m.report.Notes, fmt.Sprintf("library photo %s (%s) shows no sample new here: it was left out, and the samples here keep their own photos", p.ID, p.OriginalName))
			continue
		}
		if len(have) == 0 {
			// The same content under another ID: two laptops imported one file.
			twin, err := queryPhotos(m.ctx, m.tx, `WHERE coalesce(inspection_id, '') = coalesce(?, '') AND sha256 = ?`, ref(p.InspectionID), p.SHA256)
			if err != nil {
				return nil, err
			}
			if len(twin) > 0 {
				if err := m.conflict("photo", p.ID.String(), twin[0], p); err != nil {
					return nil, err
				}
				continue
			}
		}
		frozen := m.frozen
		m.frozen = frozen && p.InspectionID != inspection.NilID // library photos are not the inspection's
		err = m.record("photo", p.ID.String(), first(have), len(have) > 0, p, func() error { return putPhoto(m.ctx, m.tx, &p, p.CreatedAt) })
		m.frozen = frozen
		if err != nil {
			return nil, err
		}
		if ok, err := m.exists(`SELECT count(*) FROM photos WHERE id = ?`, p.ID.String()); err != nil {
			return nil, err
		} else if ok {
			present[p.ID] = true
		}
	}
	return present, nil
}

// freshPhoto writes a photo of a new inspection: only this merge can have
// written its ID or its content under that inspection before.
func (m *merger) freshPhoto(p inspection.Photo) error {
	if twin, ok := m.fresh.bySHA[p.SHA256]; ok {
		return m.conflict("photo", p.ID.String(), twin, p)
	}
	if err := m.record("photo", p.ID.String(), nil, false, p, func() error { return putPhoto(m.ctx, m.tx, &p, p.CreatedAt) }); err != nil {
		return err
	}
	m.fresh.photos[p.ID] = true
	m.fresh.bySHA[p.SHA256] = p
	return nil
}

// links merges photo links. A link to a sample the dossier does not carry
// would hang a photo on a sample of this library from outside: it is left
// out, with a note.
func (m *merger) links(links []inspection.PhotoLink, present map[inspection.ID]bool, carriedSamples map[string]bool, library map[inspection.ID]bool) error {
	for _, l := range links {
		if !present[l.PhotoID] {
			continue
		}
		if l.Kind == inspection.LinkSample && !carriedSamples[l.Target] {
			m.report.Notes = append(m.report.Notes, fmt.Sprintf("photo %s is also linked to sample %s, which the bundle does not carry: that link was left out", l.PhotoID, l.Target))
			continue
		}
		if l.Kind == inspection.LinkSample && library[l.PhotoID] && !m.newSamples[l.Target] {
			known, err := m.linked(l)
			if err != nil {
				return err
			}
			if !known {
				m.report.Notes = append(m.report.Notes, fmt.Sprintf("sample %s is already in this library with its own photos: library photo %s was not added to it", l.Target, l.PhotoID))
				continue
			}
		}
		if m.fresh != nil && m.fresh.photos[l.PhotoID] {
			if err := m.freshLink(l); err != nil {
				return err
			}
			continue
		}
		if err := m.link(l); err != nil {
			return err
		}
	}
	return nil
}

// link merges one photo link: it is the same record on both sides or
// missing here, never different, so it is added or skipped.
func (m *merger) link(l inspection.PhotoLink) error {
	ok, err := m.linked(l)
	if err != nil {
		return err
	}
	return m.record("photo_link", linkKey(l), l, ok, l, func() error { return linkPhoto(m.ctx, m.tx, l) })
}

// linked reports whether the link is here.
func (m *merger) linked(l inspection.PhotoLink) (bool, error) {
	return m.exists(`SELECT count(*) FROM photo_links WHERE photo_id = ? AND kind = ? AND target = ?`, l.PhotoID.String(), string(l.Kind), l.Target)
}

// linkKey names a photo link in merge reports and conflicts.
func linkKey(l inspection.PhotoLink) string {
	return l.PhotoID.String() + "/" + string(l.Kind) + "/" + l.Target
}

// freshLink links a photo this merge wrote for a new inspection: only
// this merge can have linked it before.
func (m *merger) freshLink(l inspection.PhotoLink) error {
	ok := m.fresh.linked[l]
	put := func() error { return linkOwnPhoto(m.ctx, m.tx, m.report.InspectionID, l) }
	if err := m.record("photo_link", linkKey(l), l, ok, l, put); err != nil {
		return err
	}
	if !ok {
		m.fresh.linked[l] = true
		m.fresh.links = append(m.fresh.links, l)
	}
	return nil
}

func (m *merger) exists(query string, args ...any) (bool, error) {
	var n int
	err := m.tx.QueryRowContext(m.ctx, query, args...).Scan(&n)
	return n > 0, err
}
