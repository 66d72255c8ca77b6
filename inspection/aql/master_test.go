package aql

import "testing"

// at resolves the plan for a code letter and AQL the way a reader of the
// printed table does: find the cell, follow its arrow.
func at(t *testing.T, sev Severity, letter string, aql float64) (string, int, int, int) {
	t.Helper()
	m := masters[sev]
	row, c, err := m.resolve(m.row(letter), column(aql))
	if err != nil {
		t.Fatalf("%s %s AQL %v: %v", sev, letter, aql, err)
	}
	return m.letters[row], m.sizes[row], c.accept, c.reject
}

type cellCase struct {
	letter         string
	aql            float64
	planLetter     string
	n, accept, rej int
}

func checkCells(t *testing.T, sev Severity, cases []cellCase) {
	t.Helper()
	for _, c := range cases {
		l, n, ac, re := at(t, sev, c.letter, c.aql)
		if l != c.planLetter || n != c.n || ac != c.accept || re != c.rej {
			t.Errorf("%s %s/%s = %s n=%d %d/%d; want %s n=%d %d/%d", sev, c.letter, FormatAQL(c.aql), l, n, ac, re, c.planLetter, c.n, c.accept, c.rej)
		}
	}
}

func TestTable2ANormal(t *testing.T) {
	checkCells(t, Normal, []cellCase{
		// The plans inspectors use most.
		{"L", 2.5, "L", 200, 10, 11}, {"L", 4.0, "L", 200, 14, 15}, {"L", 1.5, "L", 200, 7, 8},
		{"K", 2.5, "K", 125, 7, 8}, {"K", 4.0, "K", 125, 10, 11}, {"J", 2.5, "J", 80, 5, 6},
		{"M", 2.5, "M", 315, 14, 15}, {"N", 2.5, "N", 500, 21, 22}, {"H", 4.0, "H", 50, 5, 6},
		// Down arrows: to the first plan below.
		{"H", 0.65, "J", 80, 1, 2}, {"A", 2.5, "C", 5, 0, 1}, {"F", 1.5, "G", 32, 1, 2},
		{"A", 0.010, "Q", 1250, 0, 1}, {"J", 0.10, "K", 125, 0, 1}, {"A", 15, "B", 3, 1, 2},
		// Up arrows: to the first plan above.
		{"G", 0.65, "F", 20, 0, 1}, {"L", 0.10, "K", 125, 0, 1}, {"C", 1000, "B", 3, 44, 45},
		{"L", 10, "K", 125, 21, 22}, {"R", 10, "K", 125, 21, 22}, {"F", 150, "E", 13, 30, 31},
		// The edges: row A has nothing above, row R nothing below.
		{"A", 10, "C", 5, 1, 2}, {"R", 0.010, "Q", 1250, 0, 1}, {"R", 0.015, "P", 800, 0, 1},
		{"A", 6.5, "A", 2, 0, 1}, {"A", 25, "A", 2, 1, 2}, {"A", 1000, "A", 2, 30, 31},
		{"B", 1000, "B", 3, 44, 45}, {"D", 400, "D", 8, 44, 45}, {"R", 0.025, "R", 2000, 1, 2},
		{"R", 0.65, "R", 2000, 21, 22}, {"R", 1.0, "Q", 1250, 21, 22}, {"Q", 0.010, "Q", 1250, 0, 1},
		// Rows A to E go past 21/22.
		{"E", 100, "E", 13, 21, 22}, {"E", 150, "E", 13, 30, 31}, {"E", 250, "E", 13, 44, 45}, {"E", 400, "D", 8, 44, 45},
	})
}

// TestTable2ALevelIIRows holds Table 2-A against an independent printed
// extract (level II, AQL 0.65 to 15, rejection numbers), row by row.
func TestTable2ALevelIIRows(t *testing.T) {
	aqls := []float64{0.65, 1.0, 1.5, 2.5, 4.0, 6.5, 10, 15}
	want := map[string][]int{
		"E": {1, 1, 1, 2, 2, 3, 4, 6},
		"F": {1, 1, 2, 2, 3, 4, 6, 8},
		"G": {1, 2, 2, 3, 4, 6, 8, 11},
		"H": {2, 2, 3, 4, 6, 8, 11, 15},
		"J": {2, 3, 4, 6, 8, 11, 15, 22},
		"K": {3, 4, 6, 8, 11, 15, 22, 22},
		"L": {4, 6, 8, 11, 15, 22, 22, 22},
		"M": {6, 8, 11, 15, 22, 22, 22, 22},
	}
	for letter, res := range want {
		for i, a := range aqls {
			if _, _, _, re := at(t, Normal, letter, a); re != res[i] {
				t.Errorf("normal %s/%s rejects at %d, want %d", letter, FormatAQL(a), re, res[i])
			}
		}
	}
}

