// Package aql is Loupe's ISO 2859-1 sampling engine: the code letter for a
// lot, the single sampling plan for an AQL, one plan per inspection across
// the defect classes, the live verdict while defects are counted, and the
// switching rules between normal, tightened and reduced inspection.
//
// It is pure computation on the standard's tables (tables.go) and imports
// nothing of Loupe's, so the UI, the report and the command line all ask it
// and give the same answer.
package aql

import (
	"fmt"
	"strconv"
	"strings"
)

// Level is an inspection level of Table 1.
type Level string

// Inspection levels: special S-1 … S-4 for small samples (on-site tests),
// general I, II (the default) and III.
const (
	LevelS1  Level = "S-1"
	LevelS2  Level = "S-2"
	LevelS3  Level = "S-3"
	LevelS4  Level = "S-4"
	LevelI   Level = "I"
	LevelII  Level = "II"
	LevelIII Level = "III"
)

// Levels lists the levels in the order of Table 1.
var Levels = []Level{LevelS1, LevelS2, LevelS3, LevelS4, LevelI, LevelII, LevelIII}

// ParseLevel reads a level case-insensitively ("ii", "s-2"; "G-II" and "S2"
// are accepted too, as inspectors write them).
func ParseLevel(s string) (Level, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	t = strings.TrimPrefix(t, "G-")
	if len(t) == 2 && t[0] == 'S' {
		t = "S-" + t[1:]
	}
	for _, l := range Levels {
		if string(l) == t {
			return l, nil
		}
	}
	return "", fmt.Errorf("unknown inspection level %q: use one of %s", s, joinLevels())
}

func joinLevels() string {
	names := make([]string, len(Levels))
	for i, l := range Levels {
		names[i] = string(l)
	}
	return strings.Join(names, ", ")
}

// Severity is the inspection severity the switching rules select.
type Severity string

// Severities of ISO 2859-1 clause 9.
const (
	Normal    Severity = "normal"
	Tightened Severity = "tightened"
	Reduced   Severity = "reduced"
)

// Severities lists the severities.
var Severities = []Severity{Normal, Tightened, Reduced}

// ParseSeverity reads a severity case-insensitively.
func ParseSeverity(s string) (Severity, error) {
	t := Severity(strings.ToLower(strings.TrimSpace(s)))
	for _, v := range Severities {
		if v == t {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown inspection severity %q: use normal, tightened or reduced", s)
}

// Class is a defect class. Each class has its own AQL.
type Class string

// Defect classes, most serious first.
const (
	Critical Class = "critical"
	Major    Class = "major"
	Minor    Class = "minor"
)

// Classes lists the classes, most serious first.
var Classes = []Class{Critical, Major, Minor}

// Title is the class name for sentences and headings: "Major".
func (c Class) Title() string {
	if c == "" {
		return ""
	}
	return strings.ToUpper(string(c[:1])) + string(c[1:])
}

// AQLs are the columns of the master tables, in percent nonconforming (up
// to 10) or nonconformities per hundred units.
var AQLs = []float64{
	0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65,
	1.0, 1.5, 2.5, 4.0, 6.5, 10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
}

// column returns the table column of an AQL, or -1.
func column(aql float64) int {
	for i, a := range AQLs {
		// The columns are far apart; a tolerance absorbs float parsing.
		if aql > a*0.999 && aql < a*1.001 {
			return i
		}
	}
	return -1
}

// ValidAQL reports whether a is a column of the standard or 0 (nothing
// tolerated, as clients ask for critical defects).
func ValidAQL(a float64) bool {
	return a == 0 || column(a) >= 0
}

// ParseAQL reads an AQL written as the standard's columns are: digits and
// at most one decimal point ("2.5", "0.010", "1000", "0"; a trailing % is
// allowed). A comma is refused, not guessed at: "2,5" is a decimal comma in
// much of the world and "1,000" a thousands separator, and reading either
// the other way gives a different plan without a word.
func ParseAQL(s string) (float64, error) {
	t := strings.TrimSuffix(strings.TrimSpace(s), "%")
	if strings.Contains(t, ",") {
		return 0, fmt.Errorf("AQL %q has a comma: use a dot for the decimal point and no thousands separator (2.5, 0.65, 1000)", s)
	}
	a, err := strconv.ParseFloat(t, 64)
	if !plainDecimal(t) || err != nil || !ValidAQL(a) {
		return 0, fmt.Errorf("AQL %q is not a column of ISO 2859-1: use 0 (nothing allowed) or one of %s", s, joinAQLs())
	}
	if a != 0 {
		a = AQLs[column(a)]
	}
	return a, nil
}

// plainDecimal reports whether s is digits with at most one decimal point,
// so that what strconv also reads ("1e3", "0x1p-2", "+2.5", "Inf") is not
// taken for an AQL nobody typed.
func plainDecimal(s string) bool {
	digits, dots := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.':
			dots++
		default:
			return false
		}
	}
	return digits > 0 && dots <= 1
}

func joinAQLs() string {
	names := make([]string, len(AQLs))
	for i, a := range AQLs {
		names[i] = FormatAQL(a)
	}
	return strings.Join(names, ", ")
}

// FormatAQL writes an AQL as the standard prints it: 0.010, 0.65, 2.5, 10.
func FormatAQL(a float64) string {
	switch {
	case a == 0:
		return "0"
	case a < 0.1:
		return strconv.FormatFloat(a, 'f', 3, 64)
	case a < 1:
		return strconv.FormatFloat(a, 'f', 2, 64)
	case a < 10:
		return strconv.FormatFloat(a, 'f', 1, 64)
	}
	return strconv.FormatFloat(a, 'f', 0, 64)
}
