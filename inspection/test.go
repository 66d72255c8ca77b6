package inspection

// TestKind is the kind of on-site test.
type TestKind string

// On-site test kinds a pre-shipment report lists, each with its own sample.
const (
	TestDrop       TestKind = "drop"
	TestFunction   TestKind = "function"
	TestBarcode    TestKind = "barcode"
	TestTape       TestKind = "tape"
	TestShade      TestKind = "shade"
	TestOdour      TestKind = "odour"
	TestCarton     TestKind = "carton"
	TestElectrical TestKind = "electrical"
	TestOther      TestKind = "other"
)

// TestKinds lists the test kinds in menu order.
var TestKinds = []TestKind{TestDrop, TestFunction, TestBarcode, TestTape, TestShade, TestOdour, TestCarton, TestElectrical, TestOther}

// Test is an on-site test with its own sample size and result.
type Test struct {
	ID           ID       `json:"id"`
	InspectionID ID       `json:"inspection_id"`
	Position     int      `json:"position"`
	Kind         TestKind `json:"kind"`
	Name         string   `json:"name"`
	SampleSize   int      `json:"sample_size"`
	Result       Result   `json:"result"`
	Notes        string   `json:"notes,omitempty"`
	Expected     string   `json:"expected,omitempty"` // barcode: the code the packaging must carry
	Observed     string   `json:"observed,omitempty"` // barcode: what the scanner read
}
