package inspection

import (
	"math"
	"time"
)

// Measurement is one characteristic measured on several samples.
type Measurement struct {
	ID             ID        `json:"id"`
	InspectionID   ID        `json:"inspection_id"`
	Position       int       `json:"position"`
	Characteristic string    `json:"characteristic"`
	Unit           string    `json:"unit"`
	Nominal        float64   `json:"nominal"`
	TolMinus       float64   `json:"tol_minus"` // allowed deviation below nominal (positive number)
	TolPlus        float64   `json:"tol_plus"`  // allowed deviation above nominal
	CTQ            bool      `json:"ctq"`       // critical to quality: report Cp/Cpk
	Values         []float64 `json:"values"`    // one per measured sample, in sample order
	Instrument     string    `json:"instrument,omitempty"`
	CalibratedOn   time.Time `json:"calibrated_on"`
}

// Lower is the lower specification limit.
func (m Measurement) Lower() float64 { return m.Nominal - m.TolMinus }

// Upper is the upper specification limit.
func (m Measurement) Upper() float64 { return m.Nominal + m.TolPlus }

// OutOfTolerance reports whether v falls outside the specification limits.
func (m Measurement) OutOfTolerance(v float64) bool {
	// A tiny epsilon keeps 10.1 inside "10 ± 0.1" despite binary rounding.
	const eps = 1e-9
	return v < m.Lower()-eps || v > m.Upper()+eps
}

// OutCount is the number of values outside tolerance.
func (m Measurement) OutCount() int {
	n := 0
	for _, v := range m.Values {
		if m.OutOfTolerance(v) {
			n++
		}
	}
	return n
}

// MinCapabilityValues is the fewest values Cp/Cpk are computed from; fewer
// give a number too unstable to tell a client anything.
const MinCapabilityValues = 5

// Capability holds process-capability indices of a characteristic.
type Capability struct {
	N      int
	Mean   float64
	StdDev float64 // sample standard deviation (n-1)
	Cp     float64
	Cpk    float64
}

// Capability computes Cp and Cpk from the values. ok is false with fewer than
// MinCapabilityValues values or when all values are equal (no spread).
func (m Measurement) Capability() (c Capability, ok bool) {
	n := len(m.Values)
	if n < MinCapabilityValues {
		return Capability{N: n}, false
	}
	var sum float64
	for _, v := range m.Values {
		sum += v
	}
	mean := sum / float64(n)
	var ss float64
	for _, v := range m.Values {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / float64(n-1))
	c = Capability{N: n, Mean: mean, StdDev: sd}
	if sd == 0 {
		return c, false
	}
	c.Cp = (m.Upper() - m.Lower()) / (6 * sd)
	c.Cpk = math.Min(m.Upper()-mean, mean-m.Lower()) / (3 * sd)
	return c, true
}

// CpkTarget is the usual minimum Cpk clients ask for.
const CpkTarget = 1.33
