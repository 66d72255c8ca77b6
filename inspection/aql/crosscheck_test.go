package aql

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"testing"
)

// The grids of tables.go are held against transcriptions typed from other
// sources and kept in testdata; see their headers for where each came from.
const (
	isoTranscription = "testdata/iso2859-1.csv" // GB/T 2828.1-2012 = ISO 2859-1:1999, Tables 2-A, 2-B, 2-C
	z14Transcription = "testdata/z14.csv"       // ANSI/ASQ Z1.4, Tables II-A, II-B, II-C
)

var tableSeverity = map[string]Severity{"2-A": Normal, "2-B": Tightened, "2-C": Reduced}

// cellKey names one cell: a table, the code letter of its row, an AQL column
// as the standard prints it.
type cellKey struct{ table, letter, aql string }

// resolved is what a reader of a table reaches from one cell after following
// the arrows. planLetter is "" where the standard prints no plan.
type resolved struct {
	planLetter        string
	n, accept, reject int
}

func (r resolved) String() string {
	if r.planLetter == "" {
		return "no plan"
	}
	return fmt.Sprintf("%s n=%d %d/%d", r.planLetter, r.n, r.accept, r.reject)
}

// departure is a cell where Loupe reads the standard differently from the
// ISO transcription; tables.go says why. Both readings are pinned, so that a
// change to either side is noticed.
type departure struct{ loupe, transcription resolved }

var isoDepartures = map[cellKey]departure{
	{"2-B", "A", "10"}: {loupe: resolved{"D", 8, 1, 2}, transcription: resolved{"A", 2, 0, 1}},
}

// readTranscription reads a CSV of resolved cells. Files without a plan
// letter column (Z1.4) leave planLetter empty for every cell.
func readTranscription(t testing.TB, path string) map[cellKey]resolved {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	records, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	header, withLetter := records[0], len(records[0]) == 7
	cells := make(map[cellKey]resolved, len(records)-1)
	for i, rec := range records[1:] {
		key := cellKey{rec[0], rec[1], rec[2]}
		if _, dup := cells[key]; dup {
			t.Fatalf("%s: cell %v twice", path, key)
		}
		nums := rec[len(rec)-3:]
		var c resolved
		if withLetter {
			c.planLetter = rec[3]
		}
		if nums[0] != "" {
			vals := [3]int{}
			for j, s := range nums {
				if vals[j], err = strconv.Atoi(s); err != nil {
					t.Fatalf("%s record %d: %s %q: %v", path, i+2, header[len(header)-3+j], s, err)
				}
			}
			c.n, c.accept, c.reject = vals[0], vals[1], vals[2]
		}
		cells[key] = c
	}
	return cells
}

// resolveGrid reads every cell of one parsed grid the way a reader of the
// printed table does.
func resolveGrid(table string, m *master) map[cellKey]resolved {
	out := make(map[cellKey]resolved, len(m.letters)*len(AQLs))
	for row, letter := range m.letters {
		for col, a := range AQLs {
			var r resolved
			if at, c, err := m.resolve(row, col); err == nil {
				r = resolved{m.letters[at], m.sizes[at], c.accept, c.reject}
			}
			out[cellKey{table, letter, FormatAQL(a)}] = r
		}
	}
	return out
}

func resolveAll(ms map[Severity]*master) map[cellKey]resolved {
	out := map[cellKey]resolved{}
	for table, sev := range tableSeverity {
		for k, v := range resolveGrid(table, ms[sev]) {
			out[k] = v
		}
	}
	return out
}

// isoMismatches lists every difference between Loupe's grids and the ISO
// transcription: cells that differ, cells either side lacks, and declared
// departures that no longer hold on either side.
func isoMismatches(grids, iso map[cellKey]resolved) []string {
	var out []string
	for k, want := range iso {
		got, ok := grids[k]
		switch d, declared := isoDepartures[k]; {
		case !ok:
			out = append(out, fmt.Sprintf("%v: in the transcription, not in tables.go", k))
		case declared && (got != d.loupe || want != d.transcription):
			out = append(out, fmt.Sprintf("%v: declared departure no longer holds: tables.go %v (declared %v), transcription %v (declared %v)", k, got, d.loupe, want, d.transcription))
		case !declared && got != want:
			out = append(out, fmt.Sprintf("%v: tables.go %v, transcription %v", k, got, want))
		}
	}
	for k := range grids {
		if _, ok := iso[k]; !ok {
			out = append(out, fmt.Sprintf("%v: in tables.go, not in the transcription", k))
		}
	}
	return out
}

