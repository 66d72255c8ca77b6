package exchange

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

// Schema is the layout version of the remote, its objects and logs.
// Readers refuse newer versions rather than guess at unknown fields.
const Schema = 1

// The remote's layout. Every key is written once and never changed:
//
//	loupe-remote.json                     {"schema":1}: the same bytes from every laptop
//	v1/photos/<sha256><ext>               an original photo, named by its SHA-256
//	v1/objects/<sha256>.json              a record object (a version of an inspection, a review,
//	                                      the library, a deletion), named by the SHA-256 of its bytes
//	v1/log/<device>/<seq>-<sha256>.json   a device's batch: the objects it wrote, named by
//	                                      its own SHA-256, each device in its own folder
//
// Two laptops writing at once write different keys, or the same bytes
// under the same key, so neither can lose the other's work, on S3 as in
// a folder a sync tool replicates.
const (
	markerKey  = "loupe-remote.json"
	photosDir  = "v1/photos/"
	objectsDir = "v1/objects/"
	logDir     = "v1/log/"
)

// Object kinds.
const (
	KindDossier = "dossier" // one version of an inspection
	KindReview  = "review"  // one decision of the office
	KindLibrary = "library" // the sample library as the office published it
	// KindTombstone says a device deleted a draft: never a deletion on the
	// remote, where every version stays, but a record others act on.
	KindTombstone = "tombstone"
	// KindReport records the bytes of a report a device wrote, so
	// `loupe verify` knows a copy received by mail on every laptop.
	KindReport = "report"
)

var (
	hexSHA    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	logName   = regexp.MustCompile(`^([0-9]{10})-([0-9a-f]{64})\.json$`)
	deviceDir = regexp.MustCompile(`^[0-9a-f-]{36}/$`)
)

// object is a record object: exactly one of its parts is set, as Kind says.
type object struct {
	Schema    int                    `json:"schema"`
	Kind      string                 `json:"kind"`
	Dossier   *inspection.Dossier    `json:"dossier,omitempty"`
	Finalized *inspection.Manifest   `json:"finalized,omitempty"` // what Finalize recorded
	Review    *inspection.Review     `json:"review,omitempty"`
	Library   *inspection.Library    `json:"library,omitempty"`
	Tombstone *tombstone             `json:"tombstone,omitempty"`
	Report    *inspection.ReportFile `json:"report,omitempty"`
}

// tombstone is a draft deleted on the device that wrote it. Base names the
// version that device deleted (the one it was last in step with): another
// Loupe deletes its own copy only when that copy is still exactly Base.
type tombstone struct {
	InspectionID inspection.ID `json:"inspection_id"`
	Base         string        `json:"base"`
	DeletedAt    time.Time     `json:"deleted_at"`
	DeletedBy    string        `json:"deleted_by"`
}

// batch is one device's log entry: what it wrote in one sync.
type batch struct {
	Schema    int             `json:"schema"`
	Device    string          `json:"device"`
	Role      inspection.Role `json:"role"`
	Seq       int64           `json:"seq"`
	WrittenAt time.Time       `json:"written_at"`
	Entries   []entry         `json:"entries"`
}

// entry names one object of a batch and what scopes and merges need to
// know of it without downloading it; the object itself is checked against
// these claims when it is.
type entry struct {
	Object      string `json:"object"`
	Kind        string `json:"kind"`
	Subject     string `json:"subject,omitempty"` // the inspection
	Record      string `json:"record,omitempty"`  // the review
	Supplier    string `json:"supplier,omitempty"`
	Parent      string `json:"parent,omitempty"`      // the version this one was edited from
	Fingerprint string `json:"fingerprint,omitempty"` // the writer's content hash of it
	Bytes       int64  `json:"bytes"`
}

// encode gives an object's bytes and name (their SHA-256).
func encode(v any) ([]byte, string, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, "", err
	}
	return b, inspection.SHA256Hex(b), nil
}

// refusal is an object that must not be merged: its bytes do not match its
// name, or its content breaks the rules every record from another Loupe
// must pass. It is recorded, reported and never retried.
type refusal struct{ reason string }

