package demo

import (
	"image/color"
	"time"

	"github.com/loupeqc/loupe/inspection"
)

var (
	steel  = color.RGBA{190, 195, 200, 255}
	bamboo = color.RGBA{214, 170, 110, 255}
	navy   = color.RGBA{30, 45, 90, 255}
)

func allSections(r inspection.Result) map[inspection.SectionKind]inspection.Result {
	m := map[inspection.SectionKind]inspection.Result{}
	for _, k := range inspection.Sections {
		m[k] = r
	}
	delete(m, inspection.SectionWorkmanship) // follows the AQL numbers
	return m
}

func packingChecks() []inspection.ChecklistItem {
	return []inspection.ChecklistItem{
		{Section: inspection.SectionPacking, Text: "Export cartons: 5-ply, double-wall, as specified", Result: inspection.Pass},
		{Section: inspection.SectionPacking, Text: "Count per carton matches the packing list", Result: inspection.Pass},
		{Section: inspection.SectionMarking, Text: "Shipping marks (main and side) match the PO", Result: inspection.Pass},
		{Section: inspection.SectionMarking, Text: "EAN label on retail box scans and matches", Result: inspection.Pass},
		{Section: inspection.SectionClient, Text: "Instruction manual in DE/EN/FR in every box", Result: inspection.Pass},
	}
}

func kettleMeasurements(offset float64) []inspection.Measurement {
	return []inspection.Measurement{
		{Characteristic: "Body height", Unit: "mm", Nominal: 245, TolMinus: 1.5, TolPlus: 1.5, CTQ: true,
			Values:     []float64{245.2, 244.8, 245.5, 244.9, 245.1, 245.6, 244.7, 245.0, 245.3 + offset, 244.6},
			Instrument: "Digital caliper Mitutoyo 500-196 (#QC-031)", CalibratedOn: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)},
		{Characteristic: "Power cord length", Unit: "mm", Nominal: 750, TolMinus: 10, TolPlus: 20,
			Values:     []float64{752, 748, 761, 755, 749},
			Instrument: "Steel tape 2 m (#QC-007)", CalibratedOn: time.Date(2026, 1, 9, 0, 0, 0, 0, time.UTC)},
		{Characteristic: "Carton gross weight", Unit: "kg", Nominal: 9.6, TolMinus: 0.3, TolPlus: 0.3,
			Values: []float64{9.55, 9.62, 9.71, 9.58}, Instrument: "Platform scale 60 kg (#QC-012)"},
	}
}

func kettleTests(observed string) []inspection.Test {
	return []inspection.Test{
		{Kind: inspection.TestDrop, Name: "Carton drop test (ISTA 1A: 1 corner, 3 edges, 6 faces, 76 cm)", SampleSize: 2, Result: inspection.Pass, Notes: "No damage to product or inner packing."},
		{Kind: inspection.TestFunction, Name: "Boil test 1.7 L, auto shut-off", SampleSize: 32, Result: inspection.Pass, Notes: "Shut-off within 10 s of boiling on all units."},
		{Kind: inspection.TestElectrical, Name: "Hi-pot 1250 V / 3 s and earth continuity", SampleSize: 32, Result: inspection.Pass},
		{Kind: inspection.TestBarcode, Name: "EAN-13 on retail box", SampleSize: 5, Expected: "4006381333931", Observed: observed, Result: inspection.Pass},
	}
}