// TestTablesMatchISOTranscription holds every cell of Tables 2-A, 2-B and 2-C
// (16 code letters × 26 AQLs each, and row S of 2-B), arrows followed,
// against the GB/T 2828.1-2012 transcription.
func TestTablesMatchISOTranscription(t *testing.T) {
	iso := readTranscription(t, isoTranscription)
	if len(iso) != 3*16*26+26 {
		t.Fatalf("%s holds %d cells, want %d", isoTranscription, len(iso), 3*16*26+26)
	}
	for _, m := range isoMismatches(resolveAll(masters), iso) {
		t.Error(m)
	}
}

// TestCrossCheckCatchesEveryChange changes one cell at a time, in memory, in
// either transcription — every cell of every grid in tables.go (a plan's
// numbers, an arrow's direction, a blank, a row's sample size) and every
// field of every record of the ISO transcription — and expects the
// cross-check to report it. A comparison that missed one would prove
// nothing about that cell.
func TestCrossCheckCatchesEveryChange(t *testing.T) {
	iso := readTranscription(t, isoTranscription)
	grids := resolveAll(masters)
	changes := 0
	for table, sev := range tableSeverity {
		m := masters[sev]
		for row := range m.letters {
			for col := range AQLs {
				mut := cloneMaster(m)
				c := &mut.cells[row][col]
				switch c.arrow {
				case 0:
					c.accept, c.reject = c.accept+1, c.reject+1
				case '↓':
					c.arrow = '↑'
				case '↑':
					c.arrow = '↓'
				case '·':
					*c = cell{accept: 0, reject: 1}
				}
				changes++
				if len(isoMismatches(withGrid(grids, table, mut), iso)) == 0 {
					t.Errorf("%s %s/%s changed, cross-check passed", table, m.letters[row], FormatAQL(AQLs[col]))
				}
			}
			mut := cloneMaster(m)
			mut.sizes[row]++
			changes++
			if len(isoMismatches(withGrid(grids, table, mut), iso)) == 0 {
				t.Errorf("%s sample size of row %s changed, cross-check passed", table, m.letters[row])
			}
		}
	}
	for k, c := range copyCells(iso) {
		for field, mut := range map[string]resolved{
			"plan letter": {"Z", c.n, c.accept, c.reject},
			"sample size": {c.planLetter, c.n + 1, c.accept, c.reject},
			"accept":      {c.planLetter, c.n, c.accept + 1, c.reject},
			"reject":      {c.planLetter, c.n, c.accept, c.reject + 1},
		} {
			iso[k] = mut
			changes++
			if len(isoMismatches(grids, iso)) == 0 {
				t.Errorf("transcription %v: %s changed, cross-check passed", k, field)
			}
		}
		delete(iso, k)
		if len(isoMismatches(grids, iso)) == 0 {
			t.Errorf("transcription %v removed, cross-check passed", k)
		}
		iso[k] = c
	}
	t.Logf("%d single-cell changes, each caught", changes)
}

func cloneMaster(m *master) *master {
	c := &master{letters: append([]string(nil), m.letters...), sizes: append([]int(nil), m.sizes...)}
	for _, row := range m.cells {
		c.cells = append(c.cells, append([]cell(nil), row...))
	}
	return c
}

// withGrid is the resolution of all tables with one table's grid replaced.
func withGrid(all map[cellKey]resolved, table string, m *master) map[cellKey]resolved {
	out := copyCells(all)
	for k, v := range resolveGrid(table, m) {
		out[k] = v
	}
	return out
}

func copyCells(src map[cellKey]resolved) map[cellKey]resolved {
	out := make(map[cellKey]resolved, len(src))
	for k, v := range src {
		out[k] = v
	}
	return out
}

