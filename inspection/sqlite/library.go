package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// Library loads the sample library: every product with its client, every
// sample version, the library photos and their sample links.
func (db *DB) Library(ctx context.Context) (*inspection.Library, error) {
	var lib *inspection.Library
	err := db.read(ctx, func(tx *sql.Tx) (err error) {
		lib, err = loadLibrary(ctx, tx)
		return err
	})
	return lib, err
}

func loadLibrary(ctx context.Context, tx *sql.Tx) (*inspection.Library, error) {
	lib := &inspection.Library{}
	ids, err := inspectionIDs(ctx, tx, `SELECT id FROM products ORDER BY id`)
	if err != nil {
		return nil, err
	}
	clients := map[inspection.ID]bool{}
	for _, id := range ids {
		p, err := getProduct(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		lib.Products = append(lib.Products, p)
		if p.ClientID != inspection.NilID && !clients[p.ClientID] {
			clients[p.ClientID] = true
			c, err := getClient(ctx, tx, p.ClientID)
			if err != nil {
				return nil, err
			}
			if c.ID != inspection.NilID {
				lib.Clients = append(lib.Clients, c)
			}
		}
	}
	if lib.Samples, err = querySamples(ctx, tx, `ORDER BY id`); err != nil {
		return nil, err
	}
	if lib.Photos, err = queryPhotos(ctx, tx, `WHERE inspection_id IS NULL ORDER BY position, id`); err != nil {
		return nil, err
	}
	lib.Links, err = queryLinks(ctx, tx, `WHERE kind = ? AND photo_id IN (SELECT id FROM photos WHERE inspection_id IS NULL)
		ORDER BY photo_id, kind, target`, string(inspection.LinkSample))
	return lib, err
}

// MergeLibrary merges a library another Loupe published (the office's),
// record by record as Merge does, against base, the version of it both
// sides last shared: records only the other side changed are taken, and
// a record both changed is a conflict with both versions kept. Nothing is
// deleted: an inspection judged against a sample keeps it. A library must
// pass Validate, and one that names a photo of an inspection here is
// refused (EINVALID); the library photos' files must be in the photo store
// before the data (see bundle.Staged).
func (db *DB) MergeLibrary(ctx context.Context, lib, base *inspection.Library, mark *SyncMark) (MergeReport, error) {
	if err := lib.Validate(); err != nil {
		return MergeReport{}, err
	}
	ctx = withDefaultActor(ctx, MergeActor)
	m := &merger{ctx: ctx, now: time.Now().UTC().Round(0), newSamples: map[string]bool{}}
	if base != nil {
		b, err := libraryBaseline(base)
		if err != nil {
			return MergeReport{}, err
		}
		m.base = b
	}
	err := db.write(ctx, func(tx *sql.Tx) error {
		m.tx = tx
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		if err := m.startSync(mark, inspection.NilID); err != nil {
			return err
		}
		if err := m.refuseForeign(&inspection.Dossier{Photos: lib.Photos}, false); err != nil {
			return err
		}
		if err := m.library(lib); err != nil {
			return err
		}
		return m.finishSync(mark, inspection.NilID)
	})
	if err != nil {
		return MergeReport{}, err
	}
	return m.report, nil
}

func libraryBaseline(lib *inspection.Library) (*baseline, error) {
	d := &inspection.Dossier{Samples: lib.Samples, Photos: lib.Photos, Links: lib.Links}
	b, err := newBaseline(d, inspection.NilID)
	if err != nil {
		return nil, err
	}
	for _, k := range libraryParties(lib) {
		raw, err := json.Marshal(k.Value)
		if err != nil {
			return nil, err
		}
		b.records[k.Key()] = raw
	}
	return b, nil
}

func libraryParties(lib *inspection.Library) []inspection.Record {
	var out []inspection.Record
	for _, c := range lib.Clients {
		out = append(out, inspection.Record{Entity: "client", ID: c.ID.String(), Value: c})
	}
	for _, p := range lib.Products {
		out = append(out, inspection.Record{Entity: "product", ID: p.ID.String(), Value: p})
	}
	return out
}

// library merges a library's records; every photo it carries is a library
// photo it may add, and every link joins one of them to one of its samples.
func (m *merger) library(lib *inspection.Library) error {
	for _, c := range lib.Clients {
		have, err := getClient(m.ctx, m.tx, c.ID)
		if err != nil {
			return err
		}
		if err := m.record("client", c.ID.String(), have, have.ID != inspection.NilID, c, func() error { return putParty(m.ctx, m.tx, c) }); err != nil {
			return err
		}
	}
	for _, p := range lib.Products {
		have, err := getProduct(m.ctx, m.tx, p.ID)
		if err != nil {
			return err
		}
		if err := m.record("product", p.ID.String(), have, have.ID != inspection.NilID, p, func() error { return putParty(m.ctx, m.tx, p) }); err != nil {
			return err
		}
	}
	for _, s := range lib.Samples {
		have, err := querySamples(m.ctx, m.tx, `WHERE id = ?`, s.ID.String())
		if err != nil {
			return err
		}
		if err := m.record("sample", s.ID.String(), first(have), len(have) > 0, s, func() error { return putSample(m.ctx, m.tx, &s) }); err != nil {
			return err
		}
	}
	all := map[inspection.ID]bool{}
	for _, p := range lib.Photos {
		all[p.ID] = true
	}
	present, err := m.photos(lib.Photos, all)
	if err != nil {
		return err
	}
	for _, l := range lib.Links {
		if !present[l.PhotoID] {
			continue
		}
		if err := m.link(l); err != nil {
			return err
		}
	}
	return nil
}
