package report

import (
	"strconv"
	"strings"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006")
}

func clock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 Jan 2006 15:04")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func itoa(n int) string { return strconv.Itoa(n) }

// num prints a measured number with the given decimals.
func num(v float64, decimals int) string {
	return strconv.FormatFloat(v, 'f', decimals, 64)
}

// decimals is how many decimals a set of numbers needs, at most 4, so a
// column of values lines up without inventing precision.
func decimals(vs ...float64) int {
	d := 0
	for _, v := range vs {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
	}
	return min(d, 4)
}

func pct(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64) + " %"
}

// resultWord is how a result reads on paper.
func resultWord(r inspection.Result) string {
	switch r {
	case inspection.Pass:
		return "PASS"
	case inspection.Fail:
		return "FAIL"
	case inspection.Pending:
		return "PENDING"
	case inspection.NA:
		return "N/A"
	}
	return "NOT CHECKED"
}

func resultColour(r inspection.Result) rgb {
	switch r {
	case inspection.Pass:
		return passCol
	case inspection.Fail:
		return failCol
	case inspection.Pending:
		return pendCol
	}
	return naCol
}

// verdictColour is the badge colour of a verdict: an incomplete report is
// grey like a section nobody checked.
func verdictColour(v inspection.Verdict) rgb {
	switch v {
	case inspection.VerdictPass:
		return passCol
	case inspection.VerdictFail:
		return failCol
	case inspection.VerdictPending:
		return pendCol
	}
	return naCol
}

// classWord capitalises a defect class for tables.
func classWord(c inspection.Class) string {
	s := string(c)
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