func TestTable2BTightened(t *testing.T) {
	checkCells(t, Tightened, []cellCase{
		{"L", 2.5, "L", 200, 8, 9}, {"L", 4.0, "L", 200, 12, 13}, {"K", 2.5, "K", 125, 5, 6},
		{"G", 0.65, "G", 32, 0, 1}, {"G", 1.0, "J", 80, 1, 2}, {"K", 0.65, "K", 125, 1, 2},
		{"K", 10, "K", 125, 18, 19}, {"K", 15, "J", 80, 18, 19}, {"J", 15, "J", 80, 18, 19},
		{"B", 6.5, "B", 3, 0, 1}, {"A", 1000, "A", 2, 27, 28}, {"B", 1000, "B", 3, 41, 42},
		{"E", 150, "E", 13, 27, 28}, {"E", 250, "E", 13, 41, 42}, {"F", 100, "E", 13, 18, 19},
		// Loupe's reading where the transcriptions disagree (tables.go).
		{"A", 10, "D", 8, 1, 2},
		// Row R: up at 0.015 (row S is blank there), down to S only at 0.025.
		{"R", 0.010, "R", 2000, 0, 1}, {"R", 0.015, "Q", 1250, 0, 1}, {"R", 0.025, "S", 3150, 1, 2},
		{"Q", 0.025, "S", 3150, 1, 2}, {"R", 0.040, "R", 2000, 1, 2},
	})
}

func TestTable2CReduced(t *testing.T) {
	checkCells(t, Reduced, []cellCase{
		// The 1999 series: no gap between accept and reject.
		{"L", 2.5, "L", 80, 6, 7}, {"K", 2.5, "K", 50, 5, 6}, {"M", 4.0, "M", 125, 10, 11},
		{"K", 1.0, "K", 50, 2, 3}, {"J", 6.5, "J", 32, 6, 7}, {"H", 6.5, "H", 20, 5, 6},
		{"L", 4.0, "L", 80, 8, 9}, {"C", 100, "C", 2, 6, 7},
		// Two down arrows after the up arrow, where Z1.4 prints 0/2.
		{"K", 0.25, "M", 125, 1, 2}, {"C", 6.5, "E", 5, 1, 2}, {"D", 4.0, "F", 8, 1, 2},
		{"A", 6.5, "A", 2, 0, 1}, {"A", 10, "D", 3, 1, 2}, {"A", 15, "C", 2, 1, 2},
		// Rows A and B keep the normal plans of sample 2.
		{"A", 1000, "A", 2, 30, 31}, {"B", 150, "B", 2, 7, 8}, {"C", 1000, "B", 2, 30, 31},
		{"F", 100, "E", 5, 10, 11}, {"E", 250, "E", 5, 21, 22}, {"D", 650, "C", 2, 21, 22},
		// Row R and the long up arrow at 0.025.
		{"R", 0.010, "Q", 500, 0, 1}, {"R", 0.015, "P", 315, 0, 1}, {"Q", 0.025, "N", 200, 0, 1},
		{"R", 0.025, "N", 200, 0, 1}, {"R", 0.040, "R", 800, 1, 2}, {"P", 0.040, "R", 800, 1, 2},
	})
}

// TestEveryCellResolves walks every cell reachable from a Table 1 letter in
// every table: the arrows must end on a plan with 0 ≤ Ac < Re, and the
// sample sizes must grow down the table.
func TestEveryCellResolves(t *testing.T) {
	for sev, m := range masters {
		for i := range m.sizes {
			if i > 0 && m.sizes[i] < m.sizes[i-1] {
				t.Errorf("%s: sample sizes shrink at row %s", sev, m.letters[i])
			}
		}
		for row, letter := range m.letters {
			if letter == "S" {
				continue // not a Table 1 letter
			}
			for col := range AQLs {
				_, c, err := m.resolve(row, col)
				if err != nil || c.accept < 0 || c.reject <= c.accept {
					t.Errorf("%s %s/%s: %+v %v", sev, letter, FormatAQL(AQLs[col]), c, err)
				}
			}
		}
	}
}

func TestLookup(t *testing.T) {
	p, err := Lookup(5000, LevelII, 2.5, Normal)
	want := Plan{LotSize: 5000, Level: LevelII, AQL: 2.5, Severity: Normal, CodeLetter: "L", PlanCodeLetter: "L", SampleSize: 200, Accept: 10, Reject: 11}
	if err != nil || p != want {
		t.Errorf("Lookup(5000, II, 2.5) = %+v, %v; want %+v", p, err, want)
	}
	p, _ = Lookup(20, LevelII, 0.40, Normal) // C → ↓ to G (32 ≥ 20)
	if !p.FullInspection || p.SampleSize != 20 || p.PlanCodeLetter != "G" || p.Accept != 0 {
		t.Errorf("Lookup(20, II, 0.40) = %+v; want 100 %% inspection of 20 by plan G, 0/1", p)
	}
	p, _ = Lookup(5000, LevelII, 0, Tightened)
	if p.Accept != 0 || p.Reject != 1 || p.SampleSize != 200 {
		t.Errorf("AQL 0 = %+v; want 0/1 at 200", p)
	}
	p, _ = Lookup(5000, LevelII, 0, Reduced)
	if p.SampleSize != 80 {
		t.Errorf("AQL 0 reduced: n = %d, want 80", p.SampleSize)
	}
	for _, bad := range []struct {
		lot int
		aql float64
		sev Severity
	}{{1, 2.5, Normal}, {100, 3, Normal}, {100, 2.5, "strict"}} {
		if _, err := Lookup(bad.lot, LevelII, bad.aql, bad.sev); err == nil {
			t.Errorf("Lookup(%+v) accepted bad input", bad)
		}
	}
}