func (s *seeder) kettleLot1() *plan {
	in := newDemoInspection("kettle-1", "LP-2026-0412", inspection.PSI, day(10, 6, 0, 0))
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = id("client/northwind"), id("supplier/everlight"), id("factory/everlight"), id("product/kettle")
	in.POs = []string{"NW-PO-58812"}
	in.Inspector = "Li Wei"
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 3200, 3200, 100, 100, 534
	in.CartonsOpened = []int{12, 47, 101, 166, 230, 288, 349, 402, 455, 511, 520, 530, 18, 77, 190, 260, 301, 377, 420, 498, 3, 333, 350}
	in.GoldenSampleID, in.SpecRevision = id("sample/GS-KT1750-A"), "SPEC-KT-1750 rev C"
	in.Status = inspection.Finalized
	in.Comments = "Goods fully produced and packed. Lid hinge issue reported to the factory; rework of the remaining stock is not required."
	in.Recommendation = "Release for shipment."
	return &plan{
		in: in, sections: allSections(inspection.Pass), checklist: packingChecks(), signed: true,
		findings: []inspection.Finding{
			{Class: inspection.Major, Description: "Lid hinge loose, lid does not stay open", Location: "Lid hinge", Quantity: 3, SampleID: id("sample/BS-KT1750-02")},
			{Class: inspection.Minor, Description: "Light scratch on stainless body", Location: "Body, rear side", Quantity: 5, SampleID: id("sample/BS-KT1750-01")},
			{Class: inspection.Minor, Description: "Glue residue on base", Location: "Base", Quantity: 2},
		},
		findingPics: map[int]picture{
			0: {label: "Loose lid hinge, unit 37", shape: "kettle", tint: steel, seed: 201},
			1: {label: "Scratch, rear side, unit 112", shape: "defect", tint: steel, seed: 202},
		},
		measurements: kettleMeasurements(0),
		tests:        kettleTests("4006381333931"),
		overview: []picture{
			{label: "Shipping marks, carton 47", shape: "carton", seed: 203},
			{label: "Product overview", shape: "kettle", tint: steel, seed: 204},
		},
	}
}

func (s *seeder) boardsFailed() *plan {
	in := newDemoInspection("boards-1", "LP-2026-0437", inspection.PSI, day(10, 20, 0, 0))
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = id("client/northwind"), id("supplier/brightway"), id("factory/brightway2"), id("product/boards")
	in.POs = []string{"NW-PO-58920", "NW-PO-58921"}
	in.Inspector = "Zhang Min"
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 5000, 5200, 100, 96, 209
	in.CartonsOpened = []int{4, 19, 33, 58, 71, 90, 112, 130, 151, 177, 190, 205, 8, 66}
	in.GoldenSampleID, in.SpecRevision = id("sample/GS-BB0430-B"), "SPEC-BB-0430 rev B"
	in.Status = inspection.Finalized
	in.Comments = "Cracks along the grain exceed the boundary sample on 12 units; moisture content of the affected boards measured 14–16 % (spec ≤ 12 %)."
	in.Recommendation = "Do not ship. Factory to re-dry and sort the lot; re-inspection required."
	secs := allSections(inspection.Pass)
	secs[inspection.SectionMeasurements] = inspection.Fail
	return &plan{
		in: in, sections: secs, checklist: packingChecks(), signed: true,
		notes: map[inspection.SectionKind]string{inspection.SectionMeasurements: "Moisture content above 12 % on 4 of 5 boards measured."},
		findings: []inspection.Finding{
			{Class: inspection.Major, Description: "Crack along the grain longer than 10 mm", Location: "Large board, back face", Quantity: 12, SampleID: id("sample/BS-BB0430-01")},
			{Class: inspection.Minor, Description: "Rough edge, splinter risk", Location: "Handle hole", Quantity: 6},
			{Class: inspection.Minor, Description: "Uneven oil finish", Location: "Front face", Quantity: 4, SampleID: id("sample/BS-BB0430-02")},
		},
		findingPics: map[int]picture{
			0: {label: "Crack 18 mm, board 3 of set 41", shape: "defect", tint: bamboo, seed: 301},
			1: {label: "Rough edge at handle hole", shape: "board", tint: bamboo, seed: 302},
		},
		measurements: []inspection.Measurement{
			{Characteristic: "Moisture content", Unit: "%", Nominal: 10, TolMinus: 2, TolPlus: 2, CTQ: true,
				Values: []float64{14.2, 11.8, 15.1, 13.9, 16.0}, Instrument: "Pin moisture meter (#QC-044)"},
			{Characteristic: "Large board length", Unit: "mm", Nominal: 430, TolMinus: 2, TolPlus: 2,
				Values: []float64{430.5, 429.8, 431.0, 430.2, 429.5, 430.9}, Instrument: "Steel rule 600 mm"},
		},
		tests: []inspection.Test{
			{Kind: inspection.TestDrop, Name: "Carton drop test (ISTA 1A, 76 cm)", SampleSize: 2, Result: inspection.Pass},
			{Kind: inspection.TestOdour, Name: "Odour check", SampleSize: 13, Result: inspection.Pass},
		},
		overview: []picture{{label: "Carton marks, carton 58", shape: "carton", seed: 303}},
	}
}