func (r *refusal) Error() string { return r.reason }

func refuse(format string, args ...any) error {
	return &refusal{fmt.Sprintf(format, args...)}
}

// decode checks an object's bytes against its name, then reads it strictly.
func decode(raw []byte, name string) (*object, error) {
	if got := inspection.SHA256Hex(raw); got != name {
		return nil, refuse("object %s holds bytes with SHA-256 %s: it was altered or damaged", name, got)
	}
	var head struct {
		Schema int `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, refuse("object %s is not JSON: %v", name, err)
	}
	if err := checkSchema("object "+name, head.Schema); err != nil {
		return nil, err
	}
	var o object
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&o); err != nil {
		return nil, refuse("object %s does not hold Loupe data: %v", name, err)
	}
	want := map[string]bool{KindDossier: o.Dossier != nil, KindReview: o.Review != nil, KindLibrary: o.Library != nil, KindTombstone: o.Tombstone != nil, KindReport: o.Report != nil}
	set := 0
	for _, ok := range want {
		if ok {
			set++
		}
	}
	if set != 1 || !want[o.Kind] || o.Finalized != nil && o.Kind != KindDossier {
		return nil, refuse("object %s is of kind %q but does not hold exactly that", name, o.Kind)
	}
	return &o, nil
}

// checkSchema refuses layouts this Loupe does not know.
func checkSchema(what string, v int) error {
	switch {
	case v == Schema:
		return nil
	case v > Schema:
		return &newerError{what, v}
	}
	return refuse("%s has schema %d, which no Loupe writes", what, v)
}

// newerError is data written by a newer Loupe: not refused for good, but
// left for when this Loupe is updated.
type newerError struct {
	what string
	v    int
}

func (e *newerError) Error() string {
	return fmt.Sprintf("%s has schema %d, newer than this Loupe reads (%d): update Loupe", e.what, e.v, Schema)
}

// decodeBatch checks a log entry's bytes against its name and reads it.
func decodeBatch(raw []byte, device string, seq int64, sha string) (*batch, error) {
	if got := inspection.SHA256Hex(raw); got != sha {
		return nil, refuse("log entry %s/%010d holds bytes with SHA-256 %s, not %s: it was altered, damaged or is still being copied", device, seq, got, sha)
	}
	var head struct {
		Schema int `json:"schema"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, refuse("log entry %s/%010d is not JSON: %v", device, seq, err)
	}
	if err := checkSchema(fmt.Sprintf("log entry %s/%010d", device, seq), head.Schema); err != nil {
		return nil, err
	}
	var b batch
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, refuse("log entry %s/%010d does not hold a Loupe log: %v", device, seq, err)
	}
	if b.Device != device || b.Seq != seq {
		return nil, refuse("log entry %s/%010d says it is %s/%010d: it was moved or altered", device, seq, b.Device, b.Seq)
	}
	for _, e := range b.Entries {
		if !hexSHA.MatchString(e.Object) || e.Parent != "" && !hexSHA.MatchString(e.Parent) {
			return nil, refuse("log entry %s/%010d names object %q or parent %q, which are not SHA-256 names", device, seq, e.Object, e.Parent)
		}
		switch e.Kind {
		case KindDossier, KindReview, KindTombstone, KindReport:
			if _, err := inspection.ParseID(e.Subject); err != nil {
				return nil, refuse("log entry %s/%010d: %v", device, seq, err)
			}
			if e.Kind == KindTombstone && e.Parent == "" {
				return nil, refuse("log entry %s/%010d deletes inspection %s without naming the version it deleted", device, seq, e.Subject)
			}
			if e.Kind == KindReport && !hexSHA.MatchString(e.Record) {
				return nil, refuse("log entry %s/%010d names report %q, which is not a SHA-256", device, seq, e.Record)
			}
		case KindLibrary:
		default:
			return nil, refuse("log entry %s/%010d names an object of kind %q", device, seq, e.Kind)
		}
	}
	return &b, nil
}

func logKey(device string, seq int64, sha string) string {
	return fmt.Sprintf("%s%s/%010d-%s.json", logDir, device, seq, sha)
}
