package aql

import (
	"strings"
	"testing"
)

// TestCodeLetterBoundaries checks Table 1 at both ends of every lot-size
// row for every level. The expected letters are typed from the standard's
// Table 1, row by row, independently of table1's column layout.
func TestCodeLetterBoundaries(t *testing.T) {
	rows := []struct {
		lo, hi  int
		letters string // S-1 S-2 S-3 S-4 I II III
	}{
		{2, 8, "A A A A A A B"},
		{9, 15, "A A A A A B C"},
		{16, 25, "A A B B B C D"},
		{26, 50, "A B B C C D E"},
		{51, 90, "B B C C C E F"},
		{91, 150, "B B C D D F G"},
		{151, 280, "B C D E E G H"},
		{281, 500, "B C D E F H J"},
		{501, 1200, "C C E F G J K"},
		{1201, 3200, "C D E G H K L"},
		{3201, 10000, "C D F G J L M"},
		{10001, 35000, "C D F H K M N"},
		{35001, 150000, "D E G J L N P"},
		{150001, 500000, "D E G J M P Q"},
		{500001, MaxLot, "D E H K N Q R"},
	}
	for _, r := range rows {
		want := strings.Fields(r.letters)
		for i, level := range Levels {
			for _, lot := range []int{r.lo, r.hi} {
				got, err := CodeLetter(lot, level)
				if err != nil || got != want[i] {
					t.Errorf("CodeLetter(%d, %s) = %q, %v; want %q", lot, level, got, err, want[i])
				}
			}
		}
	}
}

func TestCodeLetterRefusesAbsurdLots(t *testing.T) {
	for _, lot := range []int{-5, 0, 1, MaxLot + 1} {
		if _, err := CodeLetter(lot, LevelII); err == nil {
			t.Errorf("CodeLetter(%d) accepted an impossible lot", lot)
		}
	}
	if _, err := CodeLetter(100, "IV"); err == nil || !strings.Contains(err.Error(), "S-1") {
		t.Errorf("unknown level: err = %v, want a list of valid levels", err)
	}
}

func TestParseLevel(t *testing.T) {
	for in, want := range map[string]Level{"ii": LevelII, " III ": LevelIII, "s-2": LevelS2, "S4": LevelS4, "G-II": LevelII, "i": LevelI} {
		if got, err := ParseLevel(in); err != nil || got != want {
			t.Errorf("ParseLevel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "IV", "S-5", "2"} {
		if _, err := ParseLevel(in); err == nil {
			t.Errorf("ParseLevel(%q) accepted an unknown level", in)
		}
	}
}

func TestParseAQL(t *testing.T) {
	for in, want := range map[string]float64{"2.5": 2.5, "0.65": 0.65, "0.010": 0.010, "1000": 1000, "0": 0, "4": 4.0, "1.0%": 1.0, " 6.5 ": 6.5, "10.0": 10} {
		if got, err := ParseAQL(in); err != nil || got != want {
			t.Errorf("ParseAQL(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	// A comma is refused whichever way it was meant: "1,000" must not read
	// as AQL 1 nor "2,5" as 25.
	for _, in := range []string{"1,000", "2,5", "0,65", "1,0", "1000,", ",65"} {
		if _, err := ParseAQL(in); err == nil || !strings.Contains(err.Error(), "comma") || !strings.Contains(err.Error(), "dot") {
			t.Errorf("ParseAQL(%q): err = %v, want a refusal that says to use a dot", in, err)
		}
	}
	for _, in := range []string{"3", "2.6", "-1", "abc", "", "NaN", "Inf", "1e3", "0x1p-2", "+2.5", "2.5.0", "1 000", "%"} {
		if _, err := ParseAQL(in); err == nil || !strings.Contains(err.Error(), "0.010") {
			t.Errorf("ParseAQL(%q): err = %v, want a list of valid AQLs", in, err)
		}
	}
}

func TestFormatAQL(t *testing.T) {
	for a, want := range map[float64]string{0: "0", 0.010: "0.010", 0.065: "0.065", 0.10: "0.10", 0.65: "0.65", 1: "1.0", 2.5: "2.5", 10: "10", 1000: "1000"} {
		if got := FormatAQL(a); got != want {
			t.Errorf("FormatAQL(%v) = %q, want %q", a, got, want)
		}
	}
}