func (s *seeder) boardsReinspection() *plan {
	in := newDemoInspection("boards-2", "LP-2026-0488", inspection.PSI, day(11, 18, 0, 0))
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = id("client/northwind"), id("supplier/brightway"), id("factory/brightway2"), id("product/boards")
	in.POs = []string{"NW-PO-58920", "NW-PO-58921"}
	in.Inspector = "Zhang Min"
	in.ReinspectionOf = id("inspection/boards-1")
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 5000, 5200, 100, 100, 217
	in.CartonsOpened = []int{2, 25, 49, 73, 88, 104, 129, 140, 166, 181, 199, 214, 37, 150, 95}
	in.GoldenSampleID, in.SpecRevision = id("sample/GS-BB0430-B"), "SPEC-BB-0430 rev B"
	in.Comments = "Re-dried lot. Cracks now within the boundary sample. Oil finish is visibly darker than the golden sample on about a third of the sets."
	in.Recommendation = "Client to decide on the darker finish (photos in remarks)."
	secs := allSections(inspection.Pass)
	secs[inspection.SectionConformity] = inspection.Pending
	return &plan{
		in: in, sections: secs, checklist: packingChecks(),
		notes: map[inspection.SectionKind]string{inspection.SectionConformity: "Finish darker than golden sample GS-BB0430-B on about 1 in 3 sets; within the shade band but outside the golden sample. Client decision needed."},
		findings: []inspection.Finding{
			{Class: inspection.Major, Description: "Crack along the grain longer than 10 mm", Location: "Large board, back face", Quantity: 2, SampleID: id("sample/BS-BB0430-01")},
			{Class: inspection.Minor, Description: "Finish darker than golden sample", Location: "All faces", Quantity: 9, SampleID: id("sample/BS-BB0430-02")},
		},
		findingPics: map[int]picture{1: {label: "Darker finish beside golden sample", shape: "board", tint: color.RGBA{170, 120, 70, 255}, seed: 401}},
		measurements: []inspection.Measurement{
			{Characteristic: "Moisture content", Unit: "%", Nominal: 10, TolMinus: 2, TolPlus: 2, CTQ: true,
				Values: []float64{10.4, 9.8, 11.1, 10.9, 10.2, 9.6, 10.7, 11.4}, Instrument: "Pin moisture meter (#QC-044)"},
		},
		tests: []inspection.Test{{Kind: inspection.TestShade, Name: "Colour shade against golden sample (D65 light box)", SampleSize: 13, Result: inspection.Pending, Notes: "Darker on 4 of 13."}},
	}
}