// TestTablesAgreeWithZ14 holds the grids against a second, unrelated
// transcription: ANSI/ASQ Z1.4. Its Tables II-A and II-B are ISO's 2-A and
// 2-B, cell for cell (and its tightened A at AQL 10 is the reading Loupe
// takes). Its reduced table is the 1989 one, with gaps; every cell of it
// without a gap must be the 1999 table's cell too, and the rest must be
// cells the 1999 edition closed.
func TestTablesAgreeWithZ14(t *testing.T) {
	z14 := readTranscription(t, z14Transcription)
	if len(z14) != 3*16*26 {
		t.Fatalf("%s holds %d cells, want %d", z14Transcription, len(z14), 3*16*26)
	}
	grids := resolveAll(masters)
	gapless := 0
	for k, want := range z14 {
		got := grids[k]
		got.planLetter = "" // Z1.4's transcription gives sample sizes, not letters
		switch {
		case k.table != "2-C" && got != want:
			t.Errorf("%v: tables.go %v, Z1.4 %v", k, got, want)
		case k.table == "2-C" && want.reject == want.accept+1:
			gapless++
			if got != want {
				t.Errorf("%v: tables.go %v, Z1.4 %v (no gap: the editions agree here)", k, got, want)
			}
		case k.table == "2-C" && want.reject-want.accept < 2:
			t.Errorf("%v: Z1.4 %v is not a plan", k, want)
		}
	}
	// 165 reduced cells have no gap in Z1.4: the 0/1 diagonal and what
	// points at it, and row A, B and C plans such as 30/31.
	if gapless != 165 {
		t.Errorf("%d gapless reduced cells in Z1.4, want 165", gapless)
	}
}

// TestTightenedNeverLooserThanNormal checks, over every cell, the relation
// the three tables keep: tightened inspection samples at least as many units
// as normal and, at the same sample, accepts no more; reduced inspection
// never samples more than normal.
func TestTightenedNeverLooserThanNormal(t *testing.T) {
	grids := resolveAll(masters)
	for _, letter := range masters[Normal].letters {
		for _, a := range AQLs {
			aql := FormatAQL(a)
			n, ti, r := grids[cellKey{"2-A", letter, aql}], grids[cellKey{"2-B", letter, aql}], grids[cellKey{"2-C", letter, aql}]
			if ti.n < n.n || (ti.n == n.n && ti.accept > n.accept) {
				t.Errorf("%s/%s: tightened %v looser than normal %v", letter, aql, ti, n)
			}
			if r.n > n.n {
				t.Errorf("%s/%s: reduced %v samples more than normal %v", letter, aql, r, n)
			}
		}
	}
}

// TestLookupEveryBoundary runs the whole look-up — Table 1's letter for the
// lot, the master table's cell, the arrows, the cap at the lot size — for
// every level, at both ends of every lot-size band of Table 1, every AQL and
// every severity, against the ISO transcription.
func TestLookupEveryBoundary(t *testing.T) {
	iso := readTranscription(t, isoTranscription)
	lots := []int{MinLot, MaxLot}
	for _, upper := range lotUpper[:len(lotUpper)-1] {
		lots = append(lots, upper, upper+1)
	}
	for table, sev := range tableSeverity {
		for _, level := range Levels {
			for _, lot := range lots {
				letter, err := CodeLetter(lot, level)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range AQLs {
					want := iso[cellKey{table, letter, FormatAQL(a)}]
					if d, ok := isoDepartures[cellKey{table, letter, FormatAQL(a)}]; ok {
						want = d.loupe
					}
					p, err := Lookup(lot, level, a, sev)
					if err != nil {
						t.Fatalf("Lookup(%d, %s, %s, %s): %v", lot, level, FormatAQL(a), sev, err)
					}
					n, full := want.n, false
					if n >= lot {
						n, full = lot, true
					}
					got := Plan{LotSize: lot, Level: level, AQL: a, Severity: sev, CodeLetter: letter,
						PlanCodeLetter: want.planLetter, SampleSize: n, Accept: want.accept, Reject: want.reject, FullInspection: full}
					if p != got {
						t.Errorf("Lookup(%d, %s, %s, %s) = %+v, want %+v", lot, level, FormatAQL(a), sev, p, got)
					}
				}
			}
		}
	}
}
