package inspection

import (
	"math"
	"testing"
)

func TestCapabilityAgainstHandComputedExample(t *testing.T) {
	// Nominal 10 ± 0.5; values mean 10.2, sample sd = sqrt(0.02/4) = 0.0707107.
	// Cp = 1.0 / (6·0.0707107) = 2.357023; Cpk = min(0.3, 0.7) / (3·0.0707107) = 1.414214.
	m := Measurement{Nominal: 10, TolMinus: 0.5, TolPlus: 0.5, Values: []float64{10.1, 10.2, 10.3, 10.2, 10.2}}
	c, ok := m.Capability()
	if !ok {
		t.Fatal("capability not computed for 5 values")
	}
	for _, x := range []struct {
		name      string
		got, want float64
	}{{"mean", c.Mean, 10.2}, {"sd", c.StdDev, 0.0707107}, {"Cp", c.Cp, 2.357023}, {"Cpk", c.Cpk, 1.414214}} {
		if math.Abs(x.got-x.want) > 1e-6 {
			t.Errorf("%s = %.7f, want %.7f", x.name, x.got, x.want)
		}
	}
}

func TestCapabilityNeedsFiveValuesAndSpread(t *testing.T) {
	for _, values := range [][]float64{{1, 2, 3, 4}, {5, 5, 5, 5, 5}, nil} {
		m := Measurement{Nominal: 3, TolMinus: 1, TolPlus: 1, Values: values}
		if _, ok := m.Capability(); ok {
			t.Errorf("Capability(%v) ok, want not computed", values)
		}
	}
}

func TestOutOfTolerance(t *testing.T) {
	m := Measurement{Nominal: 10, TolMinus: 0.1, TolPlus: 0.2}
	tests := []struct {
		v   float64
		out bool
	}{{9.9, false}, {10.2, false}, {9.89, true}, {10.21, true}, {10, false}}
	for _, tt := range tests {
		if got := m.OutOfTolerance(tt.v); got != tt.out {
			t.Errorf("OutOfTolerance(%v) = %v, want %v", tt.v, got, tt.out)
		}
	}
	m.Values = []float64{9.9, 10.3, 9.5, 10.0}
	if n := m.OutCount(); n != 2 {
		t.Errorf("OutCount = %d, want 2", n)
	}
}
