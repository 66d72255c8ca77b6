package inspection

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Record is one record of a dossier, named as merges record it: Entity is
// "finding", "checklist_item", "photo_link", …; ID is the record's own ID,
// "<inspection>/<kind>" for a section and "<photo>/<kind>/<target>" for a
// photo link.
type Record struct {
	Entity, ID string
	Value      any
}

// Key names a record within a dossier: "finding 0190…".
func (r Record) Key() string { return r.Entity + " " + r.ID }

// Records lists a dossier's records, the inspection itself left out. With
// shared, the records it shares with the library and other inspections
// come too: parties, samples, library photos and their links.
func (d *Dossier) Records(shared bool) []Record {
	var out []Record
	add := func(entity, id string, v any) { out = append(out, Record{entity, id, v}) }
	if shared {
		for _, p := range []struct {
			entity string
			id     ID
			v      any
		}{{"client", d.Client.ID, d.Client}, {"supplier", d.Supplier.ID, d.Supplier}, {"factory", d.Factory.ID, d.Factory}, {"product", d.Product.ID, d.Product}} {
			if p.id != NilID {
				add(p.entity, p.id.String(), p.v)
			}
		}
		for _, s := range d.Samples {
			add("sample", s.ID.String(), s)
		}
	}
	for _, s := range d.Sections {
		add("section", s.InspectionID.String()+"/"+string(s.Kind), s)
	}
	for _, c := range d.Checklist {
		add("checklist_item", c.ID.String(), c)
	}
	for _, f := range d.Findings {
		add("finding", f.ID.String(), f)
	}
	for _, x := range d.Measurements {
		add("measurement", x.ID.String(), x)
	}
	for _, t := range d.Tests {
		add("test", t.ID.String(), t)
	}
	for _, s := range d.Signatures {
		add("signature", s.ID.String(), s)
	}
	library := map[ID]bool{}
	for _, p := range d.Photos {
		library[p.ID] = p.InspectionID == NilID
		if shared || !library[p.ID] {
			add("photo", p.ID.String(), p)
		}
	}
	for _, l := range d.Links {
		if shared || !library[l.PhotoID] {
			add("photo_link", l.PhotoID.String()+"/"+string(l.Kind)+"/"+l.Target, l)
		}
	}
	return out
}

// DiffDossiers says, record by record and field by field, how b differs
// from a in what a report's content hash covers (Sealed), naming each
// side: "finding 0190…: quantity 3 in DB, 4 in file". Times compare in UTC
// and updated_at is ignored (it says when, not what). It is how
// `loupe verify` explains a bundle that does not match.
func DiffDossiers(a, b *Dossier, an, bn string) []string {
	var out []string
	ra, rb := fieldsByRecord(a), fieldsByRecord(b)
	keys := make([]string, 0, len(ra)+len(rb))
	for k := range ra {
		keys = append(keys, k)
	}
	for k := range rb {
		if _, ok := ra[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		x, inA := ra[k]
		y, inB := rb[k]
		switch {
		case !inA:
			out = append(out, fmt.Sprintf("%s: only in %s", k, bn))
		case !inB:
			out = append(out, fmt.Sprintf("%s: only in %s", k, an))
		default:
			out = append(out, fields(k, x, y, an, bn)...)
		}
	}
	return out
}

// fieldsByRecord flattens a dossier's sealed part to a label per record
// ("checklist item 0190…", "section packing") → field → JSON value.
func fieldsByRecord(d *Dossier) map[string]map[string]json.RawMessage {
	out := map[string]map[string]json.RawMessage{}
	add := func(label string, v any) {
		b, _ := json.Marshal(v)
		var m map[string]json.RawMessage
		json.Unmarshal(b, &m)
		delete(m, "updated_at")
		out[label] = m
	}
	d = d.Sealed().InUTC()
	add("inspection "+d.Inspection.ID.String(), d.Inspection)
	for _, r := range d.Records(true) {
		id := r.ID
		if r.Entity == "section" { // one inspection's: its kind says which
			id = id[strings.LastIndexByte(id, '/')+1:]
		}
		add(strings.ReplaceAll(r.Entity, "_", " ")+" "+id, r.Value)
	}
	return out
}

func fields(k string, a, b map[string]json.RawMessage, an, bn string) []string {
	names := map[string]bool{}
	for f := range a {
		names[f] = true
	}
	for f := range b {
		names[f] = true
	}
	sorted := make([]string, 0, len(names))
	for f := range names {
		sorted = append(sorted, f)
	}
	sort.Strings(sorted)
	var out []string
	for _, f := range sorted {
		if string(a[f]) != string(b[f]) {
			out = append(out, fmt.Sprintf("%s: %s %s in %s, %s in %s", k, f, short(a[f]), an, short(b[f]), bn))
		}
	}
	return out
}

func short(v json.RawMessage) string {
	s := string(v)
	if s == "" {
		s = "absent"
	}
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}
