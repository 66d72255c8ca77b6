package inspection

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
)

// CanonicalJSON is the one byte form of a dossier that Loupe hashes: the
// JSON of its sealed part (see Sealed) with every time in UTC, so the same
// data gives the same bytes on any laptop whatever its time zone and however
// the sample library moved on. ContentHash and the finalization Manifest
// both hash it.
func CanonicalJSON(d *Dossier) ([]byte, error) {
	return canonicalJSON(d, ManifestVersion)
}

// canonicalJSON is the byte form of the given manifest version. Version 1,
// before sealing, hashed the whole dossier, every version of the product's
// samples included; it is kept so what it sealed still verifies.
func canonicalJSON(d *Dossier, version int) ([]byte, error) {
	return json.Marshal(canonical(d, version))
}

func canonical(d *Dossier, version int) *Dossier {
	if version < 2 {
		return d.InUTC()
	}
	return d.Sealed().InUTC()
}

// canonicalFields is canonicalJSON and the JSON of each of its top-level
// fields, which a Manifest hashes one by one. The object is put together
// from its fields as json.Marshal writes a struct, so it is not parsed
// again to find them.
func canonicalFields(d *Dossier, version int) ([]byte, map[string][]byte, error) {
	c := reflect.ValueOf(canonical(d, version)).Elem()
	keys := dossierKeys()
	fields := make(map[string][]byte, len(keys))
	data := []byte{'{'}
	for i, k := range keys {
		raw, err := json.Marshal(c.Field(i).Interface())
		if err != nil {
			return nil, nil, err
		}
		fields[k] = raw
		if i > 0 {
			data = append(data, ',')
		}
		data = strconv.AppendQuote(data, k)
		data = append(data, ':')
		data = append(data, raw...)
	}
	return append(data, '}'), fields, nil
}

// dossierKeys are the JSON names of Dossier's fields, in order. Every
// field has a plain lower-case name and no options, so json.Marshal writes
// each one, quoted as is (TestCanonicalFields holds this).
var dossierKeys = sync.OnceValue(func() []string {
	t := reflect.TypeFor[Dossier]()
	keys := make([]string, t.NumField())
	for i := range keys {
		keys[i] = t.Field(i).Tag.Get("json")
	}
	return keys
})

// ContentHash is the SHA-256 printed on every page of a report and
// recomputed by `loupe verify`: CanonicalJSON followed by each sealed
// photo's original SHA-256, one per line, so anyone holding the database can
// prove a report matches what was recorded. It depends only on the data,
// never on when or how the PDF was rendered.
func ContentHash(d *Dossier) (string, error) {
	return contentHashAs(d, ManifestVersion)
}

// MatchesContentHash reports whether h is the dossier's content hash, as
// this Loupe prints it or as an earlier one printed it on its reports.
func MatchesContentHash(d *Dossier, h string) (bool, error) {
	for v := ManifestVersion; v >= 1; v-- {
		got, err := contentHashAs(d, v)
		if err != nil {
			return false, err
		}
		if got == h {
			return true, nil
		}
	}
	return false, nil
}

func contentHashAs(d *Dossier, version int) (string, error) {
	data, err := canonicalJSON(d, version)
	if err != nil {
		return "", fmt.Errorf("hash the inspection %s: %w", d.Inspection.ID, err)
	}
	return contentHash(data, sealedPhotos(d, version)), nil
}

func sealedPhotos(d *Dossier, version int) []Photo {
	if version < 2 {
		return d.Photos
	}
	return d.Sealed().Photos
}

func contentHash(canonical []byte, photos []Photo) string {
	h := sha256.New()
	h.Write(canonical)
	for _, p := range photos {
		h.Write([]byte{'\n'})
		h.Write([]byte(p.SHA256))
	}
	return hex.EncodeToString(h.Sum(nil))
}

func hexSHA(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// InUTC copies d with every time in UTC, as the database returns them, so
// equal data compares, diffs and hashes equal whatever zone a laptop used.
// It is the one place a dossier's times are normalised.
func (d *Dossier) InUTC() *Dossier {
	c := *d
	in := &c.Inspection
	for _, t := range []*time.Time{&in.Date, &in.StartedAt, &in.FinishedAt, &in.CreatedAt, &in.UpdatedAt, &in.FinalizedAt} {
		*t = t.UTC()
	}
	c.Samples = slices.Clone(d.Samples)
	for i := range c.Samples {
		c.Samples[i].Date = c.Samples[i].Date.UTC()
	}
	c.Measurements = slices.Clone(d.Measurements)
	for i := range c.Measurements {
		c.Measurements[i].CalibratedOn = c.Measurements[i].CalibratedOn.UTC()
	}
	c.Photos = slices.Clone(d.Photos)
	for i := range c.Photos {
		c.Photos[i].TakenAt, c.Photos[i].CreatedAt = c.Photos[i].TakenAt.UTC(), c.Photos[i].CreatedAt.UTC()
	}
	c.Signatures = slices.Clone(d.Signatures)
	for i := range c.Signatures {
		c.Signatures[i].SignedAt = c.Signatures[i].SignedAt.UTC()
	}
	return &c
}

// SHA256Hex is the hex SHA-256 of b, as objects and photos are named.
func SHA256Hex(b []byte) string { return hexSHA(b) }
