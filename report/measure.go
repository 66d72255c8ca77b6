package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/loupeqc/loupe/inspection"
)

func (dc *doc) measurements() {
	dc.section(inspection.SectionMeasurements)
	if len(dc.d.Measurements) == 0 {
		dc.para(marginX, contentW, "No measurements recorded.", bodySize, muted, false)
	} else {
		t := dc.newTable([]column{{"Characteristic", 42, "L"}, {"Spec", 20, "R"}, {"Tolerance", 20, "R"}, {"Measured values", 61, "L"}, {"Out", 11, "R"}, {"Cp", 13, "R"}, {"Cpk", 13, "R"}})
		for _, m := range dc.d.Measurements {
			dc.measurementRow(t, m)
		}
		dc.gap(1)
		dc.para(marginX, contentW, fmt.Sprintf("Values outside tolerance are printed in red. Cp and Cpk are given for critical-to-quality (CTQ) characteristics with at least %d values; clients usually ask for Cpk ≥ %.2f.",
			inspection.MinCapabilityValues, inspection.CpkTarget), smallSize, muted, false)
	}
	dc.gap(2)
	dc.sectionBody(inspection.SectionMeasurements)
}

func (dc *doc) measurementRow(t *table, m inspection.Measurement) {
	dec := decimals(append([]float64{m.Nominal, m.TolMinus, m.TolPlus}, m.Values...)...)
	var small []string
	if m.CTQ {
		small = append(small, "CTQ")
	}
	if m.Instrument != "" {
		small = append(small, m.Instrument)
	}
	if !m.CalibratedOn.IsZero() {
		small = append(small, "calibrated "+day(m.CalibratedOn))
	}
	out := cell{text: fmt.Sprintf("%d/%d", m.OutCount(), len(m.Values))}
	if m.OutCount() > 0 {
		out.colour, out.bold = &failCol, true
	}
	cp, cpk := cell{text: "–", colour: &muted}, cell{text: "–", colour: &muted}
	if m.CTQ {
		if c, ok := m.Capability(); ok {
			cp = cell{text: num(c.Cp, 2)}
			cpk = cell{text: num(c.Cpk, 2), bold: true}
			if c.Cpk < inspection.CpkTarget {
				cpk.colour, cpk.fill = &failCol, &badFill
			}
		} else {
			cp.small = fmt.Sprintf("n<%d", inspection.MinCapabilityValues)
		}
	}
	t.add(cell{text: m.Characteristic, bold: true, small: strings.Join(small, " · ")},
		cell{text: num(m.Nominal, dec) + " " + m.Unit},
		cell{text: tolerance(m, dec)},
		cell{custom: valuesCell{m: m, dec: dec}},
		out, cp, cpk)
}

func tolerance(m inspection.Measurement, dec int) string {
	if m.TolMinus == m.TolPlus {
		return "± " + num(m.TolPlus, dec)
	}
	return "−" + num(m.TolMinus, dec) + " / +" + num(m.TolPlus, dec)
}

// valuesCell lays every measured value out in numbered slots, flagging
// those outside tolerance.
type valuesCell struct {
	m   inspection.Measurement
	dec int
}

const slotH = 3.8

func (v valuesCell) slotW(dc *doc) float64 {
	dc.font(tableSize, ink, false)
	widest := 0.0
	for _, x := range v.m.Values {
		widest = max(widest, dc.m.width(num(x, v.dec)))
	}
	return math.Max(10, widest+2.6)
}

func (v valuesCell) perRow(dc *doc, w float64) int {
	return max(1, int(w/v.slotW(dc)))
}

func (v valuesCell) height(dc *doc, w float64) float64 {
	n := len(v.m.Values)
	if n == 0 {
		return slotH
	}
	rows := (n + v.perRow(dc, w) - 1) / v.perRow(dc, w)
	return float64(rows) * slotH
}

func (v valuesCell) draw(dc *doc, x, y, w, h float64) {
	if len(v.m.Values) == 0 {
		dc.font(tableSize, muted, false)
		dc.text(x, y-0.25, w, "no values", "L")
		return
	}
	sw, per := v.slotW(dc), v.perRow(dc, w)
	for i, val := range v.m.Values {
		sx := x + float64(i%per)*sw
		sy := y + float64(i/per)*slotH
		bad := v.m.OutOfTolerance(val)
		if bad {
			dc.plain()
			dc.fill(badFill)
			dc.pdf.RoundedRect(sx-0.6, sy-0.1, sw-0.8, slotH-0.1, 0.8, "1234", "F")
			dc.font(tableSize, failCol, true)
		} else {
			dc.font(tableSize, ink, false)
		}
		dc.text(sx, sy-0.25, sw-2, num(val, v.dec), "R")
	}
	dc.plain()
}

func (dc *doc) tests() {
	dc.section(inspection.SectionTests)
	if len(dc.d.Tests) == 0 {
		dc.para(marginX, contentW, "No on-site tests recorded.", bodySize, muted, false)
	} else {
		t := dc.newTable([]column{{"Test", 66, "L"}, {"Sample", 16, "R"}, {"Result", 26, "L"}, {"Details", contentW - 108, "L"}})
		for _, x := range dc.d.Tests {
			r, why := x.Judgement()
			details := cell{text: testDetails(x, why)}
			if r == inspection.Fail && why != "" {
				details.colour = &failCol
			}
			t.add(cell{text: x.Name, bold: true, small: testKindWord(x.Kind)}, cell{text: itoa0(x.SampleSize)},
				cell{custom: resultPill(resultWord(r), resultColour(r))}, details)
		}
	}
	dc.gap(2)
	dc.sectionBody(inspection.SectionTests)
}

func testKindWord(k inspection.TestKind) string {
	switch k {
	case inspection.TestDrop:
		return "Carton drop test"
	case inspection.TestFunction:
		return "Function / assembly"
	case inspection.TestBarcode:
		return "Barcode scan"
	case inspection.TestTape:
		return "Tape / rub test"
	case inspection.TestShade:
		return "Colour shade"
	case inspection.TestOdour:
		return "Odour"
	case inspection.TestCarton:
		return "Carton weight and dimensions"
	case inspection.TestElectrical:
		return "Electrical safety"
	}
	return "Other"
}

// testDetails prints a barcode test's codes with the rule's reason, then
// the inspector's notes.
func testDetails(t inspection.Test, why string) string {
	var parts []string
	if t.Kind == inspection.TestBarcode && (t.Expected != "" || t.Observed != "") {
		s := fmt.Sprintf("Expected %s, scanned %s", orDash(t.Expected), orDash(t.Observed))
		if why != "" {
			s += ": " + why
		}
		parts = append(parts, s+".")
	}
	if t.Notes != "" {
		parts = append(parts, t.Notes)
	}
	return strings.Join(parts, " ")
}
