package inspection

import (
	"encoding/json"
	"fmt"
	"sort"
)

// DiffDossiers says, record by record and field by field, how b differs
// from a, naming each side: "finding 0190…: quantity 3 in DB, 4 in file".
// Times compare in UTC and updated_at is ignored (it says when, not what).
// It is how `loupe verify` explains a bundle that does not match.
func DiffDossiers(a, b *Dossier, an, bn string) []string {
	var out []string
	ra, rb := records(a), records(b)
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

// records flattens a dossier to "kind id" → field → JSON value.
func records(d *Dossier) map[string]map[string]json.RawMessage {
	out := map[string]map[string]json.RawMessage{}
	add := func(kind, id string, v any) {
		b, _ := json.Marshal(v)
		var m map[string]json.RawMessage
		json.Unmarshal(b, &m)
		delete(m, "updated_at")
		out[kind+" "+id] = m
	}
	d = d.InUTC()
	add("inspection", d.Inspection.ID.String(), d.Inspection)
	for _, s := range d.Sections {
		add("section", string(s.Kind), s)
	}
	for _, c := range d.Checklist {
		add("checklist item", c.ID.String(), c)
	}
	for _, f := range d.Findings {
		add("finding", f.ID.String(), f)
	}
	for _, m := range d.Measurements {
		add("measurement", m.ID.String(), m)
	}
	for _, t := range d.Tests {
		add("test", t.ID.String(), t)
	}
	for _, p := range d.Photos {
		add("photo", p.ID.String(), p)
	}
	for _, s := range d.Signatures {
		add("signature", s.ID.String(), s)
	}
	for _, l := range d.Links {
		add("photo link", l.PhotoID.String()+" "+string(l.Kind)+" "+l.Target, l)
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
