package inspection

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"

	"github.com/loupeqc/loupe/inspection/aql"
)

// Bounds of what a record may hold. They are far above any real lot and far
// below what a slip of the finger (an extra six zeros) or a hostile bundle
// would put there.
const (
	MaxLotSize        = 10_000_000 // units in one lot, also the bound of any unit count
	MaxCartons        = 1_000_000  // cartons in one lot
	MaxPercent        = 200.0      // % produced or packed; over-production happens, not 10×
	MaxAQL            = 1000.0     // the largest column of ISO 2859-1
	MaxValues         = 100_000    // values of one measured characteristic
	MaxSignatureBytes = 8 << 20    // one drawn or photographed signature
)

// PhotoExts are the extensions a stored original may have: the formats the
// photo store imports.
var PhotoExts = []string{".jpg", ".jpeg", ".png", ".gif", ".webp"}

var hexSHA256 = regexp.MustCompile(`^[0-9a-f]{64}$`)

// invalid is the domain error every Validate returns.
func invalid(format string, args ...any) error { return Errorf(EINVALID, format, args...) }

func needID(what string, id ID) error {
	if id == NilID {
		return invalid("the %s has no ID: create it with a new ID", what)
	}
	return nil
}

func finite(what string, vs ...float64) error {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return invalid("%s is %v: enter a number", what, v)
		}
	}
	return nil
}

func within(what string, n, lo, hi int) error {
	if n < lo || n > hi {
		return invalid("%s is %d: enter a number from %d to %d", what, n, lo, hi)
	}
	return nil
}

// Validate checks a client before it is stored.
func (c Client) Validate() error { return needID("client", c.ID) }

// Validate checks a supplier before it is stored.
func (s Supplier) Validate() error { return needID("supplier", s.ID) }

// Validate checks a factory before it is stored.
func (f Factory) Validate() error { return needID("factory", f.ID) }

// Validate checks a product before it is stored.
func (p Product) Validate() error { return needID("product", p.ID) }

// Validate checks a golden or boundary sample before it is stored.
func (s Sample) Validate() error {
	if err := needID("sample", s.ID); err != nil {
		return err
	}
	if s.Kind != Golden && s.Kind != Boundary {
		return invalid("sample kind %q is unknown: use %q or %q", s.Kind, Golden, Boundary)
	}
	return within("the version of sample "+s.Code, s.Version, 0, 1_000_000)
}

// Validate checks an inspection's own fields before it is stored: known
// type, status, level and severity, AQLs that are columns' range of the
// standard, and quantities within sane bounds. Whether the AQL is exactly a
// column of the tables is for the plan to say, with the list of columns.
func (in *Inspection) Validate() error {
	if err := needID("inspection", in.ID); err != nil {
		return err
	}
	if in.Type != "" && !slices.Contains(Types, in.Type) {
		return invalid("inspection type %q is unknown: use one of %s", in.Type, joinTypes())
	}
	if in.Status != Draft && in.Status != Finalized {
		return invalid("inspection status %q is unknown: use %q or %q", in.Status, Draft, Finalized)
	}
	if in.Level != "" && !slices.Contains(aql.Levels, in.Level) {
		return invalid("inspection level %q is unknown: use S-1 … S-4, I, II or III", in.Level)
	}
	if in.Severity != "" && !slices.Contains(aql.Severities, in.Severity) {
		return invalid("inspection severity %q is unknown: use normal, tightened or reduced", in.Severity)
	}
	if err := finite("a percentage or AQL of the inspection", in.PctProduced, in.PctPacked, in.AQLCritical, in.AQLMajor, in.AQLMinor); err != nil {
		return err
	}
	for _, a := range []struct {
		class string
		v     float64
	}{{"critical", in.AQLCritical}, {"major", in.AQLMajor}, {"minor", in.AQLMinor}} {
		if a.v < 0 || a.v > MaxAQL {
			return invalid("the %s AQL is %g: choose 0 (nothing allowed) or a column of ISO 2859-1 up to %g", a.class, a.v, MaxAQL)
		}
	}
	for _, p := range []struct {
		what string
		v    float64
	}{{"% produced", in.PctProduced}, {"% packed", in.PctPacked}} {
		if p.v < 0 || p.v > MaxPercent {
			return invalid("%s is %g: enter a percentage from 0 to %g", p.what, p.v, MaxPercent)
		}
	}
	for _, q := range []struct {
		what   string
		n, max int
	}{{"the lot size", in.LotSize, MaxLotSize}, {"the quantity ordered", in.QtyOrdered, MaxLotSize}, {"the number of cartons", in.Cartons, MaxCartons}} {
		if err := within(q.what, q.n, 0, q.max); err != nil {
			return err
		}
	}
	if len(in.CartonsOpened) > MaxCartons {
		return invalid("%d cartons opened is more than any lot holds", len(in.CartonsOpened))
	}
	for _, c := range in.CartonsOpened {
		if err := within("an opened carton's number", c, 1, MaxCartons); err != nil {
			return err
		}
	}
	return nil
}

