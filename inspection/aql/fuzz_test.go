package aql

import "testing"

// FuzzPlanFor: whatever the lot, level, AQLs and severity, the engine
// either refuses with an error or returns a usable plan: a positive sample
// no larger than the lot and Ac < Re for every class.
func FuzzPlanFor(f *testing.F) {
	f.Add(5000, uint8(5), uint8(0), uint8(12), uint8(13), uint8(0))
	f.Add(2, uint8(0), uint8(25), uint8(25), uint8(25), uint8(2))
	f.Add(600000, uint8(6), uint8(1), uint8(1), uint8(1), uint8(1))
	f.Fuzz(func(t *testing.T, lot int, level, crit, major, minor, sev uint8) {
		aql := func(i uint8) float64 {
			if int(i) >= len(AQLs) {
				return 0
			}
			return AQLs[i]
		}
		s := Settings{
			Level:    Levels[int(level)%len(Levels)],
			Severity: Severities[int(sev)%len(Severities)],
			AQL:      map[Class]float64{Critical: aql(crit), Major: aql(major), Minor: aql(minor)},
		}
		p, err := PlanFor(lot, s)
		if err != nil {
			if lot >= MinLot && lot <= MaxLot {
				t.Fatalf("PlanFor(%d, %+v): %v", lot, s, err)
			}
			return
		}
		if p.SampleSize <= 0 || p.SampleSize > lot {
			t.Fatalf("PlanFor(%d, %+v): sample size %d", lot, s, p.SampleSize)
		}
		for _, cp := range p.Classes {
			if cp.Accept < 0 || cp.Accept >= cp.Reject {
				t.Fatalf("PlanFor(%d, %+v): %s %d/%d", lot, s, cp.Class, cp.Accept, cp.Reject)
			}
		}
		for _, a := range AQLs {
			single, err := Lookup(lot, s.Level, a, s.Severity)
			if err != nil || single.SampleSize <= 0 || single.Accept >= single.Reject {
				t.Fatalf("Lookup(%d, %s, %v, %s) = %+v, %v", lot, s.Level, a, s.Severity, single, err)
			}
		}
	})
}