func (s *seeder) shirtsDupro() *plan {
	in := newDemoInspection("shirts-1", "LP-2026-0459", inspection.DUPRO, day(11, 10, 0, 0))
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = id("client/harbor"), id("supplier/saigon"), id("factory/binhduong"), id("product/shirt")
	in.POs = []string{"HP-7731"}
	in.Inspector = "Nguyen Thi Mai"
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 1200, 6000, 40, 10, 50
	in.CartonsOpened = []int{3, 11, 17, 26, 34, 42, 49}
	in.GoldenSampleID, in.SpecRevision = id("sample/GS-TS2210-A"), "TP-2210 rev A"
	in.Status = inspection.Finalized
	in.Comments = "Production 40 % complete. Sewing quality good; remind the line to trim threads at final QC."
	in.Recommendation = "Continue production."
	return &plan{
		in: in, sections: allSections(inspection.Pass), signed: true,
		checklist: []inspection.ChecklistItem{
			{Section: inspection.SectionMarking, Text: "Care label: 100 % cotton, wash 40 °C, EN/FR/ES", Result: inspection.Pass},
			{Section: inspection.SectionMarking, Text: "Size label matches size on polybag", Result: inspection.Pass},
			{Section: inspection.SectionPacking, Text: "Folded with tissue, one per polybag with warning", Result: inspection.Pass},
		},
		findings: []inspection.Finding{
			{Class: inspection.Major, Description: "Open seam at side seam", Location: "Left side seam", Quantity: 2},
			{Class: inspection.Minor, Description: "Untrimmed thread longer than 1 cm", Location: "Hem", Quantity: 5, SampleID: id("sample/BS-TS2210-01")},
		},
		findingPics: map[int]picture{0: {label: "Open seam 2 cm, size L", shape: "shirt", tint: navy, seed: 501}},
		measurements: []inspection.Measurement{
			{Characteristic: "Chest width (size L)", Unit: "cm", Nominal: 56, TolMinus: 1, TolPlus: 1, CTQ: true,
				Values: []float64{56.2, 55.8, 56.5, 55.9, 56.1, 57.2}, Instrument: "Tape measure (#QC-003)"},
			{Characteristic: "Body length (size L)", Unit: "cm", Nominal: 74, TolMinus: 1.5, TolPlus: 1.5,
				Values: []float64{74.5, 73.8, 74.2, 74.9, 73.6}, Instrument: "Tape measure (#QC-003)"},
		},
		tests: []inspection.Test{
			{Kind: inspection.TestShade, Name: "Colour shade against golden sample", SampleSize: 8, Result: inspection.Pass},
			{Kind: inspection.TestOther, Name: "Print rub test (dry and wet, 20 cycles)", SampleSize: 5, Result: inspection.Pass},
		},
		overview: []picture{{label: "Production line 3", shape: "shirt", tint: navy, seed: 502}},
	}
}

func (s *seeder) kettleLot2() *plan {
	in := newDemoInspection("kettle-2", "LP-2026-0502", inspection.PSI, day(11, 24, 0, 0))
	in.ClientID, in.SupplierID, in.FactoryID, in.ProductID = id("client/northwind"), id("supplier/everlight"), id("factory/everlight"), id("product/kettle")
	in.POs = []string{"NW-PO-59107"}
	in.Inspector = "Li Wei"
	in.LotSize, in.QtyOrdered, in.PctProduced, in.PctPacked, in.Cartons = 2400, 2400, 100, 92, 400
	in.CartonsOpened = []int{7, 52, 96, 143, 188, 240, 281, 330, 377, 15, 120, 210, 300, 360, 399, 64, 255, 170, 20, 390}
	in.GoldenSampleID, in.SpecRevision = id("sample/GS-KT1750-A"), "SPEC-KT-1750 rev C"
	secs := map[inspection.SectionKind]inspection.Result{inspection.SectionQuantity: inspection.Pass, inspection.SectionPacking: inspection.Pass}
	return &plan{
		in: in, sections: secs, checklist: packingChecks()[:2],
		findings: []inspection.Finding{
			{Class: inspection.Major, Description: "Lid hinge loose, lid does not stay open", Location: "Lid hinge", Quantity: 4, SampleID: id("sample/BS-KT1750-02")},
			{Class: inspection.Minor, Description: "Light scratch on stainless body", Location: "Body, left side", Quantity: 3, SampleID: id("sample/BS-KT1750-01")},
		},
		findingPics:  map[int]picture{0: {label: "Lid gap 0.9 mm, unit 12", shape: "kettle", tint: steel, seed: 601}},
		measurements: kettleMeasurements(1.9)[:1],
		tests:        kettleTests("")[:2],
		overview:     []picture{{label: "Warehouse, 92 % packed", shape: "carton", seed: 602}},
	}
}