func joinTypes() string {
	s := make([]string, len(Types))
	for i, t := range Types {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// Validate checks a result: one of the results, or empty for not judged.
func (r Result) Validate() error {
	switch r {
	case Unjudged, Pass, Fail, Pending, NA:
		return nil
	}
	return invalid("result %q is unknown: use pass, fail, pending, n/a or leave it empty", r)
}

func validSection(k SectionKind) error {
	if !slices.Contains(Sections, k) {
		return invalid("section %q is unknown: use one of quantity, workmanship, conformity, measurements, tests, packing, marking, client_requirements", k)
	}
	return nil
}

// Validate checks a section's result before it is stored.
func (s Section) Validate() error {
	if err := validSection(s.Kind); err != nil {
		return err
	}
	return s.Result.Validate()
}

// Validate checks a checklist item before it is stored.
func (c ChecklistItem) Validate() error {
	if err := needID("checklist item", c.ID); err != nil {
		return err
	}
	if err := validSection(c.Section); err != nil {
		return err
	}
	return c.Result.Validate()
}

// Validate checks a finding before it is stored: a known class, a quantity
// that can be a count of units, units numbered from 1.
func (f Finding) Validate() error {
	if err := needID("finding", f.ID); err != nil {
		return err
	}
	if severity(f.Class) == 0 {
		return invalid("defect class %q is unknown: use %s, %s or %s", f.Class, Critical, Major, Minor)
	}
	if f.Quantity < 0 {
		return invalid("defect quantity %d is negative: enter the number of defective units", f.Quantity)
	}
	if err := within("the defect quantity", f.Quantity, 0, MaxLotSize); err != nil {
		return err
	}
	if len(f.Units) > MaxLotSize {
		return invalid("%d units named for one defect is more than any lot holds", len(f.Units))
	}
	for _, u := range f.Units {
		if u < 1 || u > MaxLotSize {
			return invalid("sampled unit %d does not exist: units are numbered from 1", u)
		}
	}
	return nil
}

// Validate checks a measurement before it is stored: numbers that are
// numbers, tolerances that are distances from nominal.
func (m Measurement) Validate() error {
	if err := needID("measurement", m.ID); err != nil {
		return err
	}
	if err := finite("a measurement value or tolerance of "+m.Characteristic, append([]float64{m.Nominal, m.TolMinus, m.TolPlus}, m.Values...)...); err != nil {
		return err
	}
	if m.TolMinus < 0 || m.TolPlus < 0 {
		return invalid("the tolerance of %s is negative (−%g / +%g): enter how far below and above nominal a value may be, as positive numbers", m.Characteristic, m.TolMinus, m.TolPlus)
	}
	if len(m.Values) > MaxValues {
		return invalid("%s has %d values: at most %d can be recorded", m.Characteristic, len(m.Values), MaxValues)
	}
	return nil
}

// Validate checks an on-site test before it is stored.
func (t Test) Validate() error {
	if err := needID("test", t.ID); err != nil {
		return err
	}
	if t.Kind != "" && !slices.Contains(TestKinds, t.Kind) {
		return invalid("test kind %q is unknown: use drop, function, barcode, tape, shade, odour, carton, electrical or other", t.Kind)
	}
	if t.SampleSize < 0 {
		return invalid("test %q has a negative sample size (%d): enter the number of units tested", t.Name, t.SampleSize)
	}
	if err := within(fmt.Sprintf("the sample size of test %q", t.Name), t.SampleSize, 0, MaxLotSize); err != nil {
		return err
	}
	return t.Result.Validate()
}

// Validate checks a photo row before it is stored: its content hash, an
// image extension the photo store knows, and a readable annotation layer.
func (p Photo) Validate() error {
	if err := needID("photo", p.ID); err != nil {
		return err
	}
	if p.SHA256 == "" {
		return invalid("photo %s has no SHA-256: import it through the photo store", p.ID)
	}
	if !hexSHA256.MatchString(p.SHA256) {
		return invalid("photo %s has SHA-256 %q, which is not 64 lower-case hex digits: import it again", p.ID, p.SHA256)
	}
	if !slices.Contains(PhotoExts, strings.ToLower(p.Ext)) {
		return invalid("photo %s has extension %q: Loupe keeps %s originals only", p.ID, p.Ext, strings.Join(PhotoExts, ", "))
	}
	if p.Size < 0 || p.Width < 0 || p.Height < 0 {
		return invalid("photo %s has a negative size: import it again", p.ID)
	}
	_, err := ParseMarks(p.Annotations)
	return err
}

// Validate checks a photo link before it is stored.
func (l PhotoLink) Validate() error {
	switch l.Kind {
	case LinkFinding, LinkSection, LinkMeasurement, LinkTest, LinkSample:
	default:
		return invalid("photo link kind %q is unknown: use finding, section, measurement, test or sample", l.Kind)
	}
	if l.Target == "" {
		return invalid("the photo link has no target: give the %s it shows", l.Kind)
	}
	if l.Kind == LinkSection {
		return validSection(SectionKind(l.Target))
	}
	return nil
}

// Validate checks a signature before it is stored.
func (s Signature) Validate() error {
	if err := needID("signature", s.ID); err != nil {
		return err
	}
	if s.Role != SignerInspector && s.Role != SignerFactory {
		return invalid("signer role %q is unknown: use %q or %q", s.Role, SignerInspector, SignerFactory)
	}
	if len(s.PNG) > MaxSignatureBytes {
		return invalid("the %s's signature image is %d MB: sign again, or photograph it smaller", s.Role, len(s.PNG)>>20)
	}
	return nil
}

// Validate checks a whole dossier, as a bundle brings it: every record
// valid and belonging to the inspection it travels with. Clients,
// suppliers, factories and products carry nothing to check beyond their ID,
// and a NilID one means "none".
func (d *Dossier) Validate() error {
	in := &d.Inspection
	if err := in.Validate(); err != nil {
		return err
	}
	for _, s := range d.Samples {
		if err := s.Validate(); err != nil {
			return err
		}
	}
	for _, r := range d.ownRecords() {
		if err := r.validate(); err != nil {
			return err
		}
		if r.owner != in.ID {
			return invalid("%s %v belongs to inspection %s, not to %s", r.what, r.id, r.owner, in.ID)
		}
	}
	for _, l := range d.Links {
		if err := l.Validate(); err != nil {
			return err
		}
	}
	return d.validateLinks()
}

// ownRecord is a record of a dossier with the inspection it names as its own.
type ownRecord struct {
	what     string
	id       any
	owner    ID
	validate func() error
}

// ownRecords lists the records of a dossier that must be its inspection's;
// a library photo (no inspection) is shared, and counts as its own.
func (d *Dossier) ownRecords() []ownRecord {
	var out []ownRecord
	for _, s := range d.Sections {
		out = append(out, ownRecord{"section", s.Kind, s.InspectionID, s.Validate})
	}
	for _, c := range d.Checklist {
		out = append(out, ownRecord{"checklist item", c.ID, c.InspectionID, c.Validate})
	}
	for _, f := range d.Findings {
		out = append(out, ownRecord{"finding", f.ID, f.InspectionID, f.Validate})
	}
	for _, m := range d.Measurements {
		out = append(out, ownRecord{"measurement", m.ID, m.InspectionID, m.Validate})
	}
	for _, t := range d.Tests {
		out = append(out, ownRecord{"test", t.ID, t.InspectionID, t.Validate})
	}
	for _, p := range d.Photos {
		owner := p.InspectionID
		if owner == NilID {
			owner = d.Inspection.ID
		}
		out = append(out, ownRecord{"photo", p.ID, owner, p.Validate})
	}
	for _, s := range d.Signatures {
		out = append(out, ownRecord{"signature", s.ID, s.InspectionID, s.Validate})
	}
	return out
}
